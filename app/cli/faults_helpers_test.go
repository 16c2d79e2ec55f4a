package cli

// Helpers of the fault, kill and disk-full tests (faults_test.go, kill_test.go, diskfull_test.go):
// fresh Dovecot users, a server that changes under a sync, the real `loge` as a child process, and
// the comparison of a desk with its mailbox.

import (
	"bytes"
	"context"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"loge/data/desk"
	"loge/data/imap"
	"loge/data/imap/imaptest"
	"loge/data/store"

	goimap "github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// report logs a test's figures and, when LOGE_FAULT_REPORT names a file (make stress), appends
// them to it: a passing test's log is not printed without -v.
func report(t testing.TB, format string, args ...any) {
	t.Helper()
	line := fmt.Sprintf(format, args...)
	t.Log(line)
	if p := os.Getenv("LOGE_FAULT_REPORT"); p != "" {
		if f, err := os.OpenFile(p, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644); err == nil {
			fmt.Fprintf(f, "%s\n\n", line)
			f.Close()
		}
	}
}

// stress reports whether the long versions run (LOGE_STRESS=1, `make stress`).
func stress() bool { return os.Getenv("LOGE_STRESS") == "1" }

// runs is fast in `go test`, long under LOGE_STRESS=1.
func runs(fast, long int) int {
	if stress() {
		return long
	}
	return fast
}

// baseSeed is LOGE_FAULT_SEED when set (to replay a failure), else fixed for the fast runs and the
// clock for the long ones.
func baseSeed(t *testing.T) int64 {
	if s := os.Getenv("LOGE_FAULT_SEED"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			t.Fatalf("LOGE_FAULT_SEED: %v", err)
		}
		return n
	}
	if stress() {
		return time.Now().UnixNano() % 1_000_000
	}
	return 1
}

var (
	usersOnce sync.Once
	usersErr  error
	userSeq   atomic.Int64
)

// poolSize users are added at once: Dovecot does not see a user added to its passwd-file at once
// (the first login fails, after seconds of failure delay), so the file gets them all before the
// first is used.
const poolSize = 400

// newIMAPUser gives a test a Dovecot user of its own, added to the test Dovecot's passwd-file, so
// that it compares a whole account nobody else writes to.
func newIMAPUser(t testing.TB, d imaptest.Dovecot) (user, pass string) {
	t.Helper()
	name := func(i int64) string { return fmt.Sprintf("f%d_%d", os.Getpid(), i) }
	usersOnce.Do(func() {
		f, err := os.OpenFile(filepath.Join(d.ServerDir, "users"), os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			usersErr = err
			return
		}
		for i := int64(1); i <= poolSize; i++ {
			fmt.Fprintf(f, "%s:{PLAIN}%spw\n", name(i), name(i))
		}
		f.Close()
		for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(100 * time.Millisecond) {
			c, err := imap.Dial(context.Background(), imap.Config{Host: d.Host, Port: d.Port, Security: imap.SecurityPlain, User: name(poolSize), Secret: name(poolSize) + "pw"}, nil)
			if err == nil {
				c.Close()
				return
			}
			if time.Now().After(deadline) {
				usersErr = err
				return
			}
		}
	})
	if usersErr != nil {
		t.Skipf("cannot add Dovecot users (%v): the fault tests need accounts of their own", usersErr)
	}
	n := userSeq.Add(1)
	if n > poolSize {
		t.Fatalf("more than %d fault-test users in one process", poolSize)
	}
	return name(n), name(n) + "pw"
}

