package desk

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Text helpers every layer uses; each exists once, here.

var replyPrefix = regexp.MustCompile(`(?i)^\s*((re|fwd?|tr|aw|wg|sv|rif|r)\s*(\[\d+\])?\s*:\s*)+`)

// NormalizeSubject drops reply and forward prefixes, for the subject fallback of threading.
func NormalizeSubject(s string) string { return strings.TrimSpace(replyPrefix.ReplaceAllString(s, "")) }

// JoinNonEmpty joins the parts that are not blank, each trimmed.
func JoinNonEmpty(sep string, parts ...string) string {
	out := parts[:0:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// FirstNonEmpty is the first value that is not blank, as it is; "" when all are.
func FirstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

// FirstLine is the first non-blank line of a multi-line field, trimmed (a guest's main e-mail).
func FirstLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			return l
		}
	}
	return ""
}

// HasFlag reports whether an IMAP flag or keyword is in flags. Case does not matter: servers
// (go-imap's memory server among them) may lowercase keywords.
func HasFlag(flags []string, f string) bool {
	for _, x := range flags {
		if strings.EqualFold(x, f) {
			return true
		}
	}
	return false
}

// Lang is "en" for an English language code and "fr" for anything else: Loge writes French
// unless told otherwise.
func Lang(code string) string {
	if strings.HasPrefix(strings.ToLower(strings.TrimSpace(code)), "en") {
		return "en"
	}
	return "fr"
}

// letters that Unicode does not decompose into a base letter and an accent.
var unaccented = strings.NewReplacer("œ", "oe", "Œ", "oe", "æ", "ae", "Æ", "ae", "ß", "ss", "ø", "o", "Ø", "o",
	"ł", "l", "Ł", "l", "đ", "d", "Đ", "d", "ı", "i", "þ", "th")

// FoldKey is s as people compare names: lower case, without accents ("Dupré" is "dupre", "Nørgaard"
// is "norgaard", "Œuvre" is "oeuvre"), punctuation as spaces, spaces collapsed.
func FoldKey(s string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(unaccented.Replace(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return b.String()
}

// OneLineAddress is the vendor's street address and city on one line, as a letter writes it:
// "9 rue Boissy-d'Anglas, 75008 Paris".
func (v Vendor) OneLineAddress() string {
	var lines []string
	for _, l := range strings.Split(v.Address, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	addr := strings.Join(lines, ", ")
	city := strings.TrimSpace(v.City)
	switch {
	case city == "" || strings.Contains(strings.ToLower(addr), strings.ToLower(city)):
		return addr
	case addr == "":
		return city
	}
	// A trailing postcode takes the city after a space, as on an envelope.
	fields := strings.Fields(addr)
	if last := fields[len(fields)-1]; strings.IndexFunc(last, func(r rune) bool { return !unicode.IsDigit(r) }) < 0 {
		return addr + " " + city
	}
	return addr + ", " + city
}

// NormalizeInitials keeps what can name a desk in an IMAP keyword: letters and digits, accents
// dropped, upper case, at most four ("cl" is "CL", "Zoé-A" is "ZOEA").
func NormalizeInitials(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(FoldKey(s)) {
		if (r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') && b.Len() < 4 {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// InitialsOf is the first letter of each word of a name: "Camille Laurent" is "CL".
func InitialsOf(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(FoldKey(name)) {
		b.WriteString(w[:1])
	}
	return b.String()
}

// IsStatusKeyword reports whether an IMAP keyword is one of Loge's mail status keywords.
func IsStatusKeyword(f string) bool {
	l := strings.ToLower(f)
	for _, k := range []string{KeywordDone, KeywordWaiting, KeywordWaitGuest, KeywordSnoozed} {
		if l == strings.ToLower(k) {
			return true
		}
	}
	return strings.HasPrefix(l, strings.ToLower(KeywordClaimed))
}
