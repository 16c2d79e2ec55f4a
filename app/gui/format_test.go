package gui

import (
	"net/mail"
	"testing"
)

func TestAddressTextReadsPlainAndParsesBack(t *testing.T) {
	for _, c := range []struct{ name, addr, want string }{
		{"James Carter", "j@x.example", "James Carter <j@x.example>"},
		{"Éléonore Dupré", "e@x.example", "Éléonore Dupré <e@x.example>"},
		{"Noura Saleh — Office of Mr Al Mansouri", "n@x.example", "Noura Saleh — Office of Mr Al Mansouri <n@x.example>"},
		{"O'Brien", "o@x.example", "O'Brien <o@x.example>"},
		{"Carter, James", "j@x.example", `"Carter, James" <j@x.example>`},
		{"Dr. J. Carter", "j@x.example", `"Dr. J. Carter" <j@x.example>`},
		{`Ann "Nan" Lee`, "a@x.example", `"Ann \"Nan\" Lee" <a@x.example>`},
		{"", "a@x.example", "a@x.example"},
		{"a@x.example", "a@x.example", "a@x.example"},
	} {
		got := addressText(c.name, c.addr)
		if got != c.want {
			t.Errorf("addressText(%q) = %q, want %q", c.name, got, c.want)
		}
		a, err := mail.ParseAddress(got)
		if err != nil || a.Address != c.addr || (c.name != c.addr && a.Name != c.name) {
			t.Errorf("%q parses back as %+v, %v", got, a, err)
		}
	}
}
