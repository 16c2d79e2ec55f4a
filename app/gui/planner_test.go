package gui

import (
	"context"
	"strings"
	"testing"
	"time"

	"loge/app/i18n"
	"loge/data/desk"
	"loge/data/store"
	"loge/data/store/storetest"

	"fyne.io/fyne/v2/test"
)

// newEmptyUI builds the window headless over a new, empty desk file.
func newEmptyUI(t *testing.T, lang string) (*UI, *store.Store) {
	t.Helper()
	return newUI(t, storetest.New(t), lang)
}

// typeInto replaces what an entry of the open form holds, as a person would retype it.
func typeInto(t *testing.T, f *form, field, text string) {
	t.Helper()
	e := f.entry(field)
	if e == nil {
		t.Fatalf("form has no entry %s", field)
	}
	e.SetText("")
	test.Type(e, text)
}

func mustGuest(t *testing.T, st *store.Store, g desk.Guest) desk.Guest {
	t.Helper()
	if err := st.CreateGuest(context.Background(), &g); err != nil {
		t.Fatal(err)
	}
	return g
}

func TestPlannerCreatesGuestThenStayThroughForms(t *testing.T) {
	u, st := newEmptyUI(t, "en")
	ctx := context.Background()
	u.Show(WorkspacePlanner)
	v := u.planner

	test.Tap(v.newGuestBtn)
	f := v.form
	if f == nil || !f.open {
		t.Fatal("New guest did not open a form")
	}
	typeInto(t, f, "Title", "Mme")
	typeInto(t, f, "FirstName", "Hélène")
	typeInto(t, f, "LastName", "Fontaine")
	typeInto(t, f, "i18n.Languages", "FR, en")
	typeInto(t, f, "Allergies", "Shellfish")
	f.selectOf("VIP").SetSelectedIndex(2)
	test.Tap(f.saveBtn)
	if f.open {
		t.Fatalf("guest form still open: %q", f.general.Text)
	}
	gs, err := st.Guests(ctx, "")
	if err != nil || len(gs) != 1 {
		t.Fatalf("guests stored: %v %v", gs, err)
	}
	g := gs[0]
	if g.LastName != "Fontaine" || g.FirstName != "Hélène" || g.VIP != 2 || g.Languages != "fr,en" || g.Allergies != "Shellfish" {
		t.Fatalf("guest stored as %+v", g)
	}
	if v.guestID != g.ID || len(v.guests) != 1 || v.guest == nil {
		t.Fatalf("new guest not selected: %q", v.guestID)
	}

	test.Tap(v.newStayBtn)
	f = v.form
	if f.selectOf("GuestID").Selected == "" {
		t.Fatal("stay form does not preselect the guest")
	}
	typeInto(t, f, "Arrival", "2031-11-25 15:00")
	typeInto(t, f, "Departure", "2031-11-28 11h")
	typeInto(t, f, "Room", "412")
	typeInto(t, f, "PartySize", "2")
	test.Tap(f.saveBtn)
	if f.open {
		t.Fatalf("stay form still open: %q / %q", f.errorOf("Arrival").Text, f.errorOf("Departure").Text)
	}
	stays, err := st.Stays(ctx, g.ID)
	if err != nil || len(stays) != 1 {
		t.Fatalf("stays stored: %v %v", stays, err)
	}
	s := stays[0]
	want := time.Date(2031, 11, 25, 15, 0, 0, 0, st.Loc)
	if !s.Arrival.Equal(want) || !s.Departure.Equal(time.Date(2031, 11, 28, 11, 0, 0, 0, st.Loc)) || s.Room != "412" || s.PartySize != 2 || s.Status != desk.StayExpected {
		t.Fatalf("stay stored as %+v", s)
	}
	if v.stayID != s.ID || v.stay == nil {
		t.Fatalf("new stay not selected: %q", v.stayID)
	}
}

