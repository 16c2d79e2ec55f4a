package demo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/mail"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"loge/data/desk"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
)

// Password is the demo account's fixed password on the demo desk's in-process servers.
const Password = "demo"

// ErrServerClosed is returned by Deliver once the server is closed.
var ErrServerClosed = errors.New("demo: IMAP server closed")

// imapDelim is imapmemserver's hierarchy delimiter.
const imapDelim = '/'

// specialUse maps the demo mailboxes' roles to their RFC 6154 attributes.
var specialUse = map[string]imap.MailboxAttr{
	desk.RoleSent:    imap.MailboxAttrSent,
	desk.RoleDrafts:  imap.MailboxAttrDrafts,
	desk.RoleArchive: imap.MailboxAttrArchive,
	desk.RoleTrash:   imap.MailboxAttrTrash,
}

// serverCaps are the capabilities the demo server offers: IMAP4rev1 plus extensions, the shape
// of Dovecot 2.3, so the sync client takes the same paths against the demo desk as against the
// real test server. imapserver adds IDLE, UNSELECT, ENABLE, SASL-IR, LITERAL-, UTF8=ACCEPT and
// AUTH=PLAIN by itself. CONDSTORE/QRESYNC are not implemented by imapserver at all.
var serverCaps = imap.CapSet{
	imap.CapIMAP4rev1:    {},
	imap.CapNamespace:    {},
	imap.CapUIDPlus:      {},
	imap.CapMove:         {},
	imap.CapESearch:      {},
	imap.CapSearchRes:    {},
	imap.CapListExtended: {},
	imap.CapListStatus:   {},
	imap.CapStatusSize:   {},
	imap.CapBinary:       {},
	imap.CapChildren:     {}, // provided by session.List below, not by imapmemserver
	imap.CapSpecialUse:   {}, // likewise
}

// Server is the demo desk's IMAP server on a loopback port, seeded with the demo mails.
//
// It is imapmemserver behind imapserver, plus a thin session layer that lists mailboxes with
// SPECIAL-USE and CHILDREN attributes (imapmemserver's own LIST never reports them).
// Everything lives in memory and is gone once the process ends.
type Server struct {
	user *imapmemserver.User
	imap *imapserver.Server
	ln   net.Listener
	port int

	serveDone chan struct{} // closed when Serve returns
	stop      chan struct{} // closed by Close: stops DeliverEvery goroutines
	stopCtx   func() bool   // unregisters the ctx watcher
	wg        sync.WaitGroup
	closeOnce sync.Once
	closeErr  error
	nextNew   atomic.Int64 // the n of the next NewMail delivered by DeliverEvery

	gate *gateListener // lets the demo simulate an outage

	mu     sync.Mutex
	closed bool
	boxes  map[string]*boxInfo // mailbox registry mirrored for LIST
}

// boxInfo is what LIST reports about a mailbox beyond its name.
type boxInfo struct {
	subscribed bool
	specialUse imap.MailboxAttr // "" when none
}

// StartServer starts the demo IMAP server on 127.0.0.1 with a random free port, seeded with
// Mails(now): the five demo mailboxes (INBOX, Sent, Drafts, Archive, Trash, all subscribed,
// the last four with their SPECIAL-USE attribute), each mail appended with its flags and its
// Date as INTERNALDATE, oldest first. UIDs therefore run 1, 2, 3… per mailbox in the same order
// Seed gives them, and UIDVALIDITY is 1…5 in that mailbox order.
//
// Authentication is plain text (LOGIN or AUTHENTICATE PLAIN without TLS), acceptable only
// because it listens on loopback. ctx bounds the server's life: once ctx is done the server
// closes as if Close were called.
func StartServer(ctx context.Context, now time.Time) (*Server, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s := &Server{
		user:      imapmemserver.NewUser(DeskEmail, Password),
		serveDone: make(chan struct{}),
		stop:      make(chan struct{}),
		boxes:     map[string]*boxInfo{},
	}
	if err := s.seed(now); err != nil {
		return nil, err
	}

	ln, err := net.Listen("tcp", net.JoinHostPort(IMAPHost, "0"))
	if err != nil {
		return nil, fmt.Errorf("demo: IMAP listen: %w", err)
	}
	s.gate = &gateListener{Listener: ln}
	s.ln = s.gate
	s.port = ln.Addr().(*net.TCPAddr).Port
	s.imap = imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return &session{srv: s}, nil, nil
		},
		Caps:         serverCaps,
		Logger:       log.New(io.Discard, "", 0),
		InsecureAuth: true, // loopback only
	})
	go func() {
		defer close(s.serveDone)
		// Serve returns nil once Close closes the listener, or errClosed when Close came
		// first; a dead listener is noticed by clients, there is nobody else to tell.
		_ = s.imap.Serve(s.gate)
	}()
	s.stopCtx = context.AfterFunc(ctx, func() { s.Close() })
	return s, nil
}

