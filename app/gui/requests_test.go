package gui

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"
	"time"

	"loge/app/i18n"
	"loge/data/desk"
	"loge/data/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// shownIDs are the ids of the requests the list shows.
func shownIDs(v *requestsView) []string {
	var ids []string
	for _, r := range v.shown {
		ids = append(ids, r.ID)
	}
	return ids
}

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
	u.OpenRequests(openRequests())
	open := 0
	for _, r := range all {
		if r.Status == desk.RequestRequested || r.Status == desk.RequestPendingVendor {
			open++
		}
	}
	if open == 0 || len(v.shown) != open || v.status.Selected != i18n.T("requests.status_open") {
		t.Fatalf("not yet confirmed: %d shown, %d in the desk (%q)", len(v.shown), open, v.status.Selected)
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
	test.Type(v.from.entry, day)
	test.Type(v.to.entry, day)
	if v.period.Selected != i18n.T("requests.period_custom") {
		t.Fatalf("typed dates, period %q", v.period.Selected)
	}
	for _, r := range v.shown {
		if got := r.StartsAt.In(st.Loc).Format("2006-01-02"); got != day {
			t.Fatalf("%s on %s shown for %s", r.ID, got, day)
		}
	}
	if v.problem.Visible() {
		t.Fatal("a good day said it does not read")
	}
	v.to.entry.SetText("32/13/2026")
	if !v.problem.Visible() {
		t.Fatal("a date that does not read was not said")
	}
	// The calendar writes the day it picks.
	v.to.openPicker()
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("the calendar did not open")
	}
	v.to.set(all[0].StartsAt)
	top.Hide()
	if v.problem.Visible() || v.to.entry.Text != day {
		t.Fatalf("picked day %q", v.to.entry.Text)
	}
}

// The demo desk's weekend requests not yet confirmed are one filter away, and export as a CSV a
// spreadsheet opens with its accents: byte-order mark, ';' in French, a line a request shown.
func TestRequestsWeekendUnconfirmedExportCSV(t *testing.T) {
	u, st := newDemoUI(t, "fr")
	ctx := t.Context()
	sat, sun := periodDays(periodWeekend, time.Now(), st.Loc)
	if sat.Weekday() != time.Saturday || sun.Sub(sat) > 25*time.Hour {
		t.Fatalf("weekend %v → %v", sat, sun)
	}
	guests, err := st.Guests(ctx, "")
	if err != nil || len(guests) == 0 {
		t.Fatal(guests, err)
	}
	// One of them for sure, with the accents a French desk types.
	opera := desk.Request{GuestID: guests[0].ID, Kind: desk.KindTickets, Title: "Opéra Garnier — « Giselle », 2 fauteuils d'orchestre",
		StartsAt: sat.Add(19*time.Hour + 30*time.Minute), PartySize: 2, Status: desk.RequestPendingVendor}
	if err := st.CreateRequest(ctx, &opera); err != nil {
		t.Fatal(err)
	}
	want, err := st.Requests(ctx, store.RequestFilter{FromDay: sat.Format(time.DateOnly), ToDay: sun.AddDate(0, 0, 1).Format(time.DateOnly),
		Statuses: []string{desk.RequestRequested, desk.RequestPendingVendor}})
	if err != nil {
		t.Fatal(err)
	}
	u.Show(WorkspaceRequests)
	v := u.requests
	v.period.SetSelected(i18n.T("requests.period_weekend"))
	v.status.SetSelected(i18n.T("requests.status_open"))
	var wantIDs []string
	for _, r := range want {
		wantIDs = append(wantIDs, r.ID)
	}
	if !slices.Equal(shownIDs(v), wantIDs) {
		t.Fatalf("weekend to confirm: %v, want %v", shownIDs(v), wantIDs)
	}
	if v.from.entry.Text != sat.Format("02/01/2006") || v.to.entry.Text != sun.Format("02/01/2006") {
		t.Fatalf("weekend days %q → %q", v.from.entry.Text, v.to.entry.Text)
	}
	var b bytes.Buffer
	if err := v.csv()(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b.Bytes(), []byte("\xef\xbb\xbf")) {
		t.Fatal("no byte-order mark: Excel would show Ã©")
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(b.String(), "\ufeff")))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil || len(rows) != len(want)+1 {
		t.Fatalf("%d lines for %d requests: %v", len(rows), len(want), err)
	}
	if rows[0][0] != "Date" || rows[0][2] != "Client" {
		t.Fatalf("header %q", rows[0])
	}
	found := false
	for _, row := range rows[1:] {
		if row[4] == opera.Title {
			found = row[6] == "Attente prestataire" && row[0] == sat.Format(time.DateOnly) && row[1] == "19:30"
		}
	}
	if !found {
		t.Fatalf("the Opéra line is not as typed: %q", rows)
	}
	var pdf bytes.Buffer
	if err := v.pdf()(&pdf); err != nil || !bytes.HasPrefix(pdf.Bytes(), []byte("%PDF")) {
		t.Fatalf("PDF: %v", err)
	}
	if c := v.caption(); !strings.Contains(c, fmtDay(sat)) || !strings.Contains(c, i18n.T("requests.status_open")) {
		t.Fatalf("PDF caption %q", c)
	}
}

