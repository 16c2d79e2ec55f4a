package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"loge/data/desk"

	"loge/data/mime"
)

const accountCols = `id, name, email, imap_host, imap_port, imap_security, imap_user, smtp_host, smtp_port, smtp_security, smtp_user, ca_file, signature`

func scanAccount(row interface{ Scan(...any) error }) (desk.Account, error) {
	var a desk.Account
	err := row.Scan(&a.ID, &a.Name, &a.Email, &a.IMAPHost, &a.IMAPPort, &a.IMAPSecurity, &a.IMAPUser, &a.SMTPHost, &a.SMTPPort,
		&a.SMTPSecurity, &a.SMTPUser, &a.CAFile, &a.Signature)
	return a, err
}

func defaults(a *desk.Account) {
	if a.IMAPSecurity == "" {
		a.IMAPSecurity = "tls"
	}
	if a.SMTPSecurity == "" {
		a.SMTPSecurity = "tls"
	}
	if a.IMAPPort == 0 {
		a.IMAPPort = 993
	}
	if a.SMTPPort == 0 {
		a.SMTPPort = 465
	}
}

// CreateAccount stores a mail account (never its password).
func (s *Store) CreateAccount(ctx context.Context, a *desk.Account) error {
	defaults(a)
	if err := a.Validate(); err != nil {
		return err
	}
	res, err := s.w.ExecContext(ctx, `INSERT INTO accounts(name, email, imap_host, imap_port, imap_security, imap_user, smtp_host,
		smtp_port, smtp_security, smtp_user, ca_file, signature) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`, trimmed(a.Name), trimmed(a.Email),
		trimmed(a.IMAPHost), a.IMAPPort, a.IMAPSecurity, trimmed(a.IMAPUser), trimmed(a.SMTPHost), a.SMTPPort, a.SMTPSecurity,
		trimmed(a.SMTPUser), trimmed(a.CAFile), a.Signature)
	if err != nil {
		return err
	}
	a.ID, err = res.LastInsertId()
	return err
}

// UpdateAccount saves an account's settings.
func (s *Store) UpdateAccount(ctx context.Context, a *desk.Account) error {
	defaults(a)
	if err := a.Validate(); err != nil {
		return err
	}
	return s.execOne(ctx, `UPDATE accounts SET name=?, email=?, imap_host=?, imap_port=?, imap_security=?, imap_user=?, smtp_host=?,
		smtp_port=?, smtp_security=?, smtp_user=?, ca_file=?, signature=? WHERE id=?`, trimmed(a.Name), trimmed(a.Email),
		trimmed(a.IMAPHost), a.IMAPPort, a.IMAPSecurity, trimmed(a.IMAPUser), trimmed(a.SMTPHost), a.SMTPPort, a.SMTPSecurity,
		trimmed(a.SMTPUser), trimmed(a.CAFile), a.Signature, a.ID)
}

// Accounts lists the desk's accounts.
func (s *Store) Accounts(ctx context.Context) ([]desk.Account, error) {
	return queryAll(ctx, s.r, scanAccount, `SELECT `+accountCols+` FROM accounts ORDER BY name`)
}

// AccountByName finds an account by its name.
func (s *Store) AccountByName(ctx context.Context, name string) (desk.Account, error) {
	a, err := scanAccount(s.r.QueryRowContext(ctx, `SELECT `+accountCols+` FROM accounts WHERE name=?`, name))
	return a, notFound(err)
}

const mailboxCols = `id, account_id, name, role, uidvalidity, uidnext, highestmodseq, last_sync, keywords`

func scanMailbox(row interface{ Scan(...any) error }) (desk.Mailbox, error) {
	var m desk.Mailbox
	var last string
	err := row.Scan(&m.ID, &m.AccountID, &m.Name, &m.Role, &m.UIDValidity, &m.UIDNext, &m.HighestModSeq, &last, &m.Keywords)
	m.LastSync = parseTime(last)
	return m, err
}

// SetKeywordsAllowed records whether a mailbox keeps custom keywords (PERMANENTFLAGS with \*).
func (s *Store) SetKeywordsAllowed(ctx context.Context, mailboxID int64, ok bool) error {
	return s.execOne(ctx, `UPDATE mailboxes SET keywords=? WHERE id=?`, ok, mailboxID)
}

