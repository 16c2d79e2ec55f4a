package imap

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"maps"
	gomime "mime"
	netmail "net/mail"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/htmlindex"
)

// The real-world corpus (testdata/mail at the top of the project, see its README): mail from other
// libraries' test suites, malformed much of it. Every message goes through the real Dovecot and
// Loge's real sync; the subject and sender Loge stores are then held to an independent reading of
// the same bytes, written here with Go's standard library only (net/mail, mime.WordDecoder), never
// with Loge's data/mime.

// realWorldMail is one message of the corpus: its name (file, and #n inside an mbox) and its bytes.
type realWorldMail struct {
	name string
	raw  []byte
}

// realWorldCorpus reads every message under testdata/mail. An mbox file (*.mbox.txt) is split at
// its "From " lines, each dropped, as a desk would receive the messages one by one.
func realWorldCorpus(t *testing.T) []realWorldMail {
	t.Helper()
	root := filepath.Join("..", "..", "testdata", "mail")
	var out []realWorldMail
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		base := d.Name()
		if strings.HasPrefix(base, "LICENSE") || base == "COPYING" || base == "NOTICE" || strings.HasSuffix(base, ".md") {
			return nil
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		rel = filepath.ToSlash(rel)
		if !strings.HasSuffix(base, ".mbox.txt") {
			out = append(out, realWorldMail{rel, raw})
			return nil
		}
		for i, m := range splitMbox(raw) {
			out = append(out, realWorldMail{fmt.Sprintf("%s#%d", rel, i+1), m})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) < 150 {
		t.Fatalf("only %d messages in %s: is the corpus there?", len(out), root)
	}
	return out
}

// splitMbox cuts an mbox at the lines that start with "From " (the first line, or one after a
// line end) and drops those lines.
func splitMbox(b []byte) [][]byte {
	var msgs [][]byte
	start := -1
	for i := 0; i < len(b); {
		end := bytes.IndexByte(b[i:], '\n')
		if end < 0 {
			end = len(b)
		} else {
			end += i + 1
		}
		if bytes.HasPrefix(b[i:], []byte("From ")) {
			if start >= 0 {
				msgs = append(msgs, b[start:i])
			}
			start = end
		}
		i = end
	}
	if start >= 0 && start < len(b) {
		msgs = append(msgs, b[start:])
	}
	return msgs
}

// independentWords decodes RFC 2047 words with the standard library, any charset the WHATWG
// encoding index knows.
var independentWords = &gomime.WordDecoder{CharsetReader: func(charset string, r io.Reader) (io.Reader, error) {
	enc, err := htmlindex.Get(charset)
	if err != nil {
		return nil, err
	}
	return enc.NewDecoder().Reader(r), nil
}}

// independentReading is what net/mail makes of a message's Subject and first From address. net/mail
// refuses a whole header block for one line that is not a field; then the block is cut before
// that line, as Python's email package reads it (a line that is neither "name:" nor a
// continuation ends the header; a continuation before any field is dropped), and read again. err
// is set when even that is refused.
func independentReading(raw []byte) (subject, name, addr string, err error) {
	m, err := netmail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		m, err = netmail.ReadMessage(bytes.NewReader(headerCut(raw)))
	}
	if err != nil {
		return "", "", "", err
	}
	subject = m.Header.Get("Subject")
	if d, err := independentWords.DecodeHeader(subject); err == nil {
		subject = d
	}
	from := m.Header.Get("From")
	list, perr := (&netmail.AddressParser{WordDecoder: independentWords}).ParseList(from)
	if perr == nil && len(list) > 0 {
		return subject, list[0].Name, strings.ToLower(list[0].Address), nil
	}
	if d, err := independentWords.DecodeHeader(from); err == nil {
		from = d
	}
	return subject, from, "", nil
}

// headerCut gives raw's header lines up to the first line that is not a field ("name:", the name
// printable ASCII without space or colon) nor a field's continuation, then an empty body.
func headerCut(raw []byte) []byte {
	var out bytes.Buffer
	fields := 0
	for rest := raw; len(rest) > 0; {
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i+1], rest[i+1:]
		} else {
			rest = nil
		}
		text := bytes.TrimRight(line, "\r\n")
		switch {
		case len(text) == 0:
			rest = nil
		case text[0] == ' ' || text[0] == '\t':
			if fields > 0 {
				out.Write(line)
			}
		case isField(text):
			fields++
			out.Write(line)
		default:
			rest = nil
		}
	}
	out.WriteString("\r\n")
	return out.Bytes()
}

func isField(line []byte) bool {
	i := bytes.IndexByte(line, ':')
	if i <= 0 {
		return false
	}
	for _, c := range line[:i] {
		if c <= ' ' || c > '~' {
			return false
		}
	}
	return true
}

