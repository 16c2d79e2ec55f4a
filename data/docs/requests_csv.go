package docs

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"

	"loge/data/desk"
	"loge/data/docs/templates"
)

// The requests as a spreadsheet for the hotel's accounts or the weekend's plan. Excel opens a CSV
// as the computer's old code page unless it starts with a UTF-8 byte-order mark (accents came out
// as "Ã©"), and a French Excel splits columns on ';' where an English one splits on ','.

var csvTexts = map[string][2]string{ // fr, en
	"date": {"Date", "Date"}, "time": {"Heure", "Time"}, "guest": {"Client", "Guest"}, "kind": {"Type", "Kind"},
	"title": {"Objet", "What"}, "vendor": {"Prestataire", "Vendor"}, "status": {"Statut", "Status"},
	"confirmation": {"N° de confirmation", "Confirmation"}, "party": {"Personnes", "Party"},
	"price": {"Prix", "Price"}, "currency": {"Devise", "Currency"}, "commission": {"Commission", "Commission"},
	"commission_status":                     {"État de la commission", "Commission status"},
	"comm_" + desk.CommissionExpected:       {"Commission à percevoir", "Commission expected"},
	"comm_" + desk.CommissionSettled:        {"Commission perçue", "Commission settled"},
	"comm_" + desk.CommissionReversed:       {"Commission annulée", "Commission reversed"},
	"commission_" + desk.CommissionExpected: {"à percevoir", "expected"},
	"commission_" + desk.CommissionSettled:  {"perçue", "settled"},
	"commission_" + desk.CommissionReversed: {"annulée", "reversed"},
}

func csvText(key, lang string) string {
	t := csvTexts[key]
	if lang == "en" {
		return t[1]
	}
	return t[0]
}

// RequestsCSV writes reqs as CSV in lang: a byte-order mark, one header line, a line a request,
// dates and times on the hotel's clock (loc) unless the request has a zone of its own, amounts as
// plain decimals a spreadsheet sums ("1250,00" in French, "1250.00" in English).
func RequestsCSV(w io.Writer, reqs []desk.Request, loc *time.Location, lang string) error {
	lang = desk.Lang(lang)
	cw, err := newCSV(w, lang, "date", "time", "guest", "kind", "title", "vendor", "status", "confirmation", "party", "price", "currency", "commission", "commission_status")
	if err != nil {
		return err
	}
	amount := func(cents int64) string { return csvAmount(cents, lang) }
	for _, r := range reqs {
		day, clock := csvDayClock(r, loc)
		commission := ""
		if r.CommissionStatus != desk.CommissionNone {
			commission = csvText("commission_"+r.CommissionStatus, lang)
		}
		party := ""
		if r.PartySize > 0 {
			party = strconv.Itoa(r.PartySize)
		}
		if err := cw.Write([]string{day, clock, csvCell(r.GuestName), templates.KindName(r.Kind, lang), csvCell(r.Title), csvCell(r.VendorName),
			tr("status_"+r.Status, lang), csvCell(r.Confirmation), party, amount(r.PriceCents), r.Currency, amount(r.CommissionCents), commission}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// newCSV starts a spreadsheet in lang on w: the byte-order mark, the separator its Excel expects,
// and the header line of the columns named by keys.
func newCSV(w io.Writer, lang string, keys ...string) (*csv.Writer, error) {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return nil, err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if lang == "fr" {
		cw.Comma = ';'
	}
	head := make([]string, len(keys))
	for i, k := range keys {
		head[i] = csvText(k, lang)
	}
	return cw, cw.Write(head)
}

// csvAmount is an amount a spreadsheet sums: "1250,00" in French, "1250.00" in English; 0 is "".
func csvAmount(cents int64, lang string) string {
	if cents == 0 {
		return ""
	}
	s := strconv.FormatFloat(float64(cents)/100, 'f', 2, 64)
	if lang == "fr" {
		s = s[:len(s)-3] + "," + s[len(s)-2:]
	}
	return s
}

// csvDayClock is a request's day and time on its own clock (else the hotel's), "" when it has none.
func csvDayClock(r desk.Request, loc *time.Location) (day, clock string) {
	if r.StartsAt.IsZero() {
		return "", ""
	}
	at := r.StartsAt.In(r.Location(loc))
	return at.Format(time.DateOnly), at.Format("15:04")
}

// csvCell keeps a text a spreadsheet would take for a formula ("=HYPERLINK(…)" typed in a mail that
// became a request's title) as text: a leading apostrophe, which the spreadsheet does not show.
func csvCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
