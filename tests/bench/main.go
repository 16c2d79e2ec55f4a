//go:build linux

// Command bench measures Loge against mbsync and against the two ceilings of this machine — the
// link (a bare go-imap FETCH to nowhere) and the disk and CPU (the same messages stored from memory
// with Loge's own store code) — on a real Dovecot on loopback, then measures a big desk: no-op
// resync, search latency, cold start to the Board, idle memory. `make bench` runs it; it prints a
// table and writes results.md and results.json beside this file.
//
//	go run ./tests/bench -loge ./loge [-quick] [-runs 3] [-sizes 5000,50000] [-out tests/bench]
//
// Every tool runs as its own process, the same number of times, in rotating order, against the same
// mailbox; the figures are medians. Peak RSS is the kernel's for that process (getrusage).
// Linux only: it drives Dovecot, mbsync and Xvfb.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"loge/data/imap/imaptest"
)

const corpusSeed = 2026

func main() {
	if len(os.Args) > 1 {
		// Children: one measured tool per process.
		switch os.Args[1] {
		case "child-fetch":
			childFetch(os.Args[2:])
			return
		case "child-store":
			childStore(os.Args[2:])
			return
		case "child-login":
			childLogin(os.Args[2:])
			return
		}
	}
	fs := flag.NewFlagSet("bench", flag.ExitOnError)
	logeBin := fs.String("loge", "./loge", "the loge binary to measure")
	logeCLIBin := fs.String("loge-cli", "", "loge-cli, the headless commands without the window (default: beside -loge)")
	headlessBin := fs.String("headless", "", "the headless app (go build ./tests/bench/headless)")
	quick := fs.Bool("quick", false, "one short pass: 5,000 messages, a 10k desk")
	runs := fs.Int("runs", 3, "runs of each tool per mailbox size")
	sizes := fs.String("sizes", "", "mailbox sizes (default 5000,50000; 5000 with -quick)")
	deskSize := fs.Int("desk", 0, "messages in the desk for search, start-up and the Inbox (default 250000; 10000 with -quick)")
	out := fs.String("out", "", "folder for results.md and results.json (default: none)")
	deskDB := fs.String("desk-db", "", "keep the big desk at this path and reuse it when it exists (for profiling)")
	onlyDesk := fs.Bool("only-desk", false, "skip the sync comparison")
	fs.Parse(os.Args[1:])

	cfg := config{runs: *runs, quick: *quick, desk: *deskSize, deskDB: *deskDB}
	cfg.sizes = []int{5_000, 50_000}
	if *quick {
		cfg.sizes = []int{5_000}
	}
	if *onlyDesk {
		cfg.sizes = nil
	}
	if *sizes != "" {
		cfg.sizes = nil
		for _, f := range strings.Split(*sizes, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil || n <= 0 {
				fatalf("bad -sizes %q", *sizes)
			}
			cfg.sizes = append(cfg.sizes, n)
		}
	}
	if cfg.desk == 0 {
		cfg.desk = 250_000 // a desk that has run for years
		if *quick {
			cfg.desk = 10_000
		}
	}
	var err error
	if cfg.loge, err = filepath.Abs(*logeBin); err != nil {
		fatalf("%v", err)
	}
	if _, err := os.Stat(cfg.loge); err != nil {
		fatalf("no loge binary at %s (make build first): %v", cfg.loge, err)
	}
	if *logeCLIBin == "" {
		*logeCLIBin = cfg.loge + "-cli"
	}
	if cfg.logeCLI, err = filepath.Abs(*logeCLIBin); err != nil {
		fatalf("%v", err)
	}
	if _, err := os.Stat(cfg.logeCLI); err != nil {
		fatalf("no loge-cli binary at %s (make build first): %v", cfg.logeCLI, err)
	}
	if cfg.headless, err = filepath.Abs(*headlessBin); err != nil || *headlessBin == "" {
		fatalf("-headless: the headless app's binary is needed (go build ./tests/bench/headless)")
	}
	if cfg.self, err = os.Executable(); err != nil {
		fatalf("%v", err)
	}
	cfg.work, err = os.MkdirTemp("", "loge-bench-")
	if err != nil {
		fatalf("%v", err)
	}
	defer os.RemoveAll(cfg.work)

	d, err := imaptest.StartDovecot()
	if err != nil {
		fatalf("Dovecot: %v", err)
	}
	defer imaptest.StopDovecot()
	cfg.dovecot = d

	res := &Results{
		Date:    time.Now().UTC().Format(time.RFC3339),
		Machine: machine(),
		Runs:    cfg.runs,
		Seed:    corpusSeed,
	}
	start := time.Now()
	ctx := context.Background()
	for _, n := range cfg.sizes {
		sr, err := benchSync(ctx, cfg, n)
		if err != nil {
			imaptest.StopDovecot()
			fatalf("sync %d: %v", n, err)
		}
		res.Sync = append(res.Sync, sr)
	}
	dr, err := benchDesk(ctx, cfg)
	if err != nil {
		imaptest.StopDovecot()
		fatalf("desk: %v", err)
	}
	res.Desk = dr
	tr, err := benchTeam(ctx, cfg, cfg.deskPath())
	if err != nil {
		imaptest.StopDovecot()
		fatalf("team: %v", err)
	}
	res.Team = tr
	res.Seconds = time.Since(start).Seconds()
	res.Targets = targets(res)
	md := res.Markdown()
	fmt.Println(md)
	if *out != "" {
		if err := res.Write(*out); err != nil {
			fatalf("%v", err)
		}
		fmt.Printf("written: %s, %s\n", filepath.Join(*out, "results.md"), filepath.Join(*out, "results.json"))
	}
}

type config struct {
	loge, headless string
	logeCLI        string // app/headless
	self, work     string
	deskDB         string
	runs, desk     int
	quick          bool
	sizes          []int
	dovecot        imaptest.Dovecot
}

// deskPath is where benchDesk keeps the big desk.
func (cfg config) deskPath() string {
	if cfg.deskDB != "" {
		return cfg.deskDB
	}
	return filepath.Join(cfg.work, "desk.db")
}

func fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...)
	os.Exit(1)
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "%s  "+format+"\n", append([]any{time.Now().Format("15:04:05")}, args...)...)
}

func machine() Machine {
	m := Machine{CPUs: runtime.NumCPU(), OS: runtime.GOOS + "/" + runtime.GOARCH, Go: runtime.Version()}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.CPU = strings.TrimSpace(v)
				break
			}
		}
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb int64
		fmt.Sscanf(strings.TrimPrefix(strings.SplitN(string(b), "\n", 2)[0], "MemTotal:"), "%d", &kb)
		m.MemGB = float64(kb) / (1 << 20)
	}
	return m
}
