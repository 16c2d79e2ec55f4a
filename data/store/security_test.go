package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"loge/data/desk"
)

// Whatever a person types in the search box is words, never FTS5 syntax: quotes, NEAR, stars,
// column filters, NUL bytes and a 10,000-character paste neither fail nor match what they should
// not, and the desk is still whole and searchable after.
func TestSearchInputCannotCrashOrInject(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	addMail(t, s, frenchMail)
	mustGuest(t, s, "Zoé", "Marchand")
	long := strings.Repeat("réservation ", 10_000/12) + strings.Repeat("x", 10_000%12)
	inputs := []string{
		`"`, `""`, `"""`, `'`, `'; DROP TABLE guests; --`, `") OR 1=1 --`,
		`NEAR(zoe marchand)`, `NEAR(zoe marchand, 0)`, `zoe NEAR/2 marchand`, `zoe + marchand`,
		`*`, `zoe*`, `*zoe`, `^zoe`, `title:zoe`, `{title body}:zoe`, `-title:zoe`, `guests_fts:zoe`,
		`rank:1`, `rowid:1`, `zoe AND`, `OR`, `NOT zoe`, `(zoe`, `zoe)`, `[zoe]`, `zoe\x00marchand`, "\x00",
		"zoe\x00\"*", "\xff\xfe", "\u202ezoe", long, strings.Repeat(`"a" `, 2500), strings.Repeat("(", 10_000),
	}
	for _, q := range inputs {
		start := time.Now()
		hits, err := s.Search(ctx, q, 10)
		if err != nil {
			t.Errorf("search %.40q: %v", q, err)
		}
		if took := time.Since(start); took > 5*time.Second {
			t.Errorf("search %.40q took %v", q, took)
		}
		for _, h := range hits {
			if h.Kind == "guest" && !strings.Contains(strings.ToLower(q), "zo") {
				t.Errorf("search %.40q found guest %q", q, h.Title)
			}
		}
	}
	// Column filters and operators are words: "title:zoe" looks for the words title and zoe.
	if hits, _ := s.Search(ctx, "title:zoe", 10); len(hits) != 0 {
		t.Errorf("title:zoe matched %d (no guest is called Title)", len(hits))
	}
	if hits, _ := s.Search(ctx, "NEAR(zoe marchand)", 10); len(hits) != 0 {
		t.Errorf("NEAR(…) used as an operator: %+v", hits)
	}
	// A pasted page is its first distinct words, each once.
	if got := searchWords(long + " zoe"); len(got) != 3 || got[0] != "réservation" || got[2] != "zoe" {
		t.Errorf("words of a 10,000-character paste: %d %q", len(got), got)
	}
	if got := searchWords(strings.Repeat("a b c d e f g h i j k l m n o p q r s t ", 50)); len(got) != maxSearchWords {
		t.Errorf("words kept: %d, want %d", len(got), maxSearchWords)
	}
	if hits, err := s.Search(ctx, "zoe marchand", 10); err != nil || len(hits) != 1 {
		t.Fatalf("after the hostile inputs: %+v %v", hits, err)
	}
	if problems, err := Check(ctx, s.Path()); err != nil || problems != nil {
		t.Fatalf("desk after the hostile inputs: %v %v", problems, err)
	}
}

// A restore moves the desk file away: never while a headless sync writes into it, and a sync
// does not start while a restore runs.
func TestRestoreRefusedWhileSyncRuns(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "desk.db")
	s := openAt(t, path)
	mustGuest(t, s, "Ada", "Lovelace")
	good := filepath.Join(dir, "good.db")
	if err := s.Backup(ctx, good); err != nil {
		t.Fatal(err)
	}
	s.Close()
	before, _ := os.ReadFile(path)
	release, err := HoldSync(path)
	if err != nil {
		t.Fatal(err)
	}
	// A second sync on the same desk may run beside the first (the lock is shared).
	release2, err := HoldSync(filepath.Join(dir, ".", "desk.db"))
	if err != nil {
		t.Fatalf("a second sync: %v", err)
	}
	release2()
	if _, err := Restore(ctx, path, good); !errors.Is(err, ErrSyncRunning) {
		t.Fatalf("restore during a sync: %v, want ErrSyncRunning", err)
	}
	if _, err := RestoreHeld(path, good); !errors.Is(err, ErrSyncRunning) {
		t.Fatalf("the window's restore during a sync: %v, want ErrSyncRunning", err)
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Fatal("a refused restore changed the desk")
	}
	if _, err := os.Stat(path + ".restore"); !os.IsNotExist(err) {
		t.Fatalf("a refused restore left its copy: %v", err)
	}
	release()
	// While a restore holds the desk, a sync is refused.
	releaseRestore, err := holdNoSync(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := HoldSync(path); !errors.Is(err, ErrRestoring) {
		t.Fatalf("sync during a restore: %v, want ErrRestoring", err)
	}
	releaseRestore()
	if _, err := Restore(ctx, path, good); err != nil {
		t.Fatalf("restore once the sync ended: %v", err)
	}
}

// The system's "disk full", however it is wrapped, is the same sentence as SQLite's.
func TestIsDiskFullOSErrors(t *testing.T) {
	for _, err := range []error{
		ErrDiskFull,
		fmt.Errorf("backup: %w", ErrDiskFull),
		&os.PathError{Op: "write", Path: "desk.db", Err: syscall.ENOSPC},
		fmt.Errorf("copy: %w", &os.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC}),
	} {
		if !IsDiskFull(err) {
			t.Errorf("IsDiskFull(%v) = false", err)
		}
	}
	for _, err := range []error{errors.New("disk full"), syscall.EACCES, ErrCorrupt, nil} {
		if IsDiskFull(err) {
			t.Errorf("IsDiskFull(%v) = true", err)
		}
	}
	for _, err := range osDiskFullErrors() {
		if !IsDiskFull(&os.PathError{Op: "write", Path: "desk.db", Err: err}) {
			t.Errorf("IsDiskFull(%v) = false on this system", err)
		}
	}
}

// A file name from a mail or a document title never leaves the folder it is saved in nor names a
// device: path separators, "..", drive letters and reserved Windows names are neutralised.
func TestSafeFileNameAgainstTraversal(t *testing.T) {
	for _, base := range []string{"../../x", `..\..\x`, "/etc/passwd", `C:\Windows\win.ini`, "..", ".", "",
		"a/../../b", "CON", "con.txt", "NUL ", "LPT1", "x\x00.pdf", "\u202egpj.exe", "~/.ssh/authorized_keys"} {
		got := desk.SafeFileName(base, ".pdf", "loge")
		if strings.ContainsAny(got, `/\:`) || strings.HasPrefix(got, ".") || filepath.IsAbs(got) ||
			filepath.Base(got) != got || strings.Contains(got, "\x00") {
			t.Errorf("SafeFileName(%q) = %q: not a plain file name", base, got)
		}
		if stem, _, _ := strings.Cut(strings.ToUpper(got), "."); stem == "CON" || stem == "NUL" || stem == "LPT1" {
			t.Errorf("SafeFileName(%q) = %q: a Windows device", base, got)
		}
		dir := t.TempDir()
		if p := filepath.Join(dir, got); filepath.Dir(p) != dir {
			t.Errorf("SafeFileName(%q) = %q escapes its folder", base, got)
		}
	}
}
