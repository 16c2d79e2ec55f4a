package store

import (
	"context"

	"loge/data/desk"
)

// StaysBetween lists the stays that are in the hotel on any day from fromDay to the day before
// toDay (YYYY-MM-DD, the hotel's days), not cancelled, by arrival then room, each with its guest's
// VIP level and whether the guest has allergies: the week view's bars. A stay departing on fromDay
// is in: its guest still checks out that morning.
func (s *Store) StaysBetween(ctx context.Context, fromDay, toDay string) ([]desk.PlannedStay, error) {
	return queryAll(ctx, s.r, func(row interface{ Scan(...any) error }) (desk.PlannedStay, error) {
		var p desk.PlannedStay
		err := scanStayInto(row, &p.Stay, &p.VIP, &p.Allergies)
		return p, err
	}, `SELECT `+stayCols+`, g.vip, trim(g.allergies) <> ''`+stayFrom+`WHERE s.deleted=0 AND s.status<>'cancelled'
		AND s.arrival_day < ? AND s.departure_day >= ? ORDER BY julianday(s.arrival), s.room, s.id`, toDay, fromDay)
}
