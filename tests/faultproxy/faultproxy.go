// Package faultproxy is a TCP proxy on loopback that breaks connections on purpose, for Loge's fault
// tests: it sits between Loge and a real server (Dovecot, an in-process SMTP sink) and, by a seeded
// plan, resets a connection, stalls it for a while or for good, drips bytes one at a time, or
// closes it after a number of bytes, in either direction. A fault can wait for a phase of the
// conversation: it is armed when the client sends a given text ("BODY.PEEK[]", "APPEND", "IDLE",
// "DATA", …) and counts its bytes from there.
//
// Test code only: the app never imports it (faultproxy_test.go checks the import graph).
package faultproxy

import (
	"bytes"
	"fmt"
	"io"
	"math/rand"
	"net"
	"sort"
	"strings"
	"sync"
	"time"
)

// Dir is a direction of the stream.
type Dir int

const (
	Up   Dir = iota // client → server
	Down            // server → client
)

func (d Dir) String() string { return [...]string{"up", "down"}[d] }

// Kind is what a fault does.
type Kind int

const (
	Reset    Kind = iota // both sides closed with a TCP RST
	Stall                // the direction pauses for Pause, then goes on
	Hang                 // the direction stops for good: only the client's own timeout ends it
	Drip                 // the next Bytes bytes go one at a time, Pause apart
	Truncate             // both sides closed (FIN) after After bytes
)

// Kinds lists every kind, in order.
var Kinds = []Kind{Reset, Stall, Hang, Drip, Truncate}

func (k Kind) String() string { return [...]string{"reset", "stall", "hang", "drip", "truncate"}[k] }

// Fault is one planned fault of a connection. It fires before byte After of its direction is
// forwarded, counted from the start of the connection, or, with a Phase, from the moment the
// client's bytes contain Phase (case-insensitive; for Up, from the byte after it). A fault whose
// point never comes does not fire.
type Fault struct {
	Kind  Kind
	Dir   Dir
	Phase string
	After int
	Pause time.Duration // Stall: the pause; Drip: between two bytes
	Bytes int           // Drip: how many bytes go one at a time
}

func (f Fault) String() string {
	s := fmt.Sprintf("%s %s after %d bytes", f.Kind, f.Dir, f.After)
	if f.Phase != "" {
		s += fmt.Sprintf(" of %q", f.Phase)
	}
	switch f.Kind {
	case Stall:
		s += fmt.Sprintf(" for %v", f.Pause)
	case Drip:
		s += fmt.Sprintf(" (%d bytes, %v apart)", f.Bytes, f.Pause)
	}
	return s
}

// Plan gives the faults of the proxy's n-th connection (0-based), drawing from r, the proxy's
// seeded source (called under the proxy's lock: connections draw in the order they arrive).
type Plan func(n int, r *rand.Rand) []Fault

// Proxy forwards every connection on its loopback port to Target.
type Proxy struct {
	Target string

	ln    net.Listener
	mu    sync.Mutex
	rng   *rand.Rand
	plan  Plan
	conns int
	fired map[Kind]int
	log   []string
	live  map[*pipe]bool
	wg    sync.WaitGroup
}

// Start listens on a free loopback port and forwards to target (host:port) with plan (nil: none)
// drawing from a source seeded with seed.
func Start(target string, seed int64, plan Plan) (*Proxy, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	p := &Proxy{Target: target, ln: ln, rng: rand.New(rand.NewSource(seed)), plan: plan, fired: map[Kind]int{}, live: map[*pipe]bool{}}
	p.wg.Add(1)
	go p.accept()
	return p, nil
}

// Port is the proxy's loopback port.
func (p *Proxy) Port() int { return p.ln.Addr().(*net.TCPAddr).Port }

// SetPlan replaces the plan for the connections to come (nil: pass everything through).
func (p *Proxy) SetPlan(plan Plan) {
	p.mu.Lock()
	p.plan = plan
	p.mu.Unlock()
}

// Fired counts the faults that fired, by kind.
func (p *Proxy) Fired() map[Kind]int {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := map[Kind]int{}
	for k, v := range p.fired {
		out[k] = v
	}
	return out
}

// Conns is how many connections the proxy took.
func (p *Proxy) Conns() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.conns
}

// Log is one line per connection and per fault fired, in order.
func (p *Proxy) Log() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.log...)
}