// seed creates, subscribes and fills the demo mailboxes.
func (s *Server) seed(now time.Time) error {
	for _, mb := range mailboxes {
		if err := s.user.Create(mb.name, nil); err != nil {
			return fmt.Errorf("demo: IMAP create %s: %w", mb.name, err)
		}
		if err := s.user.Subscribe(mb.name); err != nil {
			return fmt.Errorf("demo: IMAP subscribe %s: %w", mb.name, err)
		}
		s.boxes[mb.name] = &boxInfo{subscribed: true, specialUse: specialUse[mb.role]}
	}
	mails := Mails(now)
	// Mails is oldest first already; a stable sort keeps Seed's UID order for equal dates.
	sort.SliceStable(mails, func(i, j int) bool { return mails[i].Date.Before(mails[j].Date) })
	for _, m := range mails {
		flags := make([]imap.Flag, len(m.Flags))
		for i, f := range m.Flags {
			flags[i] = imap.Flag(f)
		}
		_, err := s.user.Append(m.Mailbox, bytes.NewReader(m.Raw), &imap.AppendOptions{Flags: flags, Time: m.Date})
		if err != nil {
			return fmt.Errorf("demo: IMAP append %s to %s: %w", m.MessageID, m.Mailbox, err)
		}
	}
	return nil
}

// Addr is the server's address, "127.0.0.1:PORT".
func (s *Server) Addr() string { return net.JoinHostPort(IMAPHost, strconv.Itoa(s.port)) }

// Port is the server's TCP port on 127.0.0.1.
func (s *Server) Port() int { return s.port }

// User is the demo account's login: the desk address.
func (s *Server) User() string { return DeskEmail }

// Password is the demo account's fixed password.
func (s *Server) Password() string { return Password }

// Deliver appends one message to INBOX as a new unseen mail, with the message's Date header
// as INTERNALDATE (the current time when it has none). Clients with INBOX selected see it at
// once if they are in IDLE, otherwise with their next command.
func (s *Server) Deliver(raw []byte) error {
	t := time.Now()
	if m, err := mail.ReadMessage(bytes.NewReader(raw)); err == nil {
		if d, err := m.Header.Date(); err == nil {
			t = d
		}
	}
	return s.deliver(raw, t)
}

func (s *Server) isClosed() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.closed
}

func (s *Server) deliver(raw []byte, at time.Time) error {
	if s.isClosed() {
		return ErrServerClosed
	}
	// imapmemserver copies the bytes; the caller may reuse raw.
	if _, err := s.user.Append(BoxInbox, bytes.NewReader(raw), &imap.AppendOptions{Time: at}); err != nil {
		return fmt.Errorf("demo: deliver: %w", err)
	}
	return nil
}

// DeliverEvery starts one goroutine that, every `every`, delivers NewMail(now(), n) to INBOX
// with n = 0, 1, 2… (counting across calls, so Message-IDs never repeat), dated now(). It
// stops when ctx is done or the server closes; Close waits for it. A nil now means time.Now.
func (s *Server) DeliverEvery(ctx context.Context, every time.Duration, now func() time.Time) {
	if every <= 0 {
		return
	}
	if now == nil {
		now = time.Now
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return
	}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		tick := time.NewTicker(every)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-s.stop:
				return
			case <-tick.C:
				if ctx.Err() != nil || s.isClosed() {
					return // select picks at random among ready cases
				}
				t := now()
				// Errors only come from a closed server or a deleted INBOX: nothing to report.
				_ = s.deliver(NewMail(t, int(s.nextNew.Add(1)-1)), t)
			}
		}
	}()
}

