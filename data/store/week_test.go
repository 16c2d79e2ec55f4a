package store

import (
	"context"
	"testing"
	"time"

	"loge/data/desk"
)

// The week's stays: those in the hotel on any of its days, a departure on Monday morning included,
// an arrival on the next Monday and a cancelled stay left out; with the guest's VIP level and
// whether the guest has allergies.
func TestStaysBetweenIsTheWeeksStays(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	loc := s.Loc
	day := func(d, h int) time.Time { return time.Date(2031, 11, d, h, 0, 0, 0, loc) }
	g := mustGuest(t, s, "Claire", "Lavigne")
	g.VIP, g.Allergies = 2, "Peanuts"
	if err := s.UpdateGuest(ctx, &g); err != nil {
		t.Fatal(err)
	}
	h := mustGuest(t, s, "Kenji", "Tanaka")
	stay := func(gid, room string, from, to time.Time, status string) desk.Stay {
		st := desk.Stay{GuestID: gid, Arrival: from, Departure: to, Room: room, PartySize: 1, Status: status}
		if err := s.CreateStay(ctx, &st); err != nil {
			t.Fatal(err)
		}
		return st
	}
	leavesMonday := stay(g.ID, "101", day(14, 15), day(17, 11), "")
	stay(h.ID, "102", day(10, 15), day(16, 11), "")                 // gone on Sunday before
	stay(h.ID, "103", day(24, 15), day(26, 11), "")                 // arrives the next Monday
	stay(h.ID, "104", day(18, 15), day(20, 11), desk.StayCancelled) // cancelled
	inWeek := stay(h.ID, "105", day(19, 15), day(28, 11), desk.StayExpected)
	got, err := s.StaysBetween(ctx, "2031-11-17", "2031-11-24")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ID != leavesMonday.ID || got[1].ID != inWeek.ID {
		t.Fatalf("week's stays %+v", got)
	}
	if !got[0].Allergies || got[0].VIP != 2 || got[1].Allergies || got[1].VIP != 0 || got[0].GuestName != "Claire Lavigne" {
		t.Fatalf("guest marks %+v", got)
	}
}