// VIP guests only, private only or left out, one vendor, and each order: the list is what the
// store says for the same filter.
func TestRequestsListVIPPrivacyVendorAndOrder(t *testing.T) {
	u, st := newDemoUI(t, "en")
	ctx := t.Context()
	u.Show(WorkspaceRequests)
	v := u.requests
	v.vip.SetChecked(true)
	if len(v.shown) == 0 {
		t.Fatal("the demo has VIP guests with requests")
	}
	for _, r := range v.shown {
		if g, _ := st.Guest(ctx, r.GuestID); g.VIP == 0 {
			t.Fatalf("%s is no VIP", r.GuestName)
		}
	}
	v.vip.SetChecked(false)
	v.privacy.SetSelected(i18n.T("requests.privacy_only"))
	if len(v.shown) == 0 {
		t.Fatal("the demo has surprises")
	}
	for _, r := range v.shown {
		if !r.Private {
			t.Fatalf("%s is not private", r.Title)
		}
	}
	v.privacy.SetSelected(i18n.T("requests.privacy_excluded"))
	for _, r := range v.shown {
		if r.Private {
			t.Fatalf("%s is private", r.Title)
		}
	}
	v.privacy.SetSelectedIndex(0)
	v.vendor.SetSelectedIndex(1)
	vendorID := v.vendorIDs[0]
	for _, r := range v.shown {
		if r.VendorID != vendorID {
			t.Fatalf("vendor filter let %s through", r.VendorName)
		}
	}
	v.vendor.SetSelectedIndex(0)
	v.order.SetSelected(i18n.T("requests.order_vendor"))
	want, err := st.Requests(ctx, store.RequestFilter{Order: store.ByVendor})
	if err != nil {
		t.Fatal(err)
	}
	var wantIDs []string
	for _, r := range want {
		wantIDs = append(wantIDs, r.ID)
	}
	if !slices.Equal(shownIDs(v), wantIDs) {
		t.Fatal("sorted by vendor, the list is not the store's order")
	}
	// A line opens its request in the Planner.
	u.win.Resize(fyne.NewSize(1280, 800))
	v.list.Refresh()
	var first *tapRow
	for _, o := range test.LaidOutObjects(v.list) {
		if r, ok := o.(*tapRow); ok && first == nil && r.onTap != nil {
			first = r
		}
	}
	if first == nil {
		t.Fatal("no line drawn")
	}
	first.onTap()
	if u.Current() != WorkspacePlanner {
		t.Fatalf("a line opened %s", u.Current())
	}
}

// The Board's "to confirm" ends in the ways into the list: all of them, and the overdue ones.
func TestRequestsBoardOpensTheListPreFiltered(t *testing.T) {
	u, st := newDemoUI(t, "en")
	ctx := t.Context()
	guests, _ := st.Guests(ctx, "")
	late := desk.Request{GuestID: guests[0].ID, Kind: desk.KindTransfer, Title: "Late car", StartsAt: time.Now().Add(-3 * time.Hour),
		PartySize: 1, Status: desk.RequestRequested}
	if err := st.CreateRequest(ctx, &late); err != nil {
		t.Fatal(err)
	}
	u.Show(WorkspaceBoard)
	links := map[string]*tapRow{}
	for _, o := range test.LaidOutObjects(u.board.body) {
		if r, ok := o.(*tapRow); ok {
			links[r.main] = r
		}
	}
	all := links[i18n.T("board.all_open")]
	var overdue *tapRow
	for _, r := range links {
		if r.lead == i18n.T("board.overdue") && r.onTap != nil && r.detail == "" {
			overdue = r
		}
	}
	if all == nil || overdue == nil {
		t.Fatalf("the Board has no way into the list: %v %v", all != nil, overdue != nil)
	}
	overdue.onTap()
	v := u.requests
	if u.Current() != WorkspaceRequests || !slices.Contains(shownIDs(v), late.ID) {
		t.Fatalf("overdue: %s, %d shown", u.Current(), len(v.shown))
	}
	for _, r := range v.shown {
		if !r.StartsAt.Before(time.Now()) || (r.Status != desk.RequestRequested && r.Status != desk.RequestPendingVendor) {
			t.Fatalf("%s (%s, %v) is not overdue", r.Title, r.Status, r.StartsAt)
		}
	}
	u.Show(WorkspaceBoard)
	all.onTap()
	if v.status.Selected != i18n.T("requests.status_open") || v.period.SelectedIndex() != 0 || len(v.shown) <= 1 {
		t.Fatalf("to confirm: %q, period %d, %d shown", v.status.Selected, v.period.SelectedIndex(), len(v.shown))
	}
	// The bookings' "+ N more" opens today's and tomorrow's live bookings.
	today := midnight(time.Now(), st.Loc)
	u.OpenRequests(bookingsOf(today, today.AddDate(0, 0, 1)))
	if len(v.shown) != len(u.board.last.Bookings) {
		t.Fatalf("bookings: %d shown, the Board has %d", len(v.shown), len(u.board.last.Bookings))
	}
}
