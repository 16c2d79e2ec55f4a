// Package vcard imports and exports the vendor book as vCard files (RFC 2425/2426 3.0, RFC 6350
// 4.0 and the older 2.1 that Outlook and many phones still write).
//
// The card model is github.com/emersion/go-vcard's (Card, Field, Params and its accessors). Its
// Decoder and Encoder are not used: the decoder skips bad lines without saying where, knows neither
// line numbers nor 2.1 (bare TYPE parameters, QUOTED-PRINTABLE with soft line breaks, CHARSET=),
// and neither side escapes ';' in text values, so the line layer here is Loge's own. Inside this
// package a Field.Value always holds the value as it is written in the file (escapes kept),
// decoded to UTF-8; text, components and list turn it into plain strings.
//
// Mapping, both ways:
//   - A vendor is one card: FN and ORG = the name (KIND:org in 4.0, X-ABShowAs:COMPANY in 3.0 so
//     Apple Contacts shows a company), TEL = phone, EMAIL, ADR (street = Address, locality = City),
//     URL = website, NOTE = notes, CATEGORIES = the category code, and X-LOGE-CATEGORY,
//     X-LOGE-STATUS, X-LOGE-STATUS-REASON, X-LOGE-HOURS, X-LOGE-LANGUAGES, X-LOGE-COMMISSION so a
//     re-import keeps what vCard has no property for. UID = the vendor's id.
//   - Each contact person is a card of their own, after their vendor's: FN/N = the person, ORG =
//     the vendor's name, TITLE = role, TEL, EMAIL, NOTE, X-LOGE-VENDOR-ID = the vendor's id. Phones
//     and address books show people and companies as separate entries, so every other program
//     reads this layout, and a re-import attaches each person to the right vendor.
//   - On import, a card naming a person (FN or N) together with an ORG that is not the same name
//     becomes the vendor ORG plus a contact; any other card becomes a vendor named by ORG, else FN,
//     else N.
package vcard

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime/quotedprintable"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"loge/data/desk"
	"loge/data/store"

	"github.com/emersion/go-message/charset"
	govcard "github.com/emersion/go-vcard"
	"golang.org/x/text/encoding/charmap"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Errors a Problem wraps; the GUI and CLI match them with errors.Is and say them in the user's
// language. A store validation error (a card with no name…) is a *data.ValidationError instead.
var (
	ErrNoEnd    = errors.New("vcard: the card has no END:VCARD line")
	ErrBadLine  = errors.New("vcard: a line of the card is not a vCard property")
	ErrEncoding = errors.New("vcard: a value cannot be decoded (quoted-printable or base64)")
	ErrCharset  = errors.New("vcard: unknown character set")
	ErrNotVCard = errors.New("vcard: text outside any card")
	ErrNoCards  = errors.New("vcard: no card in the file")
	ErrVersion  = errors.New("vcard: unsupported vCard version (3.0 or 4.0)")
)

// LineError points at the line of a card that is wrong. It wraps ErrBadLine, ErrEncoding or
// ErrCharset.
type LineError struct {
	Line   int
	Err    error
	Detail string // the charset name for ErrCharset
}

func (e *LineError) Error() string {
	if e.Detail != "" {
		return fmt.Sprintf("line %d: %v (%s)", e.Line, e.Err, e.Detail)
	}
	return fmt.Sprintf("line %d: %v", e.Line, e.Err)
}

// Unwrap lets errors.Is match the sentinel.
func (e *LineError) Unwrap() error { return e.Err }

// ImportOptions tune Import.
type ImportOptions struct {
	Category string // the category of vendors whose card names none Loge knows; "" = "other"
	DryRun   bool   // count and report, store nothing
}

// Report says what an import did. Every card lands in exactly one bucket:
// Added + Updated + Duplicates + (problems about cards) = cards read.
type Report struct {
	Added      int       // cards that created a vendor, or a contact person (with their vendor when new)
	Updated    int       // cards matching an existing vendor/contact that filled some of its empty fields
	Duplicates int       // cards matching an existing vendor/contact and bringing nothing new
	Problems   []Problem // cards not imported (and text that is no card), in file order
	Vendors    []string  // ids of the vendors created or changed (not filled in by a dry run)
	// Dropped are values left out of cards that were read: a TEL without a digit (Outlook 2003's
	// "BusinessPhone" placeholders), an EMAIL that is no address. Each names its card's line and
	// holds the *desk.ValidationError; the card itself imports with its other values.
	Dropped []Problem
}

// Problem is a card that was not imported, or text that is no card.
type Problem struct {
	Line int    // where the card starts (its BEGIN:VCARD line); 0 = the file as a whole
	Name string // the card's name as far as it could be read, may be ""
	Err  error  // wraps one of the Err… values above, or is a *data.ValidationError
}

func (p Problem) String() string {
	s := fmt.Sprintf("line %d", p.Line)
	if p.Name != "" {
		s += " (" + p.Name + ")"
	}
	return s + ": " + p.Err.Error()
}

// Import reads every card of r: vCard 2.1 (Outlook: QUOTED-PRINTABLE, legacy CHARSET= such as
// ISO-8859-1/Windows-1252, bare TYPE parameters), 3.0 and 4.0, many cards per file, UTF-8 or
// UTF-16 with a byte order mark. A broken card is reported with the line where it starts and why;
// the other cards still import. A card matching an existing vendor (same UID, or same name
// ignoring case and accents, or same e-mail or phone) or contact of that vendor is not created
// again: it only fills the fields that are empty.
//
// The error is for what stops the whole import: reading r, the store failing, ctx cancelled, an
// unknown opts.Category. The report then holds what was done before.
func Import(ctx context.Context, st *store.Store, r io.Reader, opts ImportOptions) (Report, error) {
	var rep Report
	if opts.Category == "" {
		opts.Category = "other"
	}
	if !slices.Contains(desk.VendorCategories, opts.Category) {
		return rep, &desk.ValidationError{Entity: "vendor", Field: "Category", Code: desk.CodeUnknown, Value: opts.Category}
	}
	im, err := newImporter(ctx, st, opts)
	if err != nil {
		return rep, err
	}
	im.rep = &rep
	err = splitCards(r, func(rc *rawCard) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		return im.card(rc)
	}, func(p Problem) { rep.Problems = append(rep.Problems, p) })
	if err == nil && im.cards == 0 && len(rep.Problems) == 0 {
		rep.Problems = append(rep.Problems, Problem{Line: 0, Err: ErrNoCards})
	}
	return rep, err
}

// Reading: physical lines → cards → properties.

type physLine struct {
	n int
	s string
}

type rawCard struct {
	start int
	lines []physLine
}

