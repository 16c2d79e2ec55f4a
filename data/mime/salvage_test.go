package mime

import (
	"strings"
	"testing"
)

// Broken header blocks as real mailboxes hold them: every header that parses is kept, the body is
// found and decoded from its charset.
func TestBrokenHeadersAreSalvaged(t *testing.T) {
	euckr := "\xc0\xcc\xb8\xde\xc0\xcf \xc8\xae\xc0\xce" // "이메일 확인" in EUC-KR
	for _, c := range []struct{ name, raw, from, subject, text string }{
		{"mbox separator on top",
			"From jane@example.com Mon Nov 30 10:00:00 2026\nFrom: Jane Doe <jane@example.com>\nSubject: Table for two\nDate: Mon, 30 Nov 2026 10:00:00 +0100\n\nHello\n",
			"jane@example.com", "Table for two", "Hello"},
		{"space before the first header",
			" From: Jane Doe <jane@example.com>\r\nSubject: Table for two\r\nDate: Mon, 30 Nov 2026 10:00:00 +0100\r\n\r\nHello\r\n",
			"jane@example.com", "Table for two", "Hello"},
		{"continuation without white space",
			"From: Jane Doe <jane@example.com>\r\nSubject: Table for two\r\nand a cot for the baby\r\nDate: Mon, 30 Nov 2026 10:00:00 +0100\r\n\r\nHello\r\n",
			"jane@example.com", "Table for two and a cot for the baby", "Hello"},
		{"no blank line before the body",
			"From: Jane Doe <jane@example.com>\r\nSubject: Table for two\r\nDate: Mon, 30 Nov 2026 10:00:00 +0100\r\nHello, could you book us a table?\r\nThanks\r\n",
			"jane@example.com", "Table for two", "Hello, could you book us a table?"},
		{"byte-order mark before the first header",
			"\xEF\xBB\xBFFrom: Jane Doe <jane@example.com>\nSubject: Table for two\nDate: Mon, 30 Nov 2026 10:00:00 +0100\n\nHello\n",
			"jane@example.com", "Table for two", "Hello"},
		{"byte-order mark, then an mbox separator",
			"\xEF\xBB\xBFFrom jane@example.com Mon Nov 30 10:00:00 2026\nFrom: Jane Doe <jane@example.com>\nSubject: Table for two\nDate: Mon, 30 Nov 2026 10:00:00 +0100\n\nHello\n",
			"jane@example.com", "Table for two", "Hello"},
		{"broken header, EUC-KR body still decoded",
			"From: Kim <kim@example.kr>\r\nSubject: test\r\nbroken line\r\nContent-Type: text/plain; charset=euc-kr\r\nDate: Mon, 30 Nov 2026 10:00:00 +0900\r\n\r\n" + euckr + "\r\n",
			"kim@example.kr", "test broken line", "이메일 확인"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := Parse([]byte(c.raw))
			if p.FromAddr != c.from || p.Subject != c.subject || !strings.Contains(p.Text, c.text) {
				t.Fatalf("from %q subject %q text %q", p.FromAddr, p.Subject, p.Text)
			}
			if p.Date.IsZero() || p.Date.Year() != 2026 {
				t.Fatalf("date %v", p.Date)
			}
			if strings.Contains(p.Text, "Subject:") {
				t.Fatalf("the header block shows as the body: %q", p.Text)
			}
		})
	}
}

// A well-formed message goes through untouched, and salvage never invents a header.
func TestSalvageLeavesGoodMailAlone(t *testing.T) {
	good := "From: Jane <jane@example.com>\r\nSubject: Hi\r\n folded\r\n\r\nBody: not a header\r\n"
	if out, changed := salvageHeader([]byte(good)); changed || string(out) != good {
		t.Fatalf("a good header was rewritten: %q", out)
	}
	p := Parse([]byte(good))
	if p.Subject != "Hi folded" || !strings.Contains(p.Text, "Body: not a header") {
		t.Fatalf("good mail: %q / %q", p.Subject, p.Text)
	}
}

// The mail's own text comes first: a top-level HTML part is read before the text of a message it
// forwards (a delivery report's explanation before the returned original).
func TestTopLevelTextBeforeTheForwardedMessage(t *testing.T) {
	raw := "From: MAILER-DAEMON@mx.example\r\nSubject: Undelivered Mail Returned to Sender\r\n" +
		"Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n" +
		"--b\r\nContent-Type: text/html\r\n\r\n<p>Your message could <b>not be delivered</b> to bob@nowhere.example.</p>\r\n" +
		"--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example\r\n\r\nFinal-Recipient: rfc822; bob@nowhere.example\r\nAction: failed\r\n" +
		"--b\r\nContent-Type: message/rfc822\r\n\r\nFrom: Desk <desk@hotel.example>\r\nSubject: Your table\r\n\r\nDear Bob, your table is booked.\r\n" +
		"--b--\r\n"
	p := Parse([]byte(raw))
	i, j := strings.Index(p.Text, "not be delivered"), strings.Index(p.Text, "your table is booked")
	if i < 0 || j < 0 || i > j {
		t.Fatalf("explanation at %d, original at %d:\n%s", i, j, p.Text)
	}
	if !strings.HasPrefix(p.Snippet(), "Your message could not be delivered") {
		t.Fatalf("snippet %q", p.Snippet())
	}
}

