package gui

import (
	"context"
	"errors"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"loge/app/i18n"
	"loge/app/office"
	"loge/data/imap"
	"loge/data/store"
	"loge/data/team"
)

// syncBridge turns the office's mail and outbox events into widget updates. Every update goes
// through fyne.Do, and progress is coalesced to at most 20 repaints a second (listen).
type syncBridge struct {
	u *UI

	// What the status bar shows; written on the UI goroutine only.
	online     bool
	offlineErr error
	retry      time.Duration
	progress   *imap.Progress
	lastSync   time.Time
	indexing   *store.IndexProgress // search behind the mail; nil once it has caught up
	indexErr   error                // why the indexer's last pass stopped, nil once one goes through
	do         func(func())         // runs on the UI goroutine: fyne.Do (tests serialize it themselves)

	lastListRefresh time.Time
	outboxErr       error // why the last outbox pass stopped, nil when it went through
	teamErr         error // why the last team sync failed, nil when it went through
	backupErrShown  bool  // an automatic backup's failure was shown in a dialog this session
	damageShown     bool  // the integrity check's finding was shown in a dialog this session
	teamSync        time.Time
}

func newSyncBridge(u *UI) *syncBridge { return &syncBridge{u: u, do: fyne.Do} }

// started reports whether any account has a worker (the status bar says "no account" otherwise).
func (b *syncBridge) started() bool { return b.u.office.Running() }

// listen forwards the office's events to the UI goroutine until ctx ends. Progress (a sync's, the
// indexer's) is coalesced: only the newest of each kind waits for the UI goroutine, drawn at most
// 20 times a second. Queuing every report behind a UI that takes longer to draw one than the sync
// takes to make the next showed "24,000 of 50,000" long after all 50,000 were stored (measured on
// a 50,000-mail first sync from Dovecot). Any other event of the mail or of the indexer ends what
// that kind's progress said: a report older than it is never drawn after it.
func (b *syncBridge) listen(ctx context.Context) {
	b.listenTo(ctx, b.u.office.Events())
}

func (b *syncBridge) listenTo(ctx context.Context, events <-chan office.Event) {
	var mu sync.Mutex
	var mail, index *office.Event // the newest progress of each kind not drawn yet
	queued := false               // a draw is waiting for the UI goroutine
	var next time.Time            // the earliest time for the next draw
	draw := func() {
		mu.Lock()
		m, ix := mail, index
		mail, index, queued = nil, nil, false
		mu.Unlock()
		if m != nil {
			b.handle(*m)
		}
		if ix != nil {
			b.handle(*ix)
		}
	}
	for {
		select {
		case <-ctx.Done():
			return
		case ev := <-events:
			mu.Lock()
			progress := true
			switch {
			case isMailProgress(ev):
				mail = &ev
			case isIndexProgress(ev):
				index = &ev
			default:
				progress = false
				if ev.Mail != nil {
					mail = nil
				}
				if ev.Index != nil || ev.IndexErr != nil {
					index = nil
				}
			}
			schedule, wait := progress && !queued, time.Duration(0)
			if schedule {
				queued = true
				wait = time.Until(next)
				next = time.Now().Add(max(wait, 0) + 50*time.Millisecond)
			}
			mu.Unlock()
			// b.do outside the lock: draw takes it, and fyne.Do may run its function at once (the
			// test driver) or wait for room in the UI's queue.
			switch {
			case schedule && wait > 0:
				time.AfterFunc(wait, func() { b.do(draw) })
			case schedule:
				b.do(draw)
			case !progress:
				b.do(func() { b.handle(ev) })
			}
		}
	}
}

// isMailProgress and isIndexProgress are events that only say how far a task is: a newer one
// of the same kind replaces them.
func isMailProgress(ev office.Event) bool {
	_, ok := ev.Mail.(imap.SyncProgress)
	return ok
}

func isIndexProgress(ev office.Event) bool {
	return ev.Index != nil && ev.Index.Done < ev.Index.Total && ev.Mail == nil && ev.Team == nil &&
		ev.Outbox == nil && ev.Backup == nil && ev.Check == nil
}

func (b *syncBridge) handle(ev office.Event) {
	switch e := ev.Mail.(type) {
	case imap.Online:
		b.online, b.offlineErr = true, nil
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
			b.u.notifier.check()
		}
	case imap.NewMail:
		b.u.mailChanged(false)
		b.u.notifier.check()
	}
	switch e := ev.Team.(type) {
	case team.Synced:
		b.teamErr, b.teamSync = nil, e.At
		if e.Result.Applied > 0 || e.Result.New > 0 {
			b.u.Changed() // a colleague's change: every workspace shows it
		}
		if len(e.Result.Conflicts) > 0 {
			b.u.showConflicts(e.Result.Conflicts)
		}
	case team.Failed:
		b.teamErr = e.Err
	}
	if ev.IndexErr != nil {
		b.indexErr = ev.IndexErr
	}
	if p := ev.Index; p != nil {
		b.indexing, b.indexErr = p, nil
		if p.Done >= p.Total {
			// Caught up: the Inbox's rows get the snippets the indexer wrote. Only the rows: a
			// workspace refresh would rebuild the open thread and reset what is being typed.
			b.indexing = nil
			b.u.inbox.refreshRows()
		}
		if isIndexProgress(ev) {
			b.u.status.refreshDetail() // counting the desk ten times a second would busy the UI
			return
		}
	}
	if d := ev.Backup; d != nil {
		// Said once a session in a dialog (it is retried hourly), always in Settings › Backups.
		if d.Err != nil && !b.backupErrShown {
			b.backupErrShown = true
			b.u.ShowError(d.Err)
		}
		b.u.settings.backups.refresh()
		b.u.settings.backups.setLastError(d.Err)
	}
	if c := ev.Check; c.Damaged() {
		// The background integrity check found damage: said once a session, and in Settings ›
		// Backups, where the restore is.
		if !b.damageShown {
			b.damageShown = true
			b.u.ShowError(c.Err)
		}
		b.u.settings.backups.setLastError(c.Err)
	}
	if d := ev.Outbox; d != nil {
		b.outboxErr = d.Err
		if d.Report.Sent > 0 {
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
	return i18n.ErrorText(b.offlineErr)
}
