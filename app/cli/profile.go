package cli

import (
	"os"
	"runtime/pprof"
)

// Profile starts a CPU profile of this run into the file LOGE_CPUPROFILE names, for profiling a
// real run (make bench, a slow sync); the function it returns ends it. Without the variable it
// does nothing.
func Profile() (stop func()) {
	path := os.Getenv("LOGE_CPUPROFILE")
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return func() {}
	}
	return func() { pprof.StopCPUProfile(); f.Close() }
}
