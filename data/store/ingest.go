package store

import (
	"context"
	"database/sql"
	"strconv"
	"sync"

	"loge/data/mime"
)

// Ingest batches: a transaction holds up to ingestBatch messages or ingestBatchBytes of mail, whichever
// comes first. Bigger transactions mean fewer commits; the byte bound keeps memory flat when a run of
// large attachments comes through (8 MB batches measured 245 MB peak RSS for the same speed as 2 MB
// ones at 160 MB). At most about four batches are alive at once (filling, parsing, waiting, writing).
const (
	ingestBatch      = 1000
	ingestBatchBytes = 2 << 20
)

// Ingest stores a stream of messages fetched from one mailbox, in order. Three stages overlap: the
// caller (reading the network), parsing and compressing (prepareAll), and the single writer committing
// each batch with the mailbox state it reaches. The queues between them are bounded, so a slow disk slows the fetch
// instead of filling memory.
type Ingest struct {
	ctx       context.Context
	s         *Store
	mailboxID int64
	state     SyncState

	batch   []RawMessage
	bytes   int
	ckpt    *checkpointer
	toParse chan []RawMessage
	done    chan struct{}
	mu      sync.Mutex
	added   int
	err     error
}

type parsedBatch struct {
	raw    []RawMessage
	parsed []prepared
}

// NewIngest starts an ingest into a mailbox. st is the state to save with each batch; its UIDNext is
// set from each batch's last UID. Call Close to flush and wait.
func (s *Store) NewIngest(ctx context.Context, mailboxID int64, st SyncState) *Ingest {
	in := &Ingest{ctx: ctx, s: s, mailboxID: mailboxID, state: st,
		toParse: make(chan []RawMessage, 1), done: make(chan struct{})}
	s.ingesting.Add(1) // the indexer steps aside until Close

	toWrite := make(chan parsedBatch, 1)
	go func() {
		defer close(toWrite)
		for b := range in.toParse {
			toWrite <- parsedBatch{raw: b, parsed: prepareAll(b, mime.Envelope)}
		}
	}()
	go func() {
		defer close(in.done)
		commits := 0
		for b := range toWrite {
			if in.Err() != nil {
				continue // drain: the caller stops at its next Add
			}
			st := in.state
			st.UIDNext = b.raw[len(b.raw)-1].UID + 1
			n, err := in.s.saveParsed(in.ctx, in.mailboxID, b.raw, b.parsed, st)
			in.mu.Lock()
			in.added += n
			in.err = err
			in.mu.Unlock()
			if err == nil {
				// A checkpointer pays from the second batch on: a new mail or two (what IDLE brings)
				// commits once and needs no connection of its own.
				if commits++; commits == 2 {
					in.ckpt = in.s.startCheckpointer()
				}
				in.ckpt.kick()
				in.s.indexDue()
			}
		}
	}()
	return in
}

// Add queues one message, in UID order. It blocks while the stages behind it are full, and returns
// the store's error once a batch has failed: the caller should stop fetching.
func (in *Ingest) Add(m RawMessage) error {
	if err := in.Err(); err != nil {
		return err
	}
	in.batch = append(in.batch, m)
	in.bytes += len(m.Raw)
	if len(in.batch) >= ingestBatch || in.bytes >= ingestBatchBytes {
		in.flush()
	}
	return nil
}

func (in *Ingest) flush() {
	if len(in.batch) == 0 {
		return
	}
	in.toParse <- in.batch
	in.batch, in.bytes = make([]RawMessage, 0, min(cap(in.batch), ingestBatch)), 0
}

// Err is the first error the writer met, if any.
func (in *Ingest) Err() error {
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.err
}

// Close stores what is still queued and waits for the writer. Every message added was read whole,
// so even after a broken fetch they are kept: the next sync resumes after the last one. It returns
// how many messages were added.
func (in *Ingest) Close() (int, error) {
	if in.Err() == nil {
		in.flush()
	}
	close(in.toParse)
	<-in.done
	in.ckpt.stop()
	in.s.ingesting.Add(-1)
	in.mu.Lock()
	defer in.mu.Unlock()
	return in.added, in.err
}

// checkpointer copies committed WAL frames into the database file on a connection of its own while
// the writer goes on: a checkpoint was 15% of the writer's time in a sync (every page is written to
// the WAL, then copied), and the writer is the stage the whole sync waits for. It runs a PASSIVE
// checkpoint after each commit, which never blocks the writer; once the WAL is all copied, the
// writer's next transaction starts it over from the beginning, so it stays a few batches long. The
// writer's own automatic checkpoint stays as the safety net, at twice the usual size, should this
// one fall behind.
type checkpointer struct {
	s     *Store
	db    *sql.DB
	kicks chan struct{}
	done  chan struct{}
}

func (s *Store) startCheckpointer() *checkpointer {
	db, err := sql.Open("sqlite", dsn(s.path)+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return nil // the writer checkpoints by itself, as always
	}
	db.SetMaxOpenConns(1)
	c := &checkpointer{s: s, db: db, kicks: make(chan struct{}, 1), done: make(chan struct{})}
	s.w.Exec("PRAGMA wal_autocheckpoint=" + strconv.Itoa(2*s.walPages))
	go func() {
		defer close(c.done)
		for range c.kicks {
			// An error (busy, or the file closing) only means this pass is skipped.
			db.Exec("PRAGMA wal_checkpoint(PASSIVE)")
		}
	}()
	return c
}

func (c *checkpointer) kick() {
	if c == nil {
		return
	}
	select {
	case c.kicks <- struct{}{}:
	default: // one is already due
	}
}

func (c *checkpointer) stop() {
	if c == nil {
		return
	}
	close(c.kicks)
	<-c.done
	c.db.Close()
	c.s.w.Exec("PRAGMA wal_autocheckpoint=" + strconv.Itoa(c.s.walPages))
}
