package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"loge/data/desk"
)

// The team's shared things that are not the planner: who each desk is, the status of each mail
// thread, and the shift logbook. All of it goes through the door, so it travels like the rest.

// Identity is this desk's person: the name they sign with and their initials ("" until set).
func (s *Store) Identity(ctx context.Context) (name, initials string, err error) {
	if name, err = s.Setting(ctx, "desk.user"); err != nil {
		return "", "", err
	}
	initials, err = s.Setting(ctx, "desk.initials")
	return name, initials, err
}

// SetIdentity saves who works at this desk, for the team to see: the name, and initials made of
// letters and digits only (they name the desk in IMAP keywords, e.g. $Loge_Claimed_CL).
func (s *Store) SetIdentity(ctx context.Context, name, initials string) error {
	name, initials = strings.TrimSpace(name), desk.NormalizeInitials(initials)
	if initials == "" {
		initials = desk.NormalizeInitials(desk.InitialsOf(name))
	}
	if name == "" {
		return &desk.ValidationError{Entity: "desk", Field: "Name", Code: desk.CodeRequired}
	}
	if err := s.SetSetting(ctx, "desk.user", name); err != nil {
		return err
	}
	if err := s.SetSetting(ctx, "desk.initials", initials); err != nil {
		return err
	}
	return s.act(ctx, func(a *action) error {
		return a.put(deskSpec, s.desk, map[string]any{"name": name, "initials": initials})
	})
}

// put creates the row or updates what changed.
func (a *action) put(e *entitySpec, id string, vals map[string]any) error {
	_, err := a.update(e, id, vals)
	if errors.Is(err, ErrNotFound) {
		full := map[string]any{}
		for _, c := range e.cols {
			full[c] = ""
		}
		for c, v := range vals {
			full[c] = v
		}
		return a.create(e, id, full)
	}
	return err
}

