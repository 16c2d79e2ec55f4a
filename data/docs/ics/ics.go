// Package ics writes iCalendar (.ics, RFC 5545) files for a stay or a request, with
// emersion/go-ical, so a guest or the desk can put bookings into Outlook, Apple or Google calendars.
//
//   - Each request is one VEVENT whose UID is derived from the request's UUID ("<uuid>@loge"), and
//     each stay one all-day VEVENT ("stay-<uuid>@loge"): exporting again keeps the UID, so a calendar
//     updates its copy instead of adding a second one.
//   - SEQUENCE grows when the event's content changed since this desk last exported it: the store
//     keeps per UID the hash of the content and the SEQUENCE written (data.Store.NextICSSequence).
//   - Times carry a TZID and the calendar holds a VTIMEZONE for each zone used, built from Go's time
//     zone data: yearly RRULEs for zones with daylight saving time, when the rule holds for every
//     year around the events, otherwise the exact transitions of those years.
//   - A request has only a start time: it lasts 2 h for a restaurant, 1 h for a transfer, 1 h 30 for
//     the spa, 3 h for tickets and tours, 1 h for anything else (see Duration).
//   - A cancelled or declined request written alone goes out with METHOD:CANCEL and
//     STATUS:CANCELLED, so calendars that have it remove it.
//
// Lines end in CRLF and are folded at 75 octets without splitting a UTF-8 character.
package ics

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // time zones must resolve everywhere, Windows included.
	"unicode/utf8"

	"loge/data/desk"
	"loge/data/store"

	"github.com/emersion/go-ical"
)

// ProdID names Loge as the calendar's producer.
const ProdID = "-//Loge//Concierge desk//FR"

// Methods (RFC 5546) of the calendars written here.
const (
	MethodPublish = "PUBLISH"
	MethodCancel  = "CANCEL"
)

// durations is how long a request of each kind lasts in a calendar: a request has only a start time.
var durations = map[string]time.Duration{
	desk.KindRestaurant: 2 * time.Hour,
	desk.KindTransfer:   time.Hour,
	desk.KindSpa:        90 * time.Minute,
	desk.KindTickets:    3 * time.Hour,
	desk.KindTour:       3 * time.Hour,
}

// Duration is how long a request of kind lasts in a calendar: restaurant 2 h, transfer 1 h, spa
// 1 h 30, tickets 3 h, tour 3 h, anything else 1 h.
func Duration(kind string) time.Duration {
	if d, ok := durations[kind]; ok {
		return d
	}
	return time.Hour
}

// words are the document's texts in one language: the calendar is written for the guest.
type words struct {
	stayAt       func(hotel string) string
	party        string
	confirmation string
	phone        string
	room         string
	arrival      string
	departure    string
	dateTime     string // time layout
	kinds        map[string]string
}

var texts = map[string]words{
	"fr": {
		stayAt:       stayAtFR,
		party:        "Nombre de personnes : ",
		confirmation: "N° de confirmation : ",
		phone:        "Téléphone : ",
		room:         "Chambre : ",
		arrival:      "Arrivée : ",
		departure:    "Départ : ",
		dateTime:     "02/01/2006 15:04",
		kinds: map[string]string{
			desk.KindRestaurant: "Restaurant", desk.KindTransfer: "Transfert", desk.KindTickets: "Billets",
			desk.KindSpa: "Spa", desk.KindTour: "Visite", desk.KindFlowers: "Fleurs", desk.KindOther: "Réservation",
		},
	},
	"en": {
		stayAt: func(hotel string) string {
			if hotel == "" {
				return "Hotel stay"
			}
			return "Stay at " + hotel
		},
		party:        "Party size: ",
		confirmation: "Confirmation number: ",
		phone:        "Phone: ",
		room:         "Room: ",
		arrival:      "Arrival: ",
		departure:    "Departure: ",
		dateTime:     "2 Jan 2006, 15:04",
		kinds: map[string]string{
			desk.KindRestaurant: "Restaurant", desk.KindTransfer: "Transfer", desk.KindTickets: "Tickets",
			desk.KindSpa: "Spa", desk.KindTour: "Tour", desk.KindFlowers: "Flowers", desk.KindOther: "Booking",
		},
	},
}

