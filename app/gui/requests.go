package gui

import (
	"io"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"loge/app/i18n"
	"loge/data/desk"
	"loge/data/docs"
	"loge/data/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// requestsView is the Requests workspace: every request across guests in one list, filtered by
// days (a period or two dates), status, kind, vendor, VIP guests and privacy, in the order asked,
// in a virtualised list (a desk of years holds thousands); a line opens the request in the
// Planner, and the list as shown exports as CSV or PDF. Its second tab is the vendors'
// commissions (commissions.go).
type requestsView struct {
	u    *UI
	tabs *container.AppTabs

	period    *widget.Select // a period of days, or the two dates as typed
	from, to  *dayField
	status    *widget.Select // statusChoices
	kind      *widget.Select // all, then desk.RequestKinds
	vendor    *widget.Select // all, then vendorIDs
	privacy   *widget.Select // any, private only, not private
	order     *widget.Select // store.RequestOrder
	vip       *widget.Check
	count     *widget.Label
	problem   *widget.Label // a day that does not read
	list      *widget.List
	vendorIDs []string // the vendor choice's ids, after "all vendors"
	setting   bool     // the filters are being set together: one refresh at the end

	shown []desk.Request
	comm  *commissionsView
}

// requestsQuery is what the Requests list shows: the filters as a person sets them.
type requestsQuery struct {
	Period   string // a periodChoices key; periodCustom with From and To
	From, To time.Time
	Status   string // "", statusActive, statusOpen, statusOverdue or a request status
	Kind     string
	VendorID string
	VIPOnly  bool
	Private  store.Privacy
	Order    store.RequestOrder
}

// Statuses the list groups: the live ones (not declined, not cancelled), those not yet confirmed,
// and those not confirmed whose time has come.
const (
	statusActive  = "active"
	statusOpen    = "open"
	statusOverdue = "overdue"
)

var statusChoices = append([]string{"", statusActive, statusOpen, statusOverdue}, desk.RequestStatuses...)

// Periods of the period choice; periodCustom is the two dates as typed or picked.
const (
	periodAll      = "all"
	periodToday    = "today"
	periodTomorrow = "tomorrow"
	periodWeekend  = "weekend"
	periodWeek     = "next7"
	periodMonth    = "month"
	periodCustom   = "custom"
)

var periods = []string{periodAll, periodToday, periodTomorrow, periodWeekend, periodWeek, periodMonth, periodCustom}

var privacies = []store.Privacy{store.AnyPrivacy, store.PrivateOnly, store.NotPrivate}

var orders = []store.RequestOrder{store.ByStart, store.ByGuest, store.ByVendor, store.ByStatus}

func newRequestsView(u *UI) *requestsView { return &requestsView{u: u, comm: newCommissionsView(u)} }

func (v *requestsView) content() fyne.CanvasObject {
	v.tabs = container.NewAppTabs(
		container.NewTabItem(i18n.T("requests.tab_list"), v.listContent()),
		container.NewTabItem(i18n.T("requests.tab_commissions"), v.comm.content()))
	v.tabs.OnSelected = func(*container.TabItem) { v.refresh() }
	return v.tabs
}

// choices is a select of labels, the first chosen, refreshing the list on a change.
func (v *requestsView) choices(labels ...string) *widget.Select {
	s := widget.NewSelect(labels, func(string) { v.changed() })
	s.SetSelectedIndex(0)
	return s
}

func (v *requestsView) listContent() fyne.CanvasObject {
	v.setting = true // no list to refresh while the filters are made
	defer func() { v.setting = false }()
	// In the order of periods, statusChoices, privacies and orders.
	v.period = v.choices(i18n.T("requests.period_all"), i18n.T("requests.period_today"), i18n.T("requests.period_tomorrow"),
		i18n.T("requests.period_weekend"), i18n.T("requests.period_next7"), i18n.T("requests.period_month"), i18n.T("requests.period_custom"))
	v.period.OnChanged = func(string) { v.periodChanged() }
	v.from = newDayField(v.u, i18n.T("requests.from"), v.datesChanged)
	v.to = newDayField(v.u, i18n.T("requests.to"), v.datesChanged)
	statuses := []string{i18n.T("requests.all_statuses"), i18n.T("requests.status_active"), i18n.T("requests.status_open"), i18n.T("requests.status_overdue")}
	for _, st := range desk.RequestStatuses {
		statuses = append(statuses, i18n.T("status."+st))
	}
	v.status = v.choices(statuses...)
	kinds := []string{i18n.T("requests.all_kinds")}
	for _, k := range desk.RequestKinds {
		kinds = append(kinds, i18n.T("kind."+k))
	}
	v.kind = v.choices(kinds...)
	v.vendor = v.choices(i18n.T("requests.all_vendors"))
	v.privacy = v.choices(i18n.T("requests.privacy_any"), i18n.T("requests.privacy_only"), i18n.T("requests.privacy_excluded"))
	v.order = v.choices(i18n.T("requests.order_date"), i18n.T("requests.order_guest"), i18n.T("requests.order_vendor"), i18n.T("requests.order_status"))
	v.vip = widget.NewCheck(i18n.T("requests.vip_only"), func(bool) { v.changed() })
	csvBtn := widget.NewButtonWithIcon(i18n.T("requests.export_csv"), theme.DocumentSaveIcon(), v.exportCSV)
	pdfBtn := widget.NewButtonWithIcon(i18n.T("requests.export_pdf"), theme.DocumentPrintIcon(), v.exportPDF)
	v.count = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.problem = widget.NewLabel("")
	v.problem.Importance = widget.DangerImportance
	v.problem.Wrapping = fyne.TextWrapWord
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
			main := r.GuestName + " — " + requestLabel(r)
			if r.Private {
				main += " · " + i18n.T("requests.private_mark")
			}
			id := r.ID
			o.(*tapRow).set(columnDayTime(requestTime(r, v.u.st.Loc)), main, detail, statusImportance(r.Status), func() { v.u.OpenRequest(id) })
		})
	row1 := container.NewGridWithColumns(5, v.period, v.from.content(), v.to.content(), v.status, v.kind)
	row2 := container.NewBorder(nil, nil, nil, container.NewHBox(csvBtn, pdfBtn),
		container.NewGridWithColumns(4, v.vendor, v.privacy, v.order, v.vip))
	head := container.NewVBox(row1, row2, container.NewBorder(nil, nil, v.count, nil, v.problem))
	return container.NewBorder(container.NewPadded(head), container.NewPadded(statusLegend()), nil, nil, v.list)
}