// TeamDesks lists every desk seen in the team, this one first, with its last activity.
func (s *Store) TeamDesks(ctx context.Context) ([]desk.TeamDesk, error) {
	seen, err := s.Seen(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.r.QueryContext(ctx, `SELECT d.id, d.name, d.initials, '',
		coalesce((SELECT max_hlc || '|' || sent_at FROM team_messages WHERE desk=d.id ORDER BY sent_at DESC LIMIT 1), '')
		FROM desks d WHERE d.deleted=0 ORDER BY d.id = ? DESC, d.name COLLATE NOCASE`, s.desk)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []desk.TeamDesk
	for rows.Next() {
		var d desk.TeamDesk
		var last, msg string
		if err := rows.Scan(&d.ID, &d.Name, &d.Initials, &last, &msg); err != nil {
			return nil, err
		}
		last = seen[d.ID]
		d.This = d.ID == s.desk
		d.LastActive, _ = desk.ParseHLC(last)
		// Its clock: the stamps of its last batch against the server's time for the batch.
		if stamp, at, ok := strings.Cut(msg, "|"); ok {
			st, ok1 := desk.ParseHLC(stamp)
			srv := parseTime(at)
			if ok1 && !srv.IsZero() {
				d.ClockAhead = st.Sub(srv).Round(time.Minute)
			}
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// DeskInitials maps every known desk id to its initials (for the Inbox).
func (s *Store) DeskInitials(ctx context.Context) (map[string]string, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, initials FROM desks WHERE deleted=0`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, in string
		if err := rows.Scan(&id, &in); err != nil {
			return nil, err
		}
		out[id] = in
	}
	return out, rows.Err()
}

// Mail status.

const mailCols = `id, claimed_by, status, status_through, snooze_until, updated_hlc`

func scanMailStatus(row interface{ Scan(...any) error }) (desk.MailStatus, error) {
	var m desk.MailStatus
	var snooze string
	err := row.Scan(&m.ThreadID, &m.ClaimedBy, &m.Status, &m.StatusThrough, &snooze, &m.UpdatedHLC)
	m.SnoozeUntil = parseTime(snooze)
	return m, err
}

// MailStatuses reads the team status of the threads named (missing ones have none).
func (s *Store) MailStatuses(ctx context.Context, threadIDs []string) (map[string]desk.MailStatus, error) {
	out := map[string]desk.MailStatus{}
	if len(threadIDs) == 0 {
		return out, nil
	}
	list, err := json.Marshal(threadIDs)
	if err != nil {
		return nil, err
	}
	ms, err := queryAll(ctx, s.r, scanMailStatus, `SELECT `+mailCols+` FROM mail_status WHERE deleted=0 AND id IN (SELECT value FROM json_each(?))`, string(list))
	for _, m := range ms {
		out[m.ThreadID] = m
	}
	return out, err
}

// MailStatus reads one thread's team status (zero when it has none).
func (s *Store) MailStatus(ctx context.Context, threadID string) (desk.MailStatus, error) {
	m, err := scanMailStatus(s.r.QueryRowContext(ctx, `SELECT `+mailCols+` FROM mail_status WHERE id=? AND deleted=0`, threadID))
	if errors.Is(err, sql.ErrNoRows) {
		return desk.MailStatus{ThreadID: threadID}, nil
	}
	return m, err
}

// SetMailStatus changes a thread's team status: claimed by a desk ("" releases it), a status, a
// snooze, or who is replying. Only the fields set in change are written; through is the newest
// message of the thread now, recorded with a status or a snooze.
func (s *Store) SetMailStatus(ctx context.Context, threadID string, change desk.MailChange) error {
	if threadID == "" {
		return &desk.ValidationError{Entity: "mail", Field: "ThreadID", Code: desk.CodeRequired}
	}
	vals := map[string]any{}
	if change.Claim != nil {
		vals["claimed_by"] = *change.Claim
	}
	if change.Status != nil {
		if err := desk.OneOf("mail", "Status", *change.Status, []string{"", desk.MailWaitingGuest, desk.MailWaitingVendor, desk.MailDone}); err != nil {
			return err
		}
		vals["status"], vals["status_through"] = *change.Status, change.Through
	}
	if change.Snooze != nil {
		vals["snooze_until"], vals["status_through"] = fmtTime(*change.Snooze), change.Through
	}
	if len(vals) == 0 {
		return nil
	}
	return s.act(ctx, func(a *action) error {
		if err := a.adoptKeywords(threadID, vals); err != nil {
			return err
		}
		if err := a.put(mailSpec, threadID, vals); err != nil {
			return err
		}
		return a.mirrorKeywords(threadID)
	})
}

// adoptKeywords: the first team status of a thread starts from what its newest message's keywords
// said (set by another mail client, or before the team log), so that a claim does not lose the
// Done another client set.
func (a *action) adoptKeywords(threadID string, vals map[string]any) error {
	var n int
	if err := a.tx.QueryRowContext(a.ctx, `SELECT count(*) FROM mail_status WHERE id=?`, threadID).Scan(&n); err != nil || n > 0 {
		return err
	}
	var flags, mid string
	err := a.tx.QueryRowContext(a.ctx, `SELECT m.flags, m.message_id FROM messages m JOIN mailboxes b ON b.id = m.mailbox_id
		WHERE m.thread_id=? AND m.vanished=0 AND b.role='inbox' ORDER BY m.date DESC, m.id DESC LIMIT 1`, threadID).Scan(&flags, &mid)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	fs := strings.Fields(flags)
	if _, ok := vals["status"]; !ok {
		for st, k := range desk.StatusKeywords {
			if desk.HasFlag(fs, k) {
				vals["status"], vals["status_through"] = st, mid
			}
		}
	}
	if _, ok := vals["claimed_by"]; !ok {
		for _, f := range fs {
			if len(f) > len(desk.KeywordClaimed) && strings.EqualFold(f[:len(desk.KeywordClaimed)], desk.KeywordClaimed) {
				var id string
				a.tx.QueryRowContext(a.ctx, `SELECT id FROM desks WHERE upper(initials)=upper(?) AND deleted=0`, f[len(desk.KeywordClaimed):]).Scan(&id)
				if id != "" {
					vals["claimed_by"] = id
				}
			}
		}
	}
	return nil
}

// mirrorKeywords sets the thread's status as keywords on its newest Inbox message, where the
// server keeps keywords, for other mail clients to see (journaled like any flag change).
func (a *action) mirrorKeywords(threadID string) error {
	var msgID int64
	var flags string
	err := a.tx.QueryRowContext(a.ctx, `SELECT m.id, m.flags FROM messages m JOIN mailboxes b ON b.id = m.mailbox_id
		WHERE m.thread_id=? AND m.vanished=0 AND b.keywords=1 AND b.role='inbox' ORDER BY m.date DESC, m.id DESC LIMIT 1`, threadID).Scan(&msgID, &flags)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	m, err := scanMailStatus(a.tx.QueryRowContext(a.ctx, `SELECT `+mailCols+` FROM mail_status WHERE id=?`, threadID))
	if err != nil {
		return err
	}
	want := map[string]bool{}
	if m.ClaimedBy != "" {
		var initials string
		a.tx.QueryRowContext(a.ctx, `SELECT initials FROM desks WHERE id=?`, m.ClaimedBy).Scan(&initials)
		if initials != "" {
			want[desk.KeywordClaimed+initials] = true
		}
	}
	if k := desk.StatusKeywords[m.Status]; k != "" {
		want[k] = true
	}
	if m.SnoozeUntil.After(time.Now()) {
		want[desk.KeywordSnoozed] = true
	}
	var add, remove []string
	have := strings.Fields(flags)
	for k := range want {
		if !desk.HasFlag(have, k) {
			add = append(add, k)
		}
	}
	for _, f := range have {
		if desk.IsStatusKeyword(f) && !want[f] && !wantFold(want, f) {
			remove = append(remove, f)
		}
	}
	if len(add)+len(remove) == 0 {
		return nil
	}
	return changeFlags(a.ctx, a.tx, msgID, add, remove)
}

// wantFold: servers may lowercase keywords; $loge_done is $Loge_Done.
func wantFold(want map[string]bool, f string) bool {
	for k := range want {
		if strings.EqualFold(k, f) {
			return true
		}
	}
	return false
}

// TeamView is the team status of each thread as the Inbox shows it at now: the shared status
// where the team log has one (a newer message reopens a done, waiting or snoozed thread), else
// what the newest message's keywords say (set by another mail client, or before the log).
func (s *Store) TeamView(ctx context.Context, threads []desk.Thread, now time.Time) (map[string]desk.ThreadTeam, error) {
	ids := make([]string, len(threads))
	for i, t := range threads {
		ids[i] = t.ThreadID
	}
	sts, err := s.MailStatuses(ctx, ids)
	if err != nil {
		return nil, err
	}
	initials, err := s.DeskInitials(ctx)
	if err != nil {
		return nil, err
	}
	byInitials := map[string]string{}
	for id, in := range initials {
		byInitials[strings.ToUpper(in)] = id
	}
	out := make(map[string]desk.ThreadTeam, len(threads))
	for _, t := range threads {
		var v desk.ThreadTeam
		if m, ok := sts[t.ThreadID]; ok {
			status, snoozed := m.Effective(now, t.LatestMessageID)
			v.ClaimedBy, v.Status = m.ClaimedBy, status
			v.Initials = initials[m.ClaimedBy]
			if snoozed {
				v.SnoozeUntil = m.SnoozeUntil
			}
		} else {
			for st, k := range desk.StatusKeywords {
				if desk.HasFlag(t.Flags, k) {
					v.Status = st
				}
			}
			for _, f := range t.Flags {
				if len(f) > len(desk.KeywordClaimed) && strings.EqualFold(f[:len(desk.KeywordClaimed)], desk.KeywordClaimed) {
					v.Initials = strings.ToUpper(f[len(desk.KeywordClaimed):])
					v.ClaimedBy = byInitials[v.Initials]
				}
			}
		}
		out[t.ThreadID] = v
	}
	replying, err := s.replyingOthers(ctx, ids, now)
	if err != nil {
		return nil, err
	}
	for th, desks := range replying {
		v := out[th]
		var names []string
		for _, d := range desks {
			names = append(names, desk.FirstNonEmpty(initials[d], "?"))
		}
		v.Replying = strings.Join(names, ", ")
		out[th] = v
	}
	return out, nil
}

// SetReplying says this desk is writing a reply to the thread until then (zero: no longer).
func (s *Store) SetReplying(ctx context.Context, threadID string, until time.Time) error {
	return s.act(ctx, func(a *action) error {
		return a.put(replySpec, threadID+"/"+s.desk, map[string]any{"thread_id": threadID, "desk": s.desk, "until": fmtTime(until)})
	})
}

// ReplyingOthers lists the other desks writing a reply to the thread at now.
func (s *Store) ReplyingOthers(ctx context.Context, threadID string, now time.Time) ([]string, error) {
	m, err := s.replyingOthers(ctx, []string{threadID}, now)
	return m[threadID], err
}

func (s *Store) replyingOthers(ctx context.Context, threadIDs []string, now time.Time) (map[string][]string, error) {
	list, err := json.Marshal(threadIDs)
	if err != nil {
		return nil, err
	}
	rows, err := s.r.QueryContext(ctx, `SELECT thread_id, desk, until FROM mail_replying WHERE deleted=0 AND desk<>?
		AND thread_id IN (SELECT value FROM json_each(?)) ORDER BY desk`, s.desk, string(list))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var th, d, until string
		if err := rows.Scan(&th, &d, &until); err != nil {
			return nil, err
		}
		if parseTime(until).After(now) {
			out[th] = append(out[th], d)
		}
	}
	return out, rows.Err()
}

// Logbook.

// AddLogEntry writes a logbook entry by this desk; it counts as read here.
func (s *Store) AddLogEntry(ctx context.Context, e *desk.LogEntry) error {
	e.Body = strings.TrimSpace(e.Body)
	if e.Body == "" {
		return &desk.ValidationError{Entity: "log", Field: "Body", Code: desk.CodeRequired}
	}
	if e.TargetKind != "" {
		if err := desk.OneOf("log", "TargetKind", e.TargetKind, []string{"guest", "stay", "request", "thread"}); err != nil {
			return err
		}
	}
	if e.ID == "" {
		e.ID = newID()
	}
	if e.At.IsZero() {
		e.At = time.Now()
	}
	name, _, err := s.Identity(ctx)
	if err != nil {
		return err
	}
	e.Author, e.AuthorName = s.desk, desk.FirstNonEmpty(e.AuthorName, name)
	return s.act(ctx, func(a *action) error {
		e.UpdatedHLC = a.stamp
		if err := a.create(logSpec, e.ID, map[string]any{"author": e.Author, "author_name": e.AuthorName, "at": fmtTime(e.At),
			"body": e.Body, "target_kind": e.TargetKind, "target_id": e.TargetID}); err != nil {
			return err
		}
		return a.markRead(e.ID, e.At)
	})
}

func (a *action) markRead(entryID string, at time.Time) error {
	id := entryID + "/" + a.s.desk
	var n int
	if err := a.tx.QueryRowContext(a.ctx, `SELECT count(*) FROM logbook_reads WHERE id=?`, id).Scan(&n); err != nil || n > 0 {
		return err
	}
	return a.create(logReadSpec, id, map[string]any{"entry_id": entryID, "desk": a.s.desk, "read_at": fmtTime(at)})
}

// MarkLogRead records that this desk has read the entries.
func (s *Store) MarkLogRead(ctx context.Context, entryIDs ...string) error {
	return s.act(ctx, func(a *action) error {
		for _, id := range entryIDs {
			if err := a.markRead(id, time.Now()); err != nil {
				return err
			}
		}
		return nil
	})
}

// LogEntries lists the logbook newest first, at most limit (0: all), with who has read each.
func (s *Store) LogEntries(ctx context.Context, limit int) ([]desk.LogEntry, error) {
	q := `SELECT l.id, l.author, l.author_name, l.at, l.body, l.target_kind, l.target_id, l.updated_hlc,
		coalesce((SELECT group_concat(desk, ' ') FROM logbook_reads r WHERE r.entry_id = l.id AND r.deleted=0), '')
		FROM logbook l WHERE l.deleted=0 ORDER BY l.at DESC, l.seq DESC`
	var args []any
	if limit > 0 {
		q += ` LIMIT ?`
		args = append(args, limit)
	}
	return queryAll(ctx, s.r, func(row interface{ Scan(...any) error }) (desk.LogEntry, error) {
		var e desk.LogEntry
		var at, readers string
		err := row.Scan(&e.ID, &e.Author, &e.AuthorName, &at, &e.Body, &e.TargetKind, &e.TargetID, &e.UpdatedHLC, &readers)
		e.At, e.ReadBy = parseTime(at), strings.Fields(readers)
		return e, err
	}, q, args...)
}

// UnreadLogCount is how many logbook entries this desk has not read.
func (s *Store) UnreadLogCount(ctx context.Context) (int, error) {
	var n int
	err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM logbook l WHERE l.deleted=0 AND NOT EXISTS
		(SELECT 1 FROM logbook_reads r WHERE r.entry_id = l.id AND r.desk = ? AND r.deleted=0)`, s.desk).Scan(&n)
	return n, err
}

// The team folder's messages.

// TeamMessage is one message of the team folder this desk has read.
type TeamMessage struct {
	MessageID string
	UID       uint32
	Desk      string
	Kind      string
	Ops       int
	MaxHLC    string
	SentAt    time.Time
	Problem   string
}

// RecordTeamMessage notes a team folder message as read (a second read of the same one updates it).
func (s *Store) RecordTeamMessage(ctx context.Context, m TeamMessage) error {
	return recordTeamMessage(ctx, s.w, m)
}

type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

func recordTeamMessage(ctx context.Context, db execer, m TeamMessage) error {
	_, err := db.ExecContext(ctx, `INSERT INTO team_messages(message_id, uid, desk, kind, ops, max_hlc, sent_at, problem)
		VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(message_id) DO UPDATE SET uid=excluded.uid, problem=excluded.problem`,
		m.MessageID, m.UID, m.Desk, m.Kind, m.Ops, m.MaxHLC, fmtTime(m.SentAt), m.Problem)
	return err
}

// TeamMessages lists the team folder's messages this desk has read, oldest first.
func (s *Store) TeamMessages(ctx context.Context) ([]TeamMessage, error) {
	return queryAll(ctx, s.r, func(row interface{ Scan(...any) error }) (TeamMessage, error) {
		var m TeamMessage
		var at string
		err := row.Scan(&m.MessageID, &m.UID, &m.Desk, &m.Kind, &m.Ops, &m.MaxHLC, &at, &m.Problem)
		m.SentAt = parseTime(at)
		return m, err
	}, `SELECT message_id, uid, desk, kind, ops, max_hlc, sent_at, problem FROM team_messages ORDER BY uid`)
}

// ForgetTeamMessage drops the record of a message removed from the folder.
func (s *Store) ForgetTeamMessage(ctx context.Context, messageID string) error {
	_, err := s.w.ExecContext(ctx, `DELETE FROM team_messages WHERE message_id=?`, messageID)
	return err
}

// TeamStats is what `loge stats` says of the team.
func (s *Store) TeamStats(ctx context.Context) (pending, desks int, err error) {
	if pending, err = s.UnpushedCount(ctx); err != nil {
		return 0, 0, err
	}
	err = s.r.QueryRowContext(ctx, `SELECT count(*) FROM desks WHERE deleted=0`).Scan(&desks)
	return pending, desks, err
}