// stayAtFR is "Séjour à l'Hôtel Lumière Paris", "Séjour au Bristol", or "Séjour à l'hôtel Ritz Paris"
// when the name does not say what it is.
func stayAtFR(hotel string) string {
	if hotel == "" {
		return "Séjour à l'hôtel"
	}
	lower := strings.ToLower(hotel)
	for _, p := range []struct{ prefix, say string }{
		{"hôtel ", "à l'"}, {"hotel ", "à l'"}, {"l'", "à "}, {"l’", "à "},
		{"le ", "au "}, {"la ", "à la "}, {"les ", "aux "},
	} {
		if strings.HasPrefix(lower, p.prefix) {
			if p.prefix == "le " || p.prefix == "la " || p.prefix == "les " {
				return "Séjour " + p.say + hotel[len(p.prefix):]
			}
			return "Séjour " + p.say + hotel
		}
	}
	return "Séjour à l'hôtel " + hotel
}

// lang picks the texts for a language tag ("fr", "en", "en-GB"…); French unless it is English.
func lang(tag string) words {
	if strings.HasPrefix(strings.ToLower(strings.TrimSpace(tag)), "en") {
		return texts["en"]
	}
	return texts["fr"]
}

// Options adjusts a calendar.
type Options struct {
	Lang             string    // "fr" or "en" (anything not English reads as French)
	IncludeCancelled bool      // stays: also write cancelled and declined requests, as STATUS:CANCELLED
	Now              time.Time // DTSTAMP; zero means time.Now()
}

// Stay writes a calendar (METHOD:PUBLISH) with one VEVENT per request of the stay, cancelled and
// declined ones left out, plus one all-day VEVENT spanning the stay itself, arrival day to departure
// day included ("Séjour à l'Hôtel …" / "Stay at …").
func Stay(ctx context.Context, st *store.Store, stayID, lang string, w io.Writer) error {
	return StayWith(ctx, st, stayID, Options{Lang: lang}, w)
}

// StayWith is Stay with options.
func StayWith(ctx context.Context, st *store.Store, stayID string, opt Options, w io.Writer) error {
	stay, err := st.Stay(ctx, stayID)
	if err != nil {
		return fmt.Errorf("stay %s: %w", stayID, err)
	}
	reqs, err := st.Requests(ctx, store.RequestFilter{StayID: stayID})
	if err != nil {
		return err
	}
	b, err := newBuilder(ctx, st, opt)
	if err != nil {
		return err
	}
	events := []*ical.Component{b.stayEvent(stay)}
	for _, r := range reqs {
		if cancelled(r.Status) && !opt.IncludeCancelled || r.Private {
			continue // a private request (a surprise) stays off the guest's calendar
		}
		ev, err := b.requestEvent(ctx, r)
		if err != nil {
			return err
		}
		events = append(events, ev)
	}
	return b.write(ctx, MethodPublish, events, w)
}

// Request writes a calendar with one request. A cancelled or declined request is written with
// METHOD:CANCEL and STATUS:CANCELLED so calendars remove it; any other with METHOD:PUBLISH.
func Request(ctx context.Context, st *store.Store, requestID, lang string, w io.Writer) error {
	return RequestWith(ctx, st, requestID, Options{Lang: lang}, w)
}

// RequestWith is Request with options (IncludeCancelled does not apply).
func RequestWith(ctx context.Context, st *store.Store, requestID string, opt Options, w io.Writer) error {
	r, err := st.Request(ctx, requestID)
	if err != nil {
		return fmt.Errorf("request %s: %w", requestID, err)
	}
	b, err := newBuilder(ctx, st, opt)
	if err != nil {
		return err
	}
	ev, err := b.requestEvent(ctx, r)
	if err != nil {
		return err
	}
	method := MethodPublish
	if cancelled(r.Status) {
		method = MethodCancel
	}
	return b.write(ctx, method, []*ical.Component{ev}, w)
}

// RequestUID is the iCalendar UID of a request: it never changes, so calendars update their copy.
func RequestUID(requestID string) string { return requestID + "@loge" }

