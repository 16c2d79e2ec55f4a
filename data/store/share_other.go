//go:build !linux && !darwin && !windows

package store

// networkFS cannot tell on this system: every folder counts as local.
func networkFS(dir string) string { return "" }
