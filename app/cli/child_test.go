package cli

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
)

// logeProgram is the program the tests start where they need a real `loge` process (to kill it,
// run two at once, or give it another computer zone): loge-cli (app/headless, the same commands)
// built once per run without the race detector. The race-built test binary doubling as `loge`
// ran each child 5 to 10 times slower (its SQLite instrumented), which was most of this
// package's time; the commands' code runs under the race detector in process all the same.
// Without a go command the test binary doubles as `loge`, as before; a go command that cannot
// build loge-cli stops the run (the commands do not compile).
var logeProgram = os.Args[0]

// buildLogeProgram builds loge-cli into dir and points logeProgram at it.
func buildLogeProgram(dir string) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		fmt.Fprintln(os.Stderr, "app/cli tests: no go command; the test binary runs as loge:", err)
		return
	}
	out := filepath.Join(dir, "loge-cli")
	if runtime.GOOS == "windows" {
		out += ".exe"
	}
	cmd := exec.Command(goCmd, "build", "-o", out, "loge/app/headless")
	if b, err := cmd.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "app/cli tests: building loge-cli failed: %v\n%s", err, b)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	logeProgram = out
}

// logeCommand is `loge ARGS` as a process of its own; its environment carries LOGE_RUN_MAIN for
// the test binary's sake when that is the program.
func logeCommand(args ...string) *exec.Cmd {
	cmd := exec.Command(logeProgram, args...)
	cmd.Env = append(os.Environ(), "LOGE_RUN_MAIN=1")
	return cmd
}
