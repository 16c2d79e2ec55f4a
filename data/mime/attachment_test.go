package mime

import (
	"bytes"
	"encoding/base64"
	"errors"
	"strings"
	"testing"
)

// Every attachment Parse lists comes back byte for byte, at the path it gave.
func TestWriteAttachmentGivesTheBytesSent(t *testing.T) {
	pdf := []byte("%PDF-1.4\n\x00\x01\x02\xff binary \r\n bytes\n%%EOF")
	latin := []byte("Caf\xe9 cr\xe8me, tarif r\xe9duit") // a text file in ISO-8859-1: not converted
	b64 := func(b []byte) string {
		s := base64.StdEncoding.EncodeToString(b)
		var out strings.Builder
		for len(s) > 20 {
			out.WriteString(s[:20] + "\r\n")
			s = s[20:]
		}
		return out.String() + s + "\r\n"
	}
	raw := "From: a@b.example\r\nSubject: Files\r\nContent-Type: multipart/mixed; boundary=outer\r\n\r\n" +
		"--outer\r\nContent-Type: text/plain\r\n\r\nHere they are.\r\n" +
		"--outer\r\nContent-Type: application/pdf; name=\"passeport.pdf\"\r\nContent-Disposition: attachment; filename=\"passeport.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + b64(pdf) +
		"--outer\r\nContent-Type: multipart/mixed; boundary=inner\r\n\r\n" +
		"--inner\r\nContent-Type: text/plain; charset=iso-8859-1; name=\"tarifs.txt\"\r\nContent-Disposition: attachment; filename=\"tarifs.txt\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nCaf=E9 cr=E8me, tarif r=E9duit\r\n" +
		"--inner--\r\n--outer--\r\n"
	p := Parse([]byte(raw))
	want := map[string][]byte{"passeport.pdf": pdf, "tarifs.txt": latin}
	if len(p.Attachments) != 2 {
		t.Fatalf("attachments %+v", p.Attachments)
	}
	for _, a := range p.Attachments {
		var out bytes.Buffer
		n, err := WriteAttachment([]byte(raw), a.Part, &out)
		if err != nil || !bytes.Equal(out.Bytes(), want[a.Filename]) || n != int64(len(want[a.Filename])) {
			t.Fatalf("%s at %s: %v, %q", a.Filename, a.Part, err, out.Bytes())
		}
	}
	for _, bad := range []string{"9", "2.1", "0", "x", "3.7"} {
		if _, err := WriteAttachment([]byte(raw), bad, &bytes.Buffer{}); !errors.Is(err, ErrNoSuchPart) {
			t.Fatalf("part %q: %v", bad, err)
		}
	}
}

// A message that is one attachment, and one with a broken header: the paths still match Parse's.
func TestWriteAttachmentOfOnePartAndSalvagedMail(t *testing.T) {
	raw := "From sender Mon Nov 30 10:00:00 2026\nFrom: a@b.example\nSubject: scan\nContent-Type: image/jpeg; name=scan.jpg\nContent-Transfer-Encoding: base64\n\n/9j/4AAQSkZJRg==\n"
	p := Parse([]byte(raw))
	if len(p.Attachments) != 1 || p.Attachments[0].Part != "1" {
		t.Fatalf("attachments %+v", p.Attachments)
	}
	var out bytes.Buffer
	if _, err := WriteAttachment([]byte(raw), "1", &out); err != nil || !bytes.HasPrefix(out.Bytes(), []byte{0xff, 0xd8, 0xff, 0xe0}) {
		t.Fatalf("%v %x", err, out.Bytes())
	}
}
