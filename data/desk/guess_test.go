package desk

import (
	"testing"
	"time"
)

func TestGuessBooking(t *testing.T) {
	paris, _ := time.LoadLocation("Europe/Paris")
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, paris)
	cases := []struct {
		subject, text string
		kind          string
		party         int
		when          string // "2006-01-02 15:04", "" for none
	}{
		{"Réservation dîner", "Bonjour, pourriez-vous réserver une table pour 4 personnes ce soir vers 20h30 ?", KindRestaurant, 4, "2026-11-25 20:30"},
		{"Transfer from CDG", "We land at CDG terminal 2E on 27 November at 2:05 pm, three passengers with luggage.", KindTransfer, 3, "2026-11-27 14:05"},
		{"Opera tickets", "Could you find two tickets for the ballet on December 3rd? For the two of us.", KindTickets, 2, "2026-12-03 00:00"},
		{"Re: Spa", "Un massage demain à 15h pour une personne, merci.", KindSpa, 1, "2026-11-26 15:00"},
		{"Fleurs", "Des pivoines dans la suite le 02/01, s'il vous plaît.", KindFlowers, 0, "2027-01-02 00:00"},
		{"Question", "Merci pour tout.", KindOther, 0, ""},
	}
	for _, c := range cases {
		g := GuessBooking(c.subject, c.text, now, paris)
		got := ""
		if !g.When.IsZero() {
			got = g.When.Format("2006-01-02 15:04")
		}
		if g.Kind != c.kind || g.Party != c.party || got != c.when {
			t.Errorf("%q: got %s/%d/%q, want %s/%d/%q", c.text, g.Kind, g.Party, got, c.kind, c.party, c.when)
		}
	}
	g := GuessBooking("Séjour", "Nous arriverons le 12 décembre et repartirons le 15 décembre.", now, paris)
	if g.Arrival.Format("01-02") != "12-12" || g.Departure.Format("01-02") != "12-15" {
		t.Errorf("stay dates: %v → %v", g.Arrival, g.Departure)
	}
	if g.Title != "Séjour" {
		t.Errorf("title %q", g.Title)
	}
	// The subject's question is not the booking's name.
	if g := GuessBooking("Re: Dinner tonight for the four of us?", "", now, paris); g.Title != "Dinner tonight for the four of us" {
		t.Errorf("title from a question: %q", g.Title)
	}
}
