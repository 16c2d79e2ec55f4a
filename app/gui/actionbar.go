package gui

import (
	"loge/app/i18n"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// actionBar is a row of buttons that never hides one behind a scroll bar: the buttons that do not
// fit the width go, in order, behind a "More" button at its end, as menu items (with their icon,
// disabled when the button is). At 1280×800 in French the planner's toolbars were cut mid-word.
type actionBar struct {
	widget.BaseWidget
	buttons []*widget.Button
	more    *widget.Button
	hidden  []*widget.Button // behind More after the last layout (for tests)
	extra   []*fyne.MenuItem // always behind More, after the hidden buttons (the rarer actions)
}

func newActionBar(buttons ...*widget.Button) *actionBar { return newActionBarWith(nil, buttons...) }

// newActionBarWith is an action bar whose More menu always holds extra, so More always shows.
func newActionBarWith(extra []*fyne.MenuItem, buttons ...*widget.Button) *actionBar {
	b := &actionBar{buttons: buttons, extra: extra}
	b.more = widget.NewButtonWithIcon(i18n.T("inbox.more"), theme.MoreHorizontalIcon(), b.showMore)
	b.more.Importance = widget.LowImportance
	b.ExtendBaseWidget(b)
	return b
}

func (b *actionBar) showMore() {
	items := b.moreItems()
	c := fyne.CurrentApp().Driver().CanvasForObject(b.more)
	if c == nil || len(items) == 0 {
		return
	}
	widget.ShowPopUpMenuAtRelativePosition(fyne.NewMenu("", items...), c, fyne.NewPos(0, b.more.Size().Height), b.more)
}

// moreItems are the menu items of the buttons behind More.
func (b *actionBar) moreItems() []*fyne.MenuItem {
	var items []*fyne.MenuItem
	for _, h := range b.hidden {
		h := h
		it := fyne.NewMenuItem(h.Text, func() {
			if !h.Disabled() && h.OnTapped != nil {
				h.OnTapped()
			}
		})
		it.Icon, it.Disabled = h.Icon, h.Disabled()
		items = append(items, it)
	}
	return append(items, b.extra...)
}

func (b *actionBar) CreateRenderer() fyne.WidgetRenderer {
	objs := make([]fyne.CanvasObject, 0, len(b.buttons)+1)
	for _, btn := range b.buttons {
		objs = append(objs, btn)
	}
	return &actionBarRenderer{bar: b, objects: append(objs, b.more)}
}

type actionBarRenderer struct {
	bar     *actionBar
	objects []fyne.CanvasObject
}

func (r *actionBarRenderer) Layout(size fyne.Size) {
	b, pad := r.bar, theme.Padding()
	total := float32(0)
	for i, btn := range b.buttons {
		if i > 0 {
			total += pad
		}
		total += btn.MinSize().Width
	}
	room := size.Width
	if len(b.extra) > 0 {
		room -= b.more.MinSize().Width + pad // More is there anyway
	}
	overflow := total > room
	withMore := overflow || len(b.extra) > 0
	if overflow && len(b.extra) == 0 {
		room -= b.more.MinSize().Width + pad
	}
	x := float32(0)
	b.hidden = b.hidden[:0]
	for _, btn := range b.buttons {
		w := btn.MinSize().Width
		if overflow && (len(b.hidden) > 0 || x+w > room) {
			b.hidden = append(b.hidden, btn)
			btn.Hide()
			continue
		}
		btn.Show()
		btn.Move(fyne.NewPos(x, 0))
		btn.Resize(fyne.NewSize(w, size.Height))
		x += w + pad
	}
	if withMore {
		b.more.Show()
		w := b.more.MinSize().Width
		b.more.Move(fyne.NewPos(x, 0))
		b.more.Resize(fyne.NewSize(w, size.Height))
	} else {
		b.more.Hide()
	}
}

// MinSize is as narrow as the More button: the bar gives up buttons rather than width.
func (r *actionBarRenderer) MinSize() fyne.Size {
	h := r.bar.more.MinSize().Height
	for _, btn := range r.bar.buttons {
		h = max(h, btn.MinSize().Height)
	}
	return fyne.NewSize(r.bar.more.MinSize().Width, h)
}

func (r *actionBarRenderer) Refresh() {
	r.Layout(r.bar.Size())
	for _, o := range r.objects {
		o.Refresh()
	}
}

func (r *actionBarRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *actionBarRenderer) Destroy()                     {}
