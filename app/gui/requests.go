package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// requestsView lists every request across guests, with filters, and the vendors' commissions.
type requestsView struct {
	u *UI
}

func newRequestsView(u *UI) *requestsView { return &requestsView{u: u} }

func (r *requestsView) content() fyne.CanvasObject { return widget.NewLabel("") }

func (r *requestsView) refresh() {}
