package gui

import (
	"io"
	"strings"
	"time"

	"loge/app/i18n"
	"loge/data/desk"
	"loge/data/docs"
	"loge/data/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// requestsView lists every request across guests, filtered by days, status and kind, by start
// time, in a virtualised list (a desk of years holds thousands); a line opens the request in the
// Planner, and the list as filtered exports as CSV for a spreadsheet.
type requestsView struct {
	u *UI

	from, to *widget.Entry  // YYYY-MM-DD, either may be empty
	status   *widget.Select // all, open (not yet confirmed), or one status
	kind     *widget.Select
	count    *widget.Label
	list     *widget.List
	problem  *widget.Label // a day that does not read

	shown []desk.Request
}

func newRequestsView(u *UI) *requestsView { return &requestsView{u: u} }

func (v *requestsView) content() fyne.CanvasObject {
	v.from, v.to = widget.NewEntry(), widget.NewEntry()
	v.from.SetPlaceHolder(i18n.T("requests.from"))
	v.to.SetPlaceHolder(i18n.T("requests.to"))
	v.from.OnChanged = func(string) { v.refresh() }
	v.to.OnChanged = func(string) { v.refresh() }
	statuses := []string{i18n.T("requests.all_statuses"), i18n.T("requests.open")}
	for _, s := range desk.RequestStatuses {
		statuses = append(statuses, i18n.T("status."+s))
	}
	v.status = widget.NewSelect(statuses, func(string) { v.refresh() })
	v.status.SetSelectedIndex(0)
	kinds := []string{i18n.T("requests.all_kinds")}
	for _, k := range desk.RequestKinds {
		kinds = append(kinds, i18n.T("kind."+k))
	}
	v.kind = widget.NewSelect(kinds, func(string) { v.refresh() })
	v.kind.SetSelectedIndex(0)
	export := widget.NewButtonWithIcon(i18n.T("requests.export_csv"), theme.DocumentSaveIcon(), v.exportCSV)
	v.count = widget.NewLabel("")
	v.count.Importance = widget.LowImportance
	v.problem = widget.NewLabel("")
	v.problem.Importance = widget.DangerImportance
	v.problem.Hide()
	v.list = widget.NewList(func() int { return len(v.shown) },
		func() fyne.CanvasObject { return newTapRow("", "", "", widget.MediumImportance, nil) },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(v.shown) {
				return
			}
			r := v.shown[i]
			detail := i18n.T("status." + r.Status)
			if r.Confirmation != "" {
				detail = r.Confirmation + " · " + detail
			}
			id := r.ID
			o.(*tapRow).set(fmtDayTime(requestTime(r, v.u.st.Loc)), r.GuestName+" — "+requestLabel(r), detail,
				statusImportance(r.Status), func() { v.u.OpenRequest(id) })
		})
	filters := container.NewGridWithColumns(4, v.from, v.to, v.status, v.kind)
	head := container.NewVBox(container.NewBorder(nil, nil, nil, export, filters),
		container.NewBorder(nil, nil, v.count, nil, v.problem))
	return container.NewBorder(container.NewPadded(head), container.NewPadded(statusLegend()), nil, nil, v.list)
}

// filter is the store filter the fields say; a day that does not read is said, not ignored.
func (v *requestsView) filter() (store.RequestFilter, bool) {
	var f store.RequestFilter
	ok := true
	day := func(e *widget.Entry, after bool) string {
		s := strings.TrimSpace(e.Text)
		if s == "" {
			return ""
		}
		d, err := time.ParseInLocation(time.DateOnly, s, v.u.st.Loc)
		if err != nil {
			ok = false
			return ""
		}
		if after {
			d = d.AddDate(0, 0, 1) // "to" is the last day shown; the store's ToDay is the day after
		}
		return d.Format(time.DateOnly)
	}
	f.FromDay, f.ToDay = day(v.from, false), day(v.to, true)
	switch i := v.status.SelectedIndex(); {
	case i == 1:
		f.Statuses = []string{desk.RequestRequested, desk.RequestPendingVendor}
	case i >= 2:
		f.Statuses = []string{desk.RequestStatuses[i-2]}
	}
	return f, ok
}

func (v *requestsView) refresh() {
	if v.list == nil {
		return
	}
	f, ok := v.filter()
	v.problem.SetText(i18n.T("requests.bad_day"))
	v.problem.Hidden = ok
	reqs, err := v.u.st.Requests(v.u.ctx, f)
	if err != nil {
		v.u.ShowError(err)
		return
	}
	kind := ""
	if i := v.kind.SelectedIndex(); i >= 1 {
		kind = desk.RequestKinds[i-1]
	}
	v.shown = v.shown[:0]
	for _, r := range reqs {
		if kind == "" || r.Kind == kind {
			v.shown = append(v.shown, r)
		}
	}
	v.count.SetText(i18n.T("requests.count", map[string]any{"N": len(v.shown)}))
	v.problem.Refresh()
	v.list.Refresh()
}

// showOpen shows the requests not yet confirmed, all days: the Board's "not yet confirmed" in full.
func (v *requestsView) showOpen() {
	v.from.SetText("")
	v.to.SetText("")
	v.kind.SetSelectedIndex(0)
	v.status.SetSelectedIndex(1)
	v.refresh()
}

// exportCSV saves the list as filtered, in the desk's language (UTF-8 with a byte-order mark).
func (v *requestsView) exportCSV() {
	reqs := append([]desk.Request(nil), v.shown...)
	v.u.saveDocument(docFileName(".csv", i18n.T("requests.file")), ".csv", func(w io.Writer) error {
		return docs.RequestsCSV(w, reqs, v.u.st.Loc, i18n.Current())
	})
}

// OpenRequests shows the Requests workspace with the requests not yet confirmed.
func (u *UI) OpenRequests() {
	u.Show(WorkspaceRequests)
	u.requests.showOpen()
}
