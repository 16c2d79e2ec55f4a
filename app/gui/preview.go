package gui

import (
	"errors"
	"image"

	"loge/app/i18n"
	"loge/data/desk"
	"loge/data/docs"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Preview inside Loge: a picture (PNG, JPEG, GIF) scaled to fit a dialog, a PDF's first page when
// the computer has pdftoppm (data/docs.Preview). When there is no preview the dialog says why in
// the user's language and offers Save… (and Open where that is safe); an attachment whose bytes
// do not decode offers to save the part as it is, for someone to look at.

// previewShown is the preview last put on screen, for tests: the picture, or the sentence saying
// why there is none, and the buttons offered.
type previewShown struct {
	image   *canvas.Image
	text    string
	buttons []string
}

// previewResult is an attachment read and decoded, away from the window's goroutine.
type previewResult struct {
	img image.Image
	err error
}

// previewOf reads an attachment and decodes it for a preview (a PDF's page takes pdftoppm's time).
func (u *UI) previewOf(src attachmentSource) previewResult {
	b, err := src.read()
	if err != nil {
		return previewResult{err: err}
	}
	img, err := docs.Preview(u.ctx, src.att.ContentType, attachmentName(src.att, src.index), b)
	return previewResult{img: img, err: err}
}

// previewAttachment decodes the attachment in the background and shows it.
func (u *UI) previewAttachment(src attachmentSource) {
	go func() {
		res := u.previewOf(src)
		fyne.Do(func() { u.showPreview(src, res) })
	}()
}

// showPreview puts a preview, or the reason there is none, in a dialog.
func (u *UI) showPreview(src attachmentSource, res previewResult) {
	shown := &previewShown{}
	var buttons []fyne.CanvasObject
	addButton := func(text string, icon fyne.Resource, tap func()) {
		b := widget.NewButtonWithIcon(text, icon, tap)
		buttons = append(buttons, b)
		shown.buttons = append(shown.buttons, text)
	}
	var body fyne.CanvasObject
	win := u.win.Canvas().Size()
	maxW, maxH := max(win.Width*0.8, 200), max(win.Height*0.7, 150)
	switch {
	case res.err == nil && res.img != nil:
		img := canvas.NewImageFromImage(res.img)
		img.FillMode = canvas.ImageFillContain
		img.ScaleMode = canvas.ImageScaleSmooth
		b := res.img.Bounds()
		w, h := float32(b.Dx()), float32(b.Dy())
		scale := min(maxW/w, maxH/h, 1)
		img.SetMinSize(fyne.NewSize(w*scale, h*scale))
		shown.image = img
		body = img
		addButton(i18n.T("inbox.attachment_save"), theme.DocumentSaveIcon(), func() { u.saveAttachment(src) })
	default:
		shown.text = i18n.ErrorText(res.err)
		l := widget.NewLabel(shown.text)
		l.Wrapping = fyne.TextWrapWord
		body = l
		switch {
		case errors.Is(res.err, docs.ErrUndecodable):
			addButton(i18n.T("attach.save_raw"), theme.DocumentSaveIcon(), func() { u.saveAttachment(src) })
		case errors.Is(res.err, docs.ErrNoPDFRenderer), errors.Is(res.err, docs.ErrNoPreview):
			addButton(i18n.T("inbox.attachment_save"), theme.DocumentSaveIcon(), func() { u.saveAttachment(src) })
		}
		maxW = min(maxW, 520)
	}
	if res.err == nil || errors.Is(res.err, docs.ErrNoPDFRenderer) || errors.Is(res.err, docs.ErrNoPreview) {
		if mayOpen(src.att, src.index) {
			addButton(i18n.T("inbox.attachment_open"), theme.FileIcon(), func() { u.openAttachment(src) })
		}
	}
	u.lastPreview = shown
	title := desk.FirstNonEmpty(src.att.Filename, attachmentName(src.att, src.index))
	content := container.NewBorder(nil, container.NewHBox(buttons...), nil, nil, body)
	d := dialog.NewCustom(title, i18n.T("action.close"), content, u.win)
	if shown.image == nil {
		d.Resize(fyne.NewSize(maxW, 0))
	}
	d.Show()
}