func TestPlannerDepartureBeforeArrivalStaysInForm(t *testing.T) {
	u, st := newEmptyUI(t, "en")
	ctx := context.Background()
	g := mustGuest(t, st, desk.Guest{LastName: "Okafor"})
	u.OpenGuest(g.ID)
	v := u.planner

	test.Tap(v.newStayBtn)
	f := v.form
	typeInto(t, f, "Arrival", "2031-05-10 15:00")
	typeInto(t, f, "Departure", "2031-05-09 12:00")
	test.Tap(f.saveBtn)

	if !f.open {
		t.Fatal("form closed on a validation error")
	}
	lbl := f.errorOf("Departure")
	if !lbl.Visible() || lbl.Text != i18n.T("val.short.before_arrival") || lbl.Text == "val.short.before_arrival" {
		t.Fatalf("departure error visible=%v text=%q", lbl.Visible(), lbl.Text)
	}
	if f.errorOf("Arrival").Visible() {
		t.Fatal("arrival flagged too")
	}
	if stays, _ := st.Stays(ctx, g.ID); len(stays) != 0 {
		t.Fatalf("a stay was stored: %+v", stays)
	}
	if f.entry("Arrival").Text != "2031-05-10 15:00" || f.entry("Departure").Text != "2031-05-09 12:00" {
		t.Fatal("typed dates were lost")
	}

	// Fixing the one field is enough: the rest was kept.
	typeInto(t, f, "Departure", "2031-05-12 12:00")
	test.Tap(f.saveBtn)
	if f.open || lbl.Visible() {
		t.Fatalf("corrected stay not saved: %q", lbl.Text)
	}
	if stays, _ := st.Stays(ctx, g.ID); len(stays) != 1 {
		t.Fatalf("stays after correction: %d", len(stays))
	}
}

func TestPlannerBadInputIsAFieldErrorNotACrash(t *testing.T) {
	u, st := newEmptyUI(t, "en")
	g := mustGuest(t, st, desk.Guest{LastName: "Lindqvist"})
	u.OpenGuest(g.ID)
	v := u.planner

	test.Tap(v.newStayBtn)
	f := v.form
	typeInto(t, f, "Arrival", "32/13/2031")
	typeInto(t, f, "Departure", "tomorrow")
	typeInto(t, f, "PartySize", "two")
	test.Tap(f.saveBtn)
	for _, field := range []string{"Arrival", "Departure", "PartySize"} {
		if l := f.errorOf(field); !l.Visible() || l.Text == "" {
			t.Fatalf("%s: no error shown", field)
		}
	}
	if f.errorOf("Arrival").Text != i18n.T("form.bad_date", map[string]any{"Format": i18n.T("form.date_hint")}) {
		t.Fatalf("date error does not say the format: %q", f.errorOf("Arrival").Text)
	}
	if stays, _ := st.Stays(context.Background(), g.ID); len(stays) != 0 {
		t.Fatal("a stay was stored from bad input")
	}

	// An empty last name is the store's "required", shown on that field.
	f.hide()
	test.Tap(v.newGuestBtn)
	f = v.form
	typeInto(t, f, "FirstName", "Ana")
	test.Tap(f.saveBtn)
	if l := f.errorOf("LastName"); !l.Visible() || l.Text != i18n.T("val.short.required") {
		t.Fatalf("last name error %v %q", l.Visible(), l.Text)
	}
	if f.entry("FirstName").Text != "Ana" {
		t.Fatal("first name lost")
	}
}

