package mime_test

import (
	"os"
	"syscall"
)

const maxRSSSupported = true

// maxRSS is a finished child's peak resident set in bytes (Linux counts it in KiB).
func maxRSS(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return ru.Maxrss << 10
	}
	return 0
}
