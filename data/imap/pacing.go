package imap

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/emersion/go-imap/v2/imapclient"
)

// Pacing is how a long-lived connection (the mail worker's, the team worker's) is kept alive and
// retried. Zero fields take the defaults.
type Pacing struct {
	// Keepalive is how often an idle connection is checked (and other mailboxes polled): 4 minutes
	// when zero, well under the 30 minutes after which servers may drop an IDLE client.
	Keepalive time.Duration
	// MaxBackoff caps the wait between reconnection attempts: 2 minutes when zero.
	MaxBackoff time.Duration
}

func (p Pacing) withDefaults() Pacing {
	if p.Keepalive == 0 {
		p.Keepalive = 4 * time.Minute
	}
	if p.MaxBackoff == 0 {
		p.MaxBackoff = 2 * time.Minute
	}
	return p
}

// Reconnect dials cfg until ctx ends and runs session on each connection. After a failed dial or
// session it reports the error and the wait before the next try, then waits: a second, doubling up
// to MaxBackoff, cut short when retry fires (a "sync now" while offline). A session calls reset once
// the connection has proved itself, so its next failure waits a second again. opts is called before
// each dial (a session may want fresh channels in its handlers). Unless cfg has a read timeout, it
// gets one just over a keepalive period: a link that died silently fails the next read.
func Reconnect[T any](ctx context.Context, p Pacing, cfg Config, opts func() *imapclient.Options, retry <-chan T,
	session func(c *imapclient.Client, keepalive time.Duration, reset func()) error,
	failed func(err error, wait time.Duration)) {
	p = p.withDefaults()
	if cfg.ReadTimeout == 0 {
		cfg.ReadTimeout = p.Keepalive + p.Keepalive/4 + 10*time.Second
	}
	backoff := time.Second
	reset := func() { backoff = time.Second }
	for ctx.Err() == nil {
		c, err := Dial(ctx, cfg, opts())
		if err == nil {
			err = Lost(c, session(c, p.Keepalive, reset)) // "Offline: " and a sentence, not go-imap's words
			c.Close()
		}
		if ctx.Err() != nil {
			return
		}
		failed(err, backoff)
		t := time.NewTimer(backoff)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		case <-retry:
			t.Stop()
		}
		backoff = min(backoff*2, p.MaxBackoff)
	}
}

// StopIdle ends an IDLE (nil: none running) and waits for the server's answer, at most 15 seconds:
// a server that does not answer is taken for a dead connection, which is closed.
func StopIdle(c *imapclient.Client, idle *imapclient.IdleCommand) error {
	if idle == nil {
		return nil
	}
	done := make(chan error, 1)
	go func() {
		if err := idle.Close(); err != nil {
			done <- err
			return
		}
		done <- idle.Wait()
	}()
	select {
	case err := <-done:
		if err != nil {
			return fmt.Errorf("idle: %w", err)
		}
		return nil
	case <-time.After(15 * time.Second):
		c.Close()
		return errors.New("the connection stopped answering")
	}
}
