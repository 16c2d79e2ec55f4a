package imap

import (
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"testing"
	"time"

	"loge/data/desk"
	"loge/data/store"
	"loge/data/store/storetest"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"

	"loge/data/imap/imaptest"
)

// dovecotEnv is the shared real Dovecot (see imaptest).
type dovecotEnv struct{ imaptest.Dovecot }

func realDovecot(t *testing.T) dovecotEnv { return dovecotEnv{imaptest.RealDovecot(t)} }

func freePortPair() int { return imaptest.FreePortPair() }

func TestMain(m *testing.M) {
	code := m.Run()
	imaptest.StopDovecot()
	os.Exit(code)
}

// cfg is the TLS config for alice (or bob) on the test Dovecot.
func (d dovecotEnv) cfg(second bool) Config {
	c := Config{Host: d.Host, Port: d.TLSPort, Security: SecurityTLS, User: d.User, Secret: d.Pass, CAFile: d.CAFile, Timeout: 5 * time.Second}
	if second {
		c.User, c.Secret = d.User2, d.Pass2
	}
	return c
}

// memServer is go-imap's in-memory server on a loopback port, with user "desk"/"pw" and an INBOX.
func memServer(t *testing.T) (Config, *imapmemserver.User) {
	t.Helper()
	port, user := imaptest.MemServer(t, "desk", "pw")
	return Config{Host: "127.0.0.1", Port: port, Security: SecurityPlain, User: "desk", Secret: "pw", Timeout: 5 * time.Second}, user
}

// newStore opens a real temp desk with one account.
func newStore(t *testing.T) (*store.Store, desk.Account) {
	t.Helper()
	return storetest.WithAccount(t)
}

// client logs in a second, plain go-imap client for arranging the server side of a test.
func client(t *testing.T, cfg Config) *imapclient.Client {
	t.Helper()
	c, err := Dial(context.Background(), cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func appendMail(t *testing.T, c *imapclient.Client, mailbox string, raw []byte, flags ...imap.Flag) {
	t.Helper()
	cmd := c.Append(mailbox, int64(len(raw)), &imap.AppendOptions{Flags: flags})
	if _, err := cmd.Write(raw); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
}

// guestMail builds a small French guest mail numbered n.
func guestMail(n int, subject string) []byte {
	if subject == "" {
		subject = fmt.Sprintf("Réservation n° %d", n)
	}
	return []byte(fmt.Sprintf("From: Client %d <client%d@example.com>\r\nTo: desk@hotel.example\r\nSubject: %s\r\n"+
		"Date: Mon, 23 Nov 2026 10:%02d:00 +0100\r\nMessage-ID: <m%d-%d@example.com>\r\nMIME-Version: 1.0\r\n"+
		"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nBonjour, une table pour %d personnes, s'il vous plaît.\r\n",
		n, n, mimeWord(subject), n%60, n, time.Now().UnixNano()%1000000, 2+n%4))
}

func mimeWord(s string) string {
	for _, r := range s {
		if r > 127 {
			return "=?utf-8?b?" + b64(s) + "?="
		}
	}
	return s
}

// syncOnce runs one full sync of the named mailboxes with a fresh connection.
func syncOnce(t *testing.T, st *store.Store, acct desk.Account, cfg Config, mailboxes ...string) []Result {
	t.Helper()
	c := client(t, cfg)
	s := &Syncer{St: st, C: c, Account: acct, Mailboxes: mailboxes}
	rs, err := s.SyncAll(context.Background())
	if err != nil {
		t.Fatalf("sync: %v", err)
	}
	return rs
}

// indexAll runs the background indexer's work to its end: a sync stores mail browsable, the
// indexer makes it searchable.
func indexAll(t *testing.T, st *store.Store) {
	t.Helper()
	if _, err := st.IndexPending(context.Background(), nil); err != nil {
		t.Fatalf("index: %v", err)
	}
}

func mailboxNamed(t *testing.T, st *store.Store, acct desk.Account, name string) desk.Mailbox {
	t.Helper()
	mbs, err := st.AccountMailboxes(context.Background(), acct.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range mbs {
		if m.Name == name {
			return m
		}
	}
	t.Fatalf("no mailbox %s in %+v", name, mbs)
	return desk.Mailbox{}
}

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
