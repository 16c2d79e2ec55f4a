package outbox

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"testing"
	"time"

	"loge/data/desk"
	"loge/data/imap"
	"loge/data/store"
)

var messageIDHeader = regexp.MustCompile(`(?m)^Message-Id: <([^>]+)>`)

// deliveries counts what the SMTP server received, by Message-ID.
func deliveries(t *testing.T, sk *Sink) map[string]int {
	t.Helper()
	n := map[string]int{}
	for _, r := range sk.Received() {
		m := messageIDHeader.FindSubmatch(bytes.ReplaceAll(r.Data, []byte("Message-ID"), []byte("Message-Id")))
		if m == nil {
			t.Fatalf("a received mail has no Message-ID:\n%s", r.Data)
		}
		n[string(m[1])]++
	}
	return n
}

func plainSMTP(sk *Sink) SMTPConfig {
	return SMTPConfig{Host: "127.0.0.1", Port: sk.Port(), Security: imap.SecurityPlain}
}

// Two drainers started together on one desk file (the window's outbox runner and a script, or two
// windows) delivered every mail twice. Each drainer here has its own connection pool to the file,
// as two processes would.
func TestTwoDrainersAtOnceSendEachMailOnce(t *testing.T) {
	ctx := context.Background()
	st, acct := newDesk(t)
	sk := sink(t, SinkOptions{Delay: 30 * time.Millisecond})
	const n = 30
	for i := 1; i <= n; i++ {
		queue(t, st, acct, i)
	}
	other, err := store.Open(ctx, st.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	var wg sync.WaitGroup
	reports := make([]Report, 4)
	errs := make([]error, 4)
	for i, s := range []*Sender{
		{St: st, SMTP: plainSMTP(sk), Wait: true},
		{St: other, SMTP: plainSMTP(sk), Wait: true},
		{St: st, SMTP: plainSMTP(sk)},    // busy: returns at once
		{St: other, SMTP: plainSMTP(sk)}, // or drains, if it came first
	} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			reports[i], errs[i] = s.Drain(ctx)
		}()
	}
	wg.Wait()
	sent := 0
	for i := range reports {
		if errs[i] != nil && !errors.Is(errs[i], ErrBusy) {
			t.Fatalf("drainer %d: %v", i, errs[i])
		}
		sent += reports[i].Sent
	}
	got := deliveries(t, sk)
	if len(got) != n || sent != n {
		t.Fatalf("%d distinct mails delivered, %d reported sent, want %d", len(got), sent, n)
	}
	for id, k := range got {
		if k != 1 {
			t.Errorf("%s delivered %d times", id, k)
		}
	}
}

