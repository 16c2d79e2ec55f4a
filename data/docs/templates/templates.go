// Package templates fills mail templates with what the desk knows about a guest, a stay, a request
// and a vendor. It never imports the GUI toolkit: the composer, the template manager and the
// command line all render through Render.
//
// A template holds variables, {{guest.name}} (spaces allowed inside the braces: {{ guest.name }}),
// and fill-in fields, {{?Pick-up time}}, whose answers the composer asks for. Whatever cannot be
// filled is reported in a *MissingError, and the text returned never contains "{{": a guest
// never receives a half-filled mail.
package templates

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"loge/data/desk"
)

// Context is what a template can draw on. Any pointer may be nil.
//
// Render never reads these records itself: it copies the fields a guest or a vendor may read into
// facts (guestFacing) and fills variables from that copy alone. An internal note, a preference, who
// handled a request, its commission or a vendor's status can therefore never reach a mail, whatever
// field the records gain later.
type Context struct {
	Guest   *desk.Guest
	Stay    *desk.Stay
	Request *desk.Request
	Vendor  *desk.Vendor
	Desk    string            // setting desk.name
	Hotel   string            // setting hotel.name
	Lang    string            // "fr" or "en": dates, times and money in that language ("" is French)
	Fields  map[string]string // answers to fill-in fields, by label
}

// MissingError lists what could not be filled, so the composer can ask (fill-in fields) or tell the
// user what to add (e.g. "the request has no confirmation number"). Variables holds variable names
// as written in the template ("request.confirmation", or an unknown name as typed); Fields holds
// the labels of unanswered fill-in fields. Both are in order of first appearance, without duplicates.
//
// Internal holds the desk-internal names a template used ("request.notes"): they are never filled,
// whatever the records hold, and the template must lose them before the mail can go.
type MissingError struct {
	Variables []string
	Fields    []string
	Internal  []string
}

func (e *MissingError) Error() string {
	var parts []string
	if len(e.Variables) > 0 {
		parts = append(parts, "cannot fill "+strings.Join(e.Variables, ", "))
	}
	if len(e.Internal) > 0 {
		parts = append(parts, "internal to the desk, never in a mail: "+strings.Join(e.Internal, ", "))
	}
	if len(e.Fields) > 0 {
		parts = append(parts, "fields not answered: "+strings.Join(e.Fields, ", "))
	}
	return "template: " + strings.Join(parts, "; ")
}

// Variables the engine knows, in the order a help list shows them.
var Variables = []string{
	"guest.name", "guest.title", "guest.first_name", "guest.last_name", "guest.email", "guest.phone",
	"stay.arrival", "stay.departure", "stay.nights", "stay.room", "stay.party_size", "stay.party", "stay.nights_words",
	"request.title", "request.kind", "request.date", "request.time", "request.party_size", "request.party",
	"request.confirmation", "request.price",
	"vendor.name", "vendor.address", "vendor.phone", "vendor.email",
	"desk.name", "hotel.name",
}

// internalNames are fields of the desk's records that stay on the desk: written as variables in a
// template they are refused, never filled (earlier Loge versions offered request.notes).
var internalNames = map[string]bool{
	"guest.notes": true, "guest.preferences": true, "guest.allergies": true, "guest.vip": true,
	"stay.notes": true, "request.notes": true, "request.handled_by": true, "request.commission": true,
	"request.status": true, "vendor.notes": true, "vendor.status": true, "vendor.status_reason": true,
	"vendor.commission_terms": true,
}

// Internal reports whether name is a desk-internal field that a template may never show.
func Internal(name string) bool { return internalNames[strings.ToLower(strings.TrimSpace(name))] }

// facts is everything a mail may say about the guest, stay, request and vendor: a copy made field by
// field. Anything not copied here cannot be rendered.
type facts struct {
	guest   *guestFacts
	stay    *stayFacts
	request *requestFacts
	vendor  *vendorFacts
	desk    string
	hotel   string
}

