// Package mimetest makes hostile mail for tests: messages built to break a parser or a store
// (deep nesting, tens of megabytes, decompression bombs, invalid UTF-8, contradictory headers, a
// megabyte header). They are generated on demand, never committed: the biggest is 50 MB.
package mimetest

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"encoding/base64"
	"fmt"
	"hash/crc32"
	"strings"
)

// Case is one hostile message.
type Case struct {
	Name string
	// About says what the message does, for reports.
	About string
	// Build makes the message; each call returns a fresh slice.
	Build func() []byte
}

// Depth is how deep the nesting cases go.
const Depth = 1000

// BigSize is the size of the big cases (bytes) in a normal run.
const BigSize = 50 << 20

// BombSize is what each decompression bomb expands to (bytes).
const BombSize = 1 << 30

// HeaderSize is the length of the megabyte header (bytes).
const HeaderSize = 1 << 20

// Cases is the hostile corpus, the big cases of big bytes (BigSize in a normal run; a race-detector
// run, ten times slower, uses less).
func Cases(big int) []Case {
	mb := fmt.Sprintf("%d MB", big>>20)
	return []Case{
		{"invalid-utf8", "invalid UTF-8 in every header, encoded word, filename, boundary and body, labelled utf-8 or not", InvalidUTF8},
		{"duplicate-headers", "two Subjects, Froms, Dates, Message-IDs, two Content-Types, two boundary parameters, two transfer encodings", DuplicateHeaders},
		{"nested-multipart-1000", "1,000 levels of multipart/mixed, each with its own boundary", func() []byte { return NestedMultipart(Depth) }},
		{"nested-rfc822-1000", "1,000 levels of forwarded message/rfc822", func() []byte { return NestedRFC822(Depth) }},
		{"many-parts-100k", "100,000 empty parts in one multipart", func() []byte { return ManyParts(100_000) }},
		{"header-1mb", "a Subject header of 1 MB (multibyte text) on one line", func() []byte { return BigHeader(HeaderSize, false) }},
		{"references-900kb", "a References header of 900 KB folded over 30,000 lines (just under the 1 MB header limit)", func() []byte { return BigHeader(900<<10, true) }},
		{"part-header-1mb", "a part whose Content-Type header is 1 MB", func() []byte { return BigPartHeader(HeaderSize) }},
		{"gzip-bomb", "a 1 MB gzip attachment that expands to 1 GiB, also labelled Content-Encoding: gzip", GzipBomb},
		{"zip-bomb", "a zip attachment of 64 entries of 16 MiB of zeros (1 GiB expanded)", ZipBomb},
		{"big-text", "a " + mb + " text/plain body, quoted-printable, latin-1", func() []byte { return BigText(big) }},
		{"big-html", "a " + mb + " text/html body, mostly markup", func() []byte { return BigHTML(big) }},
		{"big-base64", "a " + mb + " message, almost all one base64 attachment", func() []byte { return BigBase64(big) }},
	}
}

func crlf(s string) string { return strings.ReplaceAll(s, "\n", "\r\n") }

