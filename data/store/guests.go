package store

import (
	"context"
	"database/sql"
	"strings"

	"loge/data/desk"
)

const guestCols = `id, title, first_name, last_name, languages, emails, phones, nationality, vip, preferences, allergies, notes, updated_hlc`

func scanGuest(row interface{ Scan(...any) error }) (desk.Guest, error) {
	var g desk.Guest
	err := row.Scan(&g.ID, &g.Title, &g.FirstName, &g.LastName, &g.Languages, &g.Emails, &g.Phones,
		&g.Nationality, &g.VIP, &g.Preferences, &g.Allergies, &g.Notes, &g.UpdatedHLC)
	return g, err
}

// guestValues are a guest's shared columns, as stored.
func guestValues(g *desk.Guest) map[string]any {
	return map[string]any{"title": trimmed(g.Title), "first_name": trimmed(g.FirstName), "last_name": trimmed(g.LastName),
		"languages": trimmed(g.Languages), "emails": trimmed(g.Emails), "phones": trimmed(g.Phones),
		"nationality": trimmed(g.Nationality), "vip": g.VIP, "preferences": trimmed(g.Preferences),
		"allergies": trimmed(g.Allergies), "notes": trimmed(g.Notes)}
}

// CreateGuest validates and stores a new guest, assigning its id when empty.
func (s *Store) CreateGuest(ctx context.Context, g *desk.Guest) error {
	return s.act(ctx, func(a *action) error { return a.createGuest(g) })
}

func (a *action) createGuest(g *desk.Guest) error {
	if err := g.Validate(); err != nil {
		return err
	}
	if g.ID == "" {
		g.ID = newID()
	}
	g.UpdatedHLC = a.stamp
	return a.create(guestSpec, g.ID, guestValues(g))
}

// UpdateGuest validates and saves every field of an existing guest; only what changed is written.
func (s *Store) UpdateGuest(ctx context.Context, g *desk.Guest) error {
	if err := g.Validate(); err != nil {
		return err
	}
	return s.act(ctx, func(a *action) error {
		changed, err := a.update(guestSpec, g.ID, guestValues(g))
		if len(changed) > 0 {
			g.UpdatedHLC = a.stamp
		}
		return err
	})
}

// DeleteGuest tombstones a guest with no stays or requests left.
func (s *Store) DeleteGuest(ctx context.Context, id string) error {
	return s.act(ctx, func(a *action) error { return a.remove(guestSpec, id) })
}

// Guest reads one guest.
func (s *Store) Guest(ctx context.Context, id string) (desk.Guest, error) {
	g, err := scanGuest(s.r.QueryRowContext(ctx, `SELECT `+guestCols+` FROM guests WHERE id=? AND deleted=0`, id))
	return g, notFound(err)
}

// Guests lists guests by last name; a non-empty filter keeps those whose name, e-mail or phone contains it.
func (s *Store) Guests(ctx context.Context, filter string) ([]desk.Guest, error) {
	q := `SELECT ` + guestCols + ` FROM guests WHERE deleted=0`
	var args []any
	if f := strings.TrimSpace(filter); f != "" {
		like := "%" + escapeLike(f) + "%"
		q += ` AND (first_name LIKE ? ESCAPE '\' OR last_name LIKE ? ESCAPE '\' OR emails LIKE ? ESCAPE '\' OR phones LIKE ? ESCAPE '\')`
		args = append(args, like, like, like, like)
	}
	q += ` ORDER BY last_name COLLATE NOCASE, first_name COLLATE NOCASE`
	return queryAll(ctx, s.r, scanGuest, q, args...)
}

// GuestByEmail finds the guest that uses an address, for suggesting a guest from a mail's sender.
func (s *Store) GuestByEmail(ctx context.Context, addr string) (desk.Guest, error) {
	addr = strings.ToLower(strings.TrimSpace(addr))
	if addr == "" {
		return desk.Guest{}, ErrNotFound
	}
	rows, err := queryAll(ctx, s.r, scanGuest, `SELECT `+guestCols+` FROM guests WHERE deleted=0 AND lower(emails) LIKE ? ESCAPE '\'`, "%"+escapeLike(addr)+"%")
	if err != nil {
		return desk.Guest{}, err
	}
	for _, g := range rows {
		for _, e := range strings.Fields(strings.ToLower(g.Emails)) {
			if strings.Trim(e, ",;") == addr {
				return g, nil
			}
		}
	}
	return desk.Guest{}, ErrNotFound
}

// execOne runs a write that must touch exactly one row; none means ErrNotFound.
func (s *Store) execOne(ctx context.Context, q string, args ...any) error {
	res, err := s.w.ExecContext(ctx, q, args...)
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return ErrNotFound
	}
	return nil
}

type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// queryAll runs q and scans every row with scan.
func queryAll[T any](ctx context.Context, db querier, scan func(interface{ Scan(...any) error }) (T, error), q string, args ...any) ([]T, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

func escapeLike(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return r.Replace(s)
}

func trimmed(s string) string { return strings.TrimSpace(s) }
