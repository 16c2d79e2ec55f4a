//go:build linux

package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"loge/data/store"

	"loge/data/imap/imaptest"
)

// The tools compared, in the order of the table.
const (
	toolLoge       = "loge"
	toolLogeIndex  = "loge-wait-index"
	toolMbsyncYes  = "mbsync-fsync-yes"
	toolMbsyncNo   = "mbsync-fsync-no"
	toolFetch      = "fetch-ceiling"
	toolStoreLimit = "store-limit"
)

var tools = []string{toolLoge, toolLogeIndex, toolMbsyncYes, toolMbsyncNo, toolFetch, toolStoreLimit}

// Run is one measured run of a tool.
type Run struct {
	Seconds float64 `json:"seconds"`
	RSSMB   float64 `json:"peak_rss_mb"`
}

// ToolResult is a tool's runs on one mailbox and their medians.
type ToolResult struct {
	Tool      string  `json:"tool"`
	Runs      []Run   `json:"runs"`
	Seconds   float64 `json:"median_seconds"`
	MsgPerSec float64 `json:"msg_per_s"`
	MBPerSec  float64 `json:"mb_per_s"`
	RSSMB     float64 `json:"median_peak_rss_mb"`
}

// SyncResult is everything measured on one mailbox size.
type SyncResult struct {
	Messages     int          `json:"messages"`
	RawMB        float64      `json:"raw_mb"`
	FillSeconds  float64      `json:"fill_seconds"`
	Tools        []ToolResult `json:"tools"`
	LogeNoopMs   float64      `json:"loge_noop_ms"`        // loge-cli sync, the headless commands' program
	WindowNoopMs float64      `json:"loge_window_noop_ms"` // loge sync, through the binary that links the window
	LoginNoopMs  float64      `json:"login_noop_ms"`       // the floor: a process that only logs in and selects
	MbsyncNoopMs float64      `json:"mbsync_noop_ms"`
	DBMB         float64      `json:"db_mb"`
	RSSSamplesMB []float64    `json:"loge_rss_samples_mb"` // the last Loge run, every 100 ms
}

// Tool returns the result of one tool.
func (s *SyncResult) Tool(name string) ToolResult {
	for _, t := range s.Tools {
		if t.Tool == name {
			return t
		}
	}
	return ToolResult{}
}

