package mail

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"

	"loge/data"
)

// dovecotEnv is the shared real Dovecot for this package's tests, started once by TestMain.
type dovecotEnv struct {
	Host, CAFile  string
	Port, TLSPort int
	User, Pass    string
	User2, Pass2  string
	dir           string
	err           error
}

var (
	dovecotOnce sync.Once
	dovecot     dovecotEnv
)

func serverScript() string {
	p, _ := filepath.Abs(filepath.Join("..", "..", "..", "shared", "tools", "imap-test-server"))
	return p
}

func freePortPair() int {
	for p := 20000 + os.Getpid()%5000; p < 40000; p += 7 {
		ok := true
		for _, q := range []int{p, p + 850} {
			l, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(q))
			if err != nil {
				ok = false
				break
			}
			l.Close()
		}
		if ok {
			return p
		}
	}
	return 10143
}

// realDovecot returns the package's Dovecot, starting it on first use. Without the script (a
// checkout without shared/) the test is skipped locally but fails on CI.
func realDovecot(t *testing.T) dovecotEnv {
	t.Helper()
	dovecotOnce.Do(func() {
		script := serverScript()
		if _, err := os.Stat(script); err != nil {
			dovecot.err = fmt.Errorf("imap-test-server not found at %s", script)
			return
		}
		dir, err := os.MkdirTemp("", "loge-dovecot-")
		if err != nil {
			dovecot.err = err
			return
		}
		dovecot.dir = dir
		// Dovecot daemonizes and keeps the script's stdout open: read the output from a file, not a
		// pipe, or the wait never ends.
		outFile, err := os.Create(filepath.Join(dir, "up.out"))
		if err != nil {
			dovecot.err = err
			return
		}
		cmd := exec.Command("bash", script, "up", dir, strconv.Itoa(freePortPair()))
		cmd.Stdout, cmd.Stderr = outFile, outFile
		err = cmd.Run()
		outFile.Close()
		out, _ := os.ReadFile(outFile.Name())
		if err != nil {
			dovecot.err = fmt.Errorf("imap-test-server up: %v\n%s", err, out)
			return
		}
		env := map[string]string{}
		sc := bufio.NewScanner(bytes.NewReader(out))
		for sc.Scan() {
			for _, f := range strings.Fields(strings.TrimPrefix(sc.Text(), "export ")) {
				if k, v, ok := strings.Cut(f, "="); ok {
					env[k] = v
				}
			}
		}
		dovecot.Host, dovecot.CAFile = env["IMAP_HOST"], env["IMAP_CA_FILE"]
		dovecot.Port, _ = strconv.Atoi(env["IMAP_PORT"])
		dovecot.TLSPort, _ = strconv.Atoi(env["IMAPS_PORT"])
		dovecot.User, dovecot.Pass = env["IMAP_USER"], env["IMAP_PASS"]
		dovecot.User2, dovecot.Pass2 = env["IMAP_USER2"], env["IMAP_PASS2"]
	})
	if dovecot.err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("real Dovecot needed on CI: %v", dovecot.err)
		}
		t.Skipf("no Dovecot: %v", dovecot.err)
	}
	return dovecot
}

func stopDovecot() {
	if dovecot.dir != "" {
		exec.Command("bash", serverScript(), "down", dovecot.dir).Run()
		os.RemoveAll(dovecot.dir)
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	stopDovecot()
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
	mem := imapmemserver.New()
	user := imapmemserver.NewUser("desk", "pw")
	user.Create("INBOX", nil)
	mem.AddUser(user)
	srv := imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return mem.NewSession(), nil, nil
		},
		Caps:         imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapIMAP4rev2: {}},
		InsecureAuth: true,
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return Config{Host: "127.0.0.1", Port: ln.Addr().(*net.TCPAddr).Port, Security: SecurityPlain, User: "desk", Secret: "pw", Timeout: 5 * time.Second}, user
}

// newStore opens a real temp desk with one account.
func newStore(t *testing.T) (*data.Store, data.Account) {
	t.Helper()
	st, err := data.Open(context.Background(), filepath.Join(t.TempDir(), "desk.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	acct := data.Account{Name: "Desk", Email: "desk@hotel.example", IMAPSecurity: "tls", SMTPSecurity: "tls"}
	if err := st.CreateAccount(context.Background(), &acct); err != nil {
		t.Fatal(err)
	}
	return st, acct
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
func syncOnce(t *testing.T, st *data.Store, acct data.Account, cfg Config, mailboxes ...string) []Result {
	t.Helper()
	c := client(t, cfg)
	s := &Syncer{St: st, C: c, Account: acct, Mailboxes: mailboxes}
	rs, err := s.SyncAll(context.Background())
	if err != nil {
		t.Fatalf("sync: %v", err)
	}
	return rs
}

func mailboxNamed(t *testing.T, st *data.Store, acct data.Account, name string) data.Mailbox {
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
	return data.Mailbox{}
}

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }
