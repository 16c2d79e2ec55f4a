package team

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	goimap "github.com/emersion/go-imap/v2"

	"loge/data/desk"
	"loge/data/imap"
	"loge/data/imap/imaptest"
	"loge/data/store/storetest"
)

// mailDesk is a team desk that also syncs the shared mailbox's Inbox, as the window does.
func mailDesk(t *testing.T, srv server, name string) *teamDesk {
	t.Helper()
	st, acct := storetest.WithAccount(t)
	acct.IMAPHost, acct.IMAPPort, acct.IMAPUser = srv.cfg.Host, srv.cfg.Port, srv.cfg.User
	if err := st.UpdateAccount(context.Background(), &acct); err != nil {
		t.Fatal(err)
	}
	if err := st.SetIdentity(context.Background(), name, ""); err != nil {
		t.Fatal(err)
	}
	return &teamDesk{t: t, st: st, srv: srv, name: name}
}

// syncMail replays the desk's journal and syncs its Inbox.
func (d *teamDesk) syncMail() {
	d.t.Helper()
	ctx := context.Background()
	c, err := imap.Dial(ctx, d.srv.cfg, nil)
	if err != nil {
		d.t.Fatal(err)
	}
	defer c.Close()
	accts, _ := d.st.Accounts(ctx)
	s := &imap.Syncer{St: d.st, C: c, Account: accts[0], Mailboxes: []string{"INBOX"}}
	if _, err := s.Replay(ctx); err != nil {
		d.t.Fatal(err)
	}
	if _, err := s.SyncAll(ctx); err != nil {
		d.t.Fatal(err)
	}
}

