package mime

import (
	"strings"
	"testing"
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

func FuzzParse(f *testing.F) {
	f.Add([]byte("Subject: x\r\nContent-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\n\r\nhi\r\n--b--\r\n"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		p := Parse(raw)
		if p == nil {
			t.Fatal("nil")
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
