package gui

import (
	"errors"
	"net/mail"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"loge/app/i18n"
	"loge/data/desk"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"loge/data/docs/templates"
	"loge/data/mime"
	"loge/data/outbox"
)

// Compose modes.
const (
	composeNew      = "new"
	composeReply    = "reply"
	composeReplyAll = "reply_all"
	composeForward  = "forward"
)

// composer is the mail editor: a draft autosaved while typed, templates filled from the guest, stay,
// request and vendor it is about, and Send, which queues the complete mail in the outbox.
type composer struct {
	u       *UI
	draft   desk.Draft
	answers *desk.Message // the mail replied to, if any
	forward *desk.Message

	to, cc, bcc, subject *widget.Entry
	body                 *widget.Entry
	account              *widget.Select
	accounts             []desk.Account
	tmpl                 *widget.Button // opens the template menu
	templates            []desk.Template
	attachList           *widget.Label
	errLabel             *widget.Label
	dlg                  dialog.Dialog
	missing              []string // "[name]" markers a template could not fill; Send refuses while any is left
	saveTimer            *time.Timer
	sent                 bool
	// For a reply: what the thread's team status was when writing began, so that Send can warn
	// when a colleague took or answered it meanwhile; and this desk's "replying" presence.
	startClaim    string
	startAnswered bool
	presence      *time.Ticker
	confirmed     bool // the user chose to send despite a colleague's move
}

// openComposer starts a new mail, a reply, a reply to all or a forward; ctx ("request:<id>"…) says
// what the mail is about, for templates and the booking flow.
func (u *UI) openComposer(mode string, msg *desk.Message, ctx string, to string) {
	d := desk.Draft{Context: ctx, To: to}
	if msg != nil && (mode == composeReply || mode == composeReplyAll) {
		if existing, err := u.st.DraftAnswering(u.ctx, msg.ID); err == nil {
			u.openDraft(existing) // pick the unfinished reply up again
			return
		}
		d.Answers = msg.ID
		d.To = addressText(msg.FromName, msg.FromAddr)
		if mode == composeReplyAll {
			d.Cc = u.othersOf(msg)
		}
		d.Subject = prefixed(i18n.T("compose.re"), msg.Subject)
		d.Body = "\n\n" + quote(msg)
		if d.Context == "" {
			d.Context = u.contextOfThread(msg.ThreadID)
		}
	}
	if msg != nil && mode == composeForward {
		d.Subject = prefixed(i18n.T("compose.fwd"), msg.Subject)
		d.Body = "\n\n" + i18n.T("compose.forwarded", map[string]any{"From": msg.FromName + " <" + msg.FromAddr + ">", "Date": fmtDayTime(msg.Date), "Subject": msg.Subject}) + "\n\n" + msg.BodyText
	}
	c := u.newComposer(d)
	if mode == composeForward {
		c.forward = msg
	}
	c.show()
}

// openDraft reopens a saved draft.
func (u *UI) openDraft(d desk.Draft) { u.newComposer(d).show() }

func (u *UI) newComposer(d desk.Draft) *composer {
	c := &composer{u: u, draft: d}
	if d.Answers != 0 {
		if m, err := u.st.Message(u.ctx, d.Answers); err == nil {
			c.answers = &m
		}
	}
	return c
}

func prefixed(prefix, subject string) string {
	if strings.HasPrefix(strings.ToLower(subject), strings.ToLower(prefix)) || desk.NormalizeSubject(subject) != strings.TrimSpace(subject) && prefix == i18n.T("compose.re") {
		return subject
	}
	return prefix + " " + subject
}

// quote is the replied mail under an attribution line, each line prefixed with "> ".
func quote(m *desk.Message) string {
	lines := strings.Split(strings.TrimRight(m.BodyText, "\n"), "\n")
	for i, l := range lines {
		lines[i] = "> " + l
	}
	who := m.FromName
	if who == "" {
		who = m.FromAddr
	}
	return i18n.T("compose.wrote", map[string]any{"Date": fmtDayTime(m.Date), "Who": who}) + "\n" + strings.Join(lines, "\n")
}

