package imap

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"loge/data/desk"
	"loge/data/store"

	"github.com/emersion/go-imap/v2"
)

func stats(t *testing.T, st *store.Store) desk.Stats {
	t.Helper()
	s, err := st.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestMemServerInitialAndIncremental(t *testing.T) {
	cfg, _ := memServer(t)
	st, acct := newStore(t)
	c := client(t, cfg)
	for i := 1; i <= 30; i++ {
		appendMail(t, c, "INBOX", guestMail(i, ""))
	}
	rs := syncOnce(t, st, acct, cfg)
	if len(rs) != 1 || rs[0].Added != 30 || stats(t, st).Messages != 30 {
		t.Fatalf("initial: %+v, %d stored", rs, stats(t, st).Messages)
	}
	// No CONDSTORE here: flags come from a full refresh.
	if _, err := c.Select("INBOX", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	if err := c.Store(imap.UIDSetNum(3), &imap.StoreFlags{Op: imap.StoreFlagsAdd, Flags: []imap.Flag{imap.FlagSeen, "$Loge_Done"}, Silent: true}, nil).Close(); err != nil {
		t.Fatal(err)
	}
	appendMail(t, c, "INBOX", guestMail(31, "Taxi pour Orly"))
	rs = syncOnce(t, st, acct, cfg)
	if rs[0].Added != 1 || stats(t, st).Messages != 31 {
		t.Fatalf("incremental: %+v", rs)
	}
	indexAll(t, st)
	hits, _ := st.Search(context.Background(), "orly", 5)
	if len(hits) != 1 {
		t.Fatalf("new mail not searchable: %+v", hits)
	}
	mb := mailboxNamed(t, st, acct, "INBOX")
	ts, _ := st.Threads(context.Background(), mb.ID, 100)
	var seenDone bool
	for _, th := range ts {
		m, _ := st.Message(context.Background(), th.LatestID)
		if m.UID == 3 && m.Seen() && slices.ContainsFunc(m.Flags, func(f string) bool { return strings.EqualFold(f, "$Loge_Done") }) {
			seenDone = true
		}
	}
	if !seenDone {
		t.Fatal("flags set on the server did not arrive")
	}
}

func TestDovecotInitialSyncFlagsExpungeAndNoOp(t *testing.T) {
	d := realDovecot(t)
	ctx := context.Background()
	cfg := d.cfg(false)
	c := client(t, cfg)
	box := fmt.Sprintf("T%d", time.Now().UnixNano())
	if err := c.Create(box, nil).Wait(); err != nil {
		t.Fatal(err)
	}
	const n = 2000
	for i := 1; i <= n; i++ {
		var flags []imap.Flag
		if i%3 == 0 {
			flags = append(flags, imap.FlagSeen)
		}
		appendMail(t, c, box, guestMail(i, ""), flags...)
	}
	st, acct := newStore(t)
	var progress atomic.Int32
	dc := client(t, cfg)
	s := &Syncer{St: st, C: dc, Account: acct, Mailboxes: []string{box}, OnProgress: func(Progress) { progress.Add(1) }}
	rs, err := s.SyncAll(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if rs[0].Added != n || stats(t, st).Messages != n {
		t.Fatalf("initial sync stored %d of %d", stats(t, st).Messages, n)
	}
	if progress.Load() < n/progressEvery {
		t.Fatalf("progress reported %d times", progress.Load())
	}
	if u := stats(t, st).Unread; u != n-n/3 {
		t.Fatalf("unread %d, want %d", u, n-n/3)
	}
	// No-op: nothing changed.
	if rs, err = s.SyncAll(ctx); err != nil || !rs[0].NoOp {
		t.Fatalf("second sync not a no-op: %+v %v", rs, err)
	}
	// Server-side flag change and expunge, seen through CONDSTORE.
	if _, err := c.Select(box, nil).Wait(); err != nil {
		t.Fatal(err)
	}
	if err := c.Store(imap.UIDSetNum(1, 2), &imap.StoreFlags{Op: imap.StoreFlagsAdd, Flags: []imap.Flag{imap.FlagFlagged}, Silent: true}, nil).Close(); err != nil {
		t.Fatal(err)
	}
	if err := c.Store(imap.UIDSetNum(10), &imap.StoreFlags{Op: imap.StoreFlagsAdd, Flags: []imap.Flag{imap.FlagDeleted}, Silent: true}, nil).Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.UIDExpunge(imap.UIDSetNum(10)).Collect(); err != nil {
		t.Fatal(err)
	}
	rs, err = s.SyncAll(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if rs[0].Flagged < 2 || rs[0].Vanished != 1 || rs[0].NoOp {
		t.Fatalf("after flags and expunge: %+v", rs[0])
	}
	if stats(t, st).Messages != n-1 {
		t.Fatalf("expunged message still counted: %d", stats(t, st).Messages)
	}
	// The vanished message is tombstoned, not deleted: still readable by Message-ID.
	if _, err := st.MessageIDByHeader(ctx, "m10-"); err == nil {
		t.Log("lookup by partial id should not match") // ids carry a random suffix
	}
}

func TestDovecotLocalChangesReplayed(t *testing.T) {
	d := realDovecot(t)
	ctx := context.Background()
	cfg := d.cfg(false)
	c := client(t, cfg)
	box := fmt.Sprintf("R%d", time.Now().UnixNano())
	arch := box + "-archive"
	for _, b := range []string{box, arch} {
		if err := c.Create(b, nil).Wait(); err != nil {
			t.Fatal(err)
		}
	}
	for i := 1; i <= 5; i++ {
		appendMail(t, c, box, guestMail(i, ""))
	}
	st, acct := newStore(t)
	syncOnce(t, st, acct, cfg, box, arch)
	mb := mailboxNamed(t, st, acct, box)
	archive := mailboxNamed(t, st, acct, arch)
	ths, _ := st.Threads(ctx, mb.ID, 10)
	// Offline (no connection open): read one, archive another. The GUI sees both at once.
	read, moved := ths[0].LatestID, ths[1].LatestID
	movedMsg, _ := st.Message(ctx, moved)
	if err := st.ChangeFlags(ctx, read, []string{`\Seen`, "$Loge_Done"}, nil); err != nil {
		t.Fatal(err)
	}
	if err := st.MoveMessage(ctx, moved, archive.ID); err != nil {
		t.Fatal(err)
	}
	if m, _ := st.Message(ctx, moved); m.MailboxID != archive.ID {
		t.Fatal("move not shown locally at once")
	}
	if n, _ := st.JournalCount(ctx); n != 2 {
		t.Fatalf("journal has %d entries", n)
	}
	// Back online: replay, then sync.
	dc := client(t, cfg)
	s := &Syncer{St: st, C: dc, Account: acct, Mailboxes: []string{box, arch}}
	if n, err := s.Replay(ctx); err != nil || n != 2 {
		t.Fatalf("replay: %d %v", n, err)
	}
	if _, err := s.SyncAll(ctx); err != nil {
		t.Fatal(err)
	}
	if n, _ := st.JournalCount(ctx); n != 0 {
		t.Fatalf("journal not drained: %d", n)
	}
	// On the server: the flag is set and the message moved.
	if _, err := c.Select(arch, nil).Wait(); err != nil {
		t.Fatal(err)
	}
	sd, err := c.UIDSearch(&imap.SearchCriteria{Header: []imap.SearchCriteriaHeaderField{{Key: "Message-Id", Value: movedMsg.MessageID}}}, nil).Wait()
	if err != nil || len(sd.AllUIDs()) != 1 {
		t.Fatalf("moved message not in %s on the server: %v %v", arch, sd, err)
	}
	if _, err := c.Select(box, nil).Wait(); err != nil {
		t.Fatal(err)
	}
	sd, err = c.UIDSearch(&imap.SearchCriteria{Flag: []imap.Flag{imap.FlagSeen, "$Loge_Done"}}, nil).Wait()
	if err != nil || len(sd.AllUIDs()) != 1 {
		t.Fatalf("flags not on the server: %v %v", sd, err)
	}
	// Locally: one copy of the moved message, re-keyed into the archive with its new UID.
	if s := stats(t, st); s.Messages != 5 {
		t.Fatalf("moved message duplicated or lost: %d", s.Messages)
	}
	if m, _ := st.Message(ctx, moved); m.UID == 0 || m.MailboxID != archive.ID {
		t.Fatalf("moved message not re-keyed: %+v", m)
	}
}

func TestDovecotUIDValidityChangeKeepsLinks(t *testing.T) {
	d := realDovecot(t)
	ctx := context.Background()
	cfg := d.cfg(false)
	c := client(t, cfg)
	box := fmt.Sprintf("V%d", time.Now().UnixNano())
	if err := c.Create(box, nil).Wait(); err != nil {
		t.Fatal(err)
	}
	var raws [][]byte
	for i := 1; i <= 4; i++ {
		raws = append(raws, guestMail(i, ""))
		appendMail(t, c, box, raws[i-1])
	}
	st, acct := newStore(t)
	syncOnce(t, st, acct, cfg, box)
	mb := mailboxNamed(t, st, acct, box)
	ths, _ := st.Threads(ctx, mb.ID, 10)
	g := desk.Guest{LastName: "Tanaka"}
	st.CreateGuest(ctx, &g)
	if err := st.CreateLink(ctx, &desk.Link{ThreadID: ths[0].ThreadID, TargetKind: "guest", TargetID: g.ID}); err != nil {
		t.Fatal(err)
	}
	// Delete and recreate the mailbox with three of the four messages: a new UIDVALIDITY.
	if err := c.Delete(box).Wait(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(1100 * time.Millisecond) // Dovecot's UIDVALIDITY is a timestamp
	if err := c.Create(box, nil).Wait(); err != nil {
		t.Fatal(err)
	}
	for _, raw := range raws[:3] {
		appendMail(t, c, box, raw)
	}
	rs := syncOnce(t, st, acct, cfg, box)
	if !rs[0].Rekeyed || rs[0].Added != 0 || rs[0].Vanished != 1 {
		t.Fatalf("rekey result: %+v", rs[0])
	}
	if s := stats(t, st); s.Messages != 3 {
		t.Fatalf("after rekey %d live messages, want 3", s.Messages)
	}
	links, _ := st.LinksTo(ctx, "guest", g.ID)
	if len(links) != 1 {
		t.Fatal("link lost")
	}
	if msgs, _ := st.ThreadMessages(ctx, links[0].ThreadID); len(msgs) == 0 {
		t.Fatal("linked thread lost its messages")
	}
	live, _ := st.LiveUIDs(ctx, mb.ID)
	if len(live) != 3 {
		t.Fatalf("live UIDs %v", live)
	}
}

// cutProxy forwards to target and, while armed, cuts every connection after limit bytes from the server.
type cutProxy struct {
	ln     net.Listener
	target string
	limit  atomic.Int64
	mu     sync.Mutex
	conns  []net.Conn
	paused atomic.Bool // refuse new connections, as a dead network would
}

// dropAll cuts every open connection, as a Wi-Fi outage does.
func (p *cutProxy) dropAll() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

func newCutProxy(t *testing.T, target string) *cutProxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &cutProxy{ln: ln, target: target}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			in, err := ln.Accept()
			if err != nil {
				return
			}
			if p.paused.Load() {
				in.Close()
				continue
			}
			out, err := net.Dial("tcp", target)
			if err != nil {
				in.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, in, out)
			p.mu.Unlock()
			go func() { io.Copy(out, in); out.Close() }()
			go func() {
				if lim := p.limit.Load(); lim > 0 {
					io.CopyN(in, out, lim)
					in.Close()
					out.Close()
					return
				}
				io.Copy(in, out)
				in.Close()
			}()
		}
	}()
	return p
}

func (p *cutProxy) port() int { return p.ln.Addr().(*net.TCPAddr).Port }

func TestDovecotDroppedMidFetchResumes(t *testing.T) {
	d := realDovecot(t)
	ctx := context.Background()
	cfg := d.cfg(false)
	c := client(t, cfg)
	box := fmt.Sprintf("D%d", time.Now().UnixNano())
	if err := c.Create(box, nil).Wait(); err != nil {
		t.Fatal(err)
	}
	const n = 1200
	for i := 1; i <= n; i++ {
		appendMail(t, c, box, guestMail(i, ""))
	}
	st, acct := newStore(t)
	p := newCutProxy(t, fmt.Sprintf("%s:%d", d.Host, d.Port))
	pcfg := cfg
	pcfg.Port, pcfg.Security = p.port(), SecurityPlain // plain over loopback through the proxy
	p.limit.Store(400_000)                             // the link dies somewhere in the middle
	dc, err := Dial(ctx, pcfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	s := &Syncer{St: st, C: dc, Account: acct, Mailboxes: []string{box}}
	if _, err := s.SyncAll(ctx); err == nil {
		t.Fatal("sync through a cut link succeeded")
	}
	dc.Close()
	partial := stats(t, st).Messages
	if partial == 0 || partial >= n {
		t.Fatalf("expected a partial sync, got %d of %d", partial, n)
	}
	p.limit.Store(0)
	rs := syncOnce(t, st, acct, pcfg, box)
	if got := stats(t, st).Messages; got != n || rs[0].Added != n-partial {
		t.Fatalf("resumed: %d stored (%d added after %d), want %d", got, rs[0].Added, partial, n)
	}
}

func TestDovecotSecurityAndErrors(t *testing.T) {
	d := realDovecot(t)
	ctx := context.Background()
	cfg := d.cfg(false)
	// Implicit TLS with the CA file: fine. Without: refused, with the fingerprint.
	if c, err := Dial(ctx, cfg, nil); err != nil {
		t.Fatalf("TLS with CA file: %v", err)
	} else {
		c.Close()
	}
	noCA := cfg
	noCA.CAFile = ""
	_, err := Dial(ctx, noCA, nil)
	var ce *CertError
	if !errors.As(err, &ce) || len(ce.Fingerprint) != 95 || !strings.Contains(ce.Fingerprint, ":") {
		t.Fatalf("untrusted certificate: %v", err)
	}
	// STARTTLS on the plain port: upgraded, verified.
	st := cfg
	st.Port, st.Security = d.Port, SecuritySTARTTLS
	if c, err := Dial(ctx, st, nil); err != nil {
		t.Fatalf("STARTTLS: %v", err)
	} else {
		c.Close()
	}
	// STARTTLS required against a server that does not offer it: refused, never plain.
	mcfg, _ := memServer(t)
	mcfg.Security = SecuritySTARTTLS
	if _, err := Dial(ctx, mcfg, nil); !errors.Is(err, ErrNoSTARTTLS) {
		t.Fatalf("STARTTLS not offered: %v", err)
	}
	bad := cfg
	bad.Secret = "wrong"
	if _, err := Dial(ctx, bad, nil); !errors.Is(err, ErrAuth) {
		t.Fatalf("wrong password: %v", err)
	}
	closed := cfg
	closed.Port = freePortPair() + 1
	if _, err := Dial(ctx, closed, nil); !errors.Is(err, ErrUnreachable) {
		t.Fatalf("closed port: %v", err)
	}
	// A TLS client against the plain port: a clear "unreachable" (not a hang).
	wrong := cfg
	wrong.Port = d.Port
	if _, err := Dial(ctx, wrong, nil); err == nil {
		t.Fatal("TLS to a plain port succeeded")
	}
}

func TestDovecotWorkerIdleNewMailAndReconnect(t *testing.T) {
	d := realDovecot(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cfg := d.cfg(true) // bob's INBOX is this test's alone
	st, acct := newStore(t)
	c := client(t, cfg)
	appendMail(t, c, "INBOX", guestMail(1, "Avant le démarrage"))
	w := NewWorker(st, acct, cfg)
	w.Keepalive = 2 * time.Second
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	waitFor := func(what string, ok func(any) bool) { t.Helper(); waitEvent(t, w, what, ok) }
	waitFor("first sync", func(ev any) bool { _, ok := ev.(Synced); return ok })
	before := stats(t, st).Messages
	appendMail(t, c, "INBOX", guestMail(2, "Pendant IDLE"))
	waitFor("new mail through IDLE", func(ev any) bool { nm, ok := ev.(NewMail); return ok && nm.Mailbox == "INBOX" })
	if stats(t, st).Messages != before+1 {
		t.Fatalf("IDLE mail not stored")
	}
	// A local change while connected reaches the server through Replay.
	ib, _ := st.MailboxByRole(ctx, acct.ID, desk.RoleInbox)
	ths, _ := st.Threads(ctx, ib.ID, 10)
	if err := st.ChangeFlags(ctx, ths[0].LatestID, []string{string(imap.FlagFlagged)}, nil); err != nil {
		t.Fatal(err)
	}
	w.Send(Replay{})
	waitFor("replay", func(ev any) bool { _, ok := ev.(Replayed); return ok })
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func TestDovecotWorkerReconnectsAfterOutage(t *testing.T) {
	d := realDovecot(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cfg := d.cfg(true)
	p := newCutProxy(t, fmt.Sprintf("%s:%d", d.Host, d.Port))
	pcfg := cfg
	pcfg.Port, pcfg.Security = p.port(), SecurityPlain
	st, acct := newStore(t)
	appendMail(t, client(t, cfg), "INBOX", guestMail(98, "Avant la panne"))
	w := NewWorker(st, acct, pcfg)
	w.Keepalive, w.MaxBackoff = time.Second, 500*time.Millisecond
	go w.Run(ctx)
	expect := func(what string, ok func(any) bool) { t.Helper(); waitEvent(t, w, what, ok) }
	expect("online", func(ev any) bool { _, ok := ev.(Online); return ok })
	expect("synced", func(ev any) bool { _, ok := ev.(Synced); return ok })
	// The network goes: connections cut, new ones refused.
	p.paused.Store(true)
	p.dropAll()
	expect("offline", func(ev any) bool { _, ok := ev.(Offline); return ok })
	// Work goes on offline: a flag change is journaled.
	ib, _ := st.MailboxByRole(ctx, acct.ID, desk.RoleInbox)
	ths, _ := st.Threads(ctx, ib.ID, 1)
	if len(ths) == 0 {
		t.Fatal("nothing synced before the outage")
	}
	if err := st.ChangeFlags(ctx, ths[0].LatestID, []string{"$Loge_Waiting"}, nil); err != nil {
		t.Fatal(err)
	}
	if n, _ := st.JournalCount(ctx); n != 1 {
		t.Fatalf("offline change not journaled: %d", n)
	}
	// The network comes back: reconnect by itself, replay, sync.
	p.paused.Store(false)
	expect("online again", func(ev any) bool { _, ok := ev.(Online); return ok })
	expect("synced again", func(ev any) bool { _, ok := ev.(Synced); return ok })
	if n, _ := st.JournalCount(ctx); n != 0 {
		t.Fatalf("journal not replayed after reconnect: %d", n)
	}
}

// waitEvent reads the worker's events until ok accepts one, failing after 20 s.
func waitEvent(t *testing.T, w *Worker, what string, ok func(any) bool) {
	t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		select {
		case ev := <-w.Events():
			if ok(ev) {
				return
			}
		case <-deadline:
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}
