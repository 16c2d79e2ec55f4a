package office

import (
	"context"
	"fmt"
	"strings"
	"time"

	"loge/data/store"
)

// The background integrity check. SQLite's PRAGMA integrity_check reads every page of the desk, so
// it never runs while the window opens: a while after start when the last session did not end
// cleanly (a crash, a power cut, a killed process), when a week has passed since the last whole
// check, and soon after any "malformed" error surfaces from the desk. It reads through a read-only
// connection of its own (store.Check): the writer and the window's readers go on.

// Settings the check keeps in the desk (local to this desk, never shared with the team).
const (
	// settingRunning is set while a window runs the desk and cleared by a clean Close: found set
	// at start, the last session ended uncleanly.
	settingRunning = "office.running"
	// settingChecked is when the last check found the desk whole (RFC 3339). A damaged desk gets
	// no date, so it is checked again at every start until it is restored.
	settingChecked = "integrity.checked"
)

var (
	// checkAfter is how long after start the check waits: start-up reads the desk first.
	checkAfter = 30 * time.Second
	// checkEvery is how old the last whole check may be before another runs.
	checkEvery = 7 * 24 * time.Hour
	// checkPoll is how often the watcher looks whether a week has passed.
	checkPoll = time.Hour
	// recheckGap is the least time between two checks that a "malformed" error asks for: a damaged
	// page read over and over must not start a check each time.
	recheckGap = 10 * time.Minute
)

// CheckDone reports a background integrity check. Err is nil for a whole desk; it matches
// store.IsCorrupt (store.ErrDamaged, with what SQLite found) for a damaged one; any other Err is a
// check that could not run, tried again later.
type CheckDone struct {
	Reason   string // "unclean", "weekly" or "error": why it ran
	Problems []string
	Err      error
	At       time.Time
}

// Damaged reports whether the check found the desk damaged.
func (c *CheckDone) Damaged() bool { return c != nil && store.IsCorrupt(c.Err) }

// ReportError tells the office about an error some reader of the desk met (the window's queries):
// a "malformed" one asks for an integrity check soon. Other errors are ignored.
func (o *Office) ReportError(err error) {
	if !store.IsCorrupt(err) {
		return
	}
	select {
	case o.checkNow <- struct{}{}:
	default:
	}
}

// markRunning records that a session runs the desk, and reports whether the last one never said it
// ended (an unclean shutdown).
func (o *Office) markRunning(ctx context.Context) (unclean bool) {
	prev, err := o.Store.Setting(ctx, settingRunning)
	if err != nil {
		o.ReportError(err)
		return false
	}
	if err := o.Store.SetSetting(ctx, settingRunning, time.Now().UTC().Format(time.RFC3339)); err != nil {
		o.ReportError(err)
		return prev != ""
	}
	o.mu.Lock()
	o.marked = true
	o.mu.Unlock()
	return prev != ""
}

// clearRunning says the session ended cleanly (Close, after every worker stopped).
func (o *Office) clearRunning() {
	o.mu.Lock()
	marked := o.marked
	o.marked = false
	o.mu.Unlock()
	if marked {
		_ = o.Store.SetSetting(context.Background(), settingRunning, "")
	}
}

// checkDue reports whether the last whole check is older than checkEvery (or never happened).
func (o *Office) checkDue(ctx context.Context, now time.Time) bool {
	v, err := o.Store.Setting(ctx, settingChecked)
	if err != nil {
		o.ReportError(err)
		return false
	}
	last, err := time.Parse(time.RFC3339, v)
	return err != nil || now.Sub(last) >= checkEvery
}

// watchIntegrity runs the background check until ctx ends: checkAfter after start when the last
// session ended uncleanly or the last whole check is a week old, then whenever a week has passed,
// and soon after a "malformed" error (ReportError).
func (o *Office) watchIntegrity(ctx context.Context) {
	unclean := o.markRunning(ctx)
	t := time.NewTimer(checkAfter)
	defer t.Stop()
	var last time.Time
	for {
		reason := ""
		select {
		case <-ctx.Done():
			return
		case <-o.checkNow:
			if !last.IsZero() && time.Since(last) < recheckGap {
				continue
			}
			reason = "error"
		case <-t.C:
			t.Reset(checkPoll)
			switch {
			case unclean:
				reason = "unclean"
			case o.checkDue(ctx, time.Now()):
				reason = "weekly"
			default:
				continue
			}
		}
		unclean = false
		last = time.Now()
		if done := o.runCheck(ctx, reason); done != nil {
			o.emit(ctx, Event{Check: done})
		}
	}
}

// runCheck checks the desk file now; nil when ctx ended meanwhile.
func (o *Office) runCheck(ctx context.Context, reason string) *CheckDone {
	problems, err := store.Check(ctx, o.Store.Path())
	if ctx.Err() != nil {
		return nil
	}
	done := &CheckDone{Reason: reason, Problems: problems, At: time.Now()}
	switch {
	case err != nil:
		done.Err = fmt.Errorf("integrity check of %s: %w", o.Store.Path(), err)
	case len(problems) > 0:
		done.Err = fmt.Errorf("%s: %w: %s", o.Store.Path(), store.ErrDamaged, strings.Join(problems, "; "))
	default:
		if err := o.Store.SetSetting(ctx, settingChecked, done.At.UTC().Format(time.RFC3339)); err != nil && store.IsCorrupt(err) {
			done.Err = fmt.Errorf("%s: %w: %v", o.Store.Path(), store.ErrDamaged, err)
		}
	}
	return done
}
