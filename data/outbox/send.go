package outbox

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	"loge/data/desk"
	"loge/data/store"

	goimap "github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
	"github.com/gofrs/flock"

	"loge/data/imap"
)

// SMTPConfig says how to reach the submission server. Security is mail.SecurityTLS (465),
// mail.SecuritySTARTTLS (587, then required) or mail.SecurityPlain (loopback tests only).
type SMTPConfig struct {
	Host     string
	Port     int
	Security string
	User     string // empty: no AUTH
	Secret   string
	CAFile   string
	Timeout  time.Duration
}

// Format prints an SMTPConfig with its secret masked, whatever the verb: one printed by mistake (a
// log line, a panic, an error built with %v) must never carry a password.
func (c SMTPConfig) Format(f fmt.State, verb rune) {
	type config SMTPConfig // without methods: printed field by field
	p := config(c)
	if p.Secret != "" {
		p.Secret = "[hidden]"
	}
	fmt.Fprintf(f, fmt.FormatString(f, verb), p)
}

// Errors a person can act on.
var (
	ErrSMTPUnreachable = errors.New("the outgoing mail server cannot be reached")
	ErrSMTPAuth        = errors.New("the outgoing mail server refused the user name or password")
	ErrSMTPNoSTARTTLS  = errors.New("the outgoing mail server does not offer STARTTLS")
	ErrRejected        = errors.New("the outgoing mail server refused this mail")
)

func (c SMTPConfig) addr() string { return net.JoinHostPort(c.Host, strconv.Itoa(c.Port)) }

func (c SMTPConfig) tls() (*tls.Config, error) { return imap.TLSConfig(c.Host, c.CAFile) }

// dialSMTP connects, secures (never downgrading STARTTLS) and authenticates.
func dialSMTP(ctx context.Context, cfg SMTPConfig) (*smtp.Client, error) {
	timeout := cfg.Timeout
	if timeout == 0 {
		timeout = 30 * time.Second
	}
	tc, err := cfg.tls()
	if err != nil {
		return nil, err
	}
	d := &net.Dialer{Timeout: timeout}
	conn, err := d.DialContext(ctx, "tcp", cfg.addr())
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %v", cfg.addr(), ErrSMTPUnreachable, err)
	}
	conn.SetDeadline(time.Now().Add(2 * timeout))
	var c *smtp.Client
	switch cfg.Security {
	case imap.SecurityTLS, "":
		tconn := tls.Client(conn, tc)
		if err := tconn.HandshakeContext(ctx); err != nil {
			conn.Close()
			var cve *tls.CertificateVerificationError
			if errors.As(err, &cve) {
				return nil, fmt.Errorf("%s: %w", cfg.addr(), &imap.CertError{Err: err})
			}
			return nil, fmt.Errorf("%s: %w: %v", cfg.addr(), ErrSMTPUnreachable, err)
		}
		c = smtp.NewClient(tconn)
	case imap.SecuritySTARTTLS:
		c, err = smtp.NewClientStartTLS(conn, tc)
		if err != nil {
			conn.Close()
			var cve *tls.CertificateVerificationError
			if errors.As(err, &cve) {
				return nil, fmt.Errorf("%s: %w", cfg.addr(), &imap.CertError{Err: err})
			}
			if bytes.Contains([]byte(err.Error()), []byte("STARTTLS")) {
				return nil, fmt.Errorf("%s: %w", cfg.addr(), ErrSMTPNoSTARTTLS)
			}
			return nil, fmt.Errorf("%s: %w: %v", cfg.addr(), ErrSMTPUnreachable, err)
		}
	case imap.SecurityPlain:
		c = smtp.NewClient(conn)
	default:
		conn.Close()
		return nil, fmt.Errorf("%q: %w", cfg.Security, imap.ErrBadSecurity)
	}
	// A server that stops answering is given a minute per command, and RFC 5321's ten minutes for
	// its answer to the end of DATA (it may be scanning the mail).
	c.CommandTimeout = 2 * timeout
	c.SubmissionTimeout = 10 * time.Minute
	if err := c.Hello("localhost"); err != nil {
		c.Close()
		// After STARTTLS the handshake happens here, and go-smtp does not keep the TLS error's type.
		var cve *tls.CertificateVerificationError
		if errors.As(err, &cve) || strings.Contains(err.Error(), "failed to verify certificate") {
			return nil, fmt.Errorf("%s: %w", cfg.addr(), &imap.CertError{Err: err})
		}
		return nil, fmt.Errorf("%s: %w: %v", cfg.addr(), ErrSMTPUnreachable, err)
	}
	if cfg.User != "" {
		if err := c.Auth(sasl.NewPlainClient("", cfg.User, cfg.Secret)); err != nil {
			c.Close()
			var se *smtp.SMTPError
			if errors.As(err, &se) && se.Code >= 500 {
				return nil, fmt.Errorf("%s as %s: %w", cfg.addr(), cfg.User, ErrSMTPAuth)
			}
			return nil, fmt.Errorf("%s: %w: %v", cfg.addr(), ErrSMTPUnreachable, err)
		}
	}
	return c, nil
}