// splitCards reads r line by line and hands each complete card to onCard; text outside cards and
// cards cut short go to onProblem.
func splitCards(r io.Reader, onCard func(*rawCard) error, onProblem func(Problem)) error {
	br := bufio.NewReaderSize(unicodeReader(r), 64*1024)
	var cur *rawCard
	n := 0
	outside := false // inside a run of text that is no card: reported once
	for {
		line, err := br.ReadString('\n')
		if err != nil && err != io.EOF {
			return err
		}
		if line == "" && err == io.EOF {
			break
		}
		n++
		line = strings.TrimRight(line, "\r\n")
		if n == 1 {
			line = strings.TrimPrefix(line, "\uFEFF")
		}
		t := strings.ToUpper(strings.TrimSpace(line))
		switch {
		case t == "BEGIN:VCARD":
			if cur != nil {
				onProblem(Problem{Line: cur.start, Name: guessName(cur), Err: ErrNoEnd})
			}
			cur, outside = &rawCard{start: n}, false
		case cur == nil:
			if t != "" && !outside {
				onProblem(Problem{Line: n, Err: ErrNotVCard})
				outside = true
			}
		case t == "END:VCARD":
			rc := cur
			cur = nil
			if err := onCard(rc); err != nil {
				return err
			}
		default:
			cur.lines = append(cur.lines, physLine{n, line})
		}
		if err == io.EOF {
			break
		}
	}
	if cur != nil {
		onProblem(Problem{Line: cur.start, Name: guessName(cur), Err: ErrNoEnd})
	}
	return nil
}

// unicodeReader turns UTF-16 (Windows tools write it with a byte order mark) into UTF-8; anything
// else passes through byte for byte, legacy charsets being decoded per value later.
func unicodeReader(r io.Reader) io.Reader {
	br := bufio.NewReader(r)
	b, _ := br.Peek(2)
	if len(b) == 2 && (b[0] == 0xFF && b[1] == 0xFE || b[0] == 0xFE && b[1] == 0xFF) {
		return transform.NewReader(br, xunicode.UTF16(xunicode.BigEndian, xunicode.ExpectBOM).NewDecoder())
	}
	return br
}

// parseCard unfolds the card's lines (RFC folding, quoted-printable soft line breaks, 2.1 base64
// blocks) and decodes each property. The card is returned as far as it was read, even on error.
func parseCard(rc *rawCard) (govcard.Card, error) {
	card := govcard.Card{}
	var buf []byte
	start, have, qp, b64 := 0, false, false, false
	var firstErr error
	flush := func() {
		if have {
			if err := addProp(card, start, string(buf)); err != nil && firstErr == nil {
				firstErr = err
			}
		}
		have = false
	}
	for _, pl := range rc.lines {
		s := pl.s
		switch {
		case have && qp && len(buf) > 0 && buf[len(buf)-1] == '=' && bytes.IndexByte(buf, ':') >= 0:
			buf = append(buf[:len(buf)-1], s...) // quoted-printable soft line break
		case have && s != "" && (s[0] == ' ' || s[0] == '\t'):
			buf = append(buf, s[1:]...)
		case strings.TrimSpace(s) == "":
			flush()
		case have && b64 && !strings.Contains(s, ":"):
			buf = append(buf, strings.TrimSpace(s)...) // 2.1 base64 block, lines not indented
		default:
			flush()
			buf = append(buf[:0], s...)
			start, have = pl.n, true
			head := strings.ToUpper(s)
			if i := strings.IndexByte(head, ':'); i >= 0 {
				head = head[:i]
			}
			qp = strings.Contains(head, "QUOTED-PRINTABLE")
			b64 = strings.Contains(head, "ENCODING=B") || strings.Contains(head, ";BASE64")
		}
	}
	flush()
	return card, firstErr
}

// guessName reads what it can of a broken card to name it in a Problem.
func guessName(rc *rawCard) string {
	card, _ := parseCard(rc)
	return cardName(card)
}

func cardName(card govcard.Card) string {
	if card == nil {
		return ""
	}
	if f := card.Get(govcard.FieldOrganization); f != nil {
		if c := components(f.Value); len(c) > 0 && c[0] != "" {
			return c[0]
		}
	}
	if s := text(card.Value(govcard.FieldFormattedName)); s != "" {
		return s
	}
	return personFromN(card)
}

// binaryProps are skipped when base64-encoded: Loge keeps no photos.
var binaryProps = map[string]bool{"PHOTO": true, "LOGO": true, "SOUND": true, "KEY": true}

// addProp parses one unfolded line "group.NAME;PARAM=V;BARE:value" into card.
func addProp(card govcard.Card, line int, s string) error {
	colon := -1
	inQuote := false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			inQuote = !inQuote
		case ':':
			if !inQuote {
				colon = i
			}
		}
		if colon >= 0 {
			break
		}
	}
	if colon <= 0 {
		return &LineError{Line: line, Err: ErrBadLine}
	}
	colon = labelColon(s, colon)
	parts := splitQuoted(s[:colon], ';')
	name := parts[0]
	group := ""
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		group, name = name[:i], name[i+1:]
	}
	if name == "" || strings.ContainsFunc(name, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) {
		return &LineError{Line: line, Err: ErrBadLine}
	}
	name = strings.ToUpper(name)
	params := govcard.Params{}
	for _, p := range parts[1:] {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		k, v, ok := strings.Cut(p, "=")
		if !ok { // vCard 2.1: TEL;WORK;VOICE, ADR;PREF, NOTE;QUOTED-PRINTABLE
			switch u := strings.ToUpper(p); u {
			case "QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT":
				params.Add("ENCODING", u)
			default:
				params.Add(govcard.ParamType, strings.ToLower(p))
			}
			continue
		}
		k = strings.ToUpper(strings.TrimSpace(k))
		for _, val := range splitQuoted(v, ',') {
			val = strings.Trim(strings.TrimSpace(val), `"`)
			if k == govcard.ParamType {
				val = strings.ToLower(val)
			}
			params.Add(k, val)
		}
	}

	raw := []byte(s[colon+1:])
	switch enc := strings.ToUpper(params.Get("ENCODING")); enc {
	case "QUOTED-PRINTABLE":
		b, err := io.ReadAll(quotedprintable.NewReader(bytes.NewReader(raw)))
		if err != nil {
			return &LineError{Line: line, Err: ErrEncoding}
		}
		raw = b
	case "B", "BASE64":
		if binaryProps[name] {
			return nil
		}
		clean := bytes.Map(func(r rune) rune {
			if unicode.IsSpace(r) {
				return -1
			}
			return r
		}, raw)
		b, err := base64.StdEncoding.DecodeString(string(clean))
		if err != nil {
			if b, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(string(clean), "=")); err != nil {
				return &LineError{Line: line, Err: ErrEncoding}
			}
		}
		raw = b
	}
	value, err := toUTF8(params.Get("CHARSET"), raw)
	if err != nil {
		return &LineError{Line: line, Err: ErrCharset, Detail: params.Get("CHARSET")}
	}
	delete(params, "ENCODING")
	delete(params, "CHARSET")
	card.Add(name, &govcard.Field{Value: value, Params: params, Group: group})
	return nil
}

