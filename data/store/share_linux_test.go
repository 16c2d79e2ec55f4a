package store

import "testing"

// The statfs kinds of the network file systems a hotel's NAS or server shares over.
func TestLinuxFSKind(t *testing.T) {
	for _, c := range []struct {
		magic int64
		want  string
	}{
		{0x6969, "nfs"}, {0x517B, "smb"}, {0xFF534D42, "cifs"}, {0xFE534D42, "smb2"},
		{0xEF53, ""} /* ext4 */, {0x01021994, ""} /* tmpfs */, {0x58465342, ""}, /* xfs */
	} {
		if got := linuxFSKind(c.magic); got != c.want {
			t.Errorf("linuxFSKind(%#x) = %q, want %q", c.magic, got, c.want)
		}
	}
}
