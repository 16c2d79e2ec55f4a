package imap

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"log"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
)

// secretPass is what the security tests log in with: distinctive, so a copy of it anywhere is found.
const secretPass = "Zq9-secret-Tr0ub4dor&3"

// selfSigned is a certificate for 127.0.0.1 as a hotel's own mail server has, and its PEM file.
func selfSigned(t *testing.T) (*tls.Config, string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "127.0.0.1"},
		IPAddresses: []net.IP{net.ParseIP("127.0.0.1")}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IsCA: true, BasicConstraintsValid: true}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(p, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}}, p
}

// wire keeps every byte clients sent to a server, as someone on the network would see them.
type wire struct {
	net.Listener
	mu   sync.Mutex
	seen bytes.Buffer
}

type wireConn struct {
	net.Conn
	w *wire
}

func (c wireConn) Read(b []byte) (int, error) {
	n, err := c.Conn.Read(b)
	c.w.mu.Lock()
	c.w.seen.Write(b[:n])
	c.w.mu.Unlock()
	return n, err
}

func (w *wire) Accept() (net.Conn, error) {
	c, err := w.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return wireConn{c, w}, nil
}

func (w *wire) bytes() []byte {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]byte(nil), w.seen.Bytes()...)
}

// secureServer is go-imap's memory server with user "desk" and secretPass: implicit TLS when
// implicit, else plain text offering STARTTLS when tc is set (and nothing when it is nil).
func secureServer(t *testing.T, tc *tls.Config, implicit bool) (Config, *wire) {
	t.Helper()
	mem := imapmemserver.New()
	user := imapmemserver.NewUser("desk", secretPass)
	user.Create("INBOX", nil)
	mem.AddUser(user)
	opts := &imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return mem.NewSession(), nil, nil
		},
		Caps:         imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapIMAP4rev2: {}},
		InsecureAuth: true,
		Logger:       log.New(io.Discard, "", 0), // refused handshakes are this test's point
	}
	if !implicit {
		opts.TLSConfig = tc
	}
	srv := imapserver.New(opts)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	w := &wire{Listener: ln}
	var served net.Listener = w
	if implicit {
		served = tls.NewListener(w, tc)
	}
	go srv.Serve(served)
	t.Cleanup(func() { srv.Close() })
	return Config{Host: "127.0.0.1", Port: ln.Addr().(*net.TCPAddr).Port, User: "desk", Secret: secretPass, Timeout: 5 * time.Second}, w
}

// noSecretOnWire fails when the password, or the AUTH PLAIN blob carrying it, crossed in the clear.
func noSecretOnWire(t *testing.T, w *wire) {
	t.Helper()
	seen := w.bytes()
	plain := base64.StdEncoding.EncodeToString([]byte("\x00desk\x00" + secretPass))
	for _, s := range []string{secretPass, plain, base64.StdEncoding.EncodeToString([]byte(secretPass))} {
		if bytes.Contains(seen, []byte(s)) {
			t.Fatalf("the password crossed the network in the clear: %q", seen)
		}
	}
	if up := bytes.ToUpper(seen); bytes.Contains(up, []byte(" LOGIN ")) || bytes.Contains(up, []byte(" AUTHENTICATE ")) {
		t.Fatalf("a login was attempted in the clear: %q", seen)
	}
}

