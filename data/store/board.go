package store

import (
	"context"
	"strconv"
	"time"

	"loge/data/desk"
)

// Board builds the shift view for now, in the hotel's time zone.
func (s *Store) Board(ctx context.Context, now time.Time) (*desk.Board, error) {
	now = now.In(s.Loc)
	b := &desk.Board{Day: now.Format(time.DateOnly), NextDay: now.AddDate(0, 0, 1).Format(time.DateOnly), DueWithin: 48 * time.Hour}
	hours := desk.DefaultUnansweredHours
	if v, _ := s.Setting(ctx, "board.unanswered_hours"); v != "" {
		if n, err := strconv.Atoi(v); err == nil && n >= 0 {
			hours = n
		}
	}
	b.UnansweredAfter = time.Duration(hours) * time.Hour
	var err error
	if b.Arrivals, err = s.StaysArriving(ctx, b.Day); err != nil {
		return nil, err
	}
	if b.ArrivalsTomorrow, err = s.StaysArriving(ctx, b.NextDay); err != nil {
		return nil, err
	}
	if b.Departures, err = s.StaysDeparting(ctx, b.Day); err != nil {
		return nil, err
	}
	// One query, not one per guest: a full house is hundreds of stays.
	if b.InHouseVIPs, err = s.StaysInHouse(ctx, b.Day, true); err != nil {
		return nil, err
	}
	active := []string{desk.RequestRequested, desk.RequestPendingVendor, desk.RequestConfirmed, desk.RequestDone}
	for _, day := range []string{b.Day, b.NextDay} {
		rs, err := s.Requests(ctx, RequestFilter{Day: day, Statuses: active})
		if err != nil {
			return nil, err
		}
		b.Bookings = append(b.Bookings, rs...)
	}
	// Filtered by the desk, not here: a desk that has run for years holds thousands of open
	// requests further ahead, which the Board read and dropped at every refresh.
	if b.Unconfirmed, err = s.Requests(ctx, RequestFilter{Statuses: []string{desk.RequestRequested, desk.RequestPendingVendor},
		Before: now.Add(b.DueWithin)}); err != nil {
		return nil, err
	}
	if b.Unanswered, err = s.UnansweredMail(ctx, now.AddDate(0, 0, -desk.UnansweredWindowDays), now.Add(-b.UnansweredAfter), 200); err != nil {
		return nil, err
	}
	return b, nil
}