// labelColon is where an ADR line's value really starts when its LABEL parameter holds an unquoted
// ':' (the standard wants it quoted; Apple and Android exports do not): the last colon followed by
// an address's six ';' separators, rather than the first colon of the label's text.
func labelColon(s string, first int) int {
	head := strings.ToUpper(s[:first])
	name, _, _ := strings.Cut(head, ";")
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		name = name[i+1:]
	}
	if name != "ADR" || !strings.Contains(head, "LABEL=") || strings.Contains(head, "LABEL=\"") {
		return first
	}
	best := first
	for i := first + 1; i < len(s); i++ {
		if s[i] == ':' && strings.Count(s[i+1:], ";")-strings.Count(s[i+1:], "\\;") >= 6 {
			best = i
		}
	}
	return best
}

// splitQuoted splits s at sep outside double quotes.
func splitQuoted(s string, sep byte) []string {
	var out []string
	inQuote, from := false, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			inQuote = !inQuote
		case sep:
			if !inQuote {
				out = append(out, s[from:i])
				from = i + 1
			}
		}
	}
	return append(out, s[from:])
}

// toUTF8 decodes a value's bytes from its CHARSET. Without one, valid UTF-8 is kept and anything
// else is read as Windows-1252, which is what Outlook writes when it names no charset. ISO-8859-1
// and US-ASCII labels are read as Windows-1252 too (a superset for every printable character).
func toUTF8(label string, b []byte) (string, error) {
	switch strings.ToLower(strings.TrimSpace(label)) {
	case "", "utf-8", "utf8":
		if utf8.Valid(b) {
			return string(b), nil
		}
		return decodeWith(charmap.Windows1252, b)
	case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "windows-1252", "cp1252":
		return decodeWith(charmap.Windows1252, b)
	}
	rd, err := charset.Reader(label, bytes.NewReader(b))
	if err != nil {
		return "", err
	}
	out, err := io.ReadAll(rd)
	if err != nil {
		return "", err
	}
	return strings.ToValidUTF8(string(out), "\uFFFD"), nil
}

func decodeWith(cm *charmap.Charmap, b []byte) (string, error) {
	out, err := cm.NewDecoder().Bytes(b)
	return string(out), err
}

// Values: the file's escapes (\\ \, \; \n \N, and Apple's \:) undone.

// text is a whole value as plain text, line breaks as "\n", trimmed.
func text(v string) string {
	return clean(unescape(v))
}

func clean(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.TrimSpace(s)
}

func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			if s[i] == 'n' || s[i] == 'N' {
				b.WriteByte('\n')
			} else {
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// splitEscaped splits at seps not escaped by a backslash; the parts keep their escapes.
func splitEscaped(s string, seps string) []string {
	var out []string
	from := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' {
			i++
			continue
		}
		if strings.IndexByte(seps, s[i]) >= 0 {
			out = append(out, s[from:i])
			from = i + 1
		}
	}
	return append(out, s[from:])
}

// components are a structured value's parts (N, ADR, ORG), as plain text.
func components(v string) []string {
	parts := splitEscaped(v, ";")
	for i, p := range parts {
		parts[i] = text(p)
	}
	return parts
}

// list is a list value's items (CATEGORIES; 2.1 files also separate them with ';'), as plain text.
func list(v string) []string {
	var out []string
	for _, p := range splitEscaped(v, ",;") {
		if t := text(p); t != "" {
			out = append(out, t)
		}
	}
	return out
}

func nth(parts []string, i int) string {
	if i < len(parts) {
		return parts[i]
	}
	return ""
}

// Reading a card into Loge's vendor and contact.

// entry is what one card says, in Loge's terms.
type entry struct {
	line      int
	uid       string // UID without "urn:uuid:"
	vendorRef string // X-LOGE-VENDOR-ID: the card is a contact of that vendor (a Loge export)
	vendor    desk.Vendor
	contact   *desk.VendorContact // the card's person at the vendor, nil for a vendor's own card
	// from a person's card, what the vendor may take when its own field is empty
	fillPhone, fillEmail string
}

func personFromN(card govcard.Card) string {
	f := card.Get(govcard.FieldName)
	if f == nil {
		return ""
	}
	n := components(f.Value) // family; given; additional; prefix; suffix
	return desk.JoinNonEmpty(" ", nth(n, 1), nth(n, 2), nth(n, 0))
}

