package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

func boldParts(segs []widget.RichTextSegment) (bold []string, all string) {
	for _, s := range segs {
		ts := s.(*widget.TextSegment)
		all += ts.Text
		if ts.Style.TextStyle.Bold {
			bold = append(bold, ts.Text)
		}
	}
	return bold, all
}

func TestHighlightFindsTheWordsWhateverTheirCaseAndAccents(t *testing.T) {
	for _, c := range []struct {
		text  string
		words []string
		want  string
	}{
		{"Mr James Carter", []string{"carter"}, "Carter"},
		{"Réservation chez Dupré", []string{"dupre", "reserv"}, "Réserv|Dupré"},
		{"Scarter and carters", []string{"carter"}, "carter"}, // word starts only
		{"nothing here", []string{"carter"}, ""},
	} {
		bold, all := boldParts(highlight(c.text, c.words, theme.ColorNameForeground))
		if all != c.text || strings.Join(bold, "|") != c.want {
			t.Errorf("%q %v: bold %q (text %q), want %q", c.text, c.words, bold, all, c.want)
		}
	}
}

// A request hit reads as the Board writes it, in the desk's language: no kind code in English.
func TestSearchRequestHitReadsAsAPersonWritesIt(t *testing.T) {
	u, _ := newDemoUI(t, "fr")
	u.showSearch("carter")
	found := false
	for _, h := range u.lastHits {
		if h.Kind != "request" {
			continue
		}
		found = true
		d := u.searchDetail(h, searchTerms("carter"))
		if !strings.HasPrefix(d, "Mr James Carter · ") || strings.Contains(d, " restaurant ") || strings.Contains(d, " other ") {
			t.Errorf("request hit %q reads %q", h.Title, d)
		}
	}
	if !found {
		t.Fatal("no request found for carter")
	}
	// Found by its note: the note's snippet follows, so the person sees why it matched.
	u.showSearch("peanut")
	for _, h := range u.lastHits {
		if h.Kind == "request" {
			if d := u.searchDetail(h, searchTerms("peanut")); !strings.Contains(strings.ToLower(d), "peanut") || strings.Contains(d, "restaurant") {
				t.Errorf("note hit reads %q", d)
			}
		}
	}
}

func TestSearchStayHitHasDaysNotISODates(t *testing.T) {
	u, _ := newDemoUI(t, "en")
	u.showSearch("carter")
	for _, h := range u.lastHits {
		if h.Kind == "stay" {
			title, detail := u.searchLines(h, searchTerms("carter"))
			if strings.Contains(title, "2026-") || !strings.HasPrefix(title, "Mr James Carter · ") || strings.HasPrefix(detail, "stay.") {
				t.Fatalf("stay hit reads %q / %q", title, detail)
			}
			return
		}
	}
	t.Fatal("no stay found for carter")
}
