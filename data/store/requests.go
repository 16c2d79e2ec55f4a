package store

import (
	"context"
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

// scanRequest reads a request, its time on the clock of its own zone, else the hotel's (the
// computer's zone put a 15:00 Paris dinner at 14:00 in a template written on a UTC desk PC).
func (s *Store) scanRequest(row interface{ Scan(...any) error }) (desk.Request, error) {
	var r desk.Request
	var at string
	err := row.Scan(&r.ID, &r.GuestID, &r.StayID, &r.Kind, &r.Title, &r.VendorID, &at, &r.TimeZone, &r.PartySize, &r.Status,
		&r.Confirmation, &r.PriceCents, &r.Currency, &r.CommissionCents, &r.CommissionStatus, &r.HandledBy, &r.Notes,
		&r.Private, &r.UpdatedHLC, &r.GuestName, &r.VendorName)
	r.StartsAt = parseTime(at)
	if err == nil {
		r.StartsAt = r.StartsAt.In(r.Location(s.Loc))
	}
	return r, err
}

func nullable(s string) any {
	if s = trimmed(s); s == "" {
		return nil
	}
	return s
}

// requestValues are a request's shared columns, as stored: its start on the clock of its own zone.
func (s *Store) requestValues(r *desk.Request) map[string]any {
	cur := strings.ToUpper(trimmed(r.Currency))
	if cur == "" {
		cur = "EUR"
	}
	return map[string]any{"guest_id": r.GuestID, "stay_id": nullable(r.StayID), "kind": r.Kind, "title": trimmed(r.Title),
		"vendor_id": nullable(r.VendorID), "starts_at": fmtTime(r.StartsAt.In(r.Location(s.Loc))), "time_zone": r.TimeZone,
		"party_size": r.PartySize, "status": r.Status, "confirmation": trimmed(r.Confirmation), "price_cents": r.PriceCents,
		"currency": cur, "commission_cents": r.CommissionCents, "commission_status": r.CommissionStatus,
		"handled_by": trimmed(r.HandledBy), "notes": trimmed(r.Notes), "private": r.Private}
}

// deriveRequest computes the day a request falls on, in its own zone (starts_at carries its offset).
func deriveRequest(_ *Store, vals map[string]any) map[string]any {
	at, _ := vals["starts_at"].(string)
	return map[string]any{"starts_day": parseTime(at).Format(time.DateOnly)}
}

// CreateRequest validates and stores a new request, and opens its timeline.
func (s *Store) CreateRequest(ctx context.Context, r *desk.Request) error {
	return s.act(ctx, func(a *action) error { return a.createRequest(r) })
}

func (a *action) createRequest(r *desk.Request) error {
	if r.Status == "" {
		r.Status = desk.RequestRequested
	}
	if err := r.Validate(); err != nil {
		return err
	}
	if r.ID == "" {
		r.ID = newID()
	}
	r.UpdatedHLC = a.stamp
	if err := a.create(requestSpec, r.ID, a.s.requestValues(r)); err != nil {
		return refErr(err, "request", "GuestID")
	}
	return a.logStatus(r.ID, "", r.Status, r.HandledBy)
}

// UpdateRequest validates and saves a request; a status change is added to its timeline.
func (s *Store) UpdateRequest(ctx context.Context, r *desk.Request, who string) error {
	if err := r.Validate(); err != nil {
		return err
	}
	return s.act(ctx, func(a *action) error { return a.updateRequest(r, who) })
}

func (a *action) updateRequest(r *desk.Request, who string) error {
	old, err := a.current(requestSpec, r.ID)
	if err != nil {
		return err
	}
	changed, err := a.update(requestSpec, r.ID, a.s.requestValues(r))
	if err != nil {
		return refErr(err, "request", "GuestID")
	}
	if len(changed) > 0 {
		r.UpdatedHLC = a.stamp
	}
	if from, _ := old["status"].(string); from != r.Status {
		return a.logStatus(r.ID, from, r.Status, who)
	}
	return nil
}

// logStatus adds a status change to a request's timeline.
func (a *action) logStatus(requestID, from, to, who string) error {
	return a.create(requestEventSpec, newID(), map[string]any{"request_id": requestID, "at": fmtTime(time.Now()),
		"who": who, "from_status": from, "to_status": to})
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
	return s.act(ctx, func(a *action) error { return a.remove(requestSpec, id) })
}

// Request reads one request.
func (s *Store) Request(ctx context.Context, id string) (desk.Request, error) {
	r, err := s.scanRequest(s.r.QueryRowContext(ctx, `SELECT `+requestCols+requestFrom+`WHERE r.id=? AND r.deleted=0`, id))
	return r, notFound(err)
}

// RequestFilter selects requests; empty fields do not filter.
type RequestFilter struct {
	GuestID  string
	StayID   string
	VendorID string
	Day      string    // YYYY-MM-DD
	FromDay  string    // YYYY-MM-DD, the first day of a range (hotel's days)
	ToDay    string    // YYYY-MM-DD, the day after the range
	Before   time.Time // starting before this instant (with the open statuses: overdue)
	Statuses []string  // any of
	Kinds    []string  // any of
	VIPOnly  bool      // only the requests of guests with a VIP level
	Private  Privacy   // private requests (surprises) kept, alone, or left out
	Order    RequestOrder
	Limit    int // the first Limit only; 0: all
}

// Privacy selects requests by their private mark.
type Privacy int

const (
	AnyPrivacy  Privacy = iota // private or not
	PrivateOnly                // the surprises alone
	NotPrivate                 // what the guest may see
)

// RequestOrder is the order Requests lists in; every order ends by start time.
type RequestOrder int

const (
	ByStart  RequestOrder = iota // start time
	ByGuest                      // guest's last then first name
	ByVendor                     // vendor's name, requests without a vendor last
	ByStatus                     // workflow order: requested, pending, confirmed, done, declined, cancelled
)

// Requests lists requests in f's order (by start time unless asked otherwise).
func (s *Store) Requests(ctx context.Context, f RequestFilter) ([]desk.Request, error) {
	q := `SELECT ` + requestCols + requestFrom + `WHERE r.deleted=0`
	var args []any
	add := func(cond, v string) {
		if v != "" {
			q += " AND " + cond
			args = append(args, v)
		}
	}
	anyOf := func(col string, vals []string) {
		if len(vals) > 0 {
			q += " AND " + col + " IN (" + strings.TrimSuffix(strings.Repeat("?,", len(vals)), ",") + ")"
			for _, v := range vals {
				args = append(args, v)
			}
		}
	}
	add("r.guest_id=?", f.GuestID)
	add("r.stay_id=?", f.StayID)
	add("r.vendor_id=?", f.VendorID)
	add("r.starts_day=?", f.Day)
	add("r.starts_day>=?", f.FromDay)
	add("r.starts_day<?", f.ToDay)
	if !f.Before.IsZero() {
		add("julianday(r.starts_at)<julianday(?)", fmtTime(f.Before))
	}
	anyOf("r.status", f.Statuses)
	anyOf("r.kind", f.Kinds)
	if f.VIPOnly {
		q += " AND g.vip>0"
	}
	switch f.Private {
	case PrivateOnly:
		q += " AND r.private=1"
	case NotPrivate:
		q += " AND r.private=0"
	}
	q += " ORDER BY " + requestOrders[f.Order] + "julianday(r.starts_at), r.seq"
	if f.Limit > 0 {
		q += " LIMIT " + strconv.Itoa(f.Limit)
	}
	return queryAll(ctx, s.r, s.scanRequest, q, args...)
}

// requestOrders are the ORDER BY terms before the start time, by RequestOrder.
var requestOrders = map[RequestOrder]string{
	ByGuest:  "g.last_name COLLATE NOCASE, g.first_name COLLATE NOCASE, g.id, ",
	ByVendor: "v.name IS NULL, v.name COLLATE NOCASE, v.id, ",
	ByStatus: "CASE r.status " + statusRanks() + " ELSE 99 END, ",
}

// statusRanks is "WHEN 'requested' THEN 0 …", the statuses in workflow order (constants, no input).
func statusRanks() string {
	var b strings.Builder
	for i, st := range desk.RequestStatuses {
		b.WriteString("WHEN '" + st + "' THEN " + strconv.Itoa(i) + " ")
	}
	return b.String()
}

// SettleCommissions marks the expected commissions of the requests ids settled, in one action
// through the door every request edit passes (so the team sees each change and the timeline
// keeps it); a request whose commission is not expected (any more) is left as it is. It returns
// the requests it changed.
func (s *Store) SettleCommissions(ctx context.Context, ids []string, who string) (settled []string, err error) {
	err = s.act(ctx, func(a *action) error {
		settled = settled[:0]
		for _, id := range ids {
			r, err := s.scanRequest(a.tx.QueryRowContext(ctx, `SELECT `+requestCols+requestFrom+`WHERE r.id=? AND r.deleted=0`, id))
			if err != nil {
				return notFound(err)
			}
			if r.CommissionStatus != desk.CommissionExpected {
				continue
			}
			r.CommissionStatus = desk.CommissionSettled
			if err := r.Validate(); err != nil {
				return err
			}
			if err := a.updateRequest(&r, who); err != nil {
				return err
			}
			settled = append(settled, id)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return settled, nil
}

// refErr turns a foreign-key failure into a validation error on field.
func refErr(err error, entity, field string) error {
	var se *sqlite.Error
	if errors.As(err, &se) && se.Code() == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY {
		return &desk.ValidationError{Entity: entity, Field: field, Code: desk.CodeNoSuchRef}
	}
	return err
}
