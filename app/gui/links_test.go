package gui

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"loge/app/i18n"
	"loge/app/office"
	"loge/data/desk"
	"loge/data/store"
	"loge/data/store/storetest"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// texts is every label's and rich text's text under root, laid out.
func texts(root fyne.CanvasObject) string {
	var b strings.Builder
	for _, o := range test.LaidOutObjects(root) {
		switch w := o.(type) {
		case *widget.Label:
			b.WriteString(w.Text + "\n")
		case *widget.RichText:
			b.WriteString(w.String() + "\n")
		}
	}
	return b.String()
}

// An HTML mail shown in the Inbox fetches nothing: a loopback HTTP server counting requests sees
// none after the thread is opened and the window drawn, though the mail points images, CSS,
// <link>, scripts, frames and a form at it; its links show their real target, and nothing in the
// body is a link that opens the browser.
func TestHTMLMailShownInTheInboxFetchesNothing(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { hits.Add(1) }))
	defer srv.Close()
	st, acct := storetest.WithAccount(t)
	ctx := context.Background()
	mb, err := st.EnsureMailbox(ctx, acct.ID, "INBOX", desk.RoleInbox)
	if err != nil {
		t.Fatal(err)
	}
	html := fmt.Sprintf(`<html><head><link rel="stylesheet" href="%[1]s/css"><style>@import url(%[1]s/import); p{background:url(%[1]s/bg)}</style>
<script src="%[1]s/js"></script><script>fetch("%[1]s/fetch")</script></head><body background="%[1]s/body">
<p>Nous arrivons le 12 décembre vers 22 h.</p><img src="%[1]s/pixel.gif"><img srcset="%[1]s/x2 2x"><iframe src="%[1]s/frame"></iframe>
<video poster="%[1]s/poster"></video><form action="%[1]s/form"><input type="image" src="%[1]s/input"></form>
<p><a href="%[1]s/phish">Confirmer ma réservation</a></p></body></html>`, srv.URL)
	raw := "From: Guest <guest@example.com>\r\nTo: desk@hotel.example\r\nSubject: Arrivée tardive\r\nMessage-ID: <late@example.com>\r\n" +
		"Date: " + time.Now().Format(time.RFC1123Z) + "\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html + "\r\n"
	id, err := st.AddRawMessage(ctx, mb.ID, 1, nil, []byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	u, _ := newUI(t, st, "fr")
	u.win.Resize(fyne.NewSize(1200, 800))
	u.OpenMessage(id)
	u.win.Canvas().Capture() // draw it, as the screen would
	time.Sleep(200 * time.Millisecond)
	if n := hits.Load(); n != 0 {
		t.Fatalf("showing the mail made %d requests", n)
	}
	shown := texts(u.win.Content())
	if !strings.Contains(shown, "Nous arrivons le 12 décembre") {
		t.Fatalf("the mail is not shown:\n%s", shown)
	}
	if want := "Confirmer ma réservation <" + srv.URL + "/phish>"; !strings.Contains(shown, want) {
		t.Errorf("the link's real target is not shown (want %q):\n%s", want, shown)
	}
	for _, code := range []string{"fetch", "@import", "background"} {
		if strings.Contains(shown, code) {
			t.Errorf("the HTML's code %q is shown", code)
		}
	}
	for _, o := range test.LaidOutObjects(u.inbox.reading) {
		if h, ok := o.(*widget.Hyperlink); ok && h.URL != nil && strings.Contains(h.URL.String(), "127.0.0.1") {
			t.Errorf("the mail's link is a hyperlink that opens the browser: %s", h.URL)
		}
	}
}

// A vendor's website opens in the browser only after a dialog shows the whole address and the
// concierge says Open; Cancel opens nothing.
func TestLinkShowsItsRealAddressBeforeOpening(t *testing.T) {
	var opened []string
	was := openURL
	openURL = func(_ fyne.App, u *url.URL) error { opened = append(opened, u.String()); return nil }
	t.Cleanup(func() { openURL = was })
	st := storetest.New(t)
	if err := st.SetIdentity(context.Background(), "Camille Laurent", "CL"); err != nil {
		t.Fatal(err)
	}
	u, _ := newUI(t, st, "en")
	vd := desk.Vendor{Name: "Le Cinq", Category: "restaurant", Status: desk.VendorApproved, Website: "lecinq.example/reserver"}
	if err := st.CreateVendor(context.Background(), &vd); err != nil {
		t.Fatal(err)
	}
	u.OpenVendor(vd.ID)
	var link *widget.Hyperlink
	for _, o := range test.LaidOutObjects(u.win.Content()) {
		if h, ok := o.(*widget.Hyperlink); ok && h.Text == vd.Website {
			link = h
		}
	}
	if link == nil {
		t.Fatal("no link to the vendor's website")
	}
	const real = "https://lecinq.example/reserver"
	for _, answer := range []string{i18n.T("action.cancel"), i18n.T("link.open_yes")} {
		test.TapAt(link, fyne.NewPos(theme.InnerPadding()+4, link.Size().Height/2)) // on its text
		top := u.win.Canvas().Overlays().Top()
		if top == nil {
			t.Fatal("the link opened with no question")
		}
		if len(opened) != 0 {
			t.Fatalf("opened before the concierge answered: %v", opened)
		}
		if shown := texts(top); !strings.Contains(shown, real) {
			t.Fatalf("the dialog does not show the real address %q:\n%s", real, shown)
		}
		tapButton(t, top, answer)
	}
	if len(opened) != 1 || opened[0] != real {
		t.Fatalf("opened %v, want once %s (after Open, not after Cancel)", opened, real)
	}
}

// The background integrity check's finding is said once a session, with the sentence that points
// to Settings › Backups, and stays shown there.
func TestIntegrityCheckDamageIsShownOnce(t *testing.T) {
	u, _ := newDemoUI(t, "fr")
	damaged := &office.CheckDone{Reason: "unclean", Problems: []string{"page 12: btreeInitPage() returns error code 11"},
		Err: fmt.Errorf("desk.db: %w: page 12", store.ErrDamaged)}
	u.sync.handle(office.Event{Check: damaged})
	top := u.win.Canvas().Overlays().Top()
	if top == nil || !strings.Contains(texts(top), i18n.T("err.damaged")) {
		t.Fatalf("no dialog with the damage sentence")
	}
	if !strings.Contains(u.settings.backups.status.Text, "Sauvegardes") {
		t.Fatalf("Settings › Backups does not say it: %q", u.settings.backups.status.Text)
	}
	u.win.Canvas().Overlays().Remove(top)
	u.sync.handle(office.Event{Check: damaged})
	if u.win.Canvas().Overlays().Top() != nil {
		t.Fatal("the damage was said twice in a session")
	}
	// A whole desk says nothing.
	u.sync.handle(office.Event{Check: &office.CheckDone{Reason: "weekly"}})
	if u.win.Canvas().Overlays().Top() != nil {
		t.Fatal("a whole desk's check showed a dialog")
	}
}
