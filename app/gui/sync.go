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

	lastListRefresh time.Time
	outboxErr       error // why the last outbox pass stopped, nil when it went through
	teamErr         error // why the last team sync failed, nil when it went through
	backupErrShown  bool  // an automatic backup's failure was shown in a dialog this session
	damageShown     bool  // the integrity check's finding was shown in a dialog this session
	teamSync        time.Time
}

func newSyncBridge(u *UI) *syncBridge { return &syncBridge{u: u} }

// started reports whether any account has a worker (the status bar says "no account" otherwise).
func (b *syncBridge) started() bool { return b.u.office.Running() }

// listen forwards the office's events to the UI goroutine until ctx ends. Progress (a sync's, the
// indexer's) is coalesced: only the newest waits for the UI goroutine, and it is handed over again
// only once the UI has drawn the last one, at most 20 times a second. Queuing every report behind a UI that takes longer to
// draw one than the sync takes to make the next showed "12,000 of 50,000" long after all 50,000
// were stored (measured on a 50,000-mail first sync from Dovecot).
func (b *syncBridge) listen(ctx context.Context) {
	var mu sync.Mutex
	var latest *office.Event // the newest progress not drawn yet
	queued := false          // a draw of latest is waiting for the UI goroutine
	var next time.Time       // the earliest time for the next draw
	draw := func() {
		mu.Lock()
		ev := latest
		latest, queued = nil, false
		mu.Unlock()
		if ev != nil {
			b.handle(*ev)
		}
	}
	events := b.u.office.Events()
	for {
		select {
		case <-ctx.Done():
			return
		case ev := <-events:
			if isProgress(ev) {
				mu.Lock()
				latest = &ev
				if !queued {
					queued = true
					wait := time.Until(next)
					next = time.Now().Add(max(wait, 0) + 50*time.Millisecond)
					if wait > 0 {
						time.AfterFunc(wait, func() { fyne.Do(draw) })
					} else {
						fyne.Do(draw)
					}
				}
				mu.Unlock()
				continue
			}
			// Anything else (Synced, Offline, the last of an indexing pass) ends what progress said:
			// a report older than it is never drawn after it.
			mu.Lock()
			latest = nil
			mu.Unlock()
			fyne.Do(func() { b.handle(ev) })
		}
	}
}

// isProgress is an event that only says how far a task is: a newer one replaces it.
func isProgress(ev office.Event) bool {
	if _, ok := ev.Mail.(imap.SyncProgress); ok {
		return true
	}
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
	if p := ev.Index; p != nil {
		b.indexing = p
		if p.Done >= p.Total {
			b.indexing = nil
		}
		// Snippets and attachment clips fill in as mail is indexed (newest first): the list shows
		// them every few seconds, and when search has caught up.
		if b.indexing == nil || time.Since(b.lastListRefresh) > 3*time.Second {
			b.lastListRefresh = time.Now()
			b.u.mailChanged(false)
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