// Close stops accepting connections, drops the open ones and stops DeliverEvery. It is safe
// to call more than once.
func (s *Server) Close() error {
	s.closeOnce.Do(func() {
		s.mu.Lock()
		s.closed = true
		close(s.stop)
		s.mu.Unlock()
		s.stopCtx()

		err := s.imap.Close()
		// imapserver only closes listeners its Serve has registered: if Close races a Serve
		// that has not started yet, the listener would stay open.
		if lerr := s.ln.Close(); lerr != nil && !errors.Is(lerr, net.ErrClosed) && err == nil {
			err = lerr
		}
		<-s.serveDone
		s.wg.Wait()
		s.closeErr = err
	})
	return s.closeErr
}

// session is one connection: imapmemserver's user session with a LIST that also reports
// SPECIAL-USE and \HasChildren/\HasNoChildren, which imapmemserver cannot (it ignores CREATE's
// USE option and keeps no special-use attributes settable from outside). Mailbox changes are
// mirrored into Server.boxes after imapmemserver accepted them.
type session struct {
	*imapmemserver.UserSession // nil until Login
	srv                        *Server
}

var _ imapserver.SessionIMAP4rev2 = (*session)(nil)

func (sess *session) Login(username, password string) error {
	if err := sess.srv.user.Login(username, password); err != nil {
		return err
	}
	sess.UserSession = imapmemserver.NewUserSession(sess.srv.user)
	return nil
}

func (sess *session) Create(name string, options *imap.CreateOptions) error {
	if err := sess.UserSession.Create(name, options); err != nil {
		return err
	}
	info := &boxInfo{}
	if options != nil && len(options.SpecialUse) > 0 {
		info.specialUse = options.SpecialUse[0]
	}
	name = strings.TrimRight(name, string(imapDelim))
	sess.srv.mu.Lock()
	sess.srv.boxes[name] = info
	sess.srv.mu.Unlock()
	return nil
}

func (sess *session) Delete(name string) error {
	if err := sess.UserSession.Delete(name); err != nil {
		return err
	}
	sess.srv.mu.Lock()
	delete(sess.srv.boxes, name)
	sess.srv.mu.Unlock()
	return nil
}

func (sess *session) Rename(name, newName string, options *imap.RenameOptions) error {
	if err := sess.UserSession.Rename(name, newName, options); err != nil {
		return err
	}
	newName = strings.TrimRight(newName, string(imapDelim))
	sess.srv.mu.Lock()
	if info := sess.srv.boxes[name]; info != nil {
		sess.srv.boxes[newName] = info
		delete(sess.srv.boxes, name)
	}
	sess.srv.mu.Unlock()
	return nil
}

func (sess *session) Subscribe(name string) error { return sess.setSubscribed(name, true) }

func (sess *session) Unsubscribe(name string) error { return sess.setSubscribed(name, false) }

func (sess *session) setSubscribed(name string, on bool) error {
	var err error
	if on {
		err = sess.UserSession.Subscribe(name)
	} else {
		err = sess.UserSession.Unsubscribe(name)
	}
	if err != nil {
		return err
	}
	sess.srv.mu.Lock()
	if info := sess.srv.boxes[name]; info != nil {
		info.subscribed = on
	}
	sess.srv.mu.Unlock()
	return nil
}

