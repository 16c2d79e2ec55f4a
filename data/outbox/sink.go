package outbox

import (
	"crypto/tls"
	"errors"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Sink is an in-process SMTP server on loopback that keeps what it receives: the demo desk's
// outgoing server, and the tests'. It never relays anything.
type Sink struct {
	srv  *smtp.Server
	ln   net.Listener
	user string
	pass string

	mu       sync.Mutex
	received []Received
	// Down makes the sink refuse connections' mail with a temporary error, as a server in trouble.
	Down atomic.Bool
	// DropAfterData makes the sink keep the next mail and then cut the connection instead of
	// answering 250: the server has the mail, the client cannot know.
	DropAfterData atomic.Bool
	delay         time.Duration
}

// Received is one mail the sink accepted.
type Received struct {
	From string
	To   []string
	Data []byte
	At   time.Time
}

// SinkOptions configure a sink: login required when User is set; STARTTLS offered with TLS.
// Delay is how long the sink takes to answer each mail's DATA, as a real submission server that
// scans for spam and viruses (the mail counts as received before the wait).
type SinkOptions struct {
	User, Pass string
	TLS        *tls.Config
	// ImplicitTLS serves TLS from the first byte (port 465) instead of offering STARTTLS.
	ImplicitTLS bool
	Delay       time.Duration
}

// StartSink listens on 127.0.0.1 (a free port) and serves until Close.
func StartSink(opts SinkOptions) (*Sink, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &Sink{ln: ln, user: opts.User, pass: opts.Pass, delay: opts.Delay}
	s.srv = smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) { return &sinkSession{sink: s, conn: c.Conn()}, nil }))
	s.srv.Domain = "localhost"
	s.srv.AllowInsecureAuth = true
	s.srv.TLSConfig = opts.TLS
	s.srv.ReadTimeout = 30 * time.Second
	s.srv.WriteTimeout = 30 * time.Second
	if opts.ImplicitTLS && opts.TLS != nil {
		go s.srv.Serve(tls.NewListener(ln, opts.TLS))
		return s, nil
	}
	go s.srv.Serve(ln)
	return s, nil
}

// Port is the port the sink listens on.
func (s *Sink) Port() int { return s.ln.Addr().(*net.TCPAddr).Port }

// Received lists what the sink accepted, in order.
func (s *Sink) Received() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.received...)
}

// Close stops the sink.
func (s *Sink) Close() error { return s.srv.Close() }

type sinkSession struct {
	sink   *Sink
	conn   net.Conn
	authed bool
	from   string
	to     []string
}

func (ss *sinkSession) AuthMechanisms() []string {
	if ss.sink.user == "" {
		return nil
	}
	return []string{sasl.Plain}
}

func (ss *sinkSession) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != ss.sink.user || pass != ss.sink.pass {
			return smtp.ErrAuthFailed
		}
		ss.authed = true
		return nil
	}), nil
}

func (ss *sinkSession) Mail(from string, _ *smtp.MailOptions) error {
	if ss.sink.user != "" && !ss.authed {
		return smtp.ErrAuthRequired
	}
	if ss.sink.Down.Load() {
		return &smtp.SMTPError{Code: 421, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again later"}
	}
	ss.from = from
	return nil
}

func (ss *sinkSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	ss.to = append(ss.to, to)
	return nil
}

func (ss *sinkSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	ss.sink.mu.Lock()
	ss.sink.received = append(ss.sink.received, Received{From: ss.from, To: ss.to, Data: b, At: time.Now()})
	ss.sink.mu.Unlock()
	if ss.sink.DropAfterData.CompareAndSwap(true, false) {
		ss.conn.Close()
		return errors.New("connection cut after DATA")
	}
	time.Sleep(ss.sink.delay)
	return nil
}

func (ss *sinkSession) Reset() { ss.from, ss.to = "", nil }

func (ss *sinkSession) Logout() error { return nil }