func readEntry(card govcard.Card, line int, defCategory string) entry {
	e := entry{line: line}
	e.uid = text(card.Value(govcard.FieldUID))
	if low := strings.ToLower(e.uid); strings.HasPrefix(low, "urn:uuid:") {
		e.uid = e.uid[len("urn:uuid:"):]
	}
	e.vendorRef = text(card.Value("X-LOGE-VENDOR-ID"))

	org := ""
	if f := card.Get(govcard.FieldOrganization); f != nil {
		org = nth(components(f.Value), 0)
	}
	fromN := personFromN(card)
	person := text(card.Value(govcard.FieldFormattedName))
	if person == "" {
		person = fromN
	}
	// A person's card names them in N; a company's leaves N empty (Outlook, Apple) or, in 4.0,
	// may have no N at all and say KIND:org.
	company := card.Kind() == govcard.KindOrganization || strings.EqualFold(text(card.Value("X-ABSHOWAS")), "COMPANY") ||
		fromN == "" && card.Get(govcard.FieldName) != nil
	isContact := org != "" && person != "" && (e.vendorRef != "" || !company && desk.FoldKey(person) != desk.FoldKey(org))

	v := desk.Vendor{Name: org, Status: desk.VendorApproved}
	if v.Name == "" {
		v.Name = person
	}
	v.Category = defCategory
	if c := strings.ToLower(text(card.Value("X-LOGE-CATEGORY"))); slices.Contains(desk.VendorCategories, c) {
		v.Category = c
	} else {
		var items []string
		for _, f := range card[govcard.FieldCategories] {
			items = append(items, list(f.Value)...)
		}
		if c := categoryOf(items); c != "" {
			v.Category = c
		}
	}
	if s := strings.ToLower(text(card.Value("X-LOGE-STATUS"))); slices.Contains(desk.VendorStatuses, s) {
		v.Status = s
		v.StatusReason = text(card.Value("X-LOGE-STATUS-REASON"))
	}
	v.Hours = text(card.Value("X-LOGE-HOURS"))
	v.CommissionTerms = text(card.Value("X-LOGE-COMMISSION"))
	v.Languages = text(card.Value("X-LOGE-LANGUAGES"))
	if v.Languages == "" {
		var langs []string
		for _, f := range card[govcard.FieldLanguage] {
			if l := strings.ToLower(text(f.Value)); l != "" && !slices.Contains(langs, l) {
				langs = append(langs, l)
			}
		}
		v.Languages = strings.Join(langs, ",")
	}
	adr := pick(card[govcard.FieldAddress], isContact, "pref", "work")
	if adr != nil && (!isContact || e.vendorRef == "") { // a Loge export's contact keeps hers to herself
		a := components(adr.Value) // post office box; extended; street; locality; region; postal code; country
		v.Address = desk.JoinNonEmpty("\n", nth(a, 0), nth(a, 1), nth(a, 2), desk.JoinNonEmpty(", ", nth(a, 4), nth(a, 6)))
		v.City = desk.JoinNonEmpty(" ", nth(a, 5), nth(a, 3))
	}
	if u := pick(card[govcard.FieldURL], false, "pref", "work"); u != nil {
		v.Website = text(u.Value)
	}
	var notes []string
	for _, f := range card[govcard.FieldNote] {
		if s := text(f.Value); s != "" {
			notes = append(notes, s)
		}
	}
	tels := phones(card)
	email := ""
	firstEmail := pick(card[govcard.FieldEmail], false, "pref", "work", "internet")
	if firstEmail != nil {
		email = emailText(firstEmail)
	}

	if v.Name == "" {
		v.Name = email // a card that is only an address (phones' "reservations@…" entries)
	}
	if !isContact {
		firstTel := pick(tels, false, "pref", "work", "main", "voice")
		if firstTel != nil {
			v.Phone = telText(firstTel)
		}
		v.Email = email
		v.Notes = strings.Join(notes, "\n")
		v.Channels = cardChannels(card, firstTel, firstEmail, adr, v.Address)
		e.vendor = v
		return e
	}
	c := &desk.VendorContact{Name: person, Email: email, Notes: strings.Join(notes, "\n")}
	c.Role = text(card.Value(govcard.FieldTitle))
	if c.Role == "" {
		c.Role = text(card.Value(govcard.FieldRole))
	}
	firstTel := pick(tels, false, "cell", "pref", "work")
	if firstTel != nil {
		c.Phone = telText(firstTel)
	}
	c.Channels = cardChannels(card, firstTel, firstEmail, nil, "")
	e.vendor, e.contact = v, c
	if e.vendorRef == "" { // another program's card: the company may take the person's line
		e.fillPhone, e.fillEmail = c.Phone, c.Email
		for _, f := range tels {
			if (f.Params.HasType("work") || f.Params.HasType("main")) && !f.Params.HasType("cell") {
				e.fillPhone = telText(f)
				break
			}
		}
	}
	return e
}

// dropInvalid takes out of card the TEL and EMAIL values the desk would refuse, and says why for
// each: one bad value used to refuse the whole card, and every good phone and address with it.
func dropInvalid(card govcard.Card) []error {
	var errs []error
	for _, m := range []struct {
		key, medium string
		value       func(*govcard.Field) string
	}{{govcard.FieldTelephone, desk.MediumPhone, telText}, {govcard.FieldEmail, desk.MediumEmail, emailText}} {
		fields := card[m.key]
		kept := fields[:0:0]
		for _, f := range fields {
			if err := desk.ValidateChannels("vendor", []desk.Channel{{Medium: m.medium, Value: m.value(f)}}); err != nil {
				errs = append(errs, err)
				continue
			}
			kept = append(kept, f)
		}
		if len(kept) != len(fields) {
			card[m.key] = kept
		}
	}
	return errs
}

// phones are the card's TEL fields a person can call: no fax, no pager.
func phones(card govcard.Card) []*govcard.Field {
	var out []*govcard.Field
	for _, f := range card[govcard.FieldTelephone] {
		if f.Params.HasType("fax") || f.Params.HasType("pager") || telText(f) == "" {
			continue
		}
		out = append(out, f)
	}
	return out
}

// cardChannels are every TEL, EMAIL and ADR of a card, each with its kind: for each medium the
// chosen one first (firstAdr read as firstAdrText, the street part of a vendor's address whose
// city is the vendor's City), then the others in the file's order.
func cardChannels(card govcard.Card, firstTel, firstEmail, firstAdr *govcard.Field, firstAdrText string) []desk.Channel {
	var out []desk.Channel
	add := func(medium string, fields []*govcard.Field, first *govcard.Field, value func(*govcard.Field) string) {
		if first != nil {
			fields = append([]*govcard.Field{first}, slices.DeleteFunc(slices.Clone(fields), func(f *govcard.Field) bool { return f == first })...)
		}
		for _, f := range fields {
			if v := value(f); v != "" {
				out = append(out, desk.Channel{Medium: medium, Kind: kindOf(medium, f.Params), Value: v})
			}
		}
	}
	add(desk.MediumPhone, card[govcard.FieldTelephone], firstTel, telText)
	add(desk.MediumEmail, card[govcard.FieldEmail], firstEmail, emailText)
	add(desk.MediumAddress, card[govcard.FieldAddress], firstAdr, func(f *govcard.Field) string {
		if f == firstAdr {
			return firstAdrText
		}
		a := components(f.Value)
		return desk.JoinNonEmpty("\n", nth(a, 0), nth(a, 1), nth(a, 2), desk.JoinNonEmpty(" ", nth(a, 5), nth(a, 3)),
			desk.JoinNonEmpty(", ", nth(a, 4), nth(a, 6)))
	})
	return out
}

// notKinds are TYPE values that say how a channel is used, not what it is.
var notKinds = map[string]bool{"pref": true, "voice": true, "internet": true, "x400": true, "dom": true, "intl": true,
	"postal": true, "parcel": true, "msg": true}

// kindOf is a channel's kind from its TYPE parameters: a fax, a mobile or the reservations line
// first, then another program's own kind (pager, main, text…, kept as written), then work or home.
func kindOf(medium string, p govcard.Params) string {
	var types []string
	for _, t := range p.Types() {
		for _, x := range strings.Split(strings.ToLower(t), ",") {
			if x = strings.Trim(strings.TrimSpace(x), `"`); x != "" && !notKinds[x] {
				types = append(types, x)
			}
		}
	}
	for _, t := range types {
		switch t {
		case "fax":
			return desk.ChannelFax
		case "cell", "mobile", "iphone":
			return desk.ChannelMobile
		case "x-reservations", "reservations":
			return desk.ChannelReservations
		}
	}
	for _, t := range types {
		if t != desk.ChannelWork && t != desk.ChannelHome && t != desk.ChannelOther {
			if k := strings.TrimPrefix(t, "x-"); desk.ValidateChannels("vendor", []desk.Channel{{Medium: medium, Kind: k}}) == nil {
				return k
			}
		}
	}
	for _, t := range types {
		if t == desk.ChannelWork || t == desk.ChannelHome {
			return t
		}
	}
	return desk.ChannelOther
}