// ErrBusy: another drainer (the window's outbox, a script, a second window) is sending this desk's
// mail right now; what is due will go with it, or with the next pass.
var ErrBusy = errors.New("another Loge is sending this desk's mail")

// Sender drains a desk's outbox: SMTP submission, then a copy in the account's Sent folder.
//
// Exactly once, and never twice on its own:
//   - Only one drainer works on a desk at a time: Drain holds an OS file lock beside the desk file
//     (threads and processes alike; the OS drops it when a process dies, even by SIGKILL).
//   - A mail is claimed (queued → sending, one conditional UPDATE) after MAIL FROM and RCPT TO and
//     just before DATA, and marked submitted as soon as the server answers 250. Nothing before
//     DATA can deliver a mail, so a failure there re-queues it.
//   - A mail found "sending" by the lock holder was left by a drainer that died while the server
//     had it, or a connection broke while the server answered: the server may have taken it. It
//     is looked for in Sent (many providers file submitted mail there themselves); if it is not
//     there it becomes unsure, for the user to send again or mark as sent. It is never re-sent
//     on its own.
//   - "submitted" only finishes the Sent copy.
type Sender struct {
	St   *store.Store
	SMTP SMTPConfig
	// IMAP is an authenticated client for the Sent copy; nil skips the copy (no IMAP account).
	IMAP *imapclient.Client
	// SentMailbox names the Sent folder; empty means the account's Sent role, else "Sent".
	SentMailbox string
	AccountID   int64
	// Wait makes Drain wait for another drainer to finish (until ctx ends) instead of returning
	// ErrBusy at once: for the command line.
	Wait bool
	// AfterSubmit, when set, runs between SMTP acceptance and the Sent copy (fault injection for
	// the crash tests).
	AfterSubmit func(desk.OutboxItem)
	Now         func() time.Time
}

// Report sums up a drain. Unsure counts the mail that may have gone out and wait for the user.
type Report struct {
	Sent, Failed, Waiting, Unsure int
}

func (s *Sender) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// Backoff is the wait before retry n (1-based): 30 s, 1, 2, 4… minutes, at most 30 minutes.
func Backoff(n int) time.Duration {
	d := 30 * time.Second
	for i := 1; i < n && d < 30*time.Minute; i++ {
		d *= 2
	}
	return min(d, 30*time.Minute)
}

// LockPath is the file beside the desk that the drainer holding the outbox locks.
func LockPath(st *store.Store) string { return st.Path() + "-send.lock" }

// lock takes the desk's send lock, waiting for it when s.Wait.
func (s *Sender) lock(ctx context.Context) (*flock.Flock, error) {
	l := flock.New(LockPath(s.St), flock.SetPermissions(0o600))
	var ok bool
	var err error
	if s.Wait {
		ok, err = l.TryLockContext(ctx, 100*time.Millisecond)
	} else {
		ok, err = l.TryLock()
	}
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("outbox lock %s: %w", l.Path(), err)
	}
	if !ok {
		return nil, ErrBusy
	}
	return l, nil
}

