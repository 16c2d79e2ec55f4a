package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"loge/data/desk"
)

// SyncState is what a desk last saw of a mailbox on the server. It is saved in the same transaction
// as the messages and flags it describes, so a crash never leaves the state ahead of the data.
type SyncState struct {
	UIDValidity   uint32
	UIDNext       uint32
	HighestModSeq uint64
}

// FlagUpdate is a message's full flag list as the server now reports it.
type FlagUpdate struct {
	UID   uint32
	Flags []string
}

// Mailbox reads one mailbox.
func (s *Store) Mailbox(ctx context.Context, id int64) (desk.Mailbox, error) {
	m, err := scanMailbox(s.r.QueryRowContext(ctx, `SELECT `+mailboxCols+` FROM mailboxes WHERE id=?`, id))
	return m, notFound(err)
}

// AccountMailboxes lists an account's mailboxes.
func (s *Store) AccountMailboxes(ctx context.Context, accountID int64) ([]desk.Mailbox, error) {
	return queryAll(ctx, s.r, scanMailbox, `SELECT `+mailboxCols+` FROM mailboxes WHERE account_id=? ORDER BY name`, accountID)
}

// MailboxByRole finds an account's mailbox with a SPECIAL-USE role.
func (s *Store) MailboxByRole(ctx context.Context, accountID int64, role string) (desk.Mailbox, error) {
	m, err := scanMailbox(s.r.QueryRowContext(ctx, `SELECT `+mailboxCols+` FROM mailboxes WHERE account_id=? AND role=? ORDER BY id LIMIT 1`, accountID, role))
	return m, notFound(err)
}

func setState(ctx context.Context, tx *sql.Tx, mailboxID int64, st SyncState) error {
	_, err := tx.ExecContext(ctx, `UPDATE mailboxes SET uidvalidity=?, uidnext=?, highestmodseq=?, last_sync=? WHERE id=?`,
		st.UIDValidity, st.UIDNext, st.HighestModSeq, fmtTime(time.Now()), mailboxID)
	return err
}

// Every lookup by UID says "AND uid>0": the UID index is partial (vanished rows keep uid 0), and
// SQLite uses a partial index only when the query repeats its condition. Without it each lookup
// scanned the table, and an initial sync of 5,000 messages ran at 200 msg/s.

