// Command loge-cli is Loge's command line without the window: the headless commands of `loge
// COMMAND` (app/cli), in a program that links no GUI toolkit. The one `loge` binary pays the
// window's start-up before any command runs — loading libGL and X11, and the package initialisers
// of Fyne and its Markdown parser, 12 to 25 ms of every command on the bench machine
// (tests/bench/ANALYSIS.md) — which a script or a scheduled `loge-cli sync` has no use for.
// It is also the real `loge` process that app/cli's kill and fault tests start.
package main

import (
	"context"
	"os"
	"os/signal"
	_ "time/tzdata" // request time zones work on desks without a zone database, as in loge

	"loge/app/cli"
	"loge/app/i18n"
)

func main() {
	cli.Program = "loge-cli"
	i18n.LoadAsync(os.Getenv("LOGE_LANG"))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:])
	stop()
	os.Exit(code)
}

func run(ctx context.Context, args []string) int {
	defer cli.Profile()()
	if len(args) == 0 {
		args = []string{"help"} // no window to open here
	}
	return cli.Run(ctx, args, os.Stdout, os.Stderr)
}
