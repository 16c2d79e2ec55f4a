package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"loge/data/desk"
)

// QueueOutbox stores a complete outgoing message before anything tries to send it (synchronous=FULL:
// it exists nowhere else yet). Rcpts are the envelope recipients (To, Cc and Bcc).
func (s *Store) QueueOutbox(ctx context.Context, o *desk.OutboxItem) error {
	return s.tx(ctx, func(tx *sql.Tx) error { return queueOutbox(ctx, tx, o) })
}

func queueOutbox(ctx context.Context, tx *sql.Tx, o *desk.OutboxItem) error {
	if err := desk.FirstErr(desk.Required("outbox", "MessageID", o.MessageID), desk.Required("outbox", "To", o.To)); err != nil {
		return err
	}
	if len(o.Raw) == 0 {
		return &desk.ValidationError{Entity: "outbox", Field: "Raw", Code: desk.CodeRequired}
	}
	if len(o.Rcpts) == 0 {
		o.Rcpts = splitAddrs(o.To)
	}
	o.State = desk.OutboxQueued
	if o.CreatedAt.IsZero() {
		o.CreatedAt = time.Now()
	}
	var account any
	if o.AccountID != 0 {
		account = o.AccountID
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO outbox(account_id, message_id, from_addr, to_addrs, subject, raw, state, in_reply_to,
		created_at, answers, rcpts) VALUES (?,?,?,?,?,?,?,?,?,?,?)`, account, o.MessageID, o.From, o.To, o.Subject, o.Raw, o.State,
		o.InReplyTo, fmtTime(o.CreatedAt), o.Answers, strings.Join(o.Rcpts, ","))
	if err != nil {
		return err
	}
	o.ID, err = res.LastInsertId()
	return err
}

func splitAddrs(s string) []string {
	var out []string
	for _, a := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' }) {
		if a = strings.Trim(a, "<>"); strings.Contains(a, "@") {
			out = append(out, a)
		}
	}
	return out
}

const outboxCols = `id, coalesce(account_id, 0), message_id, from_addr, to_addrs, subject, state, attempts, last_error, in_reply_to,
	created_at, sent_at, next_attempt, answers, rcpts`

func scanOutbox(row interface{ Scan(...any) error }) (desk.OutboxItem, error) {
	var o desk.OutboxItem
	var created, sent, next, rcpts string
	err := row.Scan(&o.ID, &o.AccountID, &o.MessageID, &o.From, &o.To, &o.Subject, &o.State, &o.Attempts, &o.LastError, &o.InReplyTo,
		&created, &sent, &next, &o.Answers, &rcpts)
	o.CreatedAt, o.SentAt, o.NextAttempt = parseTime(created), parseTime(sent), parseTime(next)
	o.Rcpts = splitAddrs(rcpts)
	return o, err
}

// Outbox lists outgoing mail, newest first, without raw bytes.
func (s *Store) Outbox(ctx context.Context) ([]desk.OutboxItem, error) {
	return queryAll(ctx, s.r, scanOutbox, `SELECT `+outboxCols+` FROM outbox ORDER BY id DESC`)
}

// OutboxItem reads one outgoing mail with its raw bytes.
func (s *Store) OutboxItem(ctx context.Context, id int64) (desk.OutboxItem, error) {
	o, err := scanOutbox(s.w.QueryRowContext(ctx, `SELECT `+outboxCols+` FROM outbox WHERE id=?`, id))
	if err != nil {
		return o, notFound(err)
	}
	err = s.w.QueryRowContext(ctx, `SELECT raw FROM outbox WHERE id=?`, id).Scan(&o.Raw)
	return o, err
}

// OutboxDue lists the mail to work on now, oldest first: queued ones whose backoff has passed, any
// left sending or submitted by a crash, and unsure ones due for another look in Sent.
func (s *Store) OutboxDue(ctx context.Context, now time.Time) ([]desk.OutboxItem, error) {
	return queryAll(ctx, s.w, scanOutbox, `SELECT `+outboxCols+` FROM outbox
		WHERE state IN ('sending','submitted') OR (state IN ('queued','unsure') AND (next_attempt='' OR julianday(next_attempt)<=julianday(?))) ORDER BY id`, fmtTime(now))
}

// ClaimOutbox takes a queued mail for sending: it moves to "sending" only if it is still queued,
// in one statement, so two drainers can never both hold it. false: someone else has it, or it was
// cancelled meanwhile.
func (s *Store) ClaimOutbox(ctx context.Context, id int64) (bool, error) {
	res, err := s.w.ExecContext(ctx, `UPDATE outbox SET state='sending' WHERE id=? AND state='queued'`, id)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// OutboxMarkUnsure records that a mail may have gone out and is not in Sent; Sent is searched
// again after UnsureRecheck.
func (s *Store) OutboxMarkUnsure(ctx context.Context, id int64, cause error, now time.Time) error {
	return s.execOne(ctx, `UPDATE outbox SET state='unsure', last_error=?, next_attempt=? WHERE id=?`,
		errString(cause), fmtTime(now.Add(desk.UnsureRecheck)), id)
}

// ResolveUnsure is the user's answer about a mail that may have gone out: sendAgain queues it for
// now (the guest may receive it twice, and the user chose that), else it is marked sent.
func (s *Store) ResolveUnsure(ctx context.Context, id int64, sendAgain bool) error {
	q := `UPDATE outbox SET state='sent', sent_at=? WHERE id=? AND state='unsure'`
	arg := fmtTime(time.Now())
	if sendAgain {
		q, arg = `UPDATE outbox SET state='queued', next_attempt=? WHERE id=? AND state='unsure'`, ""
	}
	res, err := s.w.ExecContext(ctx, q, arg, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		if _, err := s.OutboxItem(ctx, id); err != nil {
			return err
		}
		return &desk.ValidationError{Entity: "outbox", Field: "State", Code: desk.CodeUnknown}
	}
	return nil
}

// SetOutboxState moves a mail to a new state (synchronous=FULL, committed before the next step).
func (s *Store) SetOutboxState(ctx context.Context, id int64, state string) error {
	sent := ""
	if state == desk.OutboxSent {
		sent = fmtTime(time.Now())
	}
	return s.execOne(ctx, `UPDATE outbox SET state=?, sent_at=CASE WHEN ?<>'' THEN ? ELSE sent_at END WHERE id=?`, state, sent, sent, id)
}

// OutboxRetry puts a mail back in the queue after a failed attempt, to be tried again after next.
func (s *Store) OutboxRetry(ctx context.Context, id int64, cause error, next time.Time) error {
	return s.execOne(ctx, `UPDATE outbox SET state='queued', attempts=attempts+1, last_error=?, next_attempt=? WHERE id=?`,
		errString(cause), fmtTime(next), id)
}

// OutboxFail marks a mail the server refused for good; it waits for the user (edit or cancel).
func (s *Store) OutboxFail(ctx context.Context, id int64, cause error) error {
	return s.execOne(ctx, `UPDATE outbox SET state='failed', attempts=attempts+1, last_error=? WHERE id=?`, errString(cause), id)
}

// CancelOutbox withdraws a mail not yet handed to the server.
func (s *Store) CancelOutbox(ctx context.Context, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var state string
		if err := tx.QueryRowContext(ctx, `SELECT state FROM outbox WHERE id=?`, id).Scan(&state); err != nil {
			return notFound(err)
		}
		if state != desk.OutboxQueued && state != desk.OutboxFailed {
			return &desk.ValidationError{Entity: "outbox", Field: "State", Code: desk.CodeUnknown, Value: state}
		}
		_, err := tx.ExecContext(ctx, `UPDATE outbox SET state='cancelled' WHERE id=?`, id)
		return err
	})
}

// RequeueOutbox puts a failed or waiting mail back in the queue for now (the user fixed the cause,
// or asks to try again at once).
func (s *Store) RequeueOutbox(ctx context.Context, id int64) error {
	return s.execOne(ctx, `UPDATE outbox SET state='queued', next_attempt='' WHERE id=? AND state IN ('failed','queued')`, id)
}

// OutboxWakeUp ends the backoff of every waiting mail: the connection is back, try now.
func (s *Store) OutboxWakeUp(ctx context.Context) error {
	_, err := s.w.ExecContext(ctx, `UPDATE outbox SET next_attempt='' WHERE state='queued'`)
	return err
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
