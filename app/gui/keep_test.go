package gui

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"

	"loge/app/i18n"
	"loge/data/desk"
	"loge/data/docs"
	"loge/data/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// demoAttachment is a demo mail with an attachment of the content type wanted.
func demoAttachment(t *testing.T, st *store.Store, contentType string) (desk.Message, int, desk.Attachment) {
	t.Helper()
	ctx := context.Background()
	mbs, _ := st.Mailboxes(ctx)
	for _, mb := range mbs {
		msgs, _ := st.MailboxMessages(ctx, mb.ID)
		for _, m := range msgs {
			atts, _ := st.Attachments(ctx, m.ID)
			for i, a := range atts {
				if a.ContentType == contentType {
					return m, i + 1, a
				}
			}
		}
	}
	t.Fatalf("the demo has no mail with a %s", contentType)
	return desk.Message{}, 0, desk.Attachment{}
}

func hasButton(root fyne.CanvasObject, text string) bool {
	for _, o := range test.LaidOutObjects(root) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			return true
		}
	}
	return false
}

// From the Inbox, an attachment is kept with a guest the conversation is linked to; the guest's
// pane in the Planner lists it, and opens it byte for byte as the Inbox does.
func TestKeepAttachmentFromInboxOpensFromTheGuestsPane(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	u, st := newDemoUI(t, "en")
	ctx := context.Background()
	opened := recordOpens(t)

	m, index, att := demoAttachment(t, st, "application/pdf")
	guests, _ := st.Guests(ctx, "")
	g := guests[0]
	if err := st.CreateLink(ctx, &desk.Link{ThreadID: m.ThreadID, TargetKind: "guest", TargetID: g.ID}); err != nil {
		t.Fatal(err)
	}
	u.OpenThread(m.ThreadID)
	tapButton(t, u.inbox.reading, i18n.T("attach.keep"))
	if u.lastKeep == nil {
		t.Fatal("no question asked")
	}
	want := i18n.T("attach.keep_guest", map[string]any{"Name": g.Name()})
	if !containsString(u.lastKeep.choice.Options, want) {
		t.Fatalf("choices %v, want %q", u.lastKeep.choice.Options, want)
	}
	u.lastKeep.choice.SetSelected(want)
	u.lastKeep.answer(true)
	if !strings.Contains(u.lastNotice, att.Filename) {
		t.Fatalf("notice %q", u.lastNotice)
	}

	u.OpenGuest(g.ID)
	pane := u.planner.guestPane
	if txt := texts(pane); !strings.Contains(txt, i18n.T("attach.section")) || !strings.Contains(txt, att.Filename) {
		t.Fatalf("guest pane:\n%s", txt)
	}
	tapButton(t, pane, i18n.T("inbox.attachment_open"))
	if len(*opened) != 1 {
		t.Fatalf("opened %v", *opened)
	}
	got, _ := os.ReadFile((*opened)[0])
	var inMail bytes.Buffer
	if _, err := st.WriteAttachment(ctx, m.ID, index, &inMail); err != nil || !bytes.Equal(got, inMail.Bytes()) {
		t.Fatalf("opened %d bytes, the mail holds %d (%v)", len(got), inMail.Len(), err)
	}
	if fi, _ := os.Stat((*opened)[0]); fi.Mode().Perm() != 0o600 {
		t.Fatalf("opened with mode %v", fi.Mode().Perm())
	}

	// Kept with a request of the conversation, the request's pane lists it.
	reqs, _ := st.Requests(ctx, store.RequestFilter{GuestID: g.ID})
	if len(reqs) == 0 {
		t.Fatalf("%s has no request", g.Name())
	}
	r := reqs[0]
	if err := st.CreateLink(ctx, &desk.Link{ThreadID: m.ThreadID, TargetKind: "request", TargetID: r.ID}); err != nil {
		t.Fatal(err)
	}
	targets, err := u.keepTargets(m.ThreadID, "", "")
	if err != nil || len(targets) != 2 || targets[0].kind != "guest" || targets[1].kind != "request" || targets[1].id != r.ID {
		t.Fatalf("targets %+v %v", targets, err)
	}
	u.keepAttachment(m, index, att, targets[1])
	u.OpenRequest(r.ID)
	if txt := texts(u.planner.requestPane); !strings.Contains(txt, i18n.T("attach.section")) || !strings.Contains(txt, att.Filename) {
		t.Fatalf("request pane:\n%s", txt)
	}
	u.OpenGuest(g.ID)

	// Removed from the guest, it stays in the mail.
	refs, _ := st.KeptAttachments(ctx, "guest", g.ID)
	if err := st.ForgetAttachment(ctx, refs[0].ID); err != nil {
		t.Fatal(err)
	}
	u.planner.refreshIfShowing("guest", g.ID)
	if strings.Contains(texts(u.planner.guestPane), i18n.T("attach.section")) {
		t.Fatal("a removed attachment is still listed")
	}
	if atts, _ := st.Attachments(ctx, m.ID); len(atts) < index {
		t.Fatal("the mail lost its attachment")
	}
}