// dialDirect logs user in on the Dovecot itself, not through a proxy.
func dialDirect(t testing.TB, d imaptest.Dovecot, user, pass string) *imapclient.Client {
	t.Helper()
	var err error
	for i := 0; i < 3; i++ {
		var c *imapclient.Client
		if c, err = imap.Dial(context.Background(), imap.Config{Host: d.Host, Port: d.Port, Security: imap.SecurityPlain, User: user, Secret: pass}, nil); err == nil {
			t.Cleanup(func() { c.Close() })
			return c
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("login %s: %v", user, err)
	return nil
}

// mailServer is one user's mailbox on the Dovecot, changed at random between and during syncs.
type mailServer struct {
	t         testing.TB
	c         *imapclient.Client
	seed      uint64
	rng       *rand.Rand
	mailboxes []string
	next      int // corpus index of the next new mail
	mu        sync.Mutex
	// what was done, for the report
	appended, flagged, expunged int
}

// newMailServer gives the user's mail folders (subscribed, so Loge syncs them) n mails in all: the
// Inbox's through APPEND, the other folders' written straight into the Maildir (APPENDs were most
// of a seed's time on a busy machine).
func newMailServer(t testing.TB, d imaptest.Dovecot, user, pass string, seed int64, n int, folders ...string) *mailServer {
	t.Helper()
	per := n / (len(folders) + 1)
	for i, f := range folders {
		// A seed of the folder's own: the changes append corpus mails of the server's seed, and a
		// folder must not hold one Message-ID twice.
		if _, err := imaptest.FillMaildir(d.ServerDir, user, f, uint64(seed)+uint64(i+1)*1_000_000, per); err != nil {
			t.Fatal(err)
		}
	}
	m := &mailServer{t: t, c: dialDirect(t, d, user, pass), seed: uint64(seed), rng: rand.New(rand.NewSource(seed)), mailboxes: append([]string{"INBOX"}, folders...)}
	for _, f := range folders {
		if err := m.c.Subscribe(f).Wait(); err != nil {
			t.Fatal(err)
		}
	}
	// Pipelined, 50 at a time: one round trip (and one fsync) each.
	var pending []*imapclient.AppendCommand
	for i := 0; i < n-per*len(folders); i++ {
		pending = append(pending, m.startAppend("INBOX"))
		if len(pending) == 50 || i == n-per*len(folders)-1 {
			for _, cmd := range pending {
				m.waitAppend(cmd)
			}
			pending = pending[:0]
		}
	}
	return m
}

func (m *mailServer) startAppend(box string) *imapclient.AppendCommand {
	m.next++
	raw := imaptest.CorpusMessage(m.seed, m.next)
	var flags []goimap.Flag
	for _, f := range imaptest.CorpusFlags(m.seed, m.next) {
		flags = append(flags, goimap.Flag(f))
	}
	cmd := m.c.Append(box, int64(len(raw)), &goimap.AppendOptions{Flags: flags})
	cmd.Write(raw)
	cmd.Close()
	return cmd
}

func (m *mailServer) waitAppend(cmd *imapclient.AppendCommand) {
	if _, err := cmd.Wait(); err != nil {
		m.t.Errorf("append: %v", err)
	}
	m.appended++
}

func (m *mailServer) appendMail(box string) { m.waitAppend(m.startAppend(box)) }

// change makes k random changes: new mail, flags set or cleared, messages expunged.
func (m *mailServer) change(k int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for i := 0; i < k; i++ {
		box := m.mailboxes[m.rng.Intn(len(m.mailboxes))]
		switch op := m.rng.Intn(10); {
		case op < 4:
			for j := 0; j <= m.rng.Intn(3); j++ {
				m.appendMail(box)
			}
		case op < 8:
			m.store(box, false)
		default:
			m.store(box, true)
		}
	}
}

// store changes the flags of a few random messages of box, or expunges them.
func (m *mailServer) store(box string, expunge bool) {
	if _, err := m.c.Select(box, nil).Wait(); err != nil {
		m.t.Errorf("select %s: %v", box, err)
		return
	}
	defer func() { m.c.Unselect().Wait() }()
	sd, err := m.c.UIDSearch(&goimap.SearchCriteria{}, nil).Wait()
	if err != nil {
		m.t.Errorf("search %s: %v", box, err)
		return
	}
	uids := sd.AllUIDs()
	if len(uids) == 0 {
		return
	}
	var set goimap.UIDSet
	for j := 0; j <= m.rng.Intn(4); j++ {
		set.AddNum(uids[m.rng.Intn(len(uids))])
	}
	if expunge {
		if err := m.c.Store(set, &goimap.StoreFlags{Op: goimap.StoreFlagsAdd, Silent: true, Flags: []goimap.Flag{goimap.FlagDeleted}}, nil).Close(); err != nil {
			m.t.Errorf("store \\Deleted: %v", err)
		}
		if err := m.c.UIDExpunge(set).Close(); err != nil {
			m.t.Errorf("expunge: %v", err)
		}
		m.expunged += len(set)
		return
	}
	flag := []goimap.Flag{goimap.FlagSeen, goimap.FlagFlagged, goimap.FlagAnswered, "$Loge_K1", "Urgent"}[m.rng.Intn(5)]
	op := goimap.StoreFlagsAdd
	if m.rng.Intn(2) == 0 {
		op = goimap.StoreFlagsDel
	}
	if err := m.c.Store(set, &goimap.StoreFlags{Op: op, Silent: true, Flags: []goimap.Flag{flag}}, nil).Close(); err != nil {
		m.t.Errorf("store flags: %v", err)
	}
	m.flagged += len(set)
}

// during changes the server every few milliseconds until the returned stop is called.
func (m *mailServer) during() (stop func()) {
	done, finished := make(chan struct{}), make(chan struct{})
	pause := time.Duration(20+m.rng.Intn(80)) * time.Millisecond
	go func() {
		defer close(finished)
		for {
			select {
			case <-done:
				return
			case <-time.After(pause):
				m.change(1)
			}
		}
	}()
	return func() { close(done); <-finished }
}

// mailState is mailbox → UID → flags (sorted, space-separated).
type mailState map[string]map[uint32]string

func flagKey(fs []string) string {
	var out []string
	for _, f := range fs {
		if !strings.EqualFold(f, `\Recent`) {
			out = append(out, f)
		}
	}
	slices.Sort(out)
	return strings.Join(out, " ")
}

// serverState reads every mail folder of the account (the team's folder aside) with its UIDs and flags.
func (m *mailServer) state() mailState {
	m.mu.Lock()
	defer m.mu.Unlock()
	list, err := m.c.List("", "*", nil).Collect()
	if err != nil {
		m.t.Fatal(err)
	}
	out := mailState{}
	for _, l := range list {
		if l.Mailbox == desk.TeamFolder || slices.Contains(l.Attrs, goimap.MailboxAttrNoSelect) {
			continue
		}
		if _, err := m.c.Select(l.Mailbox, &goimap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
			m.t.Fatal(err)
		}
		var all goimap.UIDSet
		all.AddRange(1, 0)
		res, err := m.c.Fetch(all, &goimap.FetchOptions{UID: true, Flags: true}).Collect()
		if err != nil && !strings.Contains(err.Error(), "No messages") {
			m.t.Fatalf("fetch flags of %s: %v", l.Mailbox, err)
		}
		box := map[uint32]string{}
		for _, r := range res {
			fs := make([]string, len(r.Flags))
			for i, f := range r.Flags {
				fs[i] = string(f)
			}
			box[uint32(r.UID)] = flagKey(fs)
		}
		out[l.Mailbox] = box
		m.c.Unselect().Wait()
	}
	return out
}

// deskState reads the desk's copy of the same, and what is wrong with it: a message twice under one
// UID, or one without a UID (waiting to be matched) once a sync has finished.
func deskState(t testing.TB, db string) (mailState, []string) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatalf("open %s: %v", db, err)
	}
	defer st.Close()
	mbs, err := st.Mailboxes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	out := mailState{}
	var bad []string
	for _, mb := range mbs {
		msgs, err := st.MailboxMessages(ctx, mb.ID)
		if err != nil {
			t.Fatal(err)
		}
		box := map[uint32]string{}
		ids := map[string]uint32{}
		for _, m := range msgs {
			if m.UID == 0 {
				bad = append(bad, fmt.Sprintf("%s: %q kept without a UID", mb.Name, m.MessageID))
				continue
			}
			if _, dup := box[m.UID]; dup {
				bad = append(bad, fmt.Sprintf("%s: UID %d stored twice", mb.Name, m.UID))
			}
			if u, dup := ids[m.MessageID]; dup && m.MessageID != "" {
				bad = append(bad, fmt.Sprintf("%s: %q stored twice (UIDs %d and %d)", mb.Name, m.MessageID, u, m.UID))
			}
			ids[m.MessageID] = m.UID
			box[m.UID] = flagKey(m.Flags)
		}
		out[mb.Name] = box
	}
	return out, bad
}

