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
	path := filepath.Join(t.TempDir(), "desk.db")
	if err := os.WriteFile(path, template, 0o600); err != nil {
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
func Demo(t testing.TB, now time.Time, loc *time.Location) *store.Store {
	t.Helper()
	st := New(t)
	if loc != nil {
		st.Loc = loc
	}
	if err := demo.Seed(context.Background(), st, now); err != nil {
		t.Fatal(err)
	}
	return st
}
