// Command headless is Loge's whole interface without a display, for `make bench`: it opens a desk,
// builds the main window on Fyne's software driver (the same code as the app: every workspace, the
// Board filled, the status bar counted), says "loge: ready" on stderr and idles until killed, so the
// harness can time a cold start to a built Board and read the memory of an idle app.
//
//	headless DB
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"runtime/pprof"
	"time"

	"loge/data/store"

	"fyne.io/fyne/v2/test"

	"loge/app/gui"
	"loge/app/office"
)

func main() {
	start := time.Now()
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: headless DB")
		os.Exit(2)
	}
	if path := os.Getenv("LOGE_CPUPROFILE"); path != "" {
		if f, err := os.Create(path); err == nil {
			pprof.StartCPUProfile(f)
			defer func() { pprof.StopCPUProfile(); f.Close() }()
		}
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	st, err := store.Open(ctx, os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer st.Close()
	a := test.NewApp()
	ui, err := gui.New(ctx, a, office.New(st, nil), gui.Options{Lang: "fr"})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	ui.Window().Show()
	fmt.Fprintf(os.Stderr, "loge: ready, %d ms after main began\n", time.Since(start).Milliseconds())
	if os.Getenv("LOGE_EXIT_WHEN_READY") != "" {
		return
	}
	<-ctx.Done()
}
