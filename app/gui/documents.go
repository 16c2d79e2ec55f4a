package gui

import (
	"bytes"
	"io"
	"strings"
	"time"

	"loge/app/i18n"
	"loge/data/desk"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"loge/data/docs"
	"loge/data/docs/ics"
)

// saveDocument renders a document in memory first (an error leaves no half-written file), then asks
// where to save it and writes it there.
func (u *UI) saveDocument(name, ext string, render func(w io.Writer) error) {
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		u.ShowError(err)
		return
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			u.ShowError(err)
			return
		}
		if w == nil {
			return // cancelled
		}
		defer w.Close()
		if _, err := w.Write(buf.Bytes()); err != nil {
			u.ShowError(err)
			return
		}
		u.lastSaved = w.URI().Path()
	}, u.win)
	d.SetFileName(name)
	d.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	d.Show()
}

// docLang is the language a guest reads: the first of theirs Loge writes in, else the desk's.
func (u *UI) docLang(guestID string) string {
	if g, err := u.st.Guest(u.ctx, guestID); err == nil {
		for _, l := range strings.Split(g.Languages, ",") {
			if l = strings.TrimSpace(strings.ToLower(l)); l == "fr" || l == "en" {
				return l
			}
		}
	}
	return i18n.Current()
}

// docFileName is a document's suggested file name: words joined by "-", safe on every system.
func docFileName(ext string, words ...string) string {
	return desk.SafeFileName(strings.ReplaceAll(strings.Join(words, "-"), " ", "-"), ext, "loge")
}

// exportItinerary saves a stay's itinerary letter as PDF, in the guest's language.
func (u *UI) exportItinerary(st desk.Stay) {
	lang := u.docLang(st.GuestID)
	name := docFileName(".pdf", i18n.T("docs.itinerary_file"), st.GuestName)
	u.saveDocument(name, ".pdf", func(w io.Writer) error { return docs.Itinerary(u.ctx, u.st, st.ID, lang, w) })
}

// exportStayICS saves a stay's bookings as a calendar file.
func (u *UI) exportStayICS(st desk.Stay) {
	lang := u.docLang(st.GuestID)
	name := docFileName(".ics", i18n.T("docs.calendar_file"), st.GuestName)
	u.saveDocument(name, ".ics", func(w io.Writer) error { return ics.Stay(u.ctx, u.st, st.ID, lang, w) })
}

// exportRequestICS saves one request as a calendar file (a cancelled one cancels the event).
func (u *UI) exportRequestICS(r desk.Request) {
	lang := u.docLang(r.GuestID)
	name := docFileName(".ics", requestLabel(r))
	u.saveDocument(name, ".ics", func(w io.Writer) error { return ics.Request(u.ctx, u.st, r.ID, lang, w) })
}

// exportDowntime saves today's downtime pack, for when the network or the property system is down.
func (u *UI) exportDowntime(day time.Time) {
	d := day.In(u.st.Loc).Format(time.DateOnly)
	name := docFileName(".pdf", i18n.T("docs.downtime_file"), d)
	u.saveDocument(name, ".pdf", func(w io.Writer) error { return docs.Downtime(u.ctx, u.st, d, i18n.Current(), w) })
}
