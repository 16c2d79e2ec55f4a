//go:build linux

package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Machine is where the figures were measured.
type Machine struct {
	CPU   string  `json:"cpu"`
	CPUs  int     `json:"cpus"`
	MemGB float64 `json:"mem_gb"`
	OS    string  `json:"os"`
	Go    string  `json:"go"`
}

// Target is one of issue 7's targets and whether this run met it.
type Target struct {
	Metric string  `json:"metric"`
	Want   string  `json:"target"`
	Got    float64 `json:"measured"`
	Unit   string  `json:"unit"`
	Met    bool    `json:"met"`
}

// Results is one whole bench run.
type Results struct {
	Date    string       `json:"date"`
	Machine Machine      `json:"machine"`
	Runs    int          `json:"runs_per_tool"`
	Seed    uint64       `json:"corpus_seed"`
	Seconds float64      `json:"bench_seconds"`
	Sync    []SyncResult `json:"sync"`
	Desk    DeskResult   `json:"desk"`
	Team    TeamResult   `json:"team"`
	Targets []Target     `json:"targets"`
}

// targets checks issue 7's targets on the biggest mailbox measured.
func targets(r *Results) []Target {
	if len(r.Sync) == 0 {
		return nil
	}
	big := r.Sync[len(r.Sync)-1]
	loge := big.Tool(toolLoge)
	ratio := func(other string) float64 { return loge.MsgPerSec / big.Tool(other).MsgPerSec }
	searchable := big.Tool(toolLogeIndex)
	maxRSS := 0.0
	for _, s := range r.Sync {
		maxRSS = max(maxRSS, s.Tool(toolLoge).RSSMB)
	}
	at := fmt.Sprintf(" (%d msgs)", big.Messages)
	ts := []Target{
		{Metric: "initial sync, browsable, vs mbsync FSync no" + at, Want: ">= 2.0x", Got: ratio(toolMbsyncNo), Unit: "x"},
		{Metric: "initial sync, browsable, vs mbsync FSync yes" + at, Want: ">= 4.0x", Got: ratio(toolMbsyncYes), Unit: "x"},
		{Metric: "initial sync, fully searchable, vs mbsync FSync no" + at, Want: ">= 1.0x", Got: searchable.MsgPerSec / big.Tool(toolMbsyncNo).MsgPerSec, Unit: "x"},
		{Metric: "initial sync, browsable, vs the store limit" + at, Want: ">= 80%", Got: 100 * ratio(toolStoreLimit), Unit: "%"},
		{Metric: "initial sync vs the bare FETCH ceiling" + at, Want: "report", Got: 100 * ratio(toolFetch), Unit: "%"},
		{Metric: "no-op resync, whole process, loge-cli" + at, Want: "< 30 ms", Got: big.LogeNoopMs, Unit: "ms"},
		{Metric: "no-op floor: a process that only logs in and selects" + at, Want: "report", Got: big.LoginNoopMs, Unit: "ms"},
		{Metric: fmt.Sprintf("search p95 (%d msgs)", r.Desk.Messages), Want: "< 10 ms", Got: r.Desk.SearchP95Ms, Unit: "ms"},
		{Metric: fmt.Sprintf("cold start to the Board, headless app (%d msgs)", r.Desk.Messages), Want: "< 500 ms", Got: r.Desk.ColdStart, Unit: "ms"},
		{Metric: fmt.Sprintf("opening a thread in the Inbox, read and built, p95 (%d msgs)", r.Desk.Messages), Want: "< 50 ms", Got: r.Desk.ThreadBuiltP95, Unit: "ms"},
		{Metric: fmt.Sprintf("opening a thread, with the software painter's layout and paint, p95 (%d msgs)", r.Desk.Messages), Want: "report", Got: r.Desk.ThreadOpenP95, Unit: "ms"},
		{Metric: fmt.Sprintf("idle RSS, headless app (%d msgs)", r.Desk.Messages), Want: "< 150 MB", Got: r.Desk.IdleRSSMB, Unit: "MB"},
		{Metric: fmt.Sprintf("week view, first draw (%d stays and requests)", r.Desk.Guests), Want: "< 100 ms", Got: r.Desk.WeekFirst, Unit: "ms"},
		{Metric: fmt.Sprintf("week view, moving one week (%d stays and requests)", r.Desk.Guests), Want: "< 100 ms", Got: r.Desk.WeekStep, Unit: "ms"},
		{Metric: "peak RSS during sync", Want: "< 150 MB", Got: maxRSS, Unit: "MB"},
		{Metric: "desk file / raw mail" + at, Want: "report", Got: big.DBMB / big.RawMB, Unit: "x"},
		{Metric: "team: a claim on desk A shown on desk B, p95", Want: "< 2000 ms", Got: r.Team.ClaimP95Ms, Unit: "ms"},
		{Metric: fmt.Sprintf("team: a new desk joins from the snapshot (%d entities)", r.Team.Entities), Want: "< 10 s", Got: r.Team.JoinSeconds, Unit: "s"},
	}
	for i := range ts {
		t := &ts[i]
		switch {
		case strings.HasPrefix(t.Want, ">= "):
			var v float64
			fmt.Sscanf(strings.TrimRight(t.Want[3:], "x%"), "%g", &v)
			t.Met = t.Got >= v
		case t.Want == "< 1 s":
			t.Met = t.Got > 0 && t.Got < 1000
		case t.Want == "< 10 s":
			t.Met = t.Got > 0 && t.Got < 10
		case strings.HasPrefix(t.Want, "< "):
			var v float64
			fmt.Sscanf(t.Want[2:], "%g", &v)
			t.Met = t.Got > 0 && t.Got < v
		default:
			t.Met = true
		}
	}
	return ts
}

