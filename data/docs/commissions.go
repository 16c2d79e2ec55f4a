package docs

import (
	"context"
	"io"
	"strconv"
	"strings"
	"time"

	"loge/data/desk"
	"loge/data/docs/templates"
	"loge/data/store"
)

// The commissions of a month for the hotel's accounts: what each vendor still owes, has paid and
// no longer owes (a cancelled booking), with the requests behind each figure.

// CommissionsCSV writes the commissions rows (desk.Commissions of a month) as CSV in lang: a line
// a request, its vendor and currency first, its commission in the column of its status (expected,
// settled, reversed), so that summing a column, or a pivot table by vendor, gives the figures the
// window and the PDF show. No total lines: a total among the lines would be summed twice.
func CommissionsCSV(w io.Writer, rows []desk.VendorCommissions, loc *time.Location, lang string) error {
	lang = desk.Lang(lang)
	cw, err := newCSV(w, lang, "vendor", "currency", "date", "guest", "kind", "title", "confirmation", "status", "price",
		"comm_"+desk.CommissionExpected, "comm_"+desk.CommissionSettled, "comm_"+desk.CommissionReversed)
	if err != nil {
		return err
	}
	for _, vc := range rows {
		for _, r := range vc.Requests {
			day, _ := csvDayClock(r, loc)
			by := map[string]string{r.CommissionStatus: csvAmount(r.CommissionCents, lang)}
			if err := cw.Write([]string{csvCell(vc.VendorName), vc.Currency, day, csvCell(r.GuestName), templates.KindName(r.Kind, lang),
				csvCell(r.Title), csvCell(r.Confirmation), tr("status_"+r.Status, lang), csvAmount(r.PriceCents, lang),
				by[desk.CommissionExpected], by[desk.CommissionSettled], by[desk.CommissionReversed]}); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// CommissionTotals are the sums of rows by currency, in the order the currencies first appear.
type CommissionTotals struct {
	Currency                    string
	Expected, Settled, Reversed int64
	Requests                    int
}

// SumCommissions adds rows up by currency: amounts in two currencies are never one figure.
func SumCommissions(rows []desk.VendorCommissions) []CommissionTotals {
	var out []CommissionTotals
	at := map[string]int{}
	for _, vc := range rows {
		i, ok := at[vc.Currency]
		if !ok {
			i = len(out)
			at[vc.Currency] = i
			out = append(out, CommissionTotals{Currency: vc.Currency})
		}
		t := &out[i]
		t.Expected += vc.Expected
		t.Settled += vc.Settled
		t.Reversed += vc.Reversed
		t.Requests += len(vc.Requests)
	}
	return out
}

// CommissionsPDF writes the commissions of month (any day of it) as a printable pack in lang: a
// summary (a line a vendor and currency, then the totals by currency) and, vendor by vendor, the
// requests behind the figures. Like the desk's other packs it never prints a request's notes.
func CommissionsPDF(ctx context.Context, st *store.Store, month time.Time, rows []desk.VendorCommissions, lang string, w io.Writer) error {
	lang = desk.Lang(lang)
	loc := hotelLoc(st)
	money := func(c int64, cur string) string { return templates.FormatMoney(c, cur, lang) }
	var summary [][]cell
	for _, vc := range rows {
		summary = append(summary, []cell{{text: vc.VendorName, bold: true}, {text: vc.Currency}, {text: strconv.Itoa(len(vc.Requests)), align: "R"},
			amountCell(money(vc.Expected, vc.Currency), vc.Expected, gold, true), amountCell(money(vc.Settled, vc.Currency), vc.Settled, ink, false),
			amountCell(money(vc.Reversed, vc.Currency), vc.Reversed, muted, false)})
	}
	for _, t := range SumCommissions(rows) {
		summary = append(summary, []cell{{text: tr("total", lang), bold: true, color: navy}, {text: t.Currency, bold: true, color: navy},
			{text: strconv.Itoa(t.Requests), align: "R", bold: true, color: navy},
			{text: money(t.Expected, t.Currency), align: "R", bold: true, color: navy},
			{text: money(t.Settled, t.Currency), align: "R", bold: true, color: navy},
			{text: money(t.Reversed, t.Currency), align: "R", bold: true, color: navy}})
	}
	sections := []section{{title: tr("comm_summary", lang), rows: summary, count: len(rows), empty: tr("none_commissions", lang), cols: []column{
		{"col_vendor", 95, "L"}, {"col_currency", 22, "L"}, {"col_requests", 24, "R"},
		{"col_" + desk.CommissionExpected, 44, "R"}, {"col_" + desk.CommissionSettled, 44, "R"}, {"col_" + desk.CommissionReversed, 44, "R"},
	}}}
	for _, vc := range rows {
		var lines [][]cell
		for _, r := range vc.Requests {
			at := r.StartsAt.In(r.Location(loc))
			lines = append(lines, []cell{{text: longDate(at, lang), bold: true, color: navy},
				{text: r.GuestName, bold: true}, {text: requestTitle(r, lang)}, {text: r.Confirmation, bold: true},
				statusCell(r.Status, lang), {text: money(r.PriceCents, r.Currency), align: "R"},
				{text: money(r.CommissionCents, r.Currency), align: "R", bold: r.CommissionStatus == desk.CommissionExpected},
				commissionCell(r.CommissionStatus, lang)})
		}
		sections = append(sections, section{title: vc.VendorName + " — " + vc.Currency, rows: lines, cols: []column{
			{"col_date", 28, "L"}, {"col_guest", 48, "L"}, {"col_booking", 66, "L"}, {"col_conf", 28, "L"},
			{"col_status", 27, "L"}, {"col_price", 26, "R"}, {"col_commission", 24, "R"}, {"col_comm_status", 26, "L"},
		}})
	}
	return writePack(ctx, st, tr("commissions", lang)+" — "+templates.FormatMonth(month.In(loc), lang), lang, sections, w)
}

// amountCell is an amount of the summary: in its colour (bold if strong) unless it is nothing.
func amountCell(text string, cents int64, color rgb, strong bool) cell {
	if cents == 0 {
		return cell{text: text, align: "R", color: muted}
	}
	return cell{text: text, align: "R", color: color, bold: strong}
}

// commissionCell is a commission's status, what is still owed in gold.
func commissionCell(status, lang string) cell {
	c := cell{text: csvText("commission_"+status, lang)}
	switch status {
	case desk.CommissionExpected:
		c.color, c.bold = gold, true
	case desk.CommissionReversed:
		c.color = muted
	}
	return c
}

// requestTitle is a request's title, else its kind as a heading.
func requestTitle(r desk.Request, lang string) string {
	if t := strings.TrimSpace(r.Title); t != "" {
		return t
	}
	return kindHeading(r.Kind, lang)
}