// othersOf is everyone on a mail but the desk's own addresses, for reply-all.
func (u *UI) othersOf(m *desk.Message) string {
	own := map[string]bool{}
	if accts, err := u.st.Accounts(u.ctx); err == nil {
		for _, a := range accts {
			own[strings.ToLower(a.Email)] = true
		}
	}
	var out []string
	for _, line := range []string{m.To, m.Cc} {
		list, err := mail.ParseAddressList(line)
		if err != nil {
			continue
		}
		for _, a := range list {
			if !own[strings.ToLower(a.Address)] && !strings.EqualFold(a.Address, m.FromAddr) {
				out = append(out, addressText(a.Name, a.Address))
			}
		}
	}
	return strings.Join(out, ", ")
}

// contextOfThread is the most precise planner link of a thread: a request, else a stay, else a guest.
func (u *UI) contextOfThread(threadID string) string {
	links, err := u.st.LinksOfThread(u.ctx, threadID)
	if err != nil {
		return ""
	}
	for _, kind := range []string{"request", "stay", "guest"} {
		for _, l := range links {
			if l.TargetKind == kind {
				return kind + ":" + l.TargetID
			}
		}
	}
	return ""
}

func (c *composer) show() {
	u := c.u
	c.to, c.cc, c.bcc, c.subject = widget.NewEntry(), widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	c.body = widget.NewMultiLineEntry()
	c.body.Wrapping = fyne.TextWrapWord
	c.body.SetMinRowsVisible(14)
	c.to.SetText(c.draft.To)
	c.cc.SetText(c.draft.Cc)
	c.bcc.SetText(c.draft.Bcc)
	c.subject.SetText(c.draft.Subject)
	c.body.SetText(c.draft.Body)
	c.to.SetPlaceHolder(i18n.T("compose.to_hint"))
	c.accounts, _ = u.st.Accounts(u.ctx)
	names := make([]string, len(c.accounts))
	for i, a := range c.accounts {
		names[i] = a.Name + " <" + a.Email + ">"
	}
	c.account = widget.NewSelect(names, nil)
	for i, a := range c.accounts {
		if a.ID == c.draft.AccountID || (c.draft.AccountID == 0 && i == 0) {
			c.account.SetSelectedIndex(i)
		}
	}
	c.templates, _ = u.st.Templates(u.ctx)
	c.tmpl = widget.NewButtonWithIcon(i18n.T("compose.insert_template"), theme.DocumentIcon(), c.showTemplates)
	c.tmpl.Alignment = widget.ButtonAlignLeading
	if len(c.templates) == 0 {
		c.tmpl.Disable()
	}
	c.attachList = widget.NewLabel("")
	c.attachList.Wrapping = fyne.TextWrapWord
	c.showAttachments()
	attach := widget.NewButtonWithIcon(i18n.T("compose.attach"), theme.ContentAddIcon(), c.pickAttachment)
	c.errLabel = widget.NewLabel("")
	c.errLabel.Importance = widget.DangerImportance
	c.errLabel.Wrapping = fyne.TextWrapWord
	c.errLabel.Hide()
	for _, e := range []*widget.Entry{c.to, c.cc, c.bcc, c.subject, c.body} {
		e.OnChanged = func(string) { c.scheduleSave() }
	}
	about := widget.NewLabel(c.aboutText())
	about.Importance = widget.LowImportance
	form := widget.NewForm(
		widget.NewFormItem(i18n.T("compose.from"), c.account),
		widget.NewFormItem(i18n.T("compose.to"), c.to),
		widget.NewFormItem(i18n.T("compose.cc"), c.cc),
		widget.NewFormItem(i18n.T("compose.bcc"), c.bcc),
		widget.NewFormItem(i18n.T("compose.subject"), c.subject),
	)
	top := container.NewVBox(about, form, container.NewBorder(nil, nil, nil, attach, c.tmpl), c.attachList)
	send := widget.NewButtonWithIcon(i18n.T("compose.send"), theme.MailSendIcon(), c.send)
	send.Importance = widget.HighImportance
	discard := widget.NewButtonWithIcon(i18n.T("compose.discard"), theme.DeleteIcon(), c.discard)
	later := widget.NewButton(i18n.T("compose.keep_draft"), func() { c.save(); c.dlg.Hide() })
	buttons := container.NewHBox(discard, layout.NewSpacer(), later, send)
	content := container.NewBorder(top, container.NewVBox(c.errLabel, buttons), nil, nil, c.body)
	title := i18n.T("compose.title_new")
	if c.answers != nil {
		title = i18n.T("compose.title_reply")
	}
	c.dlg = dialog.NewCustomWithoutButtons(title, content, u.win)
	size := u.win.Canvas().Size()
	c.dlg.Resize(fyne.NewSize(min(size.Width*0.9, 980), size.Height*0.9))
	c.dlg.SetOnClosed(func() {
		if !c.sent {
			c.save()
		}
		c.stopPresence()
	})
	c.startPresence()
	u.lastComposer = c
	c.dlg.Show()
}

