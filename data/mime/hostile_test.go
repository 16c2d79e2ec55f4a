package mime_test

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"loge/data/mime"
	"loge/data/mime/mimetest"
)

// The hostile corpus (data/mime/mimetest) through Parse: no panic, every text field valid UTF-8,
// the raw bytes untouched, and memory bounded by the message's size, not by what it claims to
// expand to. Each case runs in a child process of its own (the test binary again), so its peak
// RSS is its own; the bound is generous (10× the message plus a constant) but a parser that
// decompressed a bomb, copied a body once per nesting level or buffered a whole 50 MB text
// several times over would fail it.

// hostileResult is what a child reports of one case.
type hostileResult struct {
	Size       int     `json:"size"`
	BaseHeap   uint64  `json:"base_heap"`   // heap in use before Parse, the message included
	PeakHeap   uint64  `json:"peak_heap"`   // sampled heap in use during Parse, the message included
	Allocated  uint64  `json:"allocated"`   // bytes allocated by Parse (an upper bound on its heap growth)
	Seconds    float64 `json:"seconds"`     // Parse alone
	MaxRSS     int64   `json:"max_rss"`     // the child's peak resident set, filled in by the parent
	TextLen    int     `json:"text_len"`    // of Parsed.Text
	Attachment int     `json:"attachments"` // len(Parsed.Attachments)
}

const childEnv = "LOGE_HOSTILE_CASE"

// heapBound is the most a case may hold or allocate while parsing.
func heapBound(size int) uint64 { return 10*uint64(size) + 64<<20 }

// rssBound is the most a child may reach, building the message included.
func rssBound(size int) int64 { return 10*int64(size) + 160<<20 }

func bigSize() int {
	if raceEnabled || testing.Short() {
		return 5 << 20 // the race detector is ten times slower and hungrier
	}
	return mimetest.BigSize
}

func TestHostileMail(t *testing.T) {
	child := os.Getenv(childEnv)
	results := map[string]hostileResult{}
	var mu sync.Mutex
	for _, c := range mimetest.Cases(bigSize()) {
		t.Run(c.Name, func(t *testing.T) {
			switch {
			case child == c.Name:
				r := parseHostile(t, c)
				out, _ := json.Marshal(r)
				fmt.Printf("\nHOSTILE-RESULT %s\n", out)
				return
			case child != "":
				t.Skip("another case's child")
			}
			var r hostileResult
			if maxRSSSupported && !raceEnabled {
				r = inChild(t, c.Name)
				if r.MaxRSS > rssBound(r.Size) {
					t.Errorf("%s: peak RSS %d MB for a %d KB message (bound %d MB)", c.Name, r.MaxRSS>>20, r.Size>>10, rssBound(r.Size)>>20)
				}
			} else {
				r = parseHostile(t, c)
			}
			t.Logf("%s: %d bytes, parse %.3fs, heap %.1f → peak %.1f MB, allocated %.1f MB, peak RSS %.1f MB, text %d, attachments %d",
				c.Name, r.Size, r.Seconds, float64(r.BaseHeap)/(1<<20), float64(r.PeakHeap)/(1<<20), float64(r.Allocated)/(1<<20), float64(r.MaxRSS)/(1<<20), r.TextLen, r.Attachment)
			mu.Lock()
			results[c.Name] = r
			mu.Unlock()
		})
	}
	if out := os.Getenv("LOGE_HOSTILE_REPORT"); out != "" && child == "" {
		b, _ := json.MarshalIndent(results, "", "  ")
		os.WriteFile(out, b, 0o644)
	}
}

// inChild runs one case in a fresh test process and reads its result and peak RSS.
func inChild(t *testing.T, name string) hostileResult {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHostileMail$/^"+regexp.QuoteMeta(name)+"$", "-test.timeout=5m")
	cmd.Env = append(os.Environ(), childEnv+"="+name)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s: child failed: %v\n%s", name, err, out)
	}
	var r hostileResult
	found := false
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if s, ok := strings.CutPrefix(sc.Text(), "HOSTILE-RESULT "); ok {
			if err := json.Unmarshal([]byte(s), &r); err != nil {
				t.Fatal(err)
			}
			found = true
		}
	}
	if !found {
		t.Fatalf("%s: no result from the child:\n%s", name, out)
	}
	r.MaxRSS = maxRSS(cmd.ProcessState)
	return r
}

func parseHostile(t *testing.T, c mimetest.Case) hostileResult {
	t.Helper()
	raw := c.Build()
	sum := sha256.Sum256(raw)
	var p *mime.Parsed
	m := mimetest.Measure(func() { p = mime.Parse(raw) })
	r := hostileResult{Size: len(raw), BaseHeap: m.BaseHeap, PeakHeap: m.PeakHeap, Allocated: m.Allocated, Seconds: m.Seconds,
		TextLen: len(p.Text), Attachment: len(p.Attachments)}

	if sha256.Sum256(raw) != sum {
		t.Errorf("%s: Parse changed the raw bytes", c.Name)
	}
	checkParsed(t, c.Name, p)
	checkCase(t, c.Name, p)
	if r.PeakHeap > heapBound(r.Size) {
		t.Errorf("%s: peak heap %d MB for a %d KB message (bound %d MB)", c.Name, r.PeakHeap>>20, r.Size>>10, heapBound(r.Size)>>20)
	}
	if r.Allocated > heapBound(r.Size) {
		t.Errorf("%s: Parse allocated %d MB for a %d KB message (bound %d MB)", c.Name, r.Allocated>>20, r.Size>>10, heapBound(r.Size)>>20)
	}
	return r
}