// kindTypes are the TYPE values a channel's kind is written with; none for "other".
func kindTypes(medium, kind, version string) []string {
	var types []string
	switch kind {
	case desk.ChannelOther, "":
	case desk.ChannelMobile:
		types = []string{"cell"}
	case desk.ChannelReservations:
		types = []string{"x-reservations"}
	case desk.ChannelWork:
		types = []string{"work"}
		if medium == desk.MediumPhone {
			types = append(types, "voice")
		}
	default:
		if slices.Contains([]string{"fax", "home", "pager", "text", "video", "textphone", "cell"}, kind) || version == "3.0" {
			types = []string{kind}
		} else {
			types = []string{"x-" + kind} // 4.0 names its own kinds; others are extensions
		}
	}
	if medium == desk.MediumEmail && version == "3.0" {
		types = append([]string{"internet"}, types...)
	}
	return types
}

func emailText(f *govcard.Field) string {
	return strings.TrimSpace(strings.TrimPrefix(text(f.Value), "mailto:"))
}

func telText(f *govcard.Field) string {
	s := text(f.Value)
	if len(s) >= 4 && strings.EqualFold(s[:4], "tel:") {
		s = s[4:]
	}
	return strings.TrimSpace(s)
}

// pick chooses among fields: the first carrying PREF=… or the first of the types in order, else
// the first. notHome skips home addresses (a person's, not their company's).
func pick(fields []*govcard.Field, notHome bool, types ...string) *govcard.Field {
	var cand []*govcard.Field
	for _, f := range fields {
		if notHome && f.Params.HasType("home") {
			continue
		}
		cand = append(cand, f)
	}
	if len(cand) == 0 {
		return nil
	}
	best, bestRank := cand[0], len(types)+1
	for _, f := range cand {
		rank := len(types)
		if p := f.Params.Get(govcard.ParamPreferred); p != "" {
			if n, err := strconv.Atoi(p); err == nil && n <= 1 {
				rank = 0
			}
		}
		for i, t := range types {
			if i < rank && f.Params.HasType(t) {
				rank = i
			}
		}
		if rank < bestRank {
			best, bestRank = f, rank
		}
	}
	return best
}

// categoryWords maps words found in CATEGORIES (folded: lower case, no accents), French and
// English, to Loge's categories.
var categoryWords = map[string]string{
	"restaurant": "restaurant", "restaurants": "restaurant", "resto": "restaurant", "brasserie": "restaurant",
	"bistro": "restaurant", "bistrot": "restaurant", "gastronomie": "restaurant", "dining": "restaurant",
	"food": "restaurant", "traiteur": "restaurant", "catering": "restaurant",
	"transport": "transport", "transports": "transport", "chauffeur": "transport", "chauffeurs": "transport",
	"taxi": "transport", "taxis": "transport", "vtc": "transport", "limousine": "transport",
	"limousines": "transport", "limo": "transport", "car": "transport", "cars": "transport",
	"driver": "transport", "drivers": "transport", "transfer": "transport", "transfers": "transport",
	"transfert": "transport", "transferts": "transport", "navette": "transport", "shuttle": "transport",
	"florist": "florist", "fleuriste": "florist", "fleuristes": "florist", "fleurs": "florist",
	"fleur": "florist", "flowers": "florist", "flower": "florist",
	"spa": "spa", "spas": "spa", "massage": "spa", "massages": "spa", "hammam": "spa",
	"tickets": "tickets", "ticket": "tickets", "billetterie": "tickets", "billets": "tickets",
	"billet": "tickets", "theatre": "tickets", "opera": "tickets", "concert": "tickets",
	"concerts": "tickets", "spectacle": "tickets", "spectacles": "tickets", "show": "tickets", "shows": "tickets",
	"tours": "tours", "tour": "tours", "visite": "tours", "visites": "tours", "guide": "tours",
	"guides": "tours", "excursion": "tours", "excursions": "tours", "sightseeing": "tours",
	"nightlife": "nightlife", "bar": "nightlife", "bars": "nightlife", "club": "nightlife",
	"clubs": "nightlife", "cabaret": "nightlife", "nuit": "nightlife",
	"shopping": "shopping", "boutique": "shopping", "boutiques": "shopping", "shop": "shopping",
	"shops": "shopping", "mode": "shopping", "fashion": "shopping",
	"wellness": "wellness", "fitness": "wellness", "yoga": "wellness", "gym": "wellness",
	"coach": "wellness", "bien etre": "wellness",
	"other": "other", "autre": "other", "autres": "other", "divers": "other",
}

// categoryOf is the first Loge category that one of the items names, as a whole or by one of its
// words; "" when none does.
func categoryOf(items []string) string {
	for _, it := range items {
		k := desk.FoldKey(it)
		if c, ok := categoryWords[k]; ok {
			return c
		}
	}
	for _, it := range items {
		for _, w := range strings.Fields(desk.FoldKey(it)) {
			if c, ok := categoryWords[w]; ok {
				return c
			}
		}
	}
	return ""
}

// phoneKey compares phone numbers by their last nine digits ("+33 1 42…" = "01 42…"); "" when
// there are too few digits to tell.
func phoneKey(s string) string {
	var d []byte
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			d = append(d, s[i])
		}
	}
	if len(d) < 6 {
		return ""
	}
	if len(d) > 9 {
		d = d[len(d)-9:]
	}
	return string(d)
}

func emailKey(s string) string {
	return strings.ToLower(strings.TrimSpace(strings.TrimPrefix(s, "mailto:")))
}

// Storing: duplicates, filling empty fields, counting.

type importer struct {
	ctx   context.Context
	st    *store.Store
	opts  ImportOptions
	rep   *Report
	cards int

	vendors  map[string]*desk.Vendor // by id, the desk's and the ones this import created
	byName   map[string]*desk.Vendor
	byEmail  map[string]*desk.Vendor
	byPhone  map[string]*desk.Vendor
	fileIDs  map[string]string                // a UID in the file → the vendor it became
	contacts map[string][]*desk.VendorContact // by vendor id, loaded when first needed
	touched  map[string]bool
	dryN     int
}

