package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// NextICSSequence returns the iCalendar SEQUENCE to write for the calendar object uid whose content
// (everything but DTSTAMP and SEQUENCE) hashes to contentHash: 0 the first time, the same number
// again while the content is unchanged, one more each time it changed since the last export. The
// export is recorded in the same transaction.
func (s *Store) NextICSSequence(ctx context.Context, uid, contentHash string) (int, error) {
	var seq int
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var last string
		err := tx.QueryRowContext(ctx, `SELECT content_hash, sequence FROM ics_exports WHERE uid=?`, uid).Scan(&last, &seq)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			seq = 0
		case err != nil:
			return err
		case last == contentHash:
			return nil
		default:
			seq++
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO ics_exports(uid, content_hash, sequence, exported_at) VALUES (?,?,?,?)
			ON CONFLICT(uid) DO UPDATE SET content_hash=excluded.content_hash, sequence=excluded.sequence,
			exported_at=excluded.exported_at`, uid, contentHash, seq, fmtTime(time.Now()))
		return err
	})
	return seq, err
}

// ICSSequence reads the SEQUENCE last exported for uid, or ErrNotFound when it was never exported.
func (s *Store) ICSSequence(ctx context.Context, uid string) (int, error) {
	var seq int
	err := s.r.QueryRowContext(ctx, `SELECT sequence FROM ics_exports WHERE uid=?`, uid).Scan(&seq)
	return seq, notFound(err)
}