func (c *composer) aboutText() string {
	if c.draft.Context == "" {
		return ""
	}
	kind, id, _ := strings.Cut(c.draft.Context, ":")
	tc := c.templateContext("")
	switch {
	case kind == "request" && tc.Request != nil:
		return i18n.T("compose.about", map[string]any{"What": requestLabel(*tc.Request) + " · " + tc.Request.GuestName})
	case kind == "stay" && tc.Stay != nil:
		return i18n.T("compose.about", map[string]any{"What": i18n.T("inbox.stay_label", map[string]any{"Guest": tc.Stay.GuestName, "Day": fmtDay(tc.Stay.Arrival)})})
	case kind == "guest" && tc.Guest != nil:
		return i18n.T("compose.about", map[string]any{"What": tc.Guest.Name()})
	case kind == "vendor" && tc.Vendor != nil:
		return i18n.T("compose.about", map[string]any{"What": tc.Vendor.Name})
	}
	return id
}

// templateContext gathers what a template can draw on from the draft's context, down the chain
// request → stay → guest, and the request's vendor.
func (c *composer) templateContext(lang string) templates.Context {
	u := c.u
	tc := templates.Context{Lang: lang}
	tc.Desk, _ = u.st.Setting(u.ctx, "desk.name")
	tc.Hotel, _ = u.st.Setting(u.ctx, "hotel.name")
	kind, id, _ := strings.Cut(c.draft.Context, ":")
	if kind == "request" {
		if r, err := u.st.Request(u.ctx, id); err == nil {
			tc.Request = &r
			kind, id = "stay", r.StayID
			if r.VendorID != "" {
				if v, err := u.st.Vendor(u.ctx, r.VendorID); err == nil {
					tc.Vendor = &v
				}
			}
			if r.StayID == "" {
				kind, id = "guest", r.GuestID
			}
		}
	}
	if kind == "stay" {
		if s, err := u.st.Stay(u.ctx, id); err == nil {
			tc.Stay = &s
			kind, id = "guest", s.GuestID
		}
	}
	if kind == "guest" {
		if g, err := u.st.Guest(u.ctx, id); err == nil {
			tc.Guest = &g
		}
	}
	if kind == "vendor" {
		if v, err := u.st.Vendor(u.ctx, id); err == nil {
			tc.Vendor = &v
		}
	}
	if tc.Guest == nil && c.answers != nil {
		if g, err := u.st.GuestByEmail(u.ctx, c.answers.FromAddr); err == nil {
			tc.Guest = &g
		}
	}
	return tc
}

// templateItems are the templates as menu items: those this mail has the data for first, then the
// others greyed, each saying what it lacks ("— missing: confirmation number, vendor's name"). A
// confirmation with no confirmation number, or a vendor's address on a request with no vendor, is
// not offered as if it could be sent.
func (c *composer) templateItems() []*fyne.MenuItem {
	var ready, lacking []*fyne.MenuItem
	for i, t := range c.templates {
		label := t.Name + " (" + strings.ToUpper(t.Lang) + ")"
		it := fyne.NewMenuItem(label, func() { c.insertTemplate(i) })
		if lacks := c.templateLacks(t); len(lacks) > 0 {
			it.Label = i18n.T("compose.template_lacks", map[string]any{"Name": label, "List": strings.Join(lacks, ", ")})
			it.Disabled = true
			lacking = append(lacking, it)
			continue
		}
		ready = append(ready, it)
	}
	if len(ready) > 0 && len(lacking) > 0 {
		ready = append(ready, fyne.NewMenuItemSeparator())
	}
	return append(ready, lacking...)
}

