package team

import (
	"context"
	"errors"
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
	St     *store.Store
	Config imap.Config
	From   string
	// Keepalive, MaxBackoff: as the mail worker's (4 minutes and 2 minutes when zero).
	Keepalive  time.Duration
	MaxBackoff time.Duration
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
	keepalive := w.Keepalive
	if keepalive == 0 {
		keepalive = 4 * time.Minute
	}
	maxBackoff := w.MaxBackoff
	if maxBackoff == 0 {
		maxBackoff = 2 * time.Minute
	}
	cfg := w.Config
	if cfg.ReadTimeout == 0 {
		cfg.ReadTimeout = keepalive + keepalive/4 + 10*time.Second
	}
	backoff := time.Second
	for ctx.Err() == nil {
		wake := make(chan struct{}, 1)
		opts := &imapclient.Options{UnilateralDataHandler: &imapclient.UnilateralDataHandler{
			Mailbox: func(d *imapclient.UnilateralDataMailbox) {
				if d.NumMessages != nil {
					select {
					case wake <- struct{}{}:
					default:
					}
				}
			},
		}}
		c, err := imap.Dial(ctx, cfg, opts)
		if err == nil {
			err = w.session(ctx, c, wake, keepalive, &backoff)
			c.Close()
		}
		if ctx.Err() != nil {
			return
		}
		w.emit(Failed{Err: err, Retry: backoff})
		t := time.NewTimer(backoff)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		case <-w.kick:
			t.Stop()
		}
		backoff = min(backoff*2, maxBackoff)
	}
}

func (w *Worker) session(ctx context.Context, c *imapclient.Client, wake chan struct{}, keepalive time.Duration, backoff *time.Duration) error {
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
		*backoff = time.Second
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
			stopIdle(idle)
			return nil
		case <-c.Closed():
			return errors.New("the server closed the connection")
		case <-w.kick:
		case <-wake:
		case <-tick.C:
		case <-check.C:
		}
		if err := stopIdle(idle); err != nil {
			return err
		}
	}
}

func stopIdle(idle *imapclient.IdleCommand) error {
	if idle == nil {
		return nil
	}
	done := make(chan error, 1)
	go func() {
		if err := idle.Close(); err != nil {
			done <- err
			return
		}
		done <- idle.Wait()
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(15 * time.Second):
		return errors.New("the connection stopped answering")
	}
}
