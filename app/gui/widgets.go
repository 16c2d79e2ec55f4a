package gui

import (
	"image/color"
	"strconv"

	"loge/app/i18n"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// tapRow is one clickable line of the Board or of search results: a lead (time, badge), the main
// text and a detail on the right.
type tapRow struct {
	widget.BaseWidget
	lead, main, detail string
	importance         widget.Importance
	onTap              func()
	bg                 *canvas.Rectangle
}

func newTapRow(lead, main, detail string, imp widget.Importance, onTap func()) *tapRow {
	r := &tapRow{lead: lead, main: main, detail: detail, importance: imp, onTap: onTap}
	r.ExtendBaseWidget(r)
	return r
}

func (r *tapRow) CreateRenderer() fyne.WidgetRenderer {
	r.bg = canvas.NewRectangle(color.Transparent)
	r.bg.CornerRadius = 4
	lead := widget.NewLabelWithStyle(r.lead, fyne.TextAlignLeading, fyne.TextStyle{Bold: true, Monospace: true})
	lead.Importance = r.importance
	main := widget.NewLabel(r.main)
	main.Truncation = fyne.TextTruncateEllipsis
	detail := widget.NewLabel(r.detail)
	detail.Importance = widget.LowImportance
	detail.Truncation = fyne.TextTruncateEllipsis
	detail.Alignment = fyne.TextAlignTrailing
	if r.lead == "" {
		lead.Hide()
	}
	row := container.New(&rowLayout{detailText: r.detail}, lead, main, detail)
	return widget.NewSimpleRenderer(container.NewStack(r.bg, row))
}

// rowLayout lays out lead | main | detail: the lead at its size, the detail at its natural width but
// never more than 40% of the row, the main text in what is left. Both texts truncate, so a row fits
// a narrow window instead of widening it.
type rowLayout struct{ detailText string }

func (l *rowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	lead, main := objs[0], objs[1]
	h := main.MinSize().Height
	w := main.MinSize().Width + objs[2].MinSize().Width
	if lead.Visible() {
		w += lead.MinSize().Width
	}
	return fyne.NewSize(w, h)
}

func (l *rowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	lead, main, detail := objs[0], objs[1], objs[2]
	x := float32(0)
	if lead.Visible() {
		lw := lead.MinSize().Width
		lead.Resize(fyne.NewSize(lw, size.Height))
		lead.Move(fyne.NewPos(0, 0))
		x = lw
	}
	natural := float32(0)
	if l.detailText != "" {
		pad := theme.Padding() * 2
		natural = fyne.MeasureText(l.detailText, theme.TextSize(), fyne.TextStyle{}).Width + pad*2
	}
	dw := min(natural, (size.Width-x)*0.4)
	detail.Resize(fyne.NewSize(dw, size.Height))
	detail.Move(fyne.NewPos(size.Width-dw, 0))
	main.Resize(fyne.NewSize(size.Width-x-dw, size.Height))
	main.Move(fyne.NewPos(x, 0))
}

func (r *tapRow) Tapped(*fyne.PointEvent) {
	if r.onTap != nil {
		r.onTap()
	}
}

func (r *tapRow) MouseIn(*desktop.MouseEvent) {
	r.bg.FillColor = theme.Color(theme.ColorNameHover)
	r.bg.Refresh()
}

func (r *tapRow) MouseMoved(*desktop.MouseEvent) {}

func (r *tapRow) MouseOut() {
	r.bg.FillColor = color.Transparent
	r.bg.Refresh()
}

func (r *tapRow) Cursor() desktop.Cursor { return desktop.PointerCursor }

// panel is a white rounded panel around content, without a title.
func panel(content fyne.CanvasObject) fyne.CanvasObject {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameHeaderBackground))
	bg.CornerRadius = 8
	bg.StrokeColor = theme.Color(theme.ColorNameSeparator)
	bg.StrokeWidth = 1
	return container.NewStack(bg, container.NewPadded(content))
}

// section is a titled white card with a count, holding rows or an "empty" line.
func section(title string, count int, empty string, rows ...fyne.CanvasObject) fyne.CanvasObject {
	head := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	badge := widget.NewLabel("")
	if count >= 0 {
		badge.SetText(strconv.Itoa(count))
		badge.Importance = widget.LowImportance
	}
	body := container.NewVBox()
	if len(rows) == 0 {
		e := widget.NewLabel(empty)
		e.Importance = widget.LowImportance
		body.Add(e)
	}
	for _, r := range rows {
		body.Add(r)
	}
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameHeaderBackground))
	bg.CornerRadius = 8
	bg.StrokeColor = theme.Color(theme.ColorNameSeparator)
	bg.StrokeWidth = 1
	accent := canvas.NewRectangle(gold)
	accent.SetMinSize(fyne.NewSize(0, 2))
	inner := container.NewPadded(container.NewBorder(container.NewVBox(container.NewHBox(head, layout.NewSpacer(), badge), accent), nil, nil, nil, body))
	return container.NewStack(bg, inner)
}

// statusImportance colours a request status: what needs action stands out.
func statusImportance(status string) widget.Importance {
	switch status {
	case "requested":
		return widget.WarningImportance
	case "pending_vendor":
		return widget.HighImportance
	case "confirmed", "done":
		return widget.SuccessImportance
	case "declined", "cancelled":
		return widget.LowImportance
	}
	return widget.MediumImportance
}

// confirm asks a yes-or-no question with buttons in the interface's language (fyne's own follow
// the computer's): yes names what happens, the other button cancels.
func (u *UI) confirm(title, message, yes string, onYes func()) *dialog.ConfirmDialog {
	d := dialog.NewConfirm(title, message, func(ok bool) {
		if ok {
			onYes()
		}
	}, u.win)
	d.SetConfirmText(yes)
	d.SetDismissText(i18n.T("action.cancel"))
	d.Show()
	return d
}