// templateLacks names, for a person, what t would leave unfilled in this mail (its fill-in fields
// are asked for when it is chosen, so they do not count).
func (c *composer) templateLacks(t desk.Template) []string {
	tc := c.templateContext(t.Lang)
	tc.Fields = map[string]string{}
	for _, f := range templates.Fields(t.Subject, t.Body) {
		tc.Fields[f] = "-"
	}
	_, _, err := templates.Render(t.Subject, t.Body, tc)
	var me *templates.MissingError
	if !errors.As(err, &me) {
		return nil
	}
	var out []string
	for _, v := range me.Variables {
		if templates.Known(v) {
			out = append(out, lowerFirst(variableHelp(v)))
		} else {
			out = append(out, i18n.T("compose.template_unknown", map[string]any{"Name": v}))
		}
	}
	if len(me.Internal) > 0 {
		out = append(out, i18n.T("compose.template_uses_internal"))
	}
	return out
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

func (c *composer) showTemplates() {
	cv := fyne.CurrentApp().Driver().CanvasForObject(c.tmpl)
	if cv == nil {
		return
	}
	widget.ShowPopUpMenuAtRelativePosition(fyne.NewMenu("", c.templateItems()...), cv, fyne.NewPos(0, c.tmpl.Size().Height), c.tmpl)
}

// insertTemplate fills template i and puts it above the quoted text; fill-in fields are asked for
// first. What cannot be filled is shown as [name] and blocks sending until replaced.
func (c *composer) insertTemplate(i int) {
	if i < 0 || i >= len(c.templates) {
		return
	}
	t := c.templates[i]
	fields := templates.Fields(t.Subject, t.Body)
	if len(fields) == 0 {
		c.applyTemplate(t, nil)
		return
	}
	entries := make([]*widget.FormItem, len(fields))
	values := make([]*widget.Entry, len(fields))
	for j, f := range fields {
		values[j] = widget.NewEntry()
		entries[j] = widget.NewFormItem(f, values[j])
	}
	dialog.ShowForm(i18n.T("compose.fill_in"), i18n.T("action.ok"), i18n.T("action.cancel"), entries, func(ok bool) {
		if !ok {
			return
		}
		answers := map[string]string{}
		for j, f := range fields {
			answers[f] = strings.TrimSpace(values[j].Text)
		}
		c.applyTemplate(t, answers)
	}, c.u.win)
}

func (c *composer) applyTemplate(t desk.Template, answers map[string]string) {
	tc := c.templateContext(t.Lang)
	tc.Fields = answers
	subject, body, err := templates.Render(t.Subject, t.Body, tc)
	c.missing = nil
	var me *templates.MissingError
	if errors.As(err, &me) {
		gaps := append(append(me.Variables, me.Fields...), me.Internal...)
		for _, v := range gaps {
			c.missing = append(c.missing, "["+v+"]")
		}
		var msgs []string
		if len(me.Internal) > 0 {
			msgs = append(msgs, i18n.T("compose.template_internal", map[string]any{"List": strings.Join(me.Internal, ", ")}))
		}
		if n := len(me.Variables) + len(me.Fields); n > 0 {
			msgs = append(msgs, i18n.T("compose.template_missing", map[string]any{"List": strings.Join(gaps[:n], ", ")}))
		}
		c.showError(strings.Join(msgs, "\n"))
	} else if err != nil {
		c.showError(i18n.ErrorText(err))
		return
	} else {
		c.errLabel.Hide()
	}
	if strings.TrimSpace(c.subject.Text) == "" || c.answers == nil {
		c.subject.SetText(subject)
	}
	c.body.SetText(strings.TrimRight(body, "\n") + "\n" + c.body.Text)
}

func (c *composer) showWarning(msg string) {
	c.errLabel.Importance = widget.WarningImportance
	c.errLabel.SetText(msg)
	c.errLabel.Show()
}

func (c *composer) showError(msg string) {
	c.errLabel.Importance = widget.DangerImportance
	c.errLabel.SetText(msg)
	c.errLabel.Show()
}

func (c *composer) showAttachments() {
	if len(c.draft.Attachments) == 0 {
		c.attachList.SetText("")
		c.attachList.Hide()
		return
	}
	c.attachList.SetText(i18n.T("inbox.attachment") + " " + strings.Join(c.draft.Attachments, ", "))
	c.attachList.Show()
}

func (c *composer) pickAttachment() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		r.Close()
		c.draft.Attachments = append(c.draft.Attachments, r.URI().Path())
		c.showAttachments()
		c.scheduleSave()
	}, c.u.win)
	d.Show()
}

