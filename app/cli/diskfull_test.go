package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"loge/app/i18n"
	"loge/data/desk"
	"loge/data/imap/imaptest"
	"loge/data/store"
)

// smallDisk mounts a tmpfs of size (as mount's -o size=) on a new folder and returns it; the test
// is skipped where mounting is not permitted (not root, no CAP_SYS_ADMIN, a container without it).
func smallDisk(t *testing.T, size string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "disk")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("the disk-full test needs a small disk of its own, and mount -t tmpfs is not permitted here: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
	return dir
}

func resize(t *testing.T, dir, size string) {
	t.Helper()
	if out, err := exec.Command("mount", "-o", "remount,size="+size, dir).CombinedOutput(); err != nil {
		t.Fatalf("remount %s: %v %s", dir, err, out)
	}
}

// fill writes a filler file until the disk has no room left, and returns its path.
func fill(t *testing.T, dir string) string {
	t.Helper()
	p := filepath.Join(dir, "filler")
	f, err := os.Create(p)
	if err != nil && !errors.Is(err, syscall.ENOSPC) {
		t.Fatal(err)
	}
	if f != nil {
		buf := make([]byte, 64<<10)
		for {
			if _, err := f.Write(buf); err != nil {
				break
			}
		}
		// Down to the last block: SQLite must not find a page's worth of room.
		for {
			if _, err := f.Write(buf[:512]); err != nil {
				break
			}
		}
		f.Close()
	}
	return p
}

// A desk on an 8 MB disk syncs a mailbox of 1,560 mails (7 MB of mail, a 26 MB desk): the sync stops with the disk-full sentence
// and exit code 1, the desk stays whole, a booking saved on the full disk is refused whole, and once
// there is room the sync resumes and the desk converges with the server.
func TestFaultDiskFull(t *testing.T) {
	d := imaptest.RealDovecot(t)
	dir := smallDisk(t, "8m")
	start := time.Now()
	srv, user, pass := killMailServer(t, d, 77, 1500) // a 26 MB desk (its peak with the WAL: about 40 MB)
	db := filepath.Join(dir, "desk.db")
	if code, _, errs := runCLI(t, "init", "--db", db); code != 0 {
		t.Fatal(errs)
	}
	env := []string{"LOGE_FAULT_PASS=" + pass}
	args := syncArgs(db, d.Port, user)
	i18n.Load("en")
	want := "loge: " + i18n.T("err.disk_full")

	res := runLoge(t, 2*time.Minute, env, args...)
	if res.code != 1 || lastLine(res.stderr) != want {
		t.Fatalf("sync onto a full disk: exit %d, printed %q; want exit 1 and %q", res.code, lastLine(res.stderr), want)
	}
	checkIntegrity(t, db)
	partial, bad := deskState(t, db)
	for _, b := range bad {
		t.Errorf("desk after the full disk: %s", b)
	}
	t.Logf("disk full after %d of %d messages, in %v", countMail(partial), 1560, res.took.Round(time.Millisecond))
	// Reading still works on the full disk.
	if code, _, errs := runCLI(t, "stats", "--db", db, "--json"); code != 0 {
		t.Errorf("stats on a full disk: %d %s", code, errs)
	}
	// Run again while it is still full: same sentence, desk whole, nothing lost of what it had.
	if res := runLoge(t, 2*time.Minute, env, args...); res.code != 1 || lastLine(res.stderr) != want {
		t.Errorf("second sync onto the full disk: exit %d, %q", res.code, lastLine(res.stderr))
	}
	checkIntegrity(t, db)

	// A planner edit on the full disk: refused as a whole, never half-saved.
	filler := fill(t, dir)
	code, _, errs := runCLI(t, "logbook", "add", "--db", db, strings.Repeat("Mme Rossi arrive à 23h, garder la 512. ", 200))
	if code == 0 {
		t.Logf("logbook add found room on the full disk (SQLite reused free pages)")
	} else if lastLine(errs) != want {
		t.Errorf("logbook add on a full disk: exit %d, %q; want %q", code, lastLine(errs), want)
	}
	saved, refused := bookOnFullDisk(t, db)
	os.Remove(filler)
	checkIntegrity(t, db)
	for _, what := range []string{"guests", "stays", "requests"} {
		_, js, _ := runCLI(t, "list", "--db", db, "--json", what)
		if n := strings.Count(js, refused); n != 0 {
			t.Errorf("the booking refused for want of room left %d %s behind: half-saved", n, what)
		}
		if n := strings.Count(js, `Solberg`); n < saved {
			t.Errorf("%d bookings saved on the full disk, %d %s of theirs found", saved, n, what)
		}
	}
	// Room again: the sync goes on from where it stopped and converges.
	resize(t, dir, "128m")
	srv.change(5)
	res = runLoge(t, 2*time.Minute, env, args...)
	if res.code != 0 {
		t.Fatalf("sync once there is room: exit %d: %s", res.code, res.stderr)
	}
	checkIntegrity(t, db)
	server, lost, extra, flags := compareWithServer(t, srv, db, "after the disk was freed")
	report(t, "TestFaultDiskFull: 8 MB disk full after %d messages (exit 1, %q), integrity ok; %d bookings saved on the full disk, the next refused whole; after remount 128 MB: %d messages, lost %d, extra %d, flags %d; %v",
		countMail(partial), want, saved, countMail(server), lost, extra, flags, time.Since(start).Round(time.Second))
}

// bookOnFullDisk saves bookings (a new guest, stay and request, one action each: store.BookFromMail)
// on the full disk until one is refused for want of room; it returns how many were saved and the
// name of the refused one.
func bookOnFullDisk(t *testing.T, db string) (saved int, refused string) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatalf("open on a full disk: %v", err)
	}
	defer st.Close()
	arrival := time.Date(2026, 12, 4, 15, 0, 0, 0, time.UTC)
	for i := 1; i <= 2000; i++ {
		name := fmt.Sprintf("Solberg%04d", i)
		b := store.Booking{
			ThreadID: name + "@example.no",
			NewGuest: &desk.Guest{FirstName: "Ingrid", LastName: name, Emails: "ingrid@example.no", Preferences: strings.Repeat("Chambre calme, oreillers fermes. ", 500)},
			NewStay:  &desk.Stay{Arrival: arrival, Departure: arrival.Add(72 * time.Hour), PartySize: 2},
			Request:  desk.Request{Kind: desk.KindRestaurant, StartsAt: arrival.Add(5 * time.Hour), PartySize: 3, Notes: strings.Repeat("Table près de la fenêtre. ", 500)},
		}
		err := st.BookFromMail(ctx, &b)
		if err == nil {
			saved++
			continue
		}
		if !store.IsDiskFull(err) {
			t.Fatalf("booking %d on a full disk: %v, want the disk-full error", i, err)
		}
		if got := i18n.ErrorText(err); got != i18n.T("err.disk_full") {
			t.Errorf("booking on a full disk is shown as %q", got)
		}
		return saved, name
	}
	t.Fatal("2,000 bookings found room on a full disk")
	return
}