// EnsureMailbox returns the account's mailbox of that name, creating it when new. A mailbox already
// known with the same role costs one read, no write: every sync calls this for every folder.
func (s *Store) EnsureMailbox(ctx context.Context, accountID int64, name, role string) (*desk.Mailbox, error) {
	m, err := scanMailbox(s.w.QueryRowContext(ctx, `SELECT `+mailboxCols+` FROM mailboxes WHERE account_id=? AND name=?`, accountID, name))
	if err == nil && (role == "" || m.Role == role) {
		return &m, nil
	}
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	_, err = s.w.ExecContext(ctx, `INSERT INTO mailboxes(account_id, name, role) VALUES (?,?,?)
		ON CONFLICT(account_id, name) DO UPDATE SET role = CASE WHEN excluded.role <> '' THEN excluded.role ELSE role END`, accountID, name, role)
	if err != nil {
		return nil, err
	}
	m, err = scanMailbox(s.w.QueryRowContext(ctx, `SELECT `+mailboxCols+` FROM mailboxes WHERE account_id=? AND name=?`, accountID, name))
	if err != nil {
		return nil, err
	}
	return &m, nil
}

// Mailboxes lists every mailbox, Inbox first.
func (s *Store) Mailboxes(ctx context.Context) ([]desk.Mailbox, error) {
	return queryAll(ctx, s.r, scanMailbox, `SELECT `+mailboxCols+` FROM mailboxes
		ORDER BY account_id, CASE role WHEN 'inbox' THEN 0 WHEN 'sent' THEN 2 WHEN 'archive' THEN 3 WHEN 'drafts' THEN 4 WHEN 'trash' THEN 5 ELSE 1 END, name`)
}

// RawMessage is one message as fetched from a server: its UID, flags and bytes.
type RawMessage struct {
	UID      uint32
	Flags    []string
	Raw      []byte
	Internal time.Time // the server's INTERNALDATE: the date of a mail whose Date header is missing or unreadable
}

// AddRawMessage parses raw and stores it in a mailbox under uid with flags. Raw bytes are always kept;
// a message that cannot be parsed is stored anyway, with what could be read.
func (s *Store) AddRawMessage(ctx context.Context, mailboxID int64, uid uint32, flags []string, raw []byte) (int64, error) {
	ids, err := s.AddRawMessages(ctx, mailboxID, []RawMessage{{UID: uid, Flags: flags, Raw: raw}})
	if err != nil {
		return 0, err
	}
	return ids[0], nil
}

// AddRawMessages stores a batch of messages in one transaction, committed with synchronous=NORMAL:
// mail that came from the server can be fetched again. Parsing happens before the transaction opens.
func (s *Store) AddRawMessages(ctx context.Context, mailboxID int64, batch []RawMessage) ([]int64, error) {
	parsed := prepareAll(batch, mime.Parse)
	ids := make([]int64, len(batch))
	err := s.txRefetchable(ctx, func(tx *sql.Tx) error {
		w, err := newMsgWriter(ctx, tx, false)
		if err != nil {
			return err
		}
		defer w.close()
		for i, m := range batch {
			if ids[i], err = w.insert(ctx, mailboxID, m, parsed[i]); err != nil {
				return fmt.Errorf("message uid %d: %w", m.UID, err)
			}
		}
		return w.index(ctx)
	})
	return ids, err
}

// prepared is a message made ready for the writer: parsed, and its raw bytes packed for storage.
type prepared struct {
	*mime.Parsed
	blob  []byte
	codec int
}

// prepareAll parses (with parse: mime.Parse, or mime.Envelope for mail the indexer decodes later)
// and packs a batch on the CPUs the writer does not need: that is the part of storing mail that
// does not need the single writer connection, so it runs beside it.
func prepareAll(batch []RawMessage, parse func([]byte) *mime.Parsed) []prepared {
	out := make([]prepared, len(batch))
	besideWriter(len(batch), func(i int) {
		blob, codec := packRaw(batch[i].Raw)
		out[i] = prepared{Parsed: parse(batch[i].Raw), blob: blob, codec: codec}
	})
	return out
}