func newImporter(ctx context.Context, st *store.Store, opts ImportOptions) (*importer, error) {
	im := &importer{ctx: ctx, st: st, opts: opts,
		vendors: map[string]*desk.Vendor{}, byName: map[string]*desk.Vendor{}, byEmail: map[string]*desk.Vendor{},
		byPhone: map[string]*desk.Vendor{}, fileIDs: map[string]string{}, contacts: map[string][]*desk.VendorContact{},
		touched: map[string]bool{}}
	vs, err := st.Vendors(ctx, store.VendorFilter{})
	if err != nil {
		return nil, err
	}
	for i := range vs {
		im.index(&vs[i])
	}
	return im, nil
}

func (im *importer) index(v *desk.Vendor) {
	im.vendors[v.ID] = v
	if k := desk.FoldKey(v.Name); k != "" {
		if _, ok := im.byName[k]; !ok {
			im.byName[k] = v
		}
	}
	for _, c := range desk.WithSingles(v.Channels, v.Phone, v.Email, "") {
		byKey, k := im.byEmail, emailKey(c.Value)
		switch c.Medium {
		case desk.MediumPhone:
			byKey, k = im.byPhone, phoneKey(c.Value)
		case desk.MediumAddress:
			continue
		}
		if _, ok := byKey[k]; !ok && k != "" {
			byKey[k] = v
		}
	}
}

func (im *importer) problem(line int, name string, err error) {
	im.rep.Problems = append(im.rep.Problems, Problem{Line: line, Name: name, Err: err})
}

// storeErr files a validation error as the card's problem and passes anything else up.
func (im *importer) storeErr(e *entry, err error) error {
	var ve *desk.ValidationError
	if errors.As(err, &ve) {
		name := e.vendor.Name
		if e.contact != nil && e.contact.Name != "" {
			name = e.contact.Name
		}
		im.problem(e.line, name, err)
		return nil
	}
	return err
}

func (im *importer) touch(id string) {
	if !im.opts.DryRun && !im.touched[id] {
		im.touched[id] = true
		im.rep.Vendors = append(im.rep.Vendors, id)
	}
}

func (im *importer) card(rc *rawCard) error {
	im.cards++
	card, err := parseCard(rc)
	if err != nil {
		im.problem(rc.start, cardName(card), err)
		return nil
	}
	for _, err := range dropInvalid(card) {
		im.rep.Dropped = append(im.rep.Dropped, Problem{Line: rc.start, Name: cardName(card), Err: err})
	}
	e := readEntry(card, rc.start, im.opts.Category)
	if e.contact == nil {
		return im.vendorCard(&e)
	}
	return im.contactCard(&e)
}

// vendorCard stores a vendor's own card, or finds it already there.
func (im *importer) vendorCard(e *entry) error {
	v := im.vendors[e.uid]
	if v == nil {
		v = im.match(&e.vendor)
	}
	if v != nil {
		if e.uid != "" {
			im.fileIDs[e.uid] = v.ID
		}
		changed, err := im.fillVendor(e, v, &e.vendor, false)
		if err != nil || changed == nil {
			return err
		}
		if *changed {
			im.rep.Updated++
		} else {
			im.rep.Duplicates++
		}
		return nil
	}
	nv := e.vendor
	if err := im.createVendor(&nv); err != nil {
		return im.storeErr(e, err)
	}
	if e.uid != "" {
		im.fileIDs[e.uid] = nv.ID
	}
	im.rep.Added++
	return nil
}

// contactCard stores a person at a vendor, creating the vendor when the desk has none by that name.
func (im *importer) contactCard(e *entry) error {
	var v *desk.Vendor
	if id, ok := im.fileIDs[e.vendorRef]; ok && e.vendorRef != "" {
		v = im.vendors[id]
	}
	if v == nil && e.vendorRef != "" {
		v = im.vendors[e.vendorRef]
	}
	if v == nil {
		v = im.byName[desk.FoldKey(e.vendor.Name)]
	}
	added := false
	if v == nil {
		nv := e.vendor
		nv.Phone, nv.Email = e.fillPhone, e.fillEmail
		c := *e.contact
		c.VendorID = "check"
		if err := desk.FirstErr(nv.Validate(), c.Validate()); err != nil { // neither is stored when one is wrong
			return im.storeErr(e, err)
		}
		if err := im.createVendor(&nv); err != nil {
			return im.storeErr(e, err)
		}
		v, added = im.vendors[nv.ID], true
	}
	cs, err := im.contactsOf(v.ID)
	if err != nil {
		return err
	}
	c := *e.contact
	c.VendorID = v.ID
	if old := matchContact(cs, e.uid, &c); old != nil {
		fillStr := func(dst *string, src string) bool {
			if strings.TrimSpace(*dst) == "" && strings.TrimSpace(src) != "" {
				*dst = src
				return true
			}
			return false
		}
		upd := *old
		ch := fillStr(&upd.Role, c.Role)
		if merged, added := desk.MergeChannels(old.Channels, desk.WithSingles(c.Channels, c.Phone, c.Email, "")); added {
			upd.Channels, ch = merged, true
			upd.Phone, upd.Email, _ = desk.Firsts(merged)
		}
		ch = fillStr(&upd.Notes, c.Notes) || ch
		if ch && !im.opts.DryRun {
			if err := im.st.UpdateVendorContact(im.ctx, &upd); err != nil {
				return im.storeErr(e, err)
			}
		}
		if ch {
			*old = upd
			im.touch(v.ID)
		}
		vch, err := im.fillVendor(e, v, &desk.Vendor{Phone: e.fillPhone, Email: e.fillEmail, Address: e.vendor.Address,
			City: e.vendor.City, Website: e.vendor.Website}, true)
		if err != nil || vch == nil {
			return err
		}
		if ch || *vch {
			im.rep.Updated++
		} else {
			im.rep.Duplicates++
		}
		return nil
	}
	if !im.opts.DryRun {
		if err := im.st.CreateVendorContact(im.ctx, &c); err != nil {
			return im.storeErr(e, err)
		}
	} else if err := c.Validate(); err != nil {
		return im.storeErr(e, err)
	}
	im.contacts[v.ID] = append(im.contacts[v.ID], &c)
	im.touch(v.ID)
	if !added {
		// the card brought a new person to a known vendor; the company may take what it lacks
		if _, err := im.fillVendor(e, v, &desk.Vendor{Phone: e.fillPhone, Email: e.fillEmail, Address: e.vendor.Address,
			City: e.vendor.City, Website: e.vendor.Website}, true); err != nil {
			return err
		}
	}
	im.rep.Added++
	return nil
}

func (im *importer) contactsOf(vendorID string) ([]*desk.VendorContact, error) {
	if cs, ok := im.contacts[vendorID]; ok {
		return cs, nil
	}
	var out []*desk.VendorContact
	if !strings.HasPrefix(vendorID, "dry-run:") {
		cs, err := im.st.VendorContacts(im.ctx, vendorID)
		if err != nil {
			return nil, err
		}
		for i := range cs {
			out = append(out, &cs[i])
		}
	}
	im.contacts[vendorID] = out
	return out, nil
}