// StayUID is the iCalendar UID of a stay's own event.
func StayUID(stayID string) string { return "stay-" + stayID + "@loge" }

func cancelled(status string) bool {
	return status == desk.RequestCancelled || status == desk.RequestDeclined
}

// Status is the VEVENT STATUS for a request status: CONFIRMED once the vendor confirmed, CANCELLED
// when cancelled or declined, TENTATIVE while it is still being arranged.
func Status(requestStatus string) string {
	switch requestStatus {
	case desk.RequestConfirmed, desk.RequestDone:
		return "CONFIRMED"
	case desk.RequestCancelled, desk.RequestDeclined:
		return "CANCELLED"
	default:
		return "TENTATIVE"
	}
}

// builder gathers what one calendar needs: texts, the hotel, vendors and the time zones used.
type builder struct {
	st        *store.Store
	w         words
	now       time.Time
	hotel     string
	organizer *ical.Prop
	vendors   map[string]desk.Vendor
	zones     map[string]*zoneUse
}

type zoneUse struct {
	loc   *time.Location
	times []time.Time
}

func newBuilder(ctx context.Context, st *store.Store, opt Options) (*builder, error) {
	b := &builder{st: st, w: lang(opt.Lang), now: opt.Now, vendors: map[string]desk.Vendor{}, zones: map[string]*zoneUse{}}
	if b.now.IsZero() {
		b.now = time.Now()
	}
	var err error
	if b.hotel, err = st.Setting(ctx, "hotel.name"); err != nil {
		return nil, err
	}
	b.hotel = strings.TrimSpace(b.hotel)
	// RFC 5546 wants an ORGANIZER in PUBLISH and CANCEL: the desk's mailbox, when there is one.
	accts, err := st.Accounts(ctx)
	if err != nil {
		return nil, err
	}
	for _, a := range accts {
		if a.Email == "" {
			continue
		}
		b.organizer = ical.NewProp(ical.PropOrganizer)
		b.organizer.Value = "mailto:" + a.Email
		desk, err := st.Setting(ctx, "desk.name")
		if err != nil {
			return nil, err
		}
		cn := strings.TrimSpace(desk) // "Conciergerie — Hôtel Lumière Paris"
		if b.hotel != "" && !strings.Contains(strings.ToLower(cn), strings.ToLower(b.hotel)) {
			cn = strings.TrimPrefix(cn+" — "+b.hotel, " — ")
		}
		if cn = paramSafe(cn); cn != "" {
			b.organizer.Params.Set(ical.ParamCommonName, cn)
		}
		break
	}
	return b, nil
}

func (b *builder) vendor(ctx context.Context, r desk.Request) (desk.Vendor, error) {
	if r.VendorID == "" {
		return desk.Vendor{}, nil
	}
	if v, ok := b.vendors[r.VendorID]; ok {
		return v, nil
	}
	v, err := b.st.Vendor(ctx, r.VendorID)
	if errors.Is(err, store.ErrNotFound) {
		v, err = desk.Vendor{ID: r.VendorID, Name: r.VendorName}, nil // a vendor since removed from the book
	}
	if err != nil {
		return v, err
	}
	b.vendors[r.VendorID] = v
	return v, nil
}

