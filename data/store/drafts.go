package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"loge/data/desk"
)

const draftCols = `id, coalesce(account_id, 0), to_addrs, cc_addrs, bcc_addrs, subject, body, answers, attachments, context, updated_at`

func scanDraft(row interface{ Scan(...any) error }) (desk.Draft, error) {
	var d desk.Draft
	var atts, at string
	err := row.Scan(&d.ID, &d.AccountID, &d.To, &d.Cc, &d.Bcc, &d.Subject, &d.Body, &d.Answers, &atts, &d.Context, &at)
	if atts != "" {
		d.Attachments = strings.Split(atts, "\n")
	}
	d.UpdatedAt = parseTime(at)
	return d, err
}

// SaveDraft inserts or updates a draft (ID 0 inserts and sets it).
func (s *Store) SaveDraft(ctx context.Context, d *desk.Draft) error {
	d.UpdatedAt = time.Now()
	var acct any
	if d.AccountID != 0 {
		acct = d.AccountID
	}
	args := []any{acct, d.To, d.Cc, d.Bcc, d.Subject, d.Body, d.Answers, strings.Join(d.Attachments, "\n"), d.Context, fmtTime(d.UpdatedAt)}
	if d.ID == 0 {
		res, err := s.w.ExecContext(ctx, `INSERT INTO drafts(account_id, to_addrs, cc_addrs, bcc_addrs, subject, body, answers, attachments, context, updated_at)
			VALUES (?,?,?,?,?,?,?,?,?,?)`, args...)
		if err != nil {
			return err
		}
		d.ID, err = res.LastInsertId()
		return err
	}
	return s.execOne(ctx, `UPDATE drafts SET account_id=?, to_addrs=?, cc_addrs=?, bcc_addrs=?, subject=?, body=?, answers=?, attachments=?,
		context=?, updated_at=? WHERE id=?`, append(args, d.ID)...)
}

// Drafts lists drafts, most recently edited first.
func (s *Store) Drafts(ctx context.Context) ([]desk.Draft, error) {
	return queryAll(ctx, s.r, scanDraft, `SELECT `+draftCols+` FROM drafts ORDER BY julianday(updated_at) DESC`)
}

// DraftAnswering finds the draft replying to a message, if any.
func (s *Store) DraftAnswering(ctx context.Context, messageID int64) (desk.Draft, error) {
	d, err := scanDraft(s.r.QueryRowContext(ctx, `SELECT `+draftCols+` FROM drafts WHERE answers=? ORDER BY julianday(updated_at) DESC LIMIT 1`, messageID))
	return d, notFound(err)
}

// DeleteDraft removes a draft (sent or discarded).
func (s *Store) DeleteDraft(ctx context.Context, id int64) error {
	_, err := s.w.ExecContext(ctx, `DELETE FROM drafts WHERE id=?`, id)
	return err
}

// QueueDraft turns a draft into an outbox item in one transaction: the mail is never both a draft
// and queued, nor neither.
func (s *Store) QueueDraft(ctx context.Context, draftID int64, o *desk.OutboxItem) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := queueOutbox(ctx, tx, o); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM drafts WHERE id=?`, draftID)
		return err
	})
}
