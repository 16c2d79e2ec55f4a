package app

import (
	"context"
	"errors"
	"loge/data/desk"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"loge/data/imap"
	"loge/data/outbox"
)

// syncBridge runs one mail worker per account and turns their events into widget updates. Worker
// goroutines are owned by the window's context; all widget updates go through fyne.Do, and progress
// is coalesced to at most ~20 repaints a second.
type syncBridge struct {
	u       *UI
	mu      sync.Mutex
	workers map[int64]*imap.Worker
	runners map[int64]*outbox.Runner
	cancel  map[int64]context.CancelFunc

	// What the status bar shows; written on the UI goroutine only.
	online     bool
	offlineErr error
	retry      time.Duration
	progress   *imap.Progress
	lastSync   time.Time
	started    bool

	lastListRefresh time.Time
	outboxErr       error // why the last outbox pass stopped, nil when it went through
}

func newSyncBridge(u *UI) *syncBridge {
	return &syncBridge{u: u, workers: map[int64]*imap.Worker{}, runners: map[int64]*outbox.Runner{}, cancel: map[int64]context.CancelFunc{}}
}

// startAll starts a worker for every account whose secret is known.
func (b *syncBridge) startAll() {
	if b.u.opts.Creds == nil {
		return
	}
	accts, err := b.u.st.Accounts(b.u.ctx)
	if err != nil {
		b.u.ShowError(err)
		return
	}
	for _, a := range accts {
		b.start(a)
	}
}

// start (re)starts the worker of one account; without a saved secret it stays offline.
func (b *syncBridge) start(a desk.Account) {
	if b.u.opts.Creds == nil || a.IMAPHost == "" {
		return
	}
	secret, _, err := b.u.opts.Creds.Load("imap:" + a.Name)
	if err != nil {
		return
	}
	b.stop(a.ID)
	cfg := imap.Config{Host: a.IMAPHost, Port: a.IMAPPort, Security: a.IMAPSecurity, User: a.IMAPUser, Secret: secret, CAFile: a.CAFile}
	w := imap.NewWorker(b.u.st, a, cfg)
	ctx, cancel := context.WithCancel(b.u.ctx)
	b.mu.Lock()
	b.workers[a.ID], b.cancel[a.ID] = w, cancel
	b.mu.Unlock()
	b.started = true
	go w.Run(ctx)
	go b.listen(ctx, w.Events())
	if a.SMTPHost != "" {
		// The SMTP password may be its own or the IMAP one (most providers use one login).
		smtpSecret, _, err := b.u.opts.Creds.Load("smtp:" + a.Name)
		if err != nil {
			smtpSecret = secret
		}
		user := a.SMTPUser
		if user == "" {
			user = a.IMAPUser
		}
		r := outbox.NewRunner(b.u.st, a, outbox.SMTPConfig{Host: a.SMTPHost, Port: a.SMTPPort, Security: a.SMTPSecurity, User: user,
			Secret: smtpSecret, CAFile: a.CAFile}, &cfg)
		b.mu.Lock()
		b.runners[a.ID] = r
		b.mu.Unlock()
		go r.Run(ctx)
		go b.listen(ctx, r.Events())
	}
}

// kickOutbox asks every account's runner to send what is queued now.
func (b *syncBridge) kickOutbox() {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, r := range b.runners {
		r.Kick()
	}
}

func (b *syncBridge) stop(id int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if c, ok := b.cancel[id]; ok {
		c()
		delete(b.cancel, id)
		delete(b.workers, id)
		delete(b.runners, id)
	}
}

// stopAll stops every worker (window closing).
func (b *syncBridge) stopAll() {
	b.mu.Lock()
	defer b.mu.Unlock()
	for id, c := range b.cancel {
		c()
		delete(b.cancel, id)
		delete(b.workers, id)
		delete(b.runners, id)
	}
}

// send passes a command to every running worker.
func (b *syncBridge) send(cmd any) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, w := range b.workers {
		w.Send(cmd)
	}
}

// listen forwards a worker's or runner's events to the UI goroutine.
func (b *syncBridge) listen(ctx context.Context, events <-chan any) {
	var lastPaint time.Time
	for {
		select {
		case <-ctx.Done():
			return
		case ev := <-events:
			if _, ok := ev.(imap.SyncProgress); ok && time.Since(lastPaint) < 50*time.Millisecond {
				continue // coalesce: the next one (or Synced) repaints
			}
			lastPaint = time.Now()
			fyne.Do(func() { b.handle(ev) })
		}
	}
}

func (b *syncBridge) handle(ev any) {
	switch e := ev.(type) {
	case imap.Online:
		b.online, b.offlineErr = true, nil
		// Back online: what waits in the outbox goes now, not at the end of its backoff.
		if err := b.u.st.OutboxWakeUp(b.u.ctx); err == nil {
			b.kickOutbox()
		}
	case imap.Offline:
		b.online, b.offlineErr, b.retry, b.progress = false, e.Err, e.Retry, nil
	case imap.SyncProgress:
		p := imap.Progress(e)
		b.progress = &p
		// Show mail as it lands during a long first sync, about once a second.
		if time.Since(b.lastListRefresh) > time.Second {
			b.lastListRefresh = time.Now()
			b.u.mailChanged(false)
		}
	case imap.Synced:
		b.progress, b.lastSync = nil, e.At
		if changed(e.Results) {
			b.u.mailChanged(false)
		}
	case imap.NewMail:
		b.u.mailChanged(false)
	case imap.Replayed:
		// The server has it now; nothing to redraw beyond the pending count.
	case outbox.Drained:
		b.outboxErr = e.Err
		if e.Report.Sent > 0 {
			// \Answered was journaled for the replied mail and a copy went to Sent: sync both.
			b.send(imap.SyncNow{})
			b.u.mailChanged(false)
		}
		if b.u.outboxView != nil {
			b.u.outboxView.refresh()
		}
	}
	b.u.status.refresh()
}

func changed(rs []imap.Result) bool {
	for _, r := range rs {
		if !r.NoOp && (r.Added > 0 || r.Flagged > 0 || r.Vanished > 0 || r.Rekeyed) {
			return true
		}
	}
	return false
}

// offlineReason is why the desk is offline, in the user's words.
func (b *syncBridge) offlineReason() string {
	if b.offlineErr == nil || errors.Is(b.offlineErr, context.Canceled) {
		return ""
	}
	return ErrorText(b.offlineErr)
}
