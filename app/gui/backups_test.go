package gui

import (
	"context"
	"strings"
	"testing"

	"loge/app/i18n"
	"loge/data/desk"
	"loge/data/store"
	"loge/data/store/storetest"

	"fyne.io/fyne/v2/test"
)

// Settings → Backups: Back up now writes a whole copy that the list shows; Restore puts it back in
// place of the desk (the replaced one kept) and starts Loge again.
func TestBackupNowThenRestore(t *testing.T) {
	ctx := context.Background()
	st := storetest.New(t)
	path := st.Path()
	g := desk.Guest{FirstName: "Avant", LastName: "Sauvegarde"}
	if err := st.CreateGuest(ctx, &g); err != nil {
		t.Fatal(err)
	}
	u, _ := newUI(t, st, "en")
	u.Show(WorkspaceSettings)
	p := u.settings.backups
	test.Tap(p.now)
	p.busy.Wait() // the test driver runs fyne.Do on the backup's goroutine: wait for all of it
	list, _ := store.Backups(path)
	if len(list) != 1 || p.now.Disabled() {
		t.Fatalf("backups after Back up now: %+v", list)
	}
	p.refresh()
	if n := len(p.list.Objects); n != 1 {
		t.Fatalf("the list shows %d rows, want 1", n)
	}
	// A change after the backup, which the restore takes back.
	later := desk.Guest{FirstName: "Après", LastName: "Sauvegarde"}
	if err := st.CreateGuest(ctx, &later); err != nil {
		t.Fatal(err)
	}
	restarted := false
	restart = func() { restarted = true }
	defer func() { restart = restartSelf }()
	p.restore(list[0])
	if !restarted {
		t.Fatal("Loge did not start again after the restore")
	}
	back, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer back.Close()
	guests, _ := back.Guests(ctx, "")
	if len(guests) != 1 || guests[0].FirstName != "Avant" {
		t.Fatalf("restored desk holds %+v, want only the guest from before the backup", guests)
	}
}

// The hotel's time zone is chosen in Settings: a wrong name is refused in words, a right one is
// saved and Loge offers to start again to apply it.
func TestHotelZoneInSettings(t *testing.T) {
	u, st := newDemoUI(t, "fr")
	restarted := 0
	restart = func() { restarted++ }
	defer func() { restart = restartSelf }()
	u.Show(WorkspaceSettings)
	v := u.settings
	v.zone.SetText("Paris")
	v.save()
	if !v.zoneError.Visible() || !strings.Contains(v.zoneError.Text, "Paris") {
		t.Fatalf("unknown zone not refused: %q", v.zoneError.Text)
	}
	v.zone.SetText("Indian/Reunion")
	v.save()
	if v.zoneError.Visible() {
		t.Fatalf("a real zone refused: %q", v.zoneError.Text)
	}
	if z, _ := st.Setting(context.Background(), store.SettingHotelZone); z != "Indian/Reunion" {
		t.Fatalf("zone saved as %q", z)
	}
	tapButton(t, u.win.Canvas().Overlays().Top(), i18n.T("settings.restart_now"))
	if restarted != 1 {
		t.Fatalf("restart asked %d times", restarted)
	}
}
