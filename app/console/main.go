// Command console is loge.com, the console twin installed beside loge.exe on Windows.
//
// loge.exe is built for the GUI subsystem so that no console window flashes when a concierge opens
// Loge. The price is that Windows does not wait for a GUI program typed at a prompt, and gives it no
// console to print to. This twin is a console program: it starts loge.exe with the same arguments and
// the same standard input, output and error (so `loge stats --json > out.json` works), waits for it
// and returns its exit code. Because cmd.exe and PowerShell try .com before .exe (PATHEXT), typing
// `loge stats` runs it. The same pattern as devenv.com beside devenv.exe, or Godot's console wrapper.
//
// Ctrl+C reaches loge.exe directly: it attaches to this console (app/cli's AttachConsole) and stops
// as it does on Linux; this twin ignores the interrupt and waits for it.
package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"

	"loge/app/i18n"
)

func main() {
	target, err := sibling()
	if err != nil {
		fmt.Fprintln(os.Stderr, "loge:", err)
		os.Exit(1)
	}
	os.Exit(run(target, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run runs target with args over the given standard files and returns its exit code.
func run(target string, args []string, stdin, stdout, stderr *os.File) int {
	cmd := exec.Command(target, args...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = stdin, stdout, stderr
	// The child stops on its own on Ctrl+C (it shares this console); dying first would leave the
	// prompt back while it still writes.
	signal.Ignore(os.Interrupt)
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &exit):
		return exit.ExitCode()
	}
	fmt.Fprintln(stderr, "loge:", err)
	return 1
}

// sibling is the Loge program in this twin's folder: loge.exe on Windows, loge elsewhere (where the
// twin is only built for its tests).
func sibling() (string, error) {
	self, err := os.Executable()
	if err != nil {
		return "", err
	}
	name := "loge"
	if runtime.GOOS == "windows" {
		name = "loge.exe"
	}
	path := filepath.Join(filepath.Dir(self), name)
	if _, err := os.Stat(path); err != nil {
		i18n.Load(os.Getenv("LOGE_LANG"))
		return "", errors.New(i18n.T("console.missing", map[string]any{"Program": name, "Folder": filepath.Dir(self)}))
	}
	return path, nil
}