type guestFacts struct{ name, title, firstName, lastName, email, phone string }

type stayFacts struct {
	arrival, departure time.Time
	room               string
	partySize          int
}

type requestFacts struct {
	title, kind  string
	startsAt     time.Time // on the clock of the request's own time zone
	partySize    int
	confirmation string
	priceCents   int64
	currency     string
}

type vendorFacts struct{ name, address, phone, email string }

// guestFacing copies what a recipient may read. It is the only place that reads the records.
func guestFacing(c *Context) facts {
	f := facts{desk: c.Desk, hotel: c.Hotel}
	if g := c.Guest; g != nil {
		f.guest = &guestFacts{name: g.Name(), title: g.Title, firstName: g.FirstName, lastName: g.LastName,
			email: desk.FirstLine(g.Emails), phone: desk.FirstLine(g.Phones)}
	}
	if s := c.Stay; s != nil {
		f.stay = &stayFacts{arrival: s.Arrival, departure: s.Departure, room: s.Room, partySize: s.PartySize}
	}
	if r := c.Request; r != nil {
		f.request = &requestFacts{title: r.Title, kind: r.Kind, startsAt: requestTime(r), partySize: r.PartySize,
			confirmation: r.Confirmation, priceCents: r.PriceCents, currency: r.Currency}
	}
	if v := c.Vendor; v != nil {
		f.vendor = &vendorFacts{name: v.Name, address: v.OneLineAddress(), phone: v.Phone, email: desk.FirstLine(v.Email)}
	}
	return f
}

// value fills one variable from the facts; "" when it cannot be (its entity is absent or the value
// empty), and known=false when the engine has no such variable.
func value(name string, f *facts, lang string) (v string, known bool) {
	g, s, r, vd := f.guest, f.stay, f.request, f.vendor
	entity, _, _ := strings.Cut(name, ".")
	if (entity == "guest" && g == nil) || (entity == "stay" && s == nil) ||
		(entity == "request" && r == nil) || (entity == "vendor" && vd == nil) {
		return "", Known(name)
	}
	switch name {
	case "guest.name":
		return g.name, true
	case "guest.title":
		return g.title, true
	case "guest.first_name":
		return g.firstName, true
	case "guest.last_name":
		return g.lastName, true
	case "guest.email":
		return g.email, true
	case "guest.phone":
		return g.phone, true

	case "stay.arrival":
		return formatDate(s.arrival, lang), true
	case "stay.departure":
		return formatDate(s.departure, lang), true
	case "stay.nights":
		return positive(nights(s.arrival, s.departure)), true
	case "stay.room":
		return s.room, true
	case "stay.party_size":
		return positive(s.partySize), true
	case "stay.party":
		return counted(s.partySize, lang, "personne", "personnes", "guest", "guests"), true
	case "stay.nights_words":
		return counted(nights(s.arrival, s.departure), lang, "nuit", "nuits", "night", "nights"), true

	case "request.title":
		if strings.TrimSpace(r.title) != "" {
			return r.title, true
		}
		return kindName(r.kind, lang), true
	case "request.kind":
		return kindName(r.kind, lang), true
	case "request.date":
		return formatDate(r.startsAt, lang), true
	case "request.time":
		return formatClock(r.startsAt, lang), true
	case "request.party_size":
		return positive(r.partySize), true
	case "request.party":
		return counted(r.partySize, lang, "personne", "personnes", "guest", "guests"), true
	case "request.confirmation":
		return r.confirmation, true
	case "request.price":
		if r.priceCents <= 0 {
			return "", true
		}
		return FormatMoney(r.priceCents, r.currency, lang), true

	case "vendor.name":
		return vd.name, true
	case "vendor.address":
		return vd.address, true
	case "vendor.phone":
		return vd.phone, true
	case "vendor.email":
		return vd.email, true

	case "desk.name":
		return f.desk, true
	case "hotel.name":
		return f.hotel, true
	}
	return "", false
}

