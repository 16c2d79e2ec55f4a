package gui

import (
	"strings"

	"loge/app/i18n"
	"loge/data/desk"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// showSearch runs the global search and shows the hits grouped by kind; a click opens the hit.
func (u *UI) showSearch(q string) {
	if strings.TrimSpace(q) == "" {
		return
	}
	hits, err := u.st.Search(u.ctx, q, 15)
	if err != nil {
		u.ShowError(err)
		return
	}
	u.lastHits = hits
	var d dialog.Dialog
	box := container.NewVBox()
	if len(hits) == 0 {
		box.Add(widget.NewLabel(i18n.T("search.none", map[string]any{"Query": q})))
	}
	for _, kind := range desk.SearchKinds {
		var rows []fyne.CanvasObject
		for _, h := range hits {
			if h.Kind != kind {
				continue
			}
			kind, id := h.Kind, h.ID
			rows = append(rows, newTapRow("", h.Title, h.Snippet, widget.MediumImportance, func() {
				d.Hide()
				u.Open(kind, id)
			}))
		}
		if len(rows) > 0 {
			box.Add(section(i18n.T("search.group."+kind), len(rows), "", rows...))
		}
	}
	scroll := container.NewVScroll(box)
	size := u.win.Canvas().Size()
	scroll.SetMinSize(fyne.NewSize(size.Width*0.7, size.Height*0.7))
	d = dialog.NewCustom(i18n.T("search.title", map[string]any{"Query": q}), i18n.T("action.close"), scroll, u.win)
	d.Show()
}
