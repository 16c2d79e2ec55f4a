package outbox

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/mail"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"loge/data/desk"
	"loge/data/imap"
	"loge/data/store"
	"loge/data/store/storetest"

	goimap "github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	gomail "github.com/emersion/go-message/mail"

	"loge/data/imap/imaptest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	imaptest.StopDovecot()
	os.Exit(code)
}

func addr(s string) *mail.Address {
	a, err := mail.ParseAddress(s)
	if err != nil {
		panic(err)
	}
	return a
}

func TestBuildFrenchRoundTripsAndThreads(t *testing.T) {
	body := "Chère Madame Lefèvre,\n\nVotre table « Le Cinq » est confirmée à 20h30 — n° LC-48213.\nÀ très bientôt,\n"
	d := Draft{
		From: addr("Conciergerie Hôtel Lumière <concierge@hotel-lumiere.example>"), To: []*mail.Address{addr("Hélène Lefèvre <helene@example.fr>")},
		Bcc: []*mail.Address{addr("archive@hotel-lumiere.example")}, Subject: "Re: Réservation dîner — confirmée ✓", Body: body,
		InReplyTo: "abc@example.fr", References: []string{"root@example.fr"},
		Attachments: []Attachment{{Name: "itinéraire.pdf", Data: []byte("%PDF-1.4 fake")}},
	}
	raw, id, err := Build(d, time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(id, "@hotel-lumiere.example") {
		t.Fatalf("Message-ID not on the desk's domain: %s", id)
	}
	if bytes.Contains(raw, []byte("archive@hotel-lumiere.example")) {
		t.Fatal("Bcc leaked into the headers")
	}
	for _, line := range bytes.Split(raw, []byte("\r\n")) {
		if len(line) > 998 {
			t.Fatal("line over 998 octets")
		}
	}
	r, err := gomail.CreateReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	subj, _ := r.Header.Subject()
	from, _ := r.Header.AddressList("From")
	irt, _ := r.Header.MsgIDList("In-Reply-To")
	refs, _ := r.Header.MsgIDList("References")
	mid, _ := r.Header.MessageID()
	if subj != d.Subject || from[0].Name != "Conciergerie Hôtel Lumière" || mid != id {
		t.Fatalf("headers: %q %v %q", subj, from, mid)
	}
	if len(irt) != 1 || irt[0] != "abc@example.fr" || len(refs) != 2 || refs[0] != "root@example.fr" || refs[1] != "abc@example.fr" {
		t.Fatalf("threading: %v %v", irt, refs)
	}
	var text string
	var attName string
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch h := p.Header.(type) {
		case *gomail.InlineHeader:
			b, _ := io.ReadAll(p.Body)
			text = string(b)
		case *gomail.AttachmentHeader:
			attName, _ = h.Filename()
		}
	}
	if text != strings.ReplaceAll(body, "\n", "\r\n") {
		t.Fatalf("body not byte-exact after decoding:\n%q\n%q", text, body)
	}
	if attName != "itinéraire.pdf" {
		t.Fatalf("attachment name %q", attName)
	}
	if got := Recipients(d); len(got) != 2 {
		t.Fatalf("envelope recipients %v", got)
	}
	if _, _, err := Build(Draft{From: d.From}, time.Now()); !errors.Is(err, ErrNoRecipients) {
		t.Fatalf("no recipients: %v", err)
	}
}

// newDesk is a real temp desk with one account.
func newDesk(t *testing.T) (*store.Store, desk.Account) {
	t.Helper()
	return storetest.WithAccount(t)
}

