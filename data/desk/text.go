package desk

import (
	"regexp"
	"strings"
)

var replyPrefix = regexp.MustCompile(`(?i)^\s*((re|fwd?|tr|aw|wg|sv|rif|r)\s*(\[\d+\])?\s*:\s*)+`)

// NormalizeSubject drops reply and forward prefixes, for the subject fallback of threading.
func NormalizeSubject(s string) string { return strings.TrimSpace(replyPrefix.ReplaceAllString(s, "")) }

func joinNonEmpty(sep string, parts ...string) string {
	out := parts[:0:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
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
