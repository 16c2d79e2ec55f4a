// Command progress reads `go test -json` on its standard input and prints what a person watching
// `make test` needs: a line per package as it ends (as go test does), the whole output of every
// test that failed (and of a package that failed outside its tests, or did not build), and, every
// minute without news, which tests are still running and for how long. Passing tests say nothing
// more. It exits 1 when anything failed.
//
//	go test -json ./... | go run ./tests/progress
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"
)

func main() {
	tick := time.NewTicker(time.Minute)
	defer tick.Stop()
	os.Exit(run(os.Stdin, os.Stdout, tick.C))
}

// event is one line of test2json.
type event struct {
	Time       time.Time
	Action     string
	Package    string
	Test       string
	Elapsed    float64
	Output     string
	ImportPath string // build-output and build-fail
}

// running is a top-level test under way.
type running struct {
	pkg, test string
	since     time.Time
}

type printer struct {
	out      io.Writer
	start    time.Time                   // of the first event
	last     time.Time                   // the newest event's time
	buf      map[string]*strings.Builder // output of a test (package + top-level name), or of a package ("" test)
	running  map[string]running
	failed   []string
	passed   int
	lastNews time.Time
}

func key(pkg, test string) string { return pkg + "\x00" + test }

// topLevel is the test a subtest belongs to: its output is kept and printed with it.
func topLevel(test string) string {
	if i := strings.IndexByte(test, '/'); i >= 0 {
		return test[:i]
	}
	return test
}

func (p *printer) buffer(k string) *strings.Builder {
	b := p.buf[k]
	if b == nil {
		b = &strings.Builder{}
		p.buf[k] = b
	}
	return b
}

func (p *printer) say(format string, args ...any) {
	fmt.Fprintf(p.out, format+"\n", args...)
	p.lastNews = p.last
}

func (p *printer) handle(e event) {
	if e.Time.IsZero() {
		e.Time = time.Now()
	}
	if p.start.IsZero() {
		p.start, p.lastNews = e.Time, e.Time
	}
	p.last = e.Time
	switch e.Action {
	case "build-output":
		p.buffer(key(e.ImportPath, "build")).WriteString(e.Output)
		return
	case "build-fail":
		p.failed = append(p.failed, e.ImportPath+" (build)")
		fmt.Fprint(p.out, p.buffer(key(e.ImportPath, "build")).String())
		p.say("FAIL\t%s [build failed]", e.ImportPath)
		return
	}
	if e.Test != "" {
		top := topLevel(e.Test)
		k := key(e.Package, top)
		switch e.Action {
		case "run":
			if top == e.Test {
				p.running[k] = running{pkg: e.Package, test: top, since: e.Time}
			}
		case "output":
			p.buffer(k).WriteString(e.Output)
		case "pass", "skip":
			if top == e.Test {
				delete(p.running, k)
				delete(p.buf, k)
			}
		case "fail":
			if top == e.Test {
				delete(p.running, k)
				p.failed = append(p.failed, e.Package+" "+top)
				fmt.Fprint(p.out, p.buffer(k).String())
				delete(p.buf, k)
				p.lastNews = e.Time
			}
		}
		return
	}
	k := key(e.Package, "")
	switch e.Action {
	case "output":
		p.buffer(k).WriteString(e.Output)
	case "pass":
		p.unfinished(e.Package)
		// What the package said outside its tests (TestMain's notices), without go test's own lines.
		for l := range strings.Lines(p.buffer(k).String()) {
			if t := strings.TrimSpace(l); t != "PASS" && !strings.HasPrefix(t, "ok  \t") && t != "" {
				fmt.Fprint(p.out, l)
			}
		}
		p.passed++
		p.say("ok  \t%s\t%.1fs", e.Package, e.Elapsed)
		delete(p.buf, k)
	case "skip":
		delete(p.buf, k) // no test files
	case "fail":
		// A test that never ended (a timeout's panic and stacks, os.Exit, a panic on a goroutine of
		// its own are said under its name), then what the package printed outside its tests: a
		// panic in TestMain, or go test's own FAIL line.
		p.unfinished(e.Package)
		p.failed = append(p.failed, e.Package)
		fmt.Fprint(p.out, p.buffer(k).String())
		p.say("FAIL\t%s\t%.1fs", e.Package, e.Elapsed)
		delete(p.buf, k)
	}
}

// unfinished prints, when pkg ends, the output of its tests that never said how they ended: the
// process died under them (a timeout, os.Exit, a panic on another goroutine), and what they
// printed is the only account of why.
func (p *printer) unfinished(pkg string) {
	var tests []string
	for k := range p.buf {
		if t, ok := strings.CutPrefix(k, pkg+"\x00"); ok && t != "" {
			tests = append(tests, t)
		}
	}
	slices.Sort(tests)
	for _, t := range tests {
		k := key(pkg, t)
		p.say("--- %s %s did not finish:", strings.TrimPrefix(pkg, "loge/"), t)
		fmt.Fprint(p.out, p.buf[k].String())
		delete(p.buf, k)
		delete(p.running, k)
	}
}

// heartbeat says which tests are still running at now, the longest first, after a minute without
// news.
func (p *printer) heartbeat(now time.Time) {
	if now.Sub(p.lastNews) < 50*time.Second || len(p.running) == 0 {
		return
	}
	rs := make([]running, 0, len(p.running))
	for _, r := range p.running {
		rs = append(rs, r)
	}
	slices.SortFunc(rs, func(a, b running) int { return a.since.Compare(b.since) })
	parts := make([]string, 0, len(rs))
	for _, r := range rs {
		parts = append(parts, fmt.Sprintf("%s %s (%s)", strings.TrimPrefix(r.pkg, "loge/"), r.test, now.Sub(r.since).Round(time.Second)))
	}
	fmt.Fprintf(p.out, "… %s: still running %s\n", now.Sub(p.start).Round(time.Second), strings.Join(parts, ", "))
	p.lastNews = now
}

// run prints in's events to out; a tick asks for a heartbeat. It returns the exit code.
func run(in io.Reader, out io.Writer, tick <-chan time.Time) int {
	p := &printer{out: out, buf: map[string]*strings.Builder{}, running: map[string]running{}}
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(in)
		sc.Buffer(make([]byte, 1<<20), 64<<20)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	for {
		select {
		case now := <-tick:
			if !p.start.IsZero() {
				p.heartbeat(now)
			}
		case l, ok := <-lines:
			if !ok {
				if len(p.failed) > 0 {
					p.say("%d packages passed; failed: %s", p.passed, strings.Join(p.failed, ", "))
					return 1
				}
				p.say("%d packages passed in %s", p.passed, p.last.Sub(p.start).Round(time.Second))
				return 0
			}
			var e event
			if !strings.HasPrefix(l, "{") || json.Unmarshal([]byte(l), &e) != nil {
				fmt.Fprintln(out, l) // not an event: go test's own words, said as they come
				continue
			}
			p.handle(e)
		}
	}
}
