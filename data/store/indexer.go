package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"time"

	"loge/data/desk"
	"loge/data/mime"
)

// Mail first, search behind it. A sync stores each new message's envelope and raw bytes
// (index_state 0, migration 0015): the Inbox lists it at once. Decoding its text and adding it to
// the search index, half of what storing mail cost, happens here afterwards, newest mail first,
// in short transactions of its own:
//   - a batch commits its messages' text, snippets, attachments, index rows and index_state
//     together, so a process killed at any moment leaves each message either wholly indexed or
//     still waiting, and the next run indexes only what waits;
//   - a message whose stored bytes cannot be read (or whose parse panics) is marked skipped
//     (index_state 2): its envelope is indexed, it is never tried again;
//   - while a sync is storing mail, the indexer waits for it, doing at most one batch a second
//     (indexYield), so a long first sync is not slowed and search still moves;
//   - a batch is a few hundred messages, a few tens of milliseconds: the user's own write, which
//     queues for the one writer connection, waits at most that long (database/sql hands the freed
//     connection to a waiting request before a new one).

// IndexProgress is how far search has caught up with the mail: Done of Total messages searchable.
type IndexProgress struct {
	Done, Total int
}

const (
	indexBatch      = 250     // messages per transaction
	indexBatchBytes = 4 << 20 // stored bytes read per transaction, whichever comes first
	indexYield      = time.Second
)

// indexPoll is how often a running Indexer looks for mail it was not told about; tests shorten it.
var indexPoll = time.Minute

// errNoRaw is a message row without its raw bytes: nothing to decode.
var errNoRaw = errors.New("no raw bytes stored")

// parseForIndex is the indexer's parser; tests swap it for one that fails on chosen mail.
var parseForIndex = mime.Parse

// decodeStored decodes a message from its stored bytes. Any failure, a panic included, is an
// error: the indexer skips that message instead of dying on it, or retrying it at every start.
func decodeStored(blob []byte, codec int, stored bool) (p *mime.Parsed, err error) {
	defer func() {
		if r := recover(); r != nil {
			p, err = nil, fmt.Errorf("decode: %v", r)
		}
	}()
	if !stored {
		return nil, errNoRaw
	}
	raw, err := unpackRaw(blob, codec)
	if err != nil {
		return nil, err
	}
	return parseForIndex(raw), nil
}

// indexItem is one message of a batch: its parse, or nil when it is to be skipped.
type indexItem struct {
	id int64
	p  *mime.Parsed
}

// Unindexed counts the messages the indexer has not reached yet (0 once search is complete).
func (s *Store) Unindexed(ctx context.Context) (int, error) {
	var n int
	err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM messages INDEXED BY messages_unindexed WHERE index_state=0`).Scan(&n)
	return n, err
}

// IndexPending decodes and indexes every message a sync stored envelope-only, newest first, until
// none waits (mail stored meanwhile included) or ctx ends. progress, when not nil, is called after
// each batch. It returns how many messages it took (skipped ones included).
func (s *Store) IndexPending(ctx context.Context, progress func(IndexProgress)) (int, error) {
	total := 0
	for {
		n, err := s.indexPass(ctx, 0, progress)
		total += n
		if err != nil || n == 0 {
			return total, err
		}
	}
}

// indexPass indexes what waits below the newest waiting message, at most maxBatches batches (0:
// all). Reading and decoding the next batch overlaps committing this one.
func (s *Store) indexPass(ctx context.Context, maxBatches int, progress func(IndexProgress)) (int, error) {
	pending, err := s.Unindexed(ctx)
	if err != nil || pending == 0 {
		return 0, err
	}
	var all int
	if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM messages`).Scan(&all); err != nil {
		return 0, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan []indexItem, 1)
	var readErr error // written before batches closes, read after
	go func() {
		defer close(batches)
		below := int64(math.MaxInt64)
		var last time.Time
		for b := 0; maxBatches <= 0 || b < maxBatches; b++ {
			s.yieldToIngest(ctx, last)
			last = time.Now()
			var items []indexItem
			if items, readErr = s.pendingBatch(ctx, below); readErr != nil || len(items) == 0 {
				return
			}
			below = items[len(items)-1].id
			select {
			case batches <- items:
			case <-ctx.Done():
				return
			}
		}
	}()
	done := 0
	var last time.Time
	for items := range batches {
		s.yieldToIngest(ctx, last)
		last = time.Now()
		n, err := s.commitIndexed(ctx, items)
		if err != nil {
			cancel()
			for range batches {
			}
			return done, err
		}
		done += n
		if progress != nil {
			progress(IndexProgress{Done: min(all, all-pending+done), Total: all})
		}
	}
	if readErr == nil {
		readErr = ctx.Err()
	}
	return done, readErr
}

