package store

import "fmt"

// NetworkShareError refuses a desk file on a network share (a mapped drive, SMB, NFS, AFP).
// SQLite's write-ahead log, which keeps a desk whole through a crash, needs shared memory and
// locks that network file systems do not give: two computers writing one desk file over a share
// damage it. A team shares its desk through the mailbox instead (data/team).
type NetworkShareError struct {
	Path string // the desk file
	Kind string // what the folder is on: "smbfs", "nfs", "network drive"…
}

func (e *NetworkShareError) Error() string {
	return fmt.Sprintf("%s: the folder is on a network share (%s)", e.Path, e.Kind)
}

// checkLocal returns a *NetworkShareError when dir is on a network file system.
func checkLocal(abs, dir string) error {
	if kind := networkFS(dir); kind != "" {
		return &NetworkShareError{Path: abs, Kind: kind}
	}
	return nil
}
