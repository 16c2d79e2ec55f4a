package team

import (
	"context"
	"fmt"
	"time"

	goimap "github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"loge/data/imap"
	"loge/data/store"
)

// Event is what a team worker reports: Synced or Failed.
type Event interface{ event() }

// Synced reports one team sync.
type Synced struct {
	Result Result
	At     time.Time
}

// Failed reports a team sync that could not finish; the worker retries with backoff.
type Failed struct {
	Err   error
	Retry time.Duration
}

func (Synced) event() {}
func (Failed) event() {}

// Worker keeps one desk in step with its team over a connection of its own: it syncs, then waits
// in IDLE on the team folder, so another desk's change shows here within a moment; a local change
// (Kick) is pushed at once. A keepalive leaves IDLE and syncs every few minutes; a dead connection
// is reconnected with backoff.
type Worker struct {
	St          *store.Store
	Config      imap.Config
	From        string
	imap.Pacing // keepalive and reconnection backoff, as the mail worker's
	// Recheck is how often an idle worker looks at the folder anyway (30 s when zero): some servers
	// announce in IDLE only what arrives after it began, so a message that lands between the read
	// and the IDLE would otherwise wait for the keepalive.
	Recheck time.Duration

	kick   chan struct{}
	events chan Event
}

// NewWorker prepares a team worker; Run starts it.
func NewWorker(st *store.Store, cfg imap.Config, from string) *Worker {
	return &Worker{St: st, Config: cfg, From: from, kick: make(chan struct{}, 1), events: make(chan Event, 16)}
}

// Kick asks for a sync now (local changes wait to be pushed).
func (w *Worker) Kick() {
	select {
	case w.kick <- struct{}{}:
	default:
	}
}

// Events reports each sync; dropped when nobody reads.
func (w *Worker) Events() <-chan Event { return w.events }

func (w *Worker) emit(ev Event) {
	select {
	case w.events <- ev:
	default:
	}
}

// Run syncs until ctx ends.
func (w *Worker) Run(ctx context.Context) {
	var wake chan struct{} // a fresh one for each connection: new messages in the team folder
	opts := func() *imapclient.Options {
		ch := make(chan struct{}, 1) // the handler keeps its own: a dying connection may still call it
		wake = ch
		return &imapclient.Options{UnilateralDataHandler: &imapclient.UnilateralDataHandler{
			Mailbox: func(d *imapclient.UnilateralDataMailbox) {
				if d.NumMessages != nil {
					select {
					case ch <- struct{}{}:
					default:
					}
				}
			},
		}}
	}
	imap.Reconnect(ctx, w.Pacing, w.Config, opts, w.kick, func(c *imapclient.Client, keepalive time.Duration, reset func()) error {
		return w.session(ctx, c, wake, keepalive, reset)
	}, func(err error, wait time.Duration) { w.emit(Failed{Err: err, Retry: wait}) })
}

// session syncs, then waits in IDLE for a colleague's message, a local change, the recheck or the
// keepalive, and syncs again; reset is called after each sync that worked.
func (w *Worker) session(ctx context.Context, c *imapclient.Client, wake chan struct{}, keepalive time.Duration, reset func()) error {
	s := &Syncer{St: w.St, C: c, From: w.From}
	canIdle := c.Caps().Has(goimap.CapIdle) || c.Caps().Has(goimap.CapIMAP4rev2)
	tick := time.NewTicker(keepalive)
	defer tick.Stop()
	recheck := w.Recheck
	if recheck == 0 {
		recheck = 30 * time.Second
	}
	check := time.NewTicker(recheck)
	defer check.Stop()
	for {
		res, err := s.Sync(ctx)
		if err != nil {
			return err
		}
		reset()
		w.emit(Synced{Result: res, At: time.Now()})
		sel, err := c.Select(Folder, &goimap.SelectOptions{ReadOnly: true}).Wait()
		if err != nil {
			return fmt.Errorf("select %s: %w", Folder, err)
		}
		// A colleague's message that arrived after the sync read the folder: read it now. Otherwise
		// the wakes the sync's own appends and this SELECT raised mean nothing; one that arrives from
		// here on is announced during IDLE.
		if last, err := settingUint(ctx, w.St, "team.last_uid"); err == nil && uint32(sel.UIDNext) > last+1 {
			continue
		}
		select {
		case <-wake:
		default:
		}
		var idle *imapclient.IdleCommand
		if canIdle {
			if idle, err = c.Idle(); err != nil {
				return fmt.Errorf("idle: %w", err)
			}
		}
		select {
		case <-ctx.Done():
			imap.StopIdle(c, idle)
			return nil
		case <-c.Closed():
			return imap.ErrConnectionLost
		case <-w.kick:
		case <-wake:
		case <-tick.C:
		case <-check.C:
		}
		if err := imap.StopIdle(c, idle); err != nil {
			return err
		}
	}
}
