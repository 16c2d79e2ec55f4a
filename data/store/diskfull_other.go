//go:build !windows

package store

import (
	"errors"
	"syscall"
)

// isOSDiskFull reports whether err is the system's "no space left on device".
func isOSDiskFull(err error) bool { return errors.Is(err, syscall.ENOSPC) }
