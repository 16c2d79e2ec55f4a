package docs

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"loge/data/desk"
	"loge/data/store"
	"loge/data/store/storetest"

	"loge/data/demo"
	"loge/data/docs/templates"
)

// seededAt is when the demo desk of the test was seeded: its "today".
var seededAt time.Time

// seeded is a real temp store holding the demo desk, its days in Paris time.
func seeded(t *testing.T) *store.Store {
	t.Helper()
	seededAt = time.Now()
	return storetest.Demo(t, seededAt, demo.Paris())
}

// stayOf finds the demo stay of the guest with that last name.
func stayOf(t *testing.T, st *store.Store, lastName string) (desk.Stay, desk.Guest) {
	t.Helper()
	ctx := context.Background()
	stays, err := st.Stays(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range stays {
		g, err := st.Guest(ctx, s.GuestID)
		if err != nil {
			t.Fatal(err)
		}
		if g.LastName == lastName && s.Status != desk.StayDeparted {
			return s, g
		}
	}
	t.Fatalf("no demo stay for %s", lastName)
	return desk.Stay{}, desk.Guest{}
}

// pdfText extracts the text of a PDF with pdftotext (poppler-utils), skipping when it is missing.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not installed (poppler-utils; `make deps` installs it)")
	}
	in := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", in, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// render writes page 1 of the PDF as a PNG under $LOGE_DOCS_PNG (when set and pdftoppm is
// there), so a person can look at it.
func render(t *testing.T, pdf []byte, name string) {
	t.Helper()
	dir := os.Getenv("LOGE_DOCS_PNG")
	bin, err := exec.LookPath("pdftoppm")
	if dir == "" || err != nil {
		return
	}
	in := filepath.Join(dir, name+".pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(bin, "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", in, filepath.Join(dir, name)).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
}

func mustContain(t *testing.T, text string, want ...string) {
	t.Helper()
	flat := strings.Join(strings.Fields(text), " ")
	for _, w := range want {
		if !strings.Contains(flat, w) {
			t.Errorf("PDF text lacks %q", w)
		}
	}
}

func mustNotContain(t *testing.T, text string, unwanted ...string) {
	t.Helper()
	flat := strings.Join(strings.Fields(text), " ")
	for _, w := range unwanted {
		if strings.Contains(flat, w) {
			t.Errorf("PDF text has %q", w)
		}
	}
}

func TestItineraryFrench(t *testing.T) {
	ctx := context.Background()
	st := seeded(t)
	s, g := stayOf(t, st, "García Ruiz") // languages es,en,fr: asked for in French
	var buf bytes.Buffer
	if err := Itinerary(ctx, st, s.ID, "fr", &buf); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Fatalf("not a PDF: %.20q", buf.Bytes())
	}
	render(t, buf.Bytes(), "itinerary-fr")
	text := pdfText(t, buf.Bytes())
	arr := templates.FormatDate(s.Arrival.In(st.Loc), "fr")
	mustContain(t, text,
		"HÔTEL LUMIÈRE PARIS", "Votre programme", g.Name(), "Alejandro García Ruiz", "Cher Monsieur García Ruiz,",
		"Chambre 710", "Séjour du "+arr,
		"Croisières Quai d'Orsay", "CQO-66120", "Réservation n° CQO-66120", "2 personnes", "Tél.",
		"La Conciergerie", "Nous vous prions d'agréer")
	// The rose petals are Mrs García's surprise: a private request, never on the guest's letter.
	mustNotContain(t, text, "Rose petals and champagne on arrival", "Atelier Floral Pivoine")
	// Day headings are dates in full, in French.
	for _, w := range []string{"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"} {
		if strings.Contains(text, w) {
			goto french
		}
	}
	t.Error("no French weekday in the itinerary")
french:
	// Internal notes never reach the guest.
	mustNotContain(t, text, "Surprise", "do not mention", "Dear", "Confirmation no.")
}