// List answers LIST/LSUB like imapmemserver does, plus special-use attributes (always, as
// Dovecot does, not only with RETURN (SPECIAL-USE)) and \HasChildren/\HasNoChildren.
func (sess *session) List(w *imapserver.ListWriter, ref string, patterns []string, options *imap.ListOptions) error {
	if len(patterns) == 0 {
		return w.WriteList(&imap.ListData{Attrs: []imap.MailboxAttr{imap.MailboxAttrNoSelect}, Delim: imapDelim})
	}

	type entry struct {
		name string
		info boxInfo
	}
	var l []entry
	var all []string
	sess.srv.mu.Lock()
	for name, info := range sess.srv.boxes {
		all = append(all, name)
		if !slices.ContainsFunc(patterns, func(p string) bool { return imapserver.MatchList(name, imapDelim, ref, p) }) {
			continue
		}
		if options.SelectSubscribed && !info.subscribed || options.SelectSpecialUse && info.specialUse == "" {
			continue
		}
		l = append(l, entry{name, *info})
	}
	sess.srv.mu.Unlock()
	sort.Slice(l, func(i, j int) bool { return l[i].name < l[j].name })

	for _, e := range l {
		d := imap.ListData{Mailbox: e.name, Delim: imapDelim}
		prefix := e.name + string(imapDelim)
		if slices.ContainsFunc(all, func(n string) bool { return strings.HasPrefix(n, prefix) }) {
			d.Attrs = append(d.Attrs, imap.MailboxAttrHasChildren)
		} else {
			d.Attrs = append(d.Attrs, imap.MailboxAttrHasNoChildren)
		}
		if e.info.subscribed {
			d.Attrs = append(d.Attrs, imap.MailboxAttrSubscribed)
		}
		if e.info.specialUse != "" {
			d.Attrs = append(d.Attrs, e.info.specialUse)
		}
		if options.ReturnStatus != nil {
			st, err := sess.srv.user.Status(e.name, options.ReturnStatus)
			if err != nil {
				continue // deleted meanwhile
			}
			d.Status = st
		}
		if err := w.WriteList(&d); err != nil {
			return err
		}
	}
	return nil
}

// SetDown simulates a network outage (true) or its end: while down, open connections are cut and
// new ones are closed at once, as when the hotel's line drops.
func (s *Server) SetDown(down bool) { s.gate.setDown(down) }

// gateListener accepts connections but can cut them all and refuse new ones.
type gateListener struct {
	net.Listener
	mu    sync.Mutex
	down  bool
	conns map[net.Conn]struct{}
}

func (g *gateListener) Accept() (net.Conn, error) {
	for {
		c, err := g.Listener.Accept()
		if err != nil {
			return nil, err
		}
		g.mu.Lock()
		if g.down {
			g.mu.Unlock()
			c.Close()
			continue
		}
		if g.conns == nil {
			g.conns = map[net.Conn]struct{}{}
		}
		tc := &trackedConn{Conn: c, gate: g}
		g.conns[tc] = struct{}{}
		g.mu.Unlock()
		return tc, nil
	}
}

func (g *gateListener) setDown(down bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.down = down
	if down {
		for c := range g.conns {
			c.(*trackedConn).Conn.Close()
		}
	}
}

type trackedConn struct {
	net.Conn
	gate *gateListener
}

func (c *trackedConn) Close() error {
	c.gate.mu.Lock()
	delete(c.gate.conns, c)
	c.gate.mu.Unlock()
	return c.Conn.Close()
}

// idleSettle is how long after "+ idling" the demo server polls once for what arrived meanwhile.
const idleSettle = 200 * time.Millisecond

// Idle works around a race in go-imap's server: it writes "+ idling" before the session's tracker
// listens for updates, so a mail delivered in between (a client acting on the continuation, or the
// demo's minute ticker) was only announced with the next one. It idles briefly, polls once for
// anything queued in that window, then idles for good; no call overlaps another on the writer.
func (sess *session) Idle(w *imapserver.UpdateWriter, stop <-chan struct{}) error {
	settle := make(chan struct{})
	t := time.AfterFunc(idleSettle, func() { close(settle) })
	first := make(chan struct{})
	go func() {
		select {
		case <-stop:
		case <-settle:
		}
		close(first)
	}()
	if err := sess.UserSession.Idle(w, first); err != nil {
		t.Stop()
		return err
	}
	select {
	case <-stop:
		t.Stop()
		return nil
	default:
	}
	if err := sess.UserSession.Poll(w, true); err != nil {
		return err
	}
	return sess.UserSession.Idle(w, stop)
}
