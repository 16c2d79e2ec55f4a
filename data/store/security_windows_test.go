package store

import (
	"syscall"

	"golang.org/x/sys/windows"
)

func osDiskFullErrors() []error {
	return []error{windows.ERROR_DISK_FULL, windows.ERROR_HANDLE_DISK_FULL, syscall.ENOSPC}
}
