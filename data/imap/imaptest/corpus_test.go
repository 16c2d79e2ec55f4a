package imaptest

import (
	"bytes"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	_ "github.com/emersion/go-message/charset"
	"github.com/emersion/go-message/mail"
)

func TestCorpusIsDeterministicAndWellFormed(t *testing.T) {
	const seed = 7
	if !bytes.Equal(CorpusMessage(seed, 42), CorpusMessage(seed, 42)) {
		t.Fatal("message 42 differs between two calls")
	}
	if bytes.Equal(CorpusMessage(seed, 42), CorpusMessage(seed, 43)) || bytes.Equal(CorpusMessage(seed, 42), CorpusMessage(seed+1, 42)) {
		t.Fatal("different messages are equal")
	}
	var sizes []int
	var total, attached, replies, french, html, latin1 int
	for i := 1; i <= 5000; i++ {
		raw := CorpusMessage(seed, i)
		sizes = append(sizes, len(raw))
		total += len(raw)
		if i > 2000 {
			continue
		}
		for l := range bytes.SplitSeq(raw, []byte("\r\n")) {
			if len(l) > 998 {
				t.Fatalf("message %d: line of %d bytes", i, len(l))
			}
			if bytes.ContainsRune(l, '\n') || bytes.ContainsRune(l, '\r') {
				t.Fatalf("message %d: bare LF or CR", i)
			}
		}
		r, err := mail.CreateReader(bytes.NewReader(raw))
		if err != nil {
			t.Fatalf("message %d: %v", i, err)
		}
		if id, err := r.Header.MessageID(); err != nil || id == "" {
			t.Fatalf("message %d: Message-ID %q %v", i, id, err)
		}
		if from, err := r.Header.AddressList("From"); err != nil || len(from) != 1 {
			t.Fatalf("message %d: From %v %v", i, from, err)
		}
		if _, err := r.Header.Date(); err != nil {
			t.Fatalf("message %d: Date %v", i, err)
		}
		subj, _ := r.Header.Subject()
		if strings.HasPrefix(subj, "Re: ") || strings.HasPrefix(subj, "RE: ") || strings.HasPrefix(subj, "TR: ") {
			replies++
			if r.Header.Get("In-Reply-To") == "" {
				t.Fatalf("message %d: a reply without In-Reply-To", i)
			}
		}
		for {
			p, err := r.NextPart()
			if err != nil {
				break
			}
			switch h := p.Header.(type) {
			case *mail.InlineHeader:
				ct, params, _ := h.ContentType()
				if ct == "text/html" {
					html++
				}
				if params["charset"] == "iso-8859-1" {
					latin1++
				}
				if ct == "text/plain" {
					var b bytes.Buffer
					b.ReadFrom(p.Body)
					if strings.Contains(b.String(), "Bonjour") {
						french++
					}
				}
			case *mail.AttachmentHeader:
				attached++
			}
		}
	}
	slices.Sort(sizes)
	median, mean, largest := sizes[len(sizes)/2], total/len(sizes), sizes[len(sizes)-1]
	t.Logf("5,000 messages: median %d B, mean %d B, max %d B; of the first 2,000: %d replies, %d French, %d HTML, %d Latin-1, %d attachments",
		median, mean, largest, replies, french, html, latin1, attached)
	if median < 2000 || median > 20000 || mean < 8000 || mean > 20000 || largest >= 4<<20 {
		t.Fatalf("size mix off: median %d, mean %d, max %d", median, mean, largest)
	}
	if replies < 600 || replies > 1000 || french < 1000 || french > 1400 || html < 350 || latin1 == 0 || attached < 15 {
		t.Fatalf("mix off: %d replies, %d French, %d HTML, %d Latin-1, %d attachments of 2,000", replies, french, html, latin1, attached)
	}
}

func TestFillMaildirServesTheCorpusInOrder(t *testing.T) {
	d := RealDovecot(t)
	const seed, n, box = 11, 300, "CorpusTest"
	size, err := FillMaildir(d.ServerDir, d.BenchUser, box, seed, n)
	if err != nil {
		t.Fatal(err)
	}
	c, err := imapclient.DialInsecure(net.JoinHostPort(d.Host, strconv.Itoa(d.Port)), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Login(d.BenchUser, d.BenchPass).Wait(); err != nil {
		t.Fatal(err)
	}
	sel, err := c.Select(box, nil).Wait()
	if err != nil {
		t.Fatal(err)
	}
	if sel.NumMessages != n {
		t.Fatalf("%d messages in %s, want %d", sel.NumMessages, box, n)
	}
	var set imap.UIDSet
	for _, k := range []imap.UID{1, 2, 150, 300} {
		set.AddNum(k)
	}
	msgs, err := c.Fetch(set, &imap.FetchOptions{UID: true, Flags: true, BodySection: []*imap.FetchItemBodySection{{Peek: true}}}).Collect()
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 4 {
		t.Fatalf("fetched %d", len(msgs))
	}
	for _, m := range msgs {
		k := int(m.UID)
		if body := m.FindBodySection(&imap.FetchItemBodySection{Peek: true}); !bytes.Equal(body, CorpusMessage(seed, k)) {
			t.Fatalf("UID %d is not message %d", k, k)
		}
		var got []string
		for _, f := range m.Flags {
			if f == `\Recent` {
				continue // Dovecot's, for this session
			}
			got = append(got, string(f))
		}
		want := CorpusFlags(seed, k)
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Fatalf("UID %d flags %v, want %v", k, got, want)
		}
	}
	c.Logout().Wait()

	// Filled already: nothing is rewritten.
	files, _ := filepath.Glob(filepath.Join(d.ServerDir, "mail", d.BenchUser, "Maildir", "."+box, "cur", "*"))
	before, _ := os.Stat(files[0])
	again, err := FillMaildir(d.ServerDir, d.BenchUser, box, seed, n)
	if err != nil || again != size {
		t.Fatalf("second fill: %d %v, want %d", again, err, size)
	}
	after, err := os.Stat(files[0])
	if err != nil || !after.ModTime().Equal(before.ModTime()) {
		t.Fatalf("second fill rewrote %s (%v)", files[0], err)
	}
}