// scheduleSave autosaves the draft a second after the last keystroke.
func (c *composer) scheduleSave() {
	if c.saveTimer != nil {
		c.saveTimer.Stop()
	}
	c.saveTimer = time.AfterFunc(time.Second, func() { fyne.Do(c.save) })
}

func (c *composer) collect() {
	c.draft.To, c.draft.Cc, c.draft.Bcc = c.to.Text, c.cc.Text, c.bcc.Text
	c.draft.Subject, c.draft.Body = c.subject.Text, c.body.Text
	if i := c.account.SelectedIndex(); i >= 0 && i < len(c.accounts) {
		c.draft.AccountID = c.accounts[i].ID
	}
}

func (c *composer) save() {
	if c.sent {
		return
	}
	c.collect()
	if strings.TrimSpace(c.draft.To+c.draft.Subject+c.draft.Body) == "" && c.draft.ID == 0 {
		return // nothing typed: no draft
	}
	if err := c.u.st.SaveDraft(c.u.ctx, &c.draft); err != nil {
		c.showError(i18n.ErrorText(err))
	}
}

func (c *composer) discard() {
	c.u.confirm(i18n.T("compose.discard"), i18n.T("compose.discard_confirm"), i18n.T("compose.discard"), func() {
		c.sent = true // nothing to save any more
		if c.draft.ID != 0 {
			c.u.st.DeleteDraft(c.u.ctx, c.draft.ID)
		}
		c.dlg.Hide()
	})
}

// send checks the mail, builds it completely and queues it: the outbox sends it when it can.
// presenceFor is how long "replying" lasts without a refresh: a desk that dies while writing
// stops showing as replying by itself.
const presenceFor = 10 * time.Minute

// startPresence tells the team that this desk is writing a reply to the thread, and keeps saying so
// while the composer is open.
func (c *composer) startPresence() {
	if c.answers == nil || c.answers.ThreadID == "" {
		return
	}
	u, thread := c.u, c.answers.ThreadID
	m, _ := u.st.MailStatus(u.ctx, thread)
	c.startClaim, c.startAnswered = m.ClaimedBy, c.answers.Answered()
	say := func() {
		u.st.SetReplying(u.ctx, thread, time.Now().Add(presenceFor)) // best effort: a presence, not data
	}
	say()
	if others, _ := u.st.ReplyingOthers(u.ctx, thread, time.Now()); len(others) > 0 {
		names, _ := u.st.DeskInitials(u.ctx)
		c.showWarning(i18n.T("compose.also_replying", map[string]any{"Who": desk.FirstNonEmpty(names[others[0]], "?")}))
	}
	c.presence = time.NewTicker(presenceFor / 3)
	tick := c.presence.C
	go func() {
		for range tick {
			fyne.Do(say)
		}
	}()
}

// stopPresence ends this desk's "replying", if it is still this desk's.
func (c *composer) stopPresence() {
	if c.presence == nil {
		return
	}
	c.presence.Stop()
	c.presence = nil
	c.u.st.SetReplying(c.u.ctx, c.answers.ThreadID, time.Time{})
}

