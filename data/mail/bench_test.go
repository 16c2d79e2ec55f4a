package mail

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"

	"loge/data"
	"loge/data/mail/mailtest"
)

// Sync benchmarks against the real Dovecot (user "bench"): initial sync throughput with parsing and
// indexing included, and a no-op resync. 5,000 messages with -short, 50,000 otherwise.

func benchSize() int {
	if testing.Short() {
		return 5_000
	}
	return 50_000
}

// benchMail is a realistic concierge mail of 2–20 KB: a greeting, a request, quoted history.
func benchMail(i int, r *rand.Rand) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "From: Guest %d <guest%d@example.com>\r\nTo: concierge@hotel.example\r\nSubject: Réservation %d — table pour %d\r\n"+
		"Date: %s\r\nMessage-ID: <bench-%d@example.com>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"+
		"Content-Transfer-Encoding: 8bit\r\n\r\n", i, i, i, 2+i%6, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i)*time.Minute).Format(time.RFC1123Z), i)
	target := 2_000 + r.IntN(18_000)
	for b.Len() < target {
		b.WriteString("> Bonjour, pourriez-vous réserver une table près de la fenêtre ? Mon épouse est allergique aux fruits à coque.\r\n")
	}
	return []byte(b.String())
}

// fillBox makes sure mailbox box holds n bench mails, appending with pipelined APPENDs.
func fillBox(b *testing.B, c *imapclient.Client, box string, n int) int64 {
	sd, err := c.Status(box, &imap.StatusOptions{NumMessages: true, Size: true}).Wait()
	if err == nil && sd.NumMessages != nil && int(*sd.NumMessages) == n {
		if sd.Size != nil {
			return *sd.Size
		}
		return 0
	}
	c.Delete(box).Wait()
	if err := c.Create(box, nil).Wait(); err != nil {
		b.Fatal(err)
	}
	r := rand.New(rand.NewPCG(7, uint64(n)))
	var total int64
	const window = 64
	pending := make([]*imapclient.AppendCommand, 0, window)
	for i := 1; i <= n; i++ {
		raw := benchMail(i, r)
		total += int64(len(raw))
		cmd := c.Append(box, int64(len(raw)), nil)
		cmd.Write(raw)
		cmd.Close()
		pending = append(pending, cmd)
		if len(pending) == window || i == n {
			for _, p := range pending {
				if _, err := p.Wait(); err != nil {
					b.Fatal(err)
				}
			}
			pending = pending[:0]
		}
	}
	return total
}

func peakRSSMB() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "VmHWM:") {
			f := strings.Fields(l)
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}

func BenchmarkDovecotSync(b *testing.B) {
	d := mailtest.RealDovecot(b)
	cfg := Config{Host: d.Host, Port: d.Port, Security: SecurityPlain, User: d.BenchUser, Secret: d.BenchPass}
	ctx := context.Background()
	setup, err := Dial(ctx, cfg, nil)
	if err != nil {
		b.Fatal(err)
	}
	n := benchSize()
	box := fmt.Sprintf("Bench%d", n)
	t0 := time.Now()
	size := fillBox(b, setup, box, n)
	setup.Close()
	b.Logf("mailbox %s: %d messages, %.1f MB, ready in %s", box, n, float64(size)/1e6, time.Since(t0).Round(time.Millisecond))
	dir := b.TempDir()
	var path string

	b.Run("initial", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			path = filepath.Join(dir, fmt.Sprintf("desk%d.db", i))
			st, err := data.Open(ctx, path)
			if err != nil {
				b.Fatal(err)
			}
			acct := data.Account{Name: "bench"}
			st.CreateAccount(ctx, &acct)
			start := time.Now()
			c, err := Dial(ctx, cfg, nil)
			if err != nil {
				b.Fatal(err)
			}
			s := &Syncer{St: st, C: c, Account: acct, Mailboxes: []string{box}}
			rs, err := s.SyncAll(ctx)
			if err != nil || rs[0].Added != n {
				b.Fatalf("sync: %+v %v", rs, err)
			}
			el := time.Since(start)
			c.Close()
			st.Close()
			b.ReportMetric(float64(n)/el.Seconds(), "msg/s")
			b.ReportMetric(float64(size)/1e6/el.Seconds(), "MB/s")
		}
		b.ReportMetric(peakRSSMB(), "peak-RSS-MB")
	})

	b.Run("noop", func(b *testing.B) {
		st, err := data.Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		defer st.Close()
		acct, _ := st.AccountByName(ctx, "bench")
		for b.Loop() {
			c, err := Dial(ctx, cfg, nil)
			if err != nil {
				b.Fatal(err)
			}
			s := &Syncer{St: st, C: c, Account: acct, Mailboxes: []string{box}}
			rs, err := s.SyncAll(ctx)
			if err != nil || !rs[0].NoOp {
				b.Fatalf("not a no-op: %+v %v", rs, err)
			}
			c.Close()
		}
	})
}
