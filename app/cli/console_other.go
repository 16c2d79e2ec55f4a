//go:build !windows

package cli

// AttachConsole does nothing outside Windows: a program started from a terminal has it already.
func AttachConsole() {}