// InvalidUTF8 puts bytes that are not UTF-8 wherever a mail can carry them.
func InvalidUTF8() []byte {
	bad := "\xff\xfe\xc3\x28\xa0\xa1\xe2\x28\xa1\xf0\x28\x8c\xbc\xed\xa0\x80\xc0\xaf\x00"
	var b bytes.Buffer
	b.WriteString("From: Caf\xe9 " + bad + " <caf\xe9@example.com>\r\n")
	b.WriteString("To: =?utf-8?q?=FF=FE=C3=28?= <a@example.com>, \"" + bad + "\" <b@example.com>\r\n")
	b.WriteString("Cc: =?utf-8?b?" + base64.StdEncoding.EncodeToString([]byte(bad)) + "?= <c@example.com>\r\n")
	b.WriteString("Subject: =?utf-8?q?=ED=A0=80_surrogate?= " + bad + " =?x-unknown?q?abc?=\r\n")
	b.WriteString("Message-ID: <" + bad + "@example.com>\r\n")
	b.WriteString("References: <" + bad + "@x> <ok@x>\r\n")
	b.WriteString("In-Reply-To: <" + bad + "@x>\r\n")
	b.WriteString("Date: " + bad + "\r\n")
	b.WriteString("MIME-Version: 1.0\r\n")
	b.WriteString("Content-Type: multipart/mixed; boundary=\"b" + bad + "\"\r\n\r\n")
	parts := []string{
		"Content-Type: text/plain; charset=utf-8\r\n\r\nplain " + bad + strings.Repeat("\xe9t\xe9 ", 50),
		"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" + base64.StdEncoding.EncodeToString([]byte("b64 "+bad)),
		"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nqp =FF=FE=C3=28 =ED=A0=80",
		"Content-Type: text/plain; charset=" + bad + "\r\n\r\nunknown charset " + bad,
		"Content-Type: text/html; charset=utf-8\r\n\r\n<p>html " + bad + "&#xD800;&#0;&#x110000;</p>",
		"Content-Type: application/pdf; name=\"" + bad + ".pdf\"\r\nContent-Disposition: attachment; filename*=utf-8''%FF%FE%C3%28.pdf\r\n\r\n%PDF " + bad,
		"Content-Type: message/rfc822\r\n\r\nSubject: inner " + bad + "\r\n\r\ninner body " + bad,
	}
	for _, p := range parts {
		b.WriteString("--b" + bad + "\r\n" + p + "\r\n")
	}
	b.WriteString("--b" + bad + "--\r\n")
	return b.Bytes()
}

// DuplicateHeaders repeats and contradicts the headers a parser decides on.
func DuplicateHeaders() []byte {
	return []byte(crlf(`From: First <first@example.com>
From: Second <second@example.com>
Subject: First subject
Subject: Second subject
Date: Tue, 24 Nov 2026 09:00:00 +0100
Date: Wed, 25 Nov 2026 09:00:00 +0100
Message-ID: <one@example.com>
Message-ID: <two@example.com>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary=A; boundary=B
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: base64
Content-Transfer-Encoding: quoted-printable

--A
Content-Type: text/plain; charset=utf-8; charset=iso-8859-1
Content-Type: text/html

part A =C3=A9
--B
Content-Type: text/plain
Content-Disposition: inline; filename=a.txt; filename=b.txt
Content-Disposition: attachment

part B
--A--
--B--
`))
}

// NestedMultipart is depth levels of multipart/mixed, a text at the bottom.
func NestedMultipart(depth int) []byte {
	var b bytes.Buffer
	b.WriteString("From: deep@example.com\r\nSubject: nested multipart\r\nMIME-Version: 1.0\r\n")
	for i := range depth {
		fmt.Fprintf(&b, "Content-Type: multipart/mixed; boundary=\"level%d\"\r\n\r\n--level%d\r\n", i, i)
	}
	b.WriteString("Content-Type: text/plain\r\n\r\nthe bottom\r\n")
	for i := depth - 1; i >= 0; i-- {
		fmt.Fprintf(&b, "--level%d--\r\n", i)
	}
	return b.Bytes()
}

// NestedRFC822 is depth messages each forwarding the next.
func NestedRFC822(depth int) []byte {
	var b bytes.Buffer
	for i := range depth {
		fmt.Fprintf(&b, "From: level%d@example.com\r\nSubject: level %d\r\nMIME-Version: 1.0\r\nContent-Type: message/rfc822\r\n\r\n", i, i)
	}
	b.WriteString("Subject: the bottom\r\n\r\nthe bottom\r\n")
	return b.Bytes()
}