// requestEvent builds the VEVENT of a request, without DTSTAMP and SEQUENCE (added by write).
func (b *builder) requestEvent(ctx context.Context, r desk.Request) (*ical.Component, error) {
	v, err := b.vendor(ctx, r)
	if err != nil {
		return nil, err
	}
	ev := ical.NewComponent(ical.CompEvent)
	setText(ev, ical.PropUID, RequestUID(r.ID))
	start := r.StartsAt.In(r.Location(b.st.Loc))
	b.setTime(ev, ical.PropDateTimeStart, start)
	b.setTime(ev, ical.PropDateTimeEnd, start.Add(Duration(r.Kind)))

	summary := strings.TrimSpace(r.Title)
	if summary == "" {
		summary = b.w.kinds[r.Kind]
	}
	if name := strings.TrimSpace(v.Name); name != "" && !strings.Contains(strings.ToLower(summary), strings.ToLower(name)) {
		summary += " — " + name
	}
	setText(ev, ical.PropSummary, summary)
	if loc := place(v.Address, v.City); loc != "" {
		setText(ev, ical.PropLocation, loc)
	}
	var desc []string
	add := func(label, value string) {
		if value = strings.TrimSpace(value); value != "" {
			desc = append(desc, label+value)
		}
	}
	if r.PartySize > 0 {
		add(b.w.party, strconv.Itoa(r.PartySize))
	}
	add(b.w.confirmation, r.Confirmation)
	add(b.w.phone, v.Phone)
	// Request notes are the desk's (allergies, surprises, "do not mention…"): an .ics goes to the
	// guest, so they stay out.
	if len(desc) > 0 {
		setText(ev, ical.PropDescription, strings.Join(desc, "\n"))
	}
	setText(ev, ical.PropStatus, Status(r.Status))
	if b.organizer != nil {
		ev.Props.Set(b.organizer)
	}
	return ev, nil
}

// stayEvent builds the all-day VEVENT of a stay: from the arrival day to the departure day included
// (DTEND is the day after departure: DATE ends are exclusive), in the hotel's time zone. It does not
// block the guest's time (TRANSP:TRANSPARENT).
func (b *builder) stayEvent(s desk.Stay) *ical.Component {
	loc := b.st.Loc
	arr, dep := s.Arrival.In(loc), s.Departure.In(loc)
	ev := ical.NewComponent(ical.CompEvent)
	setText(ev, ical.PropUID, StayUID(s.ID))
	first := time.Date(arr.Year(), arr.Month(), arr.Day(), 0, 0, 0, 0, time.UTC)
	last := time.Date(dep.Year(), dep.Month(), dep.Day(), 0, 0, 0, 0, time.UTC)
	ev.Props.SetDate(ical.PropDateTimeStart, first)
	ev.Props.SetDate(ical.PropDateTimeEnd, last.AddDate(0, 0, 1))
	setText(ev, ical.PropSummary, b.w.stayAt(b.hotel))
	if b.hotel != "" {
		setText(ev, ical.PropLocation, b.hotel)
	}
	var desc []string
	if room := strings.TrimSpace(s.Room); room != "" {
		desc = append(desc, b.w.room+room)
	}
	desc = append(desc, b.w.arrival+arr.Format(b.w.dateTime), b.w.departure+dep.Format(b.w.dateTime))
	if s.PartySize > 0 {
		desc = append(desc, b.w.party+strconv.Itoa(s.PartySize))
	}
	setText(ev, ical.PropDescription, strings.Join(desc, "\n"))
	status := "CONFIRMED"
	if s.Status == desk.StayCancelled {
		status = "CANCELLED"
	}
	setText(ev, ical.PropStatus, status)
	setText(ev, ical.PropTransparency, "TRANSPARENT")
	if b.organizer != nil {
		ev.Props.Set(b.organizer)
	}
	return ev
}

// place is an address and its city, once: "9 rue Boissy-d'Anglas, 75008 Paris".
func place(addr, city string) string {
	addr, city = strings.TrimSpace(addr), strings.TrimSpace(city)
	switch {
	case city == "" || strings.Contains(strings.ToLower(addr), strings.ToLower(city)):
		return addr
	case addr == "":
		return city
	}
	fields := strings.Fields(addr)
	if last := strings.TrimRight(fields[len(fields)-1], ","); last != "" && strings.Trim(last, "0123456789") == "" {
		return strings.TrimRight(addr, ", ") + " " + city // ends with a postcode
	}
	return addr + ", " + city
}

// setTime writes a DATE-TIME in t's zone with its TZID (the zone gets a VTIMEZONE), or in UTC when the
// zone has no IANA name.
func (b *builder) setTime(ev *ical.Component, name string, t time.Time) {
	prop := ical.NewProp(name)
	id, loc := zoneID(t.Location())
	if id == "" {
		prop.Value = t.UTC().Format("20060102T150405Z")
	} else {
		t = t.In(loc)
		prop.Params.Set(ical.ParamTimezoneID, id)
		prop.Value = t.Format("20060102T150405")
		z := b.zones[id]
		if z == nil {
			z = &zoneUse{loc: loc}
			b.zones[id] = z
		}
		z.times = append(z.times, t)
	}
	ev.Props.Set(prop)
}

