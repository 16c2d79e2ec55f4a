package store

import (
	"context"
	"slices"
	"testing"
	"time"

	"loge/data/desk"
)

// requestsDesk is a desk of six requests for two guests (one a VIP) with two vendors, over a
// November weekend; by key.
func requestsDesk(t *testing.T) (*Store, map[string]desk.Request) {
	t.Helper()
	ctx := context.Background()
	s := openTemp(t)
	vip := mustGuest(t, s, "Élodie", "Zola")
	vip.VIP = 2
	if err := s.UpdateGuest(ctx, &vip); err != nil {
		t.Fatal(err)
	}
	plain := mustGuest(t, s, "Kenji", "Abe")
	vendor := func(name string) string {
		v := desk.Vendor{Name: name, Category: "restaurant", Status: desk.VendorApproved}
		if err := s.CreateVendor(ctx, &v); err != nil {
			t.Fatal(err)
		}
		return v.ID
	}
	jardin, brasserie := vendor("Le Jardin"), vendor("Brasserie Lipp")
	at := func(d, h int) time.Time { return time.Date(2031, 11, d, h, 0, 0, 0, s.Loc) }
	out := map[string]desk.Request{}
	add := func(key, guest, vendor, kind, status string, when time.Time, private bool, comm int64, commStatus string) {
		r := desk.Request{GuestID: guest, VendorID: vendor, Kind: kind, Title: key, StartsAt: when, PartySize: 2, Status: status,
			Private: private, CommissionCents: comm, CommissionStatus: commStatus, Currency: "EUR"}
		if err := s.CreateRequest(ctx, &r); err != nil {
			t.Fatal(err)
		}
		out[key] = r
	}
	add("fri-dinner", vip.ID, jardin, desk.KindRestaurant, desk.RequestRequested, at(21, 20), false, 3900, desk.CommissionExpected)
	add("sat-car", plain.ID, "", desk.KindTransfer, desk.RequestPendingVendor, at(22, 9), false, 0, "")
	add("sat-flowers", vip.ID, brasserie, desk.KindFlowers, desk.RequestConfirmed, at(22, 17), true, 1200, desk.CommissionExpected)
	add("sun-lunch", plain.ID, brasserie, desk.KindRestaurant, desk.RequestDone, at(23, 13), false, 2500, desk.CommissionSettled)
	add("mon-spa", plain.ID, jardin, desk.KindSpa, desk.RequestCancelled, at(24, 11), false, 800, desk.CommissionReversed)
	add("thu-show", vip.ID, jardin, desk.KindTickets, desk.RequestRequested, at(20, 21), false, 0, "")
	return s, out
}

func titles(reqs []desk.Request) []string {
	var out []string
	for _, r := range reqs {
		out = append(out, r.Title)
	}
	return out
}

// The Requests workspace's filters: days, the open statuses, kinds, VIP guests, private ones
// alone or left out, overdue, and each order.
func TestRequestFilterKindsVIPPrivacyAndOrder(t *testing.T) {
	ctx := context.Background()
	s, reqs := requestsDesk(t)
	weekend := RequestFilter{FromDay: "2031-11-21", ToDay: "2031-11-24"}
	cases := []struct {
		name string
		f    RequestFilter
		want []string
	}{
		{"weekend", weekend, []string{"fri-dinner", "sat-car", "sat-flowers", "sun-lunch"}},
		{"weekend open", RequestFilter{FromDay: "2031-11-21", ToDay: "2031-11-24",
			Statuses: []string{desk.RequestRequested, desk.RequestPendingVendor}}, []string{"fri-dinner", "sat-car"}},
		{"kinds", RequestFilter{Kinds: []string{desk.KindRestaurant, desk.KindSpa}}, []string{"fri-dinner", "sun-lunch", "mon-spa"}},
		{"vip", RequestFilter{VIPOnly: true}, []string{"thu-show", "fri-dinner", "sat-flowers"}},
		{"private only", RequestFilter{Private: PrivateOnly}, []string{"sat-flowers"}},
		{"not private", RequestFilter{Private: NotPrivate, FromDay: "2031-11-22", ToDay: "2031-11-23"}, []string{"sat-car"}},
		{"vendor", RequestFilter{VendorID: reqs["sun-lunch"].VendorID}, []string{"sat-flowers", "sun-lunch"}},
		{"overdue", RequestFilter{Statuses: []string{desk.RequestRequested, desk.RequestPendingVendor},
			Before: time.Date(2031, 11, 22, 8, 0, 0, 0, s.Loc)}, []string{"thu-show", "fri-dinner"}},
		// Abe before Zola; the same guest's requests by start time.
		{"by guest", RequestFilter{Order: ByGuest}, []string{"sat-car", "sun-lunch", "mon-spa", "thu-show", "fri-dinner", "sat-flowers"}},
		// Brasserie Lipp, Le Jardin, then the request without a vendor.
		{"by vendor", RequestFilter{Order: ByVendor}, []string{"sat-flowers", "sun-lunch", "thu-show", "fri-dinner", "mon-spa", "sat-car"}},
		{"by status", RequestFilter{Order: ByStatus}, []string{"thu-show", "fri-dinner", "sat-car", "sat-flowers", "sun-lunch", "mon-spa"}},
		{"limit", RequestFilter{Order: ByStatus, Limit: 2}, []string{"thu-show", "fri-dinner"}},
	}
	for _, c := range cases {
		got, err := s.Requests(ctx, c.f)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if !slices.Equal(titles(got), c.want) {
			t.Errorf("%s: %v, want %v", c.name, titles(got), c.want)
		}
	}
}

// Settling commissions in bulk changes exactly the expected ones asked for, each through the
// door: the field is recorded as an operation for the team and the request's stamp moves.
func TestSettleCommissionsChangesOnlyTheExpectedOnesAsked(t *testing.T) {
	ctx := context.Background()
	s, reqs := requestsDesk(t)
	_, before, err := s.Changes(ctx, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	ask := []string{reqs["fri-dinner"].ID, reqs["sun-lunch"].ID, reqs["mon-spa"].ID} // one expected, one settled, one reversed
	got, err := s.SettleCommissions(ctx, ask, "Camille")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, []string{reqs["fri-dinner"].ID}) {
		t.Fatalf("settled %v", got)
	}
	want := map[string]string{"fri-dinner": desk.CommissionSettled, "sat-flowers": desk.CommissionExpected,
		"sun-lunch": desk.CommissionSettled, "mon-spa": desk.CommissionReversed, "sat-car": ""}
	for key, status := range want {
		r, err := s.Request(ctx, reqs[key].ID)
		if err != nil {
			t.Fatal(err)
		}
		if r.CommissionStatus != status {
			t.Errorf("%s: commission %q, want %q", key, r.CommissionStatus, status)
		}
		if moved := r.UpdatedHLC != reqs[key].UpdatedHLC; moved != (key == "fri-dinner") {
			t.Errorf("%s: stamp moved %v", key, moved)
		}
	}
	ops, _, err := s.Changes(ctx, before, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(ops) != 1 || ops[0].ID != reqs["fri-dinner"].ID || ops[0].Field != "commission_status" || ops[0].Value != `"settled"` {
		t.Fatalf("operations %+v", ops)
	}
	if _, err := s.SettleCommissions(ctx, []string{reqs["sat-flowers"].ID, "no-such-request"}, "Camille"); err == nil {
		t.Fatal("an unknown request was settled")
	}
	if r, _ := s.Request(ctx, reqs["sat-flowers"].ID); r.CommissionStatus != desk.CommissionExpected {
		t.Fatal("a failed bulk settle left a change behind")
	}
}
