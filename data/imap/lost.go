package imap

import (
	"errors"
	"fmt"

	"loge/data/store"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
)

// ErrConnectionLost: the connection broke off in the middle of a session (reset, closed by the
// server or the network, or silent for too long). What was stored before stays stored; the next
// sync goes on from there.
var ErrConnectionLost = errors.New("the connection to the mail server was lost")

// Lost marks err as ErrConnectionLost when c's connection is gone. go-imap reports a broken stream
// in words of its own ("in response: cannot read type: read tcp …: connection reset by peer"),
// without the network error in the chain, so the client's state is what tells. A store error (a
// full disk, a damaged desk) keeps its own meaning.
func Lost(c *imapclient.Client, err error) error {
	if err == nil || c == nil || errors.Is(err, ErrConnectionLost) || store.IsDiskFull(err) || store.IsCorrupt(err) {
		return err
	}
	if c.State() == imap.ConnStateLogout {
		return fmt.Errorf("%w: %w", ErrConnectionLost, err)
	}
	return err
}
