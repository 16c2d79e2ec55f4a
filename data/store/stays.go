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
	err := scanStayInto(row, &st)
	return st, err
}

// scanStayInto reads stayCols into st, then any columns after them into extra.
func scanStayInto(row interface{ Scan(...any) error }, st *desk.Stay, extra ...any) error {
	var arr, dep string
	err := row.Scan(append([]any{&st.ID, &st.GuestID, &arr, &dep, &st.Room, &st.PartySize, &st.Status, &st.Notes,
		&st.UpdatedHLC, &st.GuestName}, extra...)...)
	st.Arrival, st.Departure = parseTime(arr), parseTime(dep)
	return err
}

func (s *Store) day(t time.Time) string { return t.In(s.Loc).Format(time.DateOnly) }

// stayValues are a stay's shared columns, as stored.
func stayValues(st *desk.Stay) map[string]any {
	return map[string]any{"guest_id": st.GuestID, "arrival": fmtTime(st.Arrival), "departure": fmtTime(st.Departure),
		"room": trimmed(st.Room), "party_size": st.PartySize, "status": st.Status, "notes": trimmed(st.Notes)}
}

// deriveStay computes the arrival and departure days in the hotel's zone, for the Board.
func deriveStay(s *Store, vals map[string]any) map[string]any {
	day := func(v any) string {
		str, _ := v.(string)
		return s.day(parseTime(str))
	}
	return map[string]any{"arrival_day": day(vals["arrival"]), "departure_day": day(vals["departure"])}
}

// CreateStay validates and stores a new stay.
func (s *Store) CreateStay(ctx context.Context, st *desk.Stay) error {
	return s.act(ctx, func(a *action) error { return a.createStay(st) })
}

func (a *action) createStay(st *desk.Stay) error {
	if st.Status == "" {
		st.Status = desk.StayExpected
	}
	if err := st.Validate(); err != nil {
		return err
	}
	if st.ID == "" {
		st.ID = newID()
	}
	st.UpdatedHLC = a.stamp
	return refErr(a.create(staySpec, st.ID, stayValues(st)), "stay", "GuestID")
}

// UpdateStay validates and saves a stay.
func (s *Store) UpdateStay(ctx context.Context, st *desk.Stay) error {
	if err := st.Validate(); err != nil {
		return err
	}
	return refErr(s.act(ctx, func(a *action) error {
		changed, err := a.update(staySpec, st.ID, stayValues(st))
		if len(changed) > 0 {
			st.UpdatedHLC = a.stamp
		}
		return err
	}), "stay", "GuestID")
}

// DeleteStay tombstones a stay.
func (s *Store) DeleteStay(ctx context.Context, id string) error {
	return s.act(ctx, func(a *action) error { return a.remove(staySpec, id) })
}

// Stay reads one stay.
func (s *Store) Stay(ctx context.Context, id string) (desk.Stay, error) {
	st, err := scanStay(s.r.QueryRowContext(ctx, `SELECT `+stayCols+stayFrom+`WHERE s.id=? AND s.deleted=0`, id))
	return st, notFound(err)
}

// Stays lists stays, newest arrival first; guestID "" lists every guest's.
func (s *Store) Stays(ctx context.Context, guestID string) ([]desk.Stay, error) {
	if guestID != "" {
		return queryAll(ctx, s.r, scanStay, `SELECT `+stayCols+stayFrom+`WHERE s.deleted=0 AND s.guest_id=? ORDER BY julianday(s.arrival) DESC`, guestID)
	}
	return queryAll(ctx, s.r, scanStay, `SELECT `+stayCols+stayFrom+`WHERE s.deleted=0 ORDER BY julianday(s.arrival) DESC`)
}

// StaysArriving lists the stays arriving on day (YYYY-MM-DD), by time.
func (s *Store) StaysArriving(ctx context.Context, day string) ([]desk.Stay, error) {
	return queryAll(ctx, s.r, scanStay, `SELECT `+stayCols+stayFrom+`WHERE s.deleted=0 AND s.arrival_day=? AND s.status<>'cancelled' ORDER BY julianday(s.arrival)`, day)
}

// StaysDeparting lists the stays departing on day, by time.
func (s *Store) StaysDeparting(ctx context.Context, day string) ([]desk.Stay, error) {
	return queryAll(ctx, s.r, scanStay, `SELECT `+stayCols+stayFrom+`WHERE s.deleted=0 AND s.departure_day=? AND s.status<>'cancelled' ORDER BY julianday(s.departure)`, day)
}

// StaysInHouse lists the stays spanning day that are not cancelled, VIPs first; vipOnly keeps the
// guests with a VIP level.
func (s *Store) StaysInHouse(ctx context.Context, day string, vipOnly bool) ([]desk.Stay, error) {
	return queryAll(ctx, s.r, scanStay, `SELECT `+stayCols+stayFrom+`WHERE s.deleted=0 AND s.arrival_day<=? AND s.departure_day>=?
		AND s.status IN ('expected','in_house') AND (g.vip > 0 OR NOT ?) ORDER BY g.vip DESC, g.last_name`, day, day, vipOnly)
}
