package gui

import (
	"time"

	"loge/app/i18n"
	"loge/data/desk"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// boardView is the shift view: today's and tomorrow's arrivals, departures and bookings, what is
// not yet confirmed, and guest mail waiting for an answer. Every line opens what it names.
type boardView struct {
	u     *UI
	title *widget.Label
	body  *fyne.Container
	now   func() time.Time

	last      *desk.Board // what is on screen, for tests
	unreadLog int         // logbook entries this desk has not read, for tests
}

func newBoardView(u *UI) *boardView {
	return &boardView{u: u, now: time.Now}
}

// first is the Board read while the window was built, once (see UI.firstBoard).
func (b *boardView) first() (boardRead, bool, error) {
	if b.u.firstBoard == nil {
		return boardRead{}, false, nil
	}
	return b.u.firstBoard()
}

func (b *boardView) content() fyne.CanvasObject {
	b.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	b.title.SizeName = "headingText"
	b.body = container.NewVBox()
	refresh := widget.NewButton(i18n.T("action.refresh"), b.refresh)
	downtime := widget.NewButtonWithIcon(i18n.T("board.downtime"), theme.DocumentPrintIcon(), func() { b.u.exportDowntime(b.now()) })
	head := container.NewHBox(b.title, layout.NewSpacer(), downtime, refresh)
	return container.NewBorder(container.NewPadded(head), nil, nil, nil, container.NewVScroll(container.NewPadded(b.body)))
}

func (b *boardView) refresh() {
	now := b.now()
	var bd *desk.Board
	var err error
	if r, ok, rerr := b.first(); ok && fmtDay(r.at) == fmtDay(now) {
		bd, err = r.board, rerr
	} else {
		bd, err = b.u.st.Board(b.u.ctx, now)
	}
	if err != nil {
		b.u.ShowError(err)
		return
	}
	b.last = bd
	b.title.SetText(i18n.T("board.title", map[string]any{"Day": fmtDay(now)}))

	stayRow := func(st desk.Stay, t time.Time) fyne.CanvasObject {
		detail := st.Room
		if detail != "" {
			detail = i18n.T("board.room", map[string]any{"Room": st.Room}) + " · "
		}
		detail += i18n.T("board.party", map[string]any{"N": st.PartySize})
		id := st.ID
		return newTapRow(t.In(b.u.st.Loc).Format("15:04"), st.GuestName, detail, widget.MediumImportance, func() { b.u.OpenStay(id) })
	}
	// A section shows its first boardRows lines and then how many more there are, with a way to the
	// full list: a big hotel's in-house list is a page of its own, and laying out hundreds of rows
	// made the Board take seconds to appear on a 10,000-guest desk.
	stays := func(list []desk.Stay, at func(desk.Stay) time.Time) []fyne.CanvasObject {
		var rows []fyne.CanvasObject
		for _, st := range list[:min(len(list), boardRows)] {
			rows = append(rows, stayRow(st, at(st)))
		}
		return b.more(rows, len(list), func() { b.u.Show(WorkspacePlanner) })
	}
	arrivals := stays(bd.Arrivals, func(st desk.Stay) time.Time { return st.Arrival })
	departures := stays(bd.Departures, func(st desk.Stay) time.Time { return st.Departure })
	tomorrow := stays(bd.ArrivalsTomorrow, func(st desk.Stay) time.Time { return st.Arrival })
	var vips, bookings, unconfirmed, unanswered []fyne.CanvasObject
	for _, st := range bd.InHouseVIPs[:min(len(bd.InHouseVIPs), boardRows)] {
		id := st.ID
		vips = append(vips, newTapRow("★", st.GuestName, i18n.T("board.room", map[string]any{"Room": st.Room}), widget.WarningImportance, func() { b.u.OpenStay(id) }))
	}
	vips = b.more(vips, len(bd.InHouseVIPs), func() { b.u.Show(WorkspacePlanner) })
	for _, r := range bd.Bookings[:min(len(bd.Bookings), boardRows)] {
		lead := r.StartsAt.Format("15:04")
		if r.StartsAt.In(b.u.st.Loc).Format(time.DateOnly) != bd.Day {
			lead = i18n.T("board.tomorrow_short") + " " + lead
		}
		main := r.GuestName + " — " + requestLabel(r)
		detail := i18n.T("status." + r.Status)
		if r.Confirmation != "" {
			detail = r.Confirmation + " · " + detail
		}
		id := r.ID
		bookings = append(bookings, newTapRow(lead, main, detail, statusImportance(r.Status), func() { b.u.OpenRequest(id) }))
	}
	today := midnight(now, b.u.st.Loc)
	bookings = b.more(bookings, len(bd.Bookings), func() { b.u.OpenRequests(bookingsOf(today, today.AddDate(0, 0, 1))) })
	if len(bookings) > 0 {
		bookings = append([]fyne.CanvasObject{statusLegend()}, bookings...) // above: a busy day's list is long
	}
	for _, r := range bd.Unconfirmed[:min(len(bd.Unconfirmed), boardRows)] {
		imp := widget.WarningImportance
		due := fmtDayTime(r.StartsAt)
		if r.StartsAt.Before(now) {
			imp = widget.DangerImportance
			due = i18n.T("board.overdue") + " · " + due
		}
		id := r.ID
		unconfirmed = append(unconfirmed, newTapRow(i18n.T("kind."+r.Kind), r.GuestName+" — "+requestLabel(r), due+" · "+i18n.T("status."+r.Status), imp, func() { b.u.OpenRequest(id) }))
	}
	unconfirmed = b.more(unconfirmed, len(bd.Unconfirmed), func() { b.u.OpenRequests(openRequests()) })
	unconfirmed = append(unconfirmed, b.toConfirmLinks(bd.Unconfirmed, now)...)
	for _, m := range bd.Unanswered[:min(len(bd.Unanswered), boardRows)] {
		from := m.FromName
		if from == "" {
			from = m.FromAddr
		}
		imp := widget.MediumImportance
		if now.Sub(m.Date) > 12*time.Hour {
			imp = widget.DangerImportance
		}
		th := m.ThreadID
		unanswered = append(unanswered, newTapRow(fmtAge(now.Sub(m.Date)), from+" — "+m.Subject, fmtWhen(m.Date, now), imp, func() { b.u.OpenThread(th) }))
	}
	unanswered = b.more(unanswered, len(bd.Unanswered), func() { b.u.Show(WorkspaceInbox) })
	empty := i18n.T("board.nothing")
	left := container.NewVBox(
		section(i18n.T("board.arrivals"), len(bd.Arrivals), empty, arrivals...),
		section(i18n.T("board.departures"), len(bd.Departures), empty, departures...),
		section(i18n.T("board.arrivals_tomorrow"), len(bd.ArrivalsTomorrow), empty, tomorrow...),
		section(i18n.T("board.vips"), len(bd.InHouseVIPs), empty, vips...),
	)
	right := container.NewVBox(
		section(i18n.T("board.bookings"), len(bd.Bookings), empty, bookings...),
		section(i18n.T("board.unconfirmed"), len(bd.Unconfirmed), i18n.T("board.all_confirmed"), unconfirmed...),
		section(i18n.T("board.unanswered", map[string]any{"N": int(bd.UnansweredAfter.Hours())}), len(bd.Unanswered), i18n.T("board.inbox_clear"), unanswered...),
	)
	b.body.Objects = []fyne.CanvasObject{b.logbookSection(), container.NewGridWithColumns(2, left, right)}
	b.body.Refresh()
}

// boardRows is how many lines a Board section shows before "+ N more": a busy day's bookings fit
// (the demo's 20 did not under a first cap of 12), and a 100k-mail, 10k-guest desk with every
// section full still builds its Board in under half a second.
const boardRows = 30

// more ends a section's rows with a line saying how many are not shown, which opens (open) the
// list of them all.
func (b *boardView) more(rows []fyne.CanvasObject, total int, open func()) []fyne.CanvasObject {
	if total <= len(rows) {
		return rows
	}
	return append(rows, newTapRow("", i18n.T("board.more", map[string]any{"N": total - len(rows)}), "", widget.LowImportance, open))
}

// toConfirmLinks end "to confirm" with the ways into the Requests list: every request not yet
// confirmed (the section shows the next two days only), and the overdue ones when there are.
func (b *boardView) toConfirmLinks(open []desk.Request, now time.Time) []fyne.CanvasObject {
	var links []fyne.CanvasObject
	if len(open) == 0 {
		return nil // the section says all is confirmed
	}
	if len(open) <= boardRows { // else its "+ N more" line opens the same list
		links = append(links, newTapRow("", i18n.T("board.all_open"), "", widget.LowImportance, func() { b.u.OpenRequests(openRequests()) }))
	}
	overdue := 0
	for _, r := range open {
		if r.StartsAt.Before(now) {
			overdue++
		}
	}
	if overdue > 0 {
		links = append(links, newTapRow(i18n.T("board.overdue"), i18n.T("board.all_overdue", map[string]any{"N": overdue}), "", widget.DangerImportance,
			func() { b.u.OpenRequests(overdueRequests()) }))
	}
	return links
}

// requestLabel is a request's title, or its kind when it has none, with the vendor.
func requestLabel(r desk.Request) string {
	s := r.Title
	if s == "" {
		s = i18n.T("kind." + r.Kind)
	}
	if r.VendorName != "" {
		s += " · " + r.VendorName
	}
	return s
}

// statusLegend says what the colour of a booking's time means, in the colours themselves.
func statusLegend() fyne.CanvasObject {
	intro := widget.NewLabel(i18n.T("board.legend"))
	intro.Importance = widget.LowImportance
	objs := []fyne.CanvasObject{intro}
	for _, st := range [][2]string{{"requested", i18n.T("status.requested")}, {"pending_vendor", i18n.T("status.pending_vendor")},
		{"confirmed", i18n.T("status.confirmed")}, {"cancelled", i18n.T("board.legend_off")}} {
		l := widget.NewLabelWithStyle("• "+st[1], fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		l.Importance = statusImportance(st[0])
		objs = append(objs, l)
	}
	return container.New(layout.NewRowWrapLayout(), objs...)
}
