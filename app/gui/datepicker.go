package gui

import (
	"fmt"
	"strconv"
	"time"

	"loge/app/i18n"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// dateTimePicker is the calendar behind a date field's button: a month of days, Monday first, in
// the interface's language (Fyne's own calendar names its months in English whatever the desk
// speaks), and the time of day as an hour and a quarter (two short lists: one list of 96 times
// opened at midnight for a 20:00 dinner). Typing in the field still works; the picker only
// writes the field's text, which the form reads as if typed.
type dateTimePicker struct {
	shown   time.Time // first day of the month on screen
	day     time.Time // the day picked (midnight, in loc)
	loc     *time.Location
	title   *widget.Label
	days    *fyne.Container
	hour    *widget.Select // 00 to 23
	minute  *widget.Select // quarter hours, and the field's own minute
	popup   *widget.PopUp
	onPick  func(time.Time)
	withDay bool // a day is picked: OK is enabled
	ok      *widget.Button
	noClock bool // a day only (the week view's "go to"): no hour and minute
}

// twoDigits is 0..n-1 step by step as "00", "15"…; keep is added, in order, when not a step.
func twoDigits(n, step, keep int) []string {
	var out []string
	for i := 0; i < n; i += step {
		if keep > i-step && keep < i && keep%step != 0 {
			out = append(out, fmt.Sprintf("%02d", keep))
		}
		out = append(out, fmt.Sprintf("%02d", i))
	}
	if keep > n-step && keep%step != 0 {
		out = append(out, fmt.Sprintf("%02d", keep))
	}
	return out
}

func newDateTimePicker(value time.Time, loc *time.Location, defaultClock [2]int, onPick func(time.Time)) *dateTimePicker {
	p := &dateTimePicker{loc: loc, onPick: onPick}
	start := value
	h, m := defaultClock[0], defaultClock[1]
	if value.IsZero() {
		start = time.Now().In(loc)
	} else {
		value = value.In(loc)
		h, m = value.Hour(), value.Minute()
		p.day, p.withDay = time.Date(value.Year(), value.Month(), value.Day(), 0, 0, 0, 0, loc), true
	}
	p.shown = time.Date(start.Year(), start.Month(), 1, 0, 0, 0, 0, loc)
	p.title = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	p.days = container.NewGridWithColumns(7)
	p.hour = widget.NewSelect(twoDigits(24, 1, h), nil)
	p.hour.SetSelected(fmt.Sprintf("%02d", h))
	p.minute = widget.NewSelect(twoDigits(60, 15, m), nil)
	p.minute.SetSelected(fmt.Sprintf("%02d", m))
	return p
}

func (p *dateTimePicker) content() fyne.CanvasObject {
	prev := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { p.shown = p.shown.AddDate(0, -1, 0); p.drawMonth() })
	next := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { p.shown = p.shown.AddDate(0, 1, 0); p.drawMonth() })
	today := widget.NewButton(i18n.T("picker.today"), func() {
		now := time.Now().In(p.loc)
		p.shown = time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, p.loc)
		p.pickDay(time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, p.loc))
	})
	today.Importance = widget.LowImportance
	p.ok = widget.NewButton(i18n.T("action.ok"), p.confirm)
	p.ok.Importance = widget.HighImportance
	cancel := widget.NewButton(i18n.T("action.cancel"), func() { p.popup.Hide() })
	p.drawMonth()
	clockRow := container.NewHBox(widget.NewLabel(i18n.T("picker.time")), p.hour, widget.NewLabel(":"), p.minute)
	if p.noClock {
		clockRow.Hide()
	}
	return container.NewVBox(
		container.NewBorder(nil, nil, prev, next, p.title),
		p.days,
		container.NewBorder(nil, nil, today, clockRow),
		container.NewHBox(layout.NewSpacer(), cancel, p.ok),
	)
}

// drawMonth lays the shown month out in weeks, Monday first, blanks before the 1st.
func (p *dateTimePicker) drawMonth() {
	p.title.SetText(i18n.T("month_long."+strconv.Itoa(int(p.shown.Month()))) + " " + strconv.Itoa(p.shown.Year()))
	var cells []fyne.CanvasObject
	for _, wd := range []int{1, 2, 3, 4, 5, 6, 0} {
		h := widget.NewLabelWithStyle(i18n.T(fmt.Sprintf("day.%d", wd)), fyne.TextAlignCenter, fyne.TextStyle{})
		h.Importance = widget.LowImportance
		cells = append(cells, h)
	}
	lead := (int(p.shown.Weekday()) + 6) % 7 // Monday is 0
	for range lead {
		cells = append(cells, widget.NewLabel(""))
	}
	now := time.Now().In(p.loc)
	for d := p.shown; d.Month() == p.shown.Month(); d = d.AddDate(0, 0, 1) {
		day := d
		b := widget.NewButton(strconv.Itoa(d.Day()), func() { p.pickDay(day) })
		switch {
		case p.withDay && day.Equal(p.day):
			b.Importance = widget.HighImportance
		case day.Year() == now.Year() && day.YearDay() == now.YearDay():
			b.Importance = widget.MediumImportance
		default:
			b.Importance = widget.LowImportance
		}
		cells = append(cells, b)
	}
	p.days.Objects = cells
	p.days.Refresh()
	if p.ok != nil && !p.withDay {
		p.ok.Disable()
	}
}

func (p *dateTimePicker) pickDay(d time.Time) {
	p.day, p.withDay = d, true
	p.ok.Enable()
	p.drawMonth()
}

func (p *dateTimePicker) confirm() {
	if !p.withDay {
		return
	}
	h, _ := strconv.Atoi(p.hour.Selected)
	m, _ := strconv.Atoi(p.minute.Selected)
	p.onPick(time.Date(p.day.Year(), p.day.Month(), p.day.Day(), h, m, 0, 0, p.loc))
	if p.popup != nil {
		p.popup.Hide()
	}
}

// show opens the picker as a modal over c.
func (p *dateTimePicker) show(c fyne.Canvas) {
	p.popup = widget.NewModalPopUp(p.content(), c)
	p.popup.Show()
}
