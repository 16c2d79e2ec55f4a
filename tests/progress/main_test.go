package main

import (
	"strings"
	"testing"
	"time"
)

// A passing test says nothing, a failing one says everything it printed (its subtests' too), a
// package that failed outside its tests and one that did not build are said whole; the exit code
// says whether anything failed.
func TestPrintsFailuresWholeAndPassesInOneLine(t *testing.T) {
	in := strings.Join([]string{
		`{"Action":"start","Package":"loge/a"}`,
		`{"Action":"run","Package":"loge/a","Test":"TestQuiet"}`,
		`{"Action":"output","Package":"loge/a","Test":"TestQuiet","Output":"quiet detail\n"}`,
		`{"Action":"pass","Package":"loge/a","Test":"TestQuiet","Elapsed":0.1}`,
		`{"Action":"run","Package":"loge/a","Test":"TestBroken"}`,
		`{"Action":"run","Package":"loge/a","Test":"TestBroken/sub"}`,
		`{"Action":"output","Package":"loge/a","Test":"TestBroken/sub","Output":"    a_test.go:9: the guest got two mails\n"}`,
		`{"Action":"fail","Package":"loge/a","Test":"TestBroken/sub","Elapsed":0.2}`,
		`{"Action":"output","Package":"loge/a","Test":"TestBroken","Output":"--- FAIL: TestBroken (0.20s)\n"}`,
		`{"Action":"fail","Package":"loge/a","Test":"TestBroken","Elapsed":0.2}`,
		`{"Action":"output","Package":"loge/a","Output":"FAIL\n"}`,
		`{"Action":"fail","Package":"loge/a","Elapsed":1.5}`,
		`{"Action":"start","Package":"loge/b"}`,
		`{"Action":"output","Package":"loge/b","Output":"ok  \tloge/b\t0.3s\n"}`,
		`{"Action":"pass","Package":"loge/b","Elapsed":0.3}`,
		`{"Action":"start","Package":"loge/c"}`,
		`{"Action":"output","Package":"loge/c","Output":"panic: in TestMain\n"}`,
		`{"Action":"fail","Package":"loge/c","Elapsed":0.1}`,
		`{"ImportPath":"loge/d","Action":"build-output","Output":"d.go:3:1: syntax error\n"}`,
		`{"ImportPath":"loge/d","Action":"build-fail"}`,
		`FAIL`,
	}, "\n")
	var out strings.Builder
	code := run(strings.NewReader(in), &out, nil)
	got := out.String()
	if code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	for _, want := range []string{"the guest got two mails", "--- FAIL: TestBroken", "ok  \tloge/b\t0.3s", "panic: in TestMain",
		"FAIL\tloge/c", "d.go:3:1: syntax error", "FAIL\tloge/d [build failed]", "failed: loge/a TestBroken, loge/a, loge/c, loge/d (build)"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
	if strings.Contains(got, "quiet detail") {
		t.Errorf("a passing test's output was printed:\n%s", got)
	}
}

// A test the process died under — a timeout, os.Exit, a panic on a goroutine of its own — has no
// pass or fail of its own: what it printed is said under its name when its package ends, and a
// passing package's own notices (TestMain's) are said too.
func TestUnfinishedTestsAndPackageNoticesAreSaid(t *testing.T) {
	in := strings.Join([]string{
		`{"Action":"run","Package":"loge/a","Test":"TestSlow"}`,
		`{"Action":"output","Package":"loge/a","Test":"TestSlow","Output":"=== RUN   TestSlow\n"}`,
		`{"Action":"output","Package":"loge/a","Test":"TestSlow","Output":"panic: test timed out after 25m0s\n"}`,
		`{"Action":"output","Package":"loge/a","Test":"TestSlow","Output":"goroutine 7 [sleep]:\n"}`,
		`{"Action":"output","Package":"loge/a","Output":"FAIL\tloge/a\t1500.0s\n"}`,
		`{"Action":"fail","Package":"loge/a","Elapsed":1500}`,
		`{"Action":"output","Package":"loge/b","Output":"app/cli tests: building loge-cli failed; the test binary runs as loge\n"}`,
		`{"Action":"run","Package":"loge/b","Test":"TestFine"}`,
		`{"Action":"pass","Package":"loge/b","Test":"TestFine"}`,
		`{"Action":"output","Package":"loge/b","Output":"PASS\n"}`,
		`{"Action":"output","Package":"loge/b","Output":"ok  \tloge/b\t0.3s\n"}`,
		`{"Action":"pass","Package":"loge/b","Elapsed":0.3}`,
	}, "\n")
	var out strings.Builder
	if code := run(strings.NewReader(in), &out, nil); code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	got := out.String()
	for _, want := range []string{"--- a TestSlow did not finish:", "panic: test timed out after 25m0s", "goroutine 7 [sleep]:",
		"FAIL\tloge/a", "building loge-cli failed", "ok  \tloge/b\t0.3s"} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
	if strings.Count(got, "loge/b\t0.3s") != 1 || strings.Contains(got, "PASS") {
		t.Errorf("go test's own lines of a passing package repeated:\n%s", got)
	}
}

// After a minute without news the tests still running are named, the longest first.
func TestHeartbeatNamesWhatStillRuns(t *testing.T) {
	r, w := newPipe()
	tick := make(chan time.Time)
	var out strings.Builder
	done := make(chan int)
	go func() { done <- run(r, &out, tick) }()
	w <- `{"Time":"2026-12-07T06:00:00Z","Action":"run","Package":"loge/app/cli","Test":"TestKillIndexingLosesNothing"}`
	w <- `{"Time":"2026-12-07T06:00:00Z","Action":"output","Package":"loge/app/cli","Test":"TestKillIndexingLosesNothing","Output":"=== RUN\n"}`
	w <- `{"Time":"2026-12-07T06:00:30Z","Action":"run","Package":"loge/app/gui","Test":"TestNavigateAllWorkspaces"}`
	// The output event is read after the run event: the tick below comes after both.
	w <- `{"Time":"2026-12-07T06:00:30Z","Action":"output","Package":"loge/app/gui","Test":"TestNavigateAllWorkspaces","Output":"=== RUN\n"}`
	tick <- time.Date(2026, 12, 7, 6, 0, 40, 0, time.UTC) // 40 s: too soon to say anything
	tick <- time.Date(2026, 12, 7, 6, 1, 15, 0, time.UTC)
	w <- `{"Time":"2026-12-07T06:01:20Z","Action":"pass","Package":"loge/app/gui","Test":"TestNavigateAllWorkspaces"}`
	close(w)
	if code := <-done; code != 0 {
		t.Errorf("exit code %d", code)
	}
	want := "… 1m15s: still running app/cli TestKillIndexingLosesNothing (1m15s), app/gui TestNavigateAllWorkspaces (45s)"
	if !strings.Contains(out.String(), want) || strings.Count(out.String(), "still running") != 1 {
		t.Errorf("want one heartbeat %q in:\n%s", want, out.String())
	}
}

// newPipe gives a reader fed line by line through the channel, so events and ticks interleave in
// a known order.
func newPipe() (*lineReader, chan string) {
	ch := make(chan string)
	return &lineReader{ch: ch}, ch
}

type lineReader struct {
	ch   chan string
	rest []byte
}

func (r *lineReader) Read(b []byte) (int, error) {
	if len(r.rest) == 0 {
		l, ok := <-r.ch
		if !ok {
			return 0, eof{}
		}
		r.rest = []byte(l + "\n")
	}
	n := copy(b, r.rest)
	r.rest = r.rest[n:]
	return n, nil
}

type eof struct{}

func (eof) Error() string { return "EOF" }
