package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"loge/data/desk"
)

// The one door for shared writes.
//
// Guests, stays, requests and their timeline, vendors and their contacts, templates, internal notes
// mail links and the attachments kept with guests and requests are shared by the team. Every insert, update and delete of one of them happens
// here, inside an action: one write transaction for one user action, with one hybrid-clock stamp.
// The door writes only the columns whose value changed, stamps updated_hlc, and records each
// changed field as an operation (entity, id, field, JSON value, stamp, desk) in the ops table, in
// the same transaction. The team log (data/team) pushes those operations to the desk mailbox and
// applies the other desks' ones through ApplyOps.
//
// A rule test keeps SQL out of every other package; inside the store, only this file writes to
// the shared tables.

// entitySpec is one shared table: the columns a desk shares, and the ones computed locally from them.
type entitySpec struct {
	kind  string   // the entity's name in ops and links: "guest"
	table string   // "guests"
	cols  []string // shared columns, "id", "updated_hlc", "deleted" and "seq" aside
	// derive computes the local-only columns (a stay's arrival day in the hotel's zone) from the
	// shared ones, whenever one of theirs changes.
	derive func(s *Store, vals map[string]any) map[string]any
	// appendOnly tables (a request's timeline) have no tombstone: their rows are never deleted.
	appendOnly bool
}

var (
	guestSpec = &entitySpec{kind: "guest", table: "guests", cols: []string{"title", "first_name", "last_name", "languages",
		"emails", "phones", "nationality", "vip", "preferences", "allergies", "notes"}}
	staySpec = &entitySpec{kind: "stay", table: "stays", cols: []string{"guest_id", "arrival", "departure", "room",
		"party_size", "status", "notes"}, derive: deriveStay}
	requestSpec = &entitySpec{kind: "request", table: "requests", cols: []string{"guest_id", "stay_id", "kind", "title",
		"vendor_id", "starts_at", "time_zone", "party_size", "status", "confirmation", "price_cents", "currency",
		"commission_cents", "commission_status", "handled_by", "notes", "private"}, derive: deriveRequest}
	requestEventSpec = &entitySpec{kind: "request_event", table: "request_events", cols: []string{"request_id", "at", "who",
		"from_status", "to_status"}, appendOnly: true}
	// A vendor's and a contact's phones, e-mails and addresses are channels (schema 14); their
	// phone, email and address columns are local copies of the first ones.
	vendorSpec = &entitySpec{kind: "vendor", table: "vendors", cols: []string{"name", "category", "status", "status_reason",
		"city", "website", "hours", "languages", "commission_terms", "notes"}}
	contactSpec = &entitySpec{kind: "contact", table: "vendor_contacts", cols: []string{"vendor_id", "name", "role", "notes"}}
	channelSpec = &entitySpec{kind: "channel", table: "vendor_channels", cols: []string{"owner_kind", "owner_id", "medium",
		"kind", "value", "position"}}
	templateSpec = &entitySpec{kind: "template", table: "templates", cols: []string{"name", "lang", "subject", "body"}}
	noteSpec     = &entitySpec{kind: "note", table: "notes", cols: []string{"target_kind", "target_id", "author", "body", "created_at"}}
	linkSpec     = &entitySpec{kind: "link", table: "links", cols: []string{"thread_id", "target_kind", "target_id"}}
	// An attachment of a mail kept with a guest or a request (schema 16): a reference, not bytes.
	attachmentSpec = &entitySpec{kind: "attachment", table: "attachment_refs", cols: []string{"message_id", "part", "filename",
		"content_type", "size", "target_kind", "target_id"}}
	mailSpec = &entitySpec{kind: "mail", table: "mail_status", cols: []string{"claimed_by", "status", "status_through",
		"snooze_until"}}
	replySpec = &entitySpec{kind: "replying", table: "mail_replying", cols: []string{"thread_id", "desk", "until"}}
	logSpec   = &entitySpec{kind: "log", table: "logbook", cols: []string{"author", "author_name", "at", "body", "target_kind",
		"target_id"}}
	logReadSpec = &entitySpec{kind: "log_read", table: "logbook_reads", cols: []string{"entry_id", "desk", "read_at"}}
	deskSpec    = &entitySpec{kind: "desk", table: "desks", cols: []string{"name", "initials"}}
)

// sharedSpecs lists every shared entity, parents before children (the order a new desk builds
// them in from the team log).
var sharedSpecs = []*entitySpec{deskSpec, guestSpec, vendorSpec, contactSpec, channelSpec, staySpec, requestSpec, requestEventSpec,
	templateSpec, noteSpec, linkSpec, attachmentSpec, mailSpec, replySpec, logSpec, logReadSpec}

// specOf is the shared entity named kind, or nil.
func specOf(kind string) *entitySpec {
	for _, e := range sharedSpecs {
		if e.kind == kind {
			return e
		}
	}
	return nil
}

