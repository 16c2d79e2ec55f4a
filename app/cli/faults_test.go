package cli

import (
	"context"
	"fmt"
	"math/rand"
	"net"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"loge/data/imap/imaptest"
	"loge/data/outbox"
	"loge/data/store"
	"loge/tests/faultproxy"

	goimap "github.com/emersion/go-imap/v2"
)

// figures sums up a fault test for docs/RELIABILITY.md; every test logs its own.
type figures struct {
	mu                               sync.Mutex
	seeds, runs, failedRuns, checks  int
	messages, lost, extra, flagDiffs int
	faults                           map[faultproxy.Kind]int
	conns                            int
	appended, flagged, expunged      int
	sentences                        map[string]int
	start                            time.Time
}

func newFigures() *figures {
	return &figures{faults: map[faultproxy.Kind]int{}, sentences: map[string]int{}, start: time.Now()}
}

func (f *figures) String() string {
	var sent []string
	for s, n := range f.sentences {
		sent = append(sent, fmt.Sprintf("%d× %q", n, s))
	}
	sort.Strings(sent)
	s := fmt.Sprintf("%d seeds, %d runs (%d ended in an error), %d connections, faults fired: %s; server changes: %d appended, %d flag changes, %d expunged; "+
		"%d messages compared at the end, lost %d, extra %d, flags different %d; %d integrity checks ok; %v",
		f.seeds, f.runs, f.failedRuns, f.conns, faultproxy.Summary(f.faults), f.appended, f.flagged, f.expunged,
		f.messages, f.lost, f.extra, f.flagDiffs, f.checks, time.Since(f.start).Round(time.Second))
	if len(sent) > 0 {
		s += "\nerror sentences printed:\n  " + strings.Join(sent, "\n  ")
	}
	return s
}

// imapPhases are the parts of a sync a fault may wait for, as go-imap spells its commands: the
// bodies of new mail, any UID FETCH (flags too), the team folder's traffic (SELECT, APPEND and
// FETCH of "Loge"), the expunge check, the login, the folder list.
var imapPhases = []string{"", "BODY.PEEK[]", "UID FETCH", "APPEND", `"Loge"`, "SEARCH", "SELECT", "LOGIN", "LIST", "CHANGEDSINCE"}

// readTimeout is the silence after which a test's loge gives up on a hung server.
const readTimeoutEnv = "LOGE_IMAP_READ_TIMEOUT=2s"

func syncArgs(db string, port int, user string) []string {
	return []string{"sync", "--db", db, "--host", "127.0.0.1", "--port", strconv.Itoa(port), "--security", "insecure-plain",
		"--user", user, "--password-env", "LOGE_FAULT_PASS"}
}

// A real `loge sync` through a proxy that breaks the connection at random (resets, stalls, hangs,
// drips, truncations, in both directions, at random phases) while the mailbox changes under it,
// then one run without faults: the desk holds exactly the server's messages with their flags.
func TestFaultSyncConverges(t *testing.T) {
	d := imaptest.RealDovecot(t)
	fig := newFigures()
	base := baseSeed(t)
	n := runs(3, 50)
	for i := 0; i < n; i++ {
		seed := base + int64(i)
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) { faultSync(t, d, seed, fig) })
	}
	report(t, "TestFaultSyncConverges (base seed %d): %s", base, fig)
}

