package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The twin hands its files to the program, and gives back its exit code.
func TestRunPassesFilesAndExitCode(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh here")
	}
	dir := t.TempDir()
	outPath := filepath.Join(dir, "out")
	out, err := os.Create(outPath)
	if err != nil {
		t.Fatal(err)
	}
	in, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	code := run(sh, []string{"-c", `printf 'stats %s' "$1"; exit 3`, "sh", "--json"}, in, out, out)
	out.Close()
	if code != 3 {
		t.Fatalf("exit code %d, want 3", code)
	}
	if b, _ := os.ReadFile(outPath); strings.TrimSpace(string(b)) != "stats --json" {
		t.Fatalf("output %q", b)
	}
	if code := run(filepath.Join(dir, "missing"), nil, in, out, out); code != 1 {
		t.Fatalf("a missing program: exit %d, want 1", code)
	}
}
