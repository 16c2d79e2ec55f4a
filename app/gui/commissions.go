package gui

import (
	"io"
	"strconv"
	"strings"
	"time"

	"loge/app/i18n"
	"loge/data/desk"
	"loge/data/docs"
	"loge/data/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// commissionsView is the Requests workspace's second tab: a month's commissions per vendor and
// currency (expected, settled, reversed, summed by desk.Commissions as `loge report commissions`
// does), the totals by currency, and below the requests behind the vendor selected. Vendors or
// single requests are ticked to mark their expected commissions settled in one action, after a
// question.
type commissionsView struct {
	u     *UI
	month time.Time // its first day, at midnight on the hotel's clock

	title    *widget.Label
	empty    *widget.Label
	all      *widget.Check // every vendor ticked
	vendors  *widget.List
	totals   *fyne.Container
	reqTitle *widget.Label
	reqs     *widget.List
	settle   *widget.Button

	rows       []desk.VendorCommissions
	selected   int             // the row whose requests are shown, -1 none
	picked     map[string]bool // rows ticked, by commissionRowKey
	pickedReqs map[string]bool // requests ticked, by id
	ticking    bool            // the ticks are being drawn, not changed by a person

	lastConfirm *dialog.ConfirmDialog // the question before settling, for tests
}

func newCommissionsView(u *UI) *commissionsView {
	return &commissionsView{u: u, selected: -1, picked: map[string]bool{}, pickedReqs: map[string]bool{}}
}

// commissionRowKey names a row: a vendor's commissions in one currency.
func commissionRowKey(vc desk.VendorCommissions) string { return vc.VendorID + "|" + vc.Currency }

// The columns of the vendors' table and of the requests' table, as shares of the width.
var (
	commVendorCols  = []float32{0.04, 0.36, 0.08, 0.08, 0.15, 0.15, 0.14}
	commRequestCols = []float32{0.04, 0.14, 0.18, 0.26, 0.16, 0.10, 0.12}
)

func (c *commissionsView) content() fyne.CanvasObject {
	if c.month.IsZero() {
		c.month = firstOfMonth(time.Now(), c.u.st.Loc)
	}
	c.title = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	prev := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { c.showMonth(c.month.AddDate(0, -1, 0)) })
	next := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { c.showMonth(c.month.AddDate(0, 1, 0)) })
	this := widget.NewButton(i18n.T("commissions.this_month"), func() { c.showMonth(time.Now()) })
	c.settle = widget.NewButtonWithIcon("", theme.ConfirmIcon(), c.askSettle)
	c.settle.Importance = widget.HighImportance
	csvBtn := widget.NewButtonWithIcon(i18n.T("requests.export_csv"), theme.DocumentSaveIcon(), c.exportCSV)
	pdfBtn := widget.NewButtonWithIcon(i18n.T("requests.export_pdf"), theme.DocumentPrintIcon(), c.exportPDF)
	nav := container.NewHBox(prev, container.NewGridWrap(fyne.NewSize(180, prev.MinSize().Height), c.title), next, this)
	head := container.NewHBox(nav, layout.NewSpacer(), c.settle, csvBtn, pdfBtn)

	c.all = widget.NewCheck("", func(on bool) {
		if c.ticking {
			return
		}
		for _, vc := range c.rows {
			c.picked[commissionRowKey(vc)] = on
		}
		c.ticksChanged()
	})
	vendorHead := newColumns(commVendorCols, c.all, headLabel("commissions.col_vendor"), headLabel("commissions.col_currency"),
		headLabel("commissions.col_requests", fyne.TextAlignTrailing), headLabel("commission.expected", fyne.TextAlignTrailing),
		headLabel("commission.settled", fyne.TextAlignTrailing), headLabel("commission.reversed", fyne.TextAlignTrailing))
	c.vendors = widget.NewList(func() int { return len(c.rows) }, c.newVendorRow, c.drawVendorRow)
	c.vendors.OnSelected = func(id widget.ListItemID) {
		c.selected = id
		c.showRequests()
	}
	c.empty = widget.NewLabel("")
	c.empty.Importance = widget.LowImportance
	c.totals = container.NewVBox()
	top := container.NewBorder(container.NewVBox(vendorHead, widget.NewSeparator()), c.totals, nil, nil, container.NewStack(c.vendors, c.empty))

	c.reqTitle = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.reqTitle.Truncation = fyne.TextTruncateEllipsis
	reqHead := newColumns(commRequestCols, widget.NewLabel(""), headLabel("commissions.col_when"), headLabel("commissions.col_guest"),
		headLabel("commissions.col_booking"), headLabel("commissions.col_status"), headLabel("commissions.col_amount", fyne.TextAlignTrailing),
		headLabel("commissions.col_state"))
	c.reqs = widget.NewList(func() int { return len(c.shownRequests()) }, c.newRequestRow, c.drawRequestRow)
	c.reqs.OnSelected = func(id widget.ListItemID) {
		c.reqs.UnselectAll()
		if reqs := c.shownRequests(); id < len(reqs) {
			c.u.OpenRequest(reqs[id].ID)
		}
	}
	bottom := container.NewBorder(container.NewVBox(c.reqTitle, reqHead, widget.NewSeparator()), nil, nil, nil, c.reqs)
	split := container.NewVSplit(top, bottom)
	split.Offset = 0.55
	return container.NewBorder(container.NewPadded(head), nil, nil, nil, container.NewPadded(split))
}

