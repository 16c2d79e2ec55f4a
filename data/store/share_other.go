//go:build !linux && !darwin && !windows

package store

// networkFS cannot tell on this system: every folder counts as local.
func networkFS(dir string) string { return "" }

// freeSpace cannot tell on this system.
func freeSpace(dir string) (uint64, bool) { return 0, false }
