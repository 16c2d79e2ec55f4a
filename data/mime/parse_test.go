package mime

import (
	"bytes"
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"
)

func crlf(s string) []byte { return []byte(strings.ReplaceAll(s, "\n", "\r\n")) }

func TestParseLatin1QuotedPrintable(t *testing.T) {
	p := Parse(crlf("From: =?iso-8859-1?q?Andr=E9_Lef=E8vre?= <andre@example.fr>\n" +
		"Subject: =?iso-8859-1?q?R=E9servation_pour_d=EEner?=\n" +
		"Message-ID: <x1@example.fr>\nReferences: <a@x> <b@x>\nIn-Reply-To: <b@x>\n" +
		"Date: Tue, 24 Nov 2026 09:00:00 +0100\nMIME-Version: 1.0\n" +
		"Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\n" +
		"Mon =E9pouse pr=E9f=E8re une table pr=E8s de la fen=EAtre.\n"))
	if p.FromName != "André Lefèvre" || p.Subject != "Réservation pour dîner" || p.MessageID != "x1@example.fr" {
		t.Fatalf("headers: %+v", p)
	}
	if !strings.Contains(p.Text, "épouse préfère") || p.Undecodable {
		t.Fatalf("text: %q", p.Text)
	}
	if p.InReplyTo != "b@x" || len(p.References) != 2 || p.References[0] != "a@x" {
		t.Fatalf("threading: %q %v", p.InReplyTo, p.References)
	}
}

func TestParseUnlabelledWindows1252(t *testing.T) {
	p := Parse([]byte("From: a@b.c\r\nSubject: caf\xe9\r\n\r\nL\x92h\xf4tel \x80 200\r\n"))
	if p.Subject != "café" || !strings.Contains(p.Text, "L’hôtel € 200") {
		t.Fatalf("got %q / %q", p.Subject, p.Text)
	}
}

func TestParseHTMLAndAttachment(t *testing.T) {
	p := Parse(crlf("From: spa@example.com\nSubject: Menu\nMIME-Version: 1.0\n" +
		"Content-Type: multipart/mixed; boundary=XX\n\n--XX\n" +
		"Content-Type: text/html; charset=utf-8\n\n<html><head><style>p{}</style></head><body><p>Soin &agrave; 15h</p><img src=\"http://tracker.example/x.gif\"><p>Merci</p></body></html>\n" +
		"--XX\nContent-Type: application/pdf; name=\"carte.pdf\"\nContent-Disposition: attachment; filename=\"carte.pdf\"\nContent-Transfer-Encoding: base64\n\nJVBERi0xLjQK\n--XX--\n"))
	if p.Text != "Soin à 15h\nMerci" {
		t.Fatalf("html text: %q", p.Text)
	}
	if len(p.Attachments) != 1 || p.Attachments[0].Filename != "carte.pdf" || p.Attachments[0].Size != 9 || p.Attachments[0].Part != "2" {
		t.Fatalf("attachments: %+v", p.Attachments)
	}
}

func TestParseNeverFails(t *testing.T) {
	for name, raw := range map[string]string{
		"empty":           "",
		"no header":       "just some text without headers",
		"unclosed":        "Content-Type: multipart/mixed; boundary=B\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\nbonjour",
		"bad base64":      "Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n!!!not base64!!!\r\n",
		"unknown charset": "Subject: x\r\nContent-Type: text/plain; charset=x-klingon\r\n\r\nQapla'\r\n",
		"nul bytes":       "Subject: a\x00b\r\n\r\nbody\x00here\r\n",
		"bare LF":         "Subject: line feeds\nFrom: a@b.c\n\nonly LF here\n",
		"deep nesting":    strings.Repeat("Content-Type: multipart/mixed; boundary=B\r\n\r\n--B\r\n", 60),
	} {
		p := Parse([]byte(raw))
		if p == nil {
			t.Errorf("%s: nil", name)
			continue
		}
		if strings.ContainsRune(p.Text, 0) || strings.ContainsRune(p.Subject, 0) {
			t.Errorf("%s: NUL kept", name)
		}
	}
	if p := Parse([]byte("Subject: line feeds\nFrom: a@b.c\n\nonly LF here\n")); p.Subject != "line feeds" || !strings.Contains(p.Text, "only LF") {
		t.Errorf("bare LF: %+v", p)
	}
	if p := Parse([]byte("Subject: x\r\nContent-Type: text/plain; charset=x-klingon\r\n\r\nQapla'\r\n")); !strings.Contains(p.Text, "Qapla") {
		t.Errorf("unknown charset must keep the bytes readable: %q", p.Text)
	}
}

