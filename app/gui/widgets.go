package gui

import (
	"image/color"
	"strconv"
	"strings"
	"time"

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
	hoverBg

	leadL, mainL, detailL *widget.Label // nil until drawn
	layout                *rowLayout
}

func newTapRow(lead, main, detail string, imp widget.Importance, onTap func()) *tapRow {
	r := &tapRow{lead: lead, main: main, detail: detail, importance: imp, onTap: onTap}
	r.ExtendBaseWidget(r)
	return r
}

func (r *tapRow) CreateRenderer() fyne.WidgetRenderer {
	r.bg = canvas.NewRectangle(color.Transparent)
	r.bg.CornerRadius = 4
	r.leadL = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true, Monospace: true})
	r.mainL = widget.NewLabel("")
	r.mainL.Truncation = fyne.TextTruncateEllipsis
	r.detailL = widget.NewLabel("")
	r.detailL.Importance = widget.LowImportance
	r.detailL.Truncation = fyne.TextTruncateEllipsis
	r.detailL.Alignment = fyne.TextAlignTrailing
	r.layout = &rowLayout{}
	r.show()
	row := container.New(r.layout, r.leadL, r.mainL, r.detailL)
	return widget.NewSimpleRenderer(container.NewStack(r.bg, row))
}

// set changes what the row says and does: a row of a virtualised list is reused for another line.
func (r *tapRow) set(lead, main, detail string, imp widget.Importance, onTap func()) {
	r.lead, r.main, r.detail, r.importance, r.onTap = lead, main, detail, imp, onTap
	if r.leadL != nil {
		r.show()
		r.Refresh()
	}
}

// show writes the row's texts into its labels.
func (r *tapRow) show() {
	r.leadL.Importance = r.importance
	r.leadL.SetText(r.lead)
	r.leadL.Hidden = r.lead == ""
	r.mainL.SetText(r.main)
	r.detailL.SetText(r.detail)
	r.layout.natural = naturalWidth(r.detail)
}

// rowLayout lays out lead | main | detail: the lead at its size, the detail at its natural width but
// never more than 40% of the row, the main text in what is left. Both texts truncate, so a row fits
// a narrow window instead of widening it.
type rowLayout struct{ natural float32 }

// naturalWidth is the width a label needs to show text whole: what an untruncated label of it
// asks (measuring the text plus padding by hand came out a pixel short, and "last change 12:51"
// read "last change 12:…"). 0 for no text.
func naturalWidth(text string) float32 {
	if text == "" {
		return 0
	}
	return widget.NewLabel(text).MinSize().Width + 1
}

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
	dw := min(l.natural, (size.Width-x)*0.4)
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

// hoverBg lights a clickable line's background under the pointer and gives it the hand cursor;
// embedded by the widgets that draw bg behind their content.
type hoverBg struct{ bg *canvas.Rectangle }

func (h *hoverBg) MouseIn(*desktop.MouseEvent) {
	h.bg.FillColor = theme.Color(theme.ColorNameHover)
	h.bg.Refresh()
}

func (h *hoverBg) MouseMoved(*desktop.MouseEvent) {}

func (h *hoverBg) MouseOut() {
	h.bg.FillColor = color.Transparent
	h.bg.Refresh()
}

func (h *hoverBg) Cursor() desktop.Cursor { return desktop.PointerCursor }

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

// scrollIntoView scrolls s so that obj, somewhere in its content, is in sight (a request opened from
// the Board may sit low in a long stay).
func scrollIntoView(s *container.Scroll, obj fyne.CanvasObject) {
	// Lay the new content out at its new height first: the driver would only do it at the next frame.
	s.Content.Resize(fyne.NewSize(s.Size().Width, max(s.Content.MinSize().Height, s.Size().Height)))
	s.Content.Refresh()
	p, ok := offsetWithin(s.Content, obj)
	if !ok || s.Size().Height <= 0 {
		return
	}
	y := p.Y
	if y >= s.Offset.Y && y+obj.Size().Height <= s.Offset.Y+s.Size().Height {
		return
	}
	s.ScrollToOffset(fyne.NewPos(0, max(0, min(y-theme.Padding()*4, s.Content.Size().Height-s.Size().Height))))
}

// offsetWithin is where obj sits inside root, walking down through containers.
func offsetWithin(root, obj fyne.CanvasObject) (fyne.Position, bool) {
	if root == obj {
		return fyne.Position{}, true
	}
	c, ok := root.(*fyne.Container)
	if !ok {
		return fyne.Position{}, false
	}
	for _, child := range c.Objects {
		if p, ok := offsetWithin(child, obj); ok {
			return child.Position().Add(p), true
		}
	}
	return fyne.Position{}, false
}

func placeholder(text string) fyne.CanvasObject {
	l := widget.NewLabel(text)
	l.Importance = widget.LowImportance
	l.Wrapping = fyne.TextWrapWord
	return l
}

