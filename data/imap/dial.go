// Package mail is Loge's IMAP side: connecting safely, the sync engine that keeps a desk's SQLite
// file in step with its mailbox, and the worker goroutine that owns the connection. The GUI and the
// command line talk to the worker with typed commands and events; they never speak IMAP.
package imap

import (
	"context"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-sasl"
)

// Security of the IMAP (or SMTP) connection.
const (
	SecurityTLS      = "tls"            // implicit TLS (993), the default
	SecuritySTARTTLS = "starttls"       // STARTTLS, then required: never falls back to plain text
	SecurityPlain    = "insecure-plain" // plain text, only when explicitly chosen (loopback tests)
)

// Auth mechanisms.
const (
	AuthPlain   = "plain"
	AuthLogin   = "login"
	AuthXOAuth2 = "xoauth2"
)

// Config says how to reach and log in to a mailbox. Secret is a password, or an OAuth2 access token
// for XOAUTH2; it is never logged or stored in the database.
type Config struct {
	Host     string
	Port     int
	Security string
	User     string
	Secret   string
	Auth     string        // "" means PLAIN when offered, else LOGIN
	CAFile   string        // extra trusted CA (PEM) for a self-signed server; verification stays on
	Timeout  time.Duration // connect, TLS handshake and greeting; 20 s when zero
	// ReadTimeout bounds the silence on an open connection: a connection that stays mute longer
	// (a dead Wi-Fi, a NAT that forgot us) fails instead of hanging. 0 means no bound.
	ReadTimeout time.Duration
}

// Format prints a Config with its secret masked, whatever the verb: a Config in a log line, a panic
// or an error built with %v must never carry a password.
func (c Config) Format(f fmt.State, verb rune) {
	type config Config // without methods: printed field by field
	p := config(c)
	if p.Secret != "" {
		p.Secret = "[hidden]"
	}
	fmt.Fprintf(f, fmt.FormatString(f, verb), p)
}

// deadlineConn pushes the read deadline forward before every read, so only silence times out.
type deadlineConn struct {
	net.Conn
	timeout time.Duration
}

func (c deadlineConn) Read(b []byte) (int, error) {
	if err := c.Conn.SetReadDeadline(time.Now().Add(c.timeout)); err != nil {
		return 0, err
	}
	return c.Conn.Read(b)
}

// Address is host:port.
func (c Config) Address() string { return net.JoinHostPort(c.Host, strconv.Itoa(c.Port)) }

// Errors a person can act on; the GUI and CLI turn them into sentences in their language.
var (
	ErrAuth         = errors.New("the server refused the user name or password")
	ErrUnreachable  = errors.New("the server cannot be reached")
	ErrNotIMAP4     = errors.New("the server does not speak IMAP4rev1")
	ErrNoSTARTTLS   = errors.New("the server does not offer STARTTLS")
	ErrBadSecurity  = errors.New("unknown connection security")
	ErrNoAuthMethod = errors.New("the server offers no login method Loge can use")
	ErrCAFile       = errors.New("the CA certificate file cannot be used")
)

// CertError is an untrusted or mismatched server certificate; Fingerprint (SHA-256 of the leaf) lets
// a person compare it with what their provider publishes.
type CertError struct {
	Fingerprint string
	Subject     string
	Err         error
}

func (e *CertError) Error() string {
	return fmt.Sprintf("untrusted certificate %s (SHA-256 %s): %v", e.Subject, e.Fingerprint, e.Err)
}

func (e *CertError) Unwrap() error { return e.Err }

// tlsConfig verifies the server against the system roots plus the optional CA file.
func tlsConfig(cfg Config) (*tls.Config, error) { return TLSConfig(cfg.Host, cfg.CAFile) }