func TestItineraryEnglishDefault(t *testing.T) {
	ctx := context.Background()
	st := seeded(t)
	s, _ := stayOf(t, st, "Whitfield") // languages en,fr: English by default
	var buf bytes.Buffer
	if err := Itinerary(ctx, st, s.ID, "", &buf); err != nil {
		t.Fatal(err)
	}
	render(t, buf.Bytes(), "itinerary-en")
	text := pdfText(t, buf.Bytes())
	dep := templates.FormatDate(s.Departure.In(st.Loc), "en")
	mustContain(t, text,
		"Your itinerary", "Mrs Eleanor Whitfield", "Dear Mrs Whitfield,", "Room 701 (Suite Opéra)", dep,
		"Le Jardin d'Hiver", "9 rue Boissy-d'Anglas, 75008 Paris", "+33 1 42 65 18 40", "JH-20417",
		"Confirmation no. JH-20417", "Pivoine", "PIV-2291", "2 guests", "The Concierge", "With our warmest regards")
	mustNotContain(t, text, "Réservation n°", "Cher", "NO SHELLFISH", "GM card signed")
}

func TestItineraryFrenchDefault(t *testing.T) {
	ctx := context.Background()
	st := seeded(t)
	s, _ := stayOf(t, st, "Moreau") // languages fr,en: French by default
	var buf bytes.Buffer
	if err := Itinerary(ctx, st, s.ID, "", &buf); err != nil {
		t.Fatal(err)
	}
	render(t, buf.Bytes(), "itinerary-fr-default")
	text := pdfText(t, buf.Bytes())
	mustContain(t, text, "Votre programme", "M. Philippe Moreau", "Cher Monsieur Moreau,", "Chambre 512",
		"Le Comptoir des Vignes", "27 rue de Verneuil, 75007 Paris", "Réservation n° CV-1192",
		"Taxi pour la gare de Lyon", "1 personne") // a request without a vendor yet
	mustNotContain(t, text, "Your itinerary", "TGV de 10h04")
}

func TestItineraryLeavesOutCancelledAndDeclined(t *testing.T) {
	ctx := context.Background()
	st := seeded(t)
	s, _ := stayOf(t, st, "Carter")
	var buf bytes.Buffer
	if err := Itinerary(ctx, st, s.ID, "en", &buf); err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, buf.Bytes())
	mustContain(t, text, "Versailles day trip", "VP-3318", "Louvre family treasure hunt")
	mustNotContain(t, text, "babysitter") // declined

	// A stay whose every booking was cancelled still gets a letter, saying so.
	s, _ = stayOf(t, st, "Harrington")
	buf.Reset()
	if err := Itinerary(ctx, st, s.ID, "", &buf); err != nil {
		t.Fatal(err)
	}
	text = pdfText(t, buf.Bytes())
	mustContain(t, text, "Dear Mr Harrington,", "No reservations have been made yet")
	mustNotContain(t, text, "Cabaret", "LR-5520", "CDG – hotel")
}

func TestItineraryUnknownStay(t *testing.T) {
	st := seeded(t)
	var buf bytes.Buffer
	err := Itinerary(context.Background(), st, "no-such-stay", "fr", &buf)
	if !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("err = %v, want data.ErrNotFound", err)
	}
	if buf.Len() != 0 {
		t.Fatalf("%d bytes written for an unknown stay", buf.Len())
	}
}