// diff compares the desk with the server: lost (on the server, not on the desk), extra (on the
// desk, gone from the server or never there), and flag mismatches.
func diff(server, local mailState) (lost, extra, flags int, detail []string) {
	for name, sbox := range server {
		lbox, ok := local[name]
		if !ok && len(sbox) > 0 {
			detail = append(detail, fmt.Sprintf("mailbox %s (%d messages) missing on the desk", name, len(sbox)))
		}
		for uid, f := range sbox {
			lf, ok := lbox[uid]
			switch {
			case !ok:
				lost++
				if len(detail) < 20 {
					detail = append(detail, fmt.Sprintf("%s UID %d lost", name, uid))
				}
			case lf != f:
				flags++
				if len(detail) < 20 {
					detail = append(detail, fmt.Sprintf("%s UID %d flags %q on the desk, %q on the server", name, uid, lf, f))
				}
			}
		}
	}
	for name, lbox := range local {
		for uid := range lbox {
			if _, ok := server[name][uid]; !ok {
				extra++
				if len(detail) < 20 {
					detail = append(detail, fmt.Sprintf("%s UID %d on the desk, not on the server", name, uid))
				}
			}
		}
	}
	return
}

func countMail(s mailState) int {
	n := 0
	for _, b := range s {
		n += len(b)
	}
	return n
}