// tombstone is the field name of a delete (value true) or an undelete (false) in ops.
const tombstone = "deleted"

// action is one user action's write transaction and its clock stamp.
type action struct {
	ctx   context.Context
	tx    *sql.Tx
	s     *Store
	stamp string
	stmts map[string]*sql.Stmt // prepared in this action's transaction, closed with it
}

// act runs fn as one user action: one immediate write transaction (synchronous=FULL: what exists
// only on this desk), one clock stamp for every row and operation it writes.
func (s *Store) act(ctx context.Context, fn func(a *action) error) error {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		return fn(&action{ctx: ctx, tx: tx, s: s, stamp: s.clock.Now()})
	})
	if err == nil {
		select {
		case s.changed <- struct{}{}:
		default: // one signal waiting is enough
		}
	}
	return err
}

// LocalChanges signals after an action of this desk's has committed shared changes: the team
// worker pushes them then, instead of at its next round.
func (s *Store) LocalChanges() <-chan struct{} { return s.changed }

// sqlValue is a Go value as the driver hands it back: strings, int64 and nil (bools and ints
// become int64), so values read and values written compare equal.
func sqlValue(v any) any {
	switch x := v.(type) {
	case bool:
		if x {
			return int64(1)
		}
		return int64(0)
	case int:
		return int64(x)
	case int32:
		return int64(x)
	case []byte:
		return string(x)
	}
	return v
}

// create inserts a new row with every shared column of e, and records them all.
func (a *action) create(e *entitySpec, id string, vals map[string]any) error {
	cols := append([]string{"id", "updated_hlc"}, e.cols...)
	args := []any{id, a.stamp}
	for _, c := range e.cols {
		args = append(args, sqlValue(vals[c]))
	}
	if e.derive != nil {
		for c, v := range e.derive(a.s, vals) {
			cols = append(cols, c)
			args = append(args, sqlValue(v))
		}
	}
	if _, err := a.exec(fmt.Sprintf(`INSERT INTO %s(%s) VALUES (%s)`, e.table, strings.Join(cols, ", "), placeholders(len(cols))), args...); err != nil {
		return err
	}
	for _, c := range e.cols {
		if err := a.record(e, id, c, vals[c]); err != nil {
			return err
		}
	}
	return nil
}

// update writes the fields of vals that differ from the stored row (a live one: ErrNotFound
// otherwise), stamps it, and records what changed. changed lists the fields written; none is no
// write at all.
func (a *action) update(e *entitySpec, id string, vals map[string]any) (changed []string, err error) {
	old, err := a.current(e, id)
	if err != nil {
		return nil, err
	}
	sets, args := []string{}, []any{}
	for _, c := range e.cols {
		v, ok := vals[c]
		if !ok || sqlValue(v) == old[c] {
			continue
		}
		changed = append(changed, c)
		sets = append(sets, c+"=?")
		args = append(args, sqlValue(v))
	}
	if len(changed) == 0 {
		return nil, nil
	}
	if e.derive != nil {
		merged := map[string]any{}
		for c, v := range old {
			merged[c] = v
		}
		for c, v := range vals {
			merged[c] = v
		}
		for c, v := range e.derive(a.s, merged) {
			sets = append(sets, c+"=?")
			args = append(args, sqlValue(v))
		}
	}
	sets = append(sets, "updated_hlc=?")
	args = append(args, a.stamp, id)
	if _, err := a.exec(`UPDATE `+e.table+` SET `+strings.Join(sets, ", ")+` WHERE id=?`, args...); err != nil {
		return nil, err
	}
	for _, c := range changed {
		if err := a.record(e, id, c, vals[c]); err != nil {
			return nil, err
		}
	}
	return changed, nil
}

// remove tombstones a live row: shared rows are never deleted, so another desk's late edit of
// it still has a row to land on, and the delete itself travels as an operation.
func (a *action) remove(e *entitySpec, id string) error {
	return a.setDeleted(e, id, true)
}

// setDeleted tombstones (true) or revives (false) a row.
func (a *action) setDeleted(e *entitySpec, id string, deleted bool) error {
	res, err := a.exec(`UPDATE `+e.table+` SET deleted=?, updated_hlc=? WHERE id=? AND deleted=?`,
		sqlValue(deleted), a.stamp, id, sqlValue(!deleted))
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return ErrNotFound
	}
	return a.record(e, id, tombstone, deleted)
}

