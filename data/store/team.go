package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"loge/data/desk"
)

// The store's side of the team desk: applying other desks' operations (last writer wins, per
// field, by clock stamp), what this desk has still to push, and the entity history that keeps a
// losing edit visible.

// Conflict is a value this desk wrote that another desk's concurrent edit replaced: the losing
// value stays in the entity's history, and the window says so once.
type Conflict struct {
	Entity, ID, Field string
	Mine, Theirs      string // JSON values
	By                string // the desk whose value was kept
}

// ApplyReport sums up what a batch of operations did.
type ApplyReport struct {
	New       int      // operations this desk did not have
	Applied   int      // entities whose row changed
	Pending   int      // entities still waiting for the rest of their operations (a stay before its guest)
	Skipped   []string // operations refused, each with the reason (unknown entity or field, bad value)
	Conflicts []Conflict
}

// ApplyOps takes a batch of operations from another desk (or a snapshot) in one transaction:
// operations are kept (a duplicate is ignored), the clock moves past their stamps, and every
// entity they touch is brought to the winning value of each field. seen is what the sending desk
// had received of each desk's operations when it pushed (its newest stamp by desk): a value of
// this desk's it replaces and had not seen is a conflict.
//
// Nothing is applied half: an entity whose winning values the schema refuses (a stay without its
// guest yet) waits in ops_pending and is tried again with every later batch; an operation that
// can never apply (an unknown entity or field, from a newer Loge or a hand-edited message) is
// skipped and reported.
func (s *Store) ApplyOps(ctx context.Context, ops []desk.Op, seen map[string]string) (ApplyReport, error) {
	return s.ApplyTeamMessage(ctx, ops, seen, nil, "", "")
}

// ApplyTeamMessage is ApplyOps for one message of the team folder, recorded (rec, when not nil)
// and a setting (the folder's read watermark) set in the same transaction: a crash never leaves
// a message applied but unread, or read but unapplied. The operations exist on the server, so the
// commit is synchronous=NORMAL, like fetched mail.
func (s *Store) ApplyTeamMessage(ctx context.Context, ops []desk.Op, seen map[string]string, rec *TeamMessage, key, value string) (ApplyReport, error) {
	var rep ApplyReport
	err := s.txRefetchable(ctx, func(tx *sql.Tx) error {
		rep = ApplyReport{}
		if err := s.applyOps(ctx, tx, ops, seen, &rep); err != nil {
			return err
		}
		if rec != nil {
			if len(rep.Skipped) > 0 && rec.Problem == "" {
				rec.Problem = fmt.Sprintf("%d operations skipped: %s", len(rep.Skipped), rep.Skipped[0])
			}
			if err := recordTeamMessage(ctx, tx, *rec); err != nil {
				return err
			}
		}
		if key != "" {
			if _, err := tx.ExecContext(ctx, "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", key, value); err != nil {
				return err
			}
		}
		return nil
	})
	return rep, err
}

// bigBatch is the size from which a batch (a snapshot, a desk's first push) is applied set-wise:
// the entities this desk has no operation for yet take their winners from the batch itself.
const bigBatch = 2000