func queue(t *testing.T, st *store.Store, acct desk.Account, n int) desk.OutboxItem {
	t.Helper()
	d := Draft{From: addr("Desk <desk@hotel.example>"), To: []*mail.Address{addr(fmt.Sprintf("Invité %d <guest%d@example.com>", n, n))},
		Subject: fmt.Sprintf("Confirmation n° %d — réservation", n), Body: "Bonjour,\nc'est confirmé.\n"}
	raw, id, err := Build(d, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	o := desk.OutboxItem{AccountID: acct.ID, MessageID: id, From: "desk@hotel.example", To: FormatAddresses(d.To), Subject: d.Subject, Raw: raw, Rcpts: Recipients(d)}
	if err := st.QueueOutbox(context.Background(), &o); err != nil {
		t.Fatal(err)
	}
	return o
}

func sink(t *testing.T, opts SinkOptions) *Sink {
	t.Helper()
	s, err := StartSink(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// dovecotSent logs into the test Dovecot as bob with a fresh Sent-like folder of this test's own.
func dovecotSent(t *testing.T) (*imapclient.Client, string) {
	t.Helper()
	d := imaptest.RealDovecot(t)
	c, err := imap.Dial(context.Background(), imap.Config{Host: d.Host, Port: d.TLSPort, User: d.User2, Secret: d.Pass2, CAFile: d.CAFile}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	box := fmt.Sprintf("Sent%d", time.Now().UnixNano())
	if err := c.Create(box, nil).Wait(); err != nil {
		t.Fatal(err)
	}
	return c, box
}

func sentCount(t *testing.T, c *imapclient.Client, box string) (n int, seen int) {
	t.Helper()
	sel, err := c.Select(box, nil).Wait()
	if err != nil {
		t.Fatal(err)
	}
	sd, err := c.UIDSearch(&goimap.SearchCriteria{Flag: []goimap.Flag{goimap.FlagSeen}}, nil).Wait()
	if err != nil {
		t.Fatal(err)
	}
	return int(sel.NumMessages), len(sd.AllUIDs())
}

func TestDrainDeliversOnceAndCopiesToSent(t *testing.T) {
	ctx := context.Background()
	st, acct := newDesk(t)
	sk := sink(t, SinkOptions{User: "desk", Pass: "pw"})
	imapc, box := dovecotSent(t)
	for i := 1; i <= 3; i++ {
		queue(t, st, acct, i)
	}
	s := &Sender{St: st, SMTP: SMTPConfig{Host: "127.0.0.1", Port: sk.Port(), Security: imap.SecurityPlain, User: "desk", Secret: "pw"}, IMAP: imapc, SentMailbox: box}
	rep, err := s.Drain(ctx)
	if err != nil || rep.Sent != 3 {
		t.Fatalf("drain: %+v %v", rep, err)
	}
	if rep, err = s.Drain(ctx); err != nil || rep.Sent != 0 {
		t.Fatalf("second drain sent again: %+v %v", rep, err)
	}
	if got := len(sk.Received()); got != 3 {
		t.Fatalf("SMTP received %d, want 3", got)
	}
	if n, seen := sentCount(t, imapc, box); n != 3 || seen != 3 {
		t.Fatalf("Sent holds %d (%d seen), want 3", n, seen)
	}
	if st2, _ := st.Stats(ctx); st2.OutboxPending != 0 {
		t.Fatalf("outbox still pending: %d", st2.OutboxPending)
	}
	// What the server received is what was stored, byte for byte.
	items, _ := st.Outbox(ctx)
	full, _ := st.OutboxItem(ctx, items[0].ID)
	found := false
	for _, r := range sk.Received() {
		found = found || bytes.Equal(bytes.TrimRight(r.Data, "\r\n"), bytes.TrimRight(full.Raw, "\r\n"))
	}
	if !found {
		t.Fatal("delivered bytes differ from the outbox copy")
	}
}

func TestSMTPDownThenBack(t *testing.T) {
	ctx := context.Background()
	st, acct := newDesk(t)
	sk := sink(t, SinkOptions{})
	queue(t, st, acct, 1)
	now := time.Now()
	s := &Sender{St: st, SMTP: SMTPConfig{Host: "127.0.0.1", Port: sk.Port(), Security: imap.SecurityPlain}, Now: func() time.Time { return now }}
	sk.Down.Store(true)
	rep, err := s.Drain(ctx)
	if err == nil || rep.Waiting != 1 || len(sk.Received()) != 0 {
		t.Fatalf("server down: %+v %v", rep, err)
	}
	items, _ := st.Outbox(ctx)
	if items[0].State != desk.OutboxQueued || items[0].Attempts != 1 || !items[0].NextAttempt.After(now) {
		t.Fatalf("not queued for a retry: %+v", items[0])
	}
	// Before the backoff: nothing is tried.
	sk.Down.Store(false)
	if rep, _ := s.Drain(ctx); rep.Sent != 0 {
		t.Fatal("retried before the backoff")
	}
	now = now.Add(Backoff(1) + time.Second)
	if rep, err := s.Drain(ctx); err != nil || rep.Sent != 1 || len(sk.Received()) != 1 {
		t.Fatalf("after the server came back: %+v %v", rep, err)
	}
}

func TestCrashAfterSubmitNeverSendsTwice(t *testing.T) {
	ctx := context.Background()
	st, acct := newDesk(t)
	sk := sink(t, SinkOptions{})
	imapc, box := dovecotSent(t)
	queue(t, st, acct, 1)
	crash := errors.New("killed")
	s := &Sender{St: st, SMTP: SMTPConfig{Host: "127.0.0.1", Port: sk.Port(), Security: imap.SecurityPlain}, IMAP: imapc, SentMailbox: box,
		AfterSubmit: func(desk.OutboxItem) { panic(crash) }}
	func() {
		defer func() {
			if r := recover(); r != crash {
				t.Fatalf("expected the injected crash, got %v", r)
			}
		}()
		s.Drain(ctx)
	}()
	items, _ := st.Outbox(ctx)
	if items[0].State != desk.OutboxSubmitted || len(sk.Received()) != 1 {
		t.Fatalf("after the crash: %s, %d received", items[0].State, len(sk.Received()))
	}
	// Restart: finishes the Sent copy, sends nothing.
	s.AfterSubmit = nil
	if rep, err := s.Drain(ctx); err != nil || rep.Sent != 1 {
		t.Fatalf("recovery: %+v %v", rep, err)
	}
	if len(sk.Received()) != 1 {
		t.Fatalf("delivered twice")
	}
	if n, _ := sentCount(t, imapc, box); n != 1 {
		t.Fatalf("Sent holds %d copies", n)
	}
	// A mail left "sending" whose copy is already in Sent is not sent again either.
	o := queue(t, st, acct, 2)
	full, _ := st.OutboxItem(ctx, o.ID)
	s.appendSent(full.Raw)
	st.SetOutboxState(ctx, o.ID, desk.OutboxSending)
	if rep, err := s.Drain(ctx); err != nil || rep.Sent != 1 || len(sk.Received()) != 1 {
		t.Fatalf("sending+in Sent: %+v %v, %d received", rep, err, len(sk.Received()))
	}
}

func TestSMTPAuthAndSTARTTLSRequired(t *testing.T) {
	ctx := context.Background()
	st, acct := newDesk(t)
	sk := sink(t, SinkOptions{User: "desk", Pass: "pw"})
	queue(t, st, acct, 1)
	s := &Sender{St: st, SMTP: SMTPConfig{Host: "127.0.0.1", Port: sk.Port(), Security: imap.SecurityPlain, User: "desk", Secret: "wrong"}}
	if _, err := s.Drain(ctx); !errors.Is(err, ErrSMTPAuth) {
		t.Fatalf("wrong password: %v", err)
	}
	s.SMTP.Security = imap.SecuritySTARTTLS
	s.SMTP.Secret = "pw"
	later := time.Now().Add(time.Hour) // past the retry backoff
	s.Now = func() time.Time { return later }
	if _, err := s.Drain(ctx); !errors.Is(err, ErrSMTPNoSTARTTLS) {
		t.Fatalf("STARTTLS required but not offered: %v", err)
	}
	if len(sk.Received()) != 0 {
		t.Fatal("something was sent in the clear")
	}
}

// selfSigned makes a certificate for 127.0.0.1 and writes its PEM to a file, as a hotel's own mail
// server would have.
func selfSigned(t *testing.T) (*tls.Config, string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "127.0.0.1"},
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IsCA: true, BasicConstraintsValid: true}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	pemPath := filepath.Join(t.TempDir(), "ca.pem")
	os.WriteFile(pemPath, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644)
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}}, pemPath
}

func TestSTARTTLSVerifiedThenSent(t *testing.T) {
	ctx := context.Background()
	st, acct := newDesk(t)
	tc, caFile := selfSigned(t)
	sk := sink(t, SinkOptions{User: "desk", Pass: "pw", TLS: tc})
	queue(t, st, acct, 1)
	s := &Sender{St: st, SMTP: SMTPConfig{Host: "127.0.0.1", Port: sk.Port(), Security: imap.SecuritySTARTTLS, User: "desk", Secret: "pw"}}
	// Without the CA file the self-signed certificate is refused: nothing goes out.
	var ce *imap.CertError
	if _, err := s.Drain(ctx); !errors.As(err, &ce) {
		t.Fatalf("untrusted certificate: %v", err)
	}
	s.SMTP.CAFile = caFile
	s.Now = func() time.Time { return time.Now().Add(time.Hour) }
	if rep, err := s.Drain(ctx); err != nil || rep.Sent != 1 || len(sk.Received()) != 1 {
		t.Fatalf("STARTTLS with the CA file: %+v %v", rep, err)
	}
}
