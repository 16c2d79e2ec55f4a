package gui

import (
	"bytes"
	"log"
	"testing"
)

func TestQuietFyneLogDropsOnlyTheHarmlessEntries(t *testing.T) {
	var out bytes.Buffer
	l := log.New(&quietFyneLog{out: &out}, "", 0)
	// As fyne.LogError writes them: the reason, then its Cause and At lines, one Printf each.
	l.Print("Fyne error:  failed to watch theme settings")
	l.Print("  Cause: exec: \"dbus-launch\": executable file not found in $PATH")
	l.Print("  At: app_xdg.go:152")
	l.Print("Fyne error:  Failed to load font")
	l.Print("  Cause: no such file")
	l.Print("  At: font.go:10")
	l.Print("loge: sync stopped")
	want := "Fyne error:  Failed to load font\n  Cause: no such file\n  At: font.go:10\nloge: sync stopped\n"
	if out.String() != want {
		t.Fatalf("passed through:\n%s\nwant:\n%s", out.String(), want)
	}
}