// CloseConns drops every open connection (as a server restart would).
func (p *Proxy) CloseConns() {
	p.mu.Lock()
	pipes := make([]*pipe, 0, len(p.live))
	for pp := range p.live {
		pipes = append(pipes, pp)
	}
	p.mu.Unlock()
	for _, pp := range pipes {
		pp.shut(false)
	}
}

// Close stops listening, drops every connection and waits for them.
func (p *Proxy) Close() error {
	err := p.ln.Close()
	p.CloseConns()
	p.wg.Wait()
	return err
}

func (p *Proxy) logf(format string, args ...any) {
	p.mu.Lock()
	p.log = append(p.log, fmt.Sprintf(format, args...))
	p.mu.Unlock()
}

func (p *Proxy) accept() {
	defer p.wg.Done()
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		s, err := net.DialTimeout("tcp", p.Target, 5*time.Second)
		if err != nil {
			c.Close()
			continue
		}
		p.mu.Lock()
		n := p.conns
		p.conns++
		var faults []Fault
		if p.plan != nil {
			faults = p.plan(n, p.rng)
		}
		pp := &pipe{p: p, n: n, client: c, server: s, done: make(chan struct{})}
		for _, f := range faults {
			pp.faults = append(pp.faults, &state{Fault: f, armed: f.Phase == ""})
		}
		p.live[pp] = true
		p.mu.Unlock()
		if len(faults) > 0 {
			ss := make([]string, len(faults))
			for i, f := range faults {
				ss[i] = f.String()
			}
			p.logf("conn %d: plan %s", n, strings.Join(ss, "; "))
		}
		p.wg.Add(2)
		go pp.pump(Up, c, s)
		go pp.pump(Down, s, c)
	}
}

// state is a fault on its connection: armed once its phase began, count bytes of its direction
// since then (negative while the arming text is still ahead in the current chunk).
type state struct {
	Fault
	armed, fired bool
	count        int
}

type pipe struct {
	p              *Proxy
	n              int
	client, server net.Conn

	mu     sync.Mutex
	faults []*state
	tail   []byte // the end of the client's last chunk, for a phase text split across two
	drip   [2]struct {
		left  int
		pause time.Duration
	}
	once sync.Once
	done chan struct{}
}

// shut closes both sides; with rst, as a reset (SO_LINGER 0).
func (pp *pipe) shut(rst bool) {
	pp.once.Do(func() {
		if rst {
			for _, c := range []net.Conn{pp.client, pp.server} {
				if tc, ok := c.(*net.TCPConn); ok {
					tc.SetLinger(0)
				}
			}
		}
		pp.client.Close()
		pp.server.Close()
		close(pp.done)
		pp.p.mu.Lock()
		delete(pp.p.live, pp)
		pp.p.mu.Unlock()
	})
}

func (pp *pipe) pump(dir Dir, src, dst net.Conn) {
	defer pp.p.wg.Done()
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 && !pp.forward(dir, buf[:n], src, dst) {
			return
		}
		if err != nil {
			// IMAP and SMTP never half-close: one side gone ends the conversation.
			pp.shut(false)
			return
		}
	}
}

// arm finds the phase texts in the client's chunk b: faults waiting for one are armed from there.
func (pp *pipe) arm(b []byte) {
	hay := bytes.ToUpper(append(append([]byte(nil), pp.tail...), b...))
	longest := 0
	for _, f := range pp.faults {
		if f.armed || f.Phase == "" {
			continue
		}
		longest = max(longest, len(f.Phase))
		i := bytes.Index(hay, bytes.ToUpper([]byte(f.Phase)))
		if i < 0 {
			continue
		}
		end := i + len(f.Phase) - len(pp.tail) // offset in b of the byte after the phase text
		f.armed = true
		if f.Dir == Up {
			f.count = -end
		}
		pp.p.logf("conn %d: phase %q began", pp.n, f.Phase)
	}
	if k := min(max(longest-1, 0), len(hay)); k > 0 {
		pp.tail = append(pp.tail[:0], hay[len(hay)-k:]...)
	} else {
		pp.tail = pp.tail[:0]
	}
}

