package store

import (
	"strings"

	"golang.org/x/sys/unix"
)

// networkFS names the network file system dir is on, "" for a local one (or when it cannot tell).
func networkFS(dir string) string {
	var st unix.Statfs_t
	if unix.Statfs(dir, &st) != nil {
		return ""
	}
	return darwinFSKind(unix.ByteSliceToString(st.Fstypename[:]))
}

// darwinFSKind is name when it is a network file system of macOS's statfs, else "".
func darwinFSKind(name string) string {
	switch strings.ToLower(name) {
	case "smbfs", "nfs", "afpfs", "webdav", "cifs", "ftp":
		return name
	}
	return ""
}