func TestPlannerFrenchDatesAndAmounts(t *testing.T) {
	u, st := newEmptyUI(t, "fr")
	ctx := context.Background()
	g := mustGuest(t, st, desk.Guest{LastName: "Durand"})
	u.OpenGuest(g.ID)
	v := u.planner

	test.Tap(v.newStayBtn)
	f := v.form
	if f.entry("Arrival").PlaceHolder != i18n.T("form.date_hint") {
		t.Fatalf("date placeholder %q", f.entry("Arrival").PlaceHolder)
	}
	typeInto(t, f, "Arrival", "10/05/2031")
	typeInto(t, f, "Departure", "12/05/2031 11h30")
	test.Tap(f.saveBtn)
	if f.open {
		t.Fatalf("French dates refused: %q / %q", f.errorOf("Arrival").Text, f.errorOf("Departure").Text)
	}
	stays, _ := st.Stays(ctx, g.ID)
	if len(stays) != 1 || !stays[0].Arrival.Equal(time.Date(2031, 5, 10, 15, 0, 0, 0, st.Loc)) ||
		!stays[0].Departure.Equal(time.Date(2031, 5, 12, 11, 30, 0, 0, st.Loc)) {
		t.Fatalf("stays %+v", stays)
	}

	test.Tap(v.newRequestBtn)
	f = v.form
	typeInto(t, f, "StartsAt", "11/05/2031 20h30")
	typeInto(t, f, "PriceCents", "1 234,50")
	test.Tap(f.saveBtn)
	if f.open {
		t.Fatalf("French request refused: %q", f.errorOf("StartsAt").Text)
	}
	rs, _ := st.Requests(ctx, store.RequestFilter{GuestID: g.ID})
	if len(rs) != 1 || rs[0].PriceCents != 123450 || rs[0].StayID != stays[0].ID {
		t.Fatalf("requests %+v", rs)
	}
	// Editing shows the amount back the French way.
	test.Tap(v.editReqBtn)
	if got := v.form.entry("PriceCents").Text; got != "1234,50" {
		t.Fatalf("price shown as %q", got)
	}
}

func TestPlannerGuestFilterNarrowsList(t *testing.T) {
	u, st := newEmptyUI(t, "en")
	for _, n := range []string{"Fontaine", "Okafor", "Fontenay"} {
		mustGuest(t, st, desk.Guest{LastName: n})
	}
	u.Show(WorkspacePlanner)
	v := u.planner
	if len(v.guests) != 3 || v.guestList.Length() != 3 {
		t.Fatalf("list shows %d guests", len(v.guests))
	}
	test.Type(v.guestFilter, "font")
	if len(v.guests) != 2 || v.guestList.Length() != 2 {
		t.Fatalf("filter 'font' keeps %d", len(v.guests))
	}
	test.Type(v.guestFilter, "ai")
	if len(v.guests) != 1 || v.guests[0].LastName != "Fontaine" {
		t.Fatalf("filter 'fontai' keeps %+v", v.guests)
	}
	test.Type(v.guestFilter, "zz")
	if len(v.guests) != 0 || !v.guestEmpty.Visible() {
		t.Fatal("no-match message not shown")
	}
	// Opening a guest the filter hides clears the filter.
	var okafor desk.Guest
	all, _ := st.Guests(context.Background(), "Okafor")
	okafor = all[0]
	u.OpenGuest(okafor.ID)
	if v.guestFilter.Text != "" || len(v.guests) != 3 || v.guest == nil || v.guest.ID != okafor.ID {
		t.Fatalf("OpenGuest behind a filter: filter %q, %d guests", v.guestFilter.Text, len(v.guests))
	}
}