func benchSync(ctx context.Context, cfg config, n int) (SyncResult, error) {
	d := cfg.dovecot
	box := fmt.Sprintf("Bench%d", n)
	sr := SyncResult{Messages: n}
	t0 := time.Now()
	size, err := imaptest.FillMaildir(d.ServerDir, d.BenchUser, box, corpusSeed, n)
	if err != nil {
		return sr, fmt.Errorf("fill: %w", err)
	}
	sr.FillSeconds = time.Since(t0).Seconds()
	sr.RawMB = float64(size) / 1e6
	logf("mailbox %s: %d messages, %.0f MB, ready in %.1f s", box, n, sr.RawMB, sr.FillSeconds)

	// Warm-up, not measured: Dovecot indexes the new folder on its first SELECT and caches what
	// clients ask for, and every tool should find the mail in the page cache alike.
	if _, _, err := runFetch(cfg, box, n); err != nil {
		return sr, fmt.Errorf("warm-up fetch: %w", err)
	}
	// mbsync asks for more than a FETCH of bodies (sizes, dates, header fields); its first pass over
	// a new folder fills Dovecot's cache of those and ran up to three times slower than the next.
	warm := filepath.Join(cfg.work, "maildir-warm-up")
	if _, err := runMbsync(cfg, box, warm, false, n); err != nil {
		return sr, fmt.Errorf("warm-up mbsync: %w", err)
	}
	os.RemoveAll(warm)

	runs := map[string][]Run{}
	var lastDB, lastMaildir string
	for r := range cfg.runs {
		order := append(slices.Clone(tools[r%len(tools):]), tools[:r%len(tools)]...)
		for _, tool := range order {
			// What the previous run wrote (half a gigabyte at 50,000 mails) is flushed first, so
			// that no run is timed against the writeback of another's files.
			exec.Command("sync").Run()
			var run Run
			var err error
			switch tool {
			case toolLoge:
				if lastDB != "" {
					os.Remove(lastDB)
					os.Remove(lastDB + "-wal")
					os.Remove(lastDB + "-shm")
				}
				lastDB = filepath.Join(cfg.work, fmt.Sprintf("sync-%d-%d.db", n, r))
				var samples []float64
				run, samples, err = runLoge(ctx, cfg, box, lastDB, n, false)
				sr.RSSSamplesMB = samples
			case toolLogeIndex:
				// Time to a fully searchable desk: the same sync, returning once the indexer is done.
				db := filepath.Join(cfg.work, fmt.Sprintf("sync-index-%d-%d.db", n, r))
				run, _, err = runLoge(ctx, cfg, box, db, n, true)
				for _, p := range []string{db, db + "-wal", db + "-shm"} {
					os.Remove(p)
				}
			case toolMbsyncYes, toolMbsyncNo:
				dir := filepath.Join(cfg.work, fmt.Sprintf("maildir-%d-%d-%s", n, r, tool))
				run, err = runMbsync(cfg, box, dir, tool == toolMbsyncYes, n)
				if tool == toolMbsyncNo {
					if lastMaildir != "" {
						os.RemoveAll(lastMaildir)
					}
					lastMaildir = dir
				} else {
					os.RemoveAll(dir)
				}
			case toolFetch:
				run, _, err = runFetch(cfg, box, n)
			case toolStoreLimit:
				run, err = runStore(cfg, n)
			}
			if err != nil {
				return sr, fmt.Errorf("%s: %w", tool, err)
			}
			logf("  %-17s run %d: %6.2f s  %7.0f msg/s  %6.1f MB peak", tool, r+1, run.Seconds, float64(n)/run.Seconds, run.RSSMB)
			runs[tool] = append(runs[tool], run)
		}
	}
	for _, tool := range tools {
		rs := runs[tool]
		tr := ToolResult{Tool: tool, Runs: rs}
		tr.Seconds = median(rs, func(r Run) float64 { return r.Seconds })
		tr.RSSMB = median(rs, func(r Run) float64 { return r.RSSMB })
		tr.MsgPerSec = float64(n) / tr.Seconds
		tr.MBPerSec = sr.RawMB / tr.Seconds
		sr.Tools = append(sr.Tools, tr)
	}
	sr.DBMB = fileMB(lastDB) + fileMB(lastDB+"-wal")

	// No-op resyncs, whole process each: Loge on its last desk, mbsync on its last Maildir (after
	// the second mbsync needs before it trusts a Maildir's timestamps again).
	noopOf := func(bin string) (float64, error) {
		c := cfg
		c.loge = bin
		var noop []float64
		for range 5 {
			run, _, err := runLoge(ctx, c, box, lastDB, -1, false)
			if err != nil {
				return 0, fmt.Errorf("no-op of %s: %w", filepath.Base(bin), err)
			}
			noop = append(noop, run.Seconds*1000)
		}
		return medianF(noop), nil
	}
	if sr.LogeNoopMs, err = noopOf(cfg.logeCLI); err != nil {
		return sr, err
	}
	if sr.WindowNoopMs, err = noopOf(cfg.loge); err != nil {
		return sr, err
	}
	var noop []float64
	for range 5 {
		d := cfg.dovecot
		run, _, err := runChild(exec.Command(cfg.self, "child-login", d.Host, strconv.Itoa(d.Port), d.BenchUser, d.BenchPass, box))
		if err != nil {
			return sr, fmt.Errorf("login floor: %w", err)
		}
		noop = append(noop, run.Seconds*1000)
	}
	sr.LoginNoopMs = medianF(noop)
	time.Sleep(1100 * time.Millisecond)
	noop = noop[:0]
	for range 3 {
		run, err := runMbsync(cfg, box, lastMaildir, false, -1)
		if err != nil {
			return sr, fmt.Errorf("mbsync no-op: %w", err)
		}
		noop = append(noop, run.Seconds*1000)
	}
	sr.MbsyncNoopMs = medianF(noop)
	logf("  no-op resync: loge-cli %.1f ms, loge %.1f ms, log in and select only %.1f ms, mbsync %.1f ms; desk file %.0f MB for %.0f MB of mail",
		sr.LogeNoopMs, sr.WindowNoopMs, sr.LoginNoopMs, sr.MbsyncNoopMs, sr.DBMB, sr.RawMB)
	os.RemoveAll(lastMaildir)
	for _, p := range []string{lastDB, lastDB + "-wal", lastDB + "-shm"} {
		os.Remove(p)
	}
	return sr, nil
}

