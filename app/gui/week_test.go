package gui

import (
	"context"
	"strings"
	"testing"
	"time"

	"loge/data/desk"
	"loge/data/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// weekDesk is an empty desk with one week of work in 2031 (Monday 17 to Sunday 23 November,
// Paris): Carter from Wednesday to Friday with a dinner on Thursday at 20:00, Dubois from the
// Sunday before to Wednesday (a turnover with Carter on Wednesday), and a VIP with allergies
// from Saturday into the next week.
type weekDesk struct {
	u              *UI
	st             *store.Store
	monday         time.Time
	carter, dubois desk.Stay
	lavigne        desk.Stay
	dinner         desk.Request
}

func newWeekDesk(t *testing.T) *weekDesk {
	t.Helper()
	u, st := newEmptyUI(t, "en")
	u.win.Resize(fyne.NewSize(1280, 800))
	ctx := context.Background()
	loc := st.Loc
	d := &weekDesk{u: u, st: st, monday: time.Date(2031, 11, 17, 0, 0, 0, 0, loc)}
	at := func(day, h int) time.Time { return time.Date(2031, 11, day, h, 0, 0, 0, loc) }
	stay := func(g desk.Guest, room string, from, to time.Time) desk.Stay {
		s := desk.Stay{GuestID: g.ID, Arrival: from, Departure: to, Room: room, PartySize: 2}
		if err := st.CreateStay(ctx, &s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	carter := mustGuest(t, st, desk.Guest{Title: "Mr", FirstName: "James", LastName: "Carter"})
	dubois := mustGuest(t, st, desk.Guest{Title: "M.", FirstName: "Antoine", LastName: "Dubois"})
	lavigne := mustGuest(t, st, desk.Guest{Title: "Mme", FirstName: "Claire", LastName: "Lavigne", VIP: 2, Allergies: "Peanuts"})
	d.carter = stay(carter, "305", at(19, 15), at(21, 11))
	d.dubois = stay(dubois, "212", at(16, 15), at(19, 11))
	d.lavigne = stay(lavigne, "801", at(22, 15), at(26, 11))
	d.dinner = desk.Request{GuestID: carter.ID, StayID: d.carter.ID, Kind: desk.KindRestaurant, Title: "Dinner",
		StartsAt: at(20, 20), PartySize: 2, Status: "confirmed"}
	if err := st.CreateRequest(ctx, &d.dinner); err != nil {
		t.Fatal(err)
	}
	u.Show(WorkspaceWeek)
	u.week.goTo(d.monday.Add(50 * time.Hour))
	return d
}

func TestWeekShowsStaysAsBarsAndBookingsOnTheirDay(t *testing.T) {
	d := newWeekDesk(t)
	w := d.u.week
	if !w.start.Equal(d.monday) {
		t.Fatalf("week starts %v, want Monday %v", w.start, d.monday)
	}
	if got := w.title.Text; !strings.Contains(got, "17 Nov") || !strings.Contains(got, "23 Nov") {
		t.Fatalf("title %q", got)
	}
	// Dubois leaves Wednesday morning, Carter arrives Wednesday afternoon and leaves Friday,
	// Lavigne arrives Saturday: the three share one lane.
	if len(w.lanes) != 1 || len(w.lanes[0]) != 3 {
		t.Fatalf("%d lanes, want one of 3 bars: %+v", len(w.lanes), w.lanes)
	}
	bars := map[string]weekBar{}
	for _, lane := range w.lanes {
		for _, b := range lane {
			bars[b.stay.ID] = b
		}
	}
	if b := bars[d.dubois.ID]; b.from != 0 || b.to != 5 {
		t.Fatalf("Dubois's bar from %d to %d, want 0 (before Monday) to 5 (Wednesday mid-day)", b.from, b.to)
	}
	if b := bars[d.carter.ID]; b.from != 5 || b.to != 9 {
		t.Fatalf("Carter's bar from %d to %d, want 5 to 9", b.from, b.to)
	}
	if b := bars[d.lavigne.ID]; b.to != 14 || !b.stay.Allergies || b.stay.VIP != 2 || !strings.Contains(stayText(b.stay), "801 · Mme Claire Lavigne ★★") {
		t.Fatalf("Lavigne's bar %+v, text %q", b, stayText(b.stay))
	}
	if len(w.bookings[3]) != 1 || w.bookings[3][0].ID != d.dinner.ID {
		t.Fatalf("Thursday's bookings %+v", w.bookings[3])
	}
	if got := w.heads[3].count.Text; got != "1 booking" {
		t.Fatalf("Thursday's header says %q", got)
	}
	if got := w.heads[4].count.Text; got != "0 bookings" {
		t.Fatalf("Friday's header says %q", got)
	}

	w.step(1)
	if len(w.lanes) != 1 || len(w.bookings[3]) != 0 || !w.start.Equal(d.monday.AddDate(0, 0, 7)) {
		t.Fatalf("next week: lanes %d, Thursday %d, start %v", len(w.lanes), len(w.bookings[3]), w.start)
	}
	w.step(-1)

	// The day view of Thursday: nobody arrives or leaves, one booking, Carter in the house.
	test.Tap(w.heads[3])
	if w.day.IsZero() || len(w.dayLines) == 0 {
		t.Fatal("tapping Thursday did not open its day")
	}
	var texts []string
	for _, l := range w.dayLines {
		texts = append(texts, l.lead+" "+l.main+" "+l.detail)
	}
	all := strings.Join(texts, "\n")
	for _, want := range []string{"Arrivals (0)", "Departures (0)", "Bookings (1)", "20:00 Mr James Carter — Dinner Confirmed", "1 stay in the hotel that day"} {
		if !strings.Contains(all, want) {
			t.Fatalf("day view lacks %q:\n%s", want, all)
		}
	}
	w.step(1) // Friday: Carter leaves
	if all := dayText(w); !strings.Contains(all, "Departures (1)") || !strings.Contains(all, "305 · Mr James Carter") {
		t.Fatalf("Friday's day view:\n%s", all)
	}
	test.Tap(w.modeBtn)
	if !w.day.IsZero() {
		t.Fatal("the week view button did not go back to the week")
	}
}

func dayText(w *weekView) string {
	var texts []string
	for _, l := range w.dayLines {
		texts = append(texts, l.lead+" "+l.main+" "+l.detail)
	}
	return strings.Join(texts, "\n")
}

// dragTo drags a booking of day col onto day to, as the pointer would.
func dragTo(t *testing.T, w *weekView, r desk.Request, col, to int) {
	t.Helper()
	item := newBookingItem(w)
	item.set(r, col)
	target := w.dayLists[to]
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(target).Add(fyne.NewPos(target.Size().Width/2, 20))
	item.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{AbsolutePosition: pos}, Dragged: fyne.NewDelta(100, 0)})
	if w.dayBgs[to].FillColor == nil || w.dayAt(pos) != to {
		t.Fatalf("the day under the pointer is %d, want %d", w.dayAt(pos), to)
	}
	item.DragEnd()
}

func TestWeekDragMovesABookingOnlyOnceAskedAndUndoPutsItBack(t *testing.T) {
	d := newWeekDesk(t)
	w, st, ctx := d.u.week, d.st, context.Background()

	// Thursday → Friday, Carter's last day: asked, not outside the stay.
	dragTo(t, w, d.dinner, 3, 4)
	m := w.lastMove
	if m == nil {
		t.Fatal("dropping on Friday asked nothing")
	}
	if m.outside {
		t.Fatal("Friday is the departure day, inside the stay")
	}
	if r, _ := st.Request(ctx, d.dinner.ID); !r.StartsAt.Equal(d.dinner.StartsAt) {
		t.Fatal("the booking moved before the desk said yes")
	}
	m.minute.SetSelected("30")
	m.confirm()
	r, _ := st.Request(ctx, d.dinner.ID)
	want := time.Date(2031, 11, 21, 20, 30, 0, 0, st.Loc)
	if !r.StartsAt.Equal(want) {
		t.Fatalf("moved to %v, want %v", r.StartsAt, want)
	}
	if len(w.bookings[4]) != 1 || len(w.bookings[3]) != 0 {
		t.Fatalf("the week was not redrawn: Thu %d, Fri %d", len(w.bookings[3]), len(w.bookings[4]))
	}
	if d.u.lastUndo == nil || !strings.Contains(d.u.lastNotice, "Fri 21 Nov 20:30") {
		t.Fatalf("notice %q, undo %v", d.u.lastNotice, d.u.lastUndo != nil)
	}
	d.u.lastUndo()
	if r, _ := st.Request(ctx, d.dinner.ID); !r.StartsAt.Equal(d.dinner.StartsAt) || r.Status != "confirmed" {
		t.Fatalf("undo left the booking at %v (%s)", r.StartsAt, r.Status)
	}

	// Onto Sunday, after Carter has left: said first, moved only when confirmed.
	w.lastMove = nil
	dragTo(t, w, d.dinner, 3, 6)
	m = w.lastMove
	if m == nil || !m.outside || m.dialog == nil {
		t.Fatal("Sunday is outside Carter's stay and was not said")
	}
	m.dialog.Hide() // cancelled: nothing changes
	if r, _ := st.Request(ctx, d.dinner.ID); !r.StartsAt.Equal(d.dinner.StartsAt) {
		t.Fatal("a cancelled move moved the booking")
	}

	// Dropped on its own day: nothing to ask.
	w.lastMove = nil
	dragTo(t, w, d.dinner, 3, 3)
	if w.lastMove != nil {
		t.Fatal("dropping a booking on its own day asked to move it")
	}
}

func TestPackLanesAcrossTheClockChange(t *testing.T) {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip(err)
	}
	monday := time.Date(2031, 10, 20, 0, 0, 0, 0, loc) // the clocks go back on Sunday 26 October
	sunday := time.Date(2031, 10, 26, 23, 30, 0, 0, loc)
	if got := dayIndex(sunday, monday); got != 6 {
		t.Fatalf("Sunday 23:30 after the change is day %d of the week, want 6", got)
	}
	if got := mondayOf(sunday, loc); !got.Equal(monday) {
		t.Fatalf("the Monday of that Sunday is %v", got)
	}
	day := func(d, h int) time.Time { return time.Date(2031, 10, d, h, 0, 0, 0, loc) }
	stays := []desk.PlannedStay{
		{Stay: desk.Stay{ID: "a", Arrival: day(20, 15), Departure: day(22, 11)}},
		{Stay: desk.Stay{ID: "b", Arrival: day(22, 15), Departure: day(30, 11)}}, // turnover: same lane
		{Stay: desk.Stay{ID: "c", Arrival: day(21, 15), Departure: day(21, 18)}}, // a day use: half a day
	}
	lanes := packLanes(stays, monday, loc)
	if len(lanes) != 2 || len(lanes[0]) != 2 || lanes[0][1].stay.ID != "b" || lanes[0][1].to != 14 {
		t.Fatalf("lanes %+v", lanes)
	}
	if c := lanes[1][0]; c.stay.ID != "c" || c.from != 3 || c.to != 4 {
		t.Fatalf("day use %+v", c)
	}
}