// zoneID is the IANA name to write as TZID for loc and the location it names; "" for UTC or a zone
// without a name (times are then written in UTC). The machine's local zone is looked up by name.
func zoneID(loc *time.Location) (string, *time.Location) {
	name := loc.String()
	if name == "Local" {
		name = localZoneName()
	}
	if name == "" || name == "UTC" || name == "Etc/UTC" {
		return "", time.UTC
	}
	l, err := time.LoadLocation(name)
	if err != nil {
		return "", time.UTC
	}
	return name, l
}

// localZoneName is the IANA name of the machine's zone, from TZ or the /etc/localtime link.
func localZoneName() string {
	if tz, ok := os.LookupEnv("TZ"); ok {
		return strings.TrimPrefix(tz, ":")
	}
	if p, err := filepath.EvalSymlinks("/etc/localtime"); err == nil {
		if _, name, ok := strings.Cut(filepath.ToSlash(p), "zoneinfo/"); ok {
			if _, err := time.LoadLocation(name); err == nil {
				return name
			}
		}
	}
	return ""
}

// write stamps the events (DTSTAMP, SEQUENCE from the store), adds the VTIMEZONEs and writes the
// calendar to w in one piece, CRLF and folded: nothing is written when building it fails.
func (b *builder) write(ctx context.Context, method string, events []*ical.Component, w io.Writer) error {
	cal := ical.NewCalendar()
	setText(cal.Component, ical.PropVersion, "2.0")
	setText(cal.Component, ical.PropProductID, ProdID)
	setText(cal.Component, ical.PropCalendarScale, "GREGORIAN")
	setText(cal.Component, ical.PropMethod, method)

	ids := make([]string, 0, len(b.zones))
	for id := range b.zones {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		cal.Children = append(cal.Children, vtimezone(id, b.zones[id].loc, b.zones[id].times))
	}

	stamp := b.now.UTC().Format("20060102T150405Z")
	for _, ev := range events {
		uid := ev.Props.Get(ical.PropUID).Value
		seq, err := b.st.NextICSSequence(ctx, uid, contentHash(ev))
		if err != nil {
			return fmt.Errorf("ics: sequence of %s: %w", uid, err)
		}
		ev.Props.Set(&ical.Prop{Name: ical.PropDateTimeStamp, Params: ical.Params{}, Value: stamp})
		ev.Props.Set(&ical.Prop{Name: ical.PropSequence, Params: ical.Params{}, Value: strconv.Itoa(seq)})
		cal.Children = append(cal.Children, ev)
	}

	var buf bytes.Buffer
	if err := ical.NewEncoder(&buf).Encode(cal); err != nil {
		return fmt.Errorf("ics: %w", err)
	}
	_, err := w.Write(fold(buf.Bytes()))
	return err
}

// contentHash hashes what an event says (every property but DTSTAMP and SEQUENCE), in a stable order.
func contentHash(ev *ical.Component) string {
	h := sha256.New()
	names := make([]string, 0, len(ev.Props))
	for name := range ev.Props {
		if name != ical.PropDateTimeStamp && name != ical.PropSequence {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, name := range names {
		for _, p := range ev.Props[name] {
			params := make([]string, 0, len(p.Params))
			for k, vs := range p.Params {
				params = append(params, k+"="+strings.Join(vs, ","))
			}
			sort.Strings(params)
			fmt.Fprintf(h, "%s;%s:%s\n", name, strings.Join(params, ";"), p.Value)
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

// setText sets a TEXT property, its line breaks normalised and other control characters dropped
// (RFC 5545 TEXT allows neither CR nor controls).
func setText(c *ical.Component, name, text string) {
	text = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(text)
	text = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' || (r >= 0x20 && r != 0x7f) {
			return r
		}
		return -1
	}, text)
	c.Props.SetText(name, text)
}

// paramSafe makes a parameter value encodable: no double quote, no line break or control.
func paramSafe(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '"':
			return '\''
		case r < 0x20 || r == 0x7f:
			return ' '
		}
		return r
	}, strings.TrimSpace(s))
}