// checkIntegrity runs SQLite's integrity check on the desk (store.Check) and fails on damage.
func checkIntegrity(t testing.TB, db string) {
	t.Helper()
	bad, err := store.Check(context.Background(), db)
	if err != nil || len(bad) > 0 {
		t.Fatalf("integrity check of %s: %v %v", db, err, bad)
	}
}

// logeResult is how a child `loge` ended.
type logeResult struct {
	code           int
	stdout, stderr string
	killed         bool // by the test
	took           time.Duration
}

// startLoge runs the test binary as `loge ARGS` in a process of its own, with env added.
func startLoge(env []string, args ...string) (*exec.Cmd, *bytes.Buffer, *bytes.Buffer, error) {
	cmd := logeCommand(args...)
	cmd.Env = append(append(cmd.Env, "LOGE_LANG=en"), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	return cmd, &out, &errb, cmd.Start()
}

// runLoge runs `loge ARGS` to its end; one that runs longer than limit is killed and the test fails:
// a command that never ends is a defect of its own.
func runLoge(t testing.TB, limit time.Duration, env []string, args ...string) logeResult {
	t.Helper()
	start := time.Now()
	cmd, out, errb, err := startLoge(env, args...)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var r logeResult
	select {
	case <-done:
	case <-time.After(limit):
		cmd.Process.Kill()
		<-done
		t.Errorf("loge %s still running after %v: killed\nstderr: %s", args[0], limit, errb)
		r.killed = true
	}
	r.took = time.Since(start)
	r.stdout, r.stderr = out.String(), errb.String()
	if cmd.ProcessState != nil {
		r.code = cmd.ProcessState.ExitCode()
	}
	return r
}

// lastLine is the last non-empty line of s (the CLI's error sentence; progress comes before it).
func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(strings.ReplaceAll(s, "\r", "\n")), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

// runUntilKill runs `loge ARGS` and SIGKILLs it after delay unless it ends first; it reports
// whether it was killed, and fails the test when it ended on its own with an error.
func runUntilKill(t testing.TB, delay time.Duration, env []string, args ...string) (killed bool) {
	t.Helper()
	cmd, _, errb, err := startLoge(env, args...)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(delay):
		cmd.Process.Kill()
		<-done
		killed = true
	}
	if cmd.ProcessState.ExitCode() > 0 {
		t.Errorf("loge %s ended with %d before its kill: %s", args[0], cmd.ProcessState.ExitCode(), errb)
	}
	return killed
}

// compareWithServer checks that the desk holds exactly the server's messages and flags, failing
// the test with the differences (when names the moment: "after the kills"); it gives the counts.
func compareWithServer(t testing.TB, srv *mailServer, db, when string) (server mailState, lost, extra, flags int) {
	t.Helper()
	server = srv.state()
	local, bad := deskState(t, db)
	for _, b := range bad {
		t.Errorf("desk: %s", b)
	}
	lost, extra, flags, detail := diff(server, local)
	if lost+extra+flags > 0 {
		t.Errorf("%s the desk differs from the server: %d lost, %d extra, %d flags\n  %s", when, lost, extra, flags, strings.Join(detail, "\n  "))
	}
	return server, lost, extra, flags
}