// measure runs cmd to its end and returns its wall time and peak RSS; with sample, its RSS every
// 100 ms too.
func measure(cmd *exec.Cmd, sample bool) (Run, []float64, error) {
	var stderr strings.Builder
	if cmd.Stderr == nil {
		cmd.Stderr = &stderr
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return Run{}, nil, err
	}
	var samples []float64
	var hwm float64
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		// The kernel's rusage peak for a child counts the harness's own pages it was forked from,
		// so the peak is read from the child's VmHWM while it runs (every 20 ms).
		defer close(sampled)
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for tick := 0; ; tick++ {
			select {
			case <-stop:
				return
			case <-t.C:
				rss, peak := memMB(cmd.Process.Pid)
				hwm = max(hwm, peak)
				if sample && tick%5 == 4 && rss > 0 {
					samples = append(samples, rss)
				}
			}
		}
	}()
	err := cmd.Wait()
	el := time.Since(start)
	close(stop)
	<-sampled
	if err != nil {
		return Run{}, nil, fmt.Errorf("%s: %v\n%s", filepath.Base(cmd.Path), err, stderr.String())
	}
	run := Run{Seconds: el.Seconds(), RSSMB: hwm}
	if ru, _ := cmd.ProcessState.SysUsage().(*syscall.Rusage); hwm == 0 && ru != nil {
		run.RSSMB = float64(ru.Maxrss) / 1024 // kilobytes on Linux; an upper bound
	}
	return run, samples, nil
}

// memMB reads a live process's resident set size and its peak so far.
func memMB(pid int) (rss, peak float64) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		k, v, ok := strings.Cut(l, ":")
		if !ok || (k != "VmRSS" && k != "VmHWM") {
			continue
		}
		f := strings.Fields(v)
		if len(f) == 0 {
			continue
		}
		kb, _ := strconv.ParseFloat(f[0], 64)
		if k == "VmRSS" {
			rss = kb / 1024
		} else {
			peak = kb / 1024
		}
	}
	return rss, peak
}

// runLoge runs `loge sync` into db (with searchable, `loge sync --wait-index`); want >= 0 checks
// the desk then holds exactly that many messages, and with searchable that none waits for the indexer.
func runLoge(ctx context.Context, cfg config, box, db string, want int, searchable bool) (Run, []float64, error) {
	d := cfg.dovecot
	if _, err := os.Stat(db); errors.Is(err, os.ErrNotExist) {
		// A new desk is made first, outside the timing: sync only fills an existing one.
		if out, err := exec.Command(cfg.loge, "init", "--db", db).CombinedOutput(); err != nil {
			return Run{}, nil, fmt.Errorf("loge init: %v: %s", err, out)
		}
	}
	cmd := exec.Command(cfg.loge, "sync", "--db", db, "--host", d.Host, "--port", strconv.Itoa(d.Port),
		"--security", "insecure-plain", "--user", d.BenchUser, "--password-env", "LOGE_BENCH_PASS", "--mailbox", box)
	if searchable {
		cmd.Args = append(cmd.Args, "--wait-index")
	}
	cmd.Env = append(os.Environ(), "LOGE_BENCH_PASS="+d.BenchPass, "LOGE_LANG=en")
	run, samples, err := measure(cmd, want >= 0)
	if err != nil || want < 0 {
		return run, samples, err
	}
	st, err := store.Open(ctx, db)
	if err != nil {
		return run, samples, err
	}
	defer st.Close()
	stats, err := st.Stats(ctx)
	if err != nil {
		return run, samples, err
	}
	if stats.Messages != want {
		return run, samples, fmt.Errorf("loge stored %d messages, want %d", stats.Messages, want)
	}
	if searchable && stats.Unindexed != 0 {
		return run, samples, fmt.Errorf("loge sync --wait-index left %d messages unindexed", stats.Unindexed)
	}
	return run, samples, nil
}