// besideWriter runs f(0) … f(n-1) on every CPU but one. That one is left to the writer, the stage
// everything waits for: with a worker per CPU the writer shared its core and a 20,000-message sync
// took 4% longer.
func besideWriter(n int, f func(i int)) {
	inParallel(n, runtime.GOMAXPROCS(0)-1, f)
}

// inParallel runs f(0) … f(n-1) on up to workers goroutines (at least one), each taking the next
// index in order.
func inParallel(n, workers int, f func(i int)) {
	workers = min(max(1, workers), n)
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				f(i)
			}
		})
	}
	wg.Wait()
}

// msgWriter inserts messages inside one transaction with statements prepared once, and indexes
// what it inserted in one go at the end (index): see migration 0007 for why not row by row. A
// writer for envelopes (behind) stores them for the background indexer instead (migration 0015).
type msgWriter struct {
	tx                                   *sql.Tx
	behind                               bool
	msg, raw, att, threadRef, threadSubj *sql.Stmt
	first, last                          int64 // ids inserted, not yet indexed
}

func newMsgWriter(ctx context.Context, tx *sql.Tx, behind bool) (*msgWriter, error) {
	w := &msgWriter{tx: tx, behind: behind}
	for _, p := range []struct {
		dst *(*sql.Stmt)
		sql string
	}{
		{&w.msg, `INSERT INTO messages(mailbox_id, uid, message_id, in_reply_to, refs, thread_id, from_name, from_addr,
			to_addrs, cc_addrs, subject, date, flags, size, snippet, body_text, has_attachments, index_state)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`},
		{&w.raw, `INSERT INTO message_raw(message_id, raw, codec) VALUES (?, ?, ?)`},
		{&w.att, `INSERT INTO attachments(message_id, part, filename, content_type, size) VALUES (?,?,?,?,?)`},
		{&w.threadRef, `SELECT thread_id FROM messages WHERE message_id=? AND thread_id<>'' LIMIT 1`},
		{&w.threadSubj, `SELECT thread_id FROM messages WHERE subject=? AND date>=? ORDER BY date DESC LIMIT 1`},
	} {
		st, err := tx.PrepareContext(ctx, p.sql)
		if err != nil {
			w.close()
			return nil, err
		}
		*p.dst = st
	}
	return w, nil
}

func (w *msgWriter) close() {
	for _, st := range []*sql.Stmt{w.msg, w.raw, w.att, w.threadRef, w.threadSubj} {
		if st != nil {
			st.Close()
		}
	}
}

// threadOf finds the conversation a message belongs to: the thread of any message it refers to, else the
// root it names, else (for a reply without references) a recent message with the same subject.
func (w *msgWriter) threadOf(ctx context.Context, p *mime.Parsed) (string, error) {
	refs := append([]string(nil), p.References...)
	if p.InReplyTo != "" {
		refs = append(refs, p.InReplyTo)
	}
	for _, ref := range refs {
		var t string
		err := w.threadRef.QueryRowContext(ctx, ref).Scan(&t)
		if err == nil {
			return t, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return "", err
		}
	}
	if len(refs) > 0 {
		return refs[0], nil
	}
	if norm := desk.NormalizeSubject(p.Subject); norm != "" && norm != strings.TrimSpace(p.Subject) {
		var t string
		since := p.Date.Add(-30 * 24 * time.Hour).Unix()
		err := w.threadSubj.QueryRowContext(ctx, norm, since).Scan(&t)
		if err == nil {
			return t, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return "", err
		}
	}
	return p.MessageID, nil
}

