package main

import (
	"bytes"
	"context"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"loge/data/store"
)

// The version comes from FyneApp.toml, the same one the installers carry.
func TestVersionFromFyneApp(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"--version"}, &out, &errb); code != 0 {
		t.Fatalf("--version: %d %s", code, errb.String())
	}
	if v := version(); v == "dev" || !strings.Contains(out.String(), "Loge "+v) {
		t.Fatalf("version %q, printed %q", v, out.String())
	}
}

// A bad window flag is refused before anything opens.
func TestWindowFlagsRefusedClearly(t *testing.T) {
	t.Setenv("LOGE_LANG", "en")
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"--size", "big", "--db", t.TempDir() + "/x.db"}, &out, &errb); code == 0 ||
		!strings.Contains(errb.String(), "big") {
		t.Fatalf("bad size: %d %q", code, errb.String())
	}
}

// A second window on a desk another Loge window holds says so and opens nothing (no second set of
// mail workers on one desk).
func TestSecondWindowOnOneDeskRefused(t *testing.T) {
	t.Setenv("LOGE_LANG", "en")
	t.Setenv("DISPLAY", "") // the sentence goes to stderr only: no window in a test
	t.Setenv("WAYLAND_DISPLAY", "")
	path := filepath.Join(t.TempDir(), "desk.db")
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	release, err := st.HoldWindow()
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	var out, errb bytes.Buffer
	code := run(context.Background(), []string{"--db", path}, &out, &errb)
	if code != 1 || !strings.Contains(errb.String(), "already open on this desk") {
		t.Fatalf("second window: exit %d, %q", code, errb.String())
	}
}

// Without a graphical session the window is refused with a sentence, not GLFW's panic.
func TestNoDisplaySaysSoWithoutAStackTrace(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("a window can always open on Windows and macOS")
	}
	t.Setenv("LOGE_LANG", "fr")
	t.Setenv("DISPLAY", "")
	t.Setenv("WAYLAND_DISPLAY", "")
	var out, errb bytes.Buffer
	code := run(context.Background(), []string{"--db", filepath.Join(t.TempDir(), "desk.db")}, &out, &errb)
	if code != 1 || !strings.Contains(errb.String(), "session graphique") || strings.Contains(errb.String(), "goroutine") {
		t.Fatalf("no display: exit %d, %q", code, errb.String())
	}
}