// An encoded word in a charset nobody knows is decoded as best it can, never left raw.
func TestUnknownCharsetWordsDecodedBestEffort(t *testing.T) {
	raw := "From: =?NONE?Q?Jos=E9_Garc=EDa?= <jose@example.es>\r\nSubject: =?NONE?B?UmVzZXJ2YSBwYXJhIGRvcw==?=\r\n\r\nHola\r\n"
	p := Parse([]byte(raw))
	if p.Subject != "Reserva para dos" || p.FromAddr != "jose@example.es" || p.FromName != "José García" {
		t.Fatalf("subject %q, from %q <%s>", p.Subject, p.FromName, p.FromAddr)
	}
}

// A body declared base64 that holds plain text is read as that text, not as decoded garbage.
func TestFailedTransferEncodingFallsBackToTheText(t *testing.T) {
	raw := "From: a@b.example\r\nSubject: x\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: base64\r\n\r\nBonjour, nous arrivons demain vers 15h. Merci d'avance, \xe0 bient\xf4t !\r\n"
	p := Parse([]byte(raw))
	if p.Text != "Bonjour, nous arrivons demain vers 15h. Merci d'avance, à bientôt !" || p.Undecodable {
		t.Fatalf("text %q (undecodable %v)", p.Text, p.Undecodable)
	}
	// Real base64 still decodes.
	good := "From: a@b.example\r\nSubject: x\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\nQm9uam91ciAh\r\n"
	if p := Parse([]byte(good)); p.Text != "Bonjour !" {
		t.Fatalf("base64 text %q", p.Text)
	}
}

func TestUnknownCharsetKeepsItsDecodedBase64(t *testing.T) {
	raw := "From: a@b.example\r\nSubject: x\r\nContent-Type: text/plain; charset=x-nobody-knows\r\nContent-Transfer-Encoding: base64\r\n\r\nQm9uam91ciAh\r\n"
	if p := Parse([]byte(raw)); !strings.HasPrefix(p.Text, "Bonjour !") {
		t.Fatalf("text %q", p.Text)
	}
}

// "From : Jane" is a From header with a space before its colon, not an mbox separator.
func TestFromWithASpaceBeforeItsColonIsAHeader(t *testing.T) {
	p := Parse([]byte("From : Jane Doe <jane@example.com>\r\nSubject: Hi\r\n\r\nHello\r\n"))
	if p.FromAddr != "jane@example.com" || p.Subject != "Hi" {
		t.Fatalf("from %q subject %q", p.FromAddr, p.Subject)
	}
}

// Real base64 damaged near its end keeps what decodes and the marker, not the letters.
func TestDamagedBase64KeepsItsDecodedText(t *testing.T) {
	raw := "From: a@b.example\r\nSubject: x\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
		"Qm9uam91ciwgbm91cyBhcnJpdm9ucyBkZW1haW4gdmVycyAxNWgu\r\nTWVyY2kg"[:60] + "\r\n"
	p := Parse([]byte(raw))
	if !strings.HasPrefix(p.Text, "Bonjour, nous arrivons") || !p.Undecodable {
		t.Fatalf("text %q (undecodable %v)", p.Text, p.Undecodable)
	}
}

// A sender whose display name breaks the phrase syntax (an "@" or a "," left unquoted) keeps its
// address and name, as every mail client reads them; a list or a value without one bracketed
// address is not guessed at.
func TestLooseSenderKeepsItsAddress(t *testing.T) {
	for _, c := range []struct{ from, name, addr string }{
		{"jang.abcdef@xyzlinu <jang.abcdef@xyzlinux.example>", "jang.abcdef@xyzlinu", "jang.abcdef@xyzlinux.example"},
		{"Doe, Jane <jane@example.com>", "Doe, Jane", "jane@example.com"},
		{"=?utf-8?q?H=C3=A9l=C3=A8ne?= @ Hotel <helene@example.com>", "Hélène @ Hotel", "helene@example.com"},
		{"a@home <x@example.com>, b@work <y@example.com>", "", ""},
		{"nobody at all", "", ""},
		{"broken <not an address>", "", ""},
	} {
		p := Parse([]byte("From: " + c.from + "\r\nSubject: s\r\n\r\nbody\r\n"))
		if c.addr == "" {
			if p.FromAddr != "" {
				t.Errorf("%q: guessed address %q", c.from, p.FromAddr)
			}
			continue
		}
		if p.FromName != c.name || p.FromAddr != c.addr {
			t.Errorf("%q: name %q address %q, want %q %q", c.from, p.FromName, p.FromAddr, c.name, c.addr)
		}
	}
}