// fold folds every CRLF-terminated line longer than 75 octets (RFC 5545 §3.1): CRLF and a space
// before the next 74 octets, never inside a UTF-8 character.
func fold(in []byte) []byte {
	const max = 75
	var out bytes.Buffer
	out.Grow(len(in) + len(in)/40)
	for len(in) > 0 {
		line := in
		rest := []byte(nil)
		if i := bytes.Index(in, []byte("\r\n")); i >= 0 {
			line, rest = in[:i], in[i+2:]
		}
		limit := max
		for len(line) > limit {
			cut := limit
			for cut > 0 && !utf8.RuneStart(line[cut]) {
				cut--
			}
			out.Write(line[:cut])
			out.WriteString("\r\n ")
			line = line[cut:]
			limit = max - 1
		}
		out.Write(line)
		out.WriteString("\r\n")
		in = rest
	}
	return out.Bytes()
}

// transition is one change of a zone's offset or abbreviation.
type transition struct {
	at       time.Time // the instant
	from, to int       // UTC offsets in seconds, before and after
	name     string    // abbreviation after
	dst      bool      // daylight saving time after
}

// wall is the transition's local time as the clock read it just before (RFC 5545 DTSTART of an
// observance).
func (t transition) wall() time.Time { return t.at.In(time.FixedZone("", t.from)) }

// transitions lists loc's transitions in [from, to), from Go's time zone data.
func transitions(loc *time.Location, from, to time.Time) []transition {
	var out []transition
	t := from.In(loc)
	for {
		_, end := t.ZoneBounds()
		if end.IsZero() || !end.Before(to) || !end.After(t) {
			return out
		}
		before, after := end.Add(-time.Second).In(loc), end.In(loc)
		name0, off0 := before.Zone()
		name, off1 := after.Zone()
		if off0 != off1 || name0 != name || before.IsDST() != after.IsDST() {
			out = append(out, transition{at: end, from: off0, to: off1, name: name, dst: after.IsDST()})
		}
		t = after
	}
}

// yearly is a transition rule of the RRULE kind: the nth (or last, -1) weekday of a month at a time.
type yearly struct {
	month    time.Month
	weekday  time.Weekday
	nth      int
	clock    time.Duration // wall time of day before the change
	from, to int
	name     string
}

