package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
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
