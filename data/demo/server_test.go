package demo

import (
	"bytes"
	"context"
	"errors"
	"net"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

func startServer(t *testing.T) *Server {
	t.Helper()
	s, err := StartServer(context.Background(), testNow)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// dial connects and logs in; options may be nil.
func dial(t *testing.T, s *Server, options *imapclient.Options) *imapclient.Client {
	t.Helper()
	c, err := imapclient.DialInsecure(s.Addr(), options)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	if err := c.Login(s.User(), s.Password()).Wait(); err != nil {
		t.Fatal(err)
	}
	return c
}

func mailsIn(box string, now time.Time) []Mail {
	var l []Mail
	for _, m := range Mails(now) {
		if m.Mailbox == box {
			l = append(l, m)
		}
	}
	return l
}

// sameFlags compares flag lists ignoring order and case (imapmemserver lowercases every flag).
func sameFlags(got []imap.Flag, want []string) bool {
	norm := func(l []string) []string {
		out := make([]string, len(l))
		for i, f := range l {
			out[i] = strings.ToLower(f)
		}
		slices.Sort(out)
		return out
	}
	g := make([]string, len(got))
	for i, f := range got {
		g[i] = string(f)
	}
	return slices.Equal(norm(g), norm(want))
}

func TestServerAddr(t *testing.T) {
	s := startServer(t)
	if s.Port() <= 0 || s.Addr() != net.JoinHostPort("127.0.0.1", strconv.Itoa(s.Port())) {
		t.Errorf("Addr %q, Port %d", s.Addr(), s.Port())
	}
	if s.User() != DeskEmail || s.Password() == "" {
		t.Errorf("User %q, Password %q", s.User(), s.Password())
	}
	s2 := startServer(t)
	if s2.Port() == s.Port() {
		t.Error("two servers on the same port")
	}
}

func TestServerLogin(t *testing.T) {
	s := startServer(t)
	c, err := imapclient.DialInsecure(s.Addr(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Login(s.User(), "wrong").Wait(); err == nil {
		t.Error("login with a wrong password succeeded")
	}
	if err := c.Login(s.User(), s.Password()).Wait(); err != nil {
		t.Fatalf("login: %v", err)
	}
	caps := c.Caps()
	for _, cp := range []imap.Cap{imap.CapIMAP4rev1, imap.CapIdle, imap.CapUIDPlus, imap.CapMove, imap.CapSpecialUse,
		imap.CapNamespace, imap.CapESearch, imap.CapListStatus, imap.CapUnselect} {
		if !caps.Has(cp) {
			t.Errorf("capability %s missing", cp)
		}
	}
	for _, cp := range []imap.Cap{imap.CapCondStore, imap.CapQResync, imap.CapIMAP4rev2} {
		if caps.Has(cp) {
			t.Errorf("capability %s offered, the server cannot do it", cp)
		}
	}
}

func TestServerMailboxes(t *testing.T) {
	s := startServer(t)
	c := dial(t, s, nil)

	list, err := c.List("", "*", &imap.ListOptions{ReturnStatus: &imap.StatusOptions{NumMessages: true, NumUnseen: true}}).Collect()
	if err != nil {
		t.Fatal(err)
	}
	wantUse := map[string]imap.MailboxAttr{BoxInbox: "", BoxSent: imap.MailboxAttrSent, BoxDrafts: imap.MailboxAttrDrafts,
		BoxArchive: imap.MailboxAttrArchive, BoxTrash: imap.MailboxAttrTrash}
	if len(list) != len(wantUse) {
		t.Fatalf("LIST: %d mailboxes, want %d", len(list), len(wantUse))
	}
	all := Mails(testNow)
	for _, d := range list {
		use, ok := wantUse[d.Mailbox]
		if !ok {
			t.Errorf("unexpected mailbox %q", d.Mailbox)
			continue
		}
		if use != "" && !slices.Contains(d.Attrs, use) {
			t.Errorf("%s: attrs %v lack %s", d.Mailbox, d.Attrs, use)
		}
		if !slices.Contains(d.Attrs, imap.MailboxAttrSubscribed) || !slices.Contains(d.Attrs, imap.MailboxAttrHasNoChildren) {
			t.Errorf("%s: attrs %v", d.Mailbox, d.Attrs)
		}
		var n, unseen uint32
		for _, m := range all {
			if m.Mailbox == d.Mailbox {
				n++
				if !slices.Contains(m.Flags, `\Seen`) {
					unseen++
				}
			}
		}
		if d.Status == nil || d.Status.NumMessages == nil || *d.Status.NumMessages != n || *d.Status.NumUnseen != unseen {
			t.Errorf("%s: status %+v, want %d messages, %d unseen", d.Mailbox, d.Status, n, unseen)
		}
	}

	special, err := c.List("", "*", &imap.ListOptions{SelectSpecialUse: true}).Collect()
	if err != nil {
		t.Fatal(err)
	}
	if len(special) != 4 {
		t.Errorf("LIST (SPECIAL-USE): %d mailboxes, want 4", len(special))
	}

	// A folder the user creates is listed and mirrors subscription and hierarchy.
	if err := c.Create("Archive/2025", nil).Wait(); err != nil {
		t.Fatal(err)
	}
	list, err = c.List("", "Archive*", nil).Collect()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].Mailbox != "Archive" || !slices.Contains(list[0].Attrs, imap.MailboxAttrHasChildren) ||
		list[1].Mailbox != "Archive/2025" || slices.Contains(list[1].Attrs, imap.MailboxAttrSubscribed) {
		t.Errorf("LIST Archive*: %+v", list)
	}
	if err := c.Delete("Archive/2025").Wait(); err != nil {
		t.Fatal(err)
	}
	if list, _ := c.List("", "*", nil).Collect(); len(list) != 5 {
		t.Errorf("after DELETE: %d mailboxes", len(list))
	}
}

func TestServerInboxContent(t *testing.T) {
	s := startServer(t)
	c := dial(t, s, nil)

	inbox := mailsIn(BoxInbox, testNow)
	if len(inbox) == 0 {
		t.Fatal("no demo INBOX mail")
	}
	if !slices.IsSortedFunc(inbox, func(a, b Mail) int { return a.Date.Compare(b.Date) }) {
		t.Error("Mails is not oldest first: server UIDs would not match Seed's")
	}
	sel, err := c.Select(BoxInbox, nil).Wait()
	if err != nil {
		t.Fatal(err)
	}
	if int(sel.NumMessages) != len(inbox) {
		t.Fatalf("SELECT INBOX: %d messages, want %d", sel.NumMessages, len(inbox))
	}

	// UID FETCH 1: the oldest INBOX mail, byte for byte.
	peek := &imap.FetchItemBodySection{Peek: true}
	msgs, err := c.Fetch(imap.UIDSetNum(1), &imap.FetchOptions{UID: true, BodySection: []*imap.FetchItemBodySection{peek}}).Collect()
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 1 || !bytes.Equal(msgs[0].FindBodySection(peek), inbox[0].Raw) {
		t.Fatal("UID FETCH 1 BODY.PEEK[] differs from the oldest INBOX mail")
	}

	// Every mailbox: UIDs 1…n in Mails order, flags and INTERNALDATE preserved.
	for _, box := range []string{BoxInbox, BoxSent, BoxDrafts, BoxArchive, BoxTrash} {
		want := mailsIn(box, testNow)
		if _, err := c.Select(box, &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
			t.Fatal(err)
		}
		if len(want) == 0 {
			continue
		}
		var uids imap.UIDSet
		uids.AddRange(1, 0)
		msgs, err := c.Fetch(uids, &imap.FetchOptions{UID: true, Flags: true, InternalDate: true,
			BodySection: []*imap.FetchItemBodySection{peek}}).Collect()
		if err != nil {
			t.Fatal(err)
		}
		if len(msgs) != len(want) {
			t.Fatalf("%s: fetched %d, want %d", box, len(msgs), len(want))
		}
		for i, m := range msgs {
			w := want[i]
			if m.UID != imap.UID(i+1) || !bytes.Equal(m.FindBodySection(peek), w.Raw) {
				t.Errorf("%s UID %d: not mail %d (%s)", box, m.UID, i, w.MessageID)
			}
			if !sameFlags(m.Flags, w.Flags) {
				t.Errorf("%s UID %d: flags %v, want %v", box, m.UID, m.Flags, w.Flags)
			}
			if !m.InternalDate.Equal(w.Date.Truncate(time.Second)) {
				t.Errorf("%s UID %d: internal date %v, want %v", box, m.UID, m.InternalDate, w.Date)
			}
		}
	}

	// BODY.PEEK left \Seen alone.
	st, err := c.Status(BoxInbox, &imap.StatusOptions{NumUnseen: true}).Wait()
	if err != nil {
		t.Fatal(err)
	}
	var unseen uint32
	for _, m := range inbox {
		if !slices.Contains(m.Flags, `\Seen`) {
			unseen++
		}
	}
	if *st.NumUnseen != unseen {
		t.Errorf("unseen %d, want %d", *st.NumUnseen, unseen)
	}
}

func TestServerDeliverIdle(t *testing.T) {
	s := startServer(t)
	exists := make(chan uint32, 16)
	c := dial(t, s, &imapclient.Options{UnilateralDataHandler: &imapclient.UnilateralDataHandler{
		Mailbox: func(d *imapclient.UnilateralDataMailbox) {
			if d.NumMessages != nil {
				exists <- *d.NumMessages
			}
		},
	}})
	sel, err := c.Select(BoxInbox, nil).Wait()
	if err != nil {
		t.Fatal(err)
	}
	// SELECT's own EXISTS goes through the handler too: drain it.
	for len(exists) > 0 {
		<-exists
	}
	idle, err := c.Idle()
	if err != nil {
		t.Fatal(err)
	}

	raw := NewMail(testNow.Add(time.Minute), 0)
	if err := s.Deliver(raw); err != nil {
		t.Fatal(err)
	}
	select {
	case n := <-exists:
		if n != sel.NumMessages+1 {
			t.Errorf("EXISTS %d, want %d", n, sel.NumMessages+1)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no EXISTS during IDLE after Deliver")
	}
	if err := idle.Close(); err != nil {
		t.Fatal(err)
	}
	if err := idle.Wait(); err != nil {
		t.Fatal(err)
	}

	uid := imap.UID(sel.NumMessages + 1)
	peek := &imap.FetchItemBodySection{Peek: true}
	msgs, err := c.Fetch(imap.UIDSetNum(uid), &imap.FetchOptions{UID: true, Flags: true, InternalDate: true,
		BodySection: []*imap.FetchItemBodySection{peek}}).Collect()
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 1 || !bytes.Equal(msgs[0].FindBodySection(peek), raw) {
		t.Fatalf("UID %d is not the delivered mail", uid)
	}
	if slices.Contains(msgs[0].Flags, imap.FlagSeen) {
		t.Error("delivered mail is \\Seen")
	}
	if !msgs[0].InternalDate.Equal(testNow.Add(time.Minute)) {
		t.Errorf("internal date %v, want the Date header %v", msgs[0].InternalDate, testNow.Add(time.Minute))
	}
}

func TestServerDeliverEvery(t *testing.T) {
	s := startServer(t)
	c := dial(t, s, nil)
	base := uint32(len(mailsIn(BoxInbox, testNow)))

	var calls atomic.Int64
	now := func() time.Time { return testNow.Add(time.Duration(calls.Add(1)) * time.Minute) }
	ctx, cancel := context.WithCancel(context.Background())
	s.DeliverEvery(ctx, 10*time.Millisecond, now)

	count := func() uint32 {
		st, err := c.Status(BoxInbox, &imap.StatusOptions{NumMessages: true}).Wait()
		if err != nil {
			t.Fatal(err)
		}
		return *st.NumMessages - base
	}
	deadline := time.Now().Add(5 * time.Second)
	for count() < 3 {
		if time.Now().After(deadline) {
			t.Fatal("DeliverEvery delivered fewer than 3 mails in 5 s")
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	time.Sleep(50 * time.Millisecond) // let a tick in flight finish
	stopped := count()
	time.Sleep(100 * time.Millisecond)
	if n := count(); n != stopped {
		t.Errorf("still delivering after cancel: %d then %d", stopped, n)
	}

	// Mail i is NewMail(now(), i), dated by the i-th call to now().
	if _, err := c.Select(BoxInbox, &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
		t.Fatal(err)
	}
	var uids imap.UIDSet
	uids.AddRange(imap.UID(base+1), 0)
	peek := &imap.FetchItemBodySection{Peek: true}
	msgs, err := c.Fetch(uids, &imap.FetchOptions{UID: true, InternalDate: true, BodySection: []*imap.FetchItemBodySection{peek}}).Collect()
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != int(stopped) {
		t.Fatalf("fetched %d new mails, want %d", len(msgs), stopped)
	}
	for i, m := range msgs {
		at := testNow.Add(time.Duration(i+1) * time.Minute)
		if !bytes.Equal(m.FindBodySection(peek), NewMail(at, i)) || !m.InternalDate.Equal(at) {
			t.Errorf("new mail %d (UID %d) is not NewMail(%v, %d)", i, m.UID, at, i)
		}
	}

	// A second DeliverEvery keeps counting n: the server then stops it on Close.
	s.DeliverEvery(context.Background(), time.Hour, nil)
	done := make(chan struct{})
	go func() { s.Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Close did not stop DeliverEvery")
	}
}

func TestServerClose(t *testing.T) {
	s := startServer(t)
	c := dial(t, s, nil)
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if conn, err := net.DialTimeout("tcp", s.Addr(), time.Second); err == nil {
		conn.Close()
		t.Error("server still accepts connections after Close")
	}
	select {
	case <-c.Closed():
	case <-time.After(5 * time.Second):
		t.Error("open connection survived Close")
	}
	if err := s.Deliver(NewMail(testNow, 0)); !errors.Is(err, ErrServerClosed) {
		t.Errorf("Deliver after Close: %v", err)
	}
}

func TestServerContextCloses(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	s, err := StartServer(ctx, testNow)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	cancel()
	deadline := time.Now().Add(5 * time.Second)
	for {
		conn, err := net.DialTimeout("tcp", s.Addr(), time.Second)
		if err != nil {
			break
		}
		conn.Close()
		if time.Now().After(deadline) {
			t.Fatal("server still accepts connections after its context ended")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if _, err := StartServer(ctx, testNow); err == nil {
		t.Error("StartServer with a done context succeeded")
	}
}