// Known reports whether name is one of Variables (a composer tells "unknown variable" from "no value").
func Known(name string) bool {
	name = strings.ToLower(strings.TrimSpace(name))
	for _, v := range Variables {
		if v == name {
			return true
		}
	}
	return false
}

// counted is n with its noun in the language's plural: "1 personne", "4 personnes", "1 guest",
// "4 guests" (French keeps 0 and 1 singular); "" when n is not positive, as positive.
func counted(n int, lang, frOne, frMany, enOne, enMany string) string {
	if n <= 0 {
		return ""
	}
	one, many := frOne, frMany
	if lang == "en" {
		one, many = enOne, enMany
	}
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

func positive(n int) string {
	if n <= 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// nights counts the calendar days between arrival and departure, each in its own zone.
func nights(a, d time.Time) int {
	if a.IsZero() || d.IsZero() {
		return 0
	}
	da := time.Date(a.Year(), a.Month(), a.Day(), 12, 0, 0, 0, time.UTC)
	dd := time.Date(d.Year(), d.Month(), d.Day(), 12, 0, 0, 0, time.UTC)
	return int(dd.Sub(da).Hours() / 24)
}

// requestTime is when the request starts, on the clock of its own time zone.
func requestTime(r *desk.Request) time.Time {
	if r.StartsAt.IsZero() {
		return time.Time{}
	}
	return r.StartsAt.In(r.Location(r.StartsAt.Location()))
}

// Language-dependent formats.

var (
	frWeekdays = [...]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}
	frMonths   = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
		"septembre", "octobre", "novembre", "décembre"}
)

// FormatDate is a day as a letter writes it: "mercredi 25 novembre 2026" (and "1er") in French,
// "Wednesday 25 November 2026" in English. t is shown on its own clock; zero is "".
func FormatDate(t time.Time, lang string) string { return formatDate(t, desk.Lang(lang)) }

func formatDate(t time.Time, lang string) string {
	if t.IsZero() {
		return ""
	}
	if lang == "en" {
		return t.Format("Monday 2 January 2006")
	}
	day := strconv.Itoa(t.Day())
	if t.Day() == 1 {
		day = "1er"
	}
	return fmt.Sprintf("%s %s %s %d", frWeekdays[t.Weekday()], day, frMonths[t.Month()-1], t.Year())
}

// FormatMonth is a month as a heading writes it: "novembre 2026", "November 2026".
func FormatMonth(t time.Time, lang string) string {
	if desk.Lang(lang) == "en" {
		return t.Format("January 2006")
	}
	return fmt.Sprintf("%s %d", frMonths[t.Month()-1], t.Year())
}

// FormatClock is a time of day: "20h30" and "20h" in French, "8:30 pm" and "8 pm" in English.
// t is shown on its own clock; zero is "".
func FormatClock(t time.Time, lang string) string { return formatClock(t, desk.Lang(lang)) }

func formatClock(t time.Time, lang string) string {
	if t.IsZero() {
		return ""
	}
	h, m := t.Hour(), t.Minute()
	if lang == "en" {
		suffix := "am"
		if h >= 12 {
			suffix = "pm"
		}
		h12 := h % 12
		if h12 == 0 {
			h12 = 12
		}
		if m == 0 {
			return fmt.Sprintf("%d %s", h12, suffix)
		}
		return fmt.Sprintf("%d:%02d %s", h12, m, suffix)
	}
	if m == 0 {
		return fmt.Sprintf("%dh", h)
	}
	return fmt.Sprintf("%dh%02d", h, m)
}

// nbsp keeps an amount on one line: between thousands in French, and before the currency.
const nbsp = "\u00a0"

var currencySymbols = map[string]string{"EUR": "€", "USD": "$", "GBP": "£", "JPY": "¥"}

// zeroDecimal currencies have no cents.
var zeroDecimal = map[string]bool{"JPY": true, "KRW": true}