// yearlyRule finds the one rule all trs follow, if any.
func yearlyRule(trs []transition) (yearly, bool) {
	if len(trs) == 0 {
		return yearly{}, false
	}
	allLast, nth := true, 0
	var r yearly
	for i, t := range trs {
		w := t.wall()
		clock := time.Duration(w.Hour())*time.Hour + time.Duration(w.Minute())*time.Minute + time.Duration(w.Second())*time.Second
		if i == 0 {
			r = yearly{month: w.Month(), weekday: w.Weekday(), clock: clock, from: t.from, to: t.to, name: t.name}
			nth = (w.Day()-1)/7 + 1
		} else if w.Month() != r.month || w.Weekday() != r.weekday || clock != r.clock || t.from != r.from || t.to != r.to || t.name != r.name {
			return yearly{}, false
		}
		daysInMonth := time.Date(w.Year(), w.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day()
		if w.Day()+7 <= daysInMonth {
			allLast = false
		}
		if (w.Day()-1)/7+1 != nth {
			nth = 0
		}
	}
	switch {
	case allLast:
		r.nth = -1
	case nth > 0 && nth <= 4:
		r.nth = nth
	default:
		return yearly{}, false
	}
	return r, true
}

var byDay = [...]string{"SU", "MO", "TU", "WE", "TH", "FR", "SA"}

// rrule is the RRULE value of a yearly rule: "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU".
func (r yearly) rrule() string {
	return fmt.Sprintf("FREQ=YEARLY;BYMONTH=%d;BYDAY=%d%s", int(r.month), r.nth, byDay[r.weekday])
}

// vtimezone describes zone id (loc) around the given times: from the start of the second year before
// the first to the end of the year after the last. A zone that changes twice a year by the same two
// rules every one of those years (daylight saving time) gets a STANDARD and a DAYLIGHT observance
// with yearly RRULEs; a zone without changes one STANDARD observance; anything else the observance
// in effect at the start and one observance per change.
func vtimezone(id string, loc *time.Location, times []time.Time) *ical.Component {
	first, last := times[0], times[0]
	for _, t := range times {
		if t.Before(first) {
			first = t
		}
		if t.After(last) {
			last = t
		}
	}
	// Two years back, so that even in the southern hemisphere the observances began before the
	// year preceding the first event.
	y0, y1 := first.In(loc).Year()-2, last.In(loc).Year()+1
	from := time.Date(y0, 1, 1, 0, 0, 0, 0, loc)
	to := time.Date(y1+1, 1, 1, 0, 0, 0, 0, loc)
	trs := transitions(loc, from, to)

	tz := ical.NewComponent(ical.CompTimezone)
	setText(tz, ical.PropTimezoneID, id)

	var toDST, toStd []transition
	for _, t := range trs {
		if t.dst {
			toDST = append(toDST, t)
		} else {
			toStd = append(toStd, t)
		}
	}
	years := y1 - y0 + 1
	if len(toDST) == years && len(toStd) == years {
		d, okD := yearlyRule(toDST)
		s, okS := yearlyRule(toStd)
		if okD && okS {
			tz.Children = append(tz.Children,
				observance(ical.CompTimezoneStandard, toStd[0].wall(), s.from, s.to, s.name, s.rrule()),
				observance(ical.CompTimezoneDaylight, toDST[0].wall(), d.from, d.to, d.name, d.rrule()))
			return tz
		}
	}

	// The observance in effect at the start of the span, from its beginning (1970 at the earliest).
	at := from.In(loc)
	name, off := at.Zone()
	kind := ical.CompTimezoneStandard
	if at.IsDST() {
		kind = ical.CompTimezoneDaylight
	}
	epoch := time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	if start, _ := at.ZoneBounds(); start.IsZero() || start.Before(epoch) {
		tz.Children = append(tz.Children, observance(kind, epoch, off, off, name, ""))
	} else {
		_, prev := start.Add(-time.Second).In(loc).Zone()
		tz.Children = append(tz.Children, observance(kind, transition{at: start, from: prev}.wall(), prev, off, name, ""))
	}
	for _, t := range trs {
		kind := ical.CompTimezoneStandard
		if t.dst {
			kind = ical.CompTimezoneDaylight
		}
		tz.Children = append(tz.Children, observance(kind, t.wall(), t.from, t.to, t.name, ""))
	}
	return tz
}

// observance is a STANDARD or DAYLIGHT component starting at the local wall time start.
func observance(kind string, start time.Time, from, to int, name, rrule string) *ical.Component {
	c := ical.NewComponent(kind)
	c.Props.Set(&ical.Prop{Name: ical.PropDateTimeStart, Params: ical.Params{}, Value: start.Format("20060102T150405")})
	c.Props.Set(&ical.Prop{Name: ical.PropTimezoneOffsetFrom, Params: ical.Params{}, Value: utcOffset(from)})
	c.Props.Set(&ical.Prop{Name: ical.PropTimezoneOffsetTo, Params: ical.Params{}, Value: utcOffset(to)})
	if name != "" {
		setText(c, ical.PropTimezoneName, name)
	}
	if rrule != "" {
		c.Props.Set(&ical.Prop{Name: ical.PropRecurrenceRule, Params: ical.Params{}, Value: rrule})
	}
	return c
}

// utcOffset is an RFC 5545 UTC-OFFSET: "+0100", "-0330", "+051736" when there are seconds.
func utcOffset(sec int) string {
	sign := '+'
	if sec < 0 {
		sign, sec = '-', -sec
	}
	s := fmt.Sprintf("%c%02d%02d", sign, sec/3600, sec/60%60)
	if sec%60 != 0 {
		s += fmt.Sprintf("%02d", sec%60)
	}
	return s
}
