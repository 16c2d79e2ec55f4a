package gui

import (
	"testing"

	"loge/data/desk"
	"loge/data/store"

	"fyne.io/fyne/v2/test"
)

// The Requests workspace lists every request; "not yet confirmed" (the Board's section in full)
// keeps the requested and pending ones, a kind narrows it, and a date that does not read is said.
func TestRequestsListFiltersByStatusKindAndDays(t *testing.T) {
	u, st := newDemoUI(t, "en")
	all, err := st.Requests(t.Context(), store.RequestFilter{})
	if err != nil || len(all) == 0 {
		t.Fatalf("demo requests %d %v", len(all), err)
	}
	u.Show(WorkspaceRequests)
	v := u.requests
	if len(v.shown) != len(all) || v.count.Text == "" {
		t.Fatalf("the list shows %d of %d requests (%q)", len(v.shown), len(all), v.count.Text)
	}
	u.OpenRequests()
	open := 0
	for _, r := range all {
		if r.Status == desk.RequestRequested || r.Status == desk.RequestPendingVendor {
			open++
		}
	}
	if open == 0 || len(v.shown) != open {
		t.Fatalf("not yet confirmed: %d shown, %d in the desk", len(v.shown), open)
	}
	for _, r := range v.shown {
		if r.Status != desk.RequestRequested && r.Status != desk.RequestPendingVendor {
			t.Fatalf("%s is %s", r.ID, r.Status)
		}
	}
	v.status.SetSelectedIndex(0)
	v.kind.SetSelected("Restaurant")
	for _, r := range v.shown {
		if r.Kind != desk.KindRestaurant {
			t.Fatalf("kind filter let %s through", r.Kind)
		}
	}
	if len(v.shown) == 0 {
		t.Fatal("the demo has restaurant bookings")
	}
	v.kind.SetSelectedIndex(0)
	day := all[0].StartsAt.In(st.Loc).Format("2006-01-02")
	test.Type(v.from, day)
	test.Type(v.to, day)
	for _, r := range v.shown {
		if got := r.StartsAt.In(st.Loc).Format("2006-01-02"); got != day {
			t.Fatalf("%s on %s shown for %s", r.ID, got, day)
		}
	}
	if v.problem.Visible() {
		t.Fatal("a good day said it does not read")
	}
	v.to.SetText("24/12/2026")
	if !v.problem.Visible() {
		t.Fatal("a date that does not read was not said")
	}
}
