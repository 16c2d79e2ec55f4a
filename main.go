// Command loge is the concierge desk: a Fyne window over one SQLite file, and headless subcommands
// for scripts and tests (app/cli). main is the composition root: it opens the desk (app/office) and
// hands it to the window (app/gui), or hands the arguments to the command line. Nothing else wires
// dependencies.
package main

import (
	"context"
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"regexp"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // request time zones work on desks without a zone database (Windows)

	"loge/app/cli"
	"loge/app/gui"
	"loge/app/i18n"
	"loge/app/office"
)

//go:embed FyneApp.toml
var fyneApp string

// mainStart is when main began (after the packages' init), for LOGE_STARTUP_TRACE.
var mainStart time.Time

func main() {
	mainStart = time.Now()
	if cli.IsCommand(os.Args[1:]) {
		cli.AttachConsole() // Windows: the GUI-subsystem exe prints to the console that started it
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is the whole program for given arguments; it returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	i18n.LoadAsync(os.Getenv("LOGE_LANG"))
	cli.Version, gui.Version = version(), version()
	defer cli.Profile()()
	if cli.IsCommand(args) {
		// Fyne's driver locks the main goroutine to the main thread from its package init (GLFW
		// must be driven from there). A command run on it made the runtime hand that one thread
		// back and forth at each of the sync's channel and network waits: 'loge sync' of 50,000
		// mails took 7.8 s where loge-cli, without Fyne, took 6.1. On a goroutine of its own the
		// command runs as in loge-cli.
		code := make(chan int, 1)
		go func() { code <- cli.Run(ctx, args, stdout, stderr) }()
		return <-code
	}
	err := window(ctx, args, stderr)
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 2
	case errors.Is(err, errNoDisplay):
		fmt.Fprintln(stderr, "loge: "+i18n.T("cli.no_display")) // not a crash: no desktop to draw on
		return 1
	}
	msg := i18n.ErrorText(err)
	fmt.Fprintln(stderr, "loge: "+msg)
	var se *startError
	if errors.As(err, &se) && gui.CanShow() {
		gui.ShowStartError(msg)
	}
	return 1
}

// errNoDisplay: a Linux session without X11 or Wayland, where GLFW would panic with a stack trace.
var errNoDisplay = errors.New("no graphical session")

// startError is a desk that could not be opened for the window: said in a window too, not only on
// a console the person may not have.
type startError struct{ err error }

func (e *startError) Error() string { return e.err.Error() }
func (e *startError) Unwrap() error { return e.err }

// window opens the desk (or a throwaway demo desk) and shows it until the window closes.
func window(ctx context.Context, args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("loge", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := fs.String("db", office.DefaultPath(), i18n.T("cli.flag_db"))
	demoDesk := fs.Bool("demo", false, i18n.T("cli.flag_demo"))
	opts := gui.Options{}
	fs.StringVar(&opts.Lang, "lang", "", i18n.T("cli.flag_lang"))
	fs.StringVar(&opts.Workspace, "workspace", "", i18n.T("cli.flag_workspace"))
	size := fs.String("size", "", i18n.T("cli.flag_size"))
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *size != "" {
		if _, err := fmt.Sscanf(*size, "%dx%d", &opts.Width, &opts.Height); err != nil {
			return errors.New(i18n.T("cli.bad_size", map[string]any{"Size": *size}))
		}
	}
	open := func() (*office.Office, error) { return office.Open(ctx, *db) }
	if *demoDesk {
		open = func() (*office.Office, error) { return office.OpenDemo(ctx) }
	}
	o, err := open()
	if err != nil {
		return &startError{err}
	}
	release := func() {}
	if !*demoDesk {
		if release, err = o.Store.HoldWindow(); err != nil {
			o.Close()
			return &startError{err}
		}
	}
	var once sync.Once
	opts.ReleaseDesk = func() { once.Do(release) }
	// The desk is closed before its window lock goes: no other window opens it half-closed.
	defer func() {
		o.Close()
		opts.ReleaseDesk()
	}()
	if os.Getenv("LOGE_STARTUP_TRACE") != "" {
		// For `make bench`: the harness times the process from its start to this line.
		opts.OnStarted = func() {
			fmt.Fprintf(os.Stderr, "loge: ready, %d ms after main began\n", time.Since(mainStart).Milliseconds())
		}
	}
	if !gui.CanShow() {
		return errNoDisplay
	}
	return gui.Run(ctx, o, opts)
}

// version is FyneApp.toml's Version, the one the packaging tool stamps on installers.
func version() string {
	if m := regexp.MustCompile(`(?m)^\s*Version\s*=\s*"([^"]+)"`).FindStringSubmatch(fyneApp); m != nil {
		return strings.TrimSpace(m[1])
	}
	return "dev"
}
