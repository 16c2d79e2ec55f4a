package desk

import "testing"

func TestCommissionsSumByVendorAndCurrency(t *testing.T) {
	reqs := []Request{
		{ID: "1", VendorID: "v2", VendorName: "Zèbre Limousines", Currency: "EUR", CommissionCents: 1000, CommissionStatus: CommissionExpected},
		{ID: "2", VendorID: "v1", VendorName: "Atelier Floral", Currency: "EUR", CommissionCents: 500, CommissionStatus: CommissionSettled},
		{ID: "3", VendorID: "v2", VendorName: "Zèbre Limousines", Currency: "EUR", CommissionCents: 250, CommissionStatus: CommissionSettled},
		{ID: "4", VendorID: "v2", VendorName: "Zèbre Limousines", Currency: "EUR", CommissionCents: 700, CommissionStatus: CommissionReversed},
		{ID: "5", VendorID: "v2", VendorName: "Zèbre Limousines", Currency: "CHF", CommissionCents: 300, CommissionStatus: CommissionExpected},
		{ID: "6", VendorID: "v1", VendorName: "Atelier Floral", Currency: "EUR", CommissionCents: 999, CommissionStatus: CommissionNone},
		{ID: "7", Currency: "EUR", CommissionCents: 100, CommissionStatus: CommissionExpected},
	}
	got := Commissions(reqs)
	if len(got) != 3 {
		t.Fatalf("%d rows: %+v", len(got), got)
	}
	a, chf, eur := got[0], got[1], got[2]
	if a.VendorName != "Atelier Floral" || a.Settled != 500 || a.Expected != 0 || len(a.Requests) != 1 {
		t.Errorf("Atelier: %+v", a)
	}
	if chf.Currency != "CHF" || chf.Expected != 300 || eur.Currency != "EUR" || eur.Expected != 1000 || eur.Settled != 250 || eur.Reversed != 700 || len(eur.Requests) != 3 {
		t.Errorf("Zèbre: %+v / %+v", chf, eur)
	}
}