// changed refreshes the list after a filter changed, unless the filters are being set together.
func (v *requestsView) changed() {
	if !v.setting {
		v.refresh()
	}
}

// quietly runs fn with the filters' own refreshes held, for a change of several at once.
func (v *requestsView) quietly(fn func()) {
	was := v.setting
	v.setting = true
	defer func() { v.setting = was }()
	fn()
}

// periodChanged writes the period's first and last days into the two dates.
func (v *requestsView) periodChanged() {
	if p := periods[max(v.period.SelectedIndex(), 0)]; p != periodCustom {
		from, to := periodDays(p, time.Now(), v.u.st.Loc)
		v.quietly(func() {
			v.from.set(from)
			v.to.set(to)
		})
	}
	v.changed()
}

// datesChanged makes a typed or picked date a period of its own.
func (v *requestsView) datesChanged() {
	if v.setting {
		return
	}
	v.quietly(func() { v.period.SetSelectedIndex(indexOf(periods, periodCustom)) })
	v.refresh()
}

// periodDays is a period's first and last days (midnight, in loc) seen from now; zero for all days.
func periodDays(p string, now time.Time, loc *time.Location) (from, to time.Time) {
	today := midnight(now, loc)
	switch p {
	case periodToday:
		return today, today
	case periodTomorrow:
		return today.AddDate(0, 0, 1), today.AddDate(0, 0, 1)
	case periodWeekend:
		// The coming Saturday and Sunday; on a Sunday, this one (Saturday is gone but its open requests are overdue).
		sat := today.AddDate(0, 0, (int(time.Saturday)-int(today.Weekday())+7)%7)
		if today.Weekday() == time.Sunday {
			sat = today.AddDate(0, 0, -1)
		}
		return sat, sat.AddDate(0, 0, 1)
	case periodWeek:
		return today, today.AddDate(0, 0, 6)
	case periodMonth:
		first := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, loc)
		return first, first.AddDate(0, 1, -1)
	}
	return time.Time{}, time.Time{}
}

// filter is the store filter the fields say; a day that does not read is said, not ignored.
func (v *requestsView) filter() (store.RequestFilter, bool) {
	var f store.RequestFilter
	from, okFrom := v.from.day()
	to, okTo := v.to.day()
	if !from.IsZero() {
		f.FromDay = from.Format(time.DateOnly)
	}
	if !to.IsZero() {
		f.ToDay = to.AddDate(0, 0, 1).Format(time.DateOnly) // "to" is the last day shown; the store's ToDay is the day after
	}
	switch st := statusChoices[max(v.status.SelectedIndex(), 0)]; st {
	case "":
	case statusActive:
		f.Statuses = []string{desk.RequestRequested, desk.RequestPendingVendor, desk.RequestConfirmed, desk.RequestDone}
	case statusOpen:
		f.Statuses = []string{desk.RequestRequested, desk.RequestPendingVendor}
	case statusOverdue:
		f.Statuses = []string{desk.RequestRequested, desk.RequestPendingVendor}
		f.Before = time.Now()
	default:
		f.Statuses = []string{st}
	}
	if i := v.kind.SelectedIndex(); i >= 1 {
		f.Kinds = []string{desk.RequestKinds[i-1]}
	}
	if i := v.vendor.SelectedIndex(); i >= 1 && i <= len(v.vendorIDs) {
		f.VendorID = v.vendorIDs[i-1]
	}
	f.VIPOnly = v.vip.Checked
	f.Private = privacies[max(v.privacy.SelectedIndex(), 0)]
	f.Order = orders[max(v.order.SelectedIndex(), 0)]
	return f, okFrom && okTo
}