func (s *Store) applyOps(ctx context.Context, tx *sql.Tx, ops []desk.Op, seen map[string]string, rep *ApplyReport) error {
	ins := tx.StmtContext(ctx, s.stmtInsertOp)
	a := &action{ctx: ctx, tx: tx, s: s}
	var known map[[2]string]bool // with a big batch: the entities this desk had operations for
	if len(ops) >= bigBatch {
		var err error
		if known, err = a.entitiesWithOps(); err != nil {
			return err
		}
	}
	touched := map[[2]string]bool{}
	fresh := map[[2]string]map[string]winner{} // new entities' winners, from the batch
	newest := map[string]string{}              // by desk, for ops_seen
	// The operations of entities new to this desk cannot conflict with what it holds: they go in
	// a hundred to a statement (a duplicate inside the batch is dropped by the unique key).
	var bulk []desk.Op
	flush := func() error {
		if len(bulk) == 0 {
			return nil
		}
		q := `INSERT INTO ops(hlc, desk, entity, entity_id, field, value) VALUES ` +
			strings.TrimSuffix(strings.Repeat("(?,?,?,?,?,?),", len(bulk)), ",") + ` ON CONFLICT(entity, entity_id, field, hlc) DO NOTHING`
		args := make([]any, 0, 6*len(bulk))
		for _, o := range bulk {
			args = append(args, o.HLC, o.Desk, o.Entity, o.ID, o.Field, o.Value)
		}
		res, err := a.exec(q, args...)
		if err != nil {
			return err
		}
		n, _ := res.RowsAffected()
		rep.New += int(n)
		bulk = bulk[:0]
		return nil
	}
	ops = legacyChannelOps(ops)
	for _, o := range ops {
		if reason := checkOp(o); reason != "" {
			rep.Skipped = append(rep.Skipped, fmt.Sprintf("%s.%s %s: %s", o.Entity, o.Field, o.ID, reason))
			continue
		}
		if o.Desk == s.desk {
			continue // our own, come back through the folder
		}
		k := [2]string{o.Entity, o.ID}
		if known != nil && !known[k] {
			if bulk = append(bulk, o); len(bulk) == 100 {
				if err := flush(); err != nil {
					return err
				}
			}
		} else {
			res, err := ins.ExecContext(ctx, o.HLC, o.Desk, o.Entity, o.ID, o.Field, o.Value)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n != 1 {
				continue
			}
			rep.New++
		}
		touched[k] = true
		s.clock.Observe(o.HLC)
		newest[o.Desk] = max(newest[o.Desk], o.HLC)
		if known != nil && !known[k] {
			ws := fresh[k]
			if ws == nil {
				ws = map[string]winner{}
				fresh[k] = ws
			}
			if cur, ok := ws[o.Field]; !ok || o.HLC > cur.hlc {
				v, err := decodeValue(o.Value)
				if err != nil {
					rep.Skipped = append(rep.Skipped, fmt.Sprintf("%s.%s %s: %v", o.Entity, o.Field, o.ID, err))
					continue
				}
				ws[o.Field] = winner{value: v, json: o.Value, hlc: o.HLC, desk: o.Desk}
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	for d, h := range newest {
		if _, err := a.exec(`INSERT INTO ops_seen(desk, hlc) VALUES (?,?) ON CONFLICT(desk) DO UPDATE SET hlc=max(hlc, excluded.hlc)`, d, h); err != nil {
			return err
		}
	}
	// Entities that could not be built before get another chance with these operations.
	rows, err := tx.QueryContext(ctx, `SELECT entity, entity_id FROM ops_pending`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var k [2]string
		if err := rows.Scan(&k[0], &k[1]); err != nil {
			rows.Close()
			return err
		}
		touched[k] = true
		delete(fresh, k)
	}
	rows.Close()
	for _, e := range sharedSpecs { // parents first
		var ids []string
		for k := range touched {
			if k[0] == e.kind {
				ids = append(ids, k[1])
			}
		}
		sort.Strings(ids)
		for _, id := range ids {
			if err := s.settle(a, e, id, fresh[[2]string{e.kind, id}], seen, rep); err != nil {
				return err
			}
		}
	}
	return nil
}

// entitiesWithOps lists every entity this desk holds an operation for (one pass over the index).
func (a *action) entitiesWithOps() (map[[2]string]bool, error) {
	rows, err := a.tx.QueryContext(a.ctx, `SELECT DISTINCT entity, entity_id FROM ops`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[[2]string]bool{}
	for rows.Next() {
		var k [2]string
		if err := rows.Scan(&k[0], &k[1]); err != nil {
			return nil, err
		}
		out[k] = true
	}
	return out, rows.Err()
}

// checkOp says why an operation can never apply, or "".
func checkOp(o desk.Op) string {
	e := specOf(o.Entity)
	switch {
	case e == nil:
		return "unknown entity"
	case o.ID == "" || o.HLC == "" || o.Desk == "":
		return "no id, stamp or desk"
	case o.Field == tombstone && e.appendOnly:
		return "cannot be deleted"
	case o.Field != tombstone && !contains(e.cols, o.Field):
		return "unknown field"
	case !json.Valid([]byte(o.Value)):
		return "value is not JSON"
	}
	// JSON the columns cannot hold (1e999, 1.5, an array) would fail the whole batch when the
	// entity settles, and the team sync would stop at that message for good.
	if _, err := decodeValue(o.Value); err != nil {
		return "value is not text, a whole number or null"
	}
	if _, ok := desk.ParseHLC(o.HLC); !ok {
		return "bad clock stamp"
	}
	return ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// winner is the value of a field with the greatest stamp, and who wrote it.
type winner struct {
	value any
	json  string
	hlc   string
	desk  string
}

// winners reads, for each field of an entity, its winning operation: the greatest stamp.
func (a *action) winners(kind, id string) (map[string]winner, error) {
	rows, err := a.tx.StmtContext(a.ctx, a.s.stmtOpsOf).QueryContext(a.ctx, kind, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]winner{}
	for rows.Next() {
		var f string
		var w winner
		if err := rows.Scan(&f, &w.json, &w.hlc, &w.desk); err != nil {
			return nil, err
		}
		if cur, ok := out[f]; ok && cur.hlc >= w.hlc {
			continue
		}
		out[f] = w
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for f, w := range out {
		v, err := decodeValue(w.json)
		if err != nil {
			return nil, err
		}
		w.value = v
		out[f] = w
	}
	return out, nil
}

// decodeValue turns an operation's JSON into what the driver stores: string, int64 or nil.
func decodeValue(js string) (any, error) {
	// The usual shapes first: a join decodes hundreds of thousands of them.
	switch {
	case js == "null":
		return nil, nil
	case js == "true":
		return int64(1), nil
	case js == "false":
		return int64(0), nil
	case len(js) > 0 && js[0] == '"':
		var s string
		err := json.Unmarshal([]byte(js), &s)
		return s, err
	}
	if n, err := strconv.ParseInt(js, 10, 64); err == nil {
		return n, nil
	}
	dec := json.NewDecoder(strings.NewReader(js))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	switch x := v.(type) {
	case json.Number:
		return x.Int64()
	case bool:
		return sqlValue(x), nil
	case string, nil:
		return x, nil
	}
	return nil, fmt.Errorf("value %s is neither text, a number nor null", js)
}

// settle brings one entity's row to the winning value of each of its fields. fresh, when not nil,
// are the winners of an entity new to this desk, taken from the batch (it has no other operation
// and, every row having its operations, no row yet).
func (s *Store) settle(a *action, e *entitySpec, id string, fresh map[string]winner, seen map[string]string, rep *ApplyReport) error {
	if fresh != nil {
		applied, err := s.write(a, e, id, nil, fresh, seen, rep)
		if err == nil {
			if applied {
				rep.Applied++
			}
			return nil
		}
		if !isConstraint(err) {
			return err
		}
		// A row after all, or one the schema refuses: the general way decides.
	}
	ws, err := a.winners(e.kind, id)
	if err != nil {
		return err
	}
	if len(ws) == 0 {
		_, err := a.exec(`DELETE FROM ops_pending WHERE entity=? AND entity_id=?`, e.kind, id)
		return err
	}
	cur, err := a.currentAny(e, id)
	if err != nil {
		return err
	}
	// One statement writes the row (an INSERT or an UPDATE), and SQLite undoes a failed statement
	// whole: no savepoint is needed to keep a refused row from touching anything.
	applied, err := s.write(a, e, id, cur, ws, seen, rep)
	if isConstraint(err) {
		// The schema refuses it as it stands (a stay before its guest, a missing required field):
		// it waits for more operations.
		if _, err := a.exec(`INSERT INTO ops_pending(entity, entity_id) VALUES (?,?) ON CONFLICT DO NOTHING`, e.kind, id); err != nil {
			return err
		}
		rep.Pending++
		return nil
	}
	if err != nil {
		return err
	}
	if _, err := a.exec(`DELETE FROM ops_pending WHERE entity=? AND entity_id=?`, e.kind, id); err != nil {
		return err
	}
	if applied {
		rep.Applied++
	}
	return nil
}

// write stores the winning values: a new row from them all, or the fields of an existing row
// whose value differs. A field no operation names keeps its value (a row from before the log).
func (s *Store) write(a *action, e *entitySpec, id string, cur map[string]any, ws map[string]winner,
	seen map[string]string, rep *ApplyReport) (bool, error) {
	ctx, tx := a.ctx, a.tx
	maxHLC := ""
	for _, w := range ws {
		maxHLC = max(maxHLC, w.hlc)
	}
	if cur == nil {
		vals := map[string]any{}
		for _, c := range e.cols {
			if w, ok := ws[c]; ok {
				vals[c] = w.value
			}
		}
		cols := []string{"id", "updated_hlc"}
		args := []any{id, maxHLC}
		for _, c := range e.cols { // in the spec's order, so that one statement serves every row
			if v, ok := vals[c]; ok {
				cols = append(cols, c)
				args = append(args, v)
			}
		}
		if w, ok := ws[tombstone]; ok && !e.appendOnly {
			cols = append(cols, tombstone)
			args = append(args, w.value)
		}
		if e.derive != nil {
			derived := e.derive(s, vals)
			for _, c := range sortedCols(derived) {
				cols = append(cols, c)
				args = append(args, sqlValue(derived[c]))
			}
		}
		st, err := a.stmt(fmt.Sprintf(`INSERT INTO %s(%s) VALUES (%s)`, e.table, strings.Join(cols, ", "), placeholders(len(cols))))
		if err != nil {
			return false, err
		}
		_, err = st.ExecContext(ctx, args...)
		return err == nil, err
	}
	var sets []string
	var args []any
	merged := map[string]any{}
	for c, v := range cur {
		merged[c] = v
	}
	fields := append([]string{}, e.cols...)
	if !e.appendOnly {
		fields = append(fields, tombstone)
	}
	for _, c := range fields {
		w, ok := ws[c]
		if !ok || w.value == cur[c] {
			continue
		}
		sets = append(sets, c+"=?")
		args = append(args, w.value)
		merged[c] = w.value
		s.noteConflict(ctx, tx, e, id, c, w, seen, rep)
	}
	if len(sets) == 0 {
		return false, nil
	}
	if e.derive != nil {
		derived := e.derive(s, merged)
		for _, c := range sortedCols(derived) {
			sets = append(sets, c+"=?")
			args = append(args, sqlValue(derived[c]))
		}
	}
	sets = append(sets, "updated_hlc=max(updated_hlc, ?)")
	args = append(args, maxHLC, id)
	st, err := a.stmt(`UPDATE ` + e.table + ` SET ` + strings.Join(sets, ", ") + ` WHERE id=?`)
	if err != nil {
		return false, err
	}
	_, err = st.ExecContext(ctx, args...)
	return err == nil, err
}

func sortedCols(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for c := range m {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}

// noteConflict reports a value of this desk's that the winner replaces without having seen it.
func (s *Store) noteConflict(ctx context.Context, tx *sql.Tx, e *entitySpec, id, field string, w winner, seen map[string]string, rep *ApplyReport) {
	if w.desk == s.desk {
		return
	}
	var mine, hlc string
	err := tx.QueryRowContext(ctx, `SELECT value, hlc FROM ops WHERE entity=? AND entity_id=? AND field=? AND desk=? ORDER BY hlc DESC LIMIT 1`,
		e.kind, id, field, s.desk).Scan(&mine, &hlc)
	if err != nil || seen == nil || seen[s.desk] >= hlc || mine == w.json {
		return // not ours, or the other desk had it and chose to change it
	}
	rep.Conflicts = append(rep.Conflicts, Conflict{Entity: e.kind, ID: id, Field: field, Mine: mine, Theirs: w.json, By: w.desk})
}

// isConstraint reports a row the schema refuses (NOT NULL, CHECK, FOREIGN KEY, UNIQUE).
func isConstraint(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_CONSTRAINT
}

// currentAny reads an entity's shared columns and tombstone, dead or alive; nil when there is no row.
func (a *action) currentAny(e *entitySpec, id string) (map[string]any, error) {
	cols := append([]string{}, e.cols...)
	if !e.appendOnly {
		cols = append(cols, tombstone)
	}
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	st, err := a.stmt(`SELECT ` + strings.Join(cols, ", ") + ` FROM ` + e.table + ` WHERE id=?`)
	if err != nil {
		return nil, err
	}
	err = st.QueryRowContext(a.ctx, id).Scan(ptrs...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	out := make(map[string]any, len(cols))
	for i, c := range cols {
		out[c] = sqlValue(vals[i])
	}
	return out, nil
}

// Unpushed lists this desk's operations the team folder does not have yet (after the last pushed
// seq), oldest first, at most limit.
func (s *Store) Unpushed(ctx context.Context, limit int) ([]desk.Op, int64, error) {
	after, err := s.settingInt(ctx, "team.pushed_seq")
	if err != nil {
		return nil, 0, err
	}
	return s.Changes(ctx, after, limit)
}

// MarkPushed records that the team folder holds this desk's operations up to seq.
func (s *Store) MarkPushed(ctx context.Context, seq int64) error {
	return s.SetSetting(ctx, "team.pushed_seq", fmt.Sprint(seq))
}

// UnpushedCount is how many of this desk's operations wait to reach the team folder.
func (s *Store) UnpushedCount(ctx context.Context) (int, error) {
	after, err := s.settingInt(ctx, "team.pushed_seq")
	if err != nil {
		return 0, err
	}
	var n int
	err = s.r.QueryRowContext(ctx, `SELECT count(*) FROM ops `+s.mineWhere()+` AND seq>?`, after).Scan(&n)
	return n, err
}

func (s *Store) settingInt(ctx context.Context, key string) (int64, error) {
	v, err := s.Setting(ctx, key)
	if err != nil || v == "" {
		return 0, err
	}
	var n int64
	_, err = fmt.Sscan(v, &n)
	return n, err
}

// Seen is the newest stamp this desk holds from each desk, itself included: sent with every
// batch so the receivers can tell a deliberate change from a concurrent one.
func (s *Store) Seen(ctx context.Context) (map[string]string, error) {
	out := map[string]string{}
	var mine sql.NullString
	if err := s.r.QueryRowContext(ctx, `SELECT hlc FROM ops `+s.mineWhere()+` ORDER BY seq DESC LIMIT 1`).Scan(&mine); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	if mine.Valid {
		out[s.desk] = mine.String
	}
	rows, err := s.r.QueryContext(ctx, `SELECT desk, hlc FROM ops_seen`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var d, h string
		if err := rows.Scan(&d, &h); err != nil {
			return nil, err
		}
		out[d] = h
	}
	return out, rows.Err()
}

// SnapshotOps is the whole shared state as operations: for every entity the winning value of each
// field, and for rows older than the log (a desk that joins a team with its own data) their
// current values at their own stamp. A new desk builds everything from it.
func (s *Store) SnapshotOps(ctx context.Context) ([]desk.Op, error) {
	var out []desk.Op
	err := s.tx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT entity, entity_id, field, value, hlc, desk FROM ops o
			WHERE hlc = (SELECT max(hlc) FROM ops WHERE entity=o.entity AND entity_id=o.entity_id AND field=o.field)
			ORDER BY entity, entity_id, field`)
		if err != nil {
			return err
		}
		have := map[[2]string]bool{}
		for rows.Next() {
			var o desk.Op
			if err := rows.Scan(&o.Entity, &o.ID, &o.Field, &o.Value, &o.HLC, &o.Desk); err != nil {
				rows.Close()
				return err
			}
			have[[2]string{o.Entity, o.ID}] = true
			out = append(out, o)
		}
		rows.Close()
		legacy, err := s.legacyOps(ctx, tx, have)
		out = append(out, legacy...)
		return err
	})
	return out, err
}

// legacyOps are the rows no operation describes (written before the log existed), as operations
// at their own stamps, so they reach the team too.
func (s *Store) legacyOps(ctx context.Context, tx *sql.Tx, have map[[2]string]bool) ([]desk.Op, error) {
	var out []desk.Op
	for _, e := range sharedSpecs {
		cols := append([]string{"id", "updated_hlc"}, e.cols...)
		if !e.appendOnly {
			cols = append(cols, tombstone)
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+strings.Join(cols, ", ")+` FROM `+e.table)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return nil, err
			}
			id, _ := sqlValue(vals[0]).(string)
			stamp, _ := sqlValue(vals[1]).(string)
			if have[[2]string{e.kind, id}] {
				continue
			}
			for i, c := range cols[2:] {
				b, err := json.Marshal(sqlValue(vals[i+2]))
				if err != nil {
					rows.Close()
					return nil, err
				}
				out = append(out, desk.Op{Entity: e.kind, ID: id, Field: c, Value: string(b), HLC: stamp, Desk: s.desk})
			}
		}
		rows.Close()
	}
	return out, nil
}

// AdoptLegacyRows records the rows no operation describes as this desk's operations at their own
// stamps, so the team receives them with the next push. Run once when a desk first syncs with a
// team folder; running it again finds nothing to do.
func (s *Store) AdoptLegacyRows(ctx context.Context) (int, error) {
	n := 0
	err := s.tx(ctx, func(tx *sql.Tx) error {
		have := map[[2]string]bool{}
		rows, err := tx.QueryContext(ctx, `SELECT DISTINCT entity, entity_id FROM ops`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var k [2]string
			if err := rows.Scan(&k[0], &k[1]); err != nil {
				rows.Close()
				return err
			}
			have[k] = true
		}
		rows.Close()
		ops, err := s.legacyOps(ctx, tx, have)
		if err != nil {
			return err
		}
		for _, o := range ops {
			if _, err := tx.ExecContext(ctx, `INSERT INTO ops(hlc, desk, entity, entity_id, field, value) VALUES (?,?,?,?,?,?)
				ON CONFLICT DO NOTHING`, o.HLC, o.Desk, o.Entity, o.ID, o.Field, o.Value); err != nil {
				return err
			}
		}
		n = len(ops)
		return nil
	})
	return n, err
}

// FieldChange is one value a field of an entity held, in its history.
type FieldChange struct {
	Field string
	Value string // JSON
	At    time.Time
	Desk  string
	Kept  bool // the value the field has now
}

// History lists every value the team gave the fields of one entity, oldest first, with the one
// kept marked: a concurrent edit that lost stays here, never vanishes.
func (s *Store) History(ctx context.Context, kind, id string) ([]FieldChange, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT field, value, hlc, desk,
		hlc = (SELECT max(hlc) FROM ops WHERE entity=o.entity AND entity_id=o.entity_id AND field=o.field)
		FROM ops o WHERE entity=? AND entity_id=? ORDER BY hlc, field`, kind, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []FieldChange
	for rows.Next() {
		var c FieldChange
		var hlc string
		if err := rows.Scan(&c.Field, &c.Value, &hlc, &c.Desk, &c.Kept); err != nil {
			return nil, err
		}
		if t, ok := desk.ParseHLC(hlc); ok {
			c.At = t
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
