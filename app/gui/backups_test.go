package gui

import (
	"context"
	"testing"
	"time"

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
	deadline := time.Now().Add(10 * time.Second)
	var list []store.BackupFile
	for time.Now().Before(deadline) {
		if list, _ = store.Backups(path); len(list) == 1 && p.now.Disabled() == false {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if len(list) != 1 {
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
