// Package imaptest gives tests real IMAP servers: the shared Dovecot started through
// ../shared/tools/imap-test-server, and go-imap's in-memory server on loopback. It is imported by
// tests and by the benchmark harness (tests/bench), never by the app.
package imaptest

import (
	"bufio"
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
)

// Dovecot is a running test Dovecot: plain IMAP (with STARTTLS) on Port, implicit TLS on TLSPort,
// with a self-signed certificate CAFile names. Users alice and bob share nothing.
type Dovecot struct {
	Host, CAFile  string
	Port, TLSPort int
	User, Pass    string
	User2, Pass2  string
	BenchUser     string
	BenchPass     string
	ServerDir     string // where Dovecot keeps its files (mail under ServerDir/mail/<user>/Maildir)
	dir           string
	err           error
}

var (
	once    sync.Once
	dovecot Dovecot
)

// Script is the path of imap-test-server, found by walking up from the working directory to the
// checkout that has shared/ beside it.
func Script() string {
	dir, _ := os.Getwd()
	for i := 0; i < 6; i++ {
		p := filepath.Join(dir, "..", "shared", "tools", "imap-test-server")
		if _, err := os.Stat(p); err == nil {
			abs, _ := filepath.Abs(p)
			return abs
		}
		dir = filepath.Dir(dir)
	}
	return ""
}

// FreePortPair finds a port p with p and p+850 free (the script's plain and TLS ports).
func FreePortPair() int {
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

// RealDovecot returns the process's Dovecot, starting it on first use. Without the script the test
// is skipped locally and fails on CI (where CI is set).
func RealDovecot(t testing.TB) Dovecot {
	t.Helper()
	d, err := StartDovecot()
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("real Dovecot needed on CI: %v", err)
		}
		t.Skipf("no Dovecot: %v", err)
	}
	return d
}

// StartDovecot is RealDovecot outside a test (the benchmark harness): the process's Dovecot,
// started on first use. Call StopDovecot before exiting.
func StartDovecot() (Dovecot, error) {
	once.Do(start)
	return dovecot, dovecot.err
}

func start() {
	script := Script()
	if script == "" {
		dovecot.err = fmt.Errorf("imap-test-server not found (is shared/ beside the checkout?)")
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
	cmd := exec.Command("bash", script, "up", dir, strconv.Itoa(FreePortPair()))
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
	dovecot.BenchUser, dovecot.BenchPass = env["IMAP_BENCH_USER"], env["IMAP_BENCH_PASS"]
	dovecot.ServerDir = env["IMAP_SERVER_DIR"]
	if dovecot.Port == 0 {
		dovecot.err = fmt.Errorf("imap-test-server printed no port:\n%s", out)
	}
}

// StopDovecot stops the Dovecot if this process started one; call it from TestMain.
func StopDovecot() {
	if dovecot.dir != "" {
		exec.Command("bash", Script(), "down", dovecot.dir).Run()
		os.RemoveAll(dovecot.dir)
	}
}

// MemServer is go-imap's in-memory server on a loopback port with one user (name, pass) and an
// INBOX; it offers IMAP4rev1 and IMAP4rev2, plain text only. It stops with the test.
func MemServer(t testing.TB, name, pass string) (port int, user *imapmemserver.User) {
	return memServer(t, name, pass, false)
}

// MemServerWithoutKeywords is MemServer behaving as Microsoft 365 does: PERMANENTFLAGS without \*,
// and every custom keyword dropped from STORE and APPEND.
func MemServerWithoutKeywords(t testing.TB, name, pass string) (port int, user *imapmemserver.User) {
	return memServer(t, name, pass, true)
}

// noKeywords wraps a session so that only the system flags are kept.
type noKeywords struct{ imapserver.SessionIMAP4rev2 }

func systemFlags(fs []imap.Flag) []imap.Flag {
	var out []imap.Flag
	for _, f := range fs {
		if strings.HasPrefix(string(f), `\`) && f != imap.FlagWildcard {
			out = append(out, f)
		}
	}
	return out
}

func (s noKeywords) Select(mailbox string, options *imap.SelectOptions) (*imap.SelectData, error) {
	d, err := s.SessionIMAP4rev2.Select(mailbox, options)
	if d != nil {
		// As Microsoft 365 answers: the system flags, no \*.
		d.PermanentFlags = []imap.Flag{imap.FlagSeen, imap.FlagAnswered, imap.FlagFlagged, imap.FlagDeleted, imap.FlagDraft}
	}
	return d, err
}

func (s noKeywords) Store(w *imapserver.FetchWriter, numSet imap.NumSet, flags *imap.StoreFlags, options *imap.StoreOptions) error {
	f := *flags
	f.Flags = systemFlags(flags.Flags)
	return s.SessionIMAP4rev2.Store(w, numSet, &f, options)
}

func (s noKeywords) Append(mailbox string, r imap.LiteralReader, options *imap.AppendOptions) (*imap.AppendData, error) {
	if options != nil {
		o := *options
		o.Flags = systemFlags(options.Flags)
		options = &o
	}
	return s.SessionIMAP4rev2.Append(mailbox, r, options)
}

func memServer(t testing.TB, name, pass string, dropKeywords bool) (port int, user *imapmemserver.User) {
	t.Helper()
	mem := imapmemserver.New()
	user = imapmemserver.NewUser(name, pass)
	user.Create("INBOX", nil)
	mem.AddUser(user)
	srv := imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			if dropKeywords {
				return noKeywords{mem.NewSession().(imapserver.SessionIMAP4rev2)}, nil, nil
			}
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
	return ln.Addr().(*net.TCPAddr).Port, user
}
