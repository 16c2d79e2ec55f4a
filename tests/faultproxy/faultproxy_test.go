package faultproxy

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"net"
	"os/exec"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// server answers each line "SEND n" with n bytes of 'x' and a newline, and echoes anything else.
func server(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				sc := bufio.NewScanner(c)
				for sc.Scan() {
					var n int
					if _, err := fmt.Sscanf(sc.Text(), "SEND %d", &n); err == nil {
						c.Write(append(bytes.Repeat([]byte("x"), n), '\n'))
						continue
					}
					c.Write(append(sc.Bytes(), '\n'))
				}
			}()
		}
	}()
	return ln.Addr().String()
}

func proxy(t *testing.T, faults ...Fault) *Proxy {
	t.Helper()
	p, err := Start(server(t), 1, func(int, *rand.Rand) []Fault { return faults })
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	return p
}

// exchange sends each line and reads its answer up to the newline; it returns what came back, the
// first error and how long it took.
func exchange(t *testing.T, p *Proxy, lines ...string) ([]byte, time.Duration, error) {
	t.Helper()
	c, err := net.Dial("tcp", "127.0.0.1:"+strconv.Itoa(p.Port()))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(3 * time.Second))
	start := time.Now()
	var got []byte
	r := bufio.NewReader(c)
	for _, l := range lines {
		if _, err := c.Write([]byte(l + "\n")); err != nil {
			return got, time.Since(start), err
		}
		b, err := r.ReadBytes('\n')
		got = append(got, b...)
		if err != nil {
			return got, time.Since(start), err
		}
	}
	return got, time.Since(start), nil
}

func TestPassThrough(t *testing.T) {
	p := proxy(t)
	got, _, err := exchange(t, p, "hello", "SEND 100000")
	if err != nil || len(got) != len("hello\n")+100001 {
		t.Fatalf("got %d bytes, %v", len(got), err)
	}
}

func TestTruncateAfterBytesOfAPhase(t *testing.T) {
	p := proxy(t, Fault{Kind: Truncate, Dir: Down, Phase: "send", After: 1234})
	got, _, err := exchange(t, p, "hello", "SEND 5000")
	if !errors.Is(err, io.EOF) || len(got) != len("hello\n")+1234 {
		t.Fatalf("got %d bytes, %v; want hello and 1234 bytes, then EOF", len(got), err)
	}
	if p.Fired()[Truncate] != 1 {
		t.Fatalf("fired %v", p.Fired())
	}
}

func TestResetIsARST(t *testing.T) {
	p := proxy(t, Fault{Kind: Reset, Dir: Down, After: 10})
	_, _, err := exchange(t, p, "SEND 100000")
	if !errors.Is(err, syscall.ECONNRESET) {
		t.Fatalf("want connection reset, got %v", err)
	}
}

func TestUpFaultCountsFromThePhaseText(t *testing.T) {
	// The client's second line is cut 3 bytes after "APPEND": the server echoes nothing of it.
	p := proxy(t, Fault{Kind: Truncate, Dir: Up, Phase: "APPEND", After: 3})
	got, _, err := exchange(t, p, "one", "x APPEND abcdef")
	if err == nil || string(got) != "one\n" {
		t.Fatalf("got %q, %v", got, err)
	}
}

func TestStallDelays(t *testing.T) {
	p := proxy(t, Fault{Kind: Stall, Dir: Down, After: 50, Pause: 300 * time.Millisecond})
	got, d, err := exchange(t, p, "SEND 1000")
	if err != nil || len(got) != 1001 || d < 300*time.Millisecond {
		t.Fatalf("got %d bytes in %v, %v", len(got), d, err)
	}
}

func TestDripSendsBytesOneByOne(t *testing.T) {
	p := proxy(t, Fault{Kind: Drip, Dir: Down, After: 10, Bytes: 50, Pause: 2 * time.Millisecond})
	got, d, err := exchange(t, p, "SEND 1000")
	if err != nil || len(got) != 1001 || d < 100*time.Millisecond {
		t.Fatalf("got %d bytes in %v, %v", len(got), d, err)
	}
}

func TestHangEndsOnlyWithTheClient(t *testing.T) {
	p := proxy(t, Fault{Kind: Hang, Dir: Up, Phase: "SEND"})
	_, d, err := exchange(t, p, "SEND 10")
	var ne net.Error
	if !errors.As(err, &ne) || !ne.Timeout() || d < 3*time.Second {
		t.Fatalf("want the client's own timeout, got %v after %v", err, d)
	}
	// The client gave up: the proxy lets go of the connection too.
	for deadline := time.Now().Add(2 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		p.mu.Lock()
		n := len(p.live)
		p.mu.Unlock()
		if n == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the hung connection outlived its client")
		}
	}
}

func TestRandomPlanIsSeeded(t *testing.T) {
	plan := RandomPlan(0.9, 3, []string{"", "FETCH", "APPEND"}, nil, 100000, time.Second)
	draw := func() []Fault {
		r := rand.New(rand.NewSource(42))
		var out []Fault
		for i := 0; i < 20; i++ {
			out = append(out, plan(i, r)...)
		}
		return out
	}
	a, b := draw(), draw()
	if len(a) == 0 || len(a) != len(b) {
		t.Fatalf("%d and %d faults", len(a), len(b))
	}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("fault %d: %v then %v", i, a[i], b[i])
		}
	}
}

// The proxy is test code: no package of the app imports it, directly or not.
func TestOnlyTestsImportIt(t *testing.T) {
	out, err := exec.Command("go", "list", "-json", "loge/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	const self = "loge/tests/faultproxy"
	for dec.More() {
		var p struct {
			ImportPath string
			Deps       []string
		}
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		if p.ImportPath == self {
			continue
		}
		for _, d := range p.Deps {
			if d == self {
				t.Errorf("%s imports %s outside its tests", p.ImportPath, self)
			}
		}
	}
}
