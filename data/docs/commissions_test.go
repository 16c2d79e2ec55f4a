package docs

import (
	"bytes"
	"context"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"loge/data/desk"
	"loge/data/docs/templates"
	"loge/data/store"
)

// monthOfDemo is the demo desk's commissions of the month it was seeded in.
func monthOfDemo(t *testing.T, st *store.Store) (time.Time, []desk.VendorCommissions) {
	t.Helper()
	now := seededAt.In(st.Loc)
	first := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, st.Loc)
	reqs, err := st.Requests(context.Background(), store.RequestFilter{FromDay: first.Format(time.DateOnly), ToDay: first.AddDate(0, 1, 0).Format(time.DateOnly)})
	if err != nil {
		t.Fatal(err)
	}
	rows := desk.Commissions(reqs)
	if len(rows) == 0 {
		t.Fatal("the demo desk has no commissions this month")
	}
	return first, rows
}

// The commissions' CSV puts each request's commission in the column of its status, so that each
// column sums to the month's figure by currency.
func TestCommissionsCSVColumnsSumToTheTotals(t *testing.T) {
	st := seeded(t)
	_, rows := monthOfDemo(t, st)
	totals := SumCommissions(rows)
	for _, lang := range []string{"fr", "en"} {
		var b bytes.Buffer
		if err := CommissionsCSV(&b, rows, st.Loc, lang); err != nil {
			t.Fatal(err)
		}
		r := csv.NewReader(strings.NewReader(strings.TrimPrefix(b.String(), "\ufeff")))
		if lang == "fr" {
			r.Comma = ';'
		}
		lines, err := r.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if lang == "fr" && (lines[0][0] != "Prestataire" || lines[0][9] != "Commission à percevoir") {
			t.Fatalf("French header %q", lines[0])
		}
		sums := map[string][3]int64{}
		n := 0
		for _, l := range lines[1:] {
			s := sums[l[1]]
			for i := range 3 {
				s[i] += cents(t, l[9+i])
			}
			sums[l[1]] = s
			n++
		}
		want := 0
		for _, tt := range totals {
			if got := sums[tt.Currency]; got != [3]int64{tt.Expected, tt.Settled, tt.Reversed} {
				t.Errorf("%s %s: columns sum to %v, totals %+v", lang, tt.Currency, got, tt)
			}
			want += tt.Requests
		}
		if n != want {
			t.Errorf("%s: %d lines for %d requests", lang, n, want)
		}
	}
}

// cents reads a CSV amount in either language's decimal mark.
func cents(t *testing.T, s string) int64 {
	t.Helper()
	if s == "" {
		return 0
	}
	whole, frac, _ := strings.Cut(strings.ReplaceAll(s, ",", "."), ".")
	var c int64
	for _, d := range whole + frac {
		if d < '0' || d > '9' {
			t.Fatalf("amount %q", s)
		}
		c = c*10 + int64(d-'0')
	}
	return c
}

// The commissions pack names the month, each vendor with its figures and totals, and the
// requests behind them, never their notes.
func TestCommissionsPDF(t *testing.T) {
	st := seeded(t)
	month, rows := monthOfDemo(t, st)
	for _, lang := range []string{"fr", "en"} {
		var b bytes.Buffer
		if err := CommissionsPDF(context.Background(), st, month, rows, lang, &b); err != nil {
			t.Fatal(err)
		}
		render(t, b.Bytes(), "commissions-"+lang)
		text := pdfText(t, b.Bytes())
		mustContain(t, text, tr("commissions", lang)+" — "+templates.FormatMonth(month, lang), tr("total", lang), rows[0].VendorName,
			strings.ReplaceAll(templates.FormatMoney(SumCommissions(rows)[0].Expected, "EUR", lang), "\u00a0", " "))
		for _, vc := range rows {
			for _, r := range vc.Requests {
				if r.Confirmation != "" {
					mustContain(t, text, r.Confirmation)
				}
				if len(r.Notes) > 12 {
					mustNotContain(t, text, r.Notes[:12])
				}
			}
		}
	}
}

// The requests pack lists what it is given, with accents, and leaves every note out.
func TestRequestsPDFLeavesNotesOut(t *testing.T) {
	st := seeded(t)
	reqs, err := st.Requests(context.Background(), store.RequestFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"fr", "en"} {
		var b bytes.Buffer
		if err := RequestsPDF(context.Background(), st, reqs, "Semaine à venir", lang, &b); err != nil {
			t.Fatal(err)
		}
		render(t, b.Bytes(), "requests-"+lang)
		text := pdfText(t, b.Bytes())
		mustContain(t, text, tr("requests", lang)+" — Semaine à venir", reqs[0].GuestName, tr("status_"+reqs[0].Status, lang))
		for _, r := range reqs {
			if r.Confirmation != "" {
				mustContain(t, text, r.Confirmation)
			}
			if len(r.Notes) > 15 {
				mustNotContain(t, text, r.Notes[:15])
			}
		}
	}
	var b bytes.Buffer
	if err := RequestsPDF(context.Background(), st, nil, "", "fr", &b); err != nil {
		t.Fatal(err)
	}
	mustContain(t, pdfText(t, b.Bytes()), tr("none_requests", "fr"))
}
