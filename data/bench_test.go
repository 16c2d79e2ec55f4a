package data

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"
)

// The desk-size benchmarks build a generated desk once (100k messages, 10k guests, 1k vendors;
// a tenth of that with -short) and measure what a concierge waits for: search, and opening the file
// to a built Board. Targets: search p95 < 20 ms, open + Board < 1 s.

var (
	firstNames = []string{"Camille", "Hélène", "Kenji", "Amelia", "Lukas", "Giulia", "João", "Fatima", "Wei", "Lucía", "Olivier", "Zoé", "Noah", "Aiko", "Matteo"}
	lastNames  = []string{"Dupré", "Tanaka", "Whitfield", "Schneider", "Rossi", "Oliveira", "Al Mansouri", "Chen", "García", "Lefèvre", "Brûlé", "Nakamura", "Moreau", "Fontaine", "Keller"}
	subjects   = []string{"Réservation dîner ce soir", "Transfer from CDG", "Billets pour l'Opéra Garnier", "Spa appointment", "Fleurs pour un anniversaire", "Confirmation n° %d", "Changement d'horaire", "Table for four at 8pm", "Visite privée du Louvre", "Late checkout request"}
	bodies     = []string{
		"Bonjour, pourriez-vous réserver une table pour deux personnes ce soir vers 20h30 ? Mon épouse est allergique aux fruits à coque. Merci beaucoup.",
		"Dear concierge, we land at Charles de Gaulle terminal 2E at 14:05 on Friday. Could you arrange a car for three passengers with luggage?",
		"Nous vous confirmons la réservation au nom de M. et Mme %s pour le %d à 21h00. Numéro de confirmation : CF-%d.",
		"Hello, could we move our spa treatment to the afternoon? Anything after 15:00 works. Best regards.",
	}
)

func genMail(i int, r *rand.Rand) []byte {
	first, last := firstNames[r.IntN(len(firstNames))], lastNames[r.IntN(len(lastNames))]
	subj := subjects[r.IntN(len(subjects))]
	if subj == "Confirmation n° %d" {
		subj = fmt.Sprintf(subj, 10000+i)
	}
	body := bodies[r.IntN(len(bodies))]
	if body[0] == 'N' {
		body = fmt.Sprintf(body, last, 1+r.IntN(28), 10000+i)
	}
	date := time.Date(2024, 1, 1, 8, 0, 0, 0, time.UTC).Add(time.Duration(i) * 17 * time.Minute)
	return fmt.Appendf(nil, "From: %s %s <%s.%d@example.com>\r\nTo: concierge@hotel.example\r\nSubject: %s\r\n"+
		"Date: %s\r\nMessage-ID: <gen-%d@example.com>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"+
		"Content-Transfer-Encoding: 8bit\r\n\r\n%s\r\n\r\n%s %s\r\n", first, last, first, i, subj, date.Format(time.RFC1123Z), i, body, first, last)
}

