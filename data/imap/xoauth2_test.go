package imap

import (
	"context"
	"errors"
	"io"
	"log"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
	"github.com/emersion/go-sasl"
)

// oauthSession is the memory server's session that accepts only XOAUTH2 with one token, as Gmail or
// Microsoft 365 would.
type oauthSession struct {
	*imapmemserver.UserSession
	token string
}

func (s *oauthSession) AuthenticateMechanisms() []string { return []string{"XOAUTH2"} }

func (s *oauthSession) Authenticate(mech string) (sasl.Server, error) {
	return saslServerFunc(func(resp []byte) ([]byte, bool, error) {
		parts := strings.Split(string(resp), "\x01")
		if len(parts) < 2 || !strings.HasPrefix(parts[0], "user=") || parts[1] != "auth=Bearer "+s.token {
			return nil, true, errors.New("invalid token")
		}
		return nil, true, s.UserSession.Login(strings.TrimPrefix(parts[0], "user="), "pw")
	}), nil
}

type saslServerFunc func([]byte) ([]byte, bool, error)

func (f saslServerFunc) Next(resp []byte) ([]byte, bool, error) { return f(resp) }

func TestXOAuth2(t *testing.T) {
	user := imapmemserver.NewUser("desk@hotel.example", "pw")
	user.Create("INBOX", nil)
	srv := imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return &oauthSession{UserSession: imapmemserver.NewUserSession(user), token: "ya29.good"}, nil, nil
		},
		Caps:         imap.CapSet{imap.CapIMAP4rev1: {}},
		InsecureAuth: true,
		Logger:       log.New(io.Discard, "", 0),
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	defer srv.Close()
	cfg := Config{Host: "127.0.0.1", Port: ln.Addr().(*net.TCPAddr).Port, Security: SecurityPlain, User: "desk@hotel.example",
		Secret: "ya29.good", Auth: AuthXOAuth2, Timeout: 5 * time.Second}
	c, err := Dial(context.Background(), cfg, nil)
	if err != nil {
		t.Fatalf("XOAUTH2 with a good token: %v", err)
	}
	if _, err := c.Select("INBOX", nil).Wait(); err != nil {
		t.Fatalf("not logged in after XOAUTH2: %v", err)
	}
	c.Close()
	cfg.Secret = "ya29.expired"
	if _, err := Dial(context.Background(), cfg, nil); !errors.Is(err, ErrAuth) {
		t.Fatalf("expired token: %v", err)
	}
}