// FuzzParse: whatever the bytes, Parse returns, leaves them as they were, gives the same result
// twice, and keeps its promises about the text (valid UTF-8, no NUL, bounded).
// Seeds: testdata/fuzz/FuzzParse (small hostile mail, mimetest) and the cases above.
func FuzzParse(f *testing.F) {
	f.Add([]byte("Subject: x\r\nContent-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\n\r\nhi\r\n--b--\r\n"))
	f.Add([]byte("Content-Type: message/rfc822\r\n\r\nContent-Type: message/rfc822\r\n\r\nSubject: in\r\n\r\nx"))
	f.Add([]byte("Content-Type: text/html\r\n\r\n<p>a&#0;b&#xD800;</p><script>x</script>"))
	f.Add([]byte("Subject: =?utf-8?q?=FF?=\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n/w==\r\n"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		keep := bytes.Clone(raw)
		p := Parse(raw)
		if p == nil {
			t.Fatal("nil")
		}
		if !bytes.Equal(raw, keep) {
			t.Fatal("Parse changed its input")
		}
		for field, s := range map[string]string{"Subject": p.Subject, "FromName": p.FromName, "To": p.To,
			"Cc": p.Cc, "Text": p.Text, "Snippet": p.Snippet(), "MessageID": p.MessageID, "InReplyTo": p.InReplyTo,
			"References": strings.Join(p.References, " ")} {
			if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
				t.Fatalf("%s not valid text: %q", field, s)
			}
		}
		if len(p.Text) > maxText {
			t.Fatalf("text of %d bytes", len(p.Text))
		}
		if n := utf8.RuneCountInString(p.Snippet()); n > 161 {
			t.Fatalf("snippet of %d characters", n)
		}
		if len(p.Attachments) >= maxParts {
			t.Fatalf("%d attachments", len(p.Attachments))
		}
		for _, a := range p.Attachments {
			if a.Part == "" || a.Size < 0 || !utf8.ValidString(a.Filename) || strings.ContainsRune(a.Filename, 0) {
				t.Fatalf("attachment %+v", a)
			}
		}
		if again := Parse(raw); !reflect.DeepEqual(p, again) {
			t.Fatalf("not deterministic:\n%+v\n%+v", p, again)
		}
	})
}

// A single-part mail in an unknown charset or transfer encoding keeps its bytes readable, flagged
// as a guess with the marker, as the same part inside a multipart is.
func TestParseUnknownCharsetOrEncodingMarked(t *testing.T) {
	for name, raw := range map[string]string{
		"single-part charset":  "Subject: x\r\nContent-Type: text/plain; charset=x-klingon\r\n\r\nQapla'\r\n",
		"single-part encoding": "Subject: x\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: x-klingon\r\n\r\nQapla'\r\n",
		"multipart charset": "Subject: x\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n--B\r\n" +
			"Content-Type: text/plain; charset=x-klingon\r\n\r\nQapla'\r\n--B--\r\n",
	} {
		p := Parse([]byte(raw))
		if !strings.Contains(p.Text, "Qapla'") || !strings.HasSuffix(p.Text, UndecodableMarker) || !p.Undecodable {
			t.Errorf("%s: %q (undecodable %v)", name, p.Text, p.Undecodable)
		}
	}
}

// A NUL or unlabelled 8-bit bytes in a display name must not cost the sender's address.
func TestParseAddressWithNULOrUnlabelled8bit(t *testing.T) {
	p := Parse([]byte("From: Nul\x00 Octet <nul@example.com>\r\nTo: \"Lef\xe8vre, Andr\xe9\" <andre@example.fr>, b@example.fr\r\nSubject: x\r\n\r\nbody\r\n"))
	if p.FromName != "Nul Octet" || p.FromAddr != "nul@example.com" {
		t.Errorf("From: name %q, addr %q", p.FromName, p.FromAddr)
	}
	if p.To != "Lefèvre, André <andre@example.fr>, b@example.fr" {
		t.Errorf("To: %q", p.To)
	}
	p = Parse([]byte("From: Andr\xe9 <ANDRE@example.fr>\r\n\r\nbody\r\n"))
	if p.FromName != "André" || p.FromAddr != "andre@example.fr" {
		t.Errorf("From: name %q, addr %q", p.FromName, p.FromAddr)
	}
}

// Regressions from the hostile corpus (hostile_test.go).