// insert stores one message; it is searchable once index has run.
func (w *msgWriter) insert(ctx context.Context, mailboxID int64, m RawMessage, pr prepared) (int64, error) {
	p := pr.Parsed
	if p.MessageID == "" {
		// No Message-ID: give it a stable local one so links and threads can still hold it.
		p.MessageID = "local-" + newID() + "@loge.invalid"
	}
	thread, err := w.threadOf(ctx, p)
	if err != nil {
		return 0, err
	}
	date := p.Date
	if date.IsZero() {
		date = m.Internal // when the server received it, not when this desk synced it
	}
	if date.IsZero() {
		date = time.Now()
	}
	res, err := w.msg.ExecContext(ctx, mailboxID, m.UID, p.MessageID, p.InReplyTo, strings.Join(p.References, " "), thread,
		p.FromName, p.FromAddr, p.To, p.Cc, p.Subject, date.Unix(), strings.Join(m.Flags, " "), len(m.Raw), p.Snippet(), p.Text,
		len(p.Attachments) > 0, !w.behind)
	if err != nil {
		return 0, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return 0, err
	}
	if _, err := w.raw.ExecContext(ctx, id, pr.blob, pr.codec); err != nil {
		return 0, err
	}
	for _, a := range p.Attachments {
		if _, err := w.att.ExecContext(ctx, id, a.Part, a.Filename, a.ContentType, a.Size); err != nil {
			return 0, err
		}
	}
	if w.behind {
		return id, nil // index_state 0: the indexer's
	}
	if w.first == 0 {
		w.first = id
	}
	w.last = id
	return id, nil
}

// index adds the messages inserted since the last call to the search index in one statement: one
// FTS5 segment per batch instead of one per message (migration 0007). Ids inserted by one
// transaction of the single writer are consecutive.
func (w *msgWriter) index(ctx context.Context) error {
	if w.first == 0 {
		return nil
	}
	_, err := w.tx.ExecContext(ctx, `INSERT INTO messages_fts(rowid, subject, from_name, from_addr, body_text)
		SELECT id, subject, from_name, from_addr, body_text FROM messages WHERE id BETWEEN ? AND ?`, w.first, w.last)
	w.first, w.last = 0, 0
	return err
}

const messageCols = `id, mailbox_id, uid, message_id, in_reply_to, refs, thread_id, from_name, from_addr, to_addrs, cc_addrs, subject,
	date, flags, size, snippet, body_text, has_attachments, vanished, index_state=0`

func scanMessage(row interface{ Scan(...any) error }) (desk.Message, error) {
	var m desk.Message
	var date int64
	var flags string
	err := row.Scan(&m.ID, &m.MailboxID, &m.UID, &m.MessageID, &m.InReplyTo, &m.References, &m.ThreadID, &m.FromName, &m.FromAddr,
		&m.To, &m.Cc, &m.Subject, &date, &flags, &m.Size, &m.Snippet, &m.BodyText, &m.HasAttachments, &m.Vanished, &m.Unindexed)
	m.Date = time.Unix(date, 0)
	m.Flags = strings.Fields(flags)
	return m, err
}

// Message reads one message (without its raw bytes); one the indexer has not reached yet is
// decoded from them.
func (s *Store) Message(ctx context.Context, id int64) (desk.Message, error) {
	m, err := scanMessage(s.r.QueryRowContext(ctx, `SELECT `+messageCols+` FROM messages WHERE id=?`, id))
	if err == nil {
		s.decodePending(ctx, &m)
	}
	return m, notFound(err)
}

// RawMessage reads a message's original bytes.
func (s *Store) RawMessage(ctx context.Context, id int64) ([]byte, error) {
	var blob []byte
	var codec int
	if err := s.r.QueryRowContext(ctx, `SELECT raw, codec FROM message_raw WHERE message_id=?`, id).Scan(&blob, &codec); err != nil {
		return nil, notFound(err)
	}
	return unpackRaw(blob, codec)
}

// MessageIDByHeader finds the local id of the message with that Message-ID.
func (s *Store) MessageIDByHeader(ctx context.Context, messageID string) (int64, error) {
	var id int64
	err := s.r.QueryRowContext(ctx, `SELECT id FROM messages WHERE message_id=? ORDER BY id LIMIT 1`, strings.Trim(messageID, "<> ")).Scan(&id)
	return id, notFound(err)
}

// ThreadIDOf returns the thread a message belongs to.
func (s *Store) ThreadIDOf(ctx context.Context, id int64) (string, error) {
	var t string
	err := s.r.QueryRowContext(ctx, `SELECT thread_id FROM messages WHERE id=?`, id).Scan(&t)
	return t, notFound(err)
}