// A conversation linked to nothing offers the guest who uses the sender's address; from an
// address no guest uses, there is no one to keep an attachment with, and it says so.
func TestKeepAttachmentNeedsALinkedConversation(t *testing.T) {
	u, st := newDemoUI(t, "fr")
	m, _, _ := demoAttachment(t, st, "application/pdf")
	links, _ := st.LinksOfThread(context.Background(), m.ThreadID)
	for _, l := range links {
		if err := st.DeleteLink(context.Background(), l.ThreadID, l.TargetKind, l.TargetID); err != nil {
			t.Fatal(err)
		}
	}
	if g, err := st.GuestByEmail(context.Background(), m.FromAddr); err == nil {
		if err := st.DeleteGuest(context.Background(), g.ID); err != nil {
			t.Fatal(err)
		}
	}
	if targets, err := u.keepTargets(m.ThreadID, m.FromAddr, ""); err != nil || len(targets) != 0 {
		t.Fatalf("targets %v %v", targets, err)
	}
	u.lastKeep = nil
	u.askKeepAttachment(m, 1, desk.Attachment{Filename: "x.pdf"})
	if u.lastKeep != nil {
		t.Fatal("asked to choose among nothing")
	}
	sender := desk.Guest{FirstName: "Haruka", LastName: "Sender", Emails: "other@example.jp\n" + strings.ToUpper(m.FromAddr)}
	if err := st.CreateGuest(context.Background(), &sender); err != nil {
		t.Fatal(err)
	}
	if targets, err := u.keepTargets(m.ThreadID, m.FromAddr, ""); err != nil || len(targets) != 1 || targets[0].id != sender.ID {
		t.Fatalf("the sender's guest is not offered: %+v %v", targets, err)
	}
}

// An attachment kept on another desk of the team, whose mail this desk does not hold, is listed
// with a sentence instead of buttons; asked for anyway, it says the mail is not here.
func TestKeptAttachmentWhoseMailIsNotHere(t *testing.T) {
	u, st := newDemoUI(t, "fr")
	ctx := context.Background()
	guests, _ := st.Guests(ctx, "")
	g := guests[0]
	stamp := "1900000000000-0-0b"
	var ops []desk.Op
	for f, v := range map[string]string{"message_id": `"elsewhere@example.fr"`, "part": `"2"`, "filename": `"passeport.png"`,
		"content_type": `"image/png"`, "size": `1234`, "target_kind": `"guest"`, "target_id": `"` + g.ID + `"`} {
		ops = append(ops, desk.Op{Entity: "attachment", ID: "att-elsewhere", Field: f, Value: v, HLC: stamp, Desk: "0b"})
	}
	if rep, err := st.ApplyOps(ctx, ops, nil); err != nil || rep.Pending != 0 || len(rep.Skipped) != 0 {
		t.Fatalf("apply %+v %v", rep, err)
	}
	u.OpenGuest(g.ID)
	pane := u.planner.guestPane
	if txt := texts(pane); !strings.Contains(txt, "passeport.png") || !strings.Contains(txt, i18n.T("attach.not_here")) {
		t.Fatalf("guest pane:\n%s", txt)
	}
	if hasButton(pane, i18n.T("inbox.attachment_open")) || hasButton(pane, i18n.T("attach.preview")) {
		t.Fatal("buttons offered for a mail this desk does not hold")
	}
	refs, _ := st.KeptAttachments(ctx, "guest", g.ID)
	src := u.keptAttachment(refs[0], 1)
	u.showPreview(src, u.previewOf(src))
	if u.lastPreview.text != i18n.T("err.mail_gone") || len(u.lastPreview.buttons) != 0 {
		t.Fatalf("preview %+v", u.lastPreview)
	}
}

