package store

import (
	"context"
	"time"

	"loge/data/desk"
)

const stayCols = `s.id, s.guest_id, s.arrival, s.departure, s.room, s.party_size, s.status, s.notes, s.updated_hlc,
	trim(g.title || ' ' || g.first_name || ' ' || g.last_name)`

const stayFrom = ` FROM stays s JOIN guests g ON g.id = s.guest_id `

func scanStay(row interface{ Scan(...any) error }) (desk.Stay, error) {
	var st desk.Stay
	var arr, dep string
	err := row.Scan(&st.ID, &st.GuestID, &arr, &dep, &st.Room, &st.PartySize, &st.Status, &st.Notes, &st.UpdatedHLC, &st.GuestName)
	st.Arrival, st.Departure = parseTime(arr), parseTime(dep)
	return st, err
}

func (s *Store) day(t time.Time) string { return t.In(s.Loc).Format(time.DateOnly) }

// CreateStay validates and stores a new stay.
func (s *Store) CreateStay(ctx context.Context, st *desk.Stay) error {
	if st.Status == "" {
		st.Status = desk.StayExpected
	}
	if err := st.Validate(); err != nil {
		return err
	}
	if st.ID == "" {
		st.ID = newID()
	}
	st.UpdatedHLC = s.clock.Now()
	_, err := s.w.ExecContext(ctx, `INSERT INTO stays(id, guest_id, arrival, departure, arrival_day, departure_day, room, party_size, status, notes, updated_hlc)
		VALUES (?,?,?,?,?,?,?,?,?,?,?)`, st.ID, st.GuestID, fmtTime(st.Arrival), fmtTime(st.Departure),
		s.day(st.Arrival), s.day(st.Departure), trimmed(st.Room), st.PartySize, st.Status, trimmed(st.Notes), st.UpdatedHLC)
	return refErr(err, "stay", "GuestID")
}

// UpdateStay validates and saves a stay.
func (s *Store) UpdateStay(ctx context.Context, st *desk.Stay) error {
	if err := st.Validate(); err != nil {
		return err
	}
	st.UpdatedHLC = s.clock.Now()
	return refErr(s.execOne(ctx, `UPDATE stays SET guest_id=?, arrival=?, departure=?, arrival_day=?, departure_day=?, room=?,
		party_size=?, status=?, notes=?, updated_hlc=? WHERE id=? AND deleted=0`, st.GuestID, fmtTime(st.Arrival), fmtTime(st.Departure),
		s.day(st.Arrival), s.day(st.Departure), trimmed(st.Room), st.PartySize, st.Status, trimmed(st.Notes), st.UpdatedHLC, st.ID), "stay", "GuestID")
}

// DeleteStay tombstones a stay.
func (s *Store) DeleteStay(ctx context.Context, id string) error {
	return s.execOne(ctx, `UPDATE stays SET deleted=1, updated_hlc=? WHERE id=? AND deleted=0`, s.clock.Now(), id)
}

// Stay reads one stay.
func (s *Store) Stay(ctx context.Context, id string) (desk.Stay, error) {
	st, err := scanStay(s.r.QueryRowContext(ctx, `SELECT `+stayCols+stayFrom+`WHERE s.id=? AND s.deleted=0`, id))
	return st, notFound(err)
}

// Stays lists stays, newest arrival first; guestID "" lists every guest's.
func (s *Store) Stays(ctx context.Context, guestID string) ([]desk.Stay, error) {
	if guestID != "" {
		return queryAll(ctx, s.r, scanStay, `SELECT `+stayCols+stayFrom+`WHERE s.deleted=0 AND s.guest_id=? ORDER BY s.arrival DESC`, guestID)
	}
	return queryAll(ctx, s.r, scanStay, `SELECT `+stayCols+stayFrom+`WHERE s.deleted=0 ORDER BY s.arrival DESC`)
}

// StaysArriving lists the stays arriving on day (YYYY-MM-DD), by time.
func (s *Store) StaysArriving(ctx context.Context, day string) ([]desk.Stay, error) {
	return queryAll(ctx, s.r, scanStay, `SELECT `+stayCols+stayFrom+`WHERE s.deleted=0 AND s.arrival_day=? AND s.status<>'cancelled' ORDER BY s.arrival`, day)
}

// StaysDeparting lists the stays departing on day, by time.
func (s *Store) StaysDeparting(ctx context.Context, day string) ([]desk.Stay, error) {
	return queryAll(ctx, s.r, scanStay, `SELECT `+stayCols+stayFrom+`WHERE s.deleted=0 AND s.departure_day=? AND s.status<>'cancelled' ORDER BY s.departure`, day)
}

// StaysInHouse lists the stays spanning day that are not cancelled, VIPs first; vipOnly keeps the
// guests with a VIP level.
func (s *Store) StaysInHouse(ctx context.Context, day string, vipOnly bool) ([]desk.Stay, error) {
	return queryAll(ctx, s.r, scanStay, `SELECT `+stayCols+stayFrom+`WHERE s.deleted=0 AND s.arrival_day<=? AND s.departure_day>=?
		AND s.status IN ('expected','in_house') AND (g.vip > 0 OR NOT ?) ORDER BY g.vip DESC, g.last_name`, day, day, vipOnly)
}
