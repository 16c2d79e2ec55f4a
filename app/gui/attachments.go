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

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// A guest's mail often carries the thing itself: a passport scan, a flight itinerary, a menu.
// Each attachment can be saved (under a name safe on every system, never over a file without
// Fyne's "replace?") or opened with the computer's viewer — only the documents and pictures a
// double-click shows; anything else, a program first, is only saved. Both read the attachment
// from the raw mail, byte for byte (store.WriteAttachment); nothing is kept twice in the desk.

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

// attachmentRows lists a message's attachments, each with Save and (when safe) Open.
func (v *inboxView) attachmentRows(m desk.Message, atts []desk.Attachment) []fyne.CanvasObject {
	var rows []fyne.CanvasObject
	for i, a := range atts {
		index, a := i+1, a
		l := widget.NewLabel(i18n.T("inbox.attachment") + " " + desk.FirstNonEmpty(a.Filename, attachmentName(a, index)) + " (" + a.ContentType + ", " + fmtSize(a.Size) + ")")
		l.Importance = widget.LowImportance
		l.Truncation = fyne.TextTruncateEllipsis
		save := widget.NewButtonWithIcon(i18n.T("inbox.attachment_save"), theme.DocumentSaveIcon(), func() { v.u.saveAttachment(m, index, a) })
		save.Importance = widget.LowImportance
		buttons := container.NewHBox(save)
		if mayOpen(a, index) {
			open := widget.NewButtonWithIcon(i18n.T("inbox.attachment_open"), theme.FileIcon(), func() { v.u.openAttachment(m, index, a) })
			open.Importance = widget.LowImportance
			buttons.Add(open)
		}
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
func (u *UI) saveAttachment(m desk.Message, index int, a desk.Attachment) {
	name := attachmentName(a, index)
	u.saveDocument(name, filepath.Ext(name), func(w io.Writer) error {
		b, err := u.attachmentBytes(m, index)
		if err != nil {
			return err
		}
		_, err = w.Write(b)
		return err
	})
}

// openAttachment writes the attachment into a folder of Loge's own, readable only by this user,
// and hands it to the computer's viewer.
func (u *UI) openAttachment(m desk.Message, index int, a desk.Attachment) {
	if !mayOpen(a, index) {
		dialog.ShowInformation(i18n.T("inbox.attachment_open"), i18n.T("inbox.attachment_not_opened"), u.win)
		return
	}
	b, err := u.attachmentBytes(m, index)
	if err != nil {
		u.ShowError(err)
		return
	}
	dir := filepath.Join(openedDir(u), strconv.FormatInt(m.ID, 10)+"-"+strconv.Itoa(index))
	if err := os.MkdirAll(dir, 0o700); err != nil {
		u.ShowError(err)
		return
	}
	path := filepath.Join(dir, attachmentName(a, index))
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