// ManyParts is one multipart of n empty parts.
func ManyParts(n int) []byte {
	var b bytes.Buffer
	b.Grow(n*40 + 200)
	b.WriteString("From: parts@example.com\r\nSubject: many parts\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=p\r\n\r\n")
	for range n {
		b.WriteString("--p\r\nContent-Type: application/x-empty\r\n\r\n\r\n")
	}
	b.WriteString("--p--\r\n")
	return b.Bytes()
}

// BigHeader is a message with one header of size bytes: a Subject of multibyte text on one line, or
// (folded) a References header of message ids, one per folded line.
func BigHeader(size int, folded bool) []byte {
	var b bytes.Buffer
	b.Grow(size + 1024)
	b.WriteString("From: big@example.com\r\nMessage-ID: <big-header@example.com>\r\n")
	if folded {
		b.WriteString("Subject: a folded header\r\nReferences:")
		for i := 0; b.Len() < size; i++ {
			fmt.Fprintf(&b, " <ref%08d.loge@example.com>\r\n", i)
		}
	} else {
		b.WriteString("Subject: ")
		for b.Len() < size {
			b.WriteString("Réservation à l’hôtel — ")
		}
		b.WriteString("\r\n")
	}
	b.WriteString("Content-Type: text/plain; charset=utf-8\r\n\r\nthe body after the big header\r\n")
	return b.Bytes()
}

// BigPartHeader is a multipart whose second part has a Content-Type header of size bytes.
func BigPartHeader(size int) []byte {
	var b bytes.Buffer
	b.Grow(size + 1024)
	b.WriteString("From: big@example.com\r\nSubject: big part header\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=q\r\n\r\n")
	b.WriteString("--q\r\nContent-Type: text/plain\r\n\r\nfirst part\r\n--q\r\nContent-Type: application/octet-stream; x-pad=\"")
	for b.Len() < size {
		b.WriteString("padpadpadpadpadpadpadpadpadpadpadpadpadpadpadpadpadpadpadpadpad")
	}
	b.WriteString("\"; name=\"x.bin\"\r\n\r\nAAAA\r\n--q\r\nContent-Type: text/plain\r\n\r\nlast part\r\n--q--\r\n")
	return b.Bytes()
}

// GzipBombBytes is a gzip stream that expands to BombSize bytes of zeros: 64 members of 16 MiB
// (members concatenate), so it is made by compressing 16 MiB once.
func GzipBombBytes() []byte {
	var one bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&one, gzip.BestCompression)
	zeros := make([]byte, 16<<20)
	zw.Write(zeros)
	zw.Close()
	return bytes.Repeat(one.Bytes(), BombSize/(16<<20))
}

// GzipBomb carries GzipBombBytes as an application/gzip attachment and again as a text part that
// says Content-Encoding: gzip (which mail has no business decoding).
func GzipBomb() []byte {
	bomb := base64Lines(GzipBombBytes())
	var b bytes.Buffer
	b.WriteString("From: bomb@example.com\r\nSubject: a gzip bomb\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=g\r\n\r\n")
	b.WriteString("--g\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n")
	b.WriteString("--g\r\nContent-Type: application/gzip; name=\"zeros.gz\"\r\nContent-Disposition: attachment; filename=\"zeros.gz\"\r\nContent-Transfer-Encoding: base64\r\n\r\n")
	b.Write(bomb)
	b.WriteString("--g\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Encoding: gzip\r\nContent-Transfer-Encoding: base64\r\n\r\n")
	b.Write(bomb)
	b.WriteString("--g--\r\n")
	return b.Bytes()
}

