package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"loge/data/desk"
)

// A backup taken while the desk is being written is a whole desk, readable by the user only, and
// never overwrites a file.
func TestBackupWhileWritingIsWhole(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	for i := range 50 {
		mustGuest(t, s, "Guest", fmt.Sprint(i))
	}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			g := desk.Guest{FirstName: "Writer", LastName: fmt.Sprint(i)}
			if err := s.CreateGuest(ctx, &g); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	out := filepath.Join(t.TempDir(), "copy.db")
	err := s.Backup(ctx, out)
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	if problems, err := Check(ctx, out); err != nil || problems != nil {
		t.Fatalf("check of the backup: %v %v", problems, err)
	}
	if runtime.GOOS != "windows" {
		if st, _ := os.Stat(out); st.Mode().Perm() != 0o600 {
			t.Fatalf("backup mode %v, want 0600", st.Mode().Perm())
		}
	}
	b := openAt(t, out)
	guests, err := b.Guests(ctx, "")
	if err != nil || len(guests) < 50 {
		t.Fatalf("backup holds %d guests (%v), want at least 50", len(guests), err)
	}
	if err := s.Backup(ctx, out); !errors.Is(err, ErrExists) {
		t.Fatalf("second backup onto the same file: %v, want ErrExists", err)
	}
}

// corruptPage overwrites one page in the middle of a closed desk file with garbage.
func corruptPage(t *testing.T, path string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	size := int64(FilePageSize(path))
	if size == 0 {
		t.Fatalf("%s: no SQLite header", path)
	}
	pages := st.Size() / size
	if pages < 4 {
		t.Fatalf("desk too small to corrupt: %d pages", pages)
	}
	junk := make([]byte, size)
	for i := range junk {
		junk[i] = byte(i*7 + 13)
	}
	for _, p := range []int64{pages / 2, pages/2 + 1} {
		if _, err := f.WriteAt(junk, p*size); err != nil {
			t.Fatal(err)
		}
	}
}

// A damaged desk is found by Check; a restore refuses a damaged file and leaves the desk as it
// was; a good backup replaces the desk and keeps the damaged one beside it.
func TestCheckFindsDamageAndRestoreRepairs(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "desk.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 400 {
		g := desk.Guest{FirstName: "Guest", LastName: fmt.Sprint(i), Notes: fmt.Sprintf("%0300d", i)}
		if err := s.CreateGuest(ctx, &g); err != nil {
			t.Fatal(err)
		}
	}
	good := filepath.Join(dir, "good.db")
	if err := s.Backup(ctx, good); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if problems, err := Check(ctx, path); err != nil || problems != nil {
		t.Fatalf("check before damage: %v %v", problems, err)
	}
	corruptPage(t, path)
	problems, err := Check(ctx, path)
	if err != nil || len(problems) == 0 {
		t.Fatalf("check of a damaged desk: %v %v, want problems", problems, err)
	}

	// Reading the damaged pages fails with an error every caller can recognise (the GUI then
	// points to Settings → Backups).
	if d, err := Open(ctx, path); err != nil {
		if !IsCorrupt(err) {
			t.Fatalf("opening the damaged desk: %v, not recognised as damage", err)
		}
	} else {
		// A backup reads every page: it fails, and a damaged desk never becomes a daily backup
		// that would rotate the good ones away.
		_, err := d.AutoBackup(ctx, time.Now())
		d.Close()
		if err == nil || !IsCorrupt(err) {
			t.Fatalf("backing up the damaged desk: %v, want a damage error", err)
		}
		if list, _ := Backups(path); len(list) != 0 {
			t.Fatalf("a damaged desk left a backup: %+v", list)
		}
	}

	damaged := filepath.Join(dir, "damaged-copy.db")
	raw, _ := os.ReadFile(path)
	os.WriteFile(damaged, raw, 0o600)
	if _, err := Restore(ctx, good, damaged); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("restore from a damaged file: %v, want ErrCorrupt", err)
	}
	if problems, _ := Check(ctx, good); problems != nil {
		t.Fatalf("a refused restore changed the target: %v", problems)
	}

	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o600)
	if _, err := Restore(ctx, path, empty); !errors.Is(err, ErrNotDatabase) {
		t.Fatalf("restore from an empty file: %v, want ErrNotDatabase", err)
	}
	previous, err := Restore(ctx, path, good)
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(previous); len(b) != len(raw) {
		t.Fatalf("the replaced desk was not kept whole at %s", previous)
	}
	if problems, err := Check(ctx, path); err != nil || problems != nil {
		t.Fatalf("check after restore: %v %v", problems, err)
	}
	r := openAt(t, path)
	if guests, _ := r.Guests(ctx, ""); len(guests) != 400 {
		t.Fatalf("restored desk has %d guests, want 400", len(guests))
	}
	// The restored desk is open in this process's window now: a second restore must wait.
	release, err := r.HoldWindow()
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	if _, err := Restore(ctx, path, good); !errors.Is(err, ErrOpenElsewhere) {
		t.Fatalf("restore under an open window: %v, want ErrOpenElsewhere", err)
	}
}

