package gui

import (
	"strconv"
	"strings"
	"time"

	"loge/app/i18n"
	"loge/data/desk"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// inboxView is the desk mailbox: conversations on the left, the open one on the right with its
// planner links and the team's internal notes.
type inboxView struct {
	u             *UI
	mailboxes     []desk.Mailbox
	mbSelect      *widget.Select
	threads       []desk.Thread
	list          *widget.List
	empty         *widget.Label
	reading       *fyne.Container
	current       string // open thread id
	reselecting   bool   // the list is being re-selected by code, not by a click
	noteEntry     *widget.Entry
	bookingNumber *widget.Entry // the booking banner's confirmation number, for tests
	filter        *widget.Select
	team          map[string]desk.ThreadTeam // of the threads listed
	moreItems     []*fyne.MenuItem           // behind the "More" button, for tests
	commands      map[threadCommand]func()   // what the menu's shortcuts do to the open thread
}

// run does one of the open thread's actions (from the menu or its shortcut); nothing without one.
func (v *inboxView) run(c threadCommand) {
	if f := v.commands[c]; f != nil {
		f()
	}
}

func newInboxView(u *UI) *inboxView { return &inboxView{u: u} }

func (v *inboxView) content() fyne.CanvasObject {
	v.mbSelect = widget.NewSelect(nil, func(string) { v.loadThreads() })
	filterLabels := make([]string, len(inboxFilters))
	for i, f := range inboxFilters {
		filterLabels[i] = i18n.T("inbox.filter." + f)
	}
	v.filter = widget.NewSelect(filterLabels, nil)
	v.filter.SetSelectedIndex(0)
	v.filter.OnChanged = func(string) { v.loadThreads() }
	v.list = widget.NewList(
		func() int { return len(v.threads) },
		func() fyne.CanvasObject {
			from := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			from.Truncation = fyne.TextTruncateEllipsis
			when := widget.NewLabel("")
			when.Importance = widget.LowImportance
			subject := widget.NewLabel("")
			subject.Truncation = fyne.TextTruncateEllipsis
			snippet := widget.NewLabel("")
			snippet.Truncation = fyne.TextTruncateEllipsis
			snippet.Importance = widget.LowImportance
			snippet.SizeName = theme.SizeNameCaptionText
			marks := widget.NewLabel("")
			marks.Importance = widget.HighImportance
			return container.NewVBox(container.NewBorder(nil, nil, nil, container.NewHBox(marks, when), from), subject, snippet)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(v.threads) {
				return
			}
			t := v.threads[i]
			box := o.(*fyne.Container)
			top := box.Objects[0].(*fyne.Container)
			from := top.Objects[0].(*widget.Label)
			right := top.Objects[1].(*fyne.Container)
			marks, when := right.Objects[0].(*widget.Label), right.Objects[1].(*widget.Label)
			name := t.FromName
			if name == "" {
				name = t.FromAddr
			}
			if t.Count > 1 {
				name += " (" + strconv.Itoa(t.Count) + ")"
			}
			from.SetText(name)
			from.TextStyle.Bold = t.Unread > 0
			from.Refresh()
			var m []string
			if t.Answered {
				m = append(m, i18n.T("inbox.answered"))
			}
			if desk.HasFlag(t.Flags, `\Flagged`) {
				m = append(m, i18n.T("inbox.flagged"))
			}
			m = append(m, teamMarks(v.team[t.ThreadID], time.Now())...)
			if t.Linked > 0 {
				m = append(m, i18n.T("inbox.linked"))
			}
			text := strings.Join(m, " · ")
			if t.Unread > 0 {
				text = strings.TrimSpace("• " + text) // the unread dot leads, it is not one of the tags
			}
			marks.SetText(text)
			when.SetText(fmtWhen(t.Last, time.Now()))
			box.Objects[1].(*widget.Label).SetText(t.Subject)
			box.Objects[2].(*widget.Label).SetText(t.Snippet)
		})
	v.list.OnSelected = func(i widget.ListItemID) {
		if i < len(v.threads) {
			v.showThread(v.threads[i].ThreadID, !v.reselecting)
		}
	}
	v.empty = widget.NewLabel("")
	v.empty.Importance = widget.LowImportance
	v.reading = container.NewVBox()
	v.showPlaceholder()
	newMail := widget.NewButtonWithIcon(i18n.T("inbox.new_mail"), theme.MailComposeIcon(), func() { v.u.openComposer(composeNew, nil, "", "") })
	top := container.NewVBox(container.NewBorder(nil, nil, nil, newMail, v.mbSelect), v.filter)
	left := container.NewBorder(container.NewPadded(top), nil, nil, nil, container.NewStack(v.list, container.NewCenter(v.empty)))
	split := container.NewHSplit(left, container.NewVScroll(container.NewPadded(v.reading)))
	split.Offset = 0.38
	return split
}

func (v *inboxView) showPlaceholder() {
	l := widget.NewLabel(i18n.T("inbox.pick"))
	l.Importance = widget.LowImportance
	v.reading.Objects = []fyne.CanvasObject{l}
	v.reading.Refresh()
	v.commands = nil
	v.u.refreshMenu()
}

func (v *inboxView) mailboxLabel(m desk.Mailbox) string {
	if m.Role != "" {
		return i18n.T("mailbox." + m.Role)
	}
	return m.Name
}

func (v *inboxView) refresh() {
	mbs, err := v.u.st.Mailboxes(v.u.ctx)
	if err != nil {
		v.u.ShowError(err)
		return
	}
	v.mailboxes = mbs
	opts := make([]string, len(mbs))
	for i, m := range mbs {
		opts[i] = v.mailboxLabel(m)
	}
	selected := v.mbSelect.SelectedIndex()
	v.mbSelect.Options = opts
	if selected < 0 && len(opts) > 0 {
		v.mbSelect.SetSelectedIndex(0) // loads threads through OnChanged
		return
	}
	v.mbSelect.Refresh()
	v.loadThreads()
}

func (v *inboxView) loadThreads() {
	v.threads = nil
	if !v.fetchThreads() {
		return
	}
	if len(v.mailboxes) == 0 {
		v.empty.SetText(i18n.T("inbox.no_account"))
	} else if len(v.threads) == 0 && v.filter.SelectedIndex() > 0 {
		v.empty.SetText(i18n.T("inbox.filter_empty"))
	} else if len(v.threads) == 0 {
		v.empty.SetText(i18n.T("inbox.empty"))
	} else {
		v.empty.SetText("")
	}
	v.list.UnselectAll()
	v.list.Refresh()
	if v.current == "" && len(v.threads) > 0 {
		v.current = v.threads[0].ThreadID // open on the newest conversation
	}
	// Selecting again after a reload (or opening the newest on arrival) shows the thread without
	// marking it read: only a person's click or navigation does that.
	v.reselecting = true
	defer func() { v.reselecting = false }()
	for i, t := range v.threads {
		if t.ThreadID == v.current {
			v.list.Select(i)
			break
		}
	}
}

// fetchThreads reads the shown mailbox's threads that pass the filter into v.threads (false,
// the error shown, when the desk could not be read).
func (v *inboxView) fetchThreads() bool {
	i := v.mbSelect.SelectedIndex()
	if i < 0 || i >= len(v.mailboxes) {
		return true
	}
	ts, err := v.u.st.Threads(v.u.ctx, v.mailboxes[i].ID, 0)
	if err != nil {
		v.u.ShowError(err)
		return false
	}
	now := time.Now()
	if v.team, err = v.u.st.TeamView(v.u.ctx, ts, now); err != nil {
		v.u.ShowError(err)
		return false
	}
	filter := filterAll
	if f := v.filter.SelectedIndex(); f >= 0 {
		filter = inboxFilters[f]
	}
	var kept []desk.Thread
	for _, t := range ts {
		if keepThread(filter, v.u.st.DeskID(), v.team[t.ThreadID], now) {
			kept = append(kept, t)
		}
	}
	v.threads = kept
	return true
}

// refreshRows reads the threads again and redraws the list's rows (snippets the indexer has
// written) when the Inbox is on screen, leaving the selection and the open thread as they are.
func (v *inboxView) refreshRows() {
	if v.list == nil || v.u.Current() != WorkspaceInbox {
		return
	}
	old := v.threads
	if !v.fetchThreads() {
		return
	}
	moved := len(old) != len(v.threads)
	for i := 0; !moved && i < len(old); i++ {
		moved = old[i].ThreadID != v.threads[i].ThreadID
	}
	if moved {
		v.loadThreads() // mail arrived meanwhile: a whole reload keeps the selection on its thread
		return
	}
	v.list.Refresh()
}

// openThread shows a thread, selecting the mailbox holding its newest message.
func (v *inboxView) openThread(threadID string) {
	if v.mbSelect.SelectedIndex() < 0 {
		v.refresh()
	}
	msgs, err := v.u.st.ThreadMessages(v.u.ctx, threadID)
	if err != nil || len(msgs) == 0 {
		v.u.ShowError(err)
		return
	}
	v.current = threadID
	want := msgs[len(msgs)-1].MailboxID
	for _, m := range msgs {
		if v.mailboxes != nil && v.roleOf(m.MailboxID) == desk.RoleInbox {
			want = m.MailboxID
		}
	}
	for i, mb := range v.mailboxes {
		if mb.ID == want && v.mbSelect.SelectedIndex() != i {
			v.mbSelect.SetSelectedIndex(i)
		}
	}
	v.loadThreads()
	v.showThread(threadID, true)
}

func (v *inboxView) roleOf(mailboxID int64) string {
	for _, m := range v.mailboxes {
		if m.ID == mailboxID {
			return m.Role
		}
	}
	return ""
}

func (v *inboxView) showThread(threadID string, markRead bool) {
	v.current = threadID
	msgs, err := v.u.st.ThreadMessages(v.u.ctx, threadID)
	if err != nil {
		v.u.ShowError(err)
		return
	}
	if len(msgs) == 0 {
		v.showPlaceholder()
		return
	}
	if markRead {
		v.markSeen(msgs)
	}
	subject := widget.NewLabelWithStyle(msgs[len(msgs)-1].Subject, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	subject.SizeName = theme.SizeNameSubHeadingText
	subject.Wrapping = fyne.TextWrapWord
	v.commands = map[threadCommand]func(){}
	objs := []fyne.CanvasObject{v.actions(msgs), v.teamBar(threadID, newestOutside(msgs, v)), subject, v.linksBar(threadID)}
	if b := v.bookingBanner(threadID, msgs); b != nil {
		objs = append(objs, b)
	}
	for i, m := range msgs {
		// The newest mail is the one answered: it shows most; earlier ones, mostly quoted again
		// below, show their start.
		limit := bodyClipEarlier
		if i == len(msgs)-1 {
			limit = bodyClip
		}
		objs = append(objs, v.messageCard(m, limit))
	}
	objs = append(objs, v.notesBox(threadID))
	v.reading.Objects = objs
	v.reading.Refresh()
	v.u.refreshMenu()
}

// linksBar shows what the thread is linked to in the planner, each a button that opens it.
func (v *inboxView) linksBar(threadID string) fyne.CanvasObject {
	links, err := v.u.st.LinksOfThread(v.u.ctx, threadID)
	if err != nil {
		return widget.NewLabel(i18n.ErrorText(err))
	}
	box := container.NewHBox()
	if len(links) == 0 {
		l := widget.NewLabel(i18n.T("inbox.not_linked"))
		l.Importance = widget.LowImportance
		box.Add(l)
	}
	for _, l := range links {
		kind, id := l.TargetKind, l.TargetID
		label := i18n.T("kind.link." + kind)
		switch kind {
		case "guest":
			if g, err := v.u.st.Guest(v.u.ctx, id); err == nil {
				label = g.Name()
			}
		case "stay":
			if s, err := v.u.st.Stay(v.u.ctx, id); err == nil {
				label = i18n.T("inbox.stay_label", map[string]any{"Guest": s.GuestName, "Day": fmtDay(s.Arrival)})
			}
		case "request":
			if r, err := v.u.st.Request(v.u.ctx, id); err == nil {
				label = requestLabel(r)
			}
		}
		b := widget.NewButtonWithIcon(label, linkIcon(kind), func() { v.u.Open(kind, id) })
		b.Importance = widget.LowImportance
		box.Add(b)
	}
	return container.NewHScroll(box)
}

func linkIcon(kind string) fyne.Resource {
	switch kind {
	case "guest":
		return theme.AccountIcon()
	case "stay":
		return theme.HomeIcon()
	}
	return theme.CalendarIcon()
}

func (v *inboxView) messageCard(m desk.Message, limit int) fyne.CanvasObject {
	from := m.FromName
	if from == "" {
		from = m.FromAddr
	} else if m.FromAddr != "" {
		from += " <" + m.FromAddr + ">"
	}
	head := container.NewBorder(nil, nil, nil, widget.NewLabel(fmtDayTime(m.Date)), widget.NewLabelWithStyle(from, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	to := widget.NewLabel(i18n.T("inbox.to") + " " + m.To)
	to.Importance = widget.LowImportance
	to.Truncation = fyne.TextTruncateEllipsis
	text := strings.TrimSpace(m.BodyText)
	shown, clipped := clipBody(text, limit)
	body := widget.NewLabel(shown)
	body.Wrapping = fyne.TextWrapWord
	objs := []fyne.CanvasObject{head, to}
	if m.HasAttachments {
		if atts, err := v.u.st.Attachments(v.u.ctx, m.ID); err == nil {
			objs = append(objs, v.attachmentRows(m, atts)...)
		}
	}
	objs = append(objs, widget.NewSeparator(), body)
	if clipped {
		var more *widget.Button
		left := len([]rune(text)) - len([]rune(strings.TrimSuffix(shown, "\n…")))
		more = widget.NewButton(i18n.T("inbox.show_all", map[string]any{"N": left}), func() {
			body.SetText(text)
			more.Hide()
		})
		more.Importance = widget.LowImportance
		objs = append(objs, container.NewHBox(more))
	}
	return panel(container.NewVBox(objs...))
}

// bodyClip and bodyClipEarlier are how much of a message's text the reading pane lays out before
// "Show the rest", for the newest mail of a thread and the earlier ones: laying out wrapped text
// is what opening a thread costs (long quoted histories took 100 ms and more to open), and a
// concierge reads the top of a mail.
const (
	bodyClip        = 4000
	bodyClipEarlier = 1500
)

// clipBody is text cut at the last line end before limit characters (or at limit when the text
// has no line end there); clipped says whether anything was left out.
func clipBody(text string, limit int) (shown string, clipped bool) {
	runes := []rune(text)
	if len(runes) <= limit+limit/4 {
		return text, false // a little over is shown whole rather than cut for a few lines
	}
	cut := runes[:limit]
	for i := len(cut) - 1; i > limit/2; i-- {
		if cut[i] == '\n' {
			cut = cut[:i]
			break
		}
	}
	return strings.TrimRight(string(cut), " \r\n") + "\n…", true
}

// notesBox is the team's internal notes on the thread, never sent to the guest.
func (v *inboxView) notesBox(threadID string) fyne.CanvasObject {
	notes, err := v.u.st.Notes(v.u.ctx, "thread", threadID)
	if err != nil {
		return widget.NewLabel(i18n.ErrorText(err))
	}
	var rows []fyne.CanvasObject
	for _, n := range notes {
		l := widget.NewLabel(n.Body)
		l.Wrapping = fyne.TextWrapWord
		who := widget.NewLabel(n.Author + " · " + fmtDayTime(n.CreatedAt))
		who.Importance = widget.LowImportance
		rows = append(rows, container.NewVBox(who, l))
	}
	v.noteEntry = widget.NewMultiLineEntry()
	v.noteEntry.SetPlaceHolder(i18n.T("inbox.note_placeholder"))
	v.noteEntry.SetMinRowsVisible(2)
	v.noteEntry.Wrapping = fyne.TextWrapWord
	add := widget.NewButtonWithIcon(i18n.T("inbox.add_note"), theme.ContentAddIcon(), func() {
		author, _ := v.u.st.Setting(v.u.ctx, "desk.user")
		n := &desk.Note{TargetKind: "thread", TargetID: threadID, Author: author, Body: v.noteEntry.Text}
		if err := v.u.st.CreateNote(v.u.ctx, n); err != nil {
			v.u.ShowError(err)
			return
		}
		v.showThread(threadID, false)
	})
	rows = append(rows, v.noteEntry, container.NewHBox(layout.NewSpacer(), add))
	return section(i18n.T("inbox.notes"), len(notes), "", rows...)
}

func fmtSize(n int64) string {
	switch {
	case n >= 1<<20:
		return strconv.Itoa(int(n>>20)) + " " + i18n.T("size.mb")
	case n >= 1<<10:
		return strconv.Itoa(int(n>>10)) + " " + i18n.T("size.kb")
	}
	return strconv.Itoa(int(n)) + " " + i18n.T("size.b")
}

// markSeen marks a thread's unread messages read when it is opened, as every mail client does.
func (v *inboxView) markSeen(msgs []desk.Message) {
	marked := 0
	for _, m := range msgs {
		if !m.Seen() && !m.Vanished {
			if err := v.u.st.ChangeFlags(v.u.ctx, m.ID, []string{`\Seen`}, nil); err != nil {
				v.u.ShowError(err)
				return
			}
			marked++
		}
	}
	if marked > 0 {
		v.u.office.Replay()
		v.u.status.markedRead(marked)
		for i := range v.threads {
			if v.threads[i].ThreadID == msgs[0].ThreadID {
				v.threads[i].Unread = 0
			}
		}
		v.list.Refresh()
	}
}

// actions are what a concierge does to the open thread: mark unread, flag, mark done, archive.
// They apply at once on this desk and reach the server through the worker's journal, online or not.
func (v *inboxView) actions(msgs []desk.Message) fyne.CanvasObject {
	latest := msgs[len(msgs)-1]
	for i := len(msgs) - 1; i >= 0; i-- {
		if v.roleOf(msgs[i].MailboxID) == desk.RoleInbox && !msgs[i].Vanished {
			latest = msgs[i]
			break
		}
	}
	threadID := latest.ThreadID
	toggle := func(flag string, on bool) func() {
		return func() {
			add, remove := []string{flag}, []string(nil)
			if on {
				add, remove = nil, []string{flag}
			}
			if err := v.u.st.ChangeFlags(v.u.ctx, latest.ID, add, remove); err != nil {
				v.u.ShowError(err)
				return
			}
			v.afterAction(threadID)
		}
	}
	flagged := desk.HasFlag(latest.Flags, `\Flagged`)
	lm := latest
	reply := widget.NewButtonWithIcon(i18n.T("inbox.reply"), theme.MailReplyIcon(), func() { v.u.openComposer(composeReply, &lm, "", "") })
	reply.Importance = widget.HighImportance
	replyAll := widget.NewButtonWithIcon(i18n.T("inbox.reply_all"), theme.MailReplyAllIcon(), func() { v.u.openComposer(composeReplyAll, &lm, "", "") })
	forward := widget.NewButtonWithIcon(i18n.T("inbox.forward"), theme.MailForwardIcon(), func() { v.u.openComposer(composeForward, &lm, "", "") })
	book := widget.NewButtonWithIcon(i18n.T("inbox.book"), theme.CalendarIcon(), func() { v.u.bookFromMail(lm) })
	// The rarer actions wait behind one button, so the bar fits a laptop's width in both languages.
	readLabel, readAction := i18n.T("inbox.mark_unread"), func() {
		if err := v.u.st.ChangeFlags(v.u.ctx, latest.ID, nil, []string{`\Seen`}); err != nil {
			v.u.ShowError(err)
			return
		}
		v.u.mailChanged(true)
		v.showThread(threadID, false)
	}
	if !latest.Seen() {
		readLabel, readAction = i18n.T("inbox.mark_read"), func() { v.markSeen(msgs); v.showThread(threadID, false) }
	}
	flagLabel := i18n.T("inbox.flag")
	if flagged {
		flagLabel = i18n.T("inbox.unflag")
	}
	items := []*fyne.MenuItem{
		fyne.NewMenuItemWithIcon(readLabel, theme.MailComposeIcon(), readAction),
		fyne.NewMenuItemWithIcon(flagLabel, theme.WarningIcon(), toggle(`\Flagged`, flagged)),
	}
	v.commands[cmdReply], v.commands[cmdReplyAll], v.commands[cmdForward], v.commands[cmdBook] = reply.OnTapped, replyAll.OnTapped, forward.OnTapped, book.OnTapped
	if v.roleOf(latest.MailboxID) != desk.RoleArchive {
		v.commands[cmdArchive] = func() { v.archive(msgs) }
		items = append(items, menuItem(i18n.T("inbox.archive"), theme.DownloadIcon(), keyArchive, v.commands[cmdArchive]))
	}
	items = append(items, fyne.NewMenuItemWithIcon(i18n.T("logbook.write_about"), theme.DocumentCreateIcon(), func() { v.u.writeLog("thread", threadID) }))
	v.moreItems = items
	for _, b := range []*widget.Button{replyAll, forward, book} {
		b.Importance = widget.LowImportance
	}
	// What does not fit the width joins the rarer actions behind More.
	return newActionBarWith(items, reply, replyAll, forward, book)
}

// newestOutside is the Message-ID of the thread's newest message in the Inbox (a status set now
// holds until a newer one arrives).
func newestOutside(msgs []desk.Message, v *inboxView) string {
	for i := len(msgs) - 1; i >= 0; i-- {
		if v.roleOf(msgs[i].MailboxID) == desk.RoleInbox && !msgs[i].Vanished {
			return msgs[i].MessageID
		}
	}
	return msgs[len(msgs)-1].MessageID
}

func (v *inboxView) afterAction(threadID string) {
	v.u.mailChanged(true)
	v.showThread(threadID, false)
}

// archive moves every message of the thread in the shown mailbox to the account's Archive.
func (v *inboxView) archive(msgs []desk.Message) {
	i := v.mbSelect.SelectedIndex()
	if i < 0 || i >= len(v.mailboxes) {
		return
	}
	from := v.mailboxes[i]
	target, err := v.u.st.MailboxByRole(v.u.ctx, from.AccountID, desk.RoleArchive)
	if err != nil {
		dialog.ShowInformation(i18n.T("inbox.archive"), i18n.T("inbox.no_archive"), v.u.win)
		return
	}
	for _, m := range msgs {
		if m.MailboxID == from.ID && !m.Vanished {
			if err := v.u.st.MoveMessage(v.u.ctx, m.ID, target.ID); err != nil {
				v.u.ShowError(err)
				return
			}
		}
	}
	v.current = ""
	v.list.UnselectAll()
	v.u.mailChanged(true)
	v.showPlaceholder()
}

// bookingBanner closes the booking loop: when a thread linked to a request waiting for its vendor
// ends with a mail from outside the desk, it offers to mark the request confirmed, with the
// confirmation number read from that mail (editable).
func (v *inboxView) bookingBanner(threadID string, msgs []desk.Message) fyne.CanvasObject {
	last := msgs[len(msgs)-1]
	if v.roleOf(last.MailboxID) == desk.RoleSent || v.fromDesk(last.FromAddr) {
		return nil
	}
	links, err := v.u.st.LinksOfThread(v.u.ctx, threadID)
	if err != nil {
		return nil
	}
	for _, l := range links {
		if l.TargetKind != "request" {
			continue
		}
		r, err := v.u.st.Request(v.u.ctx, l.TargetID)
		if err != nil || r.Status != desk.RequestPendingVendor || !v.fromVendor(last.FromAddr, r.VendorID) {
			continue
		}
		number := widget.NewEntry()
		number.SetPlaceHolder(i18n.T("inbox.confirmation_number"))
		number.SetText(desk.ExtractConfirmation(last.BodyText))
		confirm := widget.NewButtonWithIcon(i18n.T("inbox.mark_confirmed"), theme.ConfirmIcon(), func() {
			r.Status, r.Confirmation = desk.RequestConfirmed, strings.TrimSpace(number.Text)
			who, _ := v.u.st.Setting(v.u.ctx, "desk.user")
			if err := v.u.st.UpdateRequest(v.u.ctx, &r, who); err != nil {
				v.u.ShowError(err)
				return
			}
			v.showThread(threadID, false)
		})
		confirm.Importance = widget.SuccessImportance
		msg := widget.NewLabel(i18n.T("inbox.vendor_replied", map[string]any{"Request": requestLabel(r), "Guest": r.GuestName}))
		msg.Wrapping = fyne.TextWrapWord
		v.bookingNumber = number
		return section(i18n.T("inbox.booking"), -1, "", msg, container.NewBorder(nil, nil, nil, confirm, number))
	}
	return nil
}

// fromVendor reports whether an address is the vendor's, one of its contacts', or on its domain.
func (v *inboxView) fromVendor(addr, vendorID string) bool {
	if vendorID == "" || addr == "" {
		return false
	}
	addrs := v.u.vendorEmails(vendorID)
	domain := func(a string) string { _, d, _ := strings.Cut(strings.ToLower(a), "@"); return d }
	for _, a := range addrs {
		if a != "" && (strings.EqualFold(a, addr) || domain(a) == domain(addr)) {
			return true
		}
	}
	return false
}

// fromDesk reports whether an address is one of the desk's own accounts.
func (v *inboxView) fromDesk(addr string) bool {
	accts, err := v.u.st.Accounts(v.u.ctx)
	if err != nil {
		return false
	}
	for _, a := range accts {
		if strings.EqualFold(a.Email, addr) {
			return true
		}
	}
	return false
}

// SelectInboxRow shows the Inbox and selects its row i as a click does (the thread opens in the
// reading pane, marked read); it returns how many rows the list has. For `make bench`.
func (u *UI) SelectInboxRow(i int) int {
	u.Show(WorkspaceInbox)
	v := u.inbox
	if i >= 0 && i < len(v.threads) {
		v.list.UnselectAll() // Select of the row already selected does nothing
		v.list.Select(i)
	}
	return len(v.threads)
}
