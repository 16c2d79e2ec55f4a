package gui

import (
	"bytes"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"loge/app/i18n"
	"loge/data/desk"
	"loge/data/docs"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// A guest's mail often carries the thing itself: a passport scan, a flight itinerary, a menu.
// Each attachment can be saved (under a name safe on every system, never over a file without
// Fyne's "replace?") or opened with the computer's viewer — only the documents and pictures a
// double-click shows; anything else, a program first, is only saved. Pictures and PDFs can be
// previewed inside Loge (preview.go). An attachment can be kept with a guest or a request
// (keep.go), and is listed there with the same buttons. All read the attachment from the raw
// mail, byte for byte (store.WriteAttachment, store.WriteKeptAttachment); nothing is kept twice.

// viewable are the only kinds handed to the computer's viewer: documents, pictures and plain text
// a double-click shows. Anything else (a program, a script, an installer, a shortcut, a macro
// document, a web page, or a kind nobody listed) is only saved: a blocklist always misses one.
var viewable = map[string]bool{".pdf": true, ".jpg": true, ".jpeg": true, ".png": true, ".gif": true, ".heic": true,
	".webp": true, ".bmp": true, ".tif": true, ".tiff": true, ".txt": true, ".csv": true, ".ics": true, ".vcf": true,
	".doc": true, ".docx": true, ".xls": true, ".xlsx": true, ".ppt": true, ".pptx": true, ".odt": true, ".ods": true,
	".odp": true, ".rtf": true}

// mayOpen reports whether an attachment can be handed to the computer's viewer, by the name it
// is written under (a name ending "exe " or "exe." is written, and run, as .exe).
func mayOpen(a desk.Attachment, i int) bool {
	ext := strings.ToLower(filepath.Ext(attachmentName(a, i)))
	ct := strings.ToLower(a.ContentType)
	return viewable[ext] && !strings.Contains(ct, "executable") && !strings.Contains(ct, "javascript") &&
		!strings.Contains(ct, "html") && ct != "application/x-msdownload"
}

// attachmentName is the attachment's name made safe for the folder it is written to.
func attachmentName(a desk.Attachment, i int) string {
	name := strings.TrimRight(a.Filename, ". \t") // what Windows does to a name's end
	ext := filepath.Ext(name)
	if len(ext) > 12 || strings.ContainsAny(ext, " /\\") {
		ext = ""
	}
	return desk.SafeFileName(strings.TrimSuffix(name, ext), ext, i18n.T("inbox.attachment_file")+"-"+strconv.Itoa(i))
}

// attachmentSource is one attachment wherever the window lists it: in a mail of the Inbox, or
// kept with a guest or a request. read gives its bytes, from the raw mail.
type attachmentSource struct {
	att   desk.Attachment // its name, type and size as the mail gave them
	index int             // its number among its neighbours, for the name of one without a name
	key   string          // its folder under openedDir
	read  func() ([]byte, error)
}

// mailAttachment is attachment index of m, read from its raw mail.
func (u *UI) mailAttachment(m desk.Message, index int, a desk.Attachment) attachmentSource {
	return attachmentSource{att: a, index: index, key: strconv.FormatInt(m.ID, 10) + "-" + strconv.Itoa(index),
		read: func() ([]byte, error) { return u.attachmentBytes(m, index) }}
}

// keptAttachment is an attachment kept with a guest or a request (the index-th listed there),
// read from this desk's raw copy of its mail.
func (u *UI) keptAttachment(r desk.AttachmentRef, index int) attachmentSource {
	a := desk.Attachment{Part: r.Part, Filename: r.Filename, ContentType: r.ContentType, Size: r.Size}
	return attachmentSource{att: a, index: index, key: "kept-" + desk.SafeFileName(r.ID, "", "ref"),
		read: func() ([]byte, error) {
			var buf bytes.Buffer
			_, err := u.st.WriteKeptAttachment(u.ctx, r.ID, &buf)
			return buf.Bytes(), err
		}}
}

// attachmentLabel is how a list names an attachment: its name, type and size.
func attachmentLabel(a desk.Attachment, index int) string {
	return desk.FirstNonEmpty(a.Filename, attachmentName(a, index)) + " (" + a.ContentType + ", " + fmtSize(a.Size) + ")"
}

// attachmentButtons are Preview (pictures and PDFs), Save… and, when safe, Open.
func (u *UI) attachmentButtons(src attachmentSource) *fyne.Container {
	buttons := container.NewHBox()
	if docs.PreviewKind(src.att.ContentType, attachmentName(src.att, src.index)) != "" {
		preview := widget.NewButtonWithIcon(i18n.T("attach.preview"), theme.VisibilityIcon(), func() { u.previewAttachment(src) })
		preview.Importance = widget.LowImportance
		buttons.Add(preview)
	}
	save := widget.NewButtonWithIcon(i18n.T("inbox.attachment_save"), theme.DocumentSaveIcon(), func() { u.saveAttachment(src) })
	save.Importance = widget.LowImportance
	buttons.Add(save)
	if mayOpen(src.att, src.index) {
		open := widget.NewButtonWithIcon(i18n.T("inbox.attachment_open"), theme.FileIcon(), func() { u.openAttachment(src) })
		open.Importance = widget.LowImportance
		buttons.Add(open)
	}
	return buttons
}

// attachmentRows lists a message's attachments, each with Preview, Save, (when safe) Open, and
// Keep with… a guest or request the conversation is linked to.
func (v *inboxView) attachmentRows(m desk.Message, atts []desk.Attachment) []fyne.CanvasObject {
	var rows []fyne.CanvasObject
	for i, a := range atts {
		index, a := i+1, a
		l := widget.NewLabel(i18n.T("inbox.attachment") + " " + attachmentLabel(a, index))
		l.Importance = widget.LowImportance
		l.Truncation = fyne.TextTruncateEllipsis
		buttons := v.u.attachmentButtons(v.u.mailAttachment(m, index, a))
		keep := widget.NewButtonWithIcon(i18n.T("attach.keep"), theme.MailAttachmentIcon(), func() { v.u.askKeepAttachment(m, index, a) })
		keep.Importance = widget.LowImportance
		buttons.Add(keep)
		rows = append(rows, container.NewBorder(nil, nil, nil, buttons, l))
	}
	return rows
}

// attachmentBytes reads attachment index of m from its raw mail.
func (u *UI) attachmentBytes(m desk.Message, index int) ([]byte, error) {
	var buf bytes.Buffer
	_, err := u.st.WriteAttachment(u.ctx, m.ID, index, &buf)
	return buf.Bytes(), err
}

// saveAttachment asks where to save an attachment and writes it there.
func (u *UI) saveAttachment(src attachmentSource) {
	name := attachmentName(src.att, src.index)
	u.saveDocument(name, filepath.Ext(name), func(w io.Writer) error {
		b, err := src.read()
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	})
}

// openAttachment writes the attachment into a folder of Loge's own, readable only by this user,
// and hands it to the computer's viewer.
func (u *UI) openAttachment(src attachmentSource) {
	if !mayOpen(src.att, src.index) {
		dialog.ShowInformation(i18n.T("inbox.attachment_open"), i18n.T("inbox.attachment_not_opened"), u.win)
		return
	}
	b, err := src.read()
	if err != nil {
		u.ShowError(err)
		return
	}
	dir := filepath.Join(openedDir(u), src.key)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		u.ShowError(err)
		return
	}
	path := filepath.Join(dir, attachmentName(src.att, src.index))
	if err := os.WriteFile(path, b, 0o600); err != nil {
		u.ShowError(err)
		return
	}
	u.lastOpened = path
	if err := openFile(u.app, path); err != nil {
		u.ShowError(err)
	}
}

// fileURL is a local path as a file:// URL (C:\Users\… is file:///C:/Users/…).
func fileURL(path string) *url.URL {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return &url.URL{Scheme: "file", Path: p}
}

// openFile hands a local file or folder to the computer (tests replace it).
var openFile = func(a fyne.App, path string) error { return a.OpenURL(fileURL(path)) }

// openedDir is where this desk's opened attachments are written: under the user's cache, a folder
// per desk (the demo's and the real desk's message ids are not the same mails).
func openedDir(u *UI) string {
	base, err := os.UserCacheDir()
	if err != nil {
		base = os.TempDir()
	}
	return filepath.Join(base, "Loge", "opened", desk.FirstNonEmpty(u.st.DeskID(), "desk"))
}

// forgetOpened removes the attachments opened in earlier sessions: a guest's passport scan does
// not stay in a cache folder no backup or deletion reaches (a file a viewer still holds stays).
func forgetOpened(u *UI) { _ = os.RemoveAll(openedDir(u)) }
