package gui

import (
	"net/url"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"loge/app/i18n"
)

// openURL hands an address to the system's browser (tests record the call instead).
var openURL = func(a fyne.App, target *url.URL) error { return a.OpenURL(target) }

// openLink asks before opening an address in the browser, showing it whole: what a link's text says
// and where it goes may differ (a vendor book imported from elsewhere, an address pasted from a mail).
func (u *UI) openLink(target *url.URL) {
	u.confirm(i18n.T("link.open_title"), i18n.T("link.open_question", map[string]any{"URL": target.String()}), i18n.T("link.open_yes"), func() {
		if err := openURL(u.app, target); err != nil {
			u.ShowError(err)
		}
	})
}

// newLink is a hyperlink that shows its real address and asks before the browser opens it.
func (u *UI) newLink(text string, target *url.URL) *widget.Hyperlink {
	h := widget.NewHyperlink(text, target)
	h.OnTapped = func() { u.openLink(target) }
	return h
}