// buildDesk writes a generated desk and returns its path; the caller removes dir.
func buildDesk(b *testing.B, dir string, messages, guests, vendors int) string {
	ctx := context.Background()
	path := filepath.Join(dir, "big.db")
	s, err := Open(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	r := rand.New(rand.NewPCG(1, 2))
	acct := Account{Name: "Desk"}
	if err := s.CreateAccount(ctx, &acct); err != nil {
		b.Fatal(err)
	}
	mb, _ := s.EnsureMailbox(ctx, acct.ID, "INBOX", RoleInbox)
	batch := make([]RawMessage, 0, 1000)
	for i := 1; i <= messages; i++ {
		flags := []string{`\Seen`}
		if i%7 == 0 {
			flags = append(flags, `\Answered`)
		}
		batch = append(batch, RawMessage{UID: uint32(i), Flags: flags, Raw: genMail(i, r)})
		if len(batch) == cap(batch) || i == messages {
			if _, err := s.AddRawMessages(ctx, mb.ID, batch); err != nil {
				b.Fatal(err)
			}
			batch = batch[:0]
		}
	}
	now := time.Now()
	var vendorIDs []string
	for i := 0; i < vendors; i++ {
		v := Vendor{Name: fmt.Sprintf("%s %s %d", []string{"Café", "Le Bistrot", "Atelier", "Maison"}[i%4], lastNames[i%len(lastNames)], i),
			Category: VendorCategories[i%len(VendorCategories)], City: "Paris"}
		if err := s.CreateVendor(ctx, &v); err != nil {
			b.Fatal(err)
		}
		vendorIDs = append(vendorIDs, v.ID)
	}
	for i := 0; i < guests; i++ {
		g := Guest{FirstName: firstNames[i%len(firstNames)], LastName: fmt.Sprintf("%s%d", lastNames[i%len(lastNames)], i), VIP: i % 4}
		if err := s.CreateGuest(ctx, &g); err != nil {
			b.Fatal(err)
		}
		arr := now.AddDate(0, 0, i%60-30)
		st := Stay{GuestID: g.ID, Arrival: arr, Departure: arr.AddDate(0, 0, 3), PartySize: 2, Room: fmt.Sprint(100 + i%500)}
		if err := s.CreateStay(ctx, &st); err != nil {
			b.Fatal(err)
		}
		rq := Request{GuestID: g.ID, StayID: st.ID, Kind: RequestKinds[i%len(RequestKinds)], Title: "Réservation", VendorID: vendorIDs[i%len(vendorIDs)],
			StartsAt: arr.Add(5 * time.Hour), PartySize: 2, Status: RequestStatuses[i%len(RequestStatuses)], Confirmation: fmt.Sprintf("CF-%d", 50000+i)}
		if err := s.CreateRequest(ctx, &rq); err != nil {
			b.Fatal(err)
		}
	}
	return path
}

func deskSize(b *testing.B) (messages, guests, vendors int) {
	if testing.Short() {
		return 10_000, 1_000, 100
	}
	return 100_000, 10_000, 1_000
}

var queryMix = []string{"reservation", "tanaka", "brule", "cafe", "CF-50123", "confirmation", "opera", "transfer cdg", "helene", "spa", "lef", "garcia", "anniversaire", "table four", "zoe moreau"}

func BenchmarkDesk(b *testing.B) {
	dir, err := os.MkdirTemp("", "loge-bench-")
	if err != nil {
		b.Fatal(err)
	}
	defer os.RemoveAll(dir)
	m, g, v := deskSize(b)
	start := time.Now()
	path := buildDesk(b, dir, m, g, v)
	b.Logf("generated %d messages, %d guests, %d vendors in %s", m, g, v, time.Since(start).Round(time.Millisecond))
	ctx := context.Background()

	b.Run("search", func(b *testing.B) {
		s, err := Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		var lat []time.Duration
		for i := 0; b.Loop(); i++ {
			t0 := time.Now()
			if _, err := s.Search(ctx, queryMix[i%len(queryMix)], 20); err != nil {
				b.Fatal(err)
			}
			lat = append(lat, time.Since(t0))
		}
		// b.Loop runs at least once; with -benchtime=1x add a pass over the whole mix for percentiles.
		for len(lat) < 3*len(queryMix) {
			t0 := time.Now()
			if _, err := s.Search(ctx, queryMix[len(lat)%len(queryMix)], 20); err != nil {
				b.Fatal(err)
			}
			lat = append(lat, time.Since(t0))
		}
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
		b.ReportMetric(pct(0.50), "p50-ms")
		b.ReportMetric(pct(0.95), "p95-ms")
		b.ReportMetric(pct(0.99), "p99-ms")
	})

	b.Run("open-and-board", func(b *testing.B) {
		for b.Loop() {
			s, err := Open(ctx, path)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := s.Board(ctx, time.Now()); err != nil {
				b.Fatal(err)
			}
			s.Close()
		}
	})
}
