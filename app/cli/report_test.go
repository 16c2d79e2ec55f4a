package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"loge/data/store"
)

// A month's commissions add up to the requests behind them, and every commission of the month is
// behind one figure.
func TestReportCommissionsAddsUp(t *testing.T) {
	db, st := demoDeskFile(t)
	all, err := st.Requests(context.Background(), store.RequestFilter{})
	loc := st.Loc
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	month := time.Now().In(loc).Format("2006-01")
	want := map[string]bool{}
	for _, r := range all {
		if r.VendorID != "" && r.CommissionStatus != "" && r.StartsAt.In(loc).Format("2006-01") == month {
			want[r.ID] = true
		}
	}
	if len(want) == 0 {
		t.Fatal("the demo has no commission this month")
	}
	code, out, errs := runCLI(t, "report", "commissions", "--db", db, "--month", month, "--json")
	if code != 0 {
		t.Fatalf("report: %d %s", code, errs)
	}
	var rows []commissionRow
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, row := range rows {
		var sums [3]int64
		for _, r := range row.Requests {
			if seen[r.ID] || !want[r.ID] {
				t.Fatalf("request %s listed twice or not of the month", r.ID)
			}
			seen[r.ID] = true
			switch r.Commission {
			case "expected":
				sums[0] += r.CommissionCents
			case "settled":
				sums[1] += r.CommissionCents
			case "reversed":
				sums[2] += r.CommissionCents
			}
		}
		if sums != [3]int64{row.ExpectedCents, row.SettledCents, row.ReversedCents} {
			t.Fatalf("%s: figures %d/%d/%d, requests %v", row.Vendor, row.ExpectedCents, row.SettledCents, row.ReversedCents, sums)
		}
	}
	if len(seen) != len(want) {
		t.Fatalf("%d of the month's %d commissions listed", len(seen), len(want))
	}
	_, text, _ := runCLI(t, "report", "commissions", "--db", db, "--month", month)
	if !strings.HasPrefix(text, "Commissions — ") || !strings.Contains(text, "Total") || !strings.Contains(text, "€") {
		t.Fatalf("text report:\n%s", text)
	}
	if code, _, errs := runCLI(t, "report", "commissions", "--db", db, "--month", "novembre"); code != 2 || !strings.Contains(errs, "AAAA-MM") {
		t.Fatalf("bad month: %d %q", code, errs)
	}
}

// The week's unconfirmed requests, one filter away, as a spreadsheet with its accents.
func TestExportRequestsCSV(t *testing.T) {
	db, st := demoDeskFile(t)
	today := time.Now().In(st.Loc)
	from, to := today.Format(time.DateOnly), today.AddDate(0, 0, 6).Format(time.DateOnly)
	want, err := st.Requests(context.Background(), store.RequestFilter{FromDay: from, ToDay: today.AddDate(0, 0, 7).Format(time.DateOnly),
		Statuses: []string{"requested", "pending_vendor"}})
	st.Close()
	if err != nil || len(want) == 0 {
		t.Fatalf("the demo's week has %d unconfirmed requests (%v)", len(want), err)
	}
	out := filepath.Join(t.TempDir(), "semaine.csv")
	if code, _, errs := runCLI(t, "export-requests", "--db", db, "--from", from, "--to", to, "--status", "requested,pending_vendor", out); code != 0 {
		t.Fatalf("export: %d %s", code, errs)
	}
	b, _ := os.ReadFile(out)
	if !bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) {
		t.Fatal("no byte-order mark: Excel would show accents as Ã©")
	}
	r := csv.NewReader(bytes.NewReader(b[3:]))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil || len(rows) != len(want)+1 {
		t.Fatalf("%d rows for %d requests: %v", len(rows), len(want), err)
	}
	for i, row := range rows[1:] {
		if row[2] != want[i].GuestName || (row[6] != "Demandée" && row[6] != "Attente prestataire") {
			t.Fatalf("row %d: %q for %+v", i, row, want[i])
		}
	}
	if code, _, _ := runCLI(t, "export-requests", "--db", db, "--kind", "boat", out+".2"); code != 2 {
		t.Fatalf("unknown kind: %d", code)
	}
}

// demoDeskFile is a demo desk written by `loge demo-init`, in French, open for the test to read
// (the test closes it before running commands on it).
func demoDeskFile(t *testing.T) (string, *store.Store) {
	t.Helper()
	t.Setenv("LOGE_LANG", "fr")
	db := filepath.Join(t.TempDir(), "demo.db")
	if code, _, errs := runCLI(t, "demo-init", "--db", db); code != 0 {
		t.Fatal(errs)
	}
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	return db, st
}
