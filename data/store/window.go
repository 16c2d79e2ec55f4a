package store

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/gofrs/flock"
)

// ErrOpenElsewhere: another Loge window holds this desk file (on this computer, or on another one
// that reaches the same file).
var ErrOpenElsewhere = errors.New("the desk is open in another Loge window")

// WindowLockPath is the file beside the desk that the Loge window holding it locks.
func WindowLockPath(deskPath string) string { return deskPath + "-window.lock" }

// HoldWindow makes this process the desk's one window: a second window on the same desk would run
// a second set of mail workers and show each concierge half of the other's typing. It fails with
// ErrOpenElsewhere while another process holds it; release gives it back (the OS also does when the
// process dies). Headless commands do not take it: a script may run beside the window.
func (s *Store) HoldWindow() (release func(), err error) {
	l := flock.New(WindowLockPath(s.path), flock.SetPermissions(0o600))
	ok, err := l.TryLock()
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %v", l.Path(), ErrUnwritable, err)
	}
	if !ok {
		return nil, fmt.Errorf("%s: %w", s.path, ErrOpenElsewhere)
	}
	return func() { l.Unlock() }, nil
}

// ErrSyncRunning: a headless sync (`loge sync`, `loge sync --idle`) is writing into this desk: a
// restore would move the file from under it, and its mail would go on landing in the old one.
var ErrSyncRunning = errors.New("a Loge sync is running on this desk")

// ErrRestoring: a restore is replacing this desk's file right now.
var ErrRestoring = errors.New("the desk is being restored")

// SyncLockPath is the file beside the desk that headless syncs share and a restore takes alone.
func SyncLockPath(deskPath string) string { return deskPath + "-sync.lock" }

// HoldSync marks the desk file at deskPath as being synced by a headless command, for as long as
// it runs: several may hold it at once (a shared OS lock, gone when the process dies), and Restore
// is refused meanwhile with ErrSyncRunning. While a restore runs it fails with ErrRestoring.
func HoldSync(deskPath string) (release func(), err error) {
	abs, err := filepath.Abs(deskPath)
	if err != nil {
		return nil, err
	}
	l := flock.New(SyncLockPath(abs), flock.SetPermissions(0o600))
	ok, err := l.TryRLock()
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %v", l.Path(), ErrUnwritable, err)
	}
	if !ok {
		return nil, fmt.Errorf("%s: %w", abs, ErrRestoring)
	}
	return func() { l.Unlock() }, nil
}

// holdNoSync takes the sync lock alone, for a restore: no headless sync may run on the desk.
func holdNoSync(abs string) (release func(), err error) {
	l := flock.New(SyncLockPath(abs), flock.SetPermissions(0o600))
	ok, err := l.TryLock()
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %v", l.Path(), ErrUnwritable, err)
	}
	if !ok {
		return nil, fmt.Errorf("%s: %w", abs, ErrSyncRunning)
	}
	return func() { l.Unlock() }, nil
}
