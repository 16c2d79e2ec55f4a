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
	"strings"
	"time"

	"loge/data/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"loge/app/cli"
	"loge/app/gui"
	"loge/app/office"
)

func main() {
	start := time.Now()
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: headless DB")
		os.Exit(2)
	}
	defer cli.Profile()()
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
	if os.Getenv("LOGE_BENCH_WEEK") != "" {
		weekDraws(ui)
		return
	}
	if os.Getenv("LOGE_BENCH_THREADS") != "" {
		threadOpens(ui)
		return
	}
	if os.Getenv("LOGE_EXIT_WHEN_READY") != "" {
		return
	}
	<-ctx.Done()
}

// weekDraws times the Week workspace at a laptop's 1280×800: its first draw (read from the desk,
// laid out and painted by Fyne's software painter, which is slower than the app's OpenGL), then
// moving a week on and back nine times; it prints "loge: week first N ms, step a b c… ms".
func weekDraws(ui *gui.UI) {
	w := ui.Window()
	w.Resize(fyne.NewSize(1280, 800))
	c := w.Canvas()
	t := time.Now()
	ui.Show(gui.WorkspaceWeek)
	c.Capture()
	first := time.Since(t)
	var steps, paints []string
	ms := func(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d.Microseconds())/1000) }
	for i := range 9 {
		t := time.Now()
		ui.StepWeek(1 - 2*(i%2)) // the busy weeks around today, on and back
		built := time.Now()
		c.Capture()
		steps, paints = append(steps, ms(time.Since(t))), append(paints, ms(time.Since(built)))
	}
	fmt.Fprintf(os.Stderr, "loge: week first %s ms, step %s ms, of which painting %s ms\n", ms(first), strings.Join(steps, " "), strings.Join(paints, " "))
}

// threadOpens times opening a conversation in the Inbox at a laptop's 1280×800, as a click on a
// row does: the thread read from the desk and its reading pane built, then laid out and painted by
// Fyne's software painter (slower than the app's OpenGL, so given apart). It opens the first 40
// rows and 40 spread over the whole list (old mail too), and prints "loge: threads N rows, inbox
// first X ms, open a b c… ms, of which painting p q r… ms".
func threadOpens(ui *gui.UI) {
	w := ui.Window()
	w.Resize(fyne.NewSize(1280, 800))
	c := w.Canvas()
	t := time.Now()
	rows := ui.SelectInboxRow(-1)
	c.Capture()
	first := time.Since(t)
	ms := func(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d.Microseconds())/1000) }
	var opens, paints []string
	for k := range 80 {
		i := k
		if k >= 40 && rows > 0 {
			i = (k - 40) * rows / 40
		}
		if i >= rows {
			break
		}
		t := time.Now()
		ui.SelectInboxRow(i)
		built := time.Now()
		c.Capture()
		opens, paints = append(opens, ms(time.Since(t))), append(paints, ms(time.Since(built)))
	}
	fmt.Fprintf(os.Stderr, "loge: threads %d rows, inbox first %s ms, open %s ms, of which painting %s ms\n", rows, ms(first), strings.Join(opens, " "), strings.Join(paints, " "))
}