// Drain works through what is due. A network failure stops it (the rest waits for the next try);
// a mail the server refuses for good is marked failed and the drain goes on.
func (s *Sender) Drain(ctx context.Context) (Report, error) {
	var rep Report
	l, err := s.lock(ctx)
	if err != nil {
		return rep, err
	}
	defer l.Unlock()
	due, err := s.St.OutboxDue(ctx, s.now())
	if err != nil {
		return rep, err
	}
	var client *smtp.Client
	defer func() {
		if client != nil {
			client.Quit()
		}
	}()
	for i, item := range due {
		if s.AccountID != 0 && item.AccountID != 0 && item.AccountID != s.AccountID {
			continue
		}
		switch item.State {
		case desk.OutboxSubmitted:
			if err := s.finish(ctx, item); err != nil {
				return rep, err
			}
			rep.Sent++
			continue
		case desk.OutboxSending, desk.OutboxUnsure:
			// Left by a drainer that died while the server had it (we hold the lock, so nobody
			// else is sending it), or unsure since: Sent decides, else the user does.
			found, err := s.inSent(item.MessageID)
			if err != nil {
				return rep, err
			}
			if !found {
				if err := s.St.OutboxMarkUnsure(ctx, item.ID, errUnsure(item), s.now()); err != nil {
					return rep, err
				}
				rep.Unsure++
				continue
			}
			if err := s.St.SetOutboxState(ctx, item.ID, desk.OutboxSubmitted); err != nil {
				return rep, err
			}
			if err := s.finish(ctx, item); err != nil {
				return rep, err
			}
			rep.Sent++
			continue
		}
		full, err := s.St.OutboxItem(ctx, item.ID)
		if err != nil {
			return rep, err
		}
		if client == nil {
			if client, err = dialSMTP(ctx, s.SMTP); err != nil {
				s.retryAll(ctx, due[i:], err)
				rep.Waiting += len(due) - i
				return rep, err
			}
		}
		claimed, err := s.submit(ctx, client, full)
		if !claimed && err == nil {
			continue // cancelled meanwhile
		}
		if err != nil {
			var se *smtp.SMTPError
			var unsure *unsureError
			switch {
			case errors.As(err, &unsure):
				// The connection broke while the server answered DATA: it may have the mail.
				if err := s.St.OutboxMarkUnsure(ctx, item.ID, unsure.err, s.now()); err != nil {
					return rep, err
				}
				rep.Unsure++
				client.Close()
				client = nil
				rep.Waiting += s.countRetry(due[i+1:])
				s.retryAll(ctx, due[i+1:], unsure.err)
				return rep, fmt.Errorf("%w: %v", ErrSMTPUnreachable, unsure.err)
			case errors.As(err, &se) && se.Code >= 500:
				s.St.OutboxFail(ctx, item.ID, fmt.Errorf("%w: %v", ErrRejected, err))
				rep.Failed++
				client.Reset()
				continue
			}
			// Nothing was delivered: the server said "later" or the line dropped before the end
			// of DATA. The claim goes back to the queue with the rest.
			s.retryAll(ctx, due[i:], err)
			rep.Waiting += len(due) - i
			return rep, fmt.Errorf("%w: %v", ErrSMTPUnreachable, err)
		}
		if err := s.St.SetOutboxState(ctx, item.ID, desk.OutboxSubmitted); err != nil {
			return rep, err
		}
		if s.AfterSubmit != nil {
			s.AfterSubmit(full)
		}
		if err := s.finish(ctx, full); err != nil {
			return rep, err
		}
		rep.Sent++
	}
	return rep, nil
}

// unsureError: the server may have accepted the mail (the connection failed after the end of DATA
// was sent, before its answer arrived).
type unsureError struct{ err error }

func (e *unsureError) Error() string { return "no answer to the end of DATA: " + e.err.Error() }

// errUnsure is the reason shown for a mail found sending after a drainer stopped.
func errUnsure(item desk.OutboxItem) error {
	if item.State == desk.OutboxUnsure && item.LastError != "" {
		return errors.New(item.LastError)
	}
	return errors.New("stopped while the server was taking this mail (Loge was closed or killed)")
}

