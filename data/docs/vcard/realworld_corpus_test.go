package vcard

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime/quotedprintable"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"loge/data/desk"
)

// The real-world vCards (testdata/vcard at the top of the project, see its README): exports of
// phones, Outlook, Gmail, Apple, Lotus Notes, Evolution… gathered by other contact libraries. Every
// TEL and EMAIL of every card must come back out of Loge's export after Loge's import. What a card
// holds is read here with a small reader of its own (unfold, property name, value), not with
// Import.

// cardValue is one TEL or EMAIL a file holds: the property, its value, its line.
type cardValue struct {
	prop, value string
	line        int
}

// key is what makes two writings of one value the same: a phone's digits (spaces, dots,
// brackets and "tel:" are presentation), an e-mail address lowercased.
func (v cardValue) key() string {
	s := strings.TrimSpace(v.value)
	if v.prop == "EMAIL" {
		return "EMAIL " + strings.ToLower(strings.TrimPrefix(strings.TrimPrefix(s, "mailto:"), "MAILTO:"))
	}
	d := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
	if d == "" {
		d = strings.ToLower(s)
	}
	return "TEL " + d
}

// telOrMail is the value as the import reads it (decoded, without "tel:" or "mailto:"), to find it
// in the report: read back through Import's own reader is what the report names.
func telOrMail(v cardValue) string {
	s := strings.TrimSpace(v.value)
	if i := strings.Index(s, ":"); i > 0 && (strings.EqualFold(s[:i], "tel") || strings.EqualFold(s[:i], "mailto")) {
		s = s[i+1:]
	}
	if dec, err := io.ReadAll(quotedprintable.NewReader(strings.NewReader(s))); err == nil && strings.Contains(s, "=") {
		s = string(dec)
	}
	return strings.TrimSpace(s)
}

var telOrEmail = regexp.MustCompile(`(?i)^(?:[a-z0-9-]+\.)?(TEL|EMAIL)([;:])`)

// cardValues lists the TEL and EMAIL properties of a vCard text: lines unfolded (a line starting
// with a space or tab continues the one before; a quoted-printable line ending in "=" continues
// on the next), the value after the first colon outside double quotes.
func cardValues(b []byte) []cardValue {
	b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
	lines := strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n")
	var out []cardValue
	for i := 0; i < len(lines); i++ {
		start, line := i+1, lines[i]
		for i+1 < len(lines) && (strings.HasPrefix(lines[i+1], " ") || strings.HasPrefix(lines[i+1], "\t") ||
			(strings.HasSuffix(line, "=") && strings.Contains(strings.ToUpper(line), "QUOTED-PRINTABLE"))) {
			next := lines[i+1]
			if strings.HasSuffix(line, "=") && strings.Contains(strings.ToUpper(line), "QUOTED-PRINTABLE") {
				line = line[:len(line)-1] + next
			} else {
				line += next[1:]
			}
			i++
		}
		m := telOrEmail.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		inQuote := false
		for j := len(m[0]) - 1; j < len(line); j++ {
			switch line[j] {
			case '"':
				inQuote = !inQuote
			case ':':
				if !inQuote {
					if v := strings.TrimSpace(line[j+1:]); v != "" {
						out = append(out, cardValue{prop: strings.ToUpper(m[1]), value: v, line: start})
					}
					j = len(line)
				}
			}
		}
	}
	return out
}

// TestRealWorldCardsKeepPhonesAndEmails imports each corpus file into a fresh desk, exports it as
// vCard 3.0 and 4.0, and checks that at least 95% of the TEL and EMAIL values of the files are
// in each export (the ones lost are listed; testdata/README.md says why).
func TestRealWorldCardsKeepPhonesAndEmails(t *testing.T) {
	ctx := context.Background()
	root := filepath.Join("..", "..", "..", "testdata", "vcard")
	files, err := filepath.Glob(filepath.Join(root, "*", "*.vcf"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 15 {
		t.Fatalf("only %d vCard files under %s: is the corpus there?", len(files), root)
	}
	for _, version := range []string{"3.0", "4.0"} {
		t.Run(version, func(t *testing.T) {
			var total, kept int
			var lost []string
			for _, f := range files {
				raw, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				name, _ := filepath.Rel(root, f)
				name = filepath.ToSlash(name)
				src := cardValues(raw)
				st := openStore(t)
				rep, err := Import(ctx, st, bytes.NewReader(raw), ImportOptions{})
				if err != nil {
					t.Fatalf("%s: import: %v", name, err)
				}
				for _, p := range rep.Problems {
					t.Logf("%s: not imported: %v", name, p)
				}
				told := map[string]bool{} // values the report says were left out
				for _, p := range rep.Dropped {
					var ve *desk.ValidationError
					if errors.As(p.Err, &ve) {
						told[ve.Value] = true
					}
				}
				var out bytes.Buffer
				if _, err := Export(ctx, st, &out, nil, version); err != nil {
					t.Fatalf("%s: export: %v", name, err)
				}
				exported := map[string]bool{}
				for _, v := range cardValues(out.Bytes()) {
					exported[v.key()] = true
				}
				for _, v := range src {
					total++
					if exported[v.key()] {
						kept++
						continue
					}
					lost = append(lost, fmt.Sprintf("%s:%d %s %q", name, v.line, v.prop, v.value))
					if !told[telOrMail(v)] && len(rep.Problems) == 0 {
						t.Errorf("%s:%d %s %q lost without a word in the report", name, v.line, v.prop, v.value)
					}
				}
			}
			slices.Sort(lost)
			for _, l := range lost {
				t.Log("lost:", l)
			}
			pct := 100 * float64(kept) / float64(total)
			t.Logf("%d files, %d TEL and EMAIL values, %d in the %s export (%.1f%%)", len(files), total, kept, version, pct)
			if total < 50 {
				t.Errorf("only %d TEL and EMAIL values read from the corpus", total)
			}
			if pct < 95 {
				t.Errorf("only %.1f%% of phones and e-mails survive import → export, want ≥ 95%%", pct)
			}
		})
	}
}