// saveParsed stores a batch fetched from the server (envelopes and raw bytes: browsable at once,
// searchable once the indexer has been) and the mailbox state after it, in one transaction
// (synchronous=NORMAL: the server still has the mail). A message already stored under
// that UID only gets its flags refreshed; one waiting to be re-keyed after a UIDVALIDITY change
// or a local move (same Message-ID and size) takes the new UID instead of being stored twice.
func (s *Store) saveParsed(ctx context.Context, mailboxID int64, batch []RawMessage, parsed []prepared, st SyncState) (added int, err error) {
	err = s.txRefetchable(ctx, func(tx *sql.Tx) error {
		added = 0
		// The usual batch is all new: UIDs above any stored and nothing waiting to be re-keyed. Two
		// index probes per batch spare two statements per message.
		var maxUID uint32
		var rekeying bool
		if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(uid), 0), EXISTS(SELECT 1 FROM messages WHERE mailbox_id=? AND rekey=1)
			FROM messages WHERE mailbox_id=? AND uid>0`, mailboxID, mailboxID).Scan(&maxUID, &rekeying); err != nil {
			return err
		}
		w, err := newMsgWriter(ctx, tx, true)
		if err != nil {
			return err
		}
		defer w.close()
		for i, m := range batch {
			flags := strings.Join(m.Flags, " ")
			if m.UID <= maxUID {
				res, err := tx.ExecContext(ctx, `UPDATE messages SET flags=? WHERE mailbox_id=? AND uid=? AND uid>0`, flags, mailboxID, m.UID)
				if err != nil {
					return err
				}
				if n, _ := res.RowsAffected(); n > 0 {
					continue
				}
			}
			if id := parsed[i].MessageID; id != "" && rekeying {
				res, err := tx.ExecContext(ctx, `UPDATE messages SET uid=?, flags=?, rekey=0, vanished=0 WHERE id =
					(SELECT id FROM messages WHERE mailbox_id=? AND rekey=1 AND message_id=? AND size=? LIMIT 1)`,
					m.UID, flags, mailboxID, id, len(m.Raw))
				if err != nil {
					return err
				}
				if n, _ := res.RowsAffected(); n > 0 {
					continue
				}
			}
			if _, err := w.insert(ctx, mailboxID, m, parsed[i]); err != nil {
				return fmt.Errorf("message uid %d: %w", m.UID, err)
			}
			added++
		}
		// Not indexed here: the background indexer decodes and indexes what this stored (Indexer).
		return setState(ctx, tx, mailboxID, st)
	})
	return added, err
}

// SetSyncState records a mailbox's server state on its own (nothing new was fetched).
func (s *Store) SetSyncState(ctx context.Context, mailboxID int64, st SyncState) error {
	return s.txRefetchable(ctx, func(tx *sql.Tx) error { return setState(ctx, tx, mailboxID, st) })
}

// ApplyFlags replaces the flags of the listed messages with the server's and saves the state.
// Messages with local changes not yet replayed keep their local flags: the journal wins until the
// server has acknowledged it, then the server's word is final.
func (s *Store) ApplyFlags(ctx context.Context, mailboxID int64, updates []FlagUpdate, st SyncState) error {
	return s.txRefetchable(ctx, func(tx *sql.Tx) error {
		for _, u := range updates {
			if _, err := tx.ExecContext(ctx, `UPDATE messages SET flags=? WHERE mailbox_id=? AND uid=? AND uid>0
				AND NOT EXISTS (SELECT 1 FROM mail_journal j WHERE j.mailbox_id=? AND j.uid=?)`,
				strings.Join(u.Flags, " "), mailboxID, u.UID, mailboxID, u.UID); err != nil {
				return err
			}
		}
		return setState(ctx, tx, mailboxID, st)
	})
}

// LiveUIDs lists the UIDs stored for a mailbox, ascending.
func (s *Store) LiveUIDs(ctx context.Context, mailboxID int64) ([]uint32, error) {
	return queryAll(ctx, s.r, func(row interface{ Scan(...any) error }) (uint32, error) {
		var u uint32
		err := row.Scan(&u)
		return u, err
	}, `SELECT uid FROM messages WHERE mailbox_id=? AND uid>0 ORDER BY uid`, mailboxID)
}

// MaxUID is the highest UID stored for a mailbox (0 when none).
func (s *Store) MaxUID(ctx context.Context, mailboxID int64) (uint32, error) {
	var u sql.NullInt64
	err := s.r.QueryRowContext(ctx, `SELECT max(uid) FROM messages WHERE mailbox_id=? AND uid>0`, mailboxID).Scan(&u)
	return uint32(u.Int64), err
}

// Vanish tombstones messages the server no longer has: they stay readable and linked, marked vanished,
// and their UID is released.
func (s *Store) Vanish(ctx context.Context, mailboxID int64, uids []uint32) error {
	if len(uids) == 0 {
		return nil
	}
	return s.txRefetchable(ctx, func(tx *sql.Tx) error {
		for _, u := range uids {
			if _, err := tx.ExecContext(ctx, `UPDATE messages SET vanished=1, uid=0 WHERE mailbox_id=? AND uid=? AND uid>0`, mailboxID, u); err != nil {
				return err
			}
		}
		return nil
	})
}

// StartRekey prepares a mailbox whose UIDVALIDITY changed: every stored message keeps its row (and its
// links) but loses its UID, waiting to be matched by Message-ID and size during the next full fetch.
func (s *Store) StartRekey(ctx context.Context, mailboxID int64, st SyncState) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE messages SET rekey=1, uid=0 WHERE mailbox_id=? AND vanished=0`, mailboxID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM mail_journal WHERE mailbox_id=? AND op IN ('add_flags','remove_flags')`, mailboxID); err != nil {
			return err
		}
		return setState(ctx, tx, mailboxID, SyncState{UIDValidity: st.UIDValidity})
	})
}

// FinishRekey tombstones the messages a full fetch after a UIDVALIDITY change did not find again.
func (s *Store) FinishRekey(ctx context.Context, mailboxID int64) (int, error) {
	res, err := s.w.ExecContext(ctx, `UPDATE messages SET rekey=0, vanished=1 WHERE mailbox_id=? AND rekey=1`, mailboxID)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// Journal operations.
const (
	OpAddFlags    = "add_flags"
	OpRemoveFlags = "remove_flags"
	OpMove        = "move"
)

// JournalEntry is one local mail change waiting for the server.
type JournalEntry struct {
	ID        int64
	AccountID int64
	MailboxID int64
	UID       uint32
	MessageID string
	Op        string
	Arg       string
	Attempts  int
	LastError string
}

// ChangeFlags adds and removes flags on a message at once, locally, and journals the change for the
// server (synchronous=FULL: until replayed it exists only here).
func (s *Store) ChangeFlags(ctx context.Context, messageID int64, add, remove []string) error {
	return s.tx(ctx, func(tx *sql.Tx) error { return changeFlags(ctx, tx, messageID, add, remove) })
}

func changeFlags(ctx context.Context, tx *sql.Tx, messageID int64, add, remove []string) error {
	var mb, acct int64
	var uid uint32
	var flags, mid string
	err := tx.QueryRowContext(ctx, `SELECT m.mailbox_id, b.account_id, m.uid, m.flags, m.message_id FROM messages m
		JOIN mailboxes b ON b.id = m.mailbox_id WHERE m.id=?`, messageID).Scan(&mb, &acct, &uid, &flags, &mid)
	if err != nil {
		return notFound(err)
	}
	cur := strings.Fields(flags)
	for _, f := range add {
		if !desk.HasFlag(cur, f) {
			cur = append(cur, f)
		}
	}
	cur = slices.DeleteFunc(cur, func(f string) bool { return desk.HasFlag(remove, f) })
	if _, err := tx.ExecContext(ctx, `UPDATE messages SET flags=? WHERE id=?`, strings.Join(cur, " "), messageID); err != nil {
		return err
	}
	if uid == 0 {
		return nil // not on the server (yet): nothing to replay
	}
	for op, fl := range map[string][]string{OpAddFlags: add, OpRemoveFlags: remove} {
		if len(fl) == 0 {
			continue
		}
		if err := journal(ctx, tx, JournalEntry{AccountID: acct, MailboxID: mb, UID: uid, MessageID: mid, Op: op, Arg: strings.Join(fl, " ")}); err != nil {
			return err
		}
	}
	return nil
}

// MoveMessage moves a message to another mailbox of its account (archive, trash…) locally at once and
// journals the move. Locally the row changes mailbox and waits, UID-less, to be matched when the
// target is next synced, so it is never shown twice nor lost.
func (s *Store) MoveMessage(ctx context.Context, messageID, targetMailboxID int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var mb, acct, tacct int64
		var uid uint32
		var mid, target string
		err := tx.QueryRowContext(ctx, `SELECT m.mailbox_id, b.account_id, m.uid, m.message_id FROM messages m
			JOIN mailboxes b ON b.id = m.mailbox_id WHERE m.id=?`, messageID).Scan(&mb, &acct, &uid, &mid)
		if err != nil {
			return notFound(err)
		}
		if err := tx.QueryRowContext(ctx, `SELECT account_id, name FROM mailboxes WHERE id=?`, targetMailboxID).Scan(&tacct, &target); err != nil {
			return notFound(err)
		}
		if tacct != acct {
			return &desk.ValidationError{Entity: "message", Field: "Mailbox", Code: desk.CodeNoSuchRef}
		}
		if mb == targetMailboxID {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE messages SET mailbox_id=?, uid=0, rekey=1 WHERE id=?`, targetMailboxID, messageID); err != nil {
			return err
		}
		if uid == 0 {
			return nil
		}
		// Flag changes still queued for the old place go first; the move carries them along.
		return journal(ctx, tx, JournalEntry{AccountID: acct, MailboxID: mb, UID: uid, MessageID: mid, Op: OpMove, Arg: target})
	})
}