// ThreadMessages lists a thread's messages, oldest first, across mailboxes, decoding those the
// indexer has not reached yet.
func (s *Store) ThreadMessages(ctx context.Context, threadID string) ([]desk.Message, error) {
	ms, err := queryAll(ctx, s.r, scanMessage, `SELECT `+messageCols+` FROM messages WHERE thread_id=? ORDER BY date, id`, threadID)
	for i := range ms {
		s.decodePending(ctx, &ms[i])
	}
	return ms, err
}

// Attachments lists a message's attachments: for one the indexer has not reached yet, as it will
// list them, read from the raw bytes.
func (s *Store) Attachments(ctx context.Context, messageID int64) ([]desk.Attachment, error) {
	if atts, pending := s.pendingAttachments(ctx, messageID); pending {
		return atts, nil
	}
	return queryAll(ctx, s.r, func(row interface{ Scan(...any) error }) (desk.Attachment, error) {
		var a desk.Attachment
		err := row.Scan(&a.ID, &a.MessageID, &a.Part, &a.Filename, &a.ContentType, &a.Size)
		return a, err
	}, `SELECT id, message_id, part, filename, content_type, size FROM attachments WHERE message_id=? ORDER BY id`, messageID)
}

// Threads lists a mailbox's conversations, newest first: the newest message of each, its counts and
// whether it is linked to the planner. limit <= 0 means 500.
//
// It walks the mailbox newest first and stops at limit distinct threads, then counts those threads
// through the thread index: grouping the whole mailbox by thread read every row, 570 ms on a 100k
// Inbox, where this reads a few hundred.
func (s *Store) Threads(ctx context.Context, mailboxID int64, limit int) ([]desk.Thread, error) {
	if limit <= 0 {
		limit = 500
	}
	rows, err := s.r.QueryContext(ctx, `SELECT thread_id FROM messages INDEXED BY messages_mailbox_date
		WHERE mailbox_id=? AND vanished=0 ORDER BY date DESC`, mailboxID)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var ids []string
	for len(ids) < limit && rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return nil, err
		}
		if !seen[t] {
			seen[t] = true
			ids = append(ids, t)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(ids) == 0 {
		return nil, err
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return nil, err
	}
	return queryAll(ctx, s.r, func(row interface{ Scan(...any) error }) (desk.Thread, error) {
		var t desk.Thread
		var last int64
		var flags string
		err := row.Scan(&t.ThreadID, &t.LatestID, &t.LatestMessageID, &t.Subject, &t.FromName, &t.FromAddr, &last, &t.Snippet, &flags, &t.Count, &t.Unread, &t.Linked)
		t.Last = time.Unix(last, 0)
		t.Flags = strings.Fields(flags)
		t.Answered = desk.HasFlag(t.Flags, `\Answered`)
		return t, err
	}, `WITH latest AS (
			SELECT m.thread_id, max(m.date) AS last, count(*) AS n,
				sum(CASE WHEN (' ' || m.flags || ' ') LIKE '% \Seen %' THEN 0 ELSE 1 END) AS unread
			FROM json_each(?) t JOIN messages m INDEXED BY messages_thread ON m.thread_id = t.value
			WHERE m.mailbox_id=? AND m.vanished=0 GROUP BY m.thread_id)
		SELECT l.thread_id, m.id, m.message_id, m.subject, m.from_name, m.from_addr, l.last, m.snippet, m.flags, l.n, l.unread,
			(SELECT count(*) FROM links k WHERE k.thread_id = l.thread_id AND k.deleted=0)
		FROM latest l JOIN messages m ON m.id = (SELECT id FROM messages INDEXED BY messages_thread
			WHERE thread_id=l.thread_id AND mailbox_id=? AND vanished=0 ORDER BY date DESC, id DESC LIMIT 1)
		ORDER BY l.last DESC, l.thread_id`, string(list), mailboxID, mailboxID)
}

// SetFlags replaces a message's flags locally.
func (s *Store) SetFlags(ctx context.Context, id int64, flags []string) error {
	return s.execOne(ctx, `UPDATE messages SET flags=? WHERE id=?`, strings.Join(flags, " "), id)
}