// TLSConfig verifies host against the system roots plus an optional CA file (PEM), for a hotel
// server with a self-signed certificate. Verification is never switched off.
func TLSConfig(host, caFile string) (*tls.Config, error) {
	tc := &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}
	if caFile != "" {
		pem, err := os.ReadFile(caFile)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrCAFile, err)
		}
		pool, err := x509.SystemCertPool()
		if err != nil || pool == nil {
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("%w: %s has no PEM certificate in it", ErrCAFile, caFile)
		}
		tc.RootCAs = pool
	}
	return tc, nil
}

// Dial connects, secures and logs in. The returned client is authenticated.
func Dial(ctx context.Context, cfg Config, opts *imapclient.Options) (*imapclient.Client, error) {
	if opts == nil {
		opts = &imapclient.Options{}
	}
	timeout := cfg.Timeout
	if timeout == 0 {
		timeout = 20 * time.Second
	}
	tc, err := tlsConfig(cfg)
	if err != nil {
		return nil, err
	}
	opts.TLSConfig = tc
	dialer := &net.Dialer{Timeout: timeout, KeepAlive: 30 * time.Second}
	conn, err := dialer.DialContext(ctx, "tcp", cfg.Address())
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %v", cfg.Address(), ErrUnreachable, err)
	}
	if cfg.ReadTimeout > 0 {
		conn = deadlineConn{Conn: conn, timeout: cfg.ReadTimeout}
	}
	var c *imapclient.Client
	switch cfg.Security {
	case SecurityTLS, "":
		tconn := tls.Client(conn, tc)
		hctx, cancel := context.WithTimeout(ctx, timeout)
		err := tconn.HandshakeContext(hctx)
		cancel()
		if err != nil {
			conn.Close()
			return nil, classifyTLS(cfg, tconn, err)
		}
		c = imapclient.New(tconn, opts)
	case SecuritySTARTTLS:
		// NewStartTLS fails when the server does not offer STARTTLS: no silent downgrade.
		c, err = imapclient.NewStartTLS(conn, opts)
		if err != nil {
			conn.Close()
			var cve *tls.CertificateVerificationError
			if errors.As(err, &cve) || strings.Contains(err.Error(), "certificate") {
				return nil, certError(cfg, cve, err)
			}
			if strings.Contains(strings.ToUpper(err.Error()), "STARTTLS") {
				return nil, fmt.Errorf("%s: %w", cfg.Address(), ErrNoSTARTTLS)
			}
			return nil, fmt.Errorf("%s: %w: %v", cfg.Address(), ErrUnreachable, err)
		}
	case SecurityPlain:
		c = imapclient.New(conn, opts)
	default:
		conn.Close()
		return nil, fmt.Errorf("%q: %w", cfg.Security, ErrBadSecurity)
	}
	if err := login(ctx, c, cfg, timeout); err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}

func login(ctx context.Context, c *imapclient.Client, cfg Config, timeout time.Duration) error {
	done := make(chan error, 1)
	go func() { done <- c.WaitGreeting() }()
	select {
	case err := <-done:
		if err != nil {
			return fmt.Errorf("%s: %w: %v", cfg.Address(), ErrUnreachable, err)
		}
	case <-time.After(timeout):
		return fmt.Errorf("%s: %w: no greeting", cfg.Address(), ErrUnreachable)
	case <-ctx.Done():
		return ctx.Err()
	}
	caps := c.Caps()
	if !caps.Has(imap.CapIMAP4rev1) && !caps.Has(imap.CapIMAP4rev2) {
		// No capabilities can also be a connection cut in the middle of them: not another protocol.
		select {
		case <-c.Closed():
			return fmt.Errorf("%s: %w: the connection closed before the capabilities", cfg.Address(), ErrUnreachable)
		case <-time.After(200 * time.Millisecond):
		}
		return fmt.Errorf("%s: %w", cfg.Address(), ErrNotIMAP4)
	}
	var err error
	switch mech := strings.ToLower(cfg.Auth); {
	case mech == AuthXOAuth2:
		err = c.Authenticate(&xoauth2{user: cfg.User, token: cfg.Secret})
	case mech == AuthLogin || (mech == "" && !caps.Has(imap.AuthCap(sasl.Plain)) && !caps.Has(imap.CapLoginDisabled)):
		err = c.Login(cfg.User, cfg.Secret).Wait()
	case mech == AuthPlain || mech == "":
		if !caps.Has(imap.AuthCap(sasl.Plain)) {
			return fmt.Errorf("%s: %w", cfg.Address(), ErrNoAuthMethod)
		}
		err = c.Authenticate(sasl.NewPlainClient("", cfg.User, cfg.Secret))
	default:
		return fmt.Errorf("%q: %w", cfg.Auth, ErrNoAuthMethod)
	}
	if err != nil {
		var ie *imap.Error
		if errors.As(err, &ie) && (ie.Type == imap.StatusResponseTypeNo || ie.Code == imap.ResponseCodeAuthenticationFailed) {
			return fmt.Errorf("%s as %s: %w", cfg.Address(), cfg.User, ErrAuth)
		}
		if !errors.As(err, &ie) {
			// Not the server's answer: the connection broke or went silent during the login
			// ("login: unexpected EOF" was all a person was told).
			return fmt.Errorf("%s: %w: login: %v", cfg.Address(), ErrUnreachable, err)
		}
		return fmt.Errorf("%s: login: %w", cfg.Address(), err)
	}
	return nil
}