// headLabel is a column title.
func headLabel(key string, align ...fyne.TextAlign) *widget.Label {
	l := widget.NewLabelWithStyle(i18n.T(key), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	if len(align) > 0 {
		l.Alignment = align[0]
	}
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// cellLabel is a table cell that truncates rather than widen the window.
func cellLabel(align fyne.TextAlign) *widget.Label {
	l := widget.NewLabel("")
	l.Alignment = align
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

func (c *commissionsView) newVendorRow() fyne.CanvasObject {
	objs := []fyne.CanvasObject{widget.NewCheck("", nil), cellLabel(fyne.TextAlignLeading), cellLabel(fyne.TextAlignLeading)}
	for range 4 {
		objs = append(objs, cellLabel(fyne.TextAlignTrailing))
	}
	return newColumns(commVendorCols, objs...)
}

func (c *commissionsView) drawVendorRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i >= len(c.rows) {
		return
	}
	vc := c.rows[i]
	objs := o.(*fyne.Container).Objects
	key := commissionRowKey(vc)
	check := objs[0].(*widget.Check)
	check.OnChanged = nil
	check.SetChecked(c.picked[key])
	check.OnChanged = func(on bool) { c.picked[key] = on; c.ticksChanged() }
	texts := []string{vc.VendorName, vc.Currency, strconv.Itoa(len(vc.Requests)), fmtMoney(vc.Expected, vc.Currency),
		fmtMoney(vc.Settled, vc.Currency), fmtMoney(vc.Reversed, vc.Currency)}
	for j, t := range texts {
		l := objs[j+1].(*widget.Label)
		l.SetText(t)
		l.Importance = widget.MediumImportance
	}
	if vc.Expected != 0 {
		objs[4].(*widget.Label).Importance = widget.WarningImportance
	}
	objs[1].(*widget.Label).TextStyle.Bold = true
	for _, obj := range objs[1:] {
		obj.Refresh()
	}
}

func (c *commissionsView) newRequestRow() fyne.CanvasObject {
	objs := []fyne.CanvasObject{widget.NewCheck("", nil)}
	for _, a := range []fyne.TextAlign{fyne.TextAlignLeading, fyne.TextAlignLeading, fyne.TextAlignLeading, fyne.TextAlignLeading, fyne.TextAlignTrailing, fyne.TextAlignLeading} {
		objs = append(objs, cellLabel(a))
	}
	return newColumns(commRequestCols, objs...)
}

func (c *commissionsView) drawRequestRow(i widget.ListItemID, o fyne.CanvasObject) {
	reqs := c.shownRequests()
	if i >= len(reqs) {
		return
	}
	r := reqs[i]
	objs := o.(*fyne.Container).Objects
	check := objs[0].(*widget.Check)
	check.OnChanged = nil
	vendorKey := commissionRowKey(c.rows[c.selected])
	check.SetChecked(c.picked[vendorKey] || c.pickedReqs[r.ID])
	check.Hidden = r.CommissionStatus != desk.CommissionExpected // only what is still owed can be settled
	check.Refresh()
	id := r.ID
	check.OnChanged = func(on bool) { c.tickRequest(vendorKey, id, on) }
	title := r.Title // the vendor is the row's
	if title == "" {
		title = i18n.T("kind." + r.Kind)
	}
	texts := []string{fmtDayTime(requestTime(r, c.u.st.Loc)), r.GuestName, title, i18n.T("status." + r.Status),
		fmtMoney(r.CommissionCents, r.Currency), i18n.T("commission." + r.CommissionStatus)}
	for j, t := range texts {
		objs[j+1].(*widget.Label).SetText(t)
	}
	state := objs[6].(*widget.Label)
	state.Importance = widget.MediumImportance
	switch r.CommissionStatus {
	case desk.CommissionExpected:
		state.Importance = widget.WarningImportance
	case desk.CommissionSettled:
		state.Importance = widget.SuccessImportance
	case desk.CommissionReversed:
		state.Importance = widget.LowImportance
	}
	state.Refresh()
}

// tickRequest ticks or unticks one request; unticking one of a vendor ticked whole leaves the
// vendor's other expected requests ticked one by one.
func (c *commissionsView) tickRequest(vendorKey, id string, on bool) {
	if !on && c.picked[vendorKey] {
		c.picked[vendorKey] = false
		for _, r := range c.shownRequests() {
			if r.CommissionStatus == desk.CommissionExpected {
				c.pickedReqs[r.ID] = true
			}
		}
	}
	c.pickedReqs[id] = on
	c.ticksChanged()
}

// shownRequests are the requests behind the selected row.
func (c *commissionsView) shownRequests() []desk.Request {
	if c.selected < 0 || c.selected >= len(c.rows) {
		return nil
	}
	return c.rows[c.selected].Requests
}

func firstOfMonth(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, loc)
}

// monthTitle is "décembre 2026" / "December 2026".
func monthTitle(t time.Time) string {
	return i18n.T("month_long."+strconv.Itoa(int(t.Month()))) + " " + strconv.Itoa(t.Year())
}

// showMonth shows the month of t, nothing ticked.
func (c *commissionsView) showMonth(t time.Time) {
	c.month = firstOfMonth(t, c.u.st.Loc)
	c.picked, c.pickedReqs, c.selected = map[string]bool{}, map[string]bool{}, -1
	c.vendors.UnselectAll()
	c.refresh()
}

// load reads the month's commissions.
func (c *commissionsView) load() ([]desk.VendorCommissions, error) {
	reqs, err := c.u.st.Requests(c.u.ctx, store.RequestFilter{FromDay: c.month.Format(time.DateOnly), ToDay: c.month.AddDate(0, 1, 0).Format(time.DateOnly)})
	if err != nil {
		return nil, err
	}
	return desk.Commissions(reqs), nil
}

func (c *commissionsView) refresh() {
	if c.vendors == nil {
		return
	}
	rows, err := c.load()
	if err != nil {
		c.u.ShowError(err)
		return
	}
	// Keep the vendor selected across a refresh (after settling, the same vendor's requests stay).
	var was string
	if c.selected >= 0 && c.selected < len(c.rows) {
		was = commissionRowKey(c.rows[c.selected])
	}
	c.rows, c.selected = rows, -1
	for i, vc := range rows {
		if commissionRowKey(vc) == was {
			c.selected = i
		}
	}
	c.title.SetText(monthTitle(c.month))
	c.empty.SetText(i18n.T("commissions.none", map[string]any{"Month": monthTitle(c.month)}))
	c.empty.Hidden = len(rows) > 0
	c.empty.Refresh()
	var totals []fyne.CanvasObject
	for _, t := range docs.SumCommissions(rows) {
		cells := []fyne.CanvasObject{widget.NewLabel("")}
		for j, s := range []string{i18n.T("commissions.total"), t.Currency, strconv.Itoa(t.Requests), fmtMoney(t.Expected, t.Currency),
			fmtMoney(t.Settled, t.Currency), fmtMoney(t.Reversed, t.Currency)} {
			align := fyne.TextAlignTrailing
			if j < 2 {
				align = fyne.TextAlignLeading
			}
			l := cellLabel(align)
			l.TextStyle.Bold = true
			l.SetText(s)
			cells = append(cells, l)
		}
		totals = append(totals, newColumns(commVendorCols, cells...))
	}
	if len(totals) > 0 {
		totals = append([]fyne.CanvasObject{widget.NewSeparator()}, totals...)
	}
	c.totals.Objects = totals
	c.totals.Refresh()
	c.vendors.Refresh()
	if c.selected >= 0 {
		c.vendors.Select(c.selected)
	} else {
		c.vendors.UnselectAll()
	}
	c.showRequests()
	c.ticksChanged()
}

// showRequests shows the requests of the row selected.
func (c *commissionsView) showRequests() {
	if c.selected < 0 || c.selected >= len(c.rows) {
		c.reqTitle.SetText(i18n.T("commissions.pick_vendor"))
	} else {
		vc := c.rows[c.selected]
		c.reqTitle.SetText(i18n.T("commissions.behind", map[string]any{"Vendor": vc.VendorName, "Currency": vc.Currency, "N": len(vc.Requests)}))
	}
	c.reqs.Refresh()
}

// toSettle are the requests whose expected commission the ticks select: every expected one of
// the rows ticked and the requests ticked one by one, each once.
func (c *commissionsView) toSettle() []desk.Request {
	var out []desk.Request
	seen := map[string]bool{}
	for _, vc := range c.rows {
		for _, r := range vc.Requests {
			if r.CommissionStatus == desk.CommissionExpected && !seen[r.ID] && (c.picked[commissionRowKey(vc)] || c.pickedReqs[r.ID]) {
				seen[r.ID] = true
				out = append(out, r)
			}
		}
	}
	return out
}

// ticksChanged redraws what depends on the ticks: the settle button's count, the rows' boxes.
func (c *commissionsView) ticksChanged() {
	n := len(c.toSettle())
	c.settle.SetText(i18n.T("commissions.settle", map[string]any{"N": n}))
	if n == 0 {
		c.settle.Disable()
	} else {
		c.settle.Enable()
	}
	all := len(c.rows) > 0
	for _, vc := range c.rows {
		all = all && c.picked[commissionRowKey(vc)]
	}
	c.ticking = true
	c.all.SetChecked(all)
	c.ticking = false
	c.vendors.Refresh()
	c.reqs.Refresh()
}

// askSettle asks before marking the ticked expected commissions settled, with their sum.
func (c *commissionsView) askSettle() {
	reqs := c.toSettle()
	if len(reqs) == 0 {
		return
	}
	sums := map[string]int64{}
	var currencies []string
	for _, r := range reqs {
		if _, ok := sums[r.Currency]; !ok {
			currencies = append(currencies, r.Currency)
		}
		sums[r.Currency] += r.CommissionCents
	}
	var amounts []string
	for _, cur := range currencies {
		amounts = append(amounts, fmtMoney(sums[cur], cur))
	}
	ids := make([]string, len(reqs))
	for i, r := range reqs {
		ids[i] = r.ID
	}
	msg := i18n.T("commissions.settle_question", map[string]any{"N": len(reqs), "Amount": strings.Join(amounts, " + "), "Month": monthTitle(c.month)})
	c.lastConfirm = c.u.confirm(i18n.T("commissions.settle_title"), msg, i18n.T("commissions.settle_yes"), func() { c.settleNow(ids) })
}

// settleNow marks the expected commissions of ids settled in one action, then says how many.
func (c *commissionsView) settleNow(ids []string) {
	done, err := c.u.st.SettleCommissions(c.u.ctx, ids, c.u.planner.who())
	if err != nil {
		c.u.ShowError(err)
		return
	}
	c.picked, c.pickedReqs = map[string]bool{}, map[string]bool{}
	c.refresh()
	c.u.notice(i18n.T("commissions.settled", map[string]any{"N": len(done)}))
}

// exportCSV saves the month's commissions for the hotel's accounts, a line a request.
func (c *commissionsView) exportCSV() {
	c.u.saveDocument(docFileName(".csv", i18n.T("commissions.file"), c.month.Format("2006-01")), ".csv", c.csv())
}

// exportPDF saves the month's commissions as a printable pack: the summary, then vendor by vendor.
func (c *commissionsView) exportPDF() {
	c.u.saveDocument(docFileName(".pdf", i18n.T("commissions.file"), c.month.Format("2006-01")), ".pdf", c.pdf())
}

// csv and pdf render the month as shown now.
func (c *commissionsView) csv() func(io.Writer) error {
	rows := c.rows
	return func(w io.Writer) error { return docs.CommissionsCSV(w, rows, c.u.st.Loc, i18n.Current()) }
}

func (c *commissionsView) pdf() func(io.Writer) error {
	rows, month := c.rows, c.month
	return func(w io.Writer) error { return docs.CommissionsPDF(c.u.ctx, c.u.st, month, rows, i18n.Current(), w) }
}

// columns lays its objects out side by side, each a share of the width (the shares add up to 1),
// so a header and the rows of a list line up whatever the texts.
type columns struct{ shares []float32 }

func newColumns(shares []float32, objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(&columns{shares: shares}, objs...)
}

func (l *columns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for _, o := range objs {
		m := o.MinSize()
		w += m.Width
		h = max(h, m.Height)
	}
	return fyne.NewSize(w, h)
}

func (l *columns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	x := float32(0)
	for i, o := range objs {
		w := size.Width * l.shares[min(i, len(l.shares)-1)]
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w
	}
}
