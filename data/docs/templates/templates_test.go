package templates

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"loge/data/desk"
	"loge/data/store"
	"loge/data/store/storetest"

	"loge/data/demo"
)

func paris(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// sample is a complete context: every variable the engine knows has a value.
func sample(t *testing.T, lang string) Context {
	loc := paris(t)
	return Context{
		Guest: &desk.Guest{Title: "Mme", FirstName: "Hélène", LastName: "Lefèvre-Dubois", Emails: "\nhelene@example.fr\nautre@example.fr", Phones: "+33 6 12 34 56 78"},
		Stay: &desk.Stay{Arrival: time.Date(2026, 11, 23, 15, 0, 0, 0, loc), Departure: time.Date(2026, 11, 27, 12, 0, 0, 0, loc),
			Room: "701 (Suite Opéra)", PartySize: 2},
		Request: &desk.Request{Kind: desk.KindRestaurant, Title: "Dîner d'anniversaire", StartsAt: time.Date(2026, 11, 25, 19, 30, 0, 0, time.UTC),
			TimeZone: "Europe/Paris", PartySize: 2, Confirmation: "JH-20417", Notes: "Table près du jardin d'hiver.", PriceCents: 125000, Currency: "EUR"},
		Vendor: &desk.Vendor{Name: "Le Jardin d'Hiver", Address: "9 rue Boissy-d'Anglas\n75008", City: "Paris", Phone: "+33 1 42 65 18 40", Email: "reservations@jardin.example"},
		Desk:   "La Conciergerie", Hotel: "Hôtel Lumière", Lang: lang,
	}
}

func missing(t *testing.T, err error) *MissingError {
	t.Helper()
	var me *MissingError
	if !errors.As(err, &me) {
		t.Fatalf("want a *MissingError, got %v", err)
	}
	return me
}

func noBraces(t *testing.T, texts ...string) {
	t.Helper()
	for _, s := range texts {
		if strings.Contains(s, "{{") {
			t.Fatalf("output contains {{: %q", s)
		}
	}
}

func TestEveryVariableFilledFromACompleteContext(t *testing.T) {
	want := map[string]map[string]string{
		"fr": {
			"guest.name": "Mme Hélène Lefèvre-Dubois", "guest.title": "Mme", "guest.first_name": "Hélène", "guest.last_name": "Lefèvre-Dubois",
			"guest.email": "helene@example.fr", "guest.phone": "+33 6 12 34 56 78",
			"stay.arrival": "lundi 23 novembre 2026", "stay.departure": "vendredi 27 novembre 2026", "stay.nights": "4",
			"stay.room": "701 (Suite Opéra)", "stay.party_size": "2",
			"request.title": "Dîner d'anniversaire", "request.kind": "restaurant", "request.date": "mercredi 25 novembre 2026",
			"request.time": "20h30", "request.party_size": "2", "request.confirmation": "JH-20417",
			"request.price": "1\u00a0250,00\u00a0€",
			"vendor.name":   "Le Jardin d'Hiver", "vendor.address": "9 rue Boissy-d'Anglas, 75008 Paris", "vendor.phone": "+33 1 42 65 18 40",
			"vendor.email": "reservations@jardin.example", "desk.name": "La Conciergerie", "hotel.name": "Hôtel Lumière",
		},
		"en": {
			"stay.arrival": "Monday 23 November 2026", "request.date": "Wednesday 25 November 2026", "request.time": "8:30 pm",
			"request.price": "€1,250.00", "request.kind": "restaurant",
		},
	}
	for _, lang := range []string{"fr", "en"} {
		ctx := sample(t, lang)
		for _, name := range Variables {
			subj, body, err := Render("{{"+name+"}}", "<{{ "+name+" }}>", ctx)
			if err != nil {
				t.Fatalf("%s %s: %v", lang, name, err)
			}
			if w, ok := want[lang][name]; ok && subj != w {
				t.Errorf("%s %s = %q, want %q", lang, name, subj, w)
			}
			if body != "<"+subj+">" {
				t.Errorf("%s: spaces inside braces: %q vs %q", name, body, subj)
			}
		}
	}
	if len(Variables) < 20 || !Known("request.confirmation") || !Known(" Guest.Name ") || Known("guest.shoe_size") {
		t.Fatalf("Variables/Known: %v", Variables)
	}
}

// demoDesk is a seeded demo store, so the test reads the templates exactly as the desk ships them.
func demoDesk(t *testing.T) *store.Store {
	t.Helper()
	return storetest.Demo(t, time.Date(2026, 11, 24, 15, 30, 0, 0, demo.Paris()), nil)
}

// demoContext is a complete context from the demo desk: a confirmed request with notes, a vendor
// and a stay, its guest, and the desk's settings.
func demoContext(t *testing.T, st *store.Store) Context {
	t.Helper()
	ctx := context.Background()
	rs, err := st.Requests(ctx, store.RequestFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		if r.Confirmation == "" || r.Notes == "" || r.VendorID == "" || r.StayID == "" || r.PartySize < 1 {
			continue
		}
		g, err1 := st.Guest(ctx, r.GuestID)
		s, err2 := st.Stay(ctx, r.StayID)
		v, err3 := st.Vendor(ctx, r.VendorID)
		if err := errors.Join(err1, err2, err3); err != nil {
			t.Fatal(err)
		}
		if s.Room == "" || v.Address == "" {
			continue
		}
		desk, _ := st.Setting(ctx, "desk.name")
		hotel, _ := st.Setting(ctx, "hotel.name")
		return Context{Guest: &g, Stay: &s, Request: &r, Vendor: &v, Desk: desk, Hotel: hotel}
	}
	t.Fatal("the demo desk has no complete request")
	return Context{}
}

func TestDemoTemplatesRenderFully(t *testing.T) {
	st := demoDesk(t)
	ts, err := st.Templates(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(ts) < 10 {
		t.Fatalf("demo desk has %d templates", len(ts))
	}
	base := demoContext(t, st)
	langs := map[string]int{}
	for _, tpl := range ts {
		langs[tpl.Lang]++
		c := base
		c.Lang = tpl.Lang
		subj, body, err := Render(tpl.Subject, tpl.Body, c)
		if err != nil {
			t.Errorf("%s/%s: %v", tpl.Name, tpl.Lang, err)
			continue
		}
		noBraces(t, subj, body)
		if strings.Contains(subj+body, "}}") || strings.Contains(subj+body, "[") && !strings.Contains(tpl.Body, "[") {
			t.Errorf("%s/%s left a placeholder: %q\n%s", tpl.Name, tpl.Lang, subj, body)
		}
		if !strings.Contains(body, base.Desk) || !strings.Contains(body, base.Hotel) {
			t.Errorf("%s/%s: no signature:\n%s", tpl.Name, tpl.Lang, body)
		}
		// Dates in the template's own language.
		for _, v := range []string{"request.date", "stay.arrival"} {
			if !strings.Contains(tpl.Subject+tpl.Body, "{{"+v+"}}") {
				continue
			}
			day := base.Request.StartsAt.In(base.Request.Location(time.Local))
			if v == "stay.arrival" {
				day = base.Stay.Arrival
			}
			if w := FormatDate(day, tpl.Lang); !strings.Contains(subj+body, w) {
				t.Errorf("%s/%s: %s should read %q:\n%s", tpl.Name, tpl.Lang, v, w, body)
			}
		}
		if strings.Contains(tpl.Body, "{{request.time}}") {
			w := FormatClock(base.Request.StartsAt.In(base.Request.Location(time.Local)), tpl.Lang)
			if (tpl.Lang == "fr") != strings.Contains(w, "h") || !strings.Contains(body, w) {
				t.Errorf("%s/%s: time should read %q:\n%s", tpl.Name, tpl.Lang, w, body)
			}
		}
	}
	if langs["fr"] < 5 || langs["en"] < 5 || langs["fr"] != langs["en"] {
		t.Fatalf("templates by language: %v", langs)
	}
}

func TestMissingConfirmationIsReported(t *testing.T) {
	st := demoDesk(t)
	ts, _ := st.Templates(context.Background())
	c := demoContext(t, st)
	r := *c.Request
	r.Confirmation = ""
	c.Request = &r
	checked := 0
	for _, tpl := range ts {
		c.Lang = tpl.Lang
		subj, body, err := Render(tpl.Subject, tpl.Body, c)
		noBraces(t, subj, body)
		if !strings.Contains(tpl.Body, "request.confirmation") {
			if err != nil {
				t.Errorf("%s/%s: %v", tpl.Name, tpl.Lang, err)
			}
			continue
		}
		checked++
		me := missing(t, err)
		if !slices.Equal(me.Variables, []string{"request.confirmation"}) || len(me.Fields) != 0 {
			t.Errorf("%s/%s: missing %+v", tpl.Name, tpl.Lang, me)
		}
		if !strings.Contains(body, "[request.confirmation]") {
			t.Errorf("%s/%s: the gap is not shown:\n%s", tpl.Name, tpl.Lang, body)
		}
		if !strings.Contains(me.Error(), "request.confirmation") {
			t.Errorf("error text %q", me.Error())
		}
	}
	if checked < 4 {
		t.Fatalf("only %d demo templates use the confirmation number", checked)
	}
}

func TestNilEntitiesAndEmptyValuesAreReported(t *testing.T) {
	c := sample(t, "fr")
	c.Vendor = nil
	c.Request.Confirmation = "   "
	c.Hotel = ""
	subj, body, err := Render("{{vendor.name}} — {{guest.last_name}}", "{{vendor.address}}\n{{request.confirmation}}\n{{vendor.name}}\n{{hotel.name}}", c)
	noBraces(t, subj, body)
	me := missing(t, err)
	if want := []string{"vendor.name", "vendor.address", "request.confirmation", "hotel.name"}; !slices.Equal(me.Variables, want) {
		t.Fatalf("missing %v, want %v", me.Variables, want)
	}
	if subj != "[vendor.name] — Lefèvre-Dubois" {
		t.Fatalf("subject %q", subj)
	}
	// Nothing at all: every variable is reported, nothing panics.
	var all []string
	for _, v := range Variables {
		all = append(all, "{{"+v+"}}")
	}
	_, body, err = Render("", strings.Join(all, " "), Context{})
	noBraces(t, body)
	if me := missing(t, err); !slices.Equal(me.Variables, Variables) {
		t.Fatalf("empty context reports %v", me.Variables)
	}
	// A zero party size or price is no value either.
	c = sample(t, "en")
	c.Request.PartySize, c.Request.PriceCents = 0, 0
	if _, _, err := Render("", "{{request.party_size}} {{request.price}}", c); !slices.Equal(missing(t, err).Variables, []string{"request.party_size", "request.price"}) {
		t.Fatalf("zero values: %v", err)
	}
}

func TestUnknownVariable(t *testing.T) {
	subj, body, err := Render("Pour {{guest.shoe_size}}", "Bonjour {{guest.name}}, {{ Guest.Name }} {{guest.shoe_size}} {{hello world}}", sample(t, "fr"))
	noBraces(t, subj, body)
	me := missing(t, err)
	if want := []string{"guest.shoe_size", "hello world"}; !slices.Equal(me.Variables, want) {
		t.Fatalf("missing %v, want %v", me.Variables, want)
	}
	if body != "Bonjour Mme Hélène Lefèvre-Dubois, Mme Hélène Lefèvre-Dubois [guest.shoe_size] [hello world]" {
		t.Fatalf("body %q", body)
	}
}

func TestFillInFields(t *testing.T) {
	subject := "Transfert {{? Heure de prise en charge }} — {{guest.last_name}}"
	body := "Prise en charge à {{?Heure de prise en charge}} au {{?Terminal}}.\nVol {{?Numéro de vol}}, {{? Terminal}}."
	if got, want := Fields(subject, body), []string{"Heure de prise en charge", "Terminal", "Numéro de vol"}; !slices.Equal(got, want) {
		t.Fatalf("Fields = %v, want %v", got, want)
	}
	if got := Fields("{{guest.name}}", "no field {{?}} {{ ? }}"); len(got) != 0 {
		t.Fatalf("Fields of a template without labels = %v", got)
	}

	c := sample(t, "fr")
	subj, out, err := Render(subject, body, c)
	noBraces(t, subj, out)
	me := missing(t, err)
	if len(me.Variables) != 0 || !slices.Equal(me.Fields, []string{"Heure de prise en charge", "Terminal", "Numéro de vol"}) {
		t.Fatalf("unanswered: %+v", me)
	}
	if subj != "Transfert [Heure de prise en charge] — Lefèvre-Dubois" {
		t.Fatalf("subject %q", subj)
	}

	c.Fields = map[string]string{"Heure de prise en charge": "6h15", "Terminal": "terminal 2E", "Numéro de vol": "  "}
	_, _, err = Render(subject, body, c)
	if me := missing(t, err); !slices.Equal(me.Fields, []string{"Numéro de vol"}) {
		t.Fatalf("blank answer: %+v", me)
	}
	c.Fields["Numéro de vol"] = "AF 1234 {{guest.name}}" // an answer is text, never a template
	subj, out, err = Render(subject, body, c)
	if err != nil {
		t.Fatal(err)
	}
	noBraces(t, subj, out)
	if want := "Prise en charge à 6h15 au terminal 2E.\nVol AF 1234 { {guest.name}}, terminal 2E."; out != want {
		t.Fatalf("body %q, want %q", out, want)
	}

	// English label; an answer keyed with extra spaces still counts.
	c = sample(t, "en")
	c.Fields = map[string]string{" Pick-up  time ": "7:45 am"}
	if _, out, err := Render("", "Pick-up at {{?Pick-up time}}.", c); err != nil || out != "Pick-up at 7:45 am." {
		t.Fatalf("%q %v", out, err)
	}
	// A field with no label cannot be asked for: it is reported, not output.
	_, out, err = Render("", "x {{?}} y", c)
	noBraces(t, out)
	if me := missing(t, err); len(me.Variables) != 1 {
		t.Fatalf("empty label: %+v", me)
	}
}

func TestAccentsAndFrenchDates(t *testing.T) {
	loc := paris(t)
	for _, c := range []struct {
		at     time.Time
		fr, en string
	}{
		{time.Date(2026, 11, 25, 20, 30, 0, 0, loc), "mercredi 25 novembre 2026", "Wednesday 25 November 2026"},
		{time.Date(2027, 2, 1, 9, 0, 0, 0, loc), "lundi 1er février 2027", "Monday 1 February 2027"},
		{time.Date(2026, 8, 15, 0, 5, 0, 0, loc), "samedi 15 août 2026", "Saturday 15 August 2026"},
		{time.Date(2026, 12, 31, 12, 0, 0, 0, loc), "jeudi 31 décembre 2026", "Thursday 31 December 2026"},
	} {
		if got := FormatDate(c.at, "fr"); got != c.fr {
			t.Errorf("fr %v = %q, want %q", c.at, got, c.fr)
		}
		if got := FormatDate(c.at, "en"); got != c.en {
			t.Errorf("en %v = %q, want %q", c.at, got, c.en)
		}
	}
	for _, c := range []struct {
		h, m   int
		fr, en string
	}{{20, 30, "20h30", "8:30 pm"}, {9, 0, "9h", "9 am"}, {0, 5, "0h05", "12:05 am"}, {12, 0, "12h", "12 pm"}, {23, 59, "23h59", "11:59 pm"}} {
		at := time.Date(2026, 11, 25, c.h, c.m, 0, 0, loc)
		if got := FormatClock(at, "fr"); got != c.fr {
			t.Errorf("fr %02d:%02d = %q, want %q", c.h, c.m, got, c.fr)
		}
		if got := FormatClock(at, "en"); got != c.en {
			t.Errorf("en %02d:%02d = %q, want %q", c.h, c.m, got, c.en)
		}
	}
	ctx := sample(t, "fr")
	ctx.Guest = &desk.Guest{Title: "M.", FirstName: "François", LastName: "Çelik-Nørgaard"}
	ctx.Vendor.Name = "Café de l'Opéra — « Brasserie »"
	subj, body, err := Render("Réservation — {{guest.name}}", "À l'attention de {{vendor.name}} : {{ guest.first_name }} arrivera le {{stay.arrival}}.", ctx)
	if err != nil {
		t.Fatal(err)
	}
	if subj != "Réservation — M. François Çelik-Nørgaard" ||
		body != "À l'attention de Café de l'Opéra — « Brasserie » : François arrivera le lundi 23 novembre 2026." {
		t.Fatalf("%q\n%q", subj, body)
	}
}

func TestRequestTimeInItsOwnZone(t *testing.T) {
	ctx := sample(t, "en")
	r := *ctx.Request
	// 01:30 UTC on 26 November is still the evening of the 25th in New York.
	r.StartsAt, r.TimeZone = time.Date(2026, 11, 26, 1, 30, 0, 0, time.UTC), "America/New_York"
	ctx.Request = &r
	_, body, err := Render("", "{{request.date}} at {{request.time}}", ctx)
	if err != nil || body != "Wednesday 25 November 2026 at 8:30 pm" {
		t.Fatalf("%q %v", body, err)
	}
	// Without a time zone, the time's own clock.
	r.StartsAt, r.TimeZone = time.Date(2026, 7, 14, 22, 0, 0, 0, paris(t)), ""
	ctx.Lang = "fr"
	if _, body, _ := Render("", "le {{request.date}} à {{request.time}}", ctx); body != "le mardi 14 juillet 2026 à 22h" {
		t.Fatalf("%q", body)
	}
}

func TestMoney(t *testing.T) {
	for _, c := range []struct {
		cents  int64
		cur    string
		fr, en string
	}{
		{125000, "EUR", "1\u00a0250,00\u00a0€", "€1,250.00"},
		{125000, "", "1\u00a0250,00\u00a0€", "€1,250.00"},
		{8050, "eur", "80,50\u00a0€", "€80.50"},
		{123456789, "USD", "1\u00a0234\u00a0567,89\u00a0$", "$1,234,567.89"},
		{99, "GBP", "0,99\u00a0£", "£0.99"},
		{25000, "CHF", "250,00\u00a0CHF", "CHF\u00a0250.00"},
		{1500000, "JPY", "15\u00a0000\u00a0¥", "¥15,000"},
	} {
		if got := FormatMoney(c.cents, c.cur, "fr"); got != c.fr {
			t.Errorf("fr %d %s = %q, want %q", c.cents, c.cur, got, c.fr)
		}
		if got := FormatMoney(c.cents, c.cur, "en"); got != c.en {
			t.Errorf("en %d %s = %q, want %q", c.cents, c.cur, got, c.en)
		}
	}
	if got := strings.ReplaceAll(FormatMoney(125000, "EUR", "fr"), "\u00a0", " "); got != "1 250,00 €" {
		t.Fatalf("%q", got)
	}
}

func TestBracesThatAreNotVariablesPassThrough(t *testing.T) {
	c := sample(t, "fr")
	for in, want := range map[string]string{
		"Tarif {forfait} }} et { seul": "Tarif {forfait} }} et { seul",
		"JSON: {\"a\": {\"b\": 1}}":    "JSON: {\"a\": {\"b\": 1}}",
		"{{{guest.last_name}}}":        "{Lefèvre-Dubois}",
		"{{guest.last_name}}}}":        "Lefèvre-Dubois}}",
		"a }}{{guest.first_name}}{ b":  "a }}Hélène{ b",
		"Chambre {{stay.room}} — {}":   "Chambre 701 (Suite Opéra) — {}",
		"accolade finale {":            "accolade finale {",
	} {
		subj, body, err := Render(in, in, c)
		if err != nil || subj != want || body != want {
			t.Errorf("%q → %q / %q (%v), want %q", in, subj, body, err, want)
		}
	}
	// An opening "{{" that never closes on its line is reported and never output.
	subj, body, err := Render("Réservation {{guest.name", "Bonjour {{guest.name\n}} merci {{", c)
	noBraces(t, subj, body)
	me := missing(t, err)
	if len(me.Variables) != 2 || !strings.HasPrefix(me.Variables[0], "{{guest.name") {
		t.Fatalf("unclosed: %+v", me)
	}
	if body != "Bonjour { {guest.name\n}} merci { {" {
		t.Fatalf("body %q", body)
	}
	// A value can bring braces in; the output still never holds "{{".
	c.Request.Title = "Dessert {{surprise}}"
	_, body, err = Render("", "{{{request.title}}", c)
	if err != nil {
		t.Fatal(err)
	}
	noBraces(t, body)
	if body != "{Dessert { {surprise}}" {
		t.Fatalf("body %q", body)
	}
	c.Guest.FirstName = "{Hélène"
	_, body, _ = Render("", "{ {{guest.first_name}}", c)
	_, body2, _ := Render("", "{{{guest.first_name}}", c)
	noBraces(t, body, body2)
}

// "for 4 guest(s)" read as a form: the party is written with its noun, in each language's plural.
func TestPartyWithItsNoun(t *testing.T) {
	for _, c := range []struct {
		n        int
		lang, is string
	}{{1, "fr", "1 personne"}, {4, "fr", "4 personnes"}, {1, "en", "1 guest"}, {2, "en", "2 guests"}, {0, "en", ""}} {
		_, body, _ := Render("", "{{request.party}}", Context{Request: &desk.Request{PartySize: c.n, Kind: desk.KindRestaurant}, Lang: c.lang})
		if c.n > 0 && body != c.is || c.n == 0 && body != "[request.party]" {
			t.Errorf("%d in %s: %q, want %q", c.n, c.lang, body, c.is)
		}
	}
}