// allergyBanner puts allergies where nobody can miss them: red, bold, with a warning sign.
func allergyBanner(text string) fyne.CanvasObject {
	bg := canvas.NewRectangle(color.NRGBA{0xd3, 0x2f, 0x2f, 0x1f})
	bg.StrokeColor = theme.Color(theme.ColorNameError)
	bg.StrokeWidth = 1.5
	bg.CornerRadius = 6
	icon := widget.NewIcon(theme.NewErrorThemedResource(theme.WarningIcon()))
	l := widget.NewLabelWithStyle(i18n.T("planner.allergies", map[string]any{"Text": strings.TrimSpace(text)}), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	return container.NewStack(bg, container.NewPadded(container.NewBorder(nil, nil, icon, nil, l)))
}

// infoGrid is a two-column "label: value" block that skips empty values.
type infoGrid struct{ c *fyne.Container }

func newInfoGrid() *infoGrid { return &infoGrid{c: container.New(layout.NewFormLayout())} }

func (g *infoGrid) add(label, value string) {
	if strings.TrimSpace(value) == "" {
		return
	}
	l := widget.NewLabel(value)
	l.Wrapping = fyne.TextWrapWord
	l.Selectable = true
	g.addObj(label, l)
}

func (g *infoGrid) addObj(label string, obj fyne.CanvasObject) {
	k := widget.NewLabel(label)
	k.SizeName = theme.SizeNameCaptionText
	g.c.Add(k)
	g.c.Add(obj)
}

func (g *infoGrid) empty() bool { return len(g.c.Objects) == 0 }

// pickRow is a selectable row holding any content: a stay in the guest's list, a contact.
type pickRow struct {
	widget.BaseWidget
	content  fyne.CanvasObject
	selected bool
	onTap    func()
	bg       *canvas.Rectangle
}

func newPickRow(content fyne.CanvasObject, selected bool, onTap func()) *pickRow {
	r := &pickRow{content: content, selected: selected, onTap: onTap}
	r.ExtendBaseWidget(r)
	return r
}

func (r *pickRow) CreateRenderer() fyne.WidgetRenderer {
	r.bg = canvas.NewRectangle(color.Transparent)
	r.bg.CornerRadius = 6
	r.paint(false)
	return widget.NewSimpleRenderer(container.NewStack(r.bg, container.NewPadded(r.content)))
}

func (r *pickRow) paint(hovered bool) {
	switch {
	case r.selected:
		r.bg.FillColor = theme.Color(theme.ColorNameSelection)
		r.bg.StrokeColor = theme.Color(theme.ColorNameFocus)
		r.bg.StrokeWidth = 1
	case hovered:
		r.bg.FillColor = theme.Color(theme.ColorNameHover)
		r.bg.StrokeWidth = 0
	default:
		r.bg.FillColor = color.Transparent
		r.bg.StrokeWidth = 0
	}
	r.bg.Refresh()
}

func (r *pickRow) Tapped(*fyne.PointEvent) {
	if r.onTap != nil {
		r.onTap()
	}
}

func (r *pickRow) MouseIn(*desktop.MouseEvent)    { r.paint(true) }
func (r *pickRow) MouseMoved(*desktop.MouseEvent) {}
func (r *pickRow) MouseOut()                      { r.paint(false) }
func (r *pickRow) Cursor() desktop.Cursor         { return desktop.PointerCursor }

// reselect redraws a master list after a reload and selects the row of id want again, with
// *selecting set meanwhile so the list's OnSelected knows the selection is not the user's.
func reselect[T any](l *widget.List, selecting *bool, items []T, id func(T) string, want string) {
	*selecting = true
	defer func() { *selecting = false }()
	l.UnselectAll()
	l.Refresh()
	for i, it := range items {
		if id(it) == want {
			l.Select(i)
			return
		}
	}
}

// notice shows a short confirmation ("Request created") at the bottom of the window for a few
// seconds, without a button to press: the work it confirms is already on screen.
func (u *UI) notice(msg string) { u.showNotice(msg, nil, 4*time.Second) }

// noticeUndo is a notice with a button that undoes what it confirms, shown a little longer.
func (u *UI) noticeUndo(msg string, undo func()) { u.showNotice(msg, undo, 10*time.Second) }

func (u *UI) showNotice(msg string, undo func(), d time.Duration) {
	u.lastNotice, u.lastUndo = msg, undo
	label := widget.NewLabelWithStyle(msg, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	label.Importance = widget.SuccessImportance
	var content fyne.CanvasObject = label
	var pop *widget.PopUp
	if undo != nil {
		content = container.NewHBox(label, widget.NewButtonWithIcon(i18n.T("action.undo"), theme.ContentUndoIcon(), func() {
			pop.Hide()
			u.lastUndo = nil
			undo()
		}))
	}
	pop = widget.NewPopUp(container.NewPadded(content), u.win.Canvas())
	size := pop.MinSize()
	c := u.win.Canvas().Size()
	pop.ShowAtPosition(fyne.NewPos((c.Width-size.Width)/2, c.Height-size.Height-48))
	time.AfterFunc(d, func() { fyne.Do(pop.Hide) })
}
