package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// statusBar shows where the desk stands: demo or real, online or offline, the outbox.
type statusBar struct {
	u       *UI
	network *widget.Label
	outbox  *widget.Label
	counts  *widget.Label
}

func newStatusBar(u *UI) *statusBar { return &statusBar{u: u} }

func (s *statusBar) content() fyne.CanvasObject {
	s.network = widget.NewLabel("")
	s.outbox = widget.NewLabel("")
	s.counts = widget.NewLabel("")
	s.counts.Importance = widget.LowImportance
	left := container.NewHBox(s.network)
	if s.u.opts.Demo {
		d := widget.NewLabel(T("status.demo"))
		d.Importance = widget.WarningImportance
		left.Add(d)
	}
	s.refresh()
	return container.NewVBox(widget.NewSeparator(), container.NewHBox(left, layout.NewSpacer(), s.counts, s.outbox))
}

func (s *statusBar) refresh() {
	if s.network == nil {
		return
	}
	// No sync worker runs yet: the desk works from its local file.
	s.network.SetText("○ " + T("status.local"))
	s.network.Importance = widget.LowImportance
	st, err := s.u.st.Stats(s.u.ctx)
	if err != nil {
		s.counts.SetText(ErrorText(err))
		return
	}
	s.counts.SetText(T("status.counts", map[string]any{"Unread": st.Unread, "Messages": st.Messages}))
	s.outbox.SetText(T("status.outbox", map[string]any{"N": st.OutboxPending}))
}