// The day view lists a busy day's departures by the time they leave, whatever order the stays
// arrived in: the stays come from the store in arrival order.
func TestWeekDayViewListsDeparturesInTimeOrder(t *testing.T) {
	u, st := newEmptyUI(t, "en")
	loc := st.Loc
	monday := time.Date(2031, 11, 17, 0, 0, 0, 0, loc)
	stay := func(room string, arr, dep time.Time) desk.PlannedStay {
		return desk.PlannedStay{Stay: desk.Stay{ID: room, GuestName: "Guest " + room, Room: room, Arrival: arr, Departure: dep, PartySize: 1}}
	}
	w := newWeekView(u)
	w.start = monday
	w.stays = []desk.PlannedStay{ // arrival order, as StaysBetween gives them
		stay("101", monday.AddDate(0, 0, -3).Add(15*time.Hour), monday.Add(17*time.Hour)),
		stay("102", monday.AddDate(0, 0, -2).Add(15*time.Hour), monday.Add(7*time.Hour)),
		stay("103", monday.AddDate(0, 0, -1).Add(15*time.Hour), monday.Add(11*time.Hour)),
	}
	var leads []string
	for _, l := range w.linesOf(monday) {
		if l.open != nil {
			leads = append(leads, l.lead+" "+l.main)
		}
	}
	if got := strings.Join(leads, ", "); got != "07:00 102 · Guest 102, 11:00 103 · Guest 103, 17:00 101 · Guest 101" {
		t.Fatalf("departures %s", got)
	}
}
