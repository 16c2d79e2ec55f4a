package store

import (
	"errors"
	"syscall"

	"golang.org/x/sys/windows"
)

// isOSDiskFull reports whether err is the system's "no space left": Windows says it with its own
// codes (ERROR_DISK_FULL from a write, ERROR_HANDLE_DISK_FULL from some file systems and network
// redirectors), which syscall.ENOSPC does not match there.
func isOSDiskFull(err error) bool {
	return errors.Is(err, windows.ERROR_DISK_FULL) || errors.Is(err, windows.ERROR_HANDLE_DISK_FULL) ||
		errors.Is(err, syscall.ENOSPC)
}