// Markdown is the readable report.
func (r *Results) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Loge benchmarks\n\n")
	fmt.Fprintf(&b, "Measured %s by `make bench` (`tests/bench`), %d runs of each tool per size in rotating order, medians; the whole run took %.0f s.\n\n",
		r.Date, r.Runs, r.Seconds)
	fmt.Fprintf(&b, "Machine: %s, %d CPUs, %.0f GB, %s, %s. Dovecot on loopback (plain IMAP), mail in its Maildir and in the page cache.\n\n",
		r.Machine.CPU, r.Machine.CPUs, r.Machine.MemGB, r.Machine.OS, r.Machine.Go)
	fmt.Fprintf(&b, "## Targets\n\n| metric | target | measured | met |\n|---|---|---|---|\n")
	for _, t := range r.Targets {
		met := "yes"
		if !t.Met {
			met = "**no**"
		}
		if t.Want == "report" {
			met = "—"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", t.Metric, t.Want, fmtUnit(t.Got, t.Unit), met)
	}
	for _, s := range r.Sync {
		fmt.Fprintf(&b, "\n## Initial sync, %d messages (%.0f MB, %.1f KB average)\n\n", s.Messages, s.RawMB, 1000*s.RawMB/float64(s.Messages))
		fmt.Fprintf(&b, "| tool | msg/s | MB/s | seconds | peak RSS | Loge is |\n|---|---|---|---|---|---|\n")
		loge := s.Tool(toolLoge)
		for _, t := range s.Tools {
			fmt.Fprintf(&b, "| %s | %.0f | %.1f | %.2f | %.0f MB | %.2fx |\n", describe(t.Tool), t.MsgPerSec, t.MBPerSec, t.Seconds, t.RSSMB, loge.MsgPerSec/t.MsgPerSec)
		}
		fmt.Fprintf(&b, "\nNo-op resync, whole process: `loge-cli sync` %.1f ms, `loge sync` (the binary that links the window) %.1f ms, mbsync %.1f ms; a process that only logs in and selects %.1f ms. Desk file after the sync: %.0f MB (%.2fx the raw mail). Loge's RSS during its last run, every 100 ms: %s MB.\n",
			s.LogeNoopMs, s.WindowNoopMs, s.MbsyncNoopMs, s.LoginNoopMs, s.DBMB, s.DBMB/s.RawMB, samples(s.RSSSamplesMB))
	}
	d := r.Desk
	fmt.Fprintf(&b, "\n## A big desk: %d messages, %d guests (each with a stay and a request), %d vendors\n\n", d.Messages, d.Guests, d.Vendors)
	fmt.Fprintf(&b, "Built in %.0f s, %.0f MB. Search over %d queries (%d kinds, names without accents, prefixes, confirmation numbers, two-word): p50 %.1f ms, p95 %.1f ms, p99 %.1f ms; slowest %q.\n",
		d.BuildSeconds, d.DBMB, d.Queries, len(queryMix), d.SearchP50Ms, d.SearchP95Ms, d.SearchP99Ms, d.SlowestQuery)
	fmt.Fprintf(&b, "\nCold start of the headless app (`tests/bench/headless`: the whole window on Fyne's software driver, process start to the Board built): median %.0f ms (runs %s); resident memory 3 s later, idle on the Board: %.0f MB.\n",
		d.ColdStart, samples(d.ColdStartMs), d.IdleRSSMB)
	if d.GUISkipped != "" {
		fmt.Fprintf(&b, "The real app was not started: %s.\n", d.GUISkipped)
	} else {
		fmt.Fprintf(&b, "The real app under Xvfb (OpenGL through Mesa's software renderer, whose libraries count in its resident memory): cold start median %.0f ms (runs %s), idle %.0f MB.\n",
			d.GUIColdStart, samples(d.GUIColdStartMs), d.GUIIdleRSSMB)
	}
	fmt.Fprintf(&b, "\nThe Week workspace in the headless app at 1280×800, this week holding %d stays and %d bookings: first draw median %.0f ms (runs %s), moving a week on or back median %.0f ms (%s), of which painting by Fyne's software painter %.0f ms (the app paints with OpenGL).\n",
		d.WeekStays, d.WeekBookings, d.WeekFirst, samples(d.WeekFirstMs), d.WeekStep, samples(d.WeekStepMs), d.WeekPaint)
	fmt.Fprintf(&b, "\nThe Inbox in the headless app at 1280×800, %d conversations: first draw median %.0f ms (runs %s); opening a conversation as a click on its row does, the newest 40 rows and 40 spread over the list, three runs: read from the desk and the reading pane built p50 %.1f ms, p95 %.1f ms; with the layout and painting by Fyne's software painter (the app paints with OpenGL) p50 %.1f ms, p95 %.1f ms.\n",
		d.InboxRows, d.InboxFirst, samples(d.InboxFirstMs), d.ThreadBuiltP50, d.ThreadBuiltP95, d.ThreadOpenP50, d.ThreadOpenP95)
	tm := r.Team
	fmt.Fprintf(&b, "\n## The team log (two desks and a desk joining, on the same Dovecot account)\n\n")
	fmt.Fprintf(&b, "A claim on desk A shown on desk B, both online with their team workers in IDLE on the Loge folder: p50 %.0f ms, p95 %.0f ms over %d claims (runs %s ms).\n",
		tm.ClaimP50Ms, tm.ClaimP95Ms, tm.Claims, samples(tm.ClaimMs))
	fmt.Fprintf(&b, "\nA normal sync: with nothing to share %.1f ms; pushing a batch of about 100 operations %.1f ms; reading and applying it on the other desk %.1f ms.\n",
		tm.NoopSyncMs, tm.Push100Ms, tm.Pull100Ms)
	fmt.Fprintf(&b, "\nThe big desk joining the team: its %d entities as %d operations pushed in %.1f s (%d messages); after the snapshot the folder holds %.1f MB; a new desk joined from nothing in %.1f s.\n",
		tm.Entities, tm.Ops, tm.AdoptPushS, tm.FolderBefore, tm.SnapshotMB, tm.JoinSeconds)
	return b.String()
}

