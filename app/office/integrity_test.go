package office

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"loge/app/i18n"
	"loge/data/desk"
	"loge/data/store"
	"loge/data/store/storetest"
)

// fastChecks makes the background check run within milliseconds of start for one test.
func fastChecks(t *testing.T, after time.Duration) {
	t.Helper()
	a, p, g := checkAfter, checkPoll, recheckGap
	checkAfter, checkPoll, recheckGap = after, 20*time.Millisecond, 0
	t.Cleanup(func() { checkAfter, checkPoll, recheckGap = a, p, g })
}

// session opens the desk as the window does and starts its background work; stop ends it cleanly
// (Close) or as a crash would (the goroutines die, the file is closed, nothing is recorded).
func session(t *testing.T, path string) (o *Office, stop func(clean bool)) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	o, err := Open(ctx, path)
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	if err := o.StartAll(ctx); err != nil {
		t.Fatal(err)
	}
	stopped := false
	stop = func(clean bool) {
		if stopped {
			return
		}
		stopped = true
		if clean {
			o.Close()
			cancel()
			return
		}
		cancel()
		o.backups.Wait()
		o.Store.Close()
	}
	t.Cleanup(func() { stop(true) })
	return o, stop
}

// nextCheck waits for the office's next integrity report; nil after timeout.
func nextCheck(o *Office, timeout time.Duration) *CheckDone {
	deadline := time.After(timeout)
	for {
		select {
		case ev := <-o.Events():
			if ev.Check != nil {
				return ev.Check
			}
		case <-deadline:
			return nil
		}
	}
}

func setting(t *testing.T, o *Office, key string) string {
	t.Helper()
	v, err := o.Store.Setting(context.Background(), key)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// waitSetting waits until the office has written key (the watcher writes it after start).
func waitSetting(t *testing.T, o *Office, key string) string {
	t.Helper()
	for range 200 {
		if v := setting(t, o, key); v != "" {
			return v
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("%s never written", key)
	return ""
}

func addGuests(t *testing.T, st *store.Store, n int) {
	t.Helper()
	for i := range n {
		g := desk.Guest{FirstName: "Guest", LastName: fmt.Sprint(i), Notes: fmt.Sprintf("%0300d", i)}
		if err := st.CreateGuest(context.Background(), &g); err != nil {
			t.Fatal(err)
		}
	}
}

// After an unclean shutdown the desk is checked in the background once the window is up, and
// damage is reported through the office's events with the sentence that points to Settings ›
// Backups; opening does not wait for the check.
func TestUncleanShutdownChecksTheDeskInTheBackground(t *testing.T) {
	// Long enough that an open which waited for the check is told from a slow open on a loaded
	// machine (351 ms was seen under a parallel go test -race), short enough for the test.
	fastChecks(t, 2*time.Second)
	path := filepath.Join(t.TempDir(), "desk.db")

	// A first session, never checked: its first check finds the desk whole; then a crash.
	o, stop := session(t, path)
	addGuests(t, o.Store, 400)
	if c := nextCheck(o, 10*time.Second); c == nil || c.Err != nil || c.Reason != "weekly" {
		t.Fatalf("first check of a new desk: %+v", c)
	}
	checked := waitSetting(t, o, settingChecked)
	stop(false)

	// The disk then damaged it. Opening still works (the pages are not read at open) and is
	// not delayed by the check.
	storetest.Damage(t, path)
	start := time.Now()
	o, stop = session(t, path)
	if took := time.Since(start); took > checkAfter {
		t.Fatalf("opening took %v: it waited for the check", took)
	}
	c := nextCheck(o, 10*time.Second)
	if c == nil || !c.Damaged() || c.Reason != "unclean" || len(c.Problems) == 0 {
		t.Fatalf("check after the crash: %+v", c)
	}
	if !store.IsCorrupt(c.Err) || !errors.Is(c.Err, store.ErrDamaged) {
		t.Fatalf("the report is not recognised as damage: %v", c.Err)
	}
	i18n.Load("fr")
	if got, want := i18n.ErrorText(c.Err), i18n.T("err.damaged"); got != want || !strings.Contains(got, "Sauvegardes") {
		t.Fatalf("sentence: %q, want %q", got, want)
	}
	if v := setting(t, o, settingChecked); v != checked {
		t.Fatalf("a damaged desk was recorded as checked: %q (was %q)", v, checked)
	}
	stop(true)
}

// A clean shutdown is recorded; the next start checks nothing until a week has passed since the
// last whole check, then checks and records the day.
func TestWeeklyCheckAfterCleanShutdowns(t *testing.T) {
	fastChecks(t, 20*time.Millisecond)
	path := filepath.Join(t.TempDir(), "desk.db")
	o, stop := session(t, path)
	if c := nextCheck(o, 10*time.Second); c == nil || c.Err != nil {
		t.Fatalf("first check: %+v", c)
	}
	waitSetting(t, o, settingChecked)
	if setting(t, o, settingRunning) == "" {
		t.Fatal("the running session is not recorded")
	}
	stop(true)

	o, stop = session(t, path)
	if c := nextCheck(o, 300*time.Millisecond); c != nil {
		t.Fatalf("a clean start checked again within the week: %+v", c)
	}
	week := time.Now().Add(-8 * 24 * time.Hour).UTC().Format(time.RFC3339)
	if err := o.Store.SetSetting(context.Background(), settingChecked, week); err != nil {
		t.Fatal(err)
	}
	c := nextCheck(o, 10*time.Second)
	if c == nil || c.Err != nil || c.Reason != "weekly" || c.Problems != nil {
		t.Fatalf("weekly check: %+v", c)
	}
	if v := setting(t, o, settingChecked); v == week {
		t.Fatal("the weekly check was not recorded")
	}
	stop(true)
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if v, _ := st.Setting(context.Background(), settingRunning); v != "" {
		t.Fatalf("a clean Close left the session marked running: %q", v)
	}
}

// A "malformed" error met anywhere (a sync, the outbox, a query of the window's) asks for a check
// soon, without waiting for the week; other errors do not.
func TestMalformedErrorAsksForACheck(t *testing.T) {
	fastChecks(t, time.Hour)
	path := filepath.Join(t.TempDir(), "desk.db")
	o, stop := session(t, path)
	defer stop(true)
	waitSetting(t, o, settingRunning)
	o.ReportError(errors.New("sync INBOX: database is locked"))
	if c := nextCheck(o, 200*time.Millisecond); c != nil {
		t.Fatalf("an ordinary error started a check: %+v", c)
	}
	// The text SQLite gives, as a caller that kept only the text passes it on.
	o.ReportError(fmt.Errorf("sync INBOX: %v", "database disk image is malformed (11)"))
	if c := nextCheck(o, 10*time.Second); c == nil || c.Reason != "error" || c.Err != nil {
		t.Fatalf("check after a malformed error: %+v", c)
	}
}