// A header block over go-message's 1 MB reads as text, cut to maxText on a character boundary (it
// was cut on a byte: "é" split in two, invalid UTF-8 in the index).
func TestParseOversizedHeaderKeepsValidText(t *testing.T) {
	raw := []byte("Subject: " + strings.Repeat("é", 600_000) + "\r\n\r\nbody\r\n")
	p := Parse(raw)
	if !utf8.ValidString(p.Text) || len(p.Text) > maxText || len(p.Text) < maxText-utf8.UTFMax || !strings.HasPrefix(p.Text, "Subject: éé") {
		t.Fatalf("text of %d bytes, valid %v: %q…", len(p.Text), utf8.ValidString(p.Text), p.Text[:20])
	}
}

// A long text with a part that does not decode keeps the marker at its end (the cut to maxText
// took it off).
func TestParseLongUndecodableTextKeepsMarker(t *testing.T) {
	raw := "Subject: x\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\n" +
		strings.Repeat("Bonjour. ", 40_000) + "\r\n--B\r\nContent-Type: text/plain; charset=x-klingon\r\n\r\nQapla'\r\n--B--\r\n"
	p := Parse([]byte(raw))
	if !strings.HasSuffix(p.Text, UndecodableMarker) || len(p.Text) > maxText || !p.Undecodable {
		t.Fatalf("%d bytes, ends %q", len(p.Text), p.Text[len(p.Text)-60:])
	}
}

// Forwarded messages count toward the nesting limit: each level was parsed from a copy of its
// body, so a thousand levels of message/rfc822 took 138 MB for a 96 KB mail.
func TestParseForwardedNestingIsBounded(t *testing.T) {
	var b strings.Builder
	for i := range 1000 {
		fmt.Fprintf(&b, "Subject: level %d\r\nContent-Type: message/rfc822\r\n\r\n", i)
	}
	b.WriteString("Subject: bottom\r\n\r\nthe bottom\r\n")
	raw := []byte(b.String())
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	p := Parse(raw)
	runtime.ReadMemStats(&after)
	if n := after.TotalAlloc - before.TotalAlloc; n > 4<<20 {
		t.Errorf("Parse allocated %d KB for a %d KB message", n>>10, len(raw)>>10)
	}
	if strings.Contains(p.Text, "the bottom") || strings.Count(p.Text, "---- level") > maxDepth+1 || !strings.Contains(p.Text, UndecodableMarker) {
		t.Errorf("past the depth limit: %q", p.Text)
	}
}

// A forwarded message whose header does not parse reads as text, as a top-level one does.
func TestParseForwardedWithoutHeader(t *testing.T) {
	p := Parse([]byte("Subject: fwd\r\nContent-Type: multipart/mixed; boundary=B\r\n\r\n--B\r\nContent-Type: message/rfc822\r\n\r\n" +
		" no header: une table pour deux\r\n--B--\r\n"))
	if !strings.Contains(p.Text, "une table pour deux") || len(p.Attachments) != 1 || p.Attachments[0].Size == 0 {
		t.Fatalf("text %q, attachments %+v", p.Text, p.Attachments)
	}
}

// A thousand parts are read; the rest stay in the raw message, and the text says so.
func TestParseManyPartsBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("Subject: parts\r\nContent-Type: multipart/mixed; boundary=p\r\n\r\n--p\r\nContent-Type: text/plain\r\n\r\nhello\r\n")
	for range 5000 {
		b.WriteString("--p\r\nContent-Type: application/x-empty\r\n\r\n\r\n")
	}
	b.WriteString("--p--\r\n")
	p := Parse([]byte(b.String()))
	if len(p.Attachments) != maxParts-2 || !strings.HasPrefix(p.Text, "hello") || !strings.HasSuffix(p.Text, UndecodableMarker) {
		t.Fatalf("%d attachments, text %q", len(p.Attachments), p.Text)
	}
}

// Message ids that are not UTF-8 are made text, as headers are: the store lists threads through
// JSON, and a thread id that JSON changed was stored but never shown in the Inbox.
func TestParseMessageIDsAreText(t *testing.T) {
	p := Parse([]byte("Message-ID: <caf\xe9\x00@x>\r\nIn-Reply-To: <r\xe9@x>\r\nReferences: <a\xff@x> <ok@x>\r\n\r\nbody\r\n"))
	for _, id := range append([]string{p.MessageID, p.InReplyTo}, p.References...) {
		if !utf8.ValidString(id) || strings.ContainsRune(id, 0) {
			t.Errorf("id %q", id)
		}
	}
	if p.MessageID != "café@x" {
		t.Errorf("Message-ID %q", p.MessageID)
	}
}