// deliver puts a guest's mail in the shared Inbox.
func deliver(t *testing.T, srv server, subject string) string {
	t.Helper()
	c, err := imap.Dial(context.Background(), srv.cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	id := fmt.Sprintf("guest-%d@example.com", time.Now().UnixNano())
	raw := fmt.Sprintf("From: Ingrid Solberg <ingrid@example.no>\r\nTo: desk@hotel.example\r\nSubject: %s\r\nMessage-ID: <%s>\r\nDate: %s\r\n\r\nBonjour !\r\n",
		subject, id, time.Now().Format(time.RFC1123Z))
	cmd := c.Append("INBOX", int64(len(raw)), nil)
	cmd.Write([]byte(raw))
	cmd.Close()
	if _, err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	return id
}

// serverFlags is what a plain IMAP client sees on the message: FETCH FLAGS.
func serverFlags(t *testing.T, srv server, messageID string) []string {
	t.Helper()
	c, err := imap.Dial(context.Background(), srv.cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Select("INBOX", &goimap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
		t.Fatal(err)
	}
	sd, err := c.UIDSearch(&goimap.SearchCriteria{Header: []goimap.SearchCriteriaHeaderField{{Key: "Message-Id", Value: messageID}}}, nil).Wait()
	if err != nil || len(sd.AllUIDs()) != 1 {
		t.Fatalf("search %s: %v %v", messageID, sd, err)
	}
	msgs, err := c.Fetch(goimap.UIDSetNum(sd.AllUIDs()[0]), &goimap.FetchOptions{Flags: true}).Collect()
	if err != nil || len(msgs) != 1 {
		t.Fatal(err)
	}
	var out []string
	for _, f := range msgs[0].Flags {
		out = append(out, string(f))
	}
	return out
}

// threadOf is the desk's thread id for a message it synced.
func (d *teamDesk) threadOf(messageID string) (string, string) {
	d.t.Helper()
	ctx := context.Background()
	id, err := d.st.MessageIDByHeader(ctx, messageID)
	if err != nil {
		d.t.Fatalf("%s has not synced %s: %v", d.name, messageID, err)
	}
	m, _ := d.st.Message(ctx, id)
	return m.ThreadID, m.MessageID
}

func claimAndWait(t *testing.T, d *teamDesk, thread, through string) {
	t.Helper()
	me, status := d.st.DeskID(), desk.MailWaitingGuest
	if err := d.st.SetMailStatus(context.Background(), thread, desk.MailChange{Claim: &me, Status: &status, Through: through}); err != nil {
		t.Fatal(err)
	}
}

// On a server that keeps keywords (Dovecot), a claim is both on the message, for every mail client,
// and in the team log, for the other desks.
func TestMailStatusOnTheMessageAndAcrossDesks(t *testing.T) {
	d := imaptest.RealDovecot(t)
	srv := server{cfg: imap.Config{Host: d.Host, Port: d.TLSPort, User: d.User, Secret: d.Pass, CAFile: d.CAFile}}
	a, b := mailDesk(t, srv, "Camille Laurent"), mailDesk(t, srv, "Julien Bertin")
	mid := deliver(t, srv, "Table pour ce soir")
	a.syncMail()
	b.syncMail()
	thread, through := a.threadOf(mid)
	claimAndWait(t, a, thread, through)
	a.syncMail() // replays the keywords
	flags := serverFlags(t, srv, mid)
	if !slices.Contains(flags, "$Loge_Claimed_CL") || !slices.Contains(flags, desk.KeywordWaitGuest) {
		t.Fatalf("a plain FETCH FLAGS sees %v", flags)
	}
	a.sync()
	b.sync()
	bThread, _ := b.threadOf(mid)
	ths, _ := b.st.Threads(context.Background(), mustInbox(t, b), 50)
	view, _ := b.st.TeamView(context.Background(), ths, time.Now())
	if v := view[bThread]; v.Initials != "CL" || v.ClaimedBy != a.st.DeskID() || v.Status != desk.MailWaitingGuest {
		t.Fatalf("B sees %+v", v)
	}
	// The guest answers: the thread no longer waits for them, and is still Camille's.
	mid2 := deliverReply(t, srv, mid)
	b.syncMail()
	ths, _ = b.st.Threads(context.Background(), mustInbox(t, b), 50)
	view, _ = b.st.TeamView(context.Background(), ths, time.Now())
	if v := view[bThread]; v.Status != "" || v.Initials != "CL" {
		t.Fatalf("after the guest's answer %s, B sees %+v", mid2, v)
	}
}

func deliverReply(t *testing.T, srv server, parent string) string {
	t.Helper()
	c, err := imap.Dial(context.Background(), srv.cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	id := fmt.Sprintf("reply-%d@example.com", time.Now().UnixNano())
	raw := fmt.Sprintf("From: Ingrid Solberg <ingrid@example.no>\r\nTo: desk@hotel.example\r\nSubject: Re: Table\r\nMessage-ID: <%s>\r\nIn-Reply-To: <%s>\r\nReferences: <%s>\r\nDate: %s\r\n\r\nMerci !\r\n",
		id, parent, parent, time.Now().Add(time.Minute).Format(time.RFC1123Z))
	cmd := c.Append("INBOX", int64(len(raw)), nil)
	cmd.Write([]byte(raw))
	cmd.Close()
	if _, err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
	return id
}

func mustInbox(t *testing.T, d *teamDesk) int64 {
	t.Helper()
	accts, _ := d.st.Accounts(context.Background())
	mb, err := d.st.MailboxByRole(context.Background(), accts[0].ID, desk.RoleInbox)
	if err != nil {
		t.Fatal(err)
	}
	return mb.ID
}

// A server without custom keywords (Microsoft 365): the desk notices, sets none, and the status
// still reaches the other desk through the team log.
func TestServerWithoutKeywordsCarriesStatusInTheLog(t *testing.T) {
	ctx := context.Background()
	port, _ := imaptest.MemServerWithoutKeywords(t, "desk", "pw")
	srv := server{cfg: imap.Config{Host: "127.0.0.1", Port: port, Security: imap.SecurityPlain, User: "desk", Secret: "pw"}}
	a, b := mailDesk(t, srv, "Camille Laurent"), mailDesk(t, srv, "Julien Bertin")
	mid := deliver(t, srv, "Transfer tomorrow")
	a.syncMail()
	b.syncMail()
	mb, _ := a.st.Mailbox(ctx, mustInbox(t, a))
	if mb.Keywords {
		t.Fatal("the desk did not notice the server keeps no keywords")
	}
	thread, through := a.threadOf(mid)
	claimAndWait(t, a, thread, through)
	if n, _ := a.st.JournalCount(ctx); n != 0 {
		t.Fatalf("%d keyword changes journaled for a server that drops them", n)
	}
	a.sync()
	b.sync()
	bThread, _ := b.threadOf(mid)
	if m, _ := b.st.MailStatus(ctx, bThread); m.ClaimedBy != a.st.DeskID() || m.Status != desk.MailWaitingGuest {
		t.Fatalf("B has %+v", m)
	}
}
