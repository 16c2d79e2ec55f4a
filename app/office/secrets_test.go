package office

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"loge/app/i18n"
	"loge/data/desk"
	"loge/data/imap"
	"loge/data/imap/imaptest"
	"loge/data/outbox"
	"loge/data/store"
	"loge/data/vault"

	goimap "github.com/emersion/go-imap/v2"
)

// The passwords of this test: distinctive, so that any copy of them is found.
const (
	deskPass  = "Zq9-desk-Tr0ub4dor&3"
	wrongPass = "Xk7-wrong-C0rrectH0rse!"
)

// secretForms are the ways a password may travel: itself, base64 of it, and the AUTH PLAIN blob.
func secretForms(user, pass string) [][]byte {
	return [][]byte{[]byte(pass), []byte(base64.StdEncoding.EncodeToString([]byte(pass))),
		[]byte(base64.StdEncoding.EncodeToString([]byte("\x00" + user + "\x00" + pass))),
		[]byte(base64.RawStdEncoding.EncodeToString([]byte(pass)))}
}

// leaks says which forms of the passwords b holds.
func leaks(b []byte) []string {
	var found []string
	for _, p := range []struct{ user, pass string }{{"desk", deskPass}, {"desk", wrongPass}} {
		for _, f := range secretForms(p.user, p.pass) {
			if bytes.Contains(b, f) {
				found = append(found, string(f))
			}
		}
	}
	return found
}

// waitEvent reads the office's events until ok accepts one, collecting every error met on the way.
func waitEvent(t *testing.T, o *Office, errs *[]error, what string, ok func(Event) bool) {
	t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		select {
		case ev := <-o.Events():
			switch e := ev.Mail.(type) {
			case imap.Offline:
				*errs = append(*errs, e.Err)
			}
			if ev.Outbox != nil && ev.Outbox.Err != nil {
				*errs = append(*errs, ev.Outbox.Err)
			}
			if ev.Backup != nil && ev.Backup.Err != nil {
				*errs = append(*errs, ev.Backup.Err)
			}
			if ok(ev) {
				return
			}
		case <-deadline:
			t.Fatalf("no %s within 20 s", what)
		}
	}
}

