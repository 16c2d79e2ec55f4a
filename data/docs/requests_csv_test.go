package docs

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"time"

	"loge/data/demo"
	"loge/data/desk"
)

// The requests' CSV opens in a spreadsheet with its accents (UTF-8 with a byte-order mark), in the
// separator its language's Excel expects, and never runs a formula.
func TestRequestsCSVOpensInASpreadsheet(t *testing.T) {
	paris := demo.Paris()
	reqs := []desk.Request{
		{GuestName: "Mme Élodie Dupré", Kind: desk.KindRestaurant, Title: "Dîner, table près de la verrière", VendorName: "Le Jardin d'Hiver",
			StartsAt: time.Date(2026, 12, 5, 20, 30, 0, 0, paris), Status: desk.RequestConfirmed, Confirmation: "JH-20417", PartySize: 2,
			PriceCents: 39000, Currency: "EUR", CommissionCents: 3900, CommissionStatus: desk.CommissionExpected},
		{GuestName: "=HYPERLINK(\"http://evil.example\")", Kind: desk.KindTransfer, Title: "+33 taxi", Status: desk.RequestRequested},
	}
	for _, c := range []struct {
		lang  string
		comma rune
		head  string
		row   []string
	}{
		{"fr", ';', "Date", []string{"2026-12-05", "20:30", "Mme Élodie Dupré", "restaurant", "Dîner, table près de la verrière", "Le Jardin d'Hiver", "Confirmée", "JH-20417", "2", "390,00", "EUR", "39,00", "à percevoir"}},
		{"en", ',', "Date", []string{"2026-12-05", "20:30", "Mme Élodie Dupré", "restaurant", "Dîner, table près de la verrière", "Le Jardin d'Hiver", "Confirmed", "JH-20417", "2", "390.00", "EUR", "39.00", "expected"}},
	} {
		var b bytes.Buffer
		if err := RequestsCSV(&b, reqs, paris, c.lang); err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(b.Bytes(), []byte("\xef\xbb\xbf")) {
			t.Fatalf("%s: no byte-order mark", c.lang)
		}
		r := csv.NewReader(strings.NewReader(strings.TrimPrefix(b.String(), "\ufeff")))
		r.Comma = c.comma
		rows, err := r.ReadAll()
		if err != nil || len(rows) != 3 {
			t.Fatalf("%s: %d rows, %v", c.lang, len(rows), err)
		}
		if rows[0][0] != c.head || strings.Join(rows[1], "|") != strings.Join(c.row, "|") {
			t.Fatalf("%s: %q\n%q", c.lang, rows[0], rows[1])
		}
		if !strings.HasPrefix(rows[2][2], "'=") || !strings.HasPrefix(rows[2][4], "'+") {
			t.Fatalf("%s: a formula left as typed: %q", c.lang, rows[2])
		}
	}
}