// forward writes b to dst, firing the faults of dir whose point falls inside it. false: the
// connection is over.
func (pp *pipe) forward(dir Dir, b []byte, src, dst net.Conn) bool {
	if dir == Up {
		pp.mu.Lock()
		pp.arm(b)
		pp.mu.Unlock()
	}
	for len(b) > 0 {
		pp.mu.Lock()
		next, which := len(b), (*state)(nil)
		for _, f := range pp.faults {
			if f.Dir != dir || !f.armed || f.fired {
				continue
			}
			if off := max(f.After-f.count, 0); off < next {
				next, which = off, f
			}
		}
		drip := pp.drip[dir]
		if drip.left > 0 {
			next = min(next, drip.left)
		}
		for _, f := range pp.faults {
			if f.Dir == dir && f.armed && !f.fired {
				f.count += next
			}
		}
		if which != nil {
			which.fired = true
		}
		pp.mu.Unlock()

		if drip.left > 0 && next > 0 {
			for i := 0; i < next; i++ {
				if _, err := dst.Write(b[i : i+1]); err != nil {
					pp.shut(false)
					return false
				}
				select {
				case <-time.After(drip.pause):
				case <-pp.done:
					return false
				}
			}
			pp.mu.Lock()
			pp.drip[dir].left -= next
			pp.mu.Unlock()
		} else if next > 0 {
			if _, err := dst.Write(b[:next]); err != nil {
				pp.shut(false)
				return false
			}
		}
		b = b[next:]
		if which != nil && !pp.fire(dir, which.Fault, src) {
			return false
		}
	}
	return true
}

func (pp *pipe) fire(dir Dir, f Fault, src net.Conn) bool {
	pp.p.mu.Lock()
	pp.p.fired[f.Kind]++
	pp.p.log = append(pp.p.log, fmt.Sprintf("conn %d: fired %s", pp.n, f))
	pp.p.mu.Unlock()
	switch f.Kind {
	case Reset:
		pp.shut(true)
		return false
	case Truncate:
		pp.shut(false)
		return false
	case Hang:
		// Nothing more goes through, but what src sends is still read (and dropped), so that a
		// client giving up and closing is seen even when it is the one hung.
		io.Copy(io.Discard, src)
		pp.shut(false)
		return false
	case Stall:
		select {
		case <-time.After(f.Pause):
			return true
		case <-pp.done:
			return false
		}
	case Drip:
		pp.mu.Lock()
		pp.drip[dir].left, pp.drip[dir].pause = f.Bytes, f.Pause
		pp.mu.Unlock()
		return true
	}
	return true
}

// Summary is "reset 3, stall 1, …" over the kinds that fired.
func Summary(fired map[Kind]int) string {
	var parts []string
	for _, k := range Kinds {
		if fired[k] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", k, fired[k]))
		}
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, ", ")
}

// Add adds b's counts to a.
func Add(a, b map[Kind]int) {
	for k, v := range b {
		a[k] += v
	}
}

// RandomPlan draws up to max faults per connection (each connection has one with probability p)
// at random phases among phases ("" is the whole stream), with sizes fit for a test: stalls up to
// maxStall, drips of up to 400 bytes 1–3 ms apart, offsets spread over up to maxAfter bytes.
func RandomPlan(p float64, maxFaults int, phases []string, kinds []Kind, maxAfter int, maxStall time.Duration) Plan {
	if len(kinds) == 0 {
		kinds = Kinds
	}
	return func(n int, r *rand.Rand) []Fault {
		if r.Float64() >= p {
			return nil
		}
		var out []Fault
		for i, k := 0, 1+r.Intn(maxFaults); i < k; i++ {
			f := Fault{Kind: kinds[r.Intn(len(kinds))], Dir: Dir(r.Intn(2)), Phase: phases[r.Intn(len(phases))]}
			if f.Dir == Up && r.Intn(3) > 0 {
				f.Dir = Down // most bytes flow down: fetches
			}
			// Spread offsets over orders of magnitude: the first bytes of a response matter as
			// much as the middle of a long fetch.
			f.After = r.Intn(1 + min(maxAfter, 1<<r.Intn(20)))
			switch f.Kind {
			case Stall:
				f.Pause = time.Duration(1+r.Int63n(int64(maxStall))) * time.Nanosecond
			case Drip:
				f.Bytes, f.Pause = 1+r.Intn(400), time.Duration(1+r.Intn(3))*time.Millisecond
			}
			out = append(out, f)
		}
		sort.Slice(out, func(i, j int) bool { return out[i].After < out[j].After })
		return out
	}
}
