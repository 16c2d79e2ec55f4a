package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"

	"loge/data/desk"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

const requestCols = `r.id, r.guest_id, coalesce(r.stay_id, ''), r.kind, r.title, coalesce(r.vendor_id, ''), r.starts_at, r.time_zone,
	r.party_size, r.status, r.confirmation, r.price_cents, r.currency, r.commission_cents, r.commission_status, r.handled_by,
	r.notes, r.private, r.updated_hlc, trim(g.title || ' ' || g.first_name || ' ' || g.last_name), coalesce(v.name, '')`

const requestFrom = ` FROM requests r JOIN guests g ON g.id = r.guest_id LEFT JOIN vendors v ON v.id = r.vendor_id `

func scanRequest(row interface{ Scan(...any) error }) (desk.Request, error) {
	var r desk.Request
	var at string
	err := row.Scan(&r.ID, &r.GuestID, &r.StayID, &r.Kind, &r.Title, &r.VendorID, &at, &r.TimeZone, &r.PartySize, &r.Status,
		&r.Confirmation, &r.PriceCents, &r.Currency, &r.CommissionCents, &r.CommissionStatus, &r.HandledBy, &r.Notes,
		&r.Private, &r.UpdatedHLC, &r.GuestName, &r.VendorName)
	r.StartsAt = parseTime(at)
	if err == nil {
		r.StartsAt = r.StartsAt.In(r.Location(time.Local))
	}
	return r, err
}

func nullable(s string) any {
	if s = trimmed(s); s == "" {
		return nil
	}
	return s
}

func (s *Store) requestArgs(r *desk.Request) []any {
	loc := r.Location(s.Loc)
	cur := strings.ToUpper(trimmed(r.Currency))
	if cur == "" {
		cur = "EUR"
	}
	return []any{r.GuestID, nullable(r.StayID), r.Kind, trimmed(r.Title), nullable(r.VendorID), fmtTime(r.StartsAt.In(loc)),
		r.StartsAt.In(loc).Format(time.DateOnly), r.TimeZone, r.PartySize, r.Status, trimmed(r.Confirmation), r.PriceCents, cur,
		r.CommissionCents, r.CommissionStatus, trimmed(r.HandledBy), trimmed(r.Notes), r.Private, r.UpdatedHLC}
}

// CreateRequest validates and stores a new request, and opens its timeline.
func (s *Store) CreateRequest(ctx context.Context, r *desk.Request) error {
	if r.Status == "" {
		r.Status = desk.RequestRequested
	}
	if err := r.Validate(); err != nil {
		return err
	}
	if r.ID == "" {
		r.ID = newID()
	}
	r.UpdatedHLC = s.clock.Now()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO requests(guest_id, stay_id, kind, title, vendor_id, starts_at, starts_day, time_zone,
			party_size, status, confirmation, price_cents, currency, commission_cents, commission_status, handled_by, notes, private, updated_hlc, id)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`, append(s.requestArgs(r), r.ID)...)
		if err != nil {
			return err
		}
		return s.logStatus(ctx, tx, r.ID, "", r.Status, r.HandledBy)
	})
	return refErr(err, "request", "GuestID")
}

// UpdateRequest validates and saves a request; a status change is added to its timeline.
func (s *Store) UpdateRequest(ctx context.Context, r *desk.Request, who string) error {
	if err := r.Validate(); err != nil {
		return err
	}
	r.UpdatedHLC = s.clock.Now()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var old string
		if err := tx.QueryRowContext(ctx, `SELECT status FROM requests WHERE id=? AND deleted=0`, r.ID).Scan(&old); err != nil {
			return notFound(err)
		}
		_, err := tx.ExecContext(ctx, `UPDATE requests SET guest_id=?, stay_id=?, kind=?, title=?, vendor_id=?, starts_at=?, starts_day=?,
			time_zone=?, party_size=?, status=?, confirmation=?, price_cents=?, currency=?, commission_cents=?, commission_status=?,
			handled_by=?, notes=?, private=?, updated_hlc=? WHERE id=?`, append(s.requestArgs(r), r.ID)...)
		if err != nil {
			return err
		}
		if old != r.Status {
			return s.logStatus(ctx, tx, r.ID, old, r.Status, who)
		}
		return nil
	})
	return refErr(err, "request", "GuestID")
}

func (s *Store) logStatus(ctx context.Context, tx *sql.Tx, requestID, from, to, who string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO request_events(id, request_id, at, who, from_status, to_status, updated_hlc) VALUES (?,?,?,?,?,?,?)`,
		newID(), requestID, fmtTime(time.Now()), who, from, to, s.clock.Now())
	return err
}

// RequestTimeline lists a request's status changes, oldest first.
func (s *Store) RequestTimeline(ctx context.Context, requestID string) ([]desk.RequestEvent, error) {
	return queryAll(ctx, s.r, func(row interface{ Scan(...any) error }) (desk.RequestEvent, error) {
		var e desk.RequestEvent
		var at string
		err := row.Scan(&at, &e.Who, &e.From, &e.To)
		e.At = parseTime(at)
		return e, err
	}, `SELECT at, who, from_status, to_status FROM request_events WHERE request_id=? ORDER BY seq`, requestID)
}

// DeleteRequest tombstones a request.
func (s *Store) DeleteRequest(ctx context.Context, id string) error {
	return s.execOne(ctx, `UPDATE requests SET deleted=1, updated_hlc=? WHERE id=? AND deleted=0`, s.clock.Now(), id)
}

// Request reads one request.
func (s *Store) Request(ctx context.Context, id string) (desk.Request, error) {
	r, err := scanRequest(s.r.QueryRowContext(ctx, `SELECT `+requestCols+requestFrom+`WHERE r.id=? AND r.deleted=0`, id))
	return r, notFound(err)
}

// RequestFilter selects requests; empty fields do not filter.
type RequestFilter struct {
	GuestID  string
	StayID   string
	VendorID string
	Day      string   // YYYY-MM-DD
	Statuses []string // any of
	Limit    int      // the first Limit only; 0: all
}

// Requests lists requests by start time.
func (s *Store) Requests(ctx context.Context, f RequestFilter) ([]desk.Request, error) {
	q := `SELECT ` + requestCols + requestFrom + `WHERE r.deleted=0`
	var args []any
	add := func(cond, v string) {
		if v != "" {
			q += " AND " + cond
			args = append(args, v)
		}
	}
	add("r.guest_id=?", f.GuestID)
	add("r.stay_id=?", f.StayID)
	add("r.vendor_id=?", f.VendorID)
	add("r.starts_day=?", f.Day)
	if len(f.Statuses) > 0 {
		q += " AND r.status IN (" + strings.TrimSuffix(strings.Repeat("?,", len(f.Statuses)), ",") + ")"
		for _, st := range f.Statuses {
			args = append(args, st)
		}
	}
	q += " ORDER BY r.starts_at"
	if f.Limit > 0 {
		q += " LIMIT " + strconv.Itoa(f.Limit)
	}
	return queryAll(ctx, s.r, scanRequest, q, args...)
}

// refErr turns a foreign-key failure into a validation error on field.
func refErr(err error, entity, field string) error {
	var se *sqlite.Error
	if errors.As(err, &se) && se.Code() == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY {
		return &desk.ValidationError{Entity: entity, Field: field, Code: desk.CodeNoSuchRef}
	}
	return err
}