// UnansweredMail lists inbox messages received between since and olderThan that nobody has dealt
// with: no \Answered, no team keyword saying it is done or waiting on someone else, no later reply
// in Sent. Oldest first. The window keeps it to the mail a desk still owes an answer (and to an
// index range: on a 100k desk, scanning every inbox message from the oldest took 340 ms).
func (s *Store) UnansweredMail(ctx context.Context, since, olderThan time.Time, limit int) ([]desk.Message, error) {
	return queryAll(ctx, s.r, scanMessage, `SELECT `+messageCols+` FROM messages m
		WHERE m.mailbox_id IN (SELECT id FROM mailboxes WHERE role='inbox') AND m.date>=? AND m.date<=? AND +m.vanished=0
		AND (' ' || m.flags || ' ') NOT LIKE '% \Answered %' AND (' ' || m.flags || ' ') NOT LIKE '% '||?||' %' AND (' ' || m.flags || ' ') NOT LIKE '% '||?||' %'
		AND NOT EXISTS (SELECT 1 FROM messages r WHERE r.thread_id = m.thread_id AND r.date > m.date
			AND r.mailbox_id IN (SELECT id FROM mailboxes WHERE role='sent'))
		ORDER BY m.date LIMIT ?`, since.Unix(), olderThan.Unix(), desk.KeywordDone, desk.KeywordWaiting, limit)
}

// NewInboxMail lists the unread inbox messages stored after the message afterID (ids only grow),
// oldest first, at most limit: what arrived since the window last looked, for its notifications.
// It also returns the newest message id, the next call's afterID (limit 0 asks for that alone).
func (s *Store) NewInboxMail(ctx context.Context, afterID int64, limit int) ([]desk.Message, int64, error) {
	var newest int64
	if err := s.r.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM messages`).Scan(&newest); err != nil {
		return nil, afterID, err
	}
	if newest <= afterID || limit <= 0 {
		return nil, max(newest, afterID), nil
	}
	msgs, err := queryAll(ctx, s.r, scanMessage, `SELECT `+messageCols+` FROM messages m
		WHERE m.id > ? AND m.id <= ? AND m.mailbox_id IN (SELECT id FROM mailboxes WHERE role='inbox') AND +m.vanished=0
		AND (' ' || m.flags || ' ') NOT LIKE '% \Seen %'
		ORDER BY m.id LIMIT ?`, afterID, newest, limit)
	return msgs, newest, err
}

// ListMessages lists the stored messages that are not tombstoned, by mailbox then UID, of one
// mailbox (mailboxID 0: all), at most limit (0: all) — for `loge list messages` and scripts.
func (s *Store) ListMessages(ctx context.Context, mailboxID int64, limit int) ([]desk.Message, error) {
	if limit <= 0 {
		limit = -1
	}
	return queryAll(ctx, s.r, scanMessage, `SELECT `+messageCols+` FROM messages
		WHERE (?1 = 0 OR mailbox_id = ?1) AND vanished = 0 ORDER BY mailbox_id, uid, id LIMIT ?2`, mailboxID, limit)
}

// NoSuchAttachmentError is an attachment number a message does not have.
type NoSuchAttachmentError struct {
	Message    int64
	Index, Has int
}

func (e *NoSuchAttachmentError) Error() string {
	return fmt.Sprintf("message %d has %d attachments, not %d", e.Message, e.Has, e.Index)
}

func (e *NoSuchAttachmentError) Is(target error) bool { return target == ErrNotFound }

// WriteAttachment writes the index-th attachment (1-based, in the order Attachments lists them) of
// a stored message to w, read from its raw bytes: byte for byte as the sender attached it, never a
// second copy kept. It gives the attachment's metadata; *NoSuchAttachmentError when there is no such one.
func (s *Store) WriteAttachment(ctx context.Context, messageID int64, index int, w io.Writer) (desk.Attachment, error) {
	atts, err := s.Attachments(ctx, messageID)
	if err != nil {
		return desk.Attachment{}, err
	}
	if index < 1 || index > len(atts) {
		return desk.Attachment{}, &NoSuchAttachmentError{Message: messageID, Index: index, Has: len(atts)}
	}
	raw, err := s.RawMessage(ctx, messageID)
	if err != nil {
		return desk.Attachment{}, err
	}
	a := atts[index-1]
	if _, err := mime.WriteAttachment(raw, a.Part, w); err != nil {
		return a, fmt.Errorf("attachment %d of message %d: %w", index, messageID, err)
	}
	return a, nil
}