func TestPlannerRequestFormAndQuickStatus(t *testing.T) {
	u, st := newEmptyUI(t, "en")
	ctx := context.Background()
	g := mustGuest(t, st, desk.Guest{LastName: "Moreau", Allergies: "Peanuts"})
	s := desk.Stay{GuestID: g.ID, Arrival: time.Date(2031, 6, 1, 15, 0, 0, 0, st.Loc), Departure: time.Date(2031, 6, 5, 12, 0, 0, 0, st.Loc), PartySize: 2}
	if err := st.CreateStay(ctx, &s); err != nil {
		t.Fatal(err)
	}
	vd := desk.Vendor{Name: "Le Cinq", Category: "restaurant", Status: desk.VendorPreferred}
	shut := desk.Vendor{Name: "Chez Nulle Part", Category: "restaurant", Status: desk.VendorDoNotUse, StatusReason: "Lost a booking"}
	for _, x := range []*desk.Vendor{&vd, &shut} {
		if err := st.CreateVendor(ctx, x); err != nil {
			t.Fatal(err)
		}
	}
	u.OpenStay(s.ID)
	v := u.planner
	if v.stay == nil || v.stay.ID != s.ID {
		t.Fatal("OpenStay did not select the stay")
	}

	test.Tap(v.newRequestBtn)
	f := v.form
	if f.selectOf("StayID").Selected == i18n.T("form.request.no_stay") || f.entry("PartySize").Text != "2" {
		t.Fatal("request form does not default to the open stay")
	}
	vendors := f.selectOf("VendorID").Options
	for _, o := range vendors {
		if strings.Contains(o, shut.Name) {
			t.Fatalf("a do-not-use vendor is offered: %v", vendors)
		}
	}
	f.selectOf("VendorID").SetSelectedIndex(1)
	typeInto(t, f, "Title", "Dinner, terrace")
	typeInto(t, f, "StartsAt", "2031-06-02 20:30")
	typeInto(t, f, "PriceCents", "1 250.50")
	test.Tap(f.saveBtn)
	if f.open {
		t.Fatalf("request form still open: %q", f.general.Text)
	}
	rs, _ := st.Requests(ctx, store.RequestFilter{StayID: s.ID})
	if len(rs) != 1 {
		t.Fatalf("requests stored: %d", len(rs))
	}
	r := rs[0]
	if r.VendorID != vd.ID || r.PriceCents != 125050 || r.PartySize != 2 || r.Status != desk.RequestRequested ||
		!r.StartsAt.Equal(time.Date(2031, 6, 2, 20, 30, 0, 0, st.Loc)) {
		t.Fatalf("request stored as %+v", r)
	}
	if v.request == nil || v.request.ID != r.ID || len(v.timeline) != 1 {
		t.Fatalf("new request not shown with its timeline")
	}

	// Quick status change from the request pane lands on the timeline.
	for i, c := range v.statusSel.codes {
		if c == desk.RequestConfirmed {
			v.statusSel.sel.SetSelectedIndex(i)
		}
	}
	got, _ := st.Request(ctx, r.ID)
	if got.Status != desk.RequestConfirmed || len(v.timeline) != 2 || v.timeline[1].To != desk.RequestConfirmed {
		t.Fatalf("status %s, timeline %+v", got.Status, v.timeline)
	}

	// A negative price is the store's; the form keeps it and says so.
	test.Tap(v.editReqBtn)
	f = v.form
	typeInto(t, f, "PriceCents", "-5")
	test.Tap(f.saveBtn)
	if l := f.errorOf("PriceCents"); !f.open || !l.Visible() || l.Text != i18n.T("val.short.negative") {
		t.Fatalf("negative price: open=%v %q", f.open, l.Text)
	}
	typeInto(t, f, "PriceCents", "12,5")
	typeInto(t, f, "TimeZone", "Mars/Olympus")
	test.Tap(f.saveBtn)
	if l := f.errorOf("TimeZone"); !l.Visible() {
		t.Fatal("unknown time zone not flagged")
	}
}

func TestPlannerOpensDemoRequestAndMail(t *testing.T) {
	u, st := newDemoUI(t, "en")
	ctx := context.Background()
	v := u.planner
	rs, err := st.Requests(ctx, store.RequestFilter{})
	if err != nil || len(rs) == 0 {
		t.Fatal("demo has no requests")
	}
	u.OpenRequest(rs[0].ID)
	if u.Current() != WorkspacePlanner || v.request == nil || v.request.ID != rs[0].ID || v.guestID != rs[0].GuestID {
		t.Fatalf("request not opened")
	}

	// A guest with linked mail lists it, and a click opens the thread in the Inbox.
	gs, _ := st.Guests(ctx, "")
	for _, g := range gs {
		links, _ := st.LinksTo(ctx, "guest", g.ID)
		if len(links) == 0 {
			continue
		}
		u.OpenGuest(g.ID)
		rows := v.threadRows("guest", g.ID)
		if len(rows) != len(links) {
			t.Fatalf("%d mail rows for %d links", len(rows), len(links))
		}
		test.Tap(rows[0].(*tapRow))
		if u.Current() != WorkspaceInbox || u.inbox.current != links[0].ThreadID {
			t.Fatalf("thread not opened from the planner")
		}
		return
	}
	t.Skip("demo desk links no mail to a guest")
}

