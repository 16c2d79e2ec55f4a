package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"loge/app/i18n"
	"loge/data/imap/imaptest"
)

// lockedBuffer is a bytes.Buffer a running command writes while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// `loge restore` while `loge sync --idle` runs on the same desk is refused with a sentence that
// says what to do, and the desk is left as it was; once the sync stops, the restore goes through.
func TestRestoreRefusedWhileSyncIdleRuns(t *testing.T) {
	t.Setenv("LOGE_LANG", "en")
	dir := t.TempDir()
	db := filepath.Join(dir, "desk.db")
	if code, _, errs := runCLI(t, "init", "--db", db); code != 0 {
		t.Fatal(errs)
	}
	if code, _, errs := runCLI(t, "backup", "--db", db); code != 0 {
		t.Fatal(errs)
	}
	_, js, _ := runCLI(t, "backup", "--db", db, "--list", "--json")
	var list []struct{ Path string }
	if err := json.Unmarshal([]byte(js), &list); err != nil || len(list) != 1 {
		t.Fatalf("backup --list: %q %v", js, err)
	}
	port, _ := imaptest.MemServer(t, "desk", "pw")
	t.Setenv("LOGE_TEST_PASS", "pw")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errs lockedBuffer
	done := make(chan int, 1)
	go func() {
		done <- Run(ctx, []string{"sync", "--idle", "--db", db, "--host", "127.0.0.1", "--port", fmt.Sprint(port), "--user", "desk",
			"--password-env", "LOGE_TEST_PASS", "--security", "insecure-plain"}, &out, &errs)
	}()
	online := i18n.T("status.online")
	for i := 0; !strings.Contains(errs.String(), online); i++ {
		if i > 500 {
			t.Fatalf("sync --idle never came online: %q", errs.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	before, _ := os.ReadFile(db)
	code, _, msg := runCLI(t, "restore", "--db", db, list[0].Path)
	if code != 1 || !strings.Contains(msg, "sync is running on this desk") || !strings.Contains(msg, "Stop it first") {
		t.Fatalf("restore during sync --idle: %d %q", code, msg)
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
		t.Fatal("the refused restore changed the desk")
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "*before-restore*")); len(m) != 0 {
		t.Fatalf("the refused restore moved the desk: %v", m)
	}
	cancel()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("sync --idle did not stop")
	}
	if code, out, msg := runCLI(t, "restore", "--db", db, list[0].Path); code != 0 || !strings.Contains(out, "kept as") {
		t.Fatalf("restore after the sync stopped: %d %q %q", code, out, msg)
	}
}

// Document commands never replace an existing file silently: without --replace the file is left
// byte for byte and the sentence says to choose another name.
func TestDocumentCommandsNeverOverwriteSilently(t *testing.T) {
	t.Setenv("LOGE_LANG", "en")
	dir := t.TempDir()
	db := filepath.Join(dir, "desk.db")
	if code, _, errs := runCLI(t, "demo-init", "--db", db); code != 0 {
		t.Fatal(errs)
	}
	out := filepath.Join(dir, "pack.pdf")
	mine := []byte("the concierge's own file\n")
	os.WriteFile(out, mine, 0o600)
	for _, args := range [][]string{{"downtime-pdf", "--db", db, out}, {"export-vcard", "--db", db, out}} {
		code, _, errs := runCLI(t, args...)
		if code != 1 || !strings.Contains(errs, "does not overwrite") {
			t.Fatalf("%s onto an existing file: %d %q", args[0], code, errs)
		}
		if b, _ := os.ReadFile(out); !bytes.Equal(b, mine) {
			t.Fatalf("%s replaced the existing file", args[0])
		}
	}
	if m, _ := filepath.Glob(filepath.Join(dir, ".pack.pdf.*")); len(m) != 0 {
		t.Fatalf("temporary files left: %v", m)
	}
	if code, _, errs := runCLI(t, "downtime-pdf", "--db", db, "--replace", out); code != 0 {
		t.Fatalf("--replace: %d %q", code, errs)
	}
	if b, _ := os.ReadFile(out); !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Fatal("--replace did not write the document")
	}
}
