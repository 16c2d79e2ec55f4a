package ics

import (
	"bytes"
	"context"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"loge/data/desk"
	"loge/data/store"
	"loge/data/store/storetest"

	"github.com/emersion/go-ical"

	"loge/data/demo"
)

// seeded is a real temp desk with the demo data, in the hotel's time zone.
func seeded(t *testing.T) *store.Store {
	t.Helper()
	return storetest.Demo(t, time.Now(), demo.Paris())
}

// stayOf finds the demo stay of the guest whose last name is given (the current one, not an old one).
func stayOf(t *testing.T, st *store.Store, lastName string) desk.Stay {
	t.Helper()
	stays, err := st.Stays(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range stays { // newest arrival first
		if strings.HasSuffix(s.GuestName, lastName) {
			return s
		}
	}
	t.Fatalf("no stay for %s", lastName)
	return desk.Stay{}
}

// requestTitled finds a demo request by its title's beginning.
func requestTitled(t *testing.T, st *store.Store, prefix string) desk.Request {
	t.Helper()
	reqs, err := st.Requests(context.Background(), store.RequestFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range reqs {
		if strings.HasPrefix(r.Title, prefix) {
			return r
		}
	}
	t.Fatalf("no request titled %q", prefix)
	return desk.Request{}
}

func exportStay(t *testing.T, st *store.Store, stayID string, opt Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := StayWith(context.Background(), st, stayID, opt, &buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func exportRequest(t *testing.T, st *store.Store, requestID, lang string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Request(context.Background(), st, requestID, lang, &buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func decode(t *testing.T, b []byte) *ical.Calendar {
	t.Helper()
	cal, err := ical.NewDecoder(bytes.NewReader(b)).Decode()
	if err != nil {
		t.Fatalf("decode: %v\n%s", err, b)
	}
	return cal
}

func text(t *testing.T, c *ical.Component, name string) string {
	t.Helper()
	s, err := c.Props.Text(name)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return s
}

func eventsByUID(t *testing.T, cal *ical.Calendar) map[string]ical.Event {
	t.Helper()
	out := map[string]ical.Event{}
	for _, ev := range cal.Events() {
		uid := text(t, ev.Component, ical.PropUID)
		if _, dup := out[uid]; dup {
			t.Errorf("UID %s twice", uid)
		}
		out[uid] = ev
	}
	return out
}

func sequences(t *testing.T, cal *ical.Calendar) map[string]int {
	t.Helper()
	out := map[string]int{}
	for uid, ev := range eventsByUID(t, cal) {
		n, err := ev.Props.Get(ical.PropSequence).Int()
		if err != nil {
			t.Fatal(err)
		}
		out[uid] = n
	}
	return out
}

func timezones(cal *ical.Calendar) map[string]*ical.Component {
	out := map[string]*ical.Component{}
	for _, c := range cal.Children {
		if c.Name == ical.CompTimezone {
			out[c.Props.Get(ical.PropTimezoneID).Value] = c
		}
	}
	return out
}

func TestStayExportParsesBack(t *testing.T) {
	ctx := context.Background()
	st := seeded(t)
	stay := stayOf(t, st, "Whitfield")
	raw := exportStay(t, st, stay.ID, Options{Lang: "fr"})
	cal := decode(t, raw)

	if m := text(t, cal.Component, ical.PropMethod); m != MethodPublish {
		t.Errorf("METHOD = %q", m)
	}
	if p := text(t, cal.Component, ical.PropProductID); p != "-//Loge//Concierge desk//FR" {
		t.Errorf("PRODID = %q", p)
	}
	reqs, err := st.Requests(ctx, store.RequestFilter{StayID: stay.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(reqs) != 4 {
		t.Fatalf("demo Whitfield stay has %d requests, want 4", len(reqs))
	}
	evs := eventsByUID(t, cal)
	if len(evs) != len(reqs)+1 {
		t.Fatalf("%d events, want %d requests + the stay", len(evs), len(reqs))
	}
	for _, r := range reqs {
		ev, ok := evs[r.ID+"@loge"]
		if !ok {
			t.Errorf("no event with UID %s@loge (%s)", r.ID, r.Title)
			continue
		}
		v, err := st.Vendor(ctx, r.VendorID)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := text(t, ev.Component, ical.PropSummary), r.Title+" — "+v.Name; got != want {
			t.Errorf("SUMMARY = %q, want %q", got, want)
		}
		if got, want := text(t, ev.Component, ical.PropLocation), v.Address+" "+v.City; got != want {
			t.Errorf("LOCATION = %q, want %q", got, want)
		}
		start := ev.Props.Get(ical.PropDateTimeStart)
		if tz := start.Params.Get(ical.ParamTimezoneID); tz != "Europe/Paris" {
			t.Errorf("%s: DTSTART TZID = %q", r.Title, tz)
		}
		at, err := ev.DateTimeStart(nil)
		if err != nil {
			t.Fatal(err)
		}
		if !at.Equal(r.StartsAt) || at.Location().String() != "Europe/Paris" {
			t.Errorf("%s: DTSTART %v, want %v in Europe/Paris", r.Title, at, r.StartsAt)
		}
		if want := r.StartsAt.In(demo.Paris()).Format("20060102T150405"); start.Value != want {
			t.Errorf("%s: DTSTART value %s, want the Paris wall time %s", r.Title, start.Value, want)
		}
		end, err := ev.DateTimeEnd(nil)
		if err != nil {
			t.Fatal(err)
		}
		if d := end.Sub(at); d != Duration(r.Kind) {
			t.Errorf("%s (%s) lasts %v, want %v", r.Title, r.Kind, d, Duration(r.Kind))
		}
		if got, want := text(t, ev.Component, ical.PropStatus), Status(r.Status); got != want {
			t.Errorf("%s: STATUS %s, want %s", r.Title, got, want)
		}
	}
	// The ballet is still pending with the agency: tentative. The dinner is confirmed.
	if s := text(t, evs[requestTitled(t, st, "Ballet").ID+"@loge"].Component, ical.PropStatus); s != "TENTATIVE" {
		t.Errorf("pending request STATUS = %s", s)
	}

	// The stay itself: all day, arrival day to departure day included.
	se, ok := evs["stay-"+stay.ID+"@loge"]
	if !ok {
		t.Fatal("no stay event")
	}
	if got := text(t, se.Component, ical.PropSummary); got != "Séjour à l'Hôtel Lumière Paris" {
		t.Errorf("stay SUMMARY = %q", got)
	}
	ds, de := se.Props.Get(ical.PropDateTimeStart), se.Props.Get(ical.PropDateTimeEnd)
	if ds.ValueType() != ical.ValueDate || de.ValueType() != ical.ValueDate {
		t.Errorf("stay is not all-day: %v %v", ds, de)
	}
	if want := stay.Arrival.In(demo.Paris()).Format("20060102"); ds.Value != want {
		t.Errorf("stay DTSTART %s, want %s", ds.Value, want)
	}
	if want := stay.Departure.In(demo.Paris()).AddDate(0, 0, 1).Format("20060102"); de.Value != want {
		t.Errorf("stay DTEND %s, want %s (the day after departure)", de.Value, want)
	}

	// One VTIMEZONE, for Paris, with its daylight saving rules.
	tzs := timezones(cal)
	if len(tzs) != 1 || tzs["Europe/Paris"] == nil {
		t.Fatalf("VTIMEZONEs: %v", tzs)
	}
	var rules []string
	for _, c := range tzs["Europe/Paris"].Children {
		rules = append(rules, c.Name+" "+c.Props.Get(ical.PropTimezoneOffsetFrom).Value+">"+c.Props.Get(ical.PropTimezoneOffsetTo).Value+
			" "+c.Props.Get(ical.PropRecurrenceRule).Value+" "+c.Props.Get(ical.PropTimezoneName).Value)
	}
	sort.Strings(rules)
	want := []string{"DAYLIGHT +0100>+0200 FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU CEST", "STANDARD +0200>+0100 FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU CET"}
	if !slices.Equal(rules, want) {
		t.Errorf("Paris observances:\n%q\nwant\n%q", rules, want)
	}
	// The VTIMEZONE comes before the events (Outlook wants it so).
	if !bytes.Contains(raw, []byte("END:VTIMEZONE")) || bytes.Index(raw, []byte("END:VTIMEZONE")) > bytes.Index(raw, []byte("BEGIN:VEVENT")) {
		t.Error("VTIMEZONE not before the events")
	}
	checkRFC5545(t, raw)
	checkLines(t, raw)
	checkZones(t, cal)
}

func TestStayLeavesOutCancelledRequests(t *testing.T) {
	st := seeded(t)
	stay := stayOf(t, st, "Dubois")
	tasting := requestTitled(t, st, "Private wine tasting")
	if tasting.Status != desk.RequestCancelled {
		t.Fatalf("demo tasting is %s", tasting.Status)
	}
	evs := eventsByUID(t, decode(t, exportStay(t, st, stay.ID, Options{Lang: "fr"})))
	if _, ok := evs[tasting.ID+"@loge"]; ok {
		t.Error("cancelled request exported")
	}
	if len(evs) != 3 { // the stay, the dinner and the transfer
		t.Errorf("%d events, want 3", len(evs))
	}
	evs = eventsByUID(t, decode(t, exportStay(t, st, stay.ID, Options{Lang: "fr", IncludeCancelled: true})))
	ev, ok := evs[tasting.ID+"@loge"]
	if !ok {
		t.Fatal("IncludeCancelled left the cancelled request out")
	}
	if s := text(t, ev.Component, ical.PropStatus); s != "CANCELLED" {
		t.Errorf("STATUS = %s", s)
	}
}

func TestReexportKeepsUIDsAndSequence(t *testing.T) {
	st := seeded(t)
	stay := stayOf(t, st, "Whitfield")
	first := sequences(t, decode(t, exportStay(t, st, stay.ID, Options{Lang: "fr"})))
	second := sequences(t, decode(t, exportStay(t, st, stay.ID, Options{Lang: "fr"})))
	if len(first) != 5 {
		t.Fatalf("%d events", len(first))
	}
	for uid, seq := range first {
		if seq != 0 {
			t.Errorf("%s: first SEQUENCE %d", uid, seq)
		}
		if s, ok := second[uid]; !ok || s != seq {
			t.Errorf("%s: second export SEQUENCE %d (present %v), want %d", uid, s, ok, seq)
		}
	}
	// Exporting the request alone is the same event: same UID, same SEQUENCE.
	dinner := requestTitled(t, st, "Anniversary dinner")
	alone := sequences(t, decode(t, exportRequest(t, st, dinner.ID, "fr")))
	if s, ok := alone[dinner.ID+"@loge"]; !ok || s != 0 || len(alone) != 1 {
		t.Errorf("request alone: %v", alone)
	}
}

func TestChangedRequestBumpsSequence(t *testing.T) {
	ctx := context.Background()
	st := seeded(t)
	stay := stayOf(t, st, "Whitfield")
	exportStay(t, st, stay.ID, Options{Lang: "en"})

	dinner := requestTitled(t, st, "Anniversary dinner")
	dinner.StartsAt = dinner.StartsAt.Add(30 * time.Minute)
	if err := st.UpdateRequest(ctx, &dinner, "test"); err != nil {
		t.Fatal(err)
	}
	cal := decode(t, exportStay(t, st, stay.ID, Options{Lang: "en"}))
	seqs := sequences(t, cal)
	for uid, seq := range seqs {
		want := 0
		if uid == dinner.ID+"@loge" {
			want = 1
		}
		if seq != want {
			t.Errorf("%s: SEQUENCE %d, want %d", uid, seq, want)
		}
	}
	ev := eventsByUID(t, cal)[dinner.ID+"@loge"]
	if ev.Component == nil {
		t.Fatal("changed request lost its UID")
	}
	if at, _ := ev.DateTimeStart(nil); !at.Equal(dinner.StartsAt) {
		t.Errorf("DTSTART %v, want the new time %v", at, dinner.StartsAt)
	}
	// Unchanged since: the SEQUENCE stays; changed again: one more.
	if s := sequences(t, decode(t, exportRequest(t, st, dinner.ID, "en")))[dinner.ID+"@loge"]; s != 1 {
		t.Errorf("re-export after the change: SEQUENCE %d, want 1", s)
	}
	dinner.Confirmation = "JH-20999"
	if err := st.UpdateRequest(ctx, &dinner, "test"); err != nil {
		t.Fatal(err)
	}
	if s := sequences(t, decode(t, exportRequest(t, st, dinner.ID, "en")))[dinner.ID+"@loge"]; s != 2 {
		t.Errorf("after a second change: SEQUENCE %d, want 2", s)
	}
	if n, err := st.ICSSequence(ctx, dinner.ID+"@loge"); err != nil || n != 2 {
		t.Errorf("stored SEQUENCE %d, %v", n, err)
	}
}

func TestNextICSSequence(t *testing.T) {
	ctx := context.Background()
	st := storetest.New(t)
	if _, err := st.ICSSequence(ctx, "x@loge"); err != store.ErrNotFound {
		t.Errorf("never exported: %v", err)
	}
	for i, step := range []struct {
		uid, hash string
		want      int
	}{{"x@loge", "a", 0}, {"x@loge", "a", 0}, {"x@loge", "b", 1}, {"y@loge", "b", 0}, {"x@loge", "b", 1}, {"x@loge", "a", 2}} {
		got, err := st.NextICSSequence(ctx, step.uid, step.hash)
		if err != nil || got != step.want {
			t.Errorf("step %d %s/%s: %d, %v; want %d", i, step.uid, step.hash, got, err, step.want)
		}
	}
}

func TestCancelledRequestIsMethodCancel(t *testing.T) {
	ctx := context.Background()
	st := seeded(t)
	dinner := requestTitled(t, st, "Anniversary dinner")
	before := decode(t, exportRequest(t, st, dinner.ID, "fr"))
	if m := text(t, before.Component, ical.PropMethod); m != MethodPublish {
		t.Errorf("confirmed request METHOD = %s", m)
	}
	dinner.Status = desk.RequestCancelled
	if err := st.UpdateRequest(ctx, &dinner, "test"); err != nil {
		t.Fatal(err)
	}
	raw := exportRequest(t, st, dinner.ID, "fr")
	cal := decode(t, raw)
	if m := text(t, cal.Component, ical.PropMethod); m != MethodCancel {
		t.Errorf("cancelled request METHOD = %s", m)
	}
	evs := eventsByUID(t, cal)
	ev, ok := evs[dinner.ID+"@loge"]
	if !ok || len(evs) != 1 {
		t.Fatalf("events %v", evs)
	}
	if s := text(t, ev.Component, ical.PropStatus); s != "CANCELLED" {
		t.Errorf("STATUS = %s", s)
	}
	if s, _ := ev.Props.Get(ical.PropSequence).Int(); s != 1 {
		t.Errorf("SEQUENCE = %d, want 1 (the cancellation is a change)", s)
	}
	if o := ev.Props.Get(ical.PropOrganizer); o == nil || o.Value != "mailto:"+demo.DeskEmail {
		t.Errorf("ORGANIZER = %v", o)
	}
	if len(timezones(cal)) != 1 {
		t.Error("no VTIMEZONE in the cancel")
	}
	checkRFC5545(t, raw)
	checkLines(t, raw)

	// The demo's own cancelled and declined requests, too.
	for _, title := range []string{"Cabaret dinner show", "English-speaking babysitter"} {
		r := requestTitled(t, st, title)
		if m := text(t, decode(t, exportRequest(t, st, r.ID, "en")).Component, ical.PropMethod); m != MethodCancel {
			t.Errorf("%s (%s): METHOD = %s", title, r.Status, m)
		}
	}
}

func TestDescriptionsFRAndEN(t *testing.T) {
	st := seeded(t)
	stay := stayOf(t, st, "Whitfield")
	dinner := requestTitled(t, st, "Anniversary dinner")
	for _, tc := range []struct {
		lang, stay string
		want       []string
		stayWant   []string
	}{
		{"fr", "Séjour à l'Hôtel Lumière Paris", []string{
			"Nombre de personnes : 2", "N° de confirmation : JH-20417", "Téléphone : +33 1 42 65 18 40",
		}, []string{"Chambre : 701 (Suite Opéra)", "Arrivée : " + stay.Arrival.In(demo.Paris()).Format("02/01/2006") + " 15:00", "Nombre de personnes : 2"}},
		{"en", "Stay at Hôtel Lumière Paris", []string{
			"Party size: 2", "Confirmation number: JH-20417", "Phone: +33 1 42 65 18 40",
		}, []string{"Room: 701 (Suite Opéra)", "Departure: " + stay.Departure.In(demo.Paris()).Format("2 Jan 2006") + ", 12:00", "Party size: 2"}},
	} {
		evs := eventsByUID(t, decode(t, exportStay(t, st, stay.ID, Options{Lang: tc.lang})))
		desc := text(t, evs[dinner.ID+"@loge"].Component, ical.PropDescription)
		for _, w := range tc.want {
			if !strings.Contains(desc, w) {
				t.Errorf("%s description lacks %q:\n%s", tc.lang, w, desc)
			}
		}
		if lines := strings.Split(desc, "\n"); len(lines) != 3 {
			t.Errorf("%s description has %d lines, want 3 (no desk notes):\n%s", tc.lang, len(lines), desc)
		}
		se := evs["stay-"+stay.ID+"@loge"].Component
		if s := text(t, se, ical.PropSummary); s != tc.stay {
			t.Errorf("%s stay SUMMARY %q, want %q", tc.lang, s, tc.stay)
		}
		sdesc := text(t, se, ical.PropDescription)
		for _, w := range tc.stayWant {
			if !strings.Contains(sdesc, w) {
				t.Errorf("%s stay description lacks %q:\n%s", tc.lang, w, sdesc)
			}
		}
	}
}

func TestLongAccentedTextFoldsAndRoundTrips(t *testing.T) {
	ctx := context.Background()
	st := seeded(t)
	r := requestTitled(t, st, "Anniversary dinner")
	r.Notes = strings.Repeat("Table près de la fenêtre, gâteau « 40 ans » ; crème brûlée; \\ ", 6) + "\r\nDeuxième ligne — été 🎂."
	r.Title = "Dîner d'anniversaire, menu dégustation — « Élégance » à la française, côté jardin d'hiver"
	if err := st.UpdateRequest(ctx, &r, "test"); err != nil {
		t.Fatal(err)
	}
	raw := exportRequest(t, st, r.ID, "fr")
	checkLines(t, raw)
	checkRFC5545(t, raw)
	if !bytes.Contains(raw, []byte("\r\n ")) {
		t.Fatal("nothing was folded")
	}
	ev := eventsByUID(t, decode(t, raw))[r.ID+"@loge"]
	desc := text(t, ev.Component, ical.PropDescription)
	if strings.Contains(desc, "gâteau") {
		t.Errorf("the desk's notes leaked into a file meant for the guest:\n%q", desc)
	}
	if s := text(t, ev.Component, ical.PropSummary); s != r.Title+" — Le Jardin d'Hiver" {
		t.Errorf("SUMMARY %q", s)
	}
}

func TestVTimezoneTokyoAndParis(t *testing.T) {
	ctx := context.Background()
	st := seeded(t)
	stay := stayOf(t, st, "Tanaka")
	orsay := requestTitled(t, st, "Musée d'Orsay")
	// Say the tickets are for a museum in Tokyo: a second zone in the same calendar.
	orsay.TimeZone = "Asia/Tokyo"
	if err := st.UpdateRequest(ctx, &orsay, "test"); err != nil {
		t.Fatal(err)
	}
	raw := exportStay(t, st, stay.ID, Options{Lang: "en"})
	cal := decode(t, raw)
	tzs := timezones(cal)
	if len(tzs) != 2 || tzs["Europe/Paris"] == nil || tzs["Asia/Tokyo"] == nil {
		t.Fatalf("VTIMEZONEs %v", tzs)
	}
	tokyo := tzs["Asia/Tokyo"]
	if len(tokyo.Children) != 1 {
		t.Fatalf("Tokyo has %d observances", len(tokyo.Children))
	}
	o := tokyo.Children[0]
	if o.Name != ical.CompTimezoneStandard || o.Props.Get(ical.PropTimezoneOffsetFrom).Value != "+0900" ||
		o.Props.Get(ical.PropTimezoneOffsetTo).Value != "+0900" || o.Props.Get(ical.PropRecurrenceRule) != nil ||
		o.Props.Get(ical.PropTimezoneName).Value != "JST" || o.Props.Get(ical.PropDateTimeStart).Value != "19700101T000000" {
		t.Errorf("Tokyo observance: %+v", o.Props)
	}
	ev := eventsByUID(t, cal)[orsay.ID+"@loge"]
	start := ev.Props.Get(ical.PropDateTimeStart)
	if tz := start.Params.Get(ical.ParamTimezoneID); tz != "Asia/Tokyo" {
		t.Errorf("TZID %s", tz)
	}
	at, err := ev.DateTimeStart(nil)
	if err != nil || !at.Equal(orsay.StartsAt) {
		t.Errorf("DTSTART %v (%v), want %v", at, err, orsay.StartsAt)
	}
	if want := orsay.StartsAt.In(time.FixedZone("JST", 9*3600)).Format("20060102T150405"); start.Value != want {
		t.Errorf("DTSTART value %s, want Tokyo wall time %s", start.Value, want)
	}
	checkZones(t, cal)
	checkRFC5545(t, raw)
}

// TestVTimezoneMatchesGo checks, for zones with and without DST, in both hemispheres, and zones whose
// rules changed, that the VTIMEZONE gives the offset Go gives at every transition and every six hours
// of the years around the events.
func TestVTimezoneMatchesGo(t *testing.T) {
	for _, tc := range []struct {
		zone  string
		at    time.Time
		rrule bool
	}{
		{"Europe/Paris", time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC), true},
		{"Europe/London", time.Date(2026, 3, 29, 12, 0, 0, 0, time.UTC), true},
		{"America/New_York", time.Date(2025, 11, 2, 12, 0, 0, 0, time.UTC), true},
		{"Australia/Sydney", time.Date(2025, 10, 5, 12, 0, 0, 0, time.UTC), true},
		{"Asia/Tokyo", time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC), false},
		{"Asia/Kolkata", time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC), false},
		{"America/Sao_Paulo", time.Date(2019, 1, 10, 12, 0, 0, 0, time.UTC), false}, // DST abolished in 2019
		{"Asia/Tehran", time.Date(2022, 5, 1, 12, 0, 0, 0, time.UTC), false},        // DST by date, abolished 2022
	} {
		t.Run(tc.zone, func(t *testing.T) {
			loc, err := time.LoadLocation(tc.zone)
			if err != nil {
				t.Skip(err)
			}
			tz := vtimezone(tc.zone, loc, []time.Time{tc.at.In(loc)})
			hasRule := false
			for _, c := range tz.Children {
				hasRule = hasRule || c.Props.Get(ical.PropRecurrenceRule) != nil
			}
			if hasRule != tc.rrule {
				t.Errorf("RRULE used: %v, want %v", hasRule, tc.rrule)
			}
			y := tc.at.In(loc).Year()
			checkZone(t, tz, loc, time.Date(y-1, 1, 1, 0, 0, 0, 0, loc), time.Date(y+2, 1, 1, 0, 0, 0, 0, loc))
		})
	}
}

// checkZones checks every VTIMEZONE of a calendar against Go over the years its events fall in.
func checkZones(t *testing.T, cal *ical.Calendar) {
	t.Helper()
	for id, tz := range timezones(cal) {
		loc, err := time.LoadLocation(id)
		if err != nil {
			t.Fatal(err)
		}
		y := time.Now().In(loc).Year()
		checkZone(t, tz, loc, time.Date(y, 1, 1, 0, 0, 0, 0, loc), time.Date(y+1, 1, 1, 0, 0, 0, 0, loc))
	}
}

// checkZone evaluates a VTIMEZONE as a calendar would (latest observance onset wins) and compares
// the UTC offset with Go's over [from, to).
func checkZone(t *testing.T, tz *ical.Component, loc *time.Location, from, to time.Time) {
	t.Helper()
	type onset struct {
		at time.Time
		to string
	}
	var onsets []onset
	for _, c := range tz.Children {
		fromOff := c.Props.Get(ical.PropTimezoneOffsetFrom).Value
		toOff := c.Props.Get(ical.PropTimezoneOffsetTo).Value
		shift := -parseOffset(t, fromOff) // DTSTART is the wall time before the change
		if c.Props.Get(ical.PropRecurrenceRule) != nil {
			set, err := c.RecurrenceSet(time.UTC)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range set.Between(from.AddDate(-1, 0, 0), to.AddDate(1, 0, 0), true) {
				onsets = append(onsets, onset{w.Add(shift), toOff})
			}
			continue
		}
		w, err := c.Props.DateTime(ical.PropDateTimeStart, time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		onsets = append(onsets, onset{w.Add(shift), toOff})
	}
	sort.Slice(onsets, func(i, j int) bool { return onsets[i].at.Before(onsets[j].at) })
	offsetAt := func(at time.Time) string {
		off := ""
		for _, o := range onsets {
			if o.at.After(at) {
				break
			}
			off = o.to
		}
		return off
	}
	probe := func(at time.Time) {
		_, goOff := at.In(loc).Zone()
		if got, want := offsetAt(at), utcOffset(goOff); got != want {
			t.Errorf("%s at %v: VTIMEZONE says %q, Go %q", loc, at.UTC(), got, want)
		}
	}
	for at := from; at.Before(to); at = at.Add(6 * time.Hour) {
		probe(at)
	}
	for _, tr := range transitions(loc, from, to) {
		probe(tr.at.Add(-time.Second))
		probe(tr.at)
	}
}

func parseOffset(t *testing.T, s string) time.Duration {
	t.Helper()
	if !regexp.MustCompile(`^[+-]\d{4}(\d{2})?$`).MatchString(s) {
		t.Fatalf("bad UTC offset %q", s)
	}
	n := func(i int) time.Duration { return time.Duration((s[i]-'0')*10 + s[i+1] - '0') }
	d := n(1)*time.Hour + n(3)*time.Minute
	if len(s) == 7 {
		d += n(5) * time.Second
	}
	if s[0] == '-' {
		d = -d
	}
	return d
}

// checkLines: CRLF everywhere, no line over 75 octets, no UTF-8 character split by folding.
func checkLines(t *testing.T, raw []byte) {
	t.Helper()
	if !bytes.HasSuffix(raw, []byte("\r\n")) {
		t.Error("does not end in CRLF")
	}
	lines := bytes.Split(bytes.TrimSuffix(raw, []byte("\r\n")), []byte("\r\n"))
	for i, l := range lines {
		if bytes.ContainsAny(l, "\r\n") {
			t.Errorf("line %d: bare CR or LF: %q", i+1, l)
		}
		if len(l) > 75 {
			t.Errorf("line %d: %d octets: %q", i+1, len(l), l)
		}
		if !utf8.Valid(l) {
			t.Errorf("line %d: a UTF-8 character is split: %q", i+1, l)
		}
	}
}

// checkRFC5545 is a strict hand check of what RFC 5545 requires: one VCALENDAR with exactly one
// VERSION:2.0 and PRODID; in each VEVENT exactly one UID, DTSTAMP (UTC) and DTSTART, an end after the
// start; each TZID used has a VTIMEZONE with TZID and at least one observance having DTSTART,
// TZOFFSETFROM and TZOFFSETTO; components balanced; content lines well formed.
func checkRFC5545(t *testing.T, raw []byte) {
	t.Helper()
	unfolded := strings.ReplaceAll(string(raw), "\r\n ", "")
	lines := strings.Split(strings.TrimSuffix(unfolded, "\r\n"), "\r\n")
	if lines[0] != "BEGIN:VCALENDAR" || lines[len(lines)-1] != "END:VCALENDAR" {
		t.Fatalf("not one VCALENDAR: %q … %q", lines[0], lines[len(lines)-1])
	}
	contentLine := regexp.MustCompile(`^([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)*):(.*)$`)
	type comp struct {
		name  string
		props map[string][]string // name → values
		tzids []string
	}
	var stack []*comp
	var done []*comp
	for i, l := range lines {
		m := contentLine.FindStringSubmatch(l)
		if m == nil {
			t.Errorf("line %d is not a content line: %q", i+1, l)
			continue
		}
		name, params, value := strings.ToUpper(m[1]), m[2], m[3]
		switch name {
		case "BEGIN":
			stack = append(stack, &comp{name: value, props: map[string][]string{}})
			continue
		case "END":
			if len(stack) == 0 || stack[len(stack)-1].name != value {
				t.Fatalf("line %d: END:%s does not close the open component", i+1, value)
			}
			done = append(done, stack[len(stack)-1])
			stack = stack[:len(stack)-1]
			continue
		}
		if len(stack) == 0 {
			t.Fatalf("line %d outside any component", i+1)
		}
		c := stack[len(stack)-1]
		c.props[name] = append(c.props[name], value)
		if tz := regexp.MustCompile(`;TZID=([^;:]+)`).FindStringSubmatch(params); tz != nil {
			c.tzids = append(c.tzids, tz[1])
		}
	}
	if len(stack) != 0 {
		t.Fatalf("unclosed components: %v", stack)
	}
	one := func(c *comp, prop string) string {
		if n := len(c.props[prop]); n != 1 {
			t.Errorf("%s has %d %s, want exactly one", c.name, n, prop)
			return ""
		}
		return c.props[prop][0]
	}
	used, defined := map[string]bool{}, map[string]bool{}
	events := 0
	for _, c := range done {
		switch c.name {
		case "VCALENDAR":
			if v := one(c, "VERSION"); v != "2.0" {
				t.Errorf("VERSION %q", v)
			}
			if one(c, "PRODID") == "" {
				t.Error("empty PRODID")
			}
			if m := one(c, "METHOD"); m != MethodPublish && m != MethodCancel {
				t.Errorf("METHOD %q", m)
			}
		case "VEVENT":
			events++
			if one(c, "UID") == "" {
				t.Error("empty UID")
			}
			if s := one(c, "DTSTAMP"); !regexp.MustCompile(`^\d{8}T\d{6}Z$`).MatchString(s) {
				t.Errorf("DTSTAMP %q is not a UTC date-time", s)
			}
			start := one(c, "DTSTART")
			if len(c.props["DTEND"]) > 0 && len(c.props["DURATION"]) > 0 {
				t.Error("both DTEND and DURATION")
			}
			if end := one(c, "DTEND"); len(end) != len(start) || end <= start {
				t.Errorf("DTEND %s not after DTSTART %s", end, start)
			}
			if s := one(c, "SEQUENCE"); !regexp.MustCompile(`^\d+$`).MatchString(s) {
				t.Errorf("SEQUENCE %q", s)
			}
			for _, tz := range c.tzids {
				used[tz] = true
			}
		case "VTIMEZONE":
			defined[one(c, "TZID")] = true
		case "STANDARD", "DAYLIGHT":
			one(c, "DTSTART")
			one(c, "TZOFFSETFROM")
			one(c, "TZOFFSETTO")
		}
	}
	if events == 0 {
		t.Error("no VEVENT")
	}
	for tz := range used {
		if !defined[tz] {
			t.Errorf("TZID %s used without a VTIMEZONE", tz)
		}
	}
}

func TestFold(t *testing.T) {
	long := "DESCRIPTION:" + strings.Repeat("é", 100)
	out := fold([]byte(long + "\r\nX:y\r\n"))
	checkLines(t, out)
	if got := strings.ReplaceAll(string(out), "\r\n ", ""); got != long+"\r\nX:y\r\n" {
		t.Errorf("unfolds to %q", got)
	}
}

func TestPlaceAndStayTitles(t *testing.T) {
	for _, tc := range [][3]string{
		{"9 rue Boissy-d'Anglas, 75008", "Paris", "9 rue Boissy-d'Anglas, 75008 Paris"},
		{"Niveau -1, Hôtel Lumière Paris", "Paris", "Niveau -1, Hôtel Lumière Paris"},
		{"Place d'Armes", "Versailles", "Place d'Armes, Versailles"},
		{"", "Paris", "Paris"},
		{"", "", ""},
	} {
		if got := place(tc[0], tc[1]); got != tc[2] {
			t.Errorf("place(%q, %q) = %q, want %q", tc[0], tc[1], got, tc[2])
		}
	}
	for hotel, want := range map[string]string{
		"Hôtel Lumière Paris": "Séjour à l'Hôtel Lumière Paris",
		"Le Bristol":          "Séjour au Bristol",
		"La Réserve":          "Séjour à la Réserve",
		"Ritz Paris":          "Séjour à l'hôtel Ritz Paris",
		"":                    "Séjour à l'hôtel",
	} {
		if got := stayAtFR(hotel); got != want {
			t.Errorf("stayAtFR(%q) = %q, want %q", hotel, got, want)
		}
	}
}

func TestZoneWithoutNameIsWrittenInUTC(t *testing.T) {
	ctx := context.Background()
	st := seeded(t)
	st.Loc = time.FixedZone("hotel", 3600) // a desk whose zone has no IANA name
	r := requestTitled(t, st, "Anniversary dinner")
	r.TimeZone = ""
	if err := st.UpdateRequest(ctx, &r, "test"); err != nil {
		t.Fatal(err)
	}
	raw := exportRequest(t, st, r.ID, "en")
	cal := decode(t, raw)
	if n := len(timezones(cal)); n != 0 {
		t.Errorf("%d VTIMEZONEs for a UTC time", n)
	}
	ev := eventsByUID(t, cal)[r.ID+"@loge"]
	start := ev.Props.Get(ical.PropDateTimeStart)
	if !strings.HasSuffix(start.Value, "Z") || start.Params.Get(ical.ParamTimezoneID) != "" {
		t.Errorf("DTSTART %v", start)
	}
	if at, err := ev.DateTimeStart(nil); err != nil || !at.Equal(r.StartsAt) {
		t.Errorf("DTSTART %v (%v), want %v", at, err, r.StartsAt)
	}
	checkRFC5545(t, raw)
}