// Pictures and a PDF's first page show inside Loge; an attachment that does not decode says so
// and offers its bytes as they are; without pdftoppm a PDF offers Save and Open.
func TestPreviewAttachment(t *testing.T) {
	u, st := newDemoUI(t, "en")
	m, index, att := demoAttachment(t, st, "application/pdf")
	pdf := u.mailAttachment(m, index, att)

	broken := attachmentSource{att: desk.Attachment{Filename: "passeport.jpg", ContentType: "image/jpeg"}, index: 1, key: "t",
		read: func() ([]byte, error) { return []byte("not a jpeg"), nil }}
	u.showPreview(broken, u.previewOf(broken))
	if u.lastPreview.image != nil || u.lastPreview.text != i18n.T("err.preview_undecodable") ||
		!containsString(u.lastPreview.buttons, i18n.T("attach.save_raw")) || containsString(u.lastPreview.buttons, i18n.T("inbox.attachment_open")) {
		t.Fatalf("undecodable %+v", u.lastPreview)
	}

	if _, err := exec.LookPath("pdftoppm"); err == nil {
		u.showPreview(pdf, u.previewOf(pdf))
		if u.lastPreview.image == nil || u.lastPreview.image.MinSize().Width <= 0 {
			t.Fatalf("pdf %+v", u.lastPreview)
		}
		if s := u.win.Canvas().Size(); u.lastPreview.image.MinSize().Width > s.Width || u.lastPreview.image.MinSize().Height > s.Height {
			t.Fatalf("page %v does not fit the window %v", u.lastPreview.image.MinSize(), s)
		}
	}
	t.Setenv("PATH", t.TempDir())
	res := u.previewOf(pdf)
	if !errors.Is(res.err, docs.ErrNoPDFRenderer) {
		t.Fatalf("without pdftoppm: %v", res.err)
	}
	u.showPreview(pdf, res)
	if u.lastPreview.text != i18n.T("err.no_pdf_renderer") || !containsString(u.lastPreview.buttons, i18n.T("inbox.attachment_save")) ||
		!containsString(u.lastPreview.buttons, i18n.T("inbox.attachment_open")) {
		t.Fatalf("no renderer %+v", u.lastPreview)
	}
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// A vendor's e-ticket for a guest, in a conversation linked to nothing and sent from the museum's
// address: the guest it names ("TANAKA Haruka") and her request it names ("Orsay") are offered.
func TestKeepAttachmentOffersTheGuestTheMailNames(t *testing.T) {
	u, st := newDemoUI(t, "fr")
	ctx := context.Background()
	res, err := st.SearchAll(ctx, "ORS-440921", 20)
	if err != nil {
		t.Fatal(err)
	}
	var m desk.Message
	for _, h := range res.Hits {
		if h.Kind != "message" {
			continue
		}
		id, err := desk.MessageIDFromHit(h)
		if err != nil {
			t.Fatal(err)
		}
		if mm, err := st.Message(ctx, id); err == nil && mm.HasAttachments {
			m = mm
		}
	}
	if m.ID == 0 {
		t.Fatal("the demo's Orsay e-ticket is not found")
	}
	if links, _ := st.LinksOfThread(ctx, m.ThreadID); len(links) != 0 {
		t.Fatalf("the ticket's conversation is linked (%v): the test needs it unlinked", links)
	}
	if ts, err := u.keepTargets(m.ThreadID, m.FromAddr, ""); err != nil || len(ts) != 0 {
		t.Fatalf("without the text: %+v %v", ts, err)
	}
	ts, err := u.keepTargets(m.ThreadID, m.FromAddr, m.Subject+"\n"+m.BodyText)
	if err != nil || len(ts) < 2 || ts[0].kind != "guest" || !strings.Contains(ts[0].name, "Tanaka") {
		t.Fatalf("targets %+v %v", ts, err)
	}
	var orsay bool
	for _, tg := range ts[1:] {
		if tg.kind == "request" && strings.Contains(tg.name, "Orsay") {
			orsay = true
		}
		if tg.kind == "guest" {
			t.Errorf("another guest offered: %+v", tg)
		}
	}
	if !orsay {
		t.Errorf("her Orsay request is not offered: %+v", ts)
	}
}