// maxText mirrors the parser's bound on the text kept (parse.go).
const maxText = 256 << 10

// checkParsed holds for any message: what Parse promises of every field.
func checkParsed(t *testing.T, name string, p *mime.Parsed) {
	t.Helper()
	if p == nil {
		t.Fatalf("%s: nil", name)
	}
	for field, s := range map[string]string{"Subject": p.Subject, "FromName": p.FromName, "FromAddr": p.FromAddr,
		"To": p.To, "Cc": p.Cc, "Text": p.Text, "Snippet": p.Snippet(), "MessageID": p.MessageID,
		"InReplyTo": p.InReplyTo, "References": strings.Join(p.References, " ")} {
		if !utf8.ValidString(s) {
			t.Errorf("%s: %s is not valid UTF-8: %q", name, field, head(s))
		}
		if strings.ContainsRune(s, 0) {
			t.Errorf("%s: %s holds a NUL", name, field)
		}
	}
	for _, a := range p.Attachments {
		if !utf8.ValidString(a.Filename) || a.Part == "" || a.Size < 0 {
			t.Errorf("%s: attachment %+v", name, a)
		}
	}
	if len(p.Text) > maxText {
		t.Errorf("%s: text of %d bytes, more than %d", name, len(p.Text), maxText)
	}
	if n := utf8.RuneCountInString(p.Snippet()); n > 161 {
		t.Errorf("%s: snippet of %d characters", name, n)
	}
}

// checkCase is what each case must still give.
func checkCase(t *testing.T, name string, p *mime.Parsed) {
	t.Helper()
	fail := func(format string, args ...any) { t.Errorf(name+": "+format, args...) }
	switch name {
	case "invalid-utf8":
		if !strings.Contains(p.Text, "plain") || !strings.Contains(p.Text, "inner body") {
			fail("text lost: %q", head(p.Text))
		}
	case "duplicate-headers":
		if p.Subject != "First subject" && p.Subject != "Second subject" {
			fail("subject %q", p.Subject)
		}
	case "nested-multipart-1000":
		if !p.Undecodable {
			fail("nesting past the depth limit must be flagged")
		}
	case "nested-rfc822-1000":
		// The forwarded message past the limit says so in its text, inside the forwarding ones'.
		if !strings.Contains(p.Text, "level 1 ") || !strings.Contains(p.Text, mime.UndecodableMarker) {
			fail("text %q", head(p.Text))
		}
	case "many-parts-100k":
		// The first thousand parts are read, the rest stay in the raw message, said with the marker.
		if len(p.Attachments) != 999 || !p.Undecodable || !strings.HasSuffix(p.Text, mime.UndecodableMarker) {
			fail("%d attachments, undecodable %v", len(p.Attachments), p.Undecodable)
		}
	case "header-1mb":
		// Over go-message's 1 MB header limit: kept as text, the raw stays whole.
		if !strings.HasPrefix(p.Text, "From: big@example.com") {
			fail("text: %q", head(p.Text))
		}
	case "references-900kb":
		if p.MessageID != "big-header@example.com" || len(p.References) == 0 || !strings.Contains(p.Text, "the body after") {
			fail("message id %q, %d references, text %q", p.MessageID, len(p.References), head(p.Text))
		}
	case "part-header-1mb":
		if !strings.Contains(p.Text, "first part") || !strings.Contains(p.Text, "last part") {
			fail("text: %q", head(p.Text))
		}
	case "gzip-bomb", "zip-bomb":
		bomb := mimetest.GzipBombBytes
		if name == "zip-bomb" {
			bomb = mimetest.ZipBombBytes
		}
		want := int64(len(bomb()))
		if len(p.Attachments) == 0 || p.Attachments[0].Size != want {
			fail("attachments %+v, want the archive's %d bytes as they are", p.Attachments, want)
		}
	case "big-text":
		if !strings.HasPrefix(p.Text, "Chère Madame") || len(p.Text) < maxText*9/10 { // CRLF became LF
			fail("text of %d bytes: %q", len(p.Text), head(p.Text))
		}
	case "big-html":
		if !strings.HasPrefix(p.Text, "x") {
			fail("text: %q", head(p.Text))
		}
	case "big-base64":
		if len(p.Attachments) != 1 || p.Attachments[0].Size != int64(mimetest.BigBase64Data(bigSize())) || p.Text != "the scan you asked for" {
			fail("attachments %+v, text %q", p.Attachments, head(p.Text))
		}
	}
}

func head(s string) string {
	if len(s) > 200 {
		return s[:200]
	}
	return s
}

// Envelope, what a sync stores before the indexer decodes a mail, reads every header field as
// Parse reads it, hostile mail included: the Inbox shows the same sender, subject, date and
// thread before and after indexing.
func TestEnvelopeIsParsesHeader(t *testing.T) {
	for _, c := range mimetest.Cases(1 << 20) {
		raw := c.Build()
		p, e := mime.Parse(raw), mime.Envelope(raw)
		p.Text, p.Attachments, p.Undecodable = "", nil, false
		if !reflect.DeepEqual(p, e) {
			t.Errorf("%s: envelope %+v, Parse read %+v", c.Name, e, p)
		}
	}
}
