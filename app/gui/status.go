package gui

import (
	"time"

	"loge/app/i18n"
	"loge/data/desk"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// statusBar shows where the desk stands: demo or real, online or offline (and why), sync progress,
// the last sync, local changes waiting for the server, and the outbox.
type statusBar struct {
	u        *UI
	network  *widget.Label
	progress *widget.ProgressBar
	detail   *widget.Label
	pending  *widget.Label
	outbox   *widget.Button
	counts   *widget.Label
	syncNow  *widget.Button
	middle   *fyne.Container // detail and pending, laid out by statusMiddle
	bar      *fyne.Container // holds the progress bar, shown with it

	shown *desk.Stats // the counts on screen, nil until counted
}

func newStatusBar(u *UI) *statusBar { return &statusBar{u: u} }

func (s *statusBar) content() fyne.CanvasObject {
	s.network = widget.NewLabel("")
	s.progress = widget.NewProgressBar()
	s.progress.TextFormatter = func() string { return "" }
	s.progress.Hide()
	s.detail = widget.NewLabel("")
	s.detail.Importance = widget.LowImportance
	s.detail.Truncation = fyne.TextTruncateEllipsis
	s.pending = widget.NewLabel("")
	s.pending.Importance = widget.WarningImportance
	s.pending.Truncation = fyne.TextTruncateEllipsis
	s.pending.Alignment = fyne.TextAlignTrailing
	s.outbox = widget.NewButtonWithIcon("", theme.MailSendIcon(), s.u.showOutbox)
	s.outbox.Importance = widget.LowImportance
	s.counts = widget.NewLabel("")
	s.counts.Importance = widget.LowImportance
	left := container.NewHBox(s.network)
	if s.u.office.IsDemo() {
		d := widget.NewLabel(i18n.T("status.demo"))
		d.Importance = widget.WarningImportance
		left.Add(d)
		left.Add(widget.NewCheck(i18n.T("status.demo_outage"), func(down bool) {
			s.u.office.SetOutage(down)
			if !down {
				s.u.office.SyncNow()
			}
		}))
	}
	s.syncNow = widget.NewButtonWithIcon("", theme.ViewRefreshIcon(), func() { s.u.office.SyncNow() })
	s.syncNow.Importance = widget.LowImportance
	left.Add(s.syncNow)
	s.bar = container.NewGridWrap(fyne.NewSize(140, s.progress.MinSize().Height), s.progress)
	s.bar.Hide() // shown with the bar only: empty, its 140 px squeezed the middle out at 900 px
	right := container.NewHBox(s.counts, s.outbox)
	s.refresh()
	// The changes waiting for the server share the middle with the sync detail, both cut with "…"
	// rather than widening the window past a laptop's 1280 px (the demo desk's status bar did).
	s.middle = container.New(&statusMiddle{pending: s.pending}, s.detail, s.pending)
	return container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, container.NewHBox(left, s.bar), right, s.middle))
}

func (s *statusBar) refresh() {
	if s.network == nil {
		return
	}
	s.refreshDetail()
	s.refreshCounts()
}

// refreshDetail redraws the network state, the sync's progress and the indexer's, without
// counting the desk.
func (s *statusBar) refreshDetail() {
	if s.network == nil {
		return
	}
	b := s.u.sync
	if b != nil && b.started() {
		s.syncNow.Show()
	} else {
		s.syncNow.Hide()
	}
	switch {
	case b == nil || !b.started():
		s.network.SetText("• " + i18n.T("status.local"))
		s.network.Importance = widget.LowImportance
		s.detail.SetText("")
	case b.online:
		s.network.SetText("• " + i18n.T("status.online"))
		s.network.Importance = widget.SuccessImportance
		s.detail.SetText("")
		if !b.lastSync.IsZero() {
			s.detail.SetText(i18n.T("status.last_sync", map[string]any{"Time": b.lastSync.Format("15:04")}))
		}
	default:
		s.network.SetText("• " + i18n.T("status.offline"))
		s.network.Importance = widget.DangerImportance
		why := b.offlineReason()
		if b.retry > 0 {
			why = i18n.T("status.retry", map[string]any{"Reason": why, "Seconds": int(b.retry.Round(time.Second).Seconds())})
		}
		s.detail.SetText(why)
	}
	s.network.Refresh()
	if b != nil && b.progress != nil && b.progress.Total > 0 {
		p := b.progress
		s.progress.Max = float64(p.Total)
		s.progress.SetValue(float64(p.Done))
		s.progress.Show()
		s.bar.Show()
		s.detail.SetText(i18n.T("status.syncing", map[string]any{"Mailbox": p.Mailbox, "Done": p.Done, "Total": p.Total}))
	} else {
		s.progress.Hide()
		if s.bar != nil {
			s.bar.Hide()
		}
		if b != nil && b.indexErr != nil {
			// Search is not catching up: said with why, until a pass goes through.
			s.detail.SetText(i18n.T("status.index_failed", map[string]any{"Reason": i18n.ErrorText(b.indexErr)}))
		} else if b != nil && b.indexing != nil && (b.online || !b.started()) {
			// The mail is all there; search is catching up behind it. Offline, why it is offline
			// is what the desk needs to read.
			s.detail.SetText(i18n.T("status.indexing", map[string]any{"Done": b.indexing.Done, "Total": b.indexing.Total}))
		}
	}
}