// Passwords never reach the desk file, its WAL, its backups, the log or an error's text: a desk
// with a distinctive password in the declared file fallback syncs, sends, fails a login on another
// account and on SMTP, and is backed up; then every file under the desk's folder, the captured
// log and every error (raw and as shown) are searched for the password, its base64 and the AUTH
// PLAIN blob. Only credentials.json, the file fallback the user chose, may hold it, mode 0600.
func TestPasswordsNeverLeaveTheVault(t *testing.T) {
	var logged bytes.Buffer
	log.SetOutput(&logged)
	defer log.SetOutput(os.Stderr)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	dir := t.TempDir()
	path := filepath.Join(dir, "desk.db")

	port, user := imaptest.MemServer(t, "desk", deskPass)
	user.Create("Sent", nil)
	raw := "From: Guest <guest@example.com>\r\nTo: desk@hotel.example\r\nSubject: Table pour deux\r\nMessage-ID: <t1@example.com>\r\n" +
		"Date: Mon, 30 Nov 2026 10:00:00 +0100\r\n\r\nBonjour, une table ce soir ?\r\n"
	appendRaw(t, port, raw)
	otherPort, _ := imaptest.MemServer(t, "desk", "the-real-one")
	sink, err := outbox.StartSink(outbox.SinkOptions{User: "desk", Pass: deskPass})
	if err != nil {
		t.Fatal(err)
	}
	defer sink.Close()

	o, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	good := desk.Account{Name: "Desk", Email: "desk@hotel.example", IMAPHost: "127.0.0.1", IMAPPort: port, IMAPSecurity: imap.SecurityPlain,
		IMAPUser: "desk", SMTPHost: "127.0.0.1", SMTPPort: sink.Port(), SMTPSecurity: imap.SecurityPlain, SMTPUser: "desk"}
	bad := desk.Account{Name: "Night", Email: "night@hotel.example", IMAPHost: "127.0.0.1", IMAPPort: otherPort, IMAPSecurity: imap.SecurityPlain, IMAPUser: "desk"}
	creds := o.Credentials()
	for _, a := range []*desk.Account{&good, &bad} {
		if err := o.Store.CreateAccount(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	for key, pass := range map[string]string{"imap:Desk": deskPass, "smtp:Desk": deskPass, "imap:Night": wrongPass} {
		if err := creds.Save(key, pass, vault.StorageFile); err != nil {
			t.Fatal(err)
		}
	}
	var errs []error
	if err := o.StartAll(ctx); err != nil {
		t.Fatal(err)
	}

	// A sync, a failing login (the Night account's password is refused).
	waitEvent(t, o, &errs, "sync", func(ev Event) bool { _, ok := ev.Mail.(imap.Synced); return ok && ev.Account == good.ID })
	waitEvent(t, o, &errs, "refused login", func(ev Event) bool {
		off, ok := ev.Mail.(imap.Offline)
		return ok && ev.Account == bad.ID && errors.Is(off.Err, imap.ErrAuth)
	})
	// A send.
	d := outbox.Draft{From: &mail.Address{Address: "desk@hotel.example"}, To: []*mail.Address{{Name: "Guest", Address: "guest@example.com"}},
		Subject: "Re: Table pour deux", Body: "C'est réservé.\n"}
	rawOut, id, err := outbox.Build(d, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	item := desk.OutboxItem{AccountID: good.ID, MessageID: id, From: "desk@hotel.example", To: outbox.FormatAddresses(d.To), Subject: d.Subject,
		Raw: rawOut, Rcpts: outbox.Recipients(d)}
	if err := o.Store.QueueOutbox(ctx, &item); err != nil {
		t.Fatal(err)
	}
	o.KickOutbox()
	waitEvent(t, o, &errs, "send", func(ev Event) bool { return ev.Outbox != nil && ev.Outbox.Report.Sent == 1 })
	if n := len(sink.Received()); n != 1 {
		t.Fatalf("sink received %d mails", n)
	}
	// Failing logins by hand: Settings' Test connection, and SMTP with the wrong password.
	_, err = imap.TestLogin(ctx, imap.Config{Host: "127.0.0.1", Port: otherPort, Security: imap.SecurityPlain, User: "desk", Secret: wrongPass, Timeout: 5 * time.Second})
	if !errors.Is(err, imap.ErrAuth) {
		t.Fatalf("test connection with the wrong password: %v", err)
	}
	errs = append(errs, err)
	queued := desk.OutboxItem{AccountID: good.ID, MessageID: "<x2@hotel.example>", From: "desk@hotel.example", To: item.To, Subject: "x", Raw: rawOut, Rcpts: item.Rcpts}
	if err := o.Store.QueueOutbox(ctx, &queued); err != nil {
		t.Fatal(err)
	}
	s := &outbox.Sender{St: o.Store, SMTP: outbox.SMTPConfig{Host: "127.0.0.1", Port: sink.Port(), Security: imap.SecurityPlain, User: "desk", Secret: wrongPass}}
	if _, err := s.Drain(ctx); !errors.Is(err, outbox.ErrSMTPAuth) {
		t.Fatalf("SMTP with the wrong password: %v", err)
	}
	errs = append(errs, fmt.Errorf("drain: %w", errSMTP(ctx, o.Store)))
	// Backups: by hand and the daily one.
	if err := o.Store.Backup(ctx, store.ManualBackupPath(path, time.Now())); err != nil {
		t.Fatal(err)
	}
	if _, err := o.Store.AutoBackup(ctx, time.Now()); err != nil {
		t.Fatal(err)
	}
	// Every file under the desk's folder, while the desk is open (its -wal and -shm are there)
	// and after it closed.
	files, hits := 0, 0
	var bytesRead int64
	names := map[string]bool{}
	scan := func() {
		err := filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
			if err != nil || e.IsDir() {
				return err
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			files++
			bytesRead += int64(len(b))
			rel, _ := filepath.Rel(dir, p)
			names[rel] = true
			found := leaks(b)
			if p == creds.FilePath() {
				fi, _ := os.Stat(p)
				if len(found) == 0 || fi.Mode().Perm() != 0o600 {
					t.Errorf("the declared file fallback %s: mode %o, holds the password: %v", p, fi.Mode().Perm(), len(found) > 0)
				}
				return nil
			}
			if len(found) > 0 {
				hits += len(found)
				t.Errorf("%s holds a password (%q)", p, found)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	scan()
	for _, want := range []string{path, path + "-wal", path + "-shm", store.BackupDir(path), creds.FilePath()} {
		if _, err := os.Stat(want); err != nil {
			t.Errorf("expected %s to be there and searched: %v", want, err)
		}
	}
	o.Close()
	cancel()
	scan()
	// The log, and every error met, raw and as a person reads it.
	if f := leaks(logged.Bytes()); len(f) > 0 {
		t.Errorf("the log holds a password: %q", logged.String())
	}
	if len(errs) < 3 {
		t.Fatalf("only %d errors collected: %v", len(errs), errs)
	}
	for _, e := range errs {
		for _, text := range []string{e.Error(), fmt.Sprintf("%+v", e), fmt.Sprintf("%#v", e), i18n.ErrorText(e)} {
			if f := leaks([]byte(text)); len(f) > 0 {
				t.Errorf("an error's text holds a password: %q", text)
			}
		}
	}
	list := make([]string, 0, len(names))
	for n := range names {
		list = append(list, n)
	}
	sort.Strings(list)
	t.Logf("searched %d files (%d KB; %s), %d bytes of log, %d errors: %d hits", files, bytesRead>>10, strings.Join(list, ", "), logged.Len(), len(errs), hits)
}

// errSMTP is the SMTP error the outbox recorded for the mail it could not send.
func errSMTP(ctx context.Context, st *store.Store) error {
	items, err := st.Outbox(ctx)
	if err != nil {
		return err
	}
	for _, it := range items {
		if it.LastError != "" {
			return errors.New(it.LastError)
		}
	}
	return errors.New("no outbox error recorded")
}

func appendRaw(t *testing.T, port int, raw string) {
	t.Helper()
	c, err := imap.Dial(context.Background(), imap.Config{Host: "127.0.0.1", Port: port, Security: imap.SecurityPlain, User: "desk", Secret: deskPass, Timeout: 5 * time.Second}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	cmd := c.Append("INBOX", int64(len(raw)), &goimap.AppendOptions{})
	io.WriteString(cmd, raw)
	cmd.Close()
	if _, err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
}

// A crash (a panic with every goroutine's stack, as GOTRACEBACK=all prints it) while the mail
// workers run with the password in memory shows no password: the test runs a desk in a child
// process, makes it panic once online, and searches what it printed.
func TestCrashOutputHoldsNoPassword(t *testing.T) {
	if os.Getenv("LOGE_CRASH_CHILD") != "" {
		crashChild()
		return
	}
	port, user := imaptest.MemServer(t, "desk", deskPass)
	user.Create("Sent", nil)
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashOutputHoldsNoPassword$", "-test.count=1")
	cmd.Env = append(os.Environ(), "LOGE_CRASH_CHILD="+filepath.Join(t.TempDir(), "desk.db"), "LOGE_CRASH_PORT="+strconv.Itoa(port), "GOTRACEBACK=all")
	out, err := cmd.CombinedOutput()
	if err == nil || !bytes.Contains(out, []byte("loge crash test")) || !bytes.Contains(out, []byte("goroutine ")) {
		t.Fatalf("the child did not crash as planned: %v\n%s", err, out)
	}
	if f := leaks(out); len(f) > 0 {
		t.Fatalf("the crash output holds a password %q:\n%s", f, out)
	}
	t.Logf("crash output: %d bytes, %d goroutines, no password", len(out), bytes.Count(out, []byte("goroutine ")))
}

func crashChild() {
	ctx := context.Background()
	port, _ := strconv.Atoi(os.Getenv("LOGE_CRASH_PORT"))
	o, err := Open(ctx, os.Getenv("LOGE_CRASH_CHILD"))
	if err != nil {
		panic(err)
	}
	a := desk.Account{Name: "Desk", Email: "desk@hotel.example", IMAPHost: "127.0.0.1", IMAPPort: port, IMAPSecurity: imap.SecurityPlain, IMAPUser: "desk",
		SMTPHost: "127.0.0.1", SMTPPort: 1, SMTPSecurity: imap.SecurityPlain, SMTPUser: "desk"}
	if err := o.Store.CreateAccount(ctx, &a); err != nil {
		panic(err)
	}
	if err := o.Credentials().Save("imap:Desk", deskPass, vault.StorageSession); err != nil {
		panic(err)
	}
	o.StartAll(ctx)
	for ev := range o.Events() {
		if _, ok := ev.Mail.(imap.Synced); ok {
			break
		}
	}
	var m map[string]string
	go func() {
		defer func() {
			if r := recover(); r != nil {
				panic(fmt.Sprintf("loge crash test: %v", r))
			}
		}()
		m["x"] = strings.ToUpper("boom") // a nil map: the kind of bug that crashes a worker
	}()
	time.Sleep(10 * time.Second)
}
