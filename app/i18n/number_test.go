package i18n

import "testing"

// Counts in a status line group their digits as each language writes them.
func TestNumberGroupsDigits(t *testing.T) {
	defer Load("")
	for _, c := range []struct {
		lang string
		n    int
		want string
	}{
		{"en", 0, "0"}, {"en", 999, "999"}, {"en", 12345, "12,345"}, {"en", 1234567, "1,234,567"}, {"en", -5000, "-5,000"},
		{"fr", 12345, "12\u00a0345"}, {"fr", 50000, "50\u00a0000"}, {"fr", 100, "100"},
	} {
		Load(c.lang)
		if got := number(c.n); got != c.want {
			t.Errorf("%s %d: %q, want %q", c.lang, c.n, got, c.want)
		}
	}
}