// refreshCounts redraws the unread, outbox and journal counts.
func (s *statusBar) refreshCounts() {
	st, ok, err := desk.Stats{}, false, error(nil)
	if s.u.firstStats != nil {
		st, ok, err = s.u.firstStats() // counted while the window was built
	}
	if !ok {
		st, err = s.u.st.Stats(s.u.ctx)
	}
	if err != nil {
		// A few words: the whole sentence (a damaged desk's) widened the window past the screen;
		// the dialog and Settings › Backups say it whole.
		s.counts.SetText(i18n.T("status.counts_unavailable"))
		s.shown = nil
		s.u.office.ReportError(err) // damage is then found and said by the integrity check
		return
	}
	s.shown = &st
	s.showUnread()
	s.outbox.SetText(i18n.T("status.outbox", map[string]any{"N": st.OutboxPending}))
	if st.OutboxPending > 0 {
		s.outbox.Importance = widget.WarningImportance
	} else {
		s.outbox.Importance = widget.LowImportance
	}
	s.outbox.Refresh()
	s.refreshPending()
}

func (s *statusBar) showUnread() {
	s.counts.SetText(i18n.T("status.counts", map[string]any{"Unread": s.shown.Unread, "Messages": s.shown.Messages}))
}

// markedRead says that n unread messages were just marked read on this desk: the unread count
// goes down by n and the changes waiting for the server are counted again, without recounting
// every message (80 ms of opening an unread thread on a 250,000-mail desk). Any other refresh
// counts the desk whole again.
func (s *statusBar) markedRead(n int) {
	if s.network == nil || s.shown == nil {
		s.refresh()
		return
	}
	s.shown.Unread = max(0, s.shown.Unread-n)
	s.showUnread()
	s.refreshPending()
}

// refreshPending redraws how many local changes wait for the server.
func (s *statusBar) refreshPending() {
	if n, err := s.u.st.JournalCount(s.u.ctx); err == nil && n > 0 {
		s.pending.SetText(i18n.T("status.pending", map[string]any{"N": n}))
		s.pending.Show()
	} else {
		s.pending.Hide()
	}
	if s.middle != nil {
		s.middle.Refresh() // the pending text's width changed: lay the middle out again
	}
}

// statusMiddle lays out the sync detail and the pending changes side by side: the pending text at
// its natural width up to half the space, the detail in the rest, each cut with "…" when short.
type statusMiddle struct{ pending *widget.Label }

func (l *statusMiddle) MinSize(objs []fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(0, max(objs[0].MinSize().Height, objs[1].MinSize().Height))
}

func (l *statusMiddle) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	// A window narrower than the bar's two ends gives the middle nothing (or less): its texts then
	// take no room rather than being drawn over the counts.
	size.Width = max(size.Width, 0)
	pw := float32(0)
	if l.pending.Visible() {
		pw = min(naturalWidth(l.pending.Text), size.Width/2)
	}
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(fyne.NewSize(size.Width-pw, size.Height))
	objs[1].Move(fyne.NewPos(size.Width-pw, 0))
	objs[1].Resize(fyne.NewSize(pw, size.Height))
}
