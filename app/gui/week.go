package gui

import (
	"image/color"
	"sort"
	"strconv"
	"strings"
	"time"

	"loge/app/i18n"
	"loge/data/desk"
	"loge/data/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// weekView is the week at a glance, as a concierge plans: the days across, Monday first; the stays
// as bars from arrival to departure (room, guest, VIP and allergy marks); the bookings on their day
// with their time in the status colour of the Board. A booking dragged onto another day is moved
// once the desk has said yes, with an undo. A day's header opens that day alone, for busy days.
//
// Both halves are virtualised lists (the stays as lanes of bars, each day's bookings), so a week of
// a big hotel with hundreds of stays and bookings draws what is on screen only.
type weekView struct {
	u   *UI
	now func() time.Time

	start time.Time // Monday 00:00 of the week shown, in the hotel's zone
	day   time.Time // the day shown alone (midnight); zero: the whole week

	title    *widget.Label
	todayBtn *widget.Button
	modeBtn  *widget.Button
	body     *fyne.Container

	heads    [7]*dayHead
	stays    []desk.PlannedStay
	lanes    [][]weekBar // stays packed into lanes, each a row of bars
	laneList *widget.List
	laneNone *widget.Label
	bookings [7][]desk.Request
	dayLists [7]*widget.List
	dayBgs   [7]*canvas.Rectangle // a day's background, lit while a booking is dragged over it
	weekBody fyne.CanvasObject

	dayLines []dayLine // the day alone: its arrivals, departures and bookings
	dayList  *widget.List
	dayBody  fyne.CanvasObject

	lastMove *weekMove // the last move asked, for tests
}

// weekBar is one stay's bar: from and to in half days of the week (0 is Monday morning, 14 the end
// of Sunday), so an arrival starts and a departure ends mid-day, as a room turns over.
type weekBar struct {
	stay     desk.PlannedStay
	from, to int
}

// dayLine is one line of the day view.
type dayLine struct {
	lead, main, detail string
	imp                widget.Importance
	open               func()
	heading            bool
}

func newWeekView(u *UI) *weekView { return &weekView{u: u, now: time.Now} }

func (w *weekView) loc() *time.Location { return w.u.st.Loc }

// mondayOf is the Monday at midnight of t's week, in loc.
func mondayOf(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
	return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
}

// midnight is the start of t's day in loc.
func midnight(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
}

func (w *weekView) content() fyne.CanvasObject {
	w.start = mondayOf(w.now(), w.loc())
	w.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	w.title.SizeName = theme.SizeNameSubHeadingText
	prev := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { w.step(-1) })
	next := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { w.step(1) })
	w.todayBtn = widget.NewButton(i18n.T("week.today"), func() { w.goTo(w.now()) })
	pick := widget.NewButtonWithIcon(i18n.T("week.pick"), theme.CalendarIcon(), w.pickDate)
	pick.Importance = widget.LowImportance
	w.modeBtn = widget.NewButton("", w.toggleMode)
	head := container.NewBorder(nil, nil, container.NewHBox(prev, w.todayBtn, next, w.title), container.NewHBox(pick, w.modeBtn))

	for i := range w.heads {
		i := i
		w.heads[i] = newDayHead(func() { w.showDay(w.start.AddDate(0, 0, i)) })
	}
	heads := make([]fyne.CanvasObject, 7)
	for i, h := range w.heads {
		heads[i] = h
	}
	w.laneList = widget.NewList(func() int { return len(w.lanes) },
		func() fyne.CanvasObject { return container.New(&laneLayout{}) },
		func(i widget.ListItemID, o fyne.CanvasObject) { w.fillLane(i, o.(*fyne.Container)) })
	w.laneList.HideSeparators = true
	w.laneNone = widget.NewLabel(i18n.T("week.no_stays"))
	w.laneNone.Importance = widget.LowImportance
	staysHead := widget.NewLabelWithStyle(i18n.T("week.stays"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	staysPane := container.NewBorder(staysHead, nil, nil, nil, container.NewStack(w.laneList, container.NewVBox(w.laneNone)))

	cols := make([]fyne.CanvasObject, 7)
	for i := range w.dayLists {
		i := i
		w.dayBgs[i] = canvas.NewRectangle(color.Transparent)
		w.dayBgs[i].CornerRadius = 4
		w.dayLists[i] = widget.NewList(func() int { return len(w.bookings[i]) },
			func() fyne.CanvasObject { return newBookingItem(w) },
			func(j widget.ListItemID, o fyne.CanvasObject) {
				if j < len(w.bookings[i]) {
					o.(*bookingItem).set(w.bookings[i][j], i)
				}
			})
		cols[i] = container.NewStack(w.dayBgs[i], w.dayLists[i])
	}
	bookingsHead := widget.NewLabelWithStyle(i18n.T("week.bookings"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	hint := widget.NewLabel(i18n.T("week.drag_hint"))
	hint.Importance = widget.LowImportance
	hint.Truncation = fyne.TextTruncateEllipsis
	bookingsPane := container.NewBorder(container.NewBorder(nil, nil, bookingsHead, nil, hint), statusLegend(), nil, nil,
		container.NewGridWithColumns(7, cols...))
	split := container.NewVSplit(staysPane, bookingsPane)
	split.Offset = 0.4
	w.weekBody = container.NewBorder(container.NewGridWithColumns(7, heads...), nil, nil, nil, split)

	w.dayList = widget.NewList(func() int { return len(w.dayLines) },
		func() fyne.CanvasObject {
			return container.NewStack(newTapRow("", "", "", widget.MediumImportance, nil),
				widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(w.dayLines) {
				return
			}
			l, objs := w.dayLines[i], o.(*fyne.Container).Objects
			row, head := objs[0].(*tapRow), objs[1].(*widget.Label)
			row.Hidden, head.Hidden = l.heading, !l.heading
			if l.heading {
				head.SetText(l.main)
			} else {
				row.set(l.lead, l.main, l.detail, l.imp, l.open)
			}
			o.Refresh()
		})
	w.dayBody = w.dayList
	w.body = container.NewStack(w.weekBody)
	return container.NewBorder(container.NewPadded(head), nil, nil, nil, container.NewPadded(w.body))
}

// StepWeek shows the Week workspace and moves it n weeks on, back when n is negative.
func (u *UI) StepWeek(n int) {
	u.Show(WorkspaceWeek)
	u.week.step(n)
}

// step moves a week (or a day, in the day view) back or forth.
func (w *weekView) step(n int) {
	if !w.day.IsZero() {
		w.day = w.day.AddDate(0, 0, n)
		w.start = mondayOf(w.day, w.loc())
	} else {
		w.start = w.start.AddDate(0, 0, 7*n)
	}
	w.refresh()
}

// goTo shows the week of t (or its day, in the day view).
func (w *weekView) goTo(t time.Time) {
	w.start = mondayOf(t, w.loc())
	if !w.day.IsZero() {
		w.day = midnight(t, w.loc())
	}
	w.refresh()
}

func (w *weekView) pickDate() {
	at := w.start
	if !w.day.IsZero() {
		at = w.day
	}
	p := newDateTimePicker(at, w.loc(), [2]int{0, 0}, w.goTo)
	p.noClock = true
	p.show(w.u.win.Canvas())
}

func (w *weekView) showDay(d time.Time) {
	w.day = midnight(d, w.loc())
	w.start = mondayOf(d, w.loc())
	w.refresh()
}

func (w *weekView) toggleMode() {
	if w.day.IsZero() {
		d := w.now()
		if !sameWeek(d, w.start, w.loc()) {
			d = w.start
		}
		w.showDay(d)
		return
	}
	w.day = time.Time{}
	w.refresh()
}

func sameWeek(t, monday time.Time, loc *time.Location) bool { return mondayOf(t, loc).Equal(monday) }

// refresh reads the week (or the day) from the store and redraws it.
func (w *weekView) refresh() {
	if w.title == nil {
		return
	}
	loc := w.loc()
	from, to := w.start, w.start.AddDate(0, 0, 7)
	stays, err := w.u.st.StaysBetween(w.u.ctx, from.Format(time.DateOnly), to.Format(time.DateOnly))
	if err != nil {
		w.u.ShowError(err)
		return
	}
	reqs, err := w.u.st.Requests(w.u.ctx, store.RequestFilter{FromDay: from.Format(time.DateOnly), ToDay: to.Format(time.DateOnly)})
	if err != nil {
		w.u.ShowError(err)
		return
	}
	w.stays = stays
	w.lanes = packLanes(stays, from, loc)
	for i := range w.bookings {
		w.bookings[i] = w.bookings[i][:0]
	}
	for _, r := range reqs {
		if i := dayIndex(requestTime(r, loc), from); i >= 0 && i < 7 {
			w.bookings[i] = append(w.bookings[i], r)
		}
	}
	today := midnight(w.now(), loc)
	for i, h := range w.heads {
		d := from.AddDate(0, 0, i)
		h.set(weekday(d)+" "+strconv.Itoa(d.Day()), i18n.T("week.count", map[string]any{"N": len(w.bookings[i])}), d.Equal(today), d.Equal(w.day))
	}
	last := to.AddDate(0, 0, -1)
	if w.day.IsZero() {
		w.title.SetText(i18n.T("week.title", map[string]any{"From": fmtDay(from), "To": fmtDay(last)}))
		w.todayBtn.SetText(i18n.T("week.today"))
		w.modeBtn.SetText(i18n.T("week.day_view"))
		w.modeBtn.SetIcon(theme.ViewFullScreenIcon())
		w.laneNone.Hidden = len(w.lanes) > 0
		w.laneList.Refresh()
		for _, l := range w.dayLists {
			l.Refresh()
		}
		w.body.Objects = []fyne.CanvasObject{w.weekBody}
	} else {
		w.title.SetText(i18n.T("week.day_title", map[string]any{"Day": fmtLongDay(w.day)}))
		w.todayBtn.SetText(i18n.T("week.today_day"))
		w.modeBtn.SetText(i18n.T("week.week_view"))
		w.modeBtn.SetIcon(theme.GridIcon())
		w.dayLines = w.linesOf(w.day)
		w.dayList.Refresh()
		w.dayList.ScrollToTop()
		w.body.Objects = []fyne.CanvasObject{w.dayBody}
	}
	w.laneNone.Refresh()
	w.body.Refresh()
}

// fmtLongDay is "mercredi 2 décembre 2026".
func fmtLongDay(t time.Time) string {
	return i18n.T("longday."+strconv.Itoa(int(t.Weekday()))) + " " + strconv.Itoa(t.Day()) + " " +
		i18n.T("month_long."+strconv.Itoa(int(t.Month()))) + " " + strconv.Itoa(t.Year())
}

// requestTime is a request's start on its own clock: the zone it was booked in (a transfer in
// another city), else the hotel's.
func requestTime(r desk.Request, hotel *time.Location) time.Time {
	if r.TimeZone != "" {
		if l, err := time.LoadLocation(r.TimeZone); err == nil {
			return r.StartsAt.In(l)
		}
	}
	return r.StartsAt.In(hotel)
}

// dayIndex is how many calendar days t's date is after monday's (negative before), by the dates
// themselves: a day is not always 24 hours when the clocks change.
func dayIndex(t, monday time.Time) int {
	a := time.Date(t.Year(), t.Month(), t.Day(), 12, 0, 0, 0, time.UTC)
	b := time.Date(monday.Year(), monday.Month(), monday.Day(), 12, 0, 0, 0, time.UTC)
	return int(a.Sub(b).Hours() / 24)
}

// packLanes lays the stays out as bars, each in the first lane where it does not overlap the bar
// before it (a room's turnover, a departure and an arrival on one day, fits in one lane).
func packLanes(stays []desk.PlannedStay, monday time.Time, loc *time.Location) [][]weekBar {
	bars := make([]weekBar, 0, len(stays))
	for _, st := range stays {
		from, to := 2*dayIndex(st.Arrival.In(loc), monday)+1, 2*dayIndex(st.Departure.In(loc), monday)+1
		if from < 0 {
			from = 0
		}
		if to > 14 {
			to = 14
		}
		if to <= from { // a day use: arrival and departure on one day
			to = from + 1
		}
		bars = append(bars, weekBar{stay: st, from: from, to: to})
	}
	sort.SliceStable(bars, func(i, j int) bool { return bars[i].from < bars[j].from })
	var lanes [][]weekBar
	var ends []int
	for _, b := range bars {
		placed := false
		for i, end := range ends {
			if end <= b.from {
				lanes[i], ends[i], placed = append(lanes[i], b), b.to, true
				break
			}
		}
		if !placed {
			lanes, ends = append(lanes, []weekBar{b}), append(ends, b.to)
		}
	}
	return lanes
}

// fillLane puts lane i's bars into the list row o, reusing the bars already there.
func (w *weekView) fillLane(i int, o *fyne.Container) {
	if i >= len(w.lanes) {
		return
	}
	lane := w.lanes[i]
	for len(o.Objects) < len(lane) {
		o.Objects = append(o.Objects, newStayBar(w.u))
	}
	for j, obj := range o.Objects {
		bar := obj.(*stayBar)
		if j < len(lane) {
			bar.set(lane[j])
			bar.Show()
		} else {
			bar.Hide()
		}
	}
	o.Refresh()
}

// linesOf lists a day for the day view: arrivals, departures, then every booking by time.
func (w *weekView) linesOf(day time.Time) []dayLine {
	loc := w.loc()
	i := dayIndex(day, w.start)
	var arrivals, departures, inHouse []desk.PlannedStay
	for _, st := range w.stays {
		switch {
		case midnight(st.Arrival, loc).Equal(day):
			arrivals = append(arrivals, st)
		case midnight(st.Departure, loc).Equal(day):
			departures = append(departures, st)
		case st.Arrival.Before(day) && st.Departure.After(day):
			inHouse = append(inHouse, st)
		}
	}
	// A busy day reads in time order: the first car to the airport before the last.
	sort.SliceStable(arrivals, func(a, b int) bool { return arrivals[a].Arrival.Before(arrivals[b].Arrival) })
	sort.SliceStable(departures, func(a, b int) bool { return departures[a].Departure.Before(departures[b].Departure) })
	var lines []dayLine
	heading := func(key string, n int) {
		lines = append(lines, dayLine{main: i18n.T(key) + " (" + strconv.Itoa(n) + ")", imp: widget.MediumImportance, heading: true})
	}
	stayLines := func(list []desk.PlannedStay, at func(desk.PlannedStay) time.Time) {
		for _, st := range list {
			id := st.ID
			lines = append(lines, dayLine{lead: at(st).In(loc).Format("15:04"), main: stayText(st),
				detail: i18n.T("board.party", map[string]any{"N": st.PartySize}), imp: widget.MediumImportance,
				open: func() { w.u.OpenStay(id) }})
		}
	}
	heading("week.arrivals", len(arrivals))
	stayLines(arrivals, func(st desk.PlannedStay) time.Time { return st.Arrival })
	heading("week.departures", len(departures))
	stayLines(departures, func(st desk.PlannedStay) time.Time { return st.Departure })
	if i >= 0 && i < 7 {
		heading("week.bookings", len(w.bookings[i]))
		for _, r := range w.bookings[i] {
			id := r.ID
			detail := i18n.T("status." + r.Status)
			if r.Confirmation != "" {
				detail = r.Confirmation + " · " + detail
			}
			lines = append(lines, dayLine{lead: requestTime(r, loc).Format("15:04"), main: r.GuestName + " — " + requestLabel(r),
				detail: detail, imp: statusImportance(r.Status), open: func() { w.u.OpenRequest(id) }})
		}
	}
	lines = append(lines, dayLine{main: i18n.T("week.in_house", map[string]any{"N": len(inHouse) + len(arrivals)}), imp: widget.LowImportance})
	return lines
}

// stayText is a bar's text: room, guest, the VIP stars.
func stayText(st desk.PlannedStay) string {
	s := st.GuestName
	if st.Room != "" {
		s = st.Room + " · " + s
	}
	if st.VIP > 0 {
		s += " " + strings.Repeat("★", st.VIP)
	}
	return s
}

// dayHead is a day's column header: its name and date, how many bookings; today in gold, a tap
// opens the day alone.
type dayHead struct {
	widget.BaseWidget
	name, count *widget.Label
	bg          *canvas.Rectangle
	onTap       func()
}

func newDayHead(onTap func()) *dayHead {
	h := &dayHead{onTap: onTap}
	h.name = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	h.name.Truncation = fyne.TextTruncateEllipsis
	h.count = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{})
	h.count.Importance = widget.LowImportance
	h.count.Truncation = fyne.TextTruncateEllipsis
	h.bg = canvas.NewRectangle(color.Transparent)
	h.bg.CornerRadius = 6
	h.ExtendBaseWidget(h)
	return h
}

func (h *dayHead) set(name, count string, today, chosen bool) {
	h.name.SetText(name)
	h.count.SetText(count)
	switch {
	case chosen:
		h.bg.FillColor = theme.Color(theme.ColorNameSelection)
		h.bg.StrokeWidth = 0
	case today:
		h.bg.FillColor = theme.Color(theme.ColorNameSelection)
		h.bg.StrokeColor = theme.Color(theme.ColorNameFocus)
		h.bg.StrokeWidth = 2
	default:
		h.bg.FillColor = color.Transparent
		h.bg.StrokeWidth = 0
	}
	h.bg.Refresh()
}

func (h *dayHead) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(h.bg, container.New(layout.NewCustomPaddedVBoxLayout(-8), h.name, h.count)))
}

func (h *dayHead) Tapped(*fyne.PointEvent) {
	if h.onTap != nil {
		h.onTap()
	}
}

func (h *dayHead) Cursor() desktop.Cursor { return desktop.PointerCursor }

// laneLayout places a lane's bars by their half days: the row's width is the week's 14 halves.
type laneLayout struct{}

func (laneLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	if h == 0 {
		h = widget.NewLabel("").MinSize().Height
	}
	return fyne.NewSize(0, h)
}

func (laneLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	half := size.Width / 14
	for _, o := range objs {
		b, ok := o.(*stayBar)
		if !ok || !b.Visible() {
			continue
		}
		const gap = 2
		o.Move(fyne.NewPos(float32(b.bar.from)*half+gap, 1))
		o.Resize(fyne.NewSize(float32(b.bar.to-b.bar.from)*half-2*gap, size.Height-2))
	}
}

// stayBar is one stay across its days; a tap opens it in the Planner.
type stayBar struct {
	widget.BaseWidget
	u     *UI
	bar   weekBar
	bg    *canvas.Rectangle
	label *widget.Label
	warn  *widget.Icon
}

// barFill is a stay bar's colour: a pale navy on which the ink reads at well over 4.5:1.
var barFill = color.NRGBA{0xdc, 0xe3, 0xee, 0xff}

func newStayBar(u *UI) *stayBar {
	b := &stayBar{u: u}
	b.bg = canvas.NewRectangle(barFill)
	b.bg.CornerRadius = 6
	b.bg.StrokeColor = theme.Color(theme.ColorNamePrimary)
	b.bg.StrokeWidth = 1
	b.label = widget.NewLabel("")
	b.label.Truncation = fyne.TextTruncateEllipsis
	b.warn = widget.NewIcon(theme.NewWarningThemedResource(theme.WarningIcon()))
	b.ExtendBaseWidget(b)
	return b
}

func (b *stayBar) set(bar weekBar) {
	b.bar = bar
	b.label.SetText(stayText(bar.stay))
	b.warn.Hidden = !bar.stay.Allergies
	b.warn.Refresh()
}

func (b *stayBar) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(b.bg, container.NewBorder(nil, nil, b.warn, nil, b.label)))
}

func (b *stayBar) Tapped(*fyne.PointEvent) { b.u.OpenStay(b.bar.stay.ID) }

func (b *stayBar) Cursor() desktop.Cursor { return desktop.PointerCursor }