func (v *requestsView) refresh() {
	if v.list == nil {
		return
	}
	if v.tabs.SelectedIndex() == 1 {
		v.comm.refresh()
		return
	}
	v.loadVendors()
	f, ok := v.filter()
	v.problem.SetText(i18n.T("requests.bad_day", map[string]any{"Format": i18n.T("requests.day_hint")}))
	v.problem.Hidden = ok
	reqs, err := v.u.st.Requests(v.u.ctx, f)
	if err != nil {
		v.u.ShowError(err)
		return
	}
	v.shown = reqs
	v.count.SetText(i18n.T("requests.count", map[string]any{"N": len(v.shown)}))
	v.problem.Refresh()
	v.list.Refresh()
}

// loadVendors fills the vendor choice with the vendor book, keeping the vendor chosen.
func (v *requestsView) loadVendors() {
	vendors, err := v.u.st.Vendors(v.u.ctx, store.VendorFilter{})
	if err != nil {
		v.u.ShowError(err)
		return
	}
	chosen := ""
	if i := v.vendor.SelectedIndex(); i >= 1 && i <= len(v.vendorIDs) {
		chosen = v.vendorIDs[i-1]
	}
	v.vendorIDs = v.vendorIDs[:0]
	labels := []string{i18n.T("requests.all_vendors")}
	at := 0
	for _, vd := range vendors {
		v.vendorIDs = append(v.vendorIDs, vd.ID)
		labels = append(labels, vd.Name)
		if vd.ID == chosen {
			at = len(labels) - 1
		}
	}
	v.quietly(func() {
		v.vendor.SetOptions(labels)
		v.vendor.SetSelectedIndex(at)
	})
}

// show sets every filter to q, then lists once.
func (v *requestsView) show(q requestsQuery) {
	v.tabs.SelectIndex(0)
	v.loadVendors()
	period, from, to := q.Period, q.From, q.To
	switch {
	case period == "" && from.IsZero() && to.IsZero():
		period = periodAll
	case period == "":
		period = periodCustom
	}
	if period != periodCustom {
		from, to = periodDays(period, time.Now(), v.u.st.Loc)
	}
	index := func(n int) int { return max(n, 0) }
	v.quietly(func() {
		v.period.SetSelectedIndex(index(indexOf(periods, period)))
		v.from.set(from)
		v.to.set(to)
		v.status.SetSelectedIndex(index(indexOf(statusChoices, q.Status)))
		v.kind.SetSelectedIndex(indexOf(desk.RequestKinds, q.Kind) + 1)
		v.vendor.SetSelectedIndex(indexOf(v.vendorIDs, q.VendorID) + 1)
		v.vip.SetChecked(q.VIPOnly)
		v.privacy.SetSelectedIndex(index(indexOf(privacies, q.Private)))
		v.order.SetSelectedIndex(index(indexOf(orders, q.Order)))
	})
	v.refresh()
}

func indexOf[T comparable](list []T, x T) int {
	for i, y := range list {
		if y == x {
			return i
		}
	}
	return -1
}

// caption says in words what the list holds, for the PDF's title: the days, then each filter set.
func (v *requestsView) caption() string {
	var parts []string
	from, _ := v.from.day()
	to, _ := v.to.day()
	switch {
	case !from.IsZero() && !to.IsZero() && from.Equal(to):
		parts = append(parts, fmtDay(from))
	case !from.IsZero() && !to.IsZero():
		parts = append(parts, fmtDay(from)+" → "+fmtDay(to))
	case !from.IsZero():
		parts = append(parts, i18n.T("requests.since", map[string]any{"Day": fmtDay(from)}))
	case !to.IsZero():
		parts = append(parts, i18n.T("requests.until", map[string]any{"Day": fmtDay(to)}))
	}
	for _, s := range []*widget.Select{v.status, v.kind, v.vendor, v.privacy} {
		if s.SelectedIndex() > 0 {
			parts = append(parts, s.Selected)
		}
	}
	if v.vip.Checked {
		parts = append(parts, i18n.T("requests.vip_only"))
	}
	return strings.Join(parts, " · ")
}

