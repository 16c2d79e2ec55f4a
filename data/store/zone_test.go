package store

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"loge/data/desk"
)

// A desk keeps the hotel's zone it was created in, whatever the computer's clock says later.
func TestHotelZoneIsTheDesksNotTheComputers(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "desk.db")
	t.Setenv("TZ", "Europe/Paris")
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if z, _ := st.Setting(ctx, SettingHotelZone); z != "Europe/Paris" || st.Loc.String() != "Europe/Paris" {
		t.Fatalf("new desk: zone %q, Loc %s", z, st.Loc)
	}
	st.Close()

	t.Setenv("TZ", "UTC") // the PC's clock moved to UTC
	st, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if st.Loc.String() != "Europe/Paris" {
		t.Fatalf("reopened on a UTC computer: Loc %s", st.Loc)
	}

	var ve *desk.ValidationError
	for _, bad := range []string{"Paris", "Europe/Atlantis", "Local"} {
		if err := st.SetHotelZone(ctx, bad); !errors.As(err, &ve) || ve.Value != bad {
			t.Fatalf("zone %q accepted: %v", bad, err)
		}
	}
	if err := st.SetHotelZone(ctx, " America/New_York "); err != nil {
		t.Fatal(err)
	}
	if z, _ := st.Setting(ctx, SettingHotelZone); z != "America/New_York" {
		t.Fatalf("saved %q", z)
	}
	if err := st.SetHotelZone(ctx, ""); err != nil {
		t.Fatal(err)
	}
	if z, _ := st.Setting(ctx, SettingHotelZone); z != "" {
		t.Fatalf("back to the computer's: %q", z)
	}
}

func TestComputerZoneReadsTZ(t *testing.T) {
	t.Setenv("TZ", ":Asia/Tokyo")
	if z := ComputerZone(); z != "Asia/Tokyo" {
		t.Fatalf("TZ=:Asia/Tokyo gave %q", z)
	}
	t.Setenv("TZ", "Nowhere/Land")
	if z := ComputerZone(); z == "Nowhere/Land" {
		t.Fatal("an unknown TZ was taken as the zone")
	}
}

// Times are kept as text with their clock's offset ("…T11:36:00-05:00"); a team whose PCs are set
// to different zones, or a demo written in Paris on a New York PC, wrote a later note that sorted
// first. Lists follow the instants, not the text.
func TestListsFollowTheInstantNotTheOffset(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(t.TempDir(), "desk.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	paris, _ := time.LoadLocation("Europe/Paris")
	ny, _ := time.LoadLocation("America/New_York")
	first := time.Date(2026, 12, 2, 13, 53, 0, 0, paris) // 12:53 UTC
	later := time.Date(2026, 12, 2, 11, 36, 0, 0, ny)    // 16:36 UTC, but "11:36" sorts before "13:53"
	for _, n := range []desk.Note{{TargetKind: "thread", TargetID: "t1", Author: "A", Body: "later", CreatedAt: later},
		{TargetKind: "thread", TargetID: "t1", Author: "B", Body: "first", CreatedAt: first}} {
		if err := st.CreateNote(ctx, &n); err != nil {
			t.Fatal(err)
		}
	}
	notes, err := st.Notes(ctx, "thread", "t1")
	if err != nil || len(notes) != 2 || notes[0].Body != "first" {
		t.Fatalf("notes in order %+v (%v)", notes, err)
	}
	g := desk.Guest{FirstName: "A", LastName: "B"}
	if err := st.CreateGuest(ctx, &g); err != nil {
		t.Fatal(err)
	}
	for _, r := range []desk.Request{
		{GuestID: g.ID, Kind: desk.KindRestaurant, Title: "later", StartsAt: later, TimeZone: "America/New_York", Status: desk.RequestRequested, PartySize: 1, Currency: "EUR"},
		{GuestID: g.ID, Kind: desk.KindRestaurant, Title: "first", StartsAt: first, TimeZone: "Europe/Paris", Status: desk.RequestRequested, PartySize: 1, Currency: "EUR"},
	} {
		if err := st.CreateRequest(ctx, &r); err != nil {
			t.Fatal(err)
		}
	}
	reqs, err := st.Requests(ctx, RequestFilter{})
	if err != nil || len(reqs) != 2 || reqs[0].Title != "first" {
		t.Fatalf("requests in order %v (%v)", reqs, err)
	}
}
