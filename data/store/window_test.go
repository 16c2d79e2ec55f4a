package store

import (
	"errors"
	"path/filepath"
	"testing"
)

// One window per desk: a second holder is refused until the first lets go.
func TestHoldWindowIsExclusive(t *testing.T) {
	path := filepath.Join(t.TempDir(), "desk.db")
	a, b := openAt(t, path), openAt(t, path)
	release, err := a.HoldWindow()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.HoldWindow(); !errors.Is(err, ErrOpenElsewhere) {
		t.Fatalf("second window: %v, want ErrOpenElsewhere", err)
	}
	release()
	again, err := b.HoldWindow()
	if err != nil {
		t.Fatalf("after the first let go: %v", err)
	}
	again()
}

// A desk on this machine's temp folder is local; the network file systems are told by their kind.
func TestLocalFolderIsNotANetworkShare(t *testing.T) {
	if kind := networkFS(t.TempDir()); kind != "" {
		t.Fatalf("temp dir seen as network share %q", kind)
	}
	var ne *NetworkShareError
	if err := checkLocal("/x/desk.db", t.TempDir()); errors.As(err, &ne) {
		t.Fatalf("checkLocal: %v", err)
	}
}
