package store

import "golang.org/x/sys/unix"

// networkFS names the network file system dir is on, "" for a local one (or when it cannot tell).
func networkFS(dir string) string {
	var st unix.Statfs_t
	if unix.Statfs(dir, &st) != nil {
		return ""
	}
	return linuxFSKind(int64(st.Type))
}

// linuxFSKind is the network file system of a statfs f_type (linux/magic.h), else "".
func linuxFSKind(t int64) string {
	switch uint32(t) {
	case unix.NFS_SUPER_MAGIC:
		return "nfs"
	case unix.SMB_SUPER_MAGIC:
		return "smb"
	case unix.CIFS_SUPER_MAGIC:
		return "cifs"
	case unix.SMB2_SUPER_MAGIC:
		return "smb2"
	case unix.AFS_SUPER_MAGIC:
		return "afs"
	case 0x564c: // NCP_SUPER_MAGIC, NetWare
		return "ncp"
	}
	return ""
}