// collision says what a colleague did to the thread since this reply began: took it, or answered
// it; "" when nothing.
func (c *composer) collision() string {
	if c.answers == nil || c.confirmed {
		return ""
	}
	u := c.u
	m, _ := u.st.MailStatus(u.ctx, c.answers.ThreadID)
	names, _ := u.st.DeskInitials(u.ctx)
	if m.ClaimedBy != "" && m.ClaimedBy != u.st.DeskID() && m.ClaimedBy != c.startClaim {
		return i18n.T("compose.collision_claimed", map[string]any{"Who": desk.FirstNonEmpty(names[m.ClaimedBy], "?")})
	}
	if cur, err := u.st.Message(u.ctx, c.answers.ID); err == nil && cur.Answered() && !c.startAnswered {
		return i18n.T("compose.collision_answered")
	}
	if others, _ := u.st.ReplyingOthers(u.ctx, c.answers.ThreadID, time.Now()); len(others) > 0 {
		return i18n.T("compose.collision_replying", map[string]any{"Who": desk.FirstNonEmpty(names[others[0]], "?")})
	}
	return ""
}

func (c *composer) send() {
	c.collect()
	c.errLabel.Hide()
	if why := c.collision(); why != "" {
		c.u.confirm(i18n.T("compose.collision_title"), why, i18n.T("compose.send_anyway"), func() {
			c.confirmed = true
			c.send()
		})
		return
	}
	for _, m := range c.missing {
		if strings.Contains(c.draft.Subject, m) || strings.Contains(c.draft.Body, m) {
			c.showError(i18n.T("compose.unfilled", map[string]any{"Marker": m}))
			return
		}
	}
	if strings.Contains(c.draft.Subject, "{{") || strings.Contains(c.draft.Body, "{{") {
		c.showError(i18n.T("compose.unfilled", map[string]any{"Marker": "{{…}}"}))
		return
	}
	if len(c.accounts) == 0 || c.account.SelectedIndex() < 0 {
		c.showError(i18n.T("compose.no_account"))
		return
	}
	acct := c.accounts[c.account.SelectedIndex()]
	d := outbox.Draft{From: &mail.Address{Name: acct.Name, Address: acct.Email}, Subject: c.draft.Subject, Body: c.draft.Body, Signature: acct.Signature}
	var err error
	for _, f := range []struct {
		text string
		dst  *[]*mail.Address
	}{{c.draft.To, &d.To}, {c.draft.Cc, &d.Cc}, {c.draft.Bcc, &d.Bcc}} {
		if *f.dst, err = outbox.ParseAddresses(f.text); err != nil {
			c.showError(i18n.T("compose.bad_address", map[string]any{"Value": f.text}))
			return
		}
	}
	if len(d.To)+len(d.Cc)+len(d.Bcc) == 0 {
		c.showError(i18n.T("compose.no_recipient"))
		return
	}
	if r := c.privateRequestFor(append(append(d.To, d.Cc...), d.Bcc...)); r != nil {
		c.showError(i18n.T("compose.private_to_guest", map[string]any{"What": requestLabel(*r)}))
		return
	}
	if c.answers != nil {
		d.InReplyTo = c.answers.MessageID
		d.References = strings.Fields(c.answers.References)
	}
	for _, p := range c.draft.Attachments {
		a, err := outbox.AttachFile(p)
		if err != nil {
			c.showError(i18n.T("cli.cannot_read", map[string]any{"Path": p, "Detail": err.Error()}))
			return
		}
		d.Attachments = append(d.Attachments, a)
	}
	if c.forward != nil {
		if raw, err := c.u.st.RawMessage(c.u.ctx, c.forward.ID); err == nil {
			d.Attachments = append(d.Attachments, outbox.Attachment{Name: desk.SafeFileName(c.forward.Subject, ".eml", "message"), ContentType: "message/rfc822", Data: raw})
		}
	}
	raw, id, err := outbox.Build(d, time.Now())
	if err != nil {
		c.showError(i18n.ErrorText(err))
		return
	}
	o := desk.OutboxItem{AccountID: acct.ID, MessageID: id, From: acct.Email, To: outbox.FormatAddresses(append(d.To, d.Cc...)),
		Subject: d.Subject, Raw: raw, Rcpts: outbox.Recipients(d), InReplyTo: d.InReplyTo, Answers: c.draft.Answers}
	if c.draft.ID != 0 {
		err = c.u.st.QueueDraft(c.u.ctx, c.draft.ID, &o)
	} else {
		err = c.u.st.QueueOutbox(c.u.ctx, &o)
	}
	if err != nil {
		c.showError(i18n.ErrorText(err))
		return
	}
	c.sent = true
	if c.saveTimer != nil {
		c.saveTimer.Stop()
	}
	c.afterQueued(id, d)
	c.dlg.Hide()
	c.u.office.KickOutbox()
	c.u.status.refresh()
}