func matchContact(cs []*desk.VendorContact, uid string, c *desk.VendorContact) *desk.VendorContact {
	for _, old := range cs {
		if uid != "" && old.ID == uid {
			return old
		}
	}
	// Two names are two people, even on one switchboard and one booking address (colleagues at a
	// company share both): the line and the address only tell a person when a name is missing.
	for _, old := range cs {
		sameName := desk.FoldKey(old.Name) == desk.FoldKey(c.Name)
		unnamed := desk.FoldKey(old.Name) == "" || desk.FoldKey(c.Name) == ""
		if sameName || unnamed && (emailKey(c.Email) != "" && emailKey(old.Email) == emailKey(c.Email) ||
			phoneKey(c.Phone) != "" && phoneKey(old.Phone) == phoneKey(c.Phone)) {
			return old
		}
	}
	return nil
}

// match finds the desk's vendor a card describes: same name (ignoring case, accents and
// punctuation), else same e-mail, else same phone.
func (im *importer) match(v *desk.Vendor) *desk.Vendor {
	if m := im.byName[desk.FoldKey(v.Name)]; m != nil && desk.FoldKey(v.Name) != "" {
		return m
	}
	if m := im.byEmail[emailKey(v.Email)]; m != nil && emailKey(v.Email) != "" {
		return m
	}
	if m := im.byPhone[phoneKey(v.Phone)]; m != nil && phoneKey(v.Phone) != "" {
		return m
	}
	return nil
}

func (im *importer) createVendor(v *desk.Vendor) error {
	if im.opts.DryRun {
		if err := v.Validate(); err != nil {
			return err
		}
		im.dryN++
		v.ID = fmt.Sprintf("dry-run:%d", im.dryN)
	} else if err := im.st.CreateVendor(im.ctx, v); err != nil {
		return err
	}
	nv := *v
	im.index(&nv)
	im.contacts[nv.ID] = nil
	im.touch(nv.ID)
	return nil
}

// fillVendor copies into v the fields it lacks from src and saves it. It returns whether it
// changed anything, or nil when the card became a problem.
func (im *importer) fillVendor(e *entry, v *desk.Vendor, src *desk.Vendor, contactOnly bool) (*bool, error) {
	upd := *v
	changed := false
	fill := func(dst *string, s string) {
		if strings.TrimSpace(*dst) == "" && strings.TrimSpace(s) != "" {
			*dst, changed = s, true
		}
	}
	// Every phone, e-mail and address of the card the vendor lacks is added; from a person's card
	// (contactOnly) only a medium the vendor has none of, as that is the person's line.
	add := desk.WithSingles(src.Channels, src.Phone, src.Email, src.Address)
	if contactOnly {
		add = slices.DeleteFunc(add, func(c desk.Channel) bool { return desk.First(v.Channels, c.Medium) != "" })
	}
	noAddress := desk.First(v.Channels, desk.MediumAddress) == "" && strings.TrimSpace(v.Address) == ""
	if merged, added := desk.MergeChannels(desk.WithSingles(v.Channels, v.Phone, v.Email, v.Address), add); added {
		upd.Channels, changed = merged, true
		upd.Phone, upd.Email, upd.Address = desk.Firsts(merged)
	}
	if noAddress && strings.TrimSpace(upd.City) == "" {
		fill(&upd.City, src.City)
	}
	fill(&upd.Website, src.Website)
	if !contactOnly {
		fill(&upd.Notes, src.Notes)
		fill(&upd.Hours, src.Hours)
		fill(&upd.Languages, src.Languages)
		fill(&upd.CommissionTerms, src.CommissionTerms)
	}
	if !changed {
		return &changed, nil
	}
	if im.opts.DryRun {
		if err := upd.Validate(); err != nil {
			return nil, im.storeErr(e, err)
		}
	} else if err := im.st.UpdateVendor(im.ctx, &upd); err != nil {
		return nil, im.storeErr(e, err)
	}
	*v = upd
	im.index(v)
	im.touch(v.ID)
	return &changed, nil
}

// Export.

// Export writes the vendors (vendorIDs nil = every vendor, by name; ids no longer there are
// skipped) with their contact persons as vCard version "3.0" (the most widely read; "" means it
// too) or "4.0": one card per vendor, then one per contact (see the package comment). It returns
// how many vendors it wrote. It writes straight to w: writing to a temporary file and renaming
// it is the caller's business.
func Export(ctx context.Context, st *store.Store, w io.Writer, vendorIDs []string, version string) (int, error) {
	switch version {
	case "", "3.0":
		version = "3.0"
	case "4.0":
	default:
		return 0, fmt.Errorf("%w: %q", ErrVersion, version)
	}
	var vs []desk.Vendor
	if vendorIDs == nil {
		all, err := st.Vendors(ctx, store.VendorFilter{})
		if err != nil {
			return 0, err
		}
		vs = all
	} else {
		for _, id := range vendorIDs {
			v, err := st.Vendor(ctx, id)
			if errors.Is(err, store.ErrNotFound) {
				continue
			}
			if err != nil {
				return 0, err
			}
			vs = append(vs, v)
		}
	}
	bw := bufio.NewWriter(w)
	n := 0
	for _, v := range vs {
		if err := ctx.Err(); err != nil {
			return n, err
		}
		cs, err := st.VendorContacts(ctx, v.ID)
		if err != nil {
			return n, err
		}
		if err := writeCard(bw, cardOfVendor(v, version)); err != nil {
			return n, err
		}
		for _, c := range cs {
			if err := writeCard(bw, cardOfContact(c, v, version)); err != nil {
				return n, err
			}
		}
		n++
	}
	return n, bw.Flush()
}