func (s *Sender) countRetry(items []desk.OutboxItem) int {
	n := 0
	for _, it := range items {
		if it.State == desk.OutboxQueued {
			n++
		}
	}
	return n
}

func (s *Sender) retryAll(ctx context.Context, items []desk.OutboxItem, cause error) {
	for _, it := range items {
		if it.State == desk.OutboxQueued {
			s.St.OutboxRetry(ctx, it.ID, cause, s.now().Add(Backoff(it.Attempts+1)))
		}
	}
}

// submit hands one mail to the server. The mail is claimed (queued → sending) after the envelope
// is accepted and before DATA; claimed=false with a nil error means it was no longer queued.
// An error after the end of DATA was sent is an *unsureError; any other error means the server
// cannot have delivered it.
func (s *Sender) submit(ctx context.Context, c *smtp.Client, o desk.OutboxItem) (claimed bool, err error) {
	from := o.From
	if a, err := ParseAddresses(o.From); err == nil && len(a) == 1 {
		from = a[0].Address
	}
	if err := c.Mail(from, nil); err != nil {
		return false, err
	}
	for _, r := range o.Rcpts {
		if err := c.Rcpt(r, nil); err != nil {
			return false, err
		}
	}
	if claimed, err = s.St.ClaimOutbox(ctx, o.ID); err != nil || !claimed {
		c.Reset()
		return false, err
	}
	w, err := c.Data()
	if err != nil {
		return true, err
	}
	if _, err := w.Write(o.Raw); err != nil {
		return true, err // no end of DATA: the server drops what it got
	}
	if err := w.Close(); err != nil {
		var se *smtp.SMTPError
		if errors.As(err, &se) {
			return true, err // the server's own answer: refused, not delivered
		}
		return true, &unsureError{err}
	}
	return true, nil
}

// finish copies a submitted mail to Sent (unless already there), marks it sent and flags the mail
// it answers \Answered (journaled, so it reaches the server with the next sync).
func (s *Sender) finish(ctx context.Context, item desk.OutboxItem) error {
	if s.IMAP != nil {
		found, err := s.inSent(item.MessageID)
		if err != nil {
			return err
		}
		if !found {
			if len(item.Raw) == 0 {
				full, err := s.St.OutboxItem(ctx, item.ID)
				if err != nil {
					return err
				}
				item = full
			}
			if err := s.appendSent(item.Raw); err != nil {
				return err
			}
		}
	}
	if err := s.St.SetOutboxState(ctx, item.ID, desk.OutboxSent); err != nil {
		return err
	}
	if item.Answers != 0 {
		if err := s.St.ChangeFlags(ctx, item.Answers, []string{`\Answered`}, nil); err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
	}
	return nil
}

func (s *Sender) sentName() string {
	if s.SentMailbox != "" {
		return s.SentMailbox
	}
	return "Sent"
}

func (s *Sender) inSent(messageID string) (bool, error) {
	if s.IMAP == nil {
		return false, nil
	}
	if _, err := s.IMAP.Select(s.sentName(), &goimap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
		return false, fmt.Errorf("select %s: %w", s.sentName(), err)
	}
	sd, err := s.IMAP.UIDSearch(&goimap.SearchCriteria{Header: []goimap.SearchCriteriaHeaderField{{Key: "Message-Id", Value: messageID}}}, nil).Wait()
	if err != nil {
		return false, fmt.Errorf("search Sent: %w", err)
	}
	return len(sd.AllUIDs()) > 0, nil
}

func (s *Sender) appendSent(raw []byte) error {
	cmd := s.IMAP.Append(s.sentName(), int64(len(raw)), &goimap.AppendOptions{Flags: []goimap.Flag{goimap.FlagSeen}, Time: s.now()})
	if _, err := cmd.Write(raw); err != nil {
		return err
	}
	if err := cmd.Close(); err != nil {
		return err
	}
	_, err := cmd.Wait()
	return err
}
