package store

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

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