// ZipBombBytes is a zip archive of 64 entries of 16 MiB of zeros each.
func ZipBombBytes() []byte {
	// One deflate stream of 16 MiB of zeros, written raw under each entry: deflating 1 GiB would
	// cost seconds for every test run.
	zeros := make([]byte, 16<<20)
	var d bytes.Buffer
	fw, _ := flate.NewWriter(&d, flate.BestCompression)
	fw.Write(zeros)
	fw.Close()
	crc := crc32.ChecksumIEEE(zeros)
	var z bytes.Buffer
	zw := zip.NewWriter(&z)
	for i := range BombSize / (16 << 20) {
		w, _ := zw.CreateRaw(&zip.FileHeader{Name: fmt.Sprintf("zeros-%02d.bin", i), Method: zip.Deflate,
			CRC32: crc, CompressedSize64: uint64(d.Len()), UncompressedSize64: uint64(len(zeros))})
		w.Write(d.Bytes())
	}
	zw.Close()
	return z.Bytes()
}

// ZipBomb carries ZipBombBytes as an attachment.
func ZipBomb() []byte {
	var b bytes.Buffer
	b.WriteString("From: bomb@example.com\r\nSubject: a zip bomb\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=z\r\n\r\n")
	b.WriteString("--z\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n")
	b.WriteString("--z\r\nContent-Type: application/zip; name=\"zeros.zip\"\r\nContent-Disposition: attachment; filename=\"zeros.zip\"\r\nContent-Transfer-Encoding: base64\r\n\r\n")
	b.Write(base64Lines(ZipBombBytes()))
	b.WriteString("--z--\r\n")
	return b.Bytes()
}

// BigText is a single-part latin-1 quoted-printable text of about size bytes.
func BigText(size int) []byte {
	var b bytes.Buffer
	b.Grow(size + 100)
	b.WriteString("From: long@example.com\r\nSubject: a long text\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")
	line := "Ch=E8re Madame, la r=E9servation au restaurant est confirm=E9e pour 20h, table 4.\r\n"
	for b.Len()+len(line) <= size {
		b.WriteString(line)
	}
	return b.Bytes()
}

// BigHTML is a single-part HTML body of about size bytes, mostly nested tags.
func BigHTML(size int) []byte {
	var b bytes.Buffer
	b.Grow(size + 100)
	b.WriteString("From: long@example.com\r\nSubject: a long html\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body>")
	chunk := "<div><span style=\"color:red\"><b>x</b></span></div>\r\n"
	for b.Len()+len(chunk) <= size-20 {
		b.WriteString(chunk)
	}
	b.WriteString("</body></html>\r\n")
	return b.Bytes()
}

// BigBase64Data is the length of the attachment BigBase64(size) carries: base64 in 76-column lines
// makes 78 bytes of 57.
func BigBase64Data(size int) int { return (size - 1024) / 78 * 57 }

// BigBase64 is a message of about size bytes, a short text and one base64 attachment.
func BigBase64(size int) []byte {
	data := make([]byte, BigBase64Data(size))
	for i := range data {
		data[i] = byte(i*7 + i>>9)
	}
	var b bytes.Buffer
	b.Grow(size + 4096)
	b.WriteString("From: big@example.com\r\nSubject: a big attachment\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n")
	b.WriteString("--x\r\nContent-Type: text/plain\r\n\r\nthe scan you asked for\r\n")
	b.WriteString("--x\r\nContent-Type: application/octet-stream; name=\"scan.bin\"\r\nContent-Disposition: attachment; filename=\"scan.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\n")
	writeBase64(&b, data)
	b.WriteString("--x--\r\n")
	return b.Bytes()
}

// base64Lines encodes b in 76-character lines, CRLF after each.
func base64Lines(b []byte) []byte {
	var out bytes.Buffer
	out.Grow(base64.StdEncoding.EncodedLen(len(b))/76*78 + 80)
	writeBase64(&out, b)
	return out.Bytes()
}

// writeBase64 writes b to w in base64 lines of 76 characters, CRLF after each, a line at a time.
func writeBase64(w *bytes.Buffer, b []byte) {
	var line [76]byte
	for len(b) > 0 {
		n := min(len(b), 57)
		base64.StdEncoding.Encode(line[:], b[:n])
		w.Write(line[:base64.StdEncoding.EncodedLen(n)])
		w.WriteString("\r\n")
		b = b[n:]
	}
}