// Certificates are always verified: a server whose self-signed certificate the desk was not given
// is refused, on implicit TLS and on STARTTLS alike, before any password is sent; the same server
// is accepted once its certificate is given as the CA file, and never under another name.
func TestTLSVerificationAlwaysOn(t *testing.T) {
	ctx := context.Background()
	tc, caFile := selfSigned(t)
	for _, implicit := range []bool{true, false} {
		name := map[bool]string{true: "implicit TLS", false: "STARTTLS"}[implicit]
		t.Run(name, func(t *testing.T) {
			cfg, w := secureServer(t, tc, implicit)
			cfg.Security = SecuritySTARTTLS
			if implicit {
				cfg.Security = SecurityTLS
			}
			_, err := Dial(ctx, cfg, nil)
			var ce *CertError
			if !errors.As(err, &ce) {
				t.Fatalf("untrusted self-signed certificate: %v, want a CertError", err)
			}
			if implicit && len(ce.Fingerprint) != 95 {
				t.Errorf("no SHA-256 fingerprint to compare: %q", ce.Fingerprint)
			}
			noSecretOnWire(t, w)
			if implicit {
				// The default security is implicit TLS, verified the same way.
				def := cfg
				def.Security = ""
				if _, err := Dial(ctx, def, nil); !errors.As(err, &ce) {
					t.Fatalf("default security, untrusted certificate: %v", err)
				}
			}
			// Another name than the certificate's is refused even with the CA file.
			other := cfg
			other.Host, other.CAFile = "localhost", caFile
			if _, err := Dial(ctx, other, nil); !errors.As(err, &ce) {
				t.Fatalf("certificate for 127.0.0.1 used as localhost: %v", err)
			}
			noSecretOnWire(t, w)
			trusted := cfg
			trusted.CAFile = caFile
			c, err := Dial(ctx, trusted, nil)
			if err != nil {
				t.Fatalf("with the server's certificate as CA file: %v", err)
			}
			c.Close()
		})
	}
}

// STARTTLS chosen is STARTTLS required: a server that does not offer it is a clear error
// (ErrNoSTARTTLS), and nothing (no login, no password) is sent in plain text meanwhile.
func TestSTARTTLSRequiredNeverFallsBack(t *testing.T) {
	cfg, w := secureServer(t, nil, false)
	cfg.Security = SecuritySTARTTLS
	_, err := Dial(context.Background(), cfg, nil)
	if !errors.Is(err, ErrNoSTARTTLS) {
		t.Fatalf("server without STARTTLS: %v, want ErrNoSTARTTLS", err)
	}
	noSecretOnWire(t, w)
	if _, err := TestLogin(context.Background(), cfg); !errors.Is(err, ErrNoSTARTTLS) {
		t.Fatalf("Test connection against it: %v", err)
	}
	noSecretOnWire(t, w)
}

// Plain text only on the explicit "insecure-plain" choice: the default and "tls" refuse a plain
// server, and a security value Loge does not know is refused rather than taken as plain.
func TestPlainTextOnlyWhenChosen(t *testing.T) {
	ctx := context.Background()
	cfg, w := secureServer(t, nil, false)
	for _, sec := range []string{"", SecurityTLS} {
		c := cfg
		c.Security = sec
		if cl, err := Dial(ctx, c, nil); err == nil {
			cl.Close()
			t.Fatalf("security %q logged in to a plain-text server", sec)
		}
	}
	for _, sec := range []string{"plain", "none", "PLAIN", "insecure", "starttls-optional"} {
		c := cfg
		c.Security = sec
		if _, err := Dial(ctx, c, nil); !errors.Is(err, ErrBadSecurity) {
			t.Fatalf("security %q: %v, want ErrBadSecurity", sec, err)
		}
	}
	noSecretOnWire(t, w)
	c := cfg
	c.Security = SecurityPlain
	cl, err := Dial(ctx, c, nil)
	if err != nil {
		t.Fatalf("insecure-plain, chosen: %v", err)
	}
	cl.Close()
}

// A Config printed by mistake (a log line, a panic, an error built with %v) never shows its secret.
func TestConfigNeverPrintsItsSecret(t *testing.T) {
	cfg := Config{Host: "imap.example.com", Port: 993, Security: SecurityTLS, User: "desk@example.com", Secret: secretPass}
	for _, f := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
		if s := fmt.Sprintf(f, cfg); strings.Contains(s, secretPass) || !strings.Contains(s, "imap.example.com") {
			t.Errorf("fmt %s of a Config: %s", f, s)
		}
		if s := fmt.Sprintf(f, &cfg); strings.Contains(s, secretPass) {
			t.Errorf("fmt %s of a *Config: %s", f, s)
		}
	}
}
