package desk

import "testing"

func TestSafeFileName(t *testing.T) {
	for _, c := range []struct{ base, ext, want string }{
		{"Itinéraire Carter", ".pdf", "Itinéraire Carter.pdf"},
		{`Re: table? 4/5 "ce soir"`, ".eml", "Re- table- 4-5 -ce soir-.eml"},
		{"CON", ".ics", "CON_.ics"},
		{"nul", ".pdf", "nul_.pdf"},
		{"Com1", ".txt", "Com1_.txt"},
		{"LPT9.backup", "", "LPT9_.backup"},
		{"con.txt", ".pdf", "con_.txt.pdf"},
		{"aux .tar.gz", "", "aux_.tar.gz"},
		{"COM¹", ".pdf", "COM¹_.pdf"},
		{"Console", ".pdf", "Console.pdf"},
		{"COM10", ".pdf", "COM10.pdf"},
		{"Dîner au Jardin...", ".ics", "Dîner au Jardin.ics"},
		{"  ..hidden ", ".pdf", "hidden.pdf"},
		{"...", ".eml", "message.eml"},
		{"tab\there\x00", ".pdf", "tab-here-.pdf"},
		{"Très long nom de fichier qui dépasse largement la limite de soixante caractères", ".pdf",
			"Très long nom de fichier qui dépasse largement la limite de.pdf"},
	} {
		t.Run(c.base, func(t *testing.T) {
			if got := SafeFileName(c.base, c.ext, "message"); got != c.want {
				t.Errorf("SafeFileName(%q, %q) = %q, want %q", c.base, c.ext, got, c.want)
			}
		})
	}
}
