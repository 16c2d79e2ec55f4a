package gui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"loge/app/i18n"
	"loge/data/desk"
)

// The shift logbook: what one shift leaves the next ("Mme Rossi arrive à 23h, garder la 512"),
// shared by the team. The Board opens with it and counts what this desk has not read.

// logbookRows is how many entries the Board shows.
const logbookRows = 5

// logbookSection is the Board's logbook: the newest entries, unread ones first-class.
func (b *boardView) logbookSection() fyne.CanvasObject {
	u := b.u
	entries, err := u.st.LogEntries(u.ctx, logbookRows)
	if err != nil {
		return widget.NewLabel(i18n.ErrorText(err))
	}
	unread, _ := u.st.UnreadLogCount(u.ctx)
	b.unreadLog = unread
	rows := u.logRows(entries)
	write := widget.NewButtonWithIcon(i18n.T("logbook.write"), theme.DocumentCreateIcon(), func() { u.writeLog("", "") })
	actions := container.NewHBox(write)
	if unread > 0 {
		read := widget.NewButton(i18n.T("logbook.mark_read"), func() {
			all, _ := u.st.LogEntries(u.ctx, 0)
			var ids []string
			for _, e := range all {
				ids = append(ids, e.ID)
			}
			if err := u.st.MarkLogRead(u.ctx, ids...); err != nil {
				u.ShowError(err)
			}
			b.refresh()
		})
		read.Importance = widget.LowImportance
		actions.Add(read)
	}
	all := widget.NewButton(i18n.T("logbook.all"), u.showLogbook)
	all.Importance = widget.LowImportance
	actions.Add(layout.NewSpacer())
	actions.Add(all)
	title := i18n.T("logbook.title")
	if unread > 0 {
		title = i18n.T("logbook.title_unread", map[string]any{"N": unread})
	}
	rows = append(rows, actions)
	return section(title, -1, i18n.T("logbook.empty"), rows...)
}

// logRows shows entries: who and when, the text, and what it is about (a tap opens it).
func (u *UI) logRows(entries []desk.LogEntry) []fyne.CanvasObject {
	me := u.st.DeskID()
	now := time.Now()
	var rows []fyne.CanvasObject
	for _, e := range entries {
		read := false
		for _, d := range e.ReadBy {
			read = read || d == me
		}
		imp := widget.MediumImportance
		lead := fmtWhen(e.At, now)
		if !read {
			imp, lead = widget.HighImportance, "• "+lead
		}
		kind, id := e.TargetKind, e.TargetID
		var tap func()
		if kind != "" && id != "" {
			tap = func() {
				if kind == "thread" {
					u.OpenThread(id)
				} else {
					u.Open(kind, id)
				}
			}
		}
		rows = append(rows, newTapRow(lead, e.Body, desk.FirstNonEmpty(e.AuthorName, "?"), imp, tap))
	}
	return rows
}

// writeLog asks for a logbook entry, about kind/id when given (a guest, a stay, a request, a thread).
func (u *UI) writeLog(kind, id string) {
	text := widget.NewMultiLineEntry()
	text.SetPlaceHolder(i18n.T("logbook.placeholder"))
	text.SetMinRowsVisible(4)
	text.Wrapping = fyne.TextWrapWord
	items := []*widget.FormItem{widget.NewFormItem(i18n.T("logbook.text"), text)}
	if kind != "" {
		items = append(items, widget.NewFormItem(i18n.T("logbook.about"), widget.NewLabel(u.describe(kind, id))))
	}
	d := dialog.NewForm(i18n.T("logbook.write"), i18n.T("action.save"), i18n.T("action.cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		e := desk.LogEntry{Body: text.Text, TargetKind: kind, TargetID: id}
		if err := u.st.AddLogEntry(u.ctx, &e); err != nil {
			u.ShowError(err)
			return
		}
		u.Changed()
	}, u.win)
	d.Resize(fyne.NewSize(min(u.win.Canvas().Size().Width*0.8, 640), 0))
	u.lastLogForm = text
	d.Show()
}

// describe names a guest, stay, request or thread for a person.
func (u *UI) describe(kind, id string) string {
	switch kind {
	case "guest":
		if g, err := u.st.Guest(u.ctx, id); err == nil {
			return g.Name()
		}
	case "stay":
		if s, err := u.st.Stay(u.ctx, id); err == nil {
			return i18n.T("inbox.stay_label", map[string]any{"Guest": s.GuestName, "Day": fmtDay(s.Arrival)})
		}
	case "request":
		if r, err := u.st.Request(u.ctx, id); err == nil {
			return requestLabel(r) + " · " + r.GuestName
		}
	case "thread":
		if ms, err := u.st.ThreadMessages(u.ctx, id); err == nil && len(ms) > 0 {
			return ms[len(ms)-1].Subject
		}
	}
	return id
}

// showLogbook lists every entry, and marks them read.
func (u *UI) showLogbook() {
	entries, err := u.st.LogEntries(u.ctx, 0)
	if err != nil {
		u.ShowError(err)
		return
	}
	rows := u.logRows(entries)
	if len(rows) == 0 {
		rows = append(rows, placeholder(i18n.T("logbook.empty")))
	}
	scroll := container.NewVScroll(container.NewVBox(rows...))
	size := u.win.Canvas().Size()
	scroll.SetMinSize(fyne.NewSize(size.Width*0.7, size.Height*0.6))
	d := dialog.NewCustom(i18n.T("logbook.title"), i18n.T("action.close"), scroll, u.win)
	d.SetOnClosed(func() {
		var ids []string
		for _, e := range entries {
			ids = append(ids, e.ID)
		}
		u.st.MarkLogRead(u.ctx, ids...)
		u.Changed()
	})
	d.Show()
}