// The server took the mail and the line dropped before its 250 arrived: the mail may have gone out.
// It becomes unsure and is never sent again on its own; the user decides.
func TestNoAnswerToDataIsUnsureNeverResent(t *testing.T) {
	ctx := context.Background()
	st, acct := newDesk(t)
	sk := sink(t, SinkOptions{})
	o1 := queue(t, st, acct, 1)
	queue(t, st, acct, 2)
	sk.DropAfterData.Store(true)
	now := time.Now()
	s := &Sender{St: st, SMTP: plainSMTP(sk), Now: func() time.Time { return now }}
	rep, err := s.Drain(ctx)
	if err == nil || rep.Unsure != 1 || rep.Sent != 0 {
		t.Fatalf("drop after DATA: %+v %v", rep, err)
	}
	item, _ := st.OutboxItem(ctx, o1.ID)
	if item.State != desk.OutboxUnsure || item.LastError == "" {
		t.Fatalf("mail 1 is %s (%q), want unsure with a reason", item.State, item.LastError)
	}
	// Later drains, past every backoff and recheck: mail 2 goes, mail 1 is never sent again.
	for i := 0; i < 3; i++ {
		now = now.Add(time.Hour)
		if _, err := s.Drain(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if got := deliveries(t, sk); got[o1.MessageID] != 1 || len(got) != 2 {
		t.Fatalf("deliveries %v", got)
	}
	if item, _ = st.OutboxItem(ctx, o1.ID); item.State != desk.OutboxUnsure {
		t.Fatalf("mail 1 is %s", item.State)
	}
	if stats, _ := st.Stats(ctx); stats.OutboxPending != 1 {
		t.Fatalf("the unsure mail is not counted as needing attention: %d", stats.OutboxPending)
	}
	// "Mark as sent": done, nothing goes out.
	if err := st.ResolveUnsure(ctx, o1.ID, false); err != nil {
		t.Fatal(err)
	}
	if item, _ = st.OutboxItem(ctx, o1.ID); item.State != desk.OutboxSent || item.SentAt.IsZero() {
		t.Fatalf("after mark as sent: %s", item.State)
	}
	if err := st.ResolveUnsure(ctx, o1.ID, true); err == nil {
		t.Fatal("a sent mail was put back in the queue")
	}
	// "Send again" is the user's choice, and then it goes once more.
	o3 := queue(t, st, acct, 3)
	sk.DropAfterData.Store(true)
	s.Drain(ctx)
	if err := st.ResolveUnsure(ctx, o3.ID, true); err != nil {
		t.Fatal(err)
	}
	if rep, err := s.Drain(ctx); err != nil || rep.Sent != 1 {
		t.Fatalf("send again: %+v %v", rep, err)
	}
	if got := deliveries(t, sk); got[o3.MessageID] != 2 {
		t.Fatalf("send again delivered %d", got[o3.MessageID])
	}
}

// A mail left "sending" by a drainer that died is looked for in Sent: there, it is done; not there,
// it waits for the user, and Sent is looked at again later (providers may file it late).
func TestAbandonedSendingIsCheckedInSentThenUnsure(t *testing.T) {
	ctx := context.Background()
	st, acct := newDesk(t)
	sk := sink(t, SinkOptions{})
	imapc, box := dovecotSent(t)
	o := queue(t, st, acct, 1)
	if ok, err := st.ClaimOutbox(ctx, o.ID); !ok || err != nil {
		t.Fatalf("claim: %v %v", ok, err)
	}
	if ok, _ := st.ClaimOutbox(ctx, o.ID); ok {
		t.Fatal("a claimed mail was claimed twice")
	}
	now := time.Now()
	s := &Sender{St: st, SMTP: plainSMTP(sk), IMAP: imapc, SentMailbox: box, Now: func() time.Time { return now }}
	if rep, err := s.Drain(ctx); err != nil || rep.Unsure != 1 {
		t.Fatalf("abandoned, not in Sent: %+v %v", rep, err)
	}
	// Before the recheck nothing is asked; after the provider filed it, the mail is done.
	full, _ := st.OutboxItem(ctx, o.ID)
	if err := s.appendSent(full.Raw); err != nil {
		t.Fatal(err)
	}
	if rep, _ := s.Drain(ctx); rep.Sent != 0 || rep.Unsure != 0 {
		t.Fatalf("looked again before the recheck: %+v", rep)
	}
	now = now.Add(desk.UnsureRecheck + time.Second)
	if rep, err := s.Drain(ctx); err != nil || rep.Sent != 1 {
		t.Fatalf("found in Sent: %+v %v", rep, err)
	}
	if len(sk.Received()) != 0 {
		t.Fatal("an abandoned mail was sent again")
	}
	if n, _ := sentCount(t, imapc, box); n != 1 {
		t.Fatalf("Sent holds %d copies", n)
	}
}

// Nothing before DATA can deliver a mail: a server that refuses the envelope for now re-queues it.
func TestRefusedBeforeDataIsRetriedNotUnsure(t *testing.T) {
	ctx := context.Background()
	st, acct := newDesk(t)
	sk := sink(t, SinkOptions{})
	o := queue(t, st, acct, 1)
	sk.Down.Store(true)
	s := &Sender{St: st, SMTP: plainSMTP(sk)}
	if _, err := s.Drain(ctx); err == nil {
		t.Fatal("no error from a server that refuses")
	}
	if item, _ := st.OutboxItem(ctx, o.ID); item.State != desk.OutboxQueued || item.Attempts != 1 {
		t.Fatalf("after a refused envelope: %s, %d attempts", item.State, item.Attempts)
	}
}

func TestLockFileIsPrivate(t *testing.T) {
	st, _ := newDesk(t)
	s := &Sender{St: st}
	if _, err := s.Drain(context.Background()); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(LockPath(st))
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 {
		t.Fatalf("lock file mode %v", perm)
	}
	if filepath.Dir(LockPath(st)) != filepath.Dir(st.Path()) {
		t.Fatal("lock file not beside the desk")
	}
}