// privateRequestFor is the draft's request when it is private (a surprise) and one of rcpts is its
// guest: such a mail would give the surprise away, so it is never queued.
func (c *composer) privateRequestFor(rcpts []*mail.Address) *desk.Request {
	tc := c.templateContext("")
	if tc.Request == nil || !tc.Request.Private {
		return nil
	}
	g := tc.Guest
	if g == nil || g.ID != tc.Request.GuestID {
		gg, err := c.u.st.Guest(c.u.ctx, tc.Request.GuestID)
		if err != nil {
			return tc.Request // cannot tell who the guest is: refuse rather than guess
		}
		g = &gg
	}
	for _, a := range rcpts {
		for _, e := range strings.Split(g.Emails, "\n") {
			if strings.EqualFold(strings.TrimSpace(e), a.Address) {
				return tc.Request
			}
		}
	}
	return nil
}

// afterQueued runs the booking flow: a mail about a request sent to its vendor links the new
// thread to the request and moves a "requested" request to "pending vendor".
func (c *composer) afterQueued(messageID string, d outbox.Draft) {
	kind, id, _ := strings.Cut(c.draft.Context, ":")
	if kind == "" {
		return
	}
	thread := messageID
	if c.answers != nil {
		thread = c.answers.ThreadID
	}
	if kind == "request" || kind == "stay" || kind == "guest" {
		c.u.st.CreateLink(c.u.ctx, &desk.Link{ThreadID: thread, TargetKind: kind, TargetID: id})
	}
	if kind != "request" {
		return
	}
	r, err := c.u.st.Request(c.u.ctx, id)
	if err != nil || r.VendorID == "" || r.Status != desk.RequestRequested {
		return
	}
	// Written to any of the vendor's addresses, or a contact person's: the vendor has it now.
	vendorAddrs := c.u.vendorEmails(r.VendorID)
	for _, a := range append(append(d.To, d.Cc...), d.Bcc...) {
		if slices.ContainsFunc(vendorAddrs, func(e string) bool { return strings.EqualFold(a.Address, e) }) {
			r.Status = desk.RequestPendingVendor
			who, _ := c.u.st.Setting(c.u.ctx, "desk.user")
			if err := c.u.st.UpdateRequest(c.u.ctx, &r, who); err != nil {
				c.u.ShowError(err)
			}
			c.u.Changed()
			return
		}
	}
}

// draftFromRaw turns a queued mail back into an editable draft.
func draftFromRaw(o desk.OutboxItem) desk.Draft {
	p := mime.Parse(o.Raw)
	d := desk.Draft{AccountID: o.AccountID, To: p.To, Cc: p.Cc, Subject: p.Subject, Body: p.Text, Answers: o.Answers}
	// Bcc is in no header: recover it from the envelope.
	shown := strings.ToLower(p.To + "," + p.Cc)
	var bcc []string
	for _, r := range o.Rcpts {
		if !strings.Contains(shown, strings.ToLower(r)) {
			bcc = append(bcc, r)
		}
	}
	d.Bcc = strings.Join(bcc, ", ")
	if sig := strings.LastIndex(d.Body, "\n-- \n"); sig >= 0 {
		d.Body = d.Body[:sig]
	}
	return d
}
