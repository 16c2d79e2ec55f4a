package store

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"
	"unicode/utf8"

	"loge/data/desk"
)

// FuzzSearch runs what a person may type against a real desk file (guests, a vendor, a request,
// mail), through the query builders and SQLite's FTS5:
//   - Search never fails, whatever the input (the builders quote every word; an FTS5 syntax error
//     or an empty phrase would surface here as an error);
//   - what is typed finds the guest of that name: a guest whose last name is the input (valid
//     UTF-8) is among the hits whenever the input has a word, since the index and the builder
//     split words alike.
//
// Seeds: testdata/fuzz/FuzzSearch and the ones below.
func FuzzSearch(f *testing.F) {
	for _, q := range []string{"zoe", "Zoé Marchand", `"`, `AND OR NOT`, `*`, `(`, `""*`, `col:x`, "NEAR(zoe marchand)",
		"title:zoe", "réservation", "CL-99812", "table pour 4", "a", "ab", "0", "l'hôtel", "ǅ", "ﬁ", "İstanbul",
		"\u0301e", "日本語", "\U0001E100\U0001E101", "\U00010E80ab", "zoe \U0001E100", "x\x00y", "\xff\xfe", "a-b-c-d-e-f-g-h-i-j-k-l-m-n-o-p"} {
		f.Add(q)
	}
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(f.TempDir(), "desk.db"))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { s.Close() })
	seedSearchDesk(f, s)
	f.Fuzz(func(t *testing.T, q string) {
		hits, err := s.Search(ctx, q, 1000)
		if err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		_ = hits
		if ftsQuery(q) == "" || !utf8.ValidString(q) {
			// Names reach the desk as text (the window, a vCard, a mail are all decoded to UTF-8);
			// bytes that are not UTF-8 split into words differently in Go and in SQLite.
			return
		}
		g := desk.Guest{FirstName: "Fuzz", LastName: q}
		if err := s.CreateGuest(ctx, &g); err != nil {
			var ve *desk.ValidationError
			if errors.As(err, &ve) {
				return // not a name the desk takes
			}
			t.Fatalf("create guest %q: %v", q, err)
		}
		defer func() {
			if err := s.DeleteGuest(ctx, g.ID); err != nil {
				t.Fatal(err)
			}
		}()
		stored, err := s.Guest(ctx, g.ID)
		if err != nil {
			t.Fatal(err)
		}
		if ftsQuery(stored.LastName) == "" {
			return // the desk trimmed the name to nothing searchable
		}
		hits, err = s.Search(ctx, stored.LastName, 1000)
		if err != nil {
			t.Fatalf("search %q: %v", stored.LastName, err)
		}
		for _, h := range hits {
			if h.Kind == "guest" && h.ID == g.ID {
				return
			}
		}
		t.Fatalf("search %q (%s) does not find the guest named %q", stored.LastName, ftsQuery(stored.LastName), stored.LastName)
	})
}

// seedSearchDesk gives every index something to match.
func seedSearchDesk(tb testing.TB, s *Store) {
	tb.Helper()
	ctx := context.Background()
	acct := desk.Account{Name: "Desk"}
	if err := s.CreateAccount(ctx, &acct); err != nil {
		tb.Fatal(err)
	}
	mb, err := s.EnsureMailbox(ctx, acct.ID, "INBOX", "inbox")
	if err != nil {
		tb.Fatal(err)
	}
	for i, raw := range []string{frenchMail,
		"From: Zoe <zoe@example.com>\r\nSubject: table pour 4\r\n\r\nZoé Marchand, l'hôtel, 日本語, ﬁne, İstanbul\r\n"} {
		if _, err := s.AddRawMessage(ctx, mb.ID, uint32(i+1), nil, []byte(raw)); err != nil {
			tb.Fatal(err)
		}
	}
	g := desk.Guest{FirstName: "Zoé", LastName: "Marchand", Emails: "zoe@example.com"}
	if err := s.CreateGuest(ctx, &g); err != nil {
		tb.Fatal(err)
	}
	v := desk.Vendor{Name: "Café Lumière", Category: "restaurant", City: "Paris"}
	if err := s.CreateVendor(ctx, &v); err != nil {
		tb.Fatal(err)
	}
	r := desk.Request{GuestID: g.ID, Kind: desk.KindRestaurant, Title: "Réservation dîner", VendorID: v.ID, StartsAt: time.Now(), PartySize: 2, Confirmation: "CL-99812"}
	if err := s.CreateRequest(ctx, &r); err != nil {
		tb.Fatal(err)
	}
}
