package store

import (
	"strings"

	"golang.org/x/sys/windows"
)

// networkFS says "network drive" when dir is on a UNC share (\\server\share) or a mapped network
// drive, "" for a local disk (or when it cannot tell).
func networkFS(dir string) string {
	if strings.HasPrefix(dir, `\\`) && !strings.HasPrefix(dir, `\\?\`) && !strings.HasPrefix(dir, `\\.\`) {
		return "network drive"
	}
	p, err := windows.UTF16PtrFromString(dir)
	if err != nil {
		return ""
	}
	root := make([]uint16, windows.MAX_PATH+1)
	if windows.GetVolumePathName(p, &root[0], uint32(len(root))) != nil {
		return ""
	}
	if windows.GetDriveType(&root[0]) == windows.DRIVE_REMOTE {
		return "network drive"
	}
	return ""
}

// freeSpace is how many bytes the user may still write in dir's volume (ok false when unknown).
func freeSpace(dir string) (uint64, bool) {
	p, err := windows.UTF16PtrFromString(dir)
	if err != nil {
		return 0, false
	}
	var free, total, totalFree uint64
	if windows.GetDiskFreeSpaceEx(p, &free, &total, &totalFree) != nil {
		return 0, false
	}
	return free, true
}
