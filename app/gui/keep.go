package gui

import (
	"strings"
	"time"

	"loge/app/i18n"
	"loge/data/desk"
	"loge/data/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Keeping an attachment with a guest or a request: the passport scan with the guest's profile,
// the theatre tickets with the booking. The Inbox offers what the conversation is linked to (a
// stay's link offers its guest, and the sender's address its guest); the store keeps a reference to the mail and its part, and the
// Planner lists it on that guest's or request's pane with the Inbox's own buttons.

// keepTarget is a guest or a request an attachment can be kept with.
type keepTarget struct {
	kind, id string
	label    string // in the question: "Guest profile: Ms Haruka Tanaka"
	name     string // in the notice: "Ms Haruka Tanaka"
}

// keepTargets are the guests and requests the thread is linked to, the guest who uses the
// sender's address (a passport scan often comes before anyone links the conversation), and the
// guests staying now or soon whose last name the mail's text names, with their requests whose
// title it names too (a museum's e-ticket "TANAKA Haruka", for her "Musée d'Orsay" entry); guests
// first, each once.
func (u *UI) keepTargets(threadID, fromAddr, text string) ([]keepTarget, error) {
	links, err := u.st.LinksOfThread(u.ctx, threadID)
	if err != nil {
		return nil, err
	}
	var guests, requests []keepTarget
	seen := map[string]bool{}
	addGuest := func(id string) {
		if seen["guest/"+id] {
			return
		}
		if g, err := u.st.Guest(u.ctx, id); err == nil {
			seen["guest/"+id] = true
			guests = append(guests, keepTarget{"guest", id, i18n.T("attach.keep_guest", map[string]any{"Name": g.Name()}), g.Name()})
		}
	}
	if g, err := u.st.GuestByEmail(u.ctx, fromAddr); err == nil {
		addGuest(g.ID)
	}
	addRequest := func(r desk.Request) {
		if seen["request/"+r.ID] {
			return
		}
		seen["request/"+r.ID] = true
		requests = append(requests, keepTarget{"request", r.ID, i18n.T("attach.keep_request",
			map[string]any{"Guest": r.GuestName, "Request": requestLabel(r)}), requestLabel(r)})
	}
	for _, l := range links {
		switch l.TargetKind {
		case "guest":
			addGuest(l.TargetID)
		case "stay":
			if s, err := u.st.Stay(u.ctx, l.TargetID); err == nil {
				addGuest(s.GuestID)
			}
		case "request":
			if r, err := u.st.Request(u.ctx, l.TargetID); err == nil && !seen["request/"+r.ID] {
				addRequest(r)
			}
		}
	}
	if err := u.namedInText(text, addGuest, addRequest); err != nil {
		return nil, err
	}
	return append(guests, requests...), nil
}

// namedInText finds the guests staying from a week ago to a month ahead whose last name text
// names as a word (accents and case aside), and their requests whose title shares a word of five
// letters or more with it.
func (u *UI) namedInText(text string, addGuest func(id string), addRequest func(desk.Request)) error {
	words := map[string]bool{}
	for _, w := range strings.Fields(desk.FoldKey(text)) {
		words[w] = true
	}
	if len(words) == 0 {
		return nil
	}
	now := time.Now().In(u.st.Loc)
	stays, err := u.st.StaysBetween(u.ctx, now.AddDate(0, 0, -7).Format(time.DateOnly), now.AddDate(0, 1, 0).Format(time.DateOnly))
	if err != nil {
		return err
	}
	done := map[string]bool{}
	for _, s := range stays {
		// The stay carries its guest's display name, last name last: no guest is read for the
		// hundreds a busy month holds that the mail does not name.
		name := strings.Fields(desk.FoldKey(s.GuestName))
		if done[s.GuestID] || len(name) == 0 || len(name[len(name)-1]) < 3 || !words[name[len(name)-1]] {
			continue
		}
		done[s.GuestID] = true
		addGuest(s.GuestID)
		reqs, err := u.st.Requests(u.ctx, store.RequestFilter{GuestID: s.GuestID})
		if err != nil {
			return err
		}
		for _, r := range reqs {
			for _, w := range strings.Fields(desk.FoldKey(r.Title)) {
				if len(w) >= 5 && words[w] {
					addRequest(r)
					break
				}
			}
		}
	}
	return nil
}

// askKeepAttachment asks which guest or request of the conversation keeps the attachment.
func (u *UI) askKeepAttachment(m desk.Message, index int, a desk.Attachment) {
	targets, err := u.keepTargets(m.ThreadID, m.FromAddr, m.Subject+"\n"+m.BodyText)
	if err != nil {
		u.ShowError(err)
		return
	}
	if len(targets) == 0 {
		l := widget.NewLabel(i18n.T("attach.keep_none"))
		l.Wrapping = fyne.TextWrapWord
		d := dialog.NewCustom(i18n.T("attach.keep_title"), i18n.T("action.ok"), l, u.win)
		d.Resize(fyne.NewSize(min(u.win.Canvas().Size().Width*0.7, 520), 0))
		d.Show()
		return
	}
	labels := make([]string, len(targets))
	for i, t := range targets {
		labels[i] = t.label
	}
	choice := widget.NewRadioGroup(labels, nil)
	choice.Required = true
	choice.SetSelected(labels[0])
	name := widget.NewLabelWithStyle(attachmentLabel(a, index), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Truncation = fyne.TextTruncateEllipsis
	keep := func(ok bool) {
		if !ok {
			return
		}
		for _, t := range targets {
			if t.label == choice.Selected {
				u.keepAttachment(m, index, a, t)
			}
		}
	}
	u.lastKeep = &keepQuestion{choice: choice, answer: keep}
	d := dialog.NewCustomConfirm(i18n.T("attach.keep_title"), i18n.T("attach.keep_confirm"), i18n.T("action.cancel"),
		container.NewVBox(name, choice), keep, u.win)
	d.Resize(fyne.NewSize(min(u.win.Canvas().Size().Width*0.7, 520), 0))
	d.Show()
}

// keepQuestion is the Keep with… question on screen, for tests.
type keepQuestion struct {
	choice *widget.RadioGroup
	answer func(bool)
}

// keepAttachment keeps attachment index of m with t and says so.
func (u *UI) keepAttachment(m desk.Message, index int, a desk.Attachment, t keepTarget) {
	if _, err := u.st.KeepAttachment(u.ctx, m.ID, index, t.kind, t.id); err != nil {
		u.ShowError(err)
		return
	}
	u.notice(i18n.T("attach.kept", map[string]any{"Name": desk.FirstNonEmpty(a.Filename, attachmentName(a, index)), "Target": t.name}))
	if u.planner != nil {
		u.planner.refreshIfShowing(t.kind, t.id)
	}
}

// keptRows are the attachments kept with a guest or a request, each with the Inbox's buttons
// (when this desk holds the mail) and Remove.
func (v *plannerView) keptRows(kind, id string) []fyne.CanvasObject {
	refs, err := v.u.st.KeptAttachments(v.u.ctx, kind, id)
	if err != nil {
		return []fyne.CanvasObject{widget.NewLabel(i18n.ErrorText(err))}
	}
	var rows []fyne.CanvasObject
	for i, r := range refs {
		src := v.u.keptAttachment(r, i+1)
		name := widget.NewLabel(attachmentLabel(src.att, src.index))
		name.Truncation = fyne.TextTruncateEllipsis
		from := i18n.T("attach.not_here")
		if r.Available {
			from = i18n.T("attach.from", map[string]any{"Subject": r.Subject, "From": r.From})
		}
		detail := widget.NewLabel(from)
		detail.Importance = widget.LowImportance
		detail.Truncation = fyne.TextTruncateEllipsis
		buttons := container.NewHBox()
		if r.Available {
			buttons = v.u.attachmentButtons(src)
		}
		ref := r
		forget := widget.NewButtonWithIcon(i18n.T("attach.forget"), theme.ContentRemoveIcon(), func() { v.forgetKept(ref, src) })
		forget.Importance = widget.LowImportance
		buttons.Add(forget)
		// The buttons on a line of their own: the Planner's panes are narrow, and beside them the
		// name had no room left.
		rows = append(rows, container.NewVBox(name, detail, container.NewHBox(layout.NewSpacer(), buttons)))
	}
	return rows
}

// forgetKept takes an attachment off its guest or request after a question; the mail keeps it.
func (v *plannerView) forgetKept(r desk.AttachmentRef, src attachmentSource) {
	name := desk.FirstNonEmpty(r.Filename, attachmentName(src.att, src.index))
	dialog.ShowConfirm(i18n.T("attach.forget"), i18n.T("attach.forget_confirm", map[string]any{"Name": name}), func(ok bool) {
		if !ok {
			return
		}
		if err := v.u.st.ForgetAttachment(v.u.ctx, r.ID); err != nil {
			v.u.ShowError(err)
			return
		}
		v.refreshIfShowing(r.TargetKind, r.TargetID)
	}, v.u.win)
}
