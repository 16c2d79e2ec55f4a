package cli

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"loge/data/imap/imaptest"
)

// A desk with team operations waiting (vendors imported, logbook entries written) is killed at
// random moments of its sync (one-shot, or --idle: the window's workers), which carries both its
// mail and its team log, with more entries
// written between the kills; once a sync ends on its own, nothing waits, and a colleague's desk
// syncing the same mailbox holds every vendor and every entry exactly once.
func TestKillWithTeamOpsPendingLosesNothing(t *testing.T) {
	d := imaptest.RealDovecot(t)
	seed := baseSeed(t)
	srv, user, pass := killMailServer(t, d, seed, runs(600, 2000)) // mail to sync beside the team log
	dir := t.TempDir()
	a, b := filepath.Join(dir, "morning.db"), filepath.Join(dir, "evening.db")
	for db, name := range map[string]string{a: "Camille Laurent", b: "Julien Bertin"} {
		if code, _, errs := runCLI(t, "init", "--db", db, "--name", name); code != 0 {
			t.Fatalf("init: %s", errs)
		}
	}
	// Vendors come in batches, one before each run, so that every run has operations to push.
	vendors := 0
	importVendors := func(n int) {
		var cards strings.Builder
		for range n {
			fmt.Fprintf(&cards, "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Prestataire %03d\r\nORG:Prestataire %03d\r\nTEL:+33 1 40 00 %02d %02d\r\nEND:VCARD\r\n",
				vendors, vendors, vendors/100, vendors%100)
			vendors++
		}
		vcf := filepath.Join(dir, fmt.Sprintf("vendors-%d.vcf", vendors))
		if err := os.WriteFile(vcf, []byte(cards.String()), 0o600); err != nil {
			t.Fatal(err)
		}
		if code, _, errs := runCLI(t, "import-vcard", "--db", a, vcf); code != 0 {
			t.Fatalf("import: %s", errs)
		}
	}
	env := []string{"LOGE_FAULT_PASS=" + pass}
	args := syncArgs(a, d.Port, user)
	rng := rand.New(rand.NewSource(seed))
	var entries []string
	kills, early, window := 0, 0, 400 // ms; halved whenever a run ends before its kill
	for k := range runs(5, 40) {
		importVendors(runs(15, 40))
		srv.change(2)
		entry := fmt.Sprintf("Note %d de la matinée : garder la %d.", k, 500+k)
		if code, _, errs := runCLI(t, "logbook", "add", "--db", a, entry); code != 0 {
			t.Fatalf("logbook add: %s", errs)
		}
		entries = append(entries, entry)
		// Every other run is `sync --idle`: the window's own workers (mail and team log), which
		// never end on their own, so it is always killed.
		runArgs := args
		if k%2 == 1 {
			runArgs = append(slices.Clone(args), "--idle")
		}
		if runUntilKill(t, time.Duration(20+rng.Intn(window))*time.Millisecond, env, runArgs...) {
			kills++
		} else {
			early++
			window = max(window/2, 60)
		}
		checkIntegrity(t, a)
	}
	if res := runLoge(t, 2*time.Minute, env, args...); res.code != 0 {
		t.Fatalf("sync after the kills: exit %d: %s", res.code, res.stderr)
	}
	var stats struct {
		Pending int `json:"team_ops_pending"`
	}
	_, js, _ := runCLI(t, "stats", "--db", a, "--json")
	if err := json.Unmarshal([]byte(js), &stats); err != nil || stats.Pending != 0 {
		t.Fatalf("after a whole sync %d team operations still wait (%v)", stats.Pending, err)
	}
	if res := runLoge(t, 2*time.Minute, env, syncArgs(b, d.Port, user)...); res.code != 0 {
		t.Fatalf("the colleague's sync: exit %d: %s", res.code, res.stderr)
	}
	checkIntegrity(t, b)

	var got []struct{ Name string }
	_, js, _ = runCLI(t, "list", "--db", b, "--json", "vendors")
	json.Unmarshal([]byte(js), &got)
	names := map[string]int{}
	for _, v := range got {
		names[v.Name]++
	}
	for i := range vendors {
		if n := names[fmt.Sprintf("Prestataire %03d", i)]; n != 1 {
			t.Errorf("Prestataire %03d is %d times on the colleague's desk", i, n)
		}
	}
	var log []struct{ Text, Author string }
	_, js, _ = runCLI(t, "logbook", "--db", b, "--json")
	json.Unmarshal([]byte(js), &log)
	var texts []string
	for _, e := range log {
		texts = append(texts, e.Text)
	}
	for _, e := range entries {
		if n := len(slices.DeleteFunc(slices.Clone(texts), func(s string) bool { return s != e })); n != 1 {
			t.Errorf("%q is %d times in the colleague's logbook", e, n)
		}
	}
	report(t, "TestKillWithTeamOpsPendingLosesNothing (seed %d): %d vendors and %d logbook entries waiting; %d SIGKILLs, %d runs ended before their kill; the colleague's desk: %d vendors, %d entries",
		seed, vendors, len(entries), kills, early, len(got), len(log))
	if kills == 0 {
		t.Fatal("no run was killed: the test did not test")
	}
}