// FormatMoney is an amount in cents: "1 250,00 €" in French (no-break spaces), "€1,250.00" in
// English. An empty currency is the euro; a currency without a symbol is written by its code
// ("1 250,00 CHF", "CHF 1,250.00").
func FormatMoney(cents int64, currency, lang string) string {
	lang = desk.Lang(lang)
	cur := strings.ToUpper(strings.TrimSpace(currency))
	if cur == "" {
		cur = "EUR"
	}
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	group, dec := ",", "."
	if lang == "fr" {
		group, dec = nbsp, ","
	}
	units := groupDigits(strconv.FormatInt(cents/100, 10), group)
	num := units + dec + fmt.Sprintf("%02d", cents%100)
	if zeroDecimal[cur] {
		num = groupDigits(strconv.FormatInt((cents+50)/100, 10), group)
	}
	sym, hasSym := currencySymbols[cur]
	switch {
	case lang == "fr" && hasSym:
		return sign + num + nbsp + sym
	case lang == "fr":
		return sign + num + nbsp + cur
	case hasSym:
		return sign + sym + num
	}
	return sign + cur + nbsp + num
}

func groupDigits(s, sep string) string {
	if len(s) <= 3 {
		return s
	}
	var b strings.Builder
	lead := len(s) % 3
	if lead > 0 {
		b.WriteString(s[:lead])
	}
	for i := lead; i < len(s); i += 3 {
		if b.Len() > 0 {
			b.WriteString(sep)
		}
		b.WriteString(s[i : i+3])
	}
	return b.String()
}

var kindNames = map[string][2]string{ // fr, en
	desk.KindRestaurant: {"restaurant", "restaurant"},
	desk.KindTransfer:   {"transfert", "transfer"},
	desk.KindTickets:    {"billets", "tickets"},
	desk.KindSpa:        {"spa", "spa"},
	desk.KindTour:       {"visite", "tour"},
	desk.KindFlowers:    {"fleurs", "flowers"},
	desk.KindOther:      {"autre", "other"},
}

// KindName is a request kind in lang ("fr" or "en"), lower case, as a sentence uses it.
func KindName(kind, lang string) string { return kindName(kind, desk.Lang(lang)) }

// kindName is a request kind in the template's language.
func kindName(kind, lang string) string {
	n, ok := kindNames[kind]
	if !ok {
		return kind
	}
	if lang == "en" {
		return n[1]
	}
	return n[0]
}

// Parsing.

// piece is a run of literal text, or one {{…}} placeholder.
type piece struct {
	text  string // literal text, or the placeholder as written (for reporting a malformed one)
	ph    bool   // a placeholder
	field bool   // a fill-in field: name is its label
	name  string // variable name or field label, trimmed; "" for a malformed placeholder
}

// parse splits a template into literal text and placeholders. A placeholder opens with "{{" and
// closes with the first "}}" on the same line; in a run of braces, "{{{x}}}", the extra ones are
// literal. A "{{" that never closes on its line is a malformed placeholder (reported, never output);
// a lone "{", "}" or "}}" is literal text.
func parse(s string) []piece {
	var out []piece
	lit := func(t string) {
		if t == "" {
			return
		}
		if n := len(out); n > 0 && !out[n-1].ph {
			out[n-1].text += t
			return
		}
		out = append(out, piece{text: t})
	}
	for {
		i := strings.Index(s, "{{")
		if i < 0 {
			lit(s)
			return out
		}
		// In "{{{", the placeholder opens at the last two braces.
		for i+2 < len(s) && s[i+2] == '{' {
			i++
		}
		lit(s[:i])
		rest := s[i+2:]
		end := strings.Index(rest, "}}")
		nl := strings.IndexAny(rest, "\r\n")
		if end < 0 || (nl >= 0 && nl < end) {
			line := rest
			if nl >= 0 {
				line = rest[:nl]
			}
			out = append(out, piece{ph: true, text: "{{" + line})
			s = rest[len(line):]
			continue
		}
		inner := strings.TrimSpace(rest[:end])
		p := piece{ph: true, text: "{{" + rest[:end] + "}}"}
		if strings.HasPrefix(inner, "?") {
			p.field, p.name = true, strings.Join(strings.Fields(inner[1:]), " ")
		} else {
			p.name = inner
		}
		out = append(out, p)
		s = rest[end+2:]
	}
}

