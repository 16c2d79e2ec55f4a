//go:build linux || darwin

package store

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

func osDiskFullErrors() []error { return []error{syscall.ENOSPC} }

// Everything Loge writes of a desk is the user's alone, even under the usual umask 022: the desk,
// its -wal and -shm, the folder Loge creates for it, backups and their folder, a restored desk,
// and the lock files.
func TestDeskFilesArePrivate(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "Loge") // Loge creates this folder
	path := filepath.Join(dir, "desk.db")
	s := openAt(t, path)
	mustGuest(t, s, "Ada", "Lovelace")
	release, err := s.HoldWindow()
	if err != nil {
		t.Fatal(err)
	}
	releaseSync, err := HoldSync(path)
	if err != nil {
		t.Fatal(err)
	}
	releaseSync()
	if _, err := s.AutoBackup(ctx, time.Now()); err != nil {
		t.Fatal(err)
	}
	manual := ManualBackupPath(path, time.Now())
	if err := s.Backup(ctx, manual); err != nil {
		t.Fatal(err)
	}
	want := map[string]os.FileMode{
		dir: 0o700, path: 0o600, path + "-wal": 0o600, path + "-shm": 0o600,
		WindowLockPath(path): 0o600, SyncLockPath(path): 0o600,
		BackupDir(path): 0o700, manual: 0o600,
	}
	list, _ := Backups(path)
	if len(list) != 2 {
		t.Fatalf("backups: %+v", list)
	}
	for _, b := range list {
		want[b.Path] = 0o600
	}
	check := func(want map[string]os.FileMode) {
		t.Helper()
		for p, mode := range want {
			fi, err := os.Stat(p)
			if err != nil {
				t.Errorf("%s: %v", p, err)
				continue
			}
			if got := fi.Mode().Perm(); got != mode {
				t.Errorf("%s: mode %o, want %o", filepath.Base(p), got, mode)
			}
		}
	}
	check(want)
	s.Close()
	release()
	previous, err := Restore(ctx, path, manual)
	if err != nil {
		t.Fatal(err)
	}
	r := openAt(t, path)
	mustGuest(t, r, "Grace", "Hopper")
	check(map[string]os.FileMode{path: 0o600, path + "-wal": 0o600, path + "-shm": 0o600, previous: 0o600})
	// Walk the folder: no file of the desk's is readable by others.
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err == nil && fi.Mode().Perm()&0o077 != 0 {
			t.Errorf("%s: mode %o, readable by others", p, fi.Mode().Perm())
		}
		return nil
	})
}
