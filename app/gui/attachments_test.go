package gui

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"loge/app/i18n"
	"loge/data/desk"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// A guest's attached PDF opens in the computer's viewer byte for byte, from a file only this user
// can read; a program attached is never opened, only saved.
func TestAttachmentsOpenByteForByteButNeverRunAProgram(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	u, st := newDemoUI(t, "en")
	ctx := context.Background()
	opened := recordOpens(t)

	var pdf desk.Message
	var att desk.Attachment
	mbs, _ := st.Mailboxes(ctx)
	for _, mb := range mbs {
		msgs, _ := st.MailboxMessages(ctx, mb.ID)
		for _, m := range msgs {
			if atts, _ := st.Attachments(ctx, m.ID); len(atts) > 0 && atts[0].ContentType == "application/pdf" && pdf.ID == 0 {
				pdf, att = m, atts[0]
			}
		}
	}
	if pdf.ID == 0 {
		t.Fatal("the demo has no mail with a PDF")
	}
	u.OpenThread(pdf.ThreadID)
	tapButton(t, u.inbox.reading, i18n.T("inbox.attachment_open"))
	if len(*opened) != 1 {
		t.Fatalf("opened %v", *opened)
	}
	got, _ := os.ReadFile((*opened)[0])
	var want bytes.Buffer
	if _, err := st.WriteAttachment(ctx, pdf.ID, 1, &want); err != nil || !bytes.Equal(got, want.Bytes()) || !bytes.HasPrefix(got, []byte("%PDF")) {
		t.Fatalf("opened %d bytes, the mail holds %d (%v)", len(got), want.Len(), err)
	}
	if fi, _ := os.Stat((*opened)[0]); fi.Mode().Perm() != 0o600 || filepath.Base((*opened)[0]) != att.Filename {
		t.Fatalf("opened as %s, mode %v", (*opened)[0], fi.Mode().Perm())
	}

	// A program is listed with Save only, and refused if asked to open.
	exe := desk.Attachment{Filename: "invoice.pdf.exe", ContentType: "application/octet-stream"}
	rows := u.inbox.attachmentRows(pdf, []desk.Attachment{exe})
	for _, o := range test.LaidOutObjects(rows[0]) {
		if b, ok := o.(*widget.Button); ok && b.Text == i18n.T("inbox.attachment_open") {
			t.Fatal("an .exe is offered to open")
		}
	}
	u.openAttachment(u.mailAttachment(pdf, 1, exe))
	if len(*opened) != 1 {
		t.Fatal("an .exe was handed to the computer")
	}
	for _, name := range []string{"x.js", "a.HTA", "b.lnk", "c.ps1", "d.html", "invoice.exe ", "invoice.exe.", "invoice.exe. . ",
		"a.chm", "b.scf", "c.xll", "d.one", "e.jnlp", "f.appref-ms", "g.mht", "h.py", "i.desktop", "j.scpt", "noextension"} {
		if mayOpen(desk.Attachment{Filename: name, ContentType: "application/pdf"}, 1) {
			t.Errorf("%q may open", name)
		}
	}
	if !mayOpen(desk.Attachment{Filename: "menu.pdf", ContentType: "application/pdf"}, 1) || !mayOpen(desk.Attachment{Filename: "scan.JPG", ContentType: "image/jpeg"}, 1) {
		t.Error("a PDF or a photo may not open")
	}
}

func TestAttachmentNamesAreSafe(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"../../etc/passwd", "-..-etc-passwd"},
		{"CON.pdf", "CON_.pdf"},
		{"", "attachment-2"},
		{"menu d'hiver.pdf", "menu d'hiver.pdf"},
		{"invoice.exe ", "invoice.exe"},
		{"invoice.exe.", "invoice.exe"},
	} {
		if got := attachmentName(desk.Attachment{Filename: c.in}, 2); got != c.want {
			t.Errorf("%q: %q, want %q", c.in, got, c.want)
		}
	}
}

// recordOpens makes Open record the path it would hand to the system's viewer instead, until the
// test ends; what it returns is the list of those paths.
func recordOpens(t *testing.T) *[]string {
	var opened []string
	openFile = func(_ fyne.App, path string) error { opened = append(opened, path); return nil }
	t.Cleanup(func() { openFile = func(a fyne.App, path string) error { return a.OpenURL(fileURL(path)) } })
	return &opened
}
