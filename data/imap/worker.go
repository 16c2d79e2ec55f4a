package imap

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"time"

	"loge/data/desk"
	"loge/data/store"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// Command is what the GUI or CLI may send a worker: SyncNow or Replay. The interface is sealed, so
// the compiler refuses anything else.
type Command interface{ command() }

// Event is what a worker reports: Online, Offline, SyncProgress, Synced, NewMail or Replayed.
type Event interface{ event() }

func (SyncNow) command() {}
func (Replay) command()  {}

func (Online) event()       {}
func (Offline) event()      {}
func (SyncProgress) event() {}
func (Synced) event()       {}
func (NewMail) event()      {}
func (Replayed) event()     {}

// Commands.
type (
	// SyncNow asks for a full sync at once (and a reconnect now when offline).
	SyncNow struct{}
	// Replay says local changes were journaled and should reach the server.
	Replay struct{}
)

// Events a worker emits.
type (
	// Online: connected and logged in.
	Online struct{}
	// Offline: the connection failed or dropped; the worker retries after Retry.
	Offline struct {
		Err   error
		Retry time.Duration
	}
	// SyncProgress reports a mailbox being fetched.
	SyncProgress Progress
	// Synced: a sync pass finished.
	Synced struct {
		Results []Result
		At      time.Time
	}
	// NewMail: messages arrived in a mailbox.
	NewMail struct {
		Mailbox string
		Count   int
	}
	// Replayed: journaled local changes reached the server.
	Replayed struct{ Count int }
)

// Worker owns one account's IMAP connection: it syncs, replays the offline journal, then waits in
// IDLE on the Inbox (or polls), keeps the connection alive and reconnects with backoff. Everything
// else talks to it through Send and Events.
type Worker struct {
	St      *store.Store
	Account desk.Account
	Config  Config
	Pacing  // keepalive and reconnection backoff

	cmds   chan Command
	events chan Event
	wake   chan struct{}
	online atomic.Bool
}

// NewWorker prepares a worker; Run starts it.
func NewWorker(st *store.Store, acct desk.Account, cfg Config) *Worker {
	return &Worker{St: st, Account: acct, Config: cfg, cmds: make(chan Command, 8), events: make(chan Event, 256), wake: make(chan struct{}, 1)}
}

// Events is the worker's event stream. Progress events are dropped rather than block the worker
// when nobody reads; the others wait.
func (w *Worker) Events() <-chan Event { return w.events }

// Send queues a command without blocking; repeated commands coalesce.
func (w *Worker) Send(cmd Command) {
	select {
	case w.cmds <- cmd:
	default:
	}
}

// Online reports whether the worker is connected now.
func (w *Worker) Online() bool { return w.online.Load() }

func (w *Worker) emit(ctx context.Context, ev Event) {
	if _, ok := ev.(SyncProgress); ok {
		select {
		case w.events <- ev:
		default:
		}
		return
	}
	select {
	case w.events <- ev:
	case <-ctx.Done():
	}
}

// Run connects and serves until ctx ends. It never gives up on its own: offline, it retries with
// exponential backoff (a SyncNow retries at once).
func (w *Worker) Run(ctx context.Context) error {
	opts := func() *imapclient.Options {
		return &imapclient.Options{UnilateralDataHandler: &imapclient.UnilateralDataHandler{
			Mailbox: func(*imapclient.UnilateralDataMailbox) { w.poke() },
			Expunge: func(uint32) { w.poke() },
			Fetch:   func(*imapclient.FetchMessageData) { w.poke() },
		}}
	}
	Reconnect(ctx, w.Pacing, w.Config, opts, w.cmds, func(c *imapclient.Client, keepalive time.Duration, reset func()) error {
		reset() // logged in: the next failure is a new outage
		w.online.Store(true)
		w.emit(ctx, Online{})
		defer w.online.Store(false)
		return w.session(ctx, c, keepalive)
	}, func(err error, wait time.Duration) { w.emit(ctx, Offline{Err: err, Retry: wait}) })
	return nil
}

func (w *Worker) poke() {
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// session runs on one connection until it fails or ctx ends.
func (w *Worker) session(ctx context.Context, c *imapclient.Client, keepalive time.Duration) error {
	s := &Syncer{St: w.St, C: c, Account: w.Account, OnProgress: func(p Progress) { w.emit(ctx, SyncProgress(p)) }}
	if err := w.replayAndSync(ctx, s); err != nil {
		return err
	}
	canIdle := c.Caps().Has(imap.CapIdle) || c.Caps().Has(imap.CapIMAP4rev2)
	inbox, err := w.St.MailboxByRole(ctx, w.Account.ID, desk.RoleInbox)
	if err != nil {
		return fmt.Errorf("no Inbox: %w", err)
	}
	tick := time.NewTicker(keepalive)
	defer tick.Stop()
	for {
		// Wait on the Inbox: IDLE when offered, otherwise just the timer (polling).
		if _, err := c.Select(inbox.Name, nil).Wait(); err != nil {
			return fmt.Errorf("select %s: %w", inbox.Name, err)
		}
		var idle *imapclient.IdleCommand
		if canIdle {
			if idle, err = c.Idle(); err != nil {
				return fmt.Errorf("idle: %w", err)
			}
		}
		full := false
		select {
		case <-ctx.Done():
			StopIdle(c, idle)
			return nil
		case <-c.Closed():
			return ErrConnectionLost
		case cmd := <-w.cmds:
			if err := StopIdle(c, idle); err != nil {
				return err
			}
			_, full = cmd.(SyncNow)
			if _, ok := cmd.(Replay); ok {
				if err := w.replay(ctx, s); err != nil {
					return err
				}
				continue
			}
		case <-w.wake:
			if err := StopIdle(c, idle); err != nil {
				return err
			}
		case <-tick.C:
			// Keepalive: leaving IDLE is itself the check (a dead link times out), then poll everything.
			if err := StopIdle(c, idle); err != nil {
				return err
			}
			if err := noop(c); err != nil {
				return err
			}
			full = true
		}
		if full {
			if err := w.replayAndSync(ctx, s); err != nil {
				return err
			}
			continue
		}
		ib, err := w.St.Mailbox(ctx, inbox.ID)
		if err != nil {
			return err
		}
		r, err := s.SyncMailbox(ctx, ib)
		if err != nil {
			return err
		}
		if r.Added > 0 {
			w.emit(ctx, NewMail{Mailbox: ib.Name, Count: r.Added})
		}
		w.emit(ctx, Synced{Results: []Result{r}, At: time.Now()})
	}
}

func (w *Worker) replay(ctx context.Context, s *Syncer) error {
	n, err := s.Replay(ctx)
	if n > 0 {
		w.emit(ctx, Replayed{Count: n})
	}
	return err
}

func (w *Worker) replayAndSync(ctx context.Context, s *Syncer) error {
	if err := w.replay(ctx, s); err != nil {
		return err
	}
	rs, err := s.SyncAll(ctx)
	for _, r := range rs {
		if r.Added > 0 && !r.Rekeyed {
			w.emit(ctx, NewMail{Mailbox: r.Mailbox, Count: r.Added})
		}
	}
	if err != nil {
		return err
	}
	w.emit(ctx, Synced{Results: rs, At: time.Now()})
	return nil
}

func noop(c *imapclient.Client) error {
	done := make(chan error, 1)
	go func() { done <- c.Noop().Wait() }()
	select {
	case err := <-done:
		return err
	case <-time.After(15 * time.Second):
		c.Close()
		return errors.New("the connection stopped answering")
	}
}