// Fields lists the fill-in field labels a template asks for, in order of first appearance,
// without duplicates.
func Fields(subject, body string) []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range append(parse(subject), parse(body)...) {
		if p.field && p.name != "" && !seen[p.name] {
			seen[p.name] = true
			out = append(out, p.name)
		}
	}
	return out
}

// Render fills subject and body. Syntax: {{guest.name}} (spaces allowed inside the braces) and
// fill-in fields {{?Pick-up time}} / {{? Heure de prise en charge}}, answered by ctx.Fields[label].
//
// Every placeholder that cannot be filled (unknown name, nil entity, empty value, unanswered field,
// unclosed "{{") is reported in a *MissingError; it then shows as "[name]" in the text returned,
// which is fine for a preview and must not be sent. The text returned never contains "{{".
func Render(subject, body string, ctx Context) (outSubject, outBody string, err error) {
	f := guestFacing(&ctx)
	r := renderer{facts: &f, fields: ctx.Fields, lang: desk.Lang(ctx.Lang), seen: map[string]bool{}}
	outSubject = r.render(subject)
	outBody = r.render(body)
	if len(r.missing.Variables) > 0 || len(r.missing.Fields) > 0 || len(r.missing.Internal) > 0 {
		m := r.missing
		return outSubject, outBody, &m
	}
	return outSubject, outBody, nil
}

type renderer struct {
	facts   *facts
	fields  map[string]string
	lang    string
	missing MissingError
	seen    map[string]bool // "v:name", "f:label", "i:name" already reported
}

func (r *renderer) render(s string) string {
	var b strings.Builder
	for _, p := range parse(s) {
		switch {
		case !p.ph:
			b.WriteString(p.text)
		case p.field:
			v := ""
			if p.name != "" {
				v = r.answer(p.name)
			}
			switch {
			case p.name == "":
				r.missVar(p.text)
				b.WriteString(p.text) // defused below
			case strings.TrimSpace(v) == "":
				r.missField(p.name)
				b.WriteString("[" + p.name + "]")
			default:
				b.WriteString(v)
			}
		case Internal(p.name):
			r.report("i:", p.name, &r.missing.Internal)
			b.WriteString("[" + p.name + "]")
		default:
			val, _ := value(strings.ToLower(p.name), r.facts, r.lang)
			switch {
			case p.name == "":
				r.missVar(p.text)
				b.WriteString(p.text) // defused below
			case strings.TrimSpace(val) == "":
				r.missVar(p.name)
				b.WriteString("[" + p.name + "]")
			default:
				b.WriteString(val)
			}
		}
	}
	return defuse(b.String())
}

// answer finds a fill-in field's answer: by its label, else by the label with spaces normalised.
func (r *renderer) answer(label string) string {
	if v, ok := r.fields[label]; ok {
		return v
	}
	for k, v := range r.fields {
		if strings.Join(strings.Fields(k), " ") == label {
			return v
		}
	}
	return ""
}

func (r *renderer) missVar(name string)    { r.report("v:", name, &r.missing.Variables) }
func (r *renderer) missField(label string) { r.report("f:", label, &r.missing.Fields) }

// report adds name to list once.
func (r *renderer) report(kind, name string, list *[]string) {
	if !r.seen[kind+name] {
		r.seen[kind+name] = true
		*list = append(*list, name)
	}
}

// defuse breaks any "{{" a value brought in (a note quoting a template, "{" before a value that
// starts with one), so the output can never look like an unfilled template.
func defuse(s string) string {
	for strings.Contains(s, "{{") {
		s = strings.ReplaceAll(s, "{{", "{ {")
	}
	return s
}
