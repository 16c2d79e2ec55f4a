package outbox

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"loge/data/imap"
)

// Implicit TLS (port 465) verifies the certificate as STARTTLS does: a self-signed one the desk
// was not given is refused before anything is sent; given as the CA file, the mail goes.
func TestSMTPImplicitTLSVerifiedThenSent(t *testing.T) {
	ctx := context.Background()
	st, acct := newDesk(t)
	tc, caFile := selfSigned(t)
	sk := sink(t, SinkOptions{User: "desk", Pass: "pw", TLS: tc, ImplicitTLS: true})
	queue(t, st, acct, 1)
	s := &Sender{St: st, SMTP: SMTPConfig{Host: "127.0.0.1", Port: sk.Port(), Security: imap.SecurityTLS, User: "desk", Secret: "pw", Timeout: 5 * time.Second}}
	var ce *imap.CertError
	if _, err := s.Drain(ctx); !errors.As(err, &ce) {
		t.Fatalf("untrusted certificate on implicit TLS: %v", err)
	}
	// The default security is implicit TLS too.
	s.SMTP.Security = ""
	s.Now = func() time.Time { return time.Now().Add(time.Hour) }
	if _, err := s.Drain(ctx); !errors.As(err, &ce) {
		t.Fatalf("untrusted certificate, default security: %v", err)
	}
	if len(sk.Received()) != 0 {
		t.Fatal("a mail went to a server whose certificate was not verified")
	}
	s.SMTP.Security, s.SMTP.CAFile = imap.SecurityTLS, caFile
	s.Now = func() time.Time { return time.Now().Add(2 * time.Hour) }
	if rep, err := s.Drain(ctx); err != nil || rep.Sent != 1 || len(sk.Received()) != 1 {
		t.Fatalf("implicit TLS with the CA file: %+v %v", rep, err)
	}
}

// Plain SMTP only on the explicit choice: the default and "tls" refuse a plain-text server, and an
// unknown security value is refused rather than taken as plain.
func TestSMTPPlainOnlyWhenChosen(t *testing.T) {
	ctx := context.Background()
	st, acct := newDesk(t)
	sk := sink(t, SinkOptions{User: "desk", Pass: "pw"})
	queue(t, st, acct, 1)
	later := time.Now()
	for _, sec := range []string{"", imap.SecurityTLS, "plain", "none"} {
		later = later.Add(time.Hour) // past the retry backoff
		at := later
		s := &Sender{St: st, SMTP: SMTPConfig{Host: "127.0.0.1", Port: sk.Port(), Security: sec, User: "desk", Secret: "pw", Timeout: 5 * time.Second},
			Now: func() time.Time { return at }}
		if _, err := s.Drain(ctx); err == nil {
			t.Fatalf("security %q sent to a plain-text server", sec)
		} else if sec == "plain" || sec == "none" {
			if !errors.Is(err, imap.ErrBadSecurity) {
				t.Fatalf("security %q: %v, want ErrBadSecurity", sec, err)
			}
		}
	}
	if len(sk.Received()) != 0 {
		t.Fatal("something was sent in the clear")
	}
}

// An SMTPConfig printed by mistake never shows its secret.
func TestSMTPConfigNeverPrintsItsSecret(t *testing.T) {
	const pass = "Zq9-smtp-Tr0ub4dor&3"
	cfg := SMTPConfig{Host: "smtp.example.com", Port: 587, Security: imap.SecuritySTARTTLS, User: "desk", Secret: pass}
	for _, f := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
		if s := fmt.Sprintf(f, cfg); strings.Contains(s, pass) || !strings.Contains(s, "smtp.example.com") {
			t.Errorf("fmt %s of an SMTPConfig: %s", f, s)
		}
		if s := fmt.Sprintf(f, &cfg); strings.Contains(s, pass) {
			t.Errorf("fmt %s of an *SMTPConfig: %s", f, s)
		}
	}
}