func journal(ctx context.Context, tx *sql.Tx, e JournalEntry) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO mail_journal(account_id, mailbox_id, uid, message_id, op, arg, created_at) VALUES (?,?,?,?,?,?,?)`,
		e.AccountID, e.MailboxID, e.UID, e.MessageID, e.Op, e.Arg, fmtTime(time.Now()))
	return err
}

// Journal lists an account's pending local changes, oldest first.
func (s *Store) Journal(ctx context.Context, accountID int64) ([]JournalEntry, error) {
	return queryAll(ctx, s.r, func(row interface{ Scan(...any) error }) (JournalEntry, error) {
		var e JournalEntry
		err := row.Scan(&e.ID, &e.AccountID, &e.MailboxID, &e.UID, &e.MessageID, &e.Op, &e.Arg, &e.Attempts, &e.LastError)
		return e, err
	}, `SELECT id, account_id, mailbox_id, uid, message_id, op, arg, attempts, last_error FROM mail_journal WHERE account_id=? ORDER BY id`, accountID)
}

// JournalDone removes a change the server has applied.
func (s *Store) JournalDone(ctx context.Context, id int64) error {
	_, err := s.w.ExecContext(ctx, `DELETE FROM mail_journal WHERE id=?`, id)
	return err
}

// JournalFailed records a failed replay; the entry stays for the next attempt.
func (s *Store) JournalFailed(ctx context.Context, id int64, cause error) error {
	msg := ""
	if cause != nil {
		msg = cause.Error()
	}
	_, err := s.w.ExecContext(ctx, `UPDATE mail_journal SET attempts=attempts+1, last_error=? WHERE id=?`, msg, id)
	return err
}

// JournalCount is how many local changes wait for the server, across accounts.
func (s *Store) JournalCount(ctx context.Context) (int, error) {
	var n int
	err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM mail_journal`).Scan(&n)
	return n, err
}