// exportCSV saves the list as shown, in the desk's language (UTF-8 with a byte-order mark).
func (v *requestsView) exportCSV() {
	v.u.saveDocument(docFileName(".csv", i18n.T("requests.file")), ".csv", v.csv())
}

// exportPDF saves the list as shown as a printable pack, its filters in its title.
func (v *requestsView) exportPDF() {
	v.u.saveDocument(docFileName(".pdf", i18n.T("requests.file")), ".pdf", v.pdf())
}

// csv and pdf render the list as it is now (a refresh while the save dialog is open changes nothing).
func (v *requestsView) csv() func(io.Writer) error {
	reqs := append([]desk.Request(nil), v.shown...)
	return func(w io.Writer) error { return docs.RequestsCSV(w, reqs, v.u.st.Loc, i18n.Current()) }
}

func (v *requestsView) pdf() func(io.Writer) error {
	reqs, caption := append([]desk.Request(nil), v.shown...), v.caption()
	return func(w io.Writer) error { return docs.RequestsPDF(v.u.ctx, v.u.st, reqs, caption, i18n.Current(), w) }
}

// OpenRequests shows the Requests workspace's list filtered as q says.
func (u *UI) OpenRequests(q requestsQuery) {
	u.Show(WorkspaceRequests)
	u.requests.show(q)
}

// The Board's ways into the list.

// openRequests are the requests not yet confirmed, every day: the Board's "to confirm" in full.
func openRequests() requestsQuery { return requestsQuery{Status: statusOpen} }

// overdueRequests are those not yet confirmed whose time has passed.
func overdueRequests() requestsQuery { return requestsQuery{Status: statusOverdue} }

// bookingsOf are the live bookings of the days from to (the Board's today and tomorrow).
func bookingsOf(from, to time.Time) requestsQuery {
	return requestsQuery{Period: periodCustom, From: from, To: to, Status: statusActive}
}

// columnDayTime is the day and time as a list's first column (monospace) writes them: the day
// padded to the longest of the language's ("sam. 27 juil."), so that times and texts line up.
func columnDayTime(t time.Time) string {
	day := fmtDay(t)
	if n := utf8.RuneCountInString(day); n < longestDay() {
		day += strings.Repeat(" ", longestDay()-n)
	}
	return day + " " + t.Format("15:04")
}

var longestDays sync.Map // language → the longest fmtDay of a year, in runes

func longestDay() int {
	lang := i18n.Current()
	if n, ok := longestDays.Load(lang); ok {
		return n.(int)
	}
	n := 0
	for d := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC); d.Year() == 2026; d = d.AddDate(0, 0, 1) {
		n = max(n, utf8.RuneCountInString(fmtDay(d)))
	}
	longestDays.Store(lang, n)
	return n
}

// dayField is a day typed (DD/MM/YYYY in French, YYYY-MM-DD in both) or picked in the calendar.
type dayField struct {
	u        *UI
	entry    *widget.Entry
	onChange func()
}

func newDayField(u *UI, placeholder string, onChange func()) *dayField {
	f := &dayField{u: u, entry: widget.NewEntry(), onChange: onChange}
	f.entry.SetPlaceHolder(placeholder)
	f.entry.OnChanged = func(string) { f.onChange() }
	return f
}

func (f *dayField) content() fyne.CanvasObject {
	pick := widget.NewButtonWithIcon("", theme.CalendarIcon(), f.openPicker)
	return container.NewBorder(nil, nil, nil, pick, f.entry)
}

func (f *dayField) openPicker() {
	at, _ := f.day()
	p := newDateTimePicker(at, f.u.st.Loc, [2]int{0, 0}, f.set)
	p.noClock = true
	p.show(f.u.win.Canvas())
}

// set writes day into the field (zero empties it).
func (f *dayField) set(day time.Time) {
	if day.IsZero() {
		f.entry.SetText("")
		return
	}
	f.entry.SetText(day.In(f.u.st.Loc).Format(dayLayout()))
}

// day is the day typed, zero when empty; false when the text does not read as a day.
func (f *dayField) day() (time.Time, bool) {
	if strings.TrimSpace(f.entry.Text) == "" {
		return time.Time{}, true
	}
	t, err := parseDateTime(f.entry.Text, f.u.st.Loc, &[2]int{0, 0})
	if err != nil {
		return time.Time{}, false
	}
	return midnight(t, f.u.st.Loc), true
}

// dayLayout is how a day is shown in entries: French day-first, otherwise ISO.
func dayLayout() string {
	if i18n.Current() == "fr" {
		return "02/01/2006"
	}
	return time.DateOnly
}
