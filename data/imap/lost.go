package imap

import (
	"errors"
	"fmt"
	"io"
	"net"
	"time"

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
// without the network error in the chain, so what tells is the client: its reader stops (at once,
// or a moment after the command saw the error). A server's NO or BAD, and a store error (a full
// disk, a damaged desk), keep their own meaning.
func Lost(c *imapclient.Client, err error) error {
	var ie *imap.Error
	if err == nil || c == nil || errors.Is(err, ErrConnectionLost) || errors.As(err, &ie) || store.IsDiskFull(err) || store.IsCorrupt(err) {
		return err
	}
	var ne net.Error
	if errors.As(err, &ne) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, errShortLiteral) {
		return fmt.Errorf("%w: %w", ErrConnectionLost, err)
	}
	select {
	case <-c.Closed():
		return fmt.Errorf("%w: %w", ErrConnectionLost, err)
	case <-time.After(200 * time.Millisecond):
	}
	return err
}