func describe(tool string) string {
	switch tool {
	case toolLoge:
		return "**Loge** `loge sync`: browsable (envelope + raw bytes stored)"
	case toolLogeIndex:
		return "**Loge** `loge sync --wait-index`: fully searchable (decoded + indexed)"
	case toolMbsyncYes:
		return "mbsync, FSync yes (its default)"
	case toolMbsyncNo:
		return "mbsync, FSync no"
	case toolFetch:
		return "bare go-imap FETCH to nowhere (link ceiling)"
	case toolStoreLimit:
		return "store limit: same mails from memory, Loge's store code"
	}
	return tool
}

func fmtUnit(v float64, unit string) string {
	switch unit {
	case "x":
		return fmt.Sprintf("%.2fx", v)
	case "%":
		return fmt.Sprintf("%.0f%%", v)
	case "ms":
		return fmt.Sprintf("%.1f ms", v)
	case "s":
		return fmt.Sprintf("%.1f s", v)
	}
	return fmt.Sprintf("%.0f %s", v, unit)
}

func samples(vs []float64) string {
	if len(vs) == 0 {
		return "—"
	}
	// At most a dozen, evenly spread.
	step := max(1, len(vs)/12)
	var parts []string
	for i := 0; i < len(vs); i += step {
		parts = append(parts, fmt.Sprintf("%.0f", vs[i]))
	}
	return strings.Join(parts, ", ")
}

// Write saves results.md and results.json in dir.
func (r *Results) Write(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	js, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "results.json"), append(js, '\n'), 0o644); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "results.md"), []byte(r.Markdown()), 0o644)
}