func TestDowntimeToday(t *testing.T) {
	ctx := context.Background()
	st := seeded(t)
	day := seededAt.In(st.Loc).Format(time.DateOnly)
	for _, lang := range []string{"fr", "en"} {
		t.Run(lang, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Downtime(ctx, st, day, lang, &buf); err != nil {
				t.Fatal(err)
			}
			render(t, buf.Bytes(), "downtime-"+lang)
			text := pdfText(t, buf.Bytes())
			today, _ := time.ParseInLocation(time.DateOnly, day, st.Loc)
			// Arrivals today: Ms Tanaka and Ms Chen; departing: Dr Brandt; VIP in house: Mr Al Mansouri.
			mustContain(t, text, "Haruka Tanaka", "Wei Chen", "Klaus Brandt", "Khalid Al Mansouri", "★★★",
				"Vegetarian (eats eggs and dairy, no fish).",
				// Bookings of the day with vendor phone and confirmation number.
				"Prestige Chauffeurs Paris", "+33 1 70 38 52 00", "TR-55187", "La Table d'Ondine", "TO-3381",
				"MV-0927", "Le Comptoir des Vignes", "CV-1192")
			if lang == "fr" {
				mustContain(t, text, "Dossier de secours — "+templates.FormatDate(today, "fr"), "Arrivées", "Départs",
					"VIP en maison", "Réservations du jour", "Confirmée", "Demandée", "Imprimé le", "Page 1 /")
			} else {
				mustContain(t, text, "Downtime pack — "+templates.FormatDate(today, "en"), "Arrivals", "Departures",
					"In-house VIPs", "Bookings of the day", "Confirmed", "Requested", "Printed", "Page 1 /")
				mustNotContain(t, text, "Arrivées", "Imprimé")
			}
		})
	}
}

func TestDowntimeBadDay(t *testing.T) {
	st := seeded(t)
	var buf bytes.Buffer
	err := Downtime(context.Background(), st, "25/11/2026", "fr", &buf)
	var ve *desk.ValidationError
	if !errors.As(err, &ve) || ve.Field != "Day" {
		t.Fatalf("err = %v, want a validation error on Day", err)
	}
	if buf.Len() != 0 {
		t.Fatalf("%d bytes written for a bad day", buf.Len())
	}
}

func TestSalutation(t *testing.T) {
	for _, c := range []struct {
		title, first, last, lang, want string
	}{
		{"Mme", "Claire", "Lefebvre", "fr", "Chère Madame Lefebvre,"},
		{"M.", "Philippe", "Moreau", "fr", "Cher Monsieur Moreau,"},
		{"Mrs", "Eleanor", "Whitfield", "fr", "Chère Madame Whitfield,"},
		{"Dr", "Klaus", "Brandt", "fr", "Cher Docteur Brandt,"},
		{"", "Jean", "Dupont", "fr", "Bonjour Jean Dupont,"},
		{"Mrs", "Eleanor", "Whitfield", "en", "Dear Mrs Whitfield,"},
		{"Mme", "Claire", "Lefebvre", "en", "Dear Ms Lefebvre,"},
		{"Sr.", "Alejandro", "García Ruiz", "en", "Dear Mr García Ruiz,"},
		{"Sig.ra", "Giulia", "Rossi", "en", "Dear Ms Rossi,"},
		{"Dr", "Amara", "Okafor", "en", "Dear Dr Okafor,"},
		{"Lord", "Peter", "Wimsey", "en", "Dear Peter Wimsey,"},
	} {
		g := desk.Guest{Title: c.title, FirstName: c.first, LastName: c.last}
		if got := salutation(g, c.lang); got != c.want {
			t.Errorf("salutation(%q %q %q, %s) = %q, want %q", c.title, c.first, c.last, c.lang, got, c.want)
		}
	}
}

func TestItineraryLeavesOutPrivateRequests(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext missing")
	}
	ctx := context.Background()
	st := seeded(t)
	reqs, _ := st.Requests(ctx, store.RequestFilter{})
	var surprise desk.Request
	for _, r := range reqs {
		if r.Private {
			surprise = r
		}
	}
	if surprise.ID == "" || surprise.StayID == "" {
		t.Fatal("the demo has no private request in a stay")
	}
	var buf bytes.Buffer
	if err := Itinerary(ctx, st, surprise.StayID, "en", &buf); err != nil {
		t.Fatal(err)
	}
	if text := pdfText(t, buf.Bytes()); strings.Contains(text, surprise.Title) {
		t.Fatalf("the surprise %q is on the guest's itinerary", surprise.Title)
	}
}
