package store

import (
	"errors"
	"fmt"

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