// runMbsync pulls the mailbox into a Maildir under dir with mbsync; want >= 0 checks the count.
func runMbsync(cfg config, box, dir string, fsync bool, want int) (Run, error) {
	d := cfg.dovecot
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Run{}, err
	}
	fsyncOpt := "no"
	if fsync {
		fsyncOpt = "yes"
	}
	conf := fmt.Sprintf(`FSync %s

IMAPAccount bench
Host %s
Port %d
User %s
Pass %s
SSLType None
AuthMechs LOGIN

IMAPStore far
Account bench

MaildirStore near
Path %s/
Inbox %s/INBOX
SubFolders Verbatim

Channel bench
Far :far:
Near :near:
Patterns %s
Create Near
Sync Pull
SyncState *
`, fsyncOpt, d.Host, d.Port, d.BenchUser, d.BenchPass, dir, dir, box)
	rc := filepath.Join(dir, "mbsyncrc")
	if err := os.WriteFile(rc, []byte(conf), 0o600); err != nil {
		return Run{}, err
	}
	run, _, err := measure(exec.Command("mbsync", "-q", "-c", rc, "bench"), false)
	if err != nil || want < 0 {
		return run, err
	}
	got := 0
	filepath.WalkDir(filepath.Join(dir, box), func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			if parent := filepath.Base(filepath.Dir(p)); parent == "cur" || parent == "new" {
				got++
			}
		}
		return nil
	})
	if got != want {
		return run, fmt.Errorf("mbsync wrote %d messages, want %d", got, want)
	}
	return run, nil
}

// childReport is what a child process prints on stdout.
type childReport struct {
	Messages int     `json:"messages"`
	Bytes    int64   `json:"bytes"`
	Seconds  float64 `json:"seconds"` // the child's own timing, when the process does more than the measured work
}

func runChild(cmd *exec.Cmd) (Run, childReport, error) {
	var out strings.Builder
	cmd.Stdout = &out
	run, _, err := measure(cmd, false)
	if err != nil {
		return run, childReport{}, err
	}
	var rep childReport
	sc := bufio.NewScanner(strings.NewReader(out.String()))
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "{") {
			err = json.Unmarshal(sc.Bytes(), &rep)
		}
	}
	return run, rep, err
}

func runFetch(cfg config, box string, want int) (Run, childReport, error) {
	d := cfg.dovecot
	run, rep, err := runChild(exec.Command(cfg.self, "child-fetch", d.Host, strconv.Itoa(d.Port), d.BenchUser, d.BenchPass, box))
	if err == nil && rep.Messages != want {
		err = fmt.Errorf("fetched %d messages, want %d", rep.Messages, want)
	}
	return run, rep, err
}

// runStore measures the store limit. The child makes the corpus in memory first; its wall time is
// the child's own timing of storing it, and its peak RSS includes the corpus it holds.
func runStore(cfg config, n int) (Run, error) {
	db := filepath.Join(cfg.work, fmt.Sprintf("store-%d.db", n))
	defer func() {
		for _, p := range []string{db, db + "-wal", db + "-shm"} {
			os.Remove(p)
		}
	}()
	run, rep, err := runChild(exec.Command(cfg.self, "child-store", strconv.Itoa(n), db))
	if err == nil && rep.Messages != n {
		err = fmt.Errorf("stored %d messages, want %d", rep.Messages, n)
	}
	run.Seconds = rep.Seconds
	return run, err
}

func median[T any](xs []T, f func(T) float64) float64 {
	vs := make([]float64, len(xs))
	for i, x := range xs {
		vs[i] = f(x)
	}
	return medianF(vs)
}

func medianF(vs []float64) float64 {
	if len(vs) == 0 {
		return 0
	}
	s := slices.Clone(vs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func fileMB(p string) float64 {
	fi, err := os.Stat(p)
	if err != nil {
		return 0
	}
	return float64(fi.Size()) / 1e6
}