// current reads the shared columns of a live row.
func (a *action) current(e *entitySpec, id string) (map[string]any, error) {
	vals := make([]any, len(e.cols))
	ptrs := make([]any, len(e.cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	live := " AND deleted=0"
	if e.appendOnly {
		live = ""
	}
	st, err := a.stmt(`SELECT ` + strings.Join(e.cols, ", ") + ` FROM ` + e.table + ` WHERE id=?` + live)
	if err != nil {
		return nil, err
	}
	err = st.QueryRowContext(a.ctx, id).Scan(ptrs...)
	if err != nil {
		return nil, notFound(err)
	}
	out := make(map[string]any, len(e.cols))
	for i, c := range e.cols {
		out[c] = sqlValue(vals[i])
	}
	return out, nil
}

// opsSchema is the schema version that brought the operations log.
const opsSchema = 12

// record adds one operation of this desk.
func (a *action) record(e *entitySpec, id, field string, v any) error {
	if a.s.version < opsSchema {
		return nil
	}
	b, err := json.Marshal(sqlValue(v))
	if err != nil {
		return fmt.Errorf("op %s.%s: %w", e.kind, field, err)
	}
	_, err = a.tx.StmtContext(a.ctx, a.s.stmtRecord).ExecContext(a.ctx, a.stamp, a.s.desk, e.kind, id, field, string(b))
	return err
}

// mineWhere selects this desk's own operations through the partial index ops_mine (the desk id,
// hex digits only, is written in the query: SQLite uses a partial index only when the query
// repeats its condition as written).
func (s *Store) mineWhere() string { return `INDEXED BY ops_mine WHERE desk='` + s.desk + `'` }

// prepareShared prepares the statements of the door and the team log (from schema 12 on), and
// makes this desk's index of its own operations when the file has none yet.
func (s *Store) prepareShared(ctx context.Context) error {
	if s.version < opsSchema {
		return nil
	}
	if strings.Trim(s.desk, "0123456789abcdef") != "" {
		return fmt.Errorf("desk id %q is not hex", s.desk)
	}
	var n int
	if err := s.w.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE type='index' AND name='ops_mine'
		AND sql LIKE '%'||?||'%'`, s.desk).Scan(&n); err != nil {
		return err
	}
	if n == 0 { // a new desk, or a desk file copied under a new identity (a test template)
		if _, err := s.w.ExecContext(ctx, `DROP INDEX IF EXISTS ops_mine`); err != nil {
			return err
		}
		if _, err := s.w.ExecContext(ctx, `CREATE INDEX IF NOT EXISTS ops_mine ON ops(seq) WHERE desk='`+s.desk+`'`); err != nil {
			return err
		}
	}
	var err error
	// A field written twice in one action keeps its last value: one stamp, one operation.
	if s.stmtRecord, err = s.w.PrepareContext(ctx, `INSERT INTO ops(hlc, desk, entity, entity_id, field, value) VALUES (?,?,?,?,?,?)
		ON CONFLICT(entity, entity_id, field, hlc) DO UPDATE SET value=excluded.value`); err != nil {
		return err
	}
	if s.stmtInsertOp, err = s.w.PrepareContext(ctx, `INSERT INTO ops(hlc, desk, entity, entity_id, field, value) VALUES (?,?,?,?,?,?)
		ON CONFLICT(entity, entity_id, field, hlc) DO NOTHING`); err != nil {
		return err
	}
	s.stmtOpsOf, err = s.w.PrepareContext(ctx, `SELECT field, value, hlc, desk FROM ops WHERE entity=? AND entity_id=?`)
	return err
}

// exec runs a statement of this action's.
func (a *action) exec(q string, args ...any) (sql.Result, error) {
	st, err := a.stmt(q)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(a.ctx, args...)
}

// stmt is a statement of this action's, prepared once per action (a team batch applies
// thousands of rows through a handful of statements).
func (a *action) stmt(q string) (*sql.Stmt, error) {
	if st, ok := a.stmts[q]; ok {
		return st, nil
	}
	st, err := a.tx.PrepareContext(a.ctx, q)
	if err != nil {
		return nil, err
	}
	if a.stmts == nil {
		a.stmts = map[string]*sql.Stmt{}
	}
	a.stmts[q] = st
	return st, nil
}

// ids runs a query of ids inside the action.
func (a *action) ids(q string, args ...any) ([]string, error) {
	rows, err := a.tx.QueryContext(a.ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

func placeholders(n int) string { return strings.TrimSuffix(strings.Repeat("?,", n), ",") }

// Changes lists the operations this desk recorded after seq (its local log, oldest first), for
// the team log and for tests; limit 0 is all. last is the seq of the last one listed.
func (s *Store) Changes(ctx context.Context, after int64, limit int) (ops []desk.Op, last int64, err error) {
	q := `SELECT seq, entity, entity_id, field, value, hlc, desk FROM ops ` + s.mineWhere() + ` AND seq > ? ORDER BY seq`
	args := []any{after}
	if limit > 0 {
		q += ` LIMIT ?`
		args = append(args, limit)
	}
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, after, err
	}
	defer rows.Close()
	last = after
	for rows.Next() {
		var o desk.Op
		if err := rows.Scan(&last, &o.Entity, &o.ID, &o.Field, &o.Value, &o.HLC, &o.Desk); err != nil {
			return nil, after, err
		}
		ops = append(ops, o)
	}
	return ops, last, rows.Err()
}