// same compares two header values as a person reads them: runs of white space are one space,
// bytes that are not UTF-8 are one replacement character.
func same(a, b string) bool { return normText(a) == normText(b) }

func normText(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return strings.Join(strings.Fields(s), " ")
}

// TestRealWorldMailThroughDovecot appends the whole corpus to the real Dovecot, syncs it into a
// fresh desk and checks that no message is dropped, every stored raw message is byte for byte what
// the server serves, and at least 97% of the subjects and senders agree with the independent
// reading. The disagreements are listed; testdata/README.md says which side is wrong for each.
func TestRealWorldMailThroughDovecot(t *testing.T) {
	d := realDovecot(t)
	cfg := d.cfg(false)
	ctx := context.Background()
	corpus := realWorldCorpus(t)
	box := fmt.Sprintf("RW%d", time.Now().UnixNano())
	c := client(t, cfg)
	if err := c.Create(box, nil).Wait(); err != nil {
		t.Fatal(err)
	}
	for _, m := range corpus {
		appendMail(t, c, box, m.raw)
	}
	st, acct := newStore(t)
	rs := syncOnce(t, st, acct, cfg, box)
	if len(rs) != 1 || rs[0].Added != len(corpus) {
		t.Fatalf("sync: %+v, want %d added", rs, len(corpus))
	}
	mb := mailboxNamed(t, st, acct, box)
	indexAll(t, st)
	stored := storedByUID(t, st, mb)
	served := fetchAll(t, cfg, box)
	if len(stored) != len(corpus) {
		t.Fatalf("%d messages stored for %d appended: dropped some", len(stored), len(corpus))
	}

	var agree, rewritten int
	var disagree []string
	perSource := map[string][2]int{} // source folder → messages, agreeing
	for i, rw := range corpus {
		source, _, _ := strings.Cut(rw.name, "/")
		n := perSource[source]
		n[0]++
		perSource[source] = n
		uid := uint32(i + 1)
		m, ok := stored[uid]
		if !ok {
			t.Errorf("%s: UID %d not stored", rw.name, uid)
			continue
		}
		srv := served[uid]
		raw, err := st.RawMessage(ctx, m.ID)
		if err != nil {
			t.Fatalf("%s: %v", rw.name, err)
		}
		if !bytes.Equal(raw, srv) {
			t.Errorf("%s: stored raw (%d bytes) is not what the server serves (%d bytes)", rw.name, len(raw), len(srv))
		}
		switch {
		case bytes.Equal(srv, rw.raw):
		case bytes.Equal(lfOnly(srv), lfOnly(rw.raw)):
			rewritten++ // Dovecot gave a bare-LF message CRLF line endings
		case bytes.Equal(lfOnly(srv), lfOnly(bytes.ReplaceAll(rw.raw, []byte{0}, []byte{0x80}))):
			rewritten++ // …and serves NULs as 0x80 outside BINARY
			t.Logf("%s: the server serves its NULs as 0x80", rw.name)
		default:
			t.Errorf("%s: the server serves other bytes than were appended (%d → %d)", rw.name, len(rw.raw), len(srv))
		}
		// The independent reading is of the very bytes Loge stored.
		subj, name, addr, err := independentReading(raw)
		switch {
		case err != nil:
			disagree = append(disagree, fmt.Sprintf("%s: net/mail cannot read it (%v); Loge: subject %q, from %q <%s>",
				rw.name, err, m.Subject, m.FromName, m.FromAddr))
		case !same(m.Subject, subj) || !same(m.FromName, name) || !strings.EqualFold(m.FromAddr, addr):
			disagree = append(disagree, fmt.Sprintf("%s:\n\tLoge:     subject %q, from %q <%s>\n\tnet/mail: subject %q, from %q <%s>",
				rw.name, m.Subject, m.FromName, m.FromAddr, subj, name, addr))
		default:
			agree++
			n[1]++
			perSource[source] = n
		}
	}
	for _, src := range slices.Sorted(maps.Keys(perSource)) {
		n := perSource[src]
		t.Logf("%-24s %3d messages, %3d agree", src, n[0], n[1])
	}
	pct := 100 * float64(agree) / float64(len(corpus))
	for _, s := range disagree {
		t.Log(s)
	}
	t.Logf("%d messages, all stored; %d served rewritten by Dovecot (CRLF, NUL); subject and sender agree for %d (%.1f%%), %d disagree",
		len(corpus), rewritten, agree, pct, len(disagree))
	if pct < 97 {
		t.Errorf("only %.1f%% of subjects and senders agree with the independent reading, want ≥ 97%%", pct)
	}
}
