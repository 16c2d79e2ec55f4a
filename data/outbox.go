package data

import (
	"context"
	"time"
)

// QueueOutbox stores a complete outgoing message before anything tries to send it (synchronous=FULL:
// it exists nowhere else yet).
func (s *Store) QueueOutbox(ctx context.Context, o *OutboxItem) error {
	if err := firstErr(required("outbox", "MessageID", o.MessageID), required("outbox", "To", o.To)); err != nil {
		return err
	}
	if len(o.Raw) == 0 {
		return &ValidationError{Entity: "outbox", Field: "Raw", Code: CodeRequired}
	}
	o.State = OutboxQueued
	if o.CreatedAt.IsZero() {
		o.CreatedAt = time.Now()
	}
	var account any
	if o.AccountID != 0 {
		account = o.AccountID
	}
	res, err := s.w.ExecContext(ctx, `INSERT INTO outbox(account_id, message_id, from_addr, to_addrs, subject, raw, state, in_reply_to, created_at)
		VALUES (?,?,?,?,?,?,?,?,?)`, account, o.MessageID, o.From, o.To, o.Subject, o.Raw, o.State, o.InReplyTo, fmtTime(o.CreatedAt))
	if err != nil {
		return err
	}
	o.ID, err = res.LastInsertId()
	return err
}

// Outbox lists outgoing mail, newest first, without raw bytes.
func (s *Store) Outbox(ctx context.Context) ([]OutboxItem, error) {
	return queryAll(ctx, s.r, func(row interface{ Scan(...any) error }) (OutboxItem, error) {
		var o OutboxItem
		var created, sent string
		err := row.Scan(&o.ID, &o.AccountID, &o.MessageID, &o.From, &o.To, &o.Subject, &o.State, &o.Attempts, &o.LastError, &o.InReplyTo, &created, &sent)
		o.CreatedAt, o.SentAt = parseTime(created), parseTime(sent)
		return o, err
	}, `SELECT id, coalesce(account_id, 0), message_id, from_addr, to_addrs, subject, state, attempts, last_error, in_reply_to, created_at, sent_at
		FROM outbox ORDER BY id DESC`)
}
