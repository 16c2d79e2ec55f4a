package cli

import (
	"bytes"
	"context"
	"math/rand"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"loge/data/imap/imaptest"
	"loge/data/mime"
	"loge/data/store"
)

// `loge sync` returns once the mail is browsable; `loge sync --wait-index`, SIGKILLed again and
// again while it indexes, loses nothing: each run takes only what the last did not commit, and
// once a run ends every message is searchable, indexed once, with the text Parse reads.
func TestKillIndexingLosesNothing(t *testing.T) {
	d := imaptest.RealDovecot(t)
	seed := baseSeed(t)
	mails, killRuns := runs(3000, 8000), runs(4, 12)
	_, user, pass := killMailServer(t, d, seed, mails)
	db := filepath.Join(t.TempDir(), "desk.db")
	if code, _, errs := runCLI(t, "init", "--db", db); code != 0 {
		t.Fatal(errs)
	}
	env := []string{"LOGE_FAULT_PASS=" + pass}
	args := syncArgs(db, d.Port, user)
	if res := runLoge(t, 2*time.Minute, env, args...); res.code != 0 {
		t.Fatalf("sync: %d %s", res.code, res.stderr)
	}
	st := deskStats(t, db)
	total, pending := st.Messages, st.Unindexed
	if total < mails || pending != total {
		t.Fatalf("after loge sync: %d messages, %d unindexed; want every one of the %d+ browsable, none indexed yet", total, pending, mails)
	}
	rng := rand.New(rand.NewSource(seed))
	wait := append(args, "--wait-index")
	var kills int
	var trail []string
	for k := 0; k < killRuns && pending > 0; k++ {
		if !runIndexUntilKill(t, rng, env, wait...) {
			break // it finished before its kill
		}
		kills++
		checkIntegrity(t, db)
		now := deskStats(t, db).Unindexed
		// Killed after it said how far it was: at least that batch is committed.
		if now >= pending {
			t.Fatalf("kill %d: %d messages wait, %d did before the run: its committed batches were lost", kills, now, pending)
		}
		trail = append(trail, strconv.Itoa(pending-now))
		pending = now
	}
	res := runLoge(t, 2*time.Minute, env, wait...)
	if res.code != 0 {
		t.Fatalf("sync --wait-index after the kills: %d %s", res.code, res.stderr)
	}
	if n, ok := indexedCount(res.stdout); !ok || n != pending {
		t.Errorf("the last run indexed %d (%q), %d waited: each run must take only what was not committed", n, res.stdout, pending)
	}
	checkIntegrity(t, db)
	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	after, err := s.Stats(ctx)
	if err != nil || after.Messages != total || after.Unindexed != 0 {
		t.Fatalf("after the last run: %d messages (want %d), %d unindexed (want 0), %v", after.Messages, total, after.Unindexed, err)
	}
	if err := s.CheckSearchIndex(ctx); err != nil {
		t.Fatalf("search index after the kills: %v", err)
	}
	// The text committed is the text Parse reads, for a sample of the mail.
	list, err := s.ListMessages(ctx, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	for range 25 {
		m := list[rng.Intn(len(list))]
		full, _ := s.Message(ctx, m.ID)
		raw, err := s.RawMessage(ctx, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		if full.Unindexed || full.BodyText != mime.Parse(raw).Text {
			t.Errorf("message %d: unindexed %v, stored text differs from its parse", m.ID, full.Unindexed)
		}
	}
	report(t, "TestKillIndexingLosesNothing (seed %d, %d mails): %d SIGKILLs while indexing, each after %s messages committed; the last run indexed the %d left",
		seed, total, kills, strings.Join(trail, ","), pending)
	if kills == 0 {
		t.Fatal("no run was killed while indexing: the test did not test")
	}
}

func deskStats(t *testing.T, db string) (st struct{ Messages, Unindexed int }) {
	t.Helper()
	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	stats, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	st.Messages, st.Unindexed = stats.Messages, stats.Unindexed
	return st
}

var indexedLine = regexp.MustCompile(`Indexed ([0-9,]+) messages?`)

// indexedCount reads "Indexed 1,234 messages…" from a --wait-index run's output.
func indexedCount(stdout string) (int, bool) {
	m := indexedLine.FindStringSubmatch(stdout)
	if m == nil {
		return 0, false
	}
	n, err := strconv.Atoi(strings.ReplaceAll(m[1], ",", ""))
	return n, err == nil
}

// runIndexUntilKill runs `loge ARGS` (a --wait-index sync) and SIGKILLs it at a random moment
// after it first reports indexing progress (printed once a batch is committed); killed is false
// when it ended first.
func runIndexUntilKill(t *testing.T, rng *rand.Rand, env []string, args ...string) (killed bool) {
	t.Helper()
	cmd := logeCommand(args...)
	cmd.Env = append(append(cmd.Env, "LOGE_LANG=en"), env...)
	progress := &watchWriter{want: []byte("Indexing "), seen: make(chan struct{})}
	cmd.Stderr = progress
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
		return false
	case <-progress.seen:
	case <-time.After(2 * time.Minute):
		cmd.Process.Kill()
		<-done
		t.Fatalf("loge %s never reported indexing: %s", strings.Join(args, " "), progress)
	}
	select {
	case <-done:
		return false
	case <-time.After(time.Duration(rng.Intn(400)) * time.Millisecond):
		cmd.Process.Kill()
		<-done
		return true
	}
}

// watchWriter keeps what a child writes and closes seen once want appears in it.
type watchWriter struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	want []byte
	seen chan struct{}
	once sync.Once
}

func (w *watchWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	if bytes.Contains(w.buf.Bytes(), w.want) {
		w.once.Do(func() { close(w.seen) })
	}
	return len(p), nil
}

func (w *watchWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}
