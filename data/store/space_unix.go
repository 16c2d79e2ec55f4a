//go:build linux || darwin

package store

import "golang.org/x/sys/unix"

// freeSpace is how many bytes the user may still write in dir's file system (ok false when unknown).
func freeSpace(dir string) (uint64, bool) {
	var st unix.Statfs_t
	if unix.Statfs(dir, &st) != nil {
		return 0, false
	}
	return st.Bavail * uint64(st.Bsize), true
}
