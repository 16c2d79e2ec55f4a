package gui

import (
	"fmt"
	"image/color"
	"strconv"
	"sync"
	"time"

	"loge/app/i18n"
	"loge/assets"
	"loge/data/desk"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

var (
	kindIconsOnce sync.Once
	kindIcons     map[string]fyne.Resource
)

// kindIcon is the small icon of a request's kind, recoloured by the theme.
func kindIcon(kind string) fyne.Resource {
	kindIconsOnce.Do(func() {
		kindIcons = map[string]fyne.Resource{}
		for _, k := range []string{desk.KindRestaurant, desk.KindTransfer, desk.KindTickets, desk.KindSpa, desk.KindTour,
			desk.KindFlowers, desk.KindOther} {
			if b, err := assets.Kinds.ReadFile("kinds/" + k + ".svg"); err == nil {
				kindIcons[k] = theme.NewThemedResource(fyne.NewStaticResource(k+".svg", b))
			}
		}
	})
	if r, ok := kindIcons[kind]; ok {
		return r
	}
	return kindIcons[desk.KindOther]
}

// bookingItem is one booking on its day in the week: the kind's icon, the time in the status
// colour, the guest, and what is booked where. A tap opens it; dragging it onto another day asks
// to move it there.
type bookingItem struct {
	widget.BaseWidget
	w    *weekView
	r    desk.Request
	col  int // the day it is on, 0 for Monday
	icon *widget.Icon
	at   *widget.Label
	who  *widget.Label
	what *widget.Label
	hoverBg

	dragging bool
	pointer  fyne.Position // where the pointer is while dragging, on the window
}

func newBookingItem(w *weekView) *bookingItem {
	b := &bookingItem{w: w}
	b.icon = widget.NewIcon(nil)
	b.at = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	b.who = widget.NewLabel("")
	b.who.Truncation = fyne.TextTruncateEllipsis
	b.what = widget.NewLabel("")
	b.what.Importance = widget.LowImportance
	b.what.Truncation = fyne.TextTruncateEllipsis
	b.bg = canvas.NewRectangle(color.Transparent)
	b.bg.CornerRadius = 4
	b.ExtendBaseWidget(b)
	return b
}

func (b *bookingItem) set(r desk.Request, col int) {
	b.r, b.col = r, col
	b.icon.SetResource(kindIcon(r.Kind))
	b.at.Importance = statusImportance(r.Status)
	b.at.SetText(requestTime(r, b.w.loc()).Format("15:04"))
	b.who.SetText(r.GuestName)
	what := requestLabel(r)
	if r.Private {
		what = "🔒 " + what
	}
	b.what.SetText(what + " · " + i18n.T("status."+r.Status))
}

func (b *bookingItem) CreateRenderer() fyne.WidgetRenderer {
	top := container.NewBorder(nil, nil, container.NewHBox(b.icon, b.at), nil, b.who)
	return widget.NewSimpleRenderer(container.NewStack(b.bg, container.New(layout.NewCustomPaddedVBoxLayout(-10), top, b.what)))
}

func (b *bookingItem) Tapped(*fyne.PointEvent) { b.w.u.OpenRequest(b.r.ID) }

func (b *bookingItem) Dragged(e *fyne.DragEvent) {
	b.dragging = true
	b.pointer = e.AbsolutePosition
	b.w.lightDay(b.w.dayAt(b.pointer))
}

func (b *bookingItem) DragEnd() {
	if !b.dragging {
		return
	}
	b.dragging = false
	b.MouseOut() // the pointer left it long ago, while the drag had it
	b.w.lightDay(-1)
	if to := b.w.dayAt(b.pointer); to >= 0 && to != b.col {
		b.w.askMove(b.r, to)
	}
}

// dayAt is the day column under a point of the window, -1 when none.
func (w *weekView) dayAt(p fyne.Position) int {
	drv := fyne.CurrentApp().Driver()
	for i, l := range w.dayLists {
		at, size := drv.AbsolutePositionForObject(l), l.Size()
		if p.X >= at.X && p.X < at.X+size.Width {
			return i
		}
	}
	return -1
}

// lightDay shows which day a dragged booking would land on; -1 lights none.
func (w *weekView) lightDay(col int) {
	for i, bg := range w.dayBgs {
		want := color.Color(color.Transparent)
		if i == col {
			want = theme.Color(theme.ColorNameSelection)
		}
		if bg.FillColor != want {
			bg.FillColor = want
			bg.Refresh()
		}
	}
}

// weekMove is a move the desk is asked about, for tests.
type weekMove struct {
	request desk.Request
	to      time.Time // the day, at the booking's own time
	outside bool      // the new day is outside the guest's stay
	hour    *widget.Select
	minute  *widget.Select
	dialog  *dialog.ConfirmDialog
	confirm func()
}

// askMove asks before moving a booking to day col of the week, at the time it had or another
// chosen here, and says so first when that day is outside the guest's stay.
func (w *weekView) askMove(r desk.Request, col int) {
	old := requestTime(r, w.loc())
	day := w.start.AddDate(0, 0, col)
	to := time.Date(day.Year(), day.Month(), day.Day(), old.Hour(), old.Minute(), 0, 0, old.Location())
	m := &weekMove{request: r, to: to}
	var warn *widget.Label
	if r.StayID != "" {
		if st, err := w.u.st.Stay(w.u.ctx, r.StayID); err == nil {
			first, last := midnight(st.Arrival, w.loc()), midnight(st.Departure, w.loc())
			if m.outside = day.Before(first) || day.After(last); m.outside {
				warn = widget.NewLabel(i18n.T("week.move_outside", map[string]any{"Guest": r.GuestName, "From": fmtDay(first), "To": fmtDay(last)}))
				warn.Importance = widget.DangerImportance
				warn.Wrapping = fyne.TextWrapWord
			}
		}
	}
	m.hour = widget.NewSelect(twoDigits(24, 1, old.Hour()), nil)
	m.hour.SetSelected(fmt.Sprintf("%02d", old.Hour()))
	m.minute = widget.NewSelect(twoDigits(60, 15, old.Minute()), nil)
	m.minute.SetSelected(fmt.Sprintf("%02d", old.Minute()))
	text := widget.NewLabel(i18n.T("week.move_text", map[string]any{"What": requestLabel(r), "Guest": r.GuestName,
		"From": fmtDayTime(old), "To": fmtDay(to)}))
	text.Wrapping = fyne.TextWrapWord
	items := []fyne.CanvasObject{text, container.NewHBox(widget.NewLabel(i18n.T("picker.time")), m.hour, widget.NewLabel(":"), m.minute)}
	yes := i18n.T("week.move")
	if warn != nil {
		items = append(items, warn)
		yes = i18n.T("week.move_anyway")
	}
	m.confirm = func() {
		h, _ := strconv.Atoi(m.hour.Selected)
		mi, _ := strconv.Atoi(m.minute.Selected)
		w.move(r.ID, time.Date(to.Year(), to.Month(), to.Day(), h, mi, 0, 0, to.Location()), old)
	}
	m.dialog = dialog.NewCustomConfirm(i18n.T("week.move_title"), yes, i18n.T("action.cancel"), container.NewVBox(items...),
		func(ok bool) {
			if ok {
				m.confirm()
			}
		}, w.u.win)
	m.dialog.Resize(fyne.NewSize(min(w.u.win.Canvas().Size().Width*0.8, 520), 0))
	w.lastMove = m
	m.dialog.Show()
}

// move sets a request's start to to, then offers to put it back at from.
func (w *weekView) move(id string, to, from time.Time) {
	if err := w.setStart(id, to); err != nil {
		w.u.ShowError(err)
		return
	}
	w.u.Changed()
	w.u.noticeUndo(i18n.T("week.moved", map[string]any{"When": fmtDayTime(to)}), func() {
		if err := w.setStart(id, from); err != nil {
			w.u.ShowError(err)
			return
		}
		w.u.Changed()
		w.u.notice(i18n.T("week.move_undone"))
	})
}

// setStart reads the request afresh (a colleague may have changed it meanwhile) and moves its start.
func (w *weekView) setStart(id string, at time.Time) error {
	r, err := w.u.st.Request(w.u.ctx, id)
	if err != nil {
		return err
	}
	r.StartsAt = at
	return w.u.st.UpdateRequest(w.u.ctx, &r, w.u.planner.who())
}
