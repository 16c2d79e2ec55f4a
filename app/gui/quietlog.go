package gui

import (
	"bytes"
	"io"
	"log"
	"os"
	"path/filepath"
	"runtime"
	"sync"
)

// Fyne writes its own troubles to the standard logger as three lines ("Fyne error: …", "  Cause: …",
// "  At: file:line"). Some are no trouble for a desk at all and read like a crash in a terminal: a
// desktop without a D-Bus session cannot tell Fyne when it switches between light and dark, which
// Loge does not follow anyway, nor show a notification. quietFyneLog drops those, with their Cause and At lines, and passes
// everything else through untouched.
var harmlessFyneErrors = [][]byte{
	[]byte("failed to watch theme settings"),
	[]byte("Unable to connect to session D-Bus"), // a notification on such a desktop: nowhere to show it
}

type quietFyneLog struct {
	mu       sync.Mutex
	out      io.Writer
	dropping bool // inside a harmless entry: its Cause and At lines go too
}

func (q *quietFyneLog) Write(p []byte) (int, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	switch {
	case bytes.Contains(p, []byte("Fyne error: ")):
		q.dropping = false
		for _, h := range harmlessFyneErrors {
			if bytes.Contains(p, h) {
				q.dropping = true
			}
		}
	case q.dropping && (bytes.Contains(p, []byte("  Cause: ")) || bytes.Contains(p, []byte("  At: "))):
	default:
		q.dropping = false
	}
	if q.dropping {
		return len(p), nil
	}
	return q.out.Write(p)
}

// quietStart prepares what Fyne expects to find before the first window: its cache folder, which it
// creates without parents (a new account has no ~/.cache yet: two "Failed to create fyne cache
// space" errors on the first start), and the logger above. On an X11 session that does not say so
// (su, ssh -X, Xvfb), GLFW probes Wayland first and libwayland prints "error: XDG_RUNTIME_DIR is
// invalid"; GLFW reads XDG_SESSION_TYPE to skip that probe, so an X-only session is told it is one.
func quietStart() {
	if runtime.GOOS == "linux" && os.Getenv("XDG_SESSION_TYPE") == "" && os.Getenv("WAYLAND_DISPLAY") == "" && os.Getenv("DISPLAY") != "" {
		_ = os.Setenv("XDG_SESSION_TYPE", "x11")
	}
	if dir, err := os.UserCacheDir(); err == nil {
		_ = os.MkdirAll(filepath.Join(dir, "fyne", AppID), 0o700)
	}
	log.SetOutput(&quietFyneLog{out: log.Writer()})
}
