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

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"loge/data"
	"loge/data/mail"
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

// Errors a person can act on.
var (
	ErrSMTPUnreachable = errors.New("the outgoing mail server cannot be reached")
	ErrSMTPAuth        = errors.New("the outgoing mail server refused the user name or password")
	ErrSMTPNoSTARTTLS  = errors.New("the outgoing mail server does not offer STARTTLS")
	ErrRejected        = errors.New("the outgoing mail server refused this mail")
)

func (c SMTPConfig) addr() string { return net.JoinHostPort(c.Host, strconv.Itoa(c.Port)) }

func (c SMTPConfig) tls() (*tls.Config, error) { return mail.TLSConfig(c.Host, c.CAFile) }

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
	case mail.SecurityTLS, "":
		tconn := tls.Client(conn, tc)
		if err := tconn.HandshakeContext(ctx); err != nil {
			conn.Close()
			var cve *tls.CertificateVerificationError
			if errors.As(err, &cve) {
				return nil, fmt.Errorf("%s: %w", cfg.addr(), &mail.CertError{Err: err})
			}
			return nil, fmt.Errorf("%s: %w: %v", cfg.addr(), ErrSMTPUnreachable, err)
		}
		c = smtp.NewClient(tconn)
	case mail.SecuritySTARTTLS:
		c, err = smtp.NewClientStartTLS(conn, tc)
		if err != nil {
			conn.Close()
			var cve *tls.CertificateVerificationError
			if errors.As(err, &cve) {
				return nil, fmt.Errorf("%s: %w", cfg.addr(), &mail.CertError{Err: err})
			}
			if bytes.Contains([]byte(err.Error()), []byte("STARTTLS")) {
				return nil, fmt.Errorf("%s: %w", cfg.addr(), ErrSMTPNoSTARTTLS)
			}
			return nil, fmt.Errorf("%s: %w: %v", cfg.addr(), ErrSMTPUnreachable, err)
		}
	case mail.SecurityPlain:
		c = smtp.NewClient(conn)
	default:
		conn.Close()
		return nil, fmt.Errorf("%q: %w", cfg.Security, mail.ErrBadSecurity)
	}
	if err := c.Hello("localhost"); err != nil {
		c.Close()
		// After STARTTLS the handshake happens here, and go-smtp does not keep the TLS error's type.
		var cve *tls.CertificateVerificationError
		if errors.As(err, &cve) || strings.Contains(err.Error(), "failed to verify certificate") {
			return nil, fmt.Errorf("%s: %w", cfg.addr(), &mail.CertError{Err: err})
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

// Sender drains a desk's outbox: SMTP submission, then a copy in the account's Sent folder.
//
// Exactly once: a mail is marked "sending" (committed) before SMTP, "submitted" (committed) as soon
// as the server accepts it, "sent" once copied to Sent. After a crash, "submitted" only finishes
// the Sent copy; "sending" first looks for the Message-ID in Sent and sends only when it is not
// there. The one window left is between the server's 250 reply and the local commit, a few
// microseconds; a mail caught there is sent again.
type Sender struct {
	St   *data.Store
	SMTP SMTPConfig
	// IMAP is an authenticated client for the Sent copy; nil skips the copy (no IMAP account).
	IMAP *imapclient.Client
	// SentMailbox names the Sent folder; empty means the account's Sent role, else "Sent".
	SentMailbox string
	AccountID   int64
	// AfterSubmit, when set, runs between SMTP acceptance and the Sent copy (fault injection for
	// the crash tests).
	AfterSubmit func(data.OutboxItem)
	Now         func() time.Time
}

// Report sums up a drain.
type Report struct {
	Sent, Failed, Waiting int
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

// Drain works through what is due. A network failure stops it (the rest waits for the next try);
// a mail the server refuses for good is marked failed and the drain goes on.
func (s *Sender) Drain(ctx context.Context) (Report, error) {
	var rep Report
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
		case data.OutboxSubmitted:
			if err := s.finish(ctx, item); err != nil {
				return rep, err
			}
			rep.Sent++
			continue
		case data.OutboxSending:
			if found, err := s.inSent(item.MessageID); err != nil {
				return rep, err
			} else if found {
				// It went out before the crash and was copied: only the bookkeeping is left.
				if err := s.St.SetOutboxState(ctx, item.ID, data.OutboxSubmitted); err != nil {
					return rep, err
				}
				if err := s.finish(ctx, item); err != nil {
					return rep, err
				}
				rep.Sent++
				continue
			}
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
		if err := s.St.SetOutboxState(ctx, item.ID, data.OutboxSending); err != nil {
			return rep, err
		}
		if err := submit(client, full); err != nil {
			var se *smtp.SMTPError
			if errors.As(err, &se) && se.Code >= 500 {
				s.St.OutboxFail(ctx, item.ID, fmt.Errorf("%w: %v", ErrRejected, err))
				rep.Failed++
				client.Reset()
				continue
			}
			s.retryAll(ctx, due[i:], err)
			rep.Waiting += len(due) - i
			return rep, fmt.Errorf("%w: %v", ErrSMTPUnreachable, err)
		}
		if err := s.St.SetOutboxState(ctx, item.ID, data.OutboxSubmitted); err != nil {
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

func (s *Sender) retryAll(ctx context.Context, items []data.OutboxItem, cause error) {
	for _, it := range items {
		if it.State == data.OutboxQueued || it.State == data.OutboxSending {
			s.St.OutboxRetry(ctx, it.ID, cause, s.now().Add(Backoff(it.Attempts+1)))
		}
	}
}

func submit(c *smtp.Client, o data.OutboxItem) error {
	from := o.From
	if a, err := ParseAddresses(o.From); err == nil && len(a) == 1 {
		from = a[0].Address
	}
	if err := c.Mail(from, nil); err != nil {
		return err
	}
	for _, r := range o.Rcpts {
		if err := c.Rcpt(r, nil); err != nil {
			return err
		}
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(o.Raw); err != nil {
		return err
	}
	return w.Close()
}

// finish copies a submitted mail to Sent (unless already there), marks it sent and flags the mail
// it answers \Answered (journaled, so it reaches the server with the next sync).
func (s *Sender) finish(ctx context.Context, item data.OutboxItem) error {
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
	if err := s.St.SetOutboxState(ctx, item.ID, data.OutboxSent); err != nil {
		return err
	}
	if item.Answers != 0 {
		if err := s.St.ChangeFlags(ctx, item.Answers, []string{`\Answered`}, nil); err != nil && !errors.Is(err, data.ErrNotFound) {
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
	if _, err := s.IMAP.Select(s.sentName(), &imap.SelectOptions{ReadOnly: true}).Wait(); err != nil {
		return false, fmt.Errorf("select %s: %w", s.sentName(), err)
	}
	sd, err := s.IMAP.UIDSearch(&imap.SearchCriteria{Header: []imap.SearchCriteriaHeaderField{{Key: "Message-Id", Value: messageID}}}, nil).Wait()
	if err != nil {
		return false, fmt.Errorf("search Sent: %w", err)
	}
	return len(sd.AllUIDs()) > 0, nil
}

func (s *Sender) appendSent(raw []byte) error {
	cmd := s.IMAP.Append(s.sentName(), int64(len(raw)), &imap.AppendOptions{Flags: []imap.Flag{imap.FlagSeen}, Time: s.now()})
	if _, err := cmd.Write(raw); err != nil {
		return err
	}
	if err := cmd.Close(); err != nil {
		return err
	}
	_, err := cmd.Wait()
	return err
}
