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
// Fyne's "replace?") or opened with the computer's viewer — except what could run a program on
// its own (.exe, scripts, installers, shortcuts…), which is only saved. Both read the attachment
// from the raw mail, byte for byte (store.WriteAttachment); nothing is kept twice in the desk.

// runnable are the file kinds a double-click would run rather than show.
var runnable = map[string]bool{".exe": true, ".com": true, ".bat": true, ".cmd": true, ".scr": true, ".pif": true,
	".msi": true, ".msp": true, ".msc": true, ".cpl": true, ".dll": true, ".js": true, ".jse": true, ".vbs": true,
	".vbe": true, ".wsf": true, ".wsh": true, ".ps1": true, ".psm1": true, ".hta": true, ".jar": true, ".lnk": true,
	".url": true, ".reg": true, ".inf": true, ".sh": true, ".command": true, ".app": true, ".pkg": true, ".dmg": true,
	".iso": true, ".img": true, ".vhd": true, ".appx": true, ".msix": true, ".docm": true, ".xlsm": true, ".pptm": true,
	".html": true, ".htm": true, ".svg": true, ".xhtml": true}

// mayOpen reports whether an attachment can be handed to the computer's viewer.
func mayOpen(a desk.Attachment) bool {
	ext := strings.ToLower(filepath.Ext(a.Filename))
	ct := strings.ToLower(a.ContentType)
	return !runnable[ext] && !strings.Contains(ct, "executable") && !strings.Contains(ct, "javascript") &&
		!strings.Contains(ct, "html") && ct != "application/x-msdownload"
}

// attachmentName is the attachment's name made safe for the folder it is written to.
func attachmentName(a desk.Attachment, i int) string {
	ext := filepath.Ext(a.Filename)
	if len(ext) > 12 || strings.ContainsAny(ext, " /\\") {
		ext = ""
	}
	return desk.SafeFileName(strings.TrimSuffix(a.Filename, ext), ext, i18n.T("inbox.attachment_file")+"-"+strconv.Itoa(i))
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
		if mayOpen(a) {
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
	if !mayOpen(a) {
		dialog.ShowInformation(i18n.T("inbox.attachment_open"), i18n.T("inbox.attachment_not_opened"), u.win)
		return
	}
	b, err := u.attachmentBytes(m, index)
	if err != nil {
		u.ShowError(err)
		return
	}
	base, err := os.UserCacheDir()
	if err != nil {
		base = os.TempDir()
	}
	dir := filepath.Join(base, "Loge", "opened", strconv.FormatInt(m.ID, 10)+"-"+strconv.Itoa(index))
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
