package cli

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"loge/app/i18n"
	"loge/data/desk"
	"loge/data/docs/templates"
	"loge/data/store"
)

type commissionRequestRow struct {
	ID              string `json:"id"`
	Guest           string `json:"guest"`
	Title           string `json:"title"`
	StartsAt        string `json:"starts_at"`
	Status          string `json:"status"`
	CommissionCents int64  `json:"commission_cents"`
	Commission      string `json:"commission_status"`
}

type commissionRow struct {
	VendorID      string                 `json:"vendor_id"`
	Vendor        string                 `json:"vendor"`
	Currency      string                 `json:"currency"`
	ExpectedCents int64                  `json:"expected_cents"`
	SettledCents  int64                  `json:"settled_cents"`
	ReversedCents int64                  `json:"reversed_cents"`
	Requests      []commissionRequestRow `json:"requests"`
}

// cmdReport prints a report; today the commissions of a month, per vendor, for the hotel's
// accounts: what is still expected, what was settled, what was reversed, and the requests behind.
func cmdReport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "commissions" {
		return usageErr("%s", i18n.T("cli.report_needs_kind"))
	}
	fs, db := newFlags("report", stderr)
	month := fs.String("month", "", "cli.flag_month")
	asJSON := fs.Bool("json", false, "cli.flag_json")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return usageErr("%s", i18n.T("cli.report_needs_kind"))
	}
	st, err := openDesk(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	first := time.Now().In(st.Loc)
	if *month != "" {
		if first, err = time.ParseInLocation("2006-01", *month, st.Loc); err != nil {
			return usageErr("%s", i18n.T("cli.bad_month", map[string]any{"Value": *month}))
		}
	}
	first = time.Date(first.Year(), first.Month(), 1, 0, 0, 0, 0, st.Loc)
	reqs, err := st.Requests(ctx, store.RequestFilter{FromDay: first.Format(time.DateOnly), ToDay: first.AddDate(0, 1, 0).Format(time.DateOnly)})
	if err != nil {
		return err
	}
	rows := desk.Commissions(reqs)
	if *asJSON {
		out := make([]commissionRow, 0, len(rows))
		for _, vc := range rows {
			row := commissionRow{vc.VendorID, vc.VendorName, vc.Currency, vc.Expected, vc.Settled, vc.Reversed, nil}
			for _, r := range vc.Requests {
				row.Requests = append(row.Requests, commissionRequestRow{r.ID, r.GuestName, r.Title, r.StartsAt.Format(time.RFC3339), r.Status, r.CommissionCents, r.CommissionStatus})
			}
			out = append(out, row)
		}
		return writeJSON(stdout, out)
	}
	lang := i18n.Current()
	money := func(c int64, cur string) string { return templates.FormatMoney(c, cur, lang) }
	fmt.Fprintln(stdout, i18n.T("cli.commissions_title", map[string]any{"Month": i18n.T("month_long." + strconv.Itoa(int(first.Month()))), "Year": first.Year()}))
	if len(rows) == 0 {
		fmt.Fprintln(stdout, i18n.T("cli.commissions_none"))
		return nil
	}
	// A table a person reads in a terminal: the vendor on the left, the amounts aligned right.
	table := [][]string{strings.Split(i18n.T("cli.commissions_head"), "\t")}
	totals := map[string][3]int64{}
	var currencies []string
	for _, vc := range rows {
		table = append(table, []string{vc.VendorName, money(vc.Expected, vc.Currency), money(vc.Settled, vc.Currency),
			money(vc.Reversed, vc.Currency), strconv.Itoa(len(vc.Requests))})
		t, seen := totals[vc.Currency]
		if !seen {
			currencies = append(currencies, vc.Currency)
		}
		totals[vc.Currency] = [3]int64{t[0] + vc.Expected, t[1] + vc.Settled, t[2] + vc.Reversed}
	}
	for _, cur := range currencies {
		t := totals[cur]
		table = append(table, []string{i18n.T("cli.commissions_total"), money(t[0], cur), money(t[1], cur), money(t[2], cur), ""})
	}
	width := make([]int, len(table[0]))
	for _, row := range table {
		for i, c := range row {
			width[i] = max(width[i], utf8.RuneCountInString(c))
		}
	}
	for _, row := range table {
		var b strings.Builder
		for i, c := range row {
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(c))
			if i == 0 {
				b.WriteString(c + pad)
			} else {
				b.WriteString("  " + pad + c)
			}
		}
		fmt.Fprintln(stdout, strings.TrimRight(b.String(), " "))
	}
	return nil
}
