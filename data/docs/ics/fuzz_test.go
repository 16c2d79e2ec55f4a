package ics

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"loge/data/desk"
	"loge/data/store/storetest"

	"github.com/emersion/go-ical"
)

// FuzzExport writes the calendar of a stay and one request whose every text (title, vendor,
// address, confirmation, room, hotel and desk names), kind, status, time zone and start the fuzzer
// chooses, on a real desk (SEQUENCE comes from the store). Whatever they hold:
//   - the export does not fail, every line ends in CRLF and is at most 75 octets, and the file is
//     valid UTF-8 whatever bytes the texts hold (setText maps them to U+FFFD);
//   - it parses back with go-ical, with the stay's event and the request's;
//   - the request's UID, title, confirmation, status and start instant, and the stay's room, read
//     back as written (texts as setText cleans them: no CR, no control character).
//
// Seeds: testdata/fuzz/FuzzExport and the ones below.
func FuzzExport(f *testing.F) {
	type seed struct {
		title, vendor, addr, confirmation, room, hotel, deskName, zone, kind, status string
		start                                                                        int64
	}
	for _, s := range []seed{
		{"Dîner d'anniversaire", "Le Jardin d'Hiver", "9 rue Boissy-d'Anglas, 75008", "JH-20417", "701 (Suite Opéra)", "Hôtel Lumière Paris", "Conciergerie", "Europe/Paris", desk.KindRestaurant, desk.RequestConfirmed, 1795550400},
		{"", "", "", "", "", "", "", "", "", "", 0},
		{"a;b,c\\d\nline\r\nCR\rtab\tNUL\x00 DEL\x7f", "\"quoted\"", ";", ",", "\\", "Le Bristol", "desk\r\n\"x\"", "America/St_Johns", desk.KindTour, desk.RequestCancelled, -2208988800},
		{strings.Repeat("é", 200), strings.Repeat("日本", 60), strings.Repeat("x", 300), "🎉🎉🎉", "\u200b", "L’Hôtel", "", "Australia/Lord_Howe", desk.KindSpa, desk.RequestDeclined, 7258118399},
		{"\xff\xfe", "\xc3", "", "", "", "", "", "Asia/Kathmandu", "unknown-kind", "weird", 1},
		{"BEGIN:VEVENT", "END:VCALENDAR", "", "", "", "", "", "../../etc/passwd", desk.KindTransfer, desk.RequestDone, 1e12},
	} {
		f.Add(s.title, s.vendor, s.addr, s.confirmation, s.room, s.hotel, s.deskName, s.zone, s.kind, s.status, s.start)
	}
	ctx := context.Background()
	st, acct := storetest.WithAccount(f)
	_ = acct
	st.Loc = time.UTC
	f.Fuzz(func(t *testing.T, title, vendor, addr, confirmation, room, hotel, deskName, zone, kind, status string, start int64) {
		b, err := newBuilder(ctx, st, Options{Lang: "en", Now: time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)})
		if err != nil {
			t.Fatal(err)
		}
		// What newBuilder reads from the settings, from the fuzzer instead (no write per run).
		b.hotel = strings.TrimSpace(hotel)
		if cn := paramSafe(deskName + " — " + hotel); cn != "" {
			b.organizer.Params.Set(ical.ParamCommonName, cn)
		}
		// A desk books from 1900 to 2200; 0 is a request without a time.
		const from, span = -2208988800, 9467107200
		at := time.Time{}
		if start != 0 {
			at = time.Unix(from+(start%span+span)%span, 0)
		}
		v := desk.Vendor{ID: "v1", Name: vendor, Address: addr, City: "Paris", Phone: "+33 1 42 65 18 40"}
		b.vendors[v.ID] = v
		r := desk.Request{ID: "11111111-2222-3333-4444-555555555555", Title: title, Kind: kind, Status: status, VendorID: v.ID,
			StartsAt: at, TimeZone: zone, PartySize: 2, Confirmation: confirmation}
		stay := desk.Stay{ID: "66666666-7777-8888-9999-000000000000", Room: room, PartySize: 2,
			Arrival: at, Departure: at.Add(72 * time.Hour)}
		ev, err := b.requestEvent(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := b.write(ctx, MethodPublish, []*ical.Component{b.stayEvent(stay), ev}, &buf); err != nil {
			t.Fatalf("write: %v", err)
		}
		out := buf.Bytes()

		if !utf8.Valid(out) {
			t.Fatalf("not UTF-8:\n%q", out)
		}
		if !bytes.HasSuffix(out, []byte("\r\n")) {
			t.Fatal("does not end in CRLF")
		}
		for _, line := range bytes.Split(out[:len(out)-2], []byte("\r\n")) {
			if len(line) > 75 || bytes.ContainsAny(line, "\r\n") {
				t.Fatalf("line of %d octets: %q", len(line), line)
			}
		}
		cal, err := ical.NewDecoder(bytes.NewReader(out)).Decode()
		if err != nil {
			t.Fatalf("does not parse back: %v\n%s", err, out)
		}
		events := cal.Events()
		if len(events) != 2 {
			t.Fatalf("%d events", len(events))
		}
		stayEv, reqEv := events[0], events[1]
		if uid, _ := reqEv.Props.Text(ical.PropUID); uid != RequestUID(r.ID) {
			t.Fatalf("UID %q", uid)
		}
		if s, _ := reqEv.Props.Text(ical.PropStatus); s != Status(status) {
			t.Fatalf("STATUS %q for %q", s, status)
		}
		summary, err := reqEv.Props.Text(ical.PropSummary)
		if want := cleaned(strings.TrimSpace(title)); err != nil || !strings.HasPrefix(summary, want) {
			t.Fatalf("SUMMARY %q (%v), want it to start with %q", summary, err, want)
		}
		if c := cleaned(strings.TrimSpace(confirmation)); c != "" {
			if d, _ := reqEv.Props.Text(ical.PropDescription); !strings.Contains(d, c) {
				t.Fatalf("DESCRIPTION %q lacks %q", d, c)
			}
		}
		if rm := cleaned(strings.TrimSpace(room)); rm != "" {
			if d, _ := stayEv.Props.Text(ical.PropDescription); !strings.Contains(d, rm) {
				t.Fatalf("stay DESCRIPTION %q lacks %q", d, rm)
			}
		}
		got, err := reqEv.DateTimeStart(time.UTC)
		if err != nil || !got.Equal(at) {
			t.Fatalf("DTSTART %v (%v), want %v in %q", got, err, at, zone)
		}
	})
}

// cleaned is text as setText writes it.
func cleaned(s string) string {
	c := ical.NewComponent(ical.CompEvent)
	setText(c, ical.PropSummary, s)
	v, _ := c.Props.Text(ical.PropSummary)
	return v
}