func classifyTLS(cfg Config, conn *tls.Conn, err error) error {
	var cve *tls.CertificateVerificationError
	if errors.As(err, &cve) {
		return certError(cfg, cve, err)
	}
	var ne net.Error
	if errors.As(err, &ne) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%s: %w: %v", cfg.Address(), ErrUnreachable, err)
	}
	// A plain-text server answering a TLS hello, and the like.
	return fmt.Errorf("%s: %w: TLS: %v", cfg.Address(), ErrUnreachable, err)
}

func certError(cfg Config, cve *tls.CertificateVerificationError, err error) error {
	ce := &CertError{Err: err}
	if cve != nil && len(cve.UnverifiedCertificates) > 0 {
		leaf := cve.UnverifiedCertificates[0]
		sum := sha256.Sum256(leaf.Raw)
		ce.Fingerprint = fingerprint(sum[:])
		ce.Subject = leaf.Subject.String()
	}
	return fmt.Errorf("%s: %w", cfg.Address(), ce)
}

// fingerprint formats a digest as AA:BB:CC…, as browsers and providers show it.
func fingerprint(sum []byte) string {
	h := strings.ToUpper(hex.EncodeToString(sum))
	var b strings.Builder
	for i := 0; i < len(h); i += 2 {
		if i > 0 {
			b.WriteByte(':')
		}
		b.WriteString(h[i : i+2])
	}
	return b.String()
}

// xoauth2 is the XOAUTH2 SASL mechanism (Gmail, Microsoft 365) with a token obtained elsewhere.
type xoauth2 struct{ user, token string }

func (x *xoauth2) Start() (string, []byte, error) {
	return "XOAUTH2", []byte("user=" + x.user + "\x01auth=Bearer " + x.token + "\x01\x01"), nil
}

// Next answers the server's error challenge with an empty response, as the mechanism requires; the
// server then fails the command with its real error.
func (x *xoauth2) Next([]byte) ([]byte, error) { return []byte{}, nil }

// TestLogin connects, logs in and counts the mailboxes, within 45 s overall: the Settings'
// "Test connection".
func TestLogin(ctx context.Context, cfg Config) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, 45*time.Second)
	defer cancel()
	c, err := Dial(ctx, cfg, nil)
	if err != nil {
		return 0, err
	}
	defer c.Close()
	stop := context.AfterFunc(ctx, func() { c.Close() }) // LIST takes no context
	defer stop()
	mbs, err := c.List("", "*", nil).Collect()
	if err != nil {
		if ctx.Err() != nil {
			return 0, ctx.Err()
		}
		return 0, err
	}
	_ = c.Logout().Wait()
	return len(mbs), nil
}
