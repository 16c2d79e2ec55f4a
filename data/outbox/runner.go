package outbox

import (
	"context"
	"errors"
	"time"

	"loge/data/desk"
	"loge/data/store"

	"loge/data/imap"
)

// Runner drains one account's outbox in the background: at once when kicked (a mail was queued),
// then every Interval while mail is waiting. It dials IMAP only when a Sent copy is due.
type Runner struct {
	St       *store.Store
	Account  desk.Account
	SMTP     SMTPConfig
	IMAP     *imap.Config // nil: no Sent copy
	Interval time.Duration

	kick   chan struct{}
	events chan Drained
}

// Drained reports one pass of a runner.
type Drained struct {
	Report Report
	Err    error
}

// NewRunner prepares a runner; Run starts it.
func NewRunner(st *store.Store, acct desk.Account, smtpCfg SMTPConfig, imapCfg *imap.Config) *Runner {
	return &Runner{St: st, Account: acct, SMTP: smtpCfg, IMAP: imapCfg, Interval: 30 * time.Second,
		kick: make(chan struct{}, 1), events: make(chan Drained, 16)}
}

// Kick asks for a pass now.
func (r *Runner) Kick() {
	select {
	case r.kick <- struct{}{}:
	default:
	}
}

// Events reports each pass; dropped when nobody reads.
func (r *Runner) Events() <-chan Drained { return r.events }

// Run drains until ctx ends.
func (r *Runner) Run(ctx context.Context) {
	t := time.NewTicker(r.Interval)
	defer t.Stop()
	for {
		rep, err := r.pass(ctx)
		if rep != (Report{}) || err != nil {
			select {
			case r.events <- Drained{Report: rep, Err: err}:
			default:
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-r.kick:
		case <-t.C:
		}
	}
}

func (r *Runner) pass(ctx context.Context) (Report, error) {
	due, err := r.St.OutboxDue(ctx, time.Now())
	if err != nil || len(due) == 0 {
		return Report{}, err
	}
	s := &Sender{St: r.St, SMTP: r.SMTP, AccountID: r.Account.ID}
	if r.IMAP != nil {
		c, err := imap.Dial(ctx, *r.IMAP, nil)
		if err != nil {
			// Offline: SMTP is probably down too; the mail waits either way.
			return Report{Waiting: len(due)}, err
		}
		defer c.Logout()
		s.IMAP = c
		if mb, err := r.St.MailboxByRole(ctx, r.Account.ID, desk.RoleSent); err == nil {
			s.SentMailbox = mb.Name
		}
	}
	rep, err := s.Drain(ctx)
	if errors.Is(err, ErrBusy) {
		// Another drainer (a script, a second window) has the outbox: it sends what is due.
		return Report{}, nil
	}
	return rep, err
}
