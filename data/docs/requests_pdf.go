package docs

import (
	"context"
	"io"
	"time"

	"loge/data/desk"
	"loge/data/docs/templates"
	"loge/data/store"
)

// RequestsPDF writes reqs (the Requests workspace's list, as filtered and sorted) as a printable
// pack in lang: a line a request with its day and time, guest, kind, booking, vendor, party,
// confirmation number, status and price. caption says what the list is ("weekend, not yet
// confirmed") and is set after the title. The pack stays on the desk, yet a request's Notes are
// left out all the same: they are the desk's asides about a guest (allergies, a surprise) and a
// printed list travels (a chauffeur's clipboard, a shared printer).
func RequestsPDF(ctx context.Context, st *store.Store, reqs []desk.Request, caption, lang string, w io.Writer) error {
	lang = desk.Lang(lang)
	loc := hotelLoc(st)
	rows := make([][]cell, 0, len(reqs))
	for _, r := range reqs {
		at := r.StartsAt.In(r.Location(loc))
		when := longDate(at, lang) + "\n" + templates.FormatClock(at, lang)
		if z := foreignZone(at, loc); z != "" {
			when += " " + z
		}
		title := requestTitle(r, lang)
		if r.Private {
			title += "\n" + tr("private", lang)
		}
		row := []cell{{text: when, bold: true, color: navy}, {text: r.GuestName, bold: true}, {text: kindHeading(r.Kind, lang)},
			{text: title}, {text: r.VendorName}, {text: count(r.PartySize), align: "C"}, {text: r.Confirmation, bold: true},
			statusCell(r.Status, lang), {text: priceText(r, lang), align: "R"}}
		if r.Status == desk.RequestCancelled || r.Status == desk.RequestDeclined {
			for i := range row[:len(row)-2] {
				row[i].color, row[i].bold = muted, false
			}
		}
		rows = append(rows, row)
	}
	title := tr("requests", lang)
	if caption != "" {
		title += " — " + caption
	}
	return writePack(ctx, st, title, lang, []section{{title: tr("requests", lang), rows: rows, empty: tr("none_requests", lang), cols: []column{
		{"col_when", 26, "L"}, {"col_guest", 44, "L"}, {"col_kind", 22, "L"}, {"col_booking", 54, "L"}, {"col_vendor", 38, "L"},
		{"col_party", 12, "C"}, {"col_conf", 27, "L"}, {"col_status", 26, "L"}, {"col_price", 24, "R"},
	}}}, w)
}

// longDate is a day with its year: "27/11/2026" in French, "27 Nov 2026" in English.
func longDate(t time.Time, lang string) string {
	if lang == "en" {
		return t.Format("2 Jan 2006")
	}
	return t.Format("02/01/2006")
}

// priceText is a request's price, "" when it has none.
func priceText(r desk.Request, lang string) string {
	if r.PriceCents == 0 {
		return ""
	}
	return templates.FormatMoney(r.PriceCents, r.Currency, lang)
}
