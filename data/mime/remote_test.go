package mime

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// HostileHTML is a guest-looking HTML mail that tries every way HTML has to reach a server, run
// code or post a form; base is the address of the server it tries to reach.
func hostileHTML(base string) string {
	return fmt.Sprintf(`<!DOCTYPE html><html><head>
<base href="%[1]s/base/">
<meta http-equiv="refresh" content="0;url=%[1]s/refresh">
<link rel="stylesheet" href="%[1]s/link.css"><link rel="prefetch" href="%[1]s/prefetch"><link rel="icon" href="%[1]s/icon">
<style>@import url("%[1]s/import.css"); body { background: url(%[1]s/css-bg) } @font-face { src: url('%[1]s/font') }</style>
<script src="%[1]s/script.js"></script><script>fetch("%[1]s/fetch"); document.write("<img src=%[1]s/written>")</script>
<title>Réservation</title></head>
<body background="%[1]s/body-bg" onload="fetch('%[1]s/onload')">
<p style="background-image: url('%[1]s/inline-bg')">Bonjour, nous arrivons le 12 décembre.</p>
<img src="%[1]s/pixel.gif" width="1" height="1"><img srcset="%[1]s/srcset 2x"><img src="cid:logo@hotel">
<picture><source srcset="%[1]s/source"></picture><video poster="%[1]s/poster" src="%[1]s/video"></video><audio src="%[1]s/audio"></audio>
<iframe src="%[1]s/iframe">iframe text</iframe><object data="%[1]s/object">object text</object><embed src="%[1]s/embed">
<svg><image href="%[1]s/svg-image"/><script>fetch("%[1]s/svg-script")</script></svg>
<form action="%[1]s/form" method="post"><input type="image" src="%[1]s/input-image"><input name="card" value="4111"><button>Envoyer</button></form>
<noscript><img src="%[1]s/noscript"></noscript><template><img src="%[1]s/template"></template>
<p><a href="%[1]s/phish">Gérer ma réservation</a> · <a href="javascript:fetch('%[1]s/js-link')">Annuler</a> ·
<a href="mailto:concierge@hotel.example">concierge@hotel.example</a> · <a href="https://www.hotel.example/">www.hotel.example</a></p>
</body></html>`, base)
}

// Showing an HTML mail fetches nothing: a loopback HTTP server that counts every request sees
// none after the mail is parsed and its text made, whatever the HTML tries (images, CSS url()
// and @import, <link>, scripts, frames, media, forms, meta refresh); no script's or style's code
// shows as text; a link shows its real target after its text.
func TestHTMLMailFetchesNothing(t *testing.T) {
	var hits atomic.Int64
	var paths []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		paths = append(paths, r.URL.Path)
	}))
	defer srv.Close()
	html := hostileHTML(srv.URL)
	raw := "From: Guest <guest@example.com>\r\nTo: desk@hotel.example\r\nSubject: Arrivée\r\nMIME-Version: 1.0\r\n" +
		"Content-Type: multipart/related; boundary=R\r\n\r\n--R\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html +
		"\r\n--R\r\nContent-Type: image/gif\r\nContent-ID: <logo@hotel>\r\nContent-Transfer-Encoding: base64\r\n\r\nR0lGODlhAQABAAAAACw=\r\n--R--\r\n"
	p := Parse([]byte(raw))
	text := p.Text
	time.Sleep(200 * time.Millisecond) // anything started in the background would have arrived
	if n := hits.Load(); n != 0 {
		t.Fatalf("showing the mail made %d requests: %v", n, paths)
	}
	if !strings.Contains(text, "Bonjour, nous arrivons le 12 décembre.") {
		t.Fatalf("the mail's text is missing: %q", text)
	}
	// Looked for in the text without the server's address, whose random port may hold "4111".
	bare := strings.ReplaceAll(text, srv.URL, "")
	for _, code := range []string{"fetch", "document.write", "@import", "background", "url(", "iframe text", "object text", "4111", "<img", "onload"} {
		if strings.Contains(bare, code) {
			t.Errorf("the text shows the HTML's code %q:\n%s", code, text)
		}
	}
	if want := "Gérer ma réservation <" + srv.URL + "/phish>"; !strings.Contains(text, want) {
		t.Errorf("the link's real target is not shown (want %q):\n%s", want, text)
	}
	for _, hidden := range []string{"js-link", "javascript:", "mailto:", "<https://www.hotel.example/>"} {
		if strings.Contains(text, hidden) {
			t.Errorf("text shows %q:\n%s", hidden, text)
		}
	}
	if !strings.Contains(text, "concierge@hotel.example") || strings.Count(text, "concierge@hotel.example") != 1 {
		t.Errorf("a mail link whose text is its address is shown once:\n%s", text)
	}
	if n := hits.Load(); n != 0 {
		t.Fatalf("%d requests in the end: %v", n, paths)
	}
}

// A link whose text is an address shows where it really goes when that is elsewhere.
func TestHTMLLinkShowsItsRealTarget(t *testing.T) {
	for _, c := range []struct{ html, want string }{
		{`<a href="https://evil.example/login">https://bank.example</a>`, "https://bank.example <https://evil.example/login>"},
		{`<a href="https://bank.example/">bank.example</a>`, "bank.example"},
		{`<a href="http://x.example/a
b">Lien</a>`, "Lien <http://x.example/ab>"},
		{`<a href="https://x.example/&#x202e;gpj.exe">photo</a>`, "photo <https://x.example/gpj.exe>"},
		{`<a href="data:text/html,<script>alert(1)</script>">voir</a>`, "voir"},
		{`<a href="https://x.example/"><img src="https://x.example/i.png"></a>`, "<https://x.example/>"},
	} {
		if got := HTMLToText(c.html); got != c.want {
			t.Errorf("HTMLToText(%q) = %q, want %q", c.html, got, c.want)
		}
	}
}