func faultSync(t *testing.T, d imaptest.Dovecot, seed int64, fig *figures) {
	t0 := time.Now()
	user, pass := newIMAPUser(t, d)
	srv := newMailServer(t, d, user, pass, seed, 300, "Bookings", "Vendors")
	db := filepath.Join(t.TempDir(), "desk.db")
	if code, _, errs := runCLI(t, "init", "--db", db, "--name", "Desk "+user); code != 0 {
		t.Fatal(errs)
	}
	t.Logf("set-up: %v", time.Since(t0))
	maxStall := time.Second
	if stress() {
		maxStall = 3 * time.Second
	}
	plan := faultproxy.RandomPlan(0.9, 3, imapPhases, nil, 400_000, maxStall)
	px, err := faultproxy.Start(net.JoinHostPort(d.Host, strconv.Itoa(d.Port)), seed, plan)
	if err != nil {
		t.Fatal(err)
	}
	defer px.Close()
	env := []string{"LOGE_FAULT_PASS=" + pass, readTimeoutEnv}
	args := syncArgs(db, px.Port(), user)
	failed := 0
	sentences := map[string]int{}
	rounds := runs(3, 6)
	for r := 0; r < rounds; r++ {
		srv.change(5)
		stop := srv.during()
		logged := len(px.Log())
		res := runLoge(t, 90*time.Second, env, args...)
		stop()
		t.Logf("run %d: exit %d in %v; %s\n  %s", r, res.code, res.took.Round(time.Millisecond), lastLine(res.stderr), strings.Join(px.Log()[logged:], "\n  "))
		if res.code != 0 {
			failed++
			sentences[lastLine(res.stderr)]++
			checkSentence(t, res)
		}
		checkIntegrity(t, db)
	}
	// The network heals; the server changes once more; one run must bring the desk level.
	px.SetPlan(nil)
	srv.change(5)
	res := runLoge(t, 90*time.Second, env[:1], args...) // the default read timeout: a slow machine is no fault

	if res.code != 0 {
		t.Fatalf("sync without faults: exit %d\n%s\nproxy log:\n%s", res.code, res.stderr, strings.Join(px.Log(), "\n"))
	}
	checkIntegrity(t, db)
	server := srv.state()
	local, bad := deskState(t, db)
	lost, extra, flags, detail := diff(server, local)
	for _, b := range bad {
		t.Errorf("desk: %s", b)
	}
	if lost+extra+flags > 0 {
		t.Errorf("seed %d: desk differs from the server after a run without faults: %d lost, %d extra, %d flags\n  %s\nproxy log:\n%s",
			seed, lost, extra, flags, strings.Join(detail, "\n  "), strings.Join(px.Log(), "\n"))
	}
	// The team's folder went through the same faults: nothing of this desk is left unsent.
	_, js, _ := runCLI(t, "stats", "--db", db, "--json")
	if !strings.Contains(js, `"team_ops_pending": 0`) {
		t.Errorf("team operations still pending after the last sync: %s", js)
	}
	fig.mu.Lock()
	defer fig.mu.Unlock()
	fig.seeds++
	fig.runs += rounds + 1
	fig.failedRuns += failed
	fig.checks += rounds + 1
	fig.messages += countMail(server)
	fig.lost, fig.extra, fig.flagDiffs = fig.lost+lost, fig.extra+extra, fig.flagDiffs+flags
	faultproxy.Add(fig.faults, px.Fired())
	fig.conns += px.Conns()
	fig.appended, fig.flagged, fig.expunged = fig.appended+srv.appended, fig.flagged+srv.flagged, fig.expunged+srv.expunged
	for s, n := range sentences {
		fig.sentences[s] += n
	}
}

// checkSentence: a failed run says what happened in a sentence of the user's language, not a Go
// error dump, and its exit code is 1.
func checkSentence(t *testing.T, res logeResult) {
	t.Helper()
	line := lastLine(res.stderr)
	if res.code != 1 || !strings.HasPrefix(line, "loge: ") {
		t.Errorf("exit %d, last line %q", res.code, line)
	}
	if strings.Contains(line, "unexpected") {
		t.Errorf("a broken connection is shown as an unexpected error: %q", line)
	}
}

// smtpPhases: the envelope, DATA and its 354, the end of DATA (".") whose answer decides whether
// the mail went, the greeting.
var smtpPhases = []string{"", "EHLO", "MAIL FROM", "RCPT TO", "DATA", "\r\n.\r\n"}

// `loge send-pending` through proxies that break both its SMTP submission and its IMAP Sent copy:
// every mail is delivered at most once, a mail marked sent exactly once with one Sent copy, and a
// mail that may have gone out is shown as unsure, never silently lost or sent again.
func TestFaultOutboxExactlyOnce(t *testing.T) {
	d := imaptest.RealDovecot(t)
	fig := newFigures()
	base := baseSeed(t)
	n := runs(2, 50)
	var unsure, mails, drains int
	for i := 0; i < n; i++ {
		seed := base + int64(i)
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			u, m, r := faultOutbox(t, d, seed, fig)
			unsure, mails, drains = unsure+u, mails+m, drains+r
		})
	}
	report(t, "TestFaultOutboxExactlyOnce (base seed %d): %d mails, %d drains, %d unsure (shown, not re-sent); %s", base, mails, drains, unsure, fig)
}

