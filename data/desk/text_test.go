package desk

import "testing"

func TestFoldKeyComparesNamesAsPeopleDo(t *testing.T) {
	for _, c := range []struct{ a, b string }{
		{"Dupré", "DUPRE"}, {"Fernández", "fernandez"}, {"Muñoz", "Munoz"}, {"Nørgaard", "Norgaard"},
		{"Œuvre d'Art", "oeuvre d art"}, {"Çelik", "celik"}, {"Straße", "strasse"}, {"Łukasz", "lukasz"},
		{"  Le   Jardin—d'Hiver ", "le jardin d hiver"}, {"Zoë", "zoe"},
	} {
		if FoldKey(c.a) != FoldKey(c.b) {
			t.Errorf("FoldKey(%q) = %q, FoldKey(%q) = %q", c.a, FoldKey(c.a), c.b, FoldKey(c.b))
		}
	}
	if FoldKey("Dupré") == FoldKey("Dupuis") {
		t.Fatal("different names fold together")
	}
}

func TestTextHelpers(t *testing.T) {
	if got := JoinNonEmpty(" · ", " a ", "", "  ", "b"); got != "a · b" {
		t.Errorf("JoinNonEmpty = %q", got)
	}
	if got := FirstNonEmpty("", "  ", "x", "y"); got != "x" {
		t.Errorf("FirstNonEmpty = %q", got)
	}
	if got := FirstLine("\n  \n  helene@example.fr \nautre@example.fr"); got != "helene@example.fr" {
		t.Errorf("FirstLine = %q", got)
	}
	for in, want := range map[string]string{"en": "en", "EN-gb": "en", "fr": "fr", "": "fr", "de": "fr"} {
		if got := Lang(in); got != want {
			t.Errorf("Lang(%q) = %q, want %q", in, got, want)
		}
	}
	v := Vendor{Address: "9 rue Boissy-d'Anglas\n75008", City: "Paris"}
	if got := v.OneLineAddress(); got != "9 rue Boissy-d'Anglas, 75008 Paris" {
		t.Errorf("OneLineAddress = %q", got)
	}
}
