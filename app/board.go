package app

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"loge/data"
)

// boardView is the shift view: today's and tomorrow's arrivals, departures and bookings, what is
// not yet confirmed, and guest mail waiting for an answer. Every line opens what it names.
type boardView struct {
	u     *UI
	title *widget.Label
	body  *fyne.Container
	now   func() time.Time

	last *data.Board // what is on screen, for tests
}

func newBoardView(u *UI) *boardView {
	return &boardView{u: u, now: time.Now}
}

func (b *boardView) content() fyne.CanvasObject {
	b.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	b.title.SizeName = "headingText"
	b.body = container.NewVBox()
	refresh := widget.NewButton(T("action.refresh"), b.refresh)
	downtime := widget.NewButtonWithIcon(T("board.downtime"), theme.DocumentPrintIcon(), func() { b.u.exportDowntime(b.now()) })
	head := container.NewHBox(b.title, layout.NewSpacer(), downtime, refresh)
	return container.NewBorder(container.NewPadded(head), nil, nil, nil, container.NewVScroll(container.NewPadded(b.body)))
}

func (b *boardView) refresh() {
	now := b.now()
	bd, err := b.u.st.Board(b.u.ctx, now)
	if err != nil {
		b.u.ShowError(err)
		return
	}
	b.last = bd
	b.title.SetText(T("board.title", map[string]any{"Day": fmtDay(now)}))

	stayRow := func(st data.Stay, t time.Time) fyne.CanvasObject {
		detail := st.Room
		if detail != "" {
			detail = T("board.room", map[string]any{"Room": st.Room}) + " · "
		}
		detail += T("board.party", map[string]any{"N": st.PartySize})
		id := st.ID
		return newTapRow(t.In(b.u.st.Loc).Format("15:04"), st.GuestName, detail, widget.MediumImportance, func() { b.u.OpenStay(id) })
	}
	var arrivals, departures, tomorrow, vips, bookings, unconfirmed, unanswered []fyne.CanvasObject
	for _, st := range bd.Arrivals {
		arrivals = append(arrivals, stayRow(st, st.Arrival))
	}
	for _, st := range bd.Departures {
		departures = append(departures, stayRow(st, st.Departure))
	}
	for _, st := range bd.ArrivalsTomorrow {
		tomorrow = append(tomorrow, stayRow(st, st.Arrival))
	}
	for _, st := range bd.InHouseVIPs {
		id := st.ID
		vips = append(vips, newTapRow("★", st.GuestName, T("board.room", map[string]any{"Room": st.Room}), widget.WarningImportance, func() { b.u.OpenStay(id) }))
	}
	for _, r := range bd.Bookings {
		lead := r.StartsAt.Format("15:04")
		if r.StartsAt.In(b.u.st.Loc).Format(time.DateOnly) != bd.Day {
			lead = T("board.tomorrow_short") + " " + lead
		}
		main := r.GuestName + " — " + requestLabel(r)
		detail := T("status." + r.Status)
		if r.Confirmation != "" {
			detail = r.Confirmation + " · " + detail
		}
		id := r.ID
		bookings = append(bookings, newTapRow(lead, main, detail, statusImportance(r.Status), func() { b.u.OpenRequest(id) }))
	}
	for _, r := range bd.Unconfirmed {
		imp := widget.WarningImportance
		due := fmtDayTime(r.StartsAt)
		if r.StartsAt.Before(now) {
			imp = widget.DangerImportance
			due = T("board.overdue") + " · " + due
		}
		id := r.ID
		unconfirmed = append(unconfirmed, newTapRow(T("kind."+r.Kind), r.GuestName+" — "+requestLabel(r), due+" · "+T("status."+r.Status), imp, func() { b.u.OpenRequest(id) }))
	}
	for _, m := range bd.Unanswered {
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
	empty := T("board.nothing")
	left := container.NewVBox(
		section(T("board.arrivals"), len(arrivals), empty, arrivals...),
		section(T("board.departures"), len(departures), empty, departures...),
		section(T("board.arrivals_tomorrow"), len(tomorrow), empty, tomorrow...),
		section(T("board.vips"), len(vips), empty, vips...),
	)
	right := container.NewVBox(
		section(T("board.bookings"), len(bookings), empty, bookings...),
		section(T("board.unconfirmed"), len(unconfirmed), T("board.all_confirmed"), unconfirmed...),
		section(T("board.unanswered", map[string]any{"N": int(bd.UnansweredAfter.Hours())}), len(unanswered), T("board.inbox_clear"), unanswered...),
	)
	b.body.Objects = []fyne.CanvasObject{container.NewGridWithColumns(2, left, right)}
	b.body.Refresh()
}

// requestLabel is a request's title, or its kind when it has none, with the vendor.
func requestLabel(r data.Request) string {
	s := r.Title
	if s == "" {
		s = T("kind." + r.Kind)
	}
	if r.VendorName != "" {
		s += " · " + r.VendorName
	}
	return s
}
