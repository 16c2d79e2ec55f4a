// Package storetest gives tests a real desk: a fresh SQLite file in the test's temp folder (never
// a mock), closed when the test ends, empty, with one account, or seeded with the demo hotel.
package storetest

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"loge/data/demo"
	"loge/data/desk"
	"loge/data/store"
)

var (
	templateOnce sync.Once
	template     []byte
	templateErr  error
)

// New is an empty desk with an identity of its own. It is a copy of one migrated desk file made
// once per test binary (migrating a new desk costs tens of milliseconds, a copy a fraction).
func New(t testing.TB) *store.Store {
	t.Helper()
	templateOnce.Do(func() {
		dir, err := os.MkdirTemp("", "loge-storetest-")
		if err != nil {
			templateErr = err
			return
		}
		defer os.RemoveAll(dir)
		path := filepath.Join(dir, "template.db")
		st, err := store.Open(context.Background(), path)
		if err == nil {
			err = st.ForgetIdentity(context.Background())
		}
		if err == nil {
			template, err = os.ReadFile(path)
		}
		templateErr = err
	})
	if templateErr != nil {
		t.Fatal(templateErr)
	}
	return openCopy(t, template)
}

// openCopy opens a desk file holding b in the test's temp folder, closed when the test ends.
func openCopy(t testing.TB, b []byte) *store.Store {
	t.Helper()
	path := filepath.Join(t.TempDir(), "desk.db")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// WithAccount is an empty desk with one mail account, "Desk" <desk@hotel.example>.
func WithAccount(t testing.TB) (*store.Store, desk.Account) {
	t.Helper()
	st := New(t)
	a := desk.Account{Name: "Desk", Email: "desk@hotel.example", IMAPSecurity: "tls", SMTPSecurity: "tls"}
	if err := st.CreateAccount(context.Background(), &a); err != nil {
		t.Fatal(err)
	}
	return st, a
}

// Demo is the demo hotel's desk, dated relative to now; with loc set, its days are counted in that
// zone (the demo hotel is in Paris) instead of the computer's.
//
// Seeding takes two seconds under the race detector (a hundred mails parsed and indexed, the
// planner written through the team door), and the window's tests each want a demo desk: a seeded
// desk is copied instead when one was seeded in the same zone, on the same day, less than
// demoReuse before now (or at exactly now), so its times are at most that much older than asked.
// The copy is the same desk, identity included, as a file of its own.
func Demo(t testing.TB, now time.Time, loc *time.Location) *store.Store {
	t.Helper()
	if b := demoCopy(now, loc); b != nil {
		st := openCopy(t, b)
		if loc != nil {
			st.Loc = loc
		}
		return st
	}
	st := New(t)
	if loc != nil {
		st.Loc = loc
	}
	if err := demo.Seed(context.Background(), st, now); err != nil {
		t.Fatal(err)
	}
	snap := filepath.Join(t.TempDir(), "demo-template.db")
	if err := st.Backup(context.Background(), snap); err == nil {
		if b, err := os.ReadFile(snap); err == nil {
			demoMu.Lock()
			demoSeeded = append(demoSeeded, demoSnapshot{at: now, loc: loc, desk: b})
			demoMu.Unlock()
		}
		os.Remove(snap)
	}
	return st
}

// demoReuse is how much older than asked a copied demo desk may be.
const demoReuse = 2 * time.Minute

type demoSnapshot struct {
	at   time.Time
	loc  *time.Location
	desk []byte
}

var (
	demoMu     sync.Mutex
	demoSeeded []demoSnapshot
)

// zoneKey names loc, "" for the computer's (nil, which time.Location would call UTC).
func zoneKey(loc *time.Location) string {
	if loc == nil {
		return ""
	}
	return loc.String()
}

func demoCopy(now time.Time, loc *time.Location) []byte {
	demoMu.Lock()
	defer demoMu.Unlock()
	for _, s := range demoSeeded {
		dayLoc := loc
		if dayLoc == nil {
			dayLoc = time.Local
		}
		age := now.Sub(s.at)
		sameDay := s.at.In(dayLoc).Format(time.DateOnly) == now.In(dayLoc).Format(time.DateOnly)
		if zoneKey(s.loc) == zoneKey(loc) && sameDay && (age == 0 || age > 0 && age < demoReuse) {
			return s.desk
		}
	}
	return nil
}

// Damage overwrites two whole pages in the middle of a closed desk file with pseudo-random bytes,
// as a failing disk or a torn write would. The pages are the file's own: its header gives their
// size (4,096 bytes in desks made before schema 18, 16,384 since).
func Damage(t testing.TB, path string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	size := int64(store.FilePageSize(path))
	if size == 0 {
		t.Fatalf("%s: no SQLite header", path)
	}
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	pages := st.Size() / size
	if pages < 8 {
		t.Fatalf("desk too small to damage: %d pages of %d bytes", pages, size)
	}
	junk := make([]byte, 2*size)
	x := uint32(2463534242)
	for i := range junk {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		junk[i] = byte(x)
	}
	if _, err := f.WriteAt(junk, pages/2*size); err != nil {
		t.Fatal(err)
	}
}
