package data

import (
	"context"
	"strconv"
	"time"
)

// Board is the shift view: what today and tomorrow hold, and what needs chasing.
type Board struct {
	Day, NextDay         string // YYYY-MM-DD
	Arrivals, Departures []Stay // today
	ArrivalsTomorrow     []Stay
	Bookings             []Request // today and tomorrow, by time; cancelled and declined left out
	Unconfirmed          []Request // requested or pending vendor, due within DueWithin or overdue
	Unanswered           []Message // guest mail unanswered for at least UnansweredAfter
	InHouseVIPs          []Stay
	UnansweredAfter      time.Duration
	DueWithin            time.Duration
}

// DefaultUnansweredHours is how long guest mail may wait before the Board lists it.
const DefaultUnansweredHours = 2

// UnansweredWindowDays is how far back the Board looks for mail still owed an answer: older mail
// left unanswered was dealt with some other way, or is the Inbox's to show.
const UnansweredWindowDays = 14

// Board builds the shift view for now, in the hotel's time zone.
func (s *Store) Board(ctx context.Context, now time.Time) (*Board, error) {
	now = now.In(s.Loc)
	b := &Board{Day: now.Format(time.DateOnly), NextDay: now.AddDate(0, 0, 1).Format(time.DateOnly), DueWithin: 48 * time.Hour}
	hours := DefaultUnansweredHours
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
	active := []string{RequestRequested, RequestPendingVendor, RequestConfirmed, RequestDone}
	for _, day := range []string{b.Day, b.NextDay} {
		rs, err := s.Requests(ctx, RequestFilter{Day: day, Statuses: active})
		if err != nil {
			return nil, err
		}
		b.Bookings = append(b.Bookings, rs...)
	}
	open, err := s.Requests(ctx, RequestFilter{Statuses: []string{RequestRequested, RequestPendingVendor}})
	if err != nil {
		return nil, err
	}
	for _, r := range open {
		if r.StartsAt.Before(now.Add(b.DueWithin)) {
			b.Unconfirmed = append(b.Unconfirmed, r)
		}
	}
	if b.Unanswered, err = s.UnansweredMail(ctx, now.AddDate(0, 0, -UnansweredWindowDays), now.Add(-b.UnansweredAfter), 200); err != nil {
		return nil, err
	}
	return b, nil
}