// yieldToIngest waits while a sync stores mail (its parsers and writer have the CPUs), but no
// longer than indexYield after since, so that search moves during a long first sync too.
func (s *Store) yieldToIngest(ctx context.Context, since time.Time) {
	for s.ingesting.Load() > 0 && time.Since(since) < indexYield {
		select {
		case <-ctx.Done():
			return
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// pendingBatch reads and decodes the next waiting messages below the id below, newest first.
func (s *Store) pendingBatch(ctx context.Context, below int64) ([]indexItem, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT m.id, r.raw, coalesce(r.codec, 0), r.message_id IS NOT NULL
		FROM messages m INDEXED BY messages_unindexed LEFT JOIN message_raw r ON r.message_id = m.id
		WHERE m.index_state=0 AND m.id < ? ORDER BY m.id DESC LIMIT ?`, below, indexBatch)
	if err != nil {
		return nil, err
	}
	type stored struct {
		blob  []byte
		codec int
		ok    bool
	}
	var items []indexItem
	var blobs []stored
	size := 0
	for size < indexBatchBytes && rows.Next() {
		var it indexItem
		var st stored
		if err := rows.Scan(&it.id, &st.blob, &st.codec, &st.ok); err != nil {
			rows.Close()
			return nil, err
		}
		items, blobs, size = append(items, it), append(blobs, st), size+len(st.blob)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	besideWriter(len(items), func(i int) {
		items[i].p, _ = decodeStored(blobs[i].blob, blobs[i].codec, blobs[i].ok)
	})
	return items, nil
}

// commitIndexed stores a decoded batch and indexes it, in one transaction (synchronous=NORMAL:
// everything it writes can be decoded again from the raw bytes). A message another process
// indexed meanwhile (the window and a `loge sync --wait-index` on one desk) is left alone.
func (s *Store) commitIndexed(ctx context.Context, items []indexItem) (int, error) {
	n := 0
	err := s.txRefetchable(ctx, func(tx *sql.Tx) error {
		n = 0
		upd, err := tx.PrepareContext(ctx, `UPDATE messages SET snippet=?, body_text=?, has_attachments=?, index_state=1
			WHERE id=? AND index_state=0`)
		if err != nil {
			return err
		}
		defer upd.Close()
		att, err := tx.PrepareContext(ctx, `INSERT INTO attachments(message_id, part, filename, content_type, size) VALUES (?,?,?,?,?)`)
		if err != nil {
			return err
		}
		defer att.Close()
		ids := make([]int64, 0, len(items))
		for _, it := range items {
			var res sql.Result
			if it.p == nil {
				res, err = tx.ExecContext(ctx, `UPDATE messages SET index_state=2 WHERE id=? AND index_state=0`, it.id)
			} else {
				res, err = upd.ExecContext(ctx, it.p.Snippet(), it.p.Text, len(it.p.Attachments) > 0, it.id)
			}
			if err != nil {
				return fmt.Errorf("index message %d: %w", it.id, err)
			}
			if k, _ := res.RowsAffected(); k == 0 {
				continue
			}
			ids = append(ids, it.id)
			if it.p != nil {
				for _, a := range it.p.Attachments {
					if _, err := att.ExecContext(ctx, it.id, a.Part, a.Filename, a.ContentType, a.Size); err != nil {
						return err
					}
				}
			}
		}
		if len(ids) == 0 {
			return nil
		}
		list, err := json.Marshal(ids)
		if err != nil {
			return err
		}
		// One statement for the batch: one FTS5 segment (migration 0007).
		if _, err := tx.ExecContext(ctx, `INSERT INTO messages_fts(rowid, subject, from_name, from_addr, body_text)
			SELECT id, subject, from_name, from_addr, body_text FROM messages WHERE id IN (SELECT value FROM json_each(?))`, string(list)); err != nil {
			return err
		}
		n = len(ids)
		return nil
	})
	return n, err
}

// indexDue tells the indexer that mail waits for it (a sync committed a batch).
func (s *Store) indexDue() {
	select {
	case s.indexKick <- struct{}{}:
	default: // already due
	}
}

// Indexer runs IndexPending in the background of a running desk: at start (what a killed run,
// or a `loge sync` that returned once its mail was browsable, left waiting), and after every batch
// a sync of this process commits. One per process; the ctx given to Run owns it.
type Indexer struct {
	s *Store
	// OnProgress, when set, is called on the indexer's goroutine after each batch; OnError with
	// what stopped a pass (the next one starts at the next sync, or a minute later).
	OnProgress func(IndexProgress)
	OnError    func(error)
}

// NewIndexer makes the desk's background indexer; Run starts it.
func (s *Store) NewIndexer() *Indexer { return &Indexer{s: s} }

// Run indexes until ctx ends.
func (ix *Indexer) Run(ctx context.Context) {
	for {
		var last *IndexProgress
		_, err := ix.s.IndexPending(ctx, func(p IndexProgress) {
			last = &p
			if ix.OnProgress != nil {
				ix.OnProgress(p)
			}
		})
		if ctx.Err() != nil {
			return
		}
		if err == nil && last != nil && last.Done < last.Total && ix.OnProgress != nil {
			// Caught up, though a pass's count fell short of the total it started from (mail
			// stored, or indexed by another process on the desk, while it ran): say so, or a
			// progress line would stay on "47,999 / 50,000" with nothing left to index.
			ix.OnProgress(IndexProgress{Done: last.Total, Total: last.Total})
		}
		if err != nil && ix.OnError != nil {
			ix.OnError(err)
		}
		// A minute on, it looks again even without a kick: after an error, and for mail another
		// process stored (a `loge sync` run by a script beside the window) that no sync of this
		// process will announce.
		select {
		case <-ctx.Done():
			return
		case <-ix.s.indexKick:
		case <-time.After(indexPoll):
		}
	}
}

// decodePending fills in the text of a message the indexer has not reached yet, decoded from its
// raw bytes as the indexer will: a message is readable as soon as it is stored.
func (s *Store) decodePending(ctx context.Context, m *desk.Message) {
	if !m.Unindexed {
		return
	}
	if p, _ := s.pendingParse(ctx, m.ID); p != nil {
		m.BodyText, m.Snippet, m.HasAttachments = p.Text, p.Snippet(), len(p.Attachments) > 0
	}
}

// pendingAttachments lists the attachments of a message the indexer has not reached yet, from its
// raw bytes, in the order the indexer will store them; pending is false for any other message.
func (s *Store) pendingAttachments(ctx context.Context, messageID int64) (atts []desk.Attachment, pending bool) {
	p, pending := s.pendingParse(ctx, messageID)
	if p != nil {
		for _, a := range p.Attachments {
			atts = append(atts, desk.Attachment{MessageID: messageID, Part: a.Part, Filename: a.Filename, ContentType: a.ContentType, Size: a.Size})
		}
	}
	return atts, pending
}

// pendingParse decodes a message the indexer has not reached yet; pending is false for any other
// message, p nil when it cannot be decoded (the indexer will skip it: its envelope is what shows).
func (s *Store) pendingParse(ctx context.Context, id int64) (p *mime.Parsed, pending bool) {
	var blob []byte
	var codec int
	var stored bool
	err := s.r.QueryRowContext(ctx, `SELECT m.index_state=0, r.raw, coalesce(r.codec, 0), r.message_id IS NOT NULL
		FROM messages m LEFT JOIN message_raw r ON r.message_id = m.id WHERE m.id=?`, id).Scan(&pending, &blob, &codec, &stored)
	if err != nil || !pending {
		return nil, false
	}
	p, _ = decodeStored(blob, codec, stored)
	return p, true
}

// ErrIndexBehind: the mail index cannot be compared with the mail while messages wait for it.
var ErrIndexBehind = errors.New("messages wait for the indexer")

// CheckSearchIndex compares the mail index with the mail it indexes, once nothing waits for the
// indexer (FTS5's integrity-check against its content table): a message indexed twice, or
// marked indexed and missing from the index, fails it with an ErrCorrupt error. PRAGMA
// integrity_check (Check) checks the index's own structure only.
func (s *Store) CheckSearchIndex(ctx context.Context) error {
	if n, err := s.Unindexed(ctx); err != nil {
		return err
	} else if n > 0 {
		return ErrIndexBehind
	}
	if _, err := s.w.ExecContext(ctx, `INSERT INTO messages_fts(messages_fts, rank) VALUES ('integrity-check', 1)`); err != nil {
		return fmt.Errorf("%w: mail index: %v", ErrCorrupt, err)
	}
	return nil
}