func faultOutbox(t *testing.T, d imaptest.Dovecot, seed int64, fig *figures) (unsure, mails, drains int) {
	t.Setenv("LOGE_LANG", "en")
	user, pass := newIMAPUser(t, d)
	dialDirect(t, d, user, pass) // the account exists (and has its Sent) before the first drain
	sink, err := outbox.StartSink(outbox.SinkOptions{Delay: 5 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer sink.Close()
	n := runs(12, 20)
	db, ids := queueMails(t, n)
	smtpPlan := faultproxy.RandomPlan(0.9, 3, smtpPhases, []faultproxy.Kind{faultproxy.Reset, faultproxy.Stall, faultproxy.Drip, faultproxy.Truncate}, 4000, time.Second)
	imapPlan := faultproxy.RandomPlan(0.5, 1, []string{"", "APPEND", "SEARCH", "SELECT"}, nil, 20_000, time.Second)
	ps, err := faultproxy.Start("127.0.0.1:"+strconv.Itoa(sink.Port()), seed, smtpPlan)
	if err != nil {
		t.Fatal(err)
	}
	defer ps.Close()
	pi, err := faultproxy.Start(net.JoinHostPort(d.Host, strconv.Itoa(d.Port)), seed+1, imapPlan)
	if err != nil {
		t.Fatal(err)
	}
	defer pi.Close()
	env := []string{"LOGE_FAULT_PASS=" + pass, readTimeoutEnv}
	args := []string{"send-pending", "--db", db, "--smtp-host", "127.0.0.1", "--smtp-port", strconv.Itoa(ps.Port()), "--smtp-security", "insecure-plain",
		"--host", "127.0.0.1", "--port", strconv.Itoa(pi.Port()), "--security", "insecure-plain", "--user", user, "--password-env", "LOGE_FAULT_PASS"}
	sentences := map[string]int{}
	failed := 0
	ctx := context.Background()
	wake := func() {
		// As the window does when the connection comes back: every backoff ends.
		st, err := store.Open(ctx, db)
		if err != nil {
			t.Fatal(err)
		}
		st.OutboxWakeUp(ctx)
		st.Close()
	}
	rounds := runs(8, 12)
	for r := 0; r < rounds; r++ {
		res := runLoge(t, 90*time.Second, env, args...)
		drains++
		if res.code != 0 {
			failed++
			sentences[lastLine(res.stderr)]++
			checkSentence(t, res)
		}
		checkIntegrity(t, db)
		wake()
	}
	ps.SetPlan(nil)
	pi.SetPlan(nil)
	for r := 0; r < 2; r++ {
		if res := runLoge(t, 90*time.Second, env, args...); res.code != 0 {
			t.Fatalf("drain without faults: exit %d\n%s", res.code, res.stderr)
		}
		drains++
		wake()
	}
	checkIntegrity(t, db)
	unsure = checkOutboxOnce(t, db, ids, sink)
	// One Sent copy per mail marked sent, never two.
	c := dialDirect(t, d, user, pass)
	if _, err := c.Select("Sent", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	_, js, _ := runCLI(t, "outbox", "--db", db, "--json")
	for _, id := range ids {
		sd, err := c.UIDSearch(&goimap.SearchCriteria{Header: []goimap.SearchCriteriaHeaderField{{Key: "Message-Id", Value: id}}}, nil).Wait()
		if err != nil {
			t.Fatal(err)
		}
		if k := len(sd.AllUIDs()); k > 1 {
			t.Errorf("%s has %d copies in Sent", id, k)
		} else if k == 0 && strings.Contains(js, `"message_id": "`+id+`",`) && delivered(sink)[id] == 1 && !unsureIn(js, id) {
			t.Errorf("%s was delivered and is not unsure, but has no Sent copy", id)
		}
	}
	fig.mu.Lock()
	defer fig.mu.Unlock()
	fig.seeds++
	fig.runs += drains
	fig.failedRuns += failed
	fig.checks += drains + 1
	fig.messages += len(ids)
	faultproxy.Add(fig.faults, ps.Fired())
	faultproxy.Add(fig.faults, pi.Fired())
	fig.conns += ps.Conns() + pi.Conns()
	for s, n := range sentences {
		fig.sentences[s] += n
	}
	return unsure, len(ids), drains
}

// unsureIn reports whether the outbox JSON shows the mail with that Message-ID as unsure.
func unsureIn(js, id string) bool {
	i := strings.Index(js, `"message_id": "`+id+`"`)
	if i < 0 {
		return false
	}
	rest := js[i:]
	if j := strings.Index(rest, "}"); j >= 0 {
		rest = rest[:j]
	}
	return strings.Contains(rest, `"state": "unsure"`)
}

// A connection lost in the expunge check (the UID SEARCH that follows the flag changes), and then
// a sync with nothing new on the server: the expunged mail must still go from the desk. The flags'
// commit used to save the new HIGHESTMODSEQ with them, so the next sync took the mailbox for
// unchanged and kept the expunged mail for good.
func TestFaultInExpungeCheckThenQuietServer(t *testing.T) {
	d := imaptest.RealDovecot(t)
	user, pass := newIMAPUser(t, d)
	srv := newMailServer(t, d, user, pass, 9, 40)
	db := filepath.Join(t.TempDir(), "desk.db")
	if code, _, errs := runCLI(t, "init", "--db", db); code != 0 {
		t.Fatal(errs)
	}
	px, err := faultproxy.Start(net.JoinHostPort(d.Host, strconv.Itoa(d.Port)), 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer px.Close()
	env := []string{"LOGE_FAULT_PASS=" + pass}
	args := syncArgs(db, px.Port(), user)
	if res := runLoge(t, time.Minute, env, args...); res.code != 0 {
		t.Fatalf("first sync: %s", res.stderr)
	}
	// One flag changed and one message expunged, in the Inbox.
	c := srv.c
	if _, err := c.Select("INBOX", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	if err := c.Store(goimap.UIDSetNum(1), &goimap.StoreFlags{Op: goimap.StoreFlagsAdd, Silent: true, Flags: []goimap.Flag{goimap.FlagFlagged}}, nil).Close(); err != nil {
		t.Fatal(err)
	}
	if err := c.Store(goimap.UIDSetNum(2), &goimap.StoreFlags{Op: goimap.StoreFlagsAdd, Silent: true, Flags: []goimap.Flag{goimap.FlagDeleted}}, nil).Close(); err != nil {
		t.Fatal(err)
	}
	if err := c.UIDExpunge(goimap.UIDSetNum(2)).Close(); err != nil {
		t.Fatal(err)
	}
	c.Unselect().Wait()
	px.SetPlan(func(int, *rand.Rand) []faultproxy.Fault {
		return []faultproxy.Fault{{Kind: faultproxy.Reset, Dir: faultproxy.Down, Phase: "UID SEARCH"}}
	})
	if res := runLoge(t, time.Minute, env, args...); res.code != 1 {
		t.Fatalf("the reset in the UID SEARCH did not fail the sync: exit %d %s\n%s", res.code, res.stderr, strings.Join(px.Log(), "\n"))
	}
	if px.Fired()[faultproxy.Reset] != 1 {
		t.Fatalf("the fault did not fire: %v", px.Log())
	}
	px.SetPlan(nil)
	if res := runLoge(t, time.Minute, env, args...); res.code != 0 {
		t.Fatalf("sync without faults: %s", res.stderr)
	}
	local, bad := deskState(t, db)
	for _, b := range bad {
		t.Errorf("desk: %s", b)
	}
	if lost, extra, flags, detail := diff(srv.state(), local); lost+extra+flags > 0 {
		t.Errorf("%d lost, %d extra, %d flags:\n  %s", lost, extra, flags, strings.Join(detail, "\n  "))
	}
}

// `loge sync --idle` (the mail worker) through a proxy that breaks its IDLE: resets, truncations,
// stalls and drips right after "+ idling" or in the middle of the server's announcements, while
// mail arrives, flags change and mail is expunged in the Inbox. The worker reconnects on its own
// and the desk's Inbox catches up with the server without a restart.
func TestFaultIdleReconnects(t *testing.T) {
	d := imaptest.RealDovecot(t)
	user, pass := newIMAPUser(t, d)
	srv := newMailServer(t, d, user, pass, 21, 50)
	db := filepath.Join(t.TempDir(), "desk.db")
	if code, _, errs := runCLI(t, "init", "--db", db); code != 0 {
		t.Fatal(errs)
	}
	breaks := runs(6, 16) // connections with a planned break
	plan := func(n int, r *rand.Rand) []faultproxy.Fault {
		if n >= breaks {
			return nil
		}
		// A stall or a drip first (sometimes), then the break.
		slow := []faultproxy.Kind{faultproxy.Stall, faultproxy.Drip}[r.Intn(2)]
		brk := []faultproxy.Kind{faultproxy.Reset, faultproxy.Truncate}[r.Intn(2)]
		return []faultproxy.Fault{
			{Kind: slow, Dir: faultproxy.Down, Phase: "IDLE", After: r.Intn(50), Pause: time.Duration(100+r.Intn(400)) * time.Millisecond, Bytes: 1 + r.Intn(60)},
			{Kind: brk, Dir: faultproxy.Dir(r.Intn(2)), Phase: "IDLE", After: 60 + r.Intn(300)},
		}
	}
	px, err := faultproxy.Start(net.JoinHostPort(d.Host, strconv.Itoa(d.Port)), baseSeed(t), plan)
	if err != nil {
		t.Fatal(err)
	}
	defer px.Close()
	// A 15 s keepalive: when Dovecot announces nothing during an IDLE (it happens under load), the
	// worker's own check catches up, as it would after 4 minutes on a desk.
	cmd, _, errb, err := startLoge([]string{"LOGE_FAULT_PASS=" + pass, "LOGE_IMAP_KEEPALIVE=15s"}, append(syncArgs(db, px.Port(), user), "--idle")...)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { cmd.Process.Kill(); cmd.Wait() }()
	start := time.Now()
	// Changes while the faults fire, then until every planned connection was used.
	// The mail and the team worker each hold a connection; the team's folder stays quiet, so its
	// IDLE rarely breaks. Changes go on until the Inbox's connection broke `target` times and
	// came back after each.
	target := runs(3, 6)
	broken := func() int { f := px.Fired(); return f[faultproxy.Reset] + f[faultproxy.Truncate] }
	for time.Since(start) < 90*time.Second && (broken() < target || px.Conns() < broken()+2 || time.Since(start) < 3*time.Second) {
		srv.change(1)
		time.Sleep(300 * time.Millisecond)
	}
	srv.change(2)
	want := srv.state()["INBOX"]
	var got map[uint32]string
	// A minute at most: on a loaded machine Dovecot's IDLE announcement and the worker's reconnect
	// after the last break took more than the 20 s once asked (the loop ends as soon as it matches).
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(250 * time.Millisecond) {
		local, _ := deskState(t, db)
		if got = local["INBOX"]; len(got) == len(want) {
			if _, extra, flags, _ := diff(mailState{"INBOX": want}, mailState{"INBOX": got}); extra+flags == 0 {
				break
			}
		}
	}
	// A break planned on a live connection can still fire while the Inbox catches up (the team
	// worker's quiet IDLE, the last changes): the worker gets its time to come back after it too
	// (its backoff is seconds), or the check below would read a reconnect not yet made.
	for deadline := time.Now().Add(30 * time.Second); px.Conns() < broken()+2 && time.Now().Before(deadline); {
		time.Sleep(100 * time.Millisecond)
	}
	lost, extra, flags, detail := diff(mailState{"INBOX": want}, mailState{"INBOX": got})
	report(t, "TestFaultIdleReconnects: %d connections, faults fired: %s; %d appended, %d flag changes, %d expunged; Inbox %d messages, lost %d, extra %d, flags %d after %v",
		px.Conns(), faultproxy.Summary(px.Fired()), srv.appended, srv.flagged, srv.expunged, len(want), lost, extra, flags, time.Since(start).Round(time.Millisecond))
	// The child stops before its stderr is read: the buffer is written by os/exec's copier until then.
	cmd.Process.Kill()
	cmd.Wait()
	if lost+extra+flags > 0 {
		t.Errorf("the Inbox did not catch up: %d lost, %d extra, %d flags\n  %s\nstderr:\n%s\nproxy:\n%s", lost, extra, flags,
			strings.Join(detail, "\n  "), errb, strings.Join(px.Log(), "\n"))
	}
	if b := broken(); b < target || px.Conns() < b+2 {
		t.Errorf("%d connections for %d breaks: the worker did not come back after its IDLE broke\n%s", px.Conns(), b, errb)
	}
	checkIntegrity(t, db)
	// Each outage is said in a sentence ("Offline: The server cannot be reached…").
	offline := map[string]int{}
	for _, l := range strings.Split(errb.String(), "\n") {
		if strings.HasPrefix(l, "Offline") {
			offline[l]++
			if strings.Contains(l, "Something went wrong") {
				t.Errorf("an outage shown as an unexpected error: %q", l)
			}
		}
	}
	t.Logf("outages printed: %v", offline)
}