var textEscaper = strings.NewReplacer(`\`, `\\`, ",", `\,`, ";", `\;`, "\r\n", `\n`, "\r", `\n`, "\n", `\n`)

// esc writes plain text as a vCard text value.
func esc(s string) string { return textEscaper.Replace(strings.TrimSpace(s)) }

// escURI writes a URI value: no escaping, one line.
func escURI(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

func typeParam(version string, types ...string) govcard.Params {
	for i, t := range types {
		if version == "4.0" {
			types[i] = strings.ToLower(t)
		} else {
			types[i] = strings.ToUpper(t)
		}
	}
	return govcard.Params{govcard.ParamType: {strings.Join(types, ",")}}
}

// addChannels writes every phone, e-mail and address with its kind as TYPE. The first address
// takes the vendor's city (its locality); the others hold their whole text as the street.
func addChannels(card govcard.Card, cs []desk.Channel, city, version string) {
	firstAdr := true
	n, done := map[string]int{}, map[string]bool{}
	for _, c := range cs {
		n[c.Medium]++
	}
	for _, c := range cs {
		types := kindTypes(c.Medium, c.Kind, version)
		// The first of several is marked preferred, so that a re-import puts it first again.
		pref := n[c.Medium] > 1 && !done[c.Medium]
		done[c.Medium] = true
		if pref && version == "3.0" {
			types = append(types, "pref")
		}
		var params govcard.Params
		if len(types) > 0 {
			params = typeParam(version, types...)
		}
		if pref && version == "4.0" {
			if params == nil {
				params = govcard.Params{}
			}
			params[govcard.ParamPreferred] = []string{"1"}
		}
		switch c.Medium {
		case desk.MediumPhone:
			addField(card, govcard.FieldTelephone, esc(c.Value), params)
		case desk.MediumEmail:
			addField(card, govcard.FieldEmail, esc(c.Value), params)
		case desk.MediumAddress:
			locality := ""
			if firstAdr {
				locality, firstAdr = city, false
			}
			addField(card, govcard.FieldAddress, ";;"+esc(c.Value)+";"+esc(locality)+";;;", params)
		}
	}
	if firstAdr && strings.TrimSpace(city) != "" {
		addField(card, govcard.FieldAddress, ";;;"+esc(city)+";;;", typeParam(version, "work"))
	}
}

func addField(card govcard.Card, key, value string, params govcard.Params) {
	card.Add(key, &govcard.Field{Value: value, Params: params})
}

const prodID = "-//Loge//Loge vendor book//EN"

// cardOfVendor is a vendor's own card, values escaped as they are written.
func cardOfVendor(v desk.Vendor, version string) govcard.Card {
	card := govcard.Card{}
	addField(card, govcard.FieldVersion, version, nil)
	addField(card, govcard.FieldProductID, prodID, nil)
	if version == "4.0" {
		addField(card, govcard.FieldKind, string(govcard.KindOrganization), nil)
		addField(card, govcard.FieldUID, "urn:uuid:"+v.ID, nil)
	} else {
		addField(card, govcard.FieldUID, v.ID, nil)
		addField(card, govcard.FieldName, ";;;;", nil) // required in 3.0; a company has no person's name
		addField(card, "X-ABShowAs", "COMPANY", nil)
	}
	addField(card, govcard.FieldFormattedName, esc(v.Name), nil)
	addField(card, govcard.FieldOrganization, esc(v.Name), nil)
	addChannels(card, desk.WithSingles(v.Channels, v.Phone, v.Email, v.Address), v.City, version)
	if v.Website != "" {
		addField(card, govcard.FieldURL, escURI(v.Website), nil)
	}
	addField(card, govcard.FieldCategories, esc(v.Category), nil)
	if v.Notes != "" {
		addField(card, govcard.FieldNote, esc(v.Notes), nil)
	}
	addField(card, "X-LOGE-CATEGORY", esc(v.Category), nil)
	addField(card, "X-LOGE-STATUS", esc(v.Status), nil)
	for _, x := range []struct{ key, val string }{
		{"X-LOGE-STATUS-REASON", v.StatusReason}, {"X-LOGE-HOURS", v.Hours},
		{"X-LOGE-LANGUAGES", v.Languages}, {"X-LOGE-COMMISSION", v.CommissionTerms},
	} {
		if strings.TrimSpace(x.val) != "" {
			addField(card, x.key, esc(x.val), nil)
		}
	}
	return card
}

// cardOfContact is the card of a person at vendor v.
func cardOfContact(c desk.VendorContact, v desk.Vendor, version string) govcard.Card {
	card := govcard.Card{}
	addField(card, govcard.FieldVersion, version, nil)
	addField(card, govcard.FieldProductID, prodID, nil)
	if version == "4.0" {
		addField(card, govcard.FieldKind, string(govcard.KindIndividual), nil)
		addField(card, govcard.FieldUID, "urn:uuid:"+c.ID, nil)
	} else {
		addField(card, govcard.FieldUID, c.ID, nil)
	}
	words := strings.Fields(c.Name)
	family, given := "", ""
	if len(words) > 0 {
		family, given = words[len(words)-1], strings.Join(words[:len(words)-1], " ")
	}
	addField(card, govcard.FieldFormattedName, esc(c.Name), nil)
	addField(card, govcard.FieldName, esc(family)+";"+esc(given)+";;;", nil)
	addField(card, govcard.FieldOrganization, esc(v.Name), nil)
	if c.Role != "" {
		addField(card, govcard.FieldTitle, esc(c.Role), nil)
	}
	addChannels(card, desk.WithSingles(c.Channels, c.Phone, c.Email, ""), "", version)
	if c.Notes != "" {
		addField(card, govcard.FieldNote, esc(c.Notes), nil)
	}
	addField(card, "X-LOGE-VENDOR-ID", esc(v.ID), nil)
	return card
}

// fieldOrder is the order properties are written in; others follow, sorted.
var fieldOrder = []string{govcard.FieldVersion, govcard.FieldProductID, govcard.FieldKind, govcard.FieldUID,
	govcard.FieldFormattedName, govcard.FieldName, govcard.FieldOrganization, govcard.FieldTitle, "X-ABShowAs",
	govcard.FieldTelephone, govcard.FieldEmail, govcard.FieldAddress, govcard.FieldURL, govcard.FieldCategories,
	govcard.FieldNote}

// writeCard writes one card whose values are already escaped, lines folded at 75 octets.
func writeCard(w *bufio.Writer, card govcard.Card) error {
	keys := slices.Clone(fieldOrder)
	var rest []string
	for k := range card {
		if !slices.Contains(fieldOrder, k) {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	keys = append(keys, rest...)
	w.WriteString("BEGIN:VCARD\r\n")
	for _, k := range keys {
		for _, f := range card[k] {
			var b strings.Builder
			b.WriteString(k)
			pks := make([]string, 0, len(f.Params))
			for pk := range f.Params {
				pks = append(pks, pk)
			}
			slices.Sort(pks)
			for _, pk := range pks {
				for _, pv := range f.Params[pk] {
					b.WriteString(";" + pk + "=" + pv)
				}
			}
			b.WriteString(":" + f.Value)
			w.WriteString(fold(b.String()))
		}
	}
	_, err := w.WriteString("END:VCARD\r\n")
	return err
}

// fold breaks a content line into lines of at most 75 octets, never inside a UTF-8 sequence.
func fold(line string) string {
	var b strings.Builder
	limit := 75
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		b.WriteString(line[:cut])
		b.WriteString("\r\n ")
		line = line[cut:]
		limit = 74
	}
	b.WriteString(line)
	b.WriteString("\r\n")
	return b.String()
}