// Rotation keeps 7 days, then one backup for each of 4 older weeks, and every pinned one.
func TestRotateKeepsSevenDaysAndFourWeeks(t *testing.T) {
	today := time.Date(2026, 12, 2, 0, 0, 0, 0, time.Local)
	var list []BackupFile
	for i := range 60 {
		list = append(list, BackupFile{Path: fmt.Sprint(i), Day: today.AddDate(0, 0, -i)})
	}
	list = append(list, BackupFile{Path: "pinned", Day: today.AddDate(0, 0, -90), Pinned: true})
	list = append(list, BackupFile{Path: "by hand", Day: today.AddDate(0, 0, -70), Manual: true})
	drop := map[string]bool{}
	for _, b := range Rotate(list) {
		drop[b.Path] = true
	}
	var kept []string
	for _, b := range list {
		if !drop[b.Path] {
			kept = append(kept, b.Day.Format("01-02"))
		}
	}
	// 7 days (Dec 2 back to Nov 26, a Thursday), then the newest day of each of the 4 ISO weeks
	// (Monday to Sunday) that follow: Nov 25 (the week of Nov 23, also holding the oldest daily
	// ones), Nov 22, 15 and 8; the pinned one from September stays.
	want := []string{"12-02", "12-01", "11-30", "11-29", "11-28", "11-27", "11-26",
		"11-25", "11-22", "11-15", "11-08", "09-03", "09-23"}
	if fmt.Sprint(kept) != fmt.Sprint(want) {
		t.Fatalf("kept %v\nwant %v", kept, want)
	}
}

// Today's automatic backup is made once; a migration pins a copy of the desk as it was.
func TestAutoBackupOncePerDayAndBeforeMigration(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "desk.db")
	old, err := OpenMigrations(ctx, path, 5)
	if err != nil {
		t.Fatal(err)
	}
	old.Close()
	s := openAt(t, path)
	list, _ := Backups(path)
	if len(list) != 1 || !list[0].Pinned {
		t.Fatalf("after a migration from v5: %+v, want one pinned backup", list)
	}
	if problems, err := Check(ctx, list[0].Path); err != nil || problems != nil {
		t.Fatalf("the pinned backup: %v %v", problems, err)
	}
	now := time.Now()
	made, err := s.AutoBackup(ctx, now)
	if err != nil || made == "" {
		t.Fatalf("first automatic backup: %q %v", made, err)
	}
	if again, err := s.AutoBackup(ctx, now); err != nil || again != "" {
		t.Fatalf("second the same day: %q %v, want none", again, err)
	}
	if list, _ := Backups(path); len(list) != 2 {
		t.Fatalf("backups %+v, want the pinned one and today's", list)
	}
}

// A daily backup that would leave the disk without room for the desk is skipped, said, and
// leaves no file.
func TestAutoBackupLeavesRoomForTheDesk(t *testing.T) {
	s := openTemp(t)
	if free, ok := freeSpace(filepath.Dir(s.Path())); runtime.GOOS == "linux" && (!ok || free == 0) {
		t.Fatalf("freeSpace of the temp dir: %d %v", free, ok)
	}
	old := backupHeadroom
	backupHeadroom = 1 << 62 // more than any disk has
	defer func() { backupHeadroom = old }()
	made, err := s.AutoBackup(context.Background(), time.Now())
	if !errors.Is(err, ErrNoRoomForBackup) || made != "" {
		t.Fatalf("AutoBackup on a full disk: %q %v, want ErrNoRoomForBackup", made, err)
	}
	if list, _ := Backups(s.Path()); len(list) != 0 {
		t.Fatalf("a skipped backup left %+v", list)
	}
}