func TestParseInput(t *testing.T) {
	i18n.Load("fr")
	t.Cleanup(func() { i18n.Load("en") })
	loc := time.UTC
	clock := &[2]int{15, 0}
	for _, c := range []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"25/11/2031 20:30", time.Date(2031, 11, 25, 20, 30, 0, 0, loc), true},
		{"5/1/2031 9:05", time.Date(2031, 1, 5, 9, 5, 0, 0, loc), true},
		{"25/11/2031 20h30", time.Date(2031, 11, 25, 20, 30, 0, 0, loc), true},
		{"25/11/2031 20h", time.Date(2031, 11, 25, 20, 0, 0, 0, loc), true},
		{"2031-11-25 20:30", time.Date(2031, 11, 25, 20, 30, 0, 0, loc), true},
		{"25/11/2031", time.Date(2031, 11, 25, 15, 0, 0, 0, loc), true},
		{"  ", time.Time{}, true},
		{"31/02/2031 10:00", time.Time{}, false},
		{"demain", time.Time{}, false},
	} {
		got, err := parseDateTime(c.in, loc, clock)
		if (err == nil) != c.ok || !got.Equal(c.want) {
			t.Errorf("fr parseDateTime(%q) = %v, %v", c.in, got, err)
		}
	}
	if _, err := parseDateTime("2031-11-25", loc, nil); err == nil {
		t.Error("a bare date was accepted where the time is required")
	}

	i18n.Load("en")
	if _, err := parseDateTime("25/11/2031 20:30", loc, nil); err == nil {
		t.Error("English accepted day-first dates (ambiguous with month-first)")
	}
	for in, want := range map[string]int64{
		"120": 12000, "120,5": 12050, "120.50": 12050, "1 234,56": 123456, "1.234,56": 123456, "1,234.56": 123456,
		"1.234": 123400, "€ 80": 8000, "": 0, "-5": -500, "0,99": 99, "12 345 678": 1234567800,
	} {
		if got, err := parseCents(in); err != nil || got != want {
			t.Errorf("parseCents(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"abc", "1,2,3", "12.34.5", "1.2345", "12e3", "--5", ","} {
		if got, err := parseCents(in); err == nil {
			t.Errorf("parseCents(%q) = %d, want an error", in, got)
		}
	}
	if n, err := parseInteger(" 4 "); err != nil || n != 4 {
		t.Errorf("parseInteger(4) = %d %v", n, err)
	}
	if _, err := parseInteger("4.5"); err == nil {
		t.Error("parseInteger accepted 4.5")
	}
}

// Every key the Planner, the Vendors and the forms use exists in both languages, and the two
// planner files hold the same keys.

// A stay opens with a request in the lower pane (its next one), not an empty half-screen.
func TestOpeningAStayShowsItsNextRequest(t *testing.T) {
	u, st := newDemoUI(t, "en")
	ctx := context.Background()
	reqs, _ := st.Requests(ctx, store.RequestFilter{})
	var stayID string
	for _, r := range reqs {
		if r.StayID != "" {
			stayID = r.StayID
			break
		}
	}
	if stayID == "" {
		t.Fatal("no demo request belongs to a stay")
	}
	u.OpenStay(stayID)
	p := u.planner
	if p.request == nil || p.request.StayID != stayID {
		t.Fatalf("the stay opened with request %+v", p.request)
	}
	if want := nextRequest(p.requests, time.Now()); p.request.ID != want {
		t.Fatalf("opened %s, the next is %s", p.request.ID, want)
	}
}

func TestNextRequestIsTheFirstToComeElseTheLast(t *testing.T) {
	now := time.Date(2026, 12, 2, 12, 0, 0, 0, time.UTC)
	rs := []desk.Request{{ID: "a", StartsAt: now.Add(-time.Hour)}, {ID: "b", StartsAt: now.Add(time.Hour)}, {ID: "c", StartsAt: now.Add(2 * time.Hour)}}
	if got := nextRequest(rs, now); got != "b" {
		t.Fatalf("next %q", got)
	}
	if got := nextRequest(rs[:1], now); got != "a" {
		t.Fatalf("all past: %q", got)
	}
	if got := nextRequest(nil, now); got != "" {
		t.Fatalf("none: %q", got)
	}
}
