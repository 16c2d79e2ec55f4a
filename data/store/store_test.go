package store

import (
	"bytes"
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"loge/data/desk"
)

func openTemp(t *testing.T) *Store {
	t.Helper()
	return openAt(t, filepath.Join(t.TempDir(), "desk.db"))
}

// openAt opens the desk at path, closed when the test ends.
func openAt(t *testing.T, path string) *Store {
	t.Helper()
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func mustGuest(t *testing.T, s *Store, first, last string) desk.Guest {
	t.Helper()
	g := desk.Guest{FirstName: first, LastName: last, Emails: first + "@example.com"}
	if err := s.CreateGuest(context.Background(), &g); err != nil {
		t.Fatal(err)
	}
	return g
}

func TestGuestCRUD(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	g := mustGuest(t, s, "Hélène", "Dupré")
	if g.ID == "" || g.UpdatedHLC == "" {
		t.Fatalf("id/hlc not assigned: %+v", g)
	}
	got, err := s.Guest(ctx, g.ID)
	if err != nil || got.LastName != "Dupré" {
		t.Fatalf("read back: %+v %v", got, err)
	}
	before := got.UpdatedHLC
	got.VIP = 2
	got.Allergies = "arachides"
	if err := s.UpdateGuest(ctx, &got); err != nil {
		t.Fatal(err)
	}
	if got.UpdatedHLC <= before {
		t.Fatalf("HLC did not advance: %s <= %s", got.UpdatedHLC, before)
	}
	list, err := s.Guests(ctx, "dup")
	if err != nil || len(list) != 1 || list[0].VIP != 2 {
		t.Fatalf("filter: %+v %v", list, err)
	}
	if byMail, err := s.GuestByEmail(ctx, "lene@example.com"); err == nil {
		t.Fatalf("matched a different address: %+v", byMail)
	}
	if byMail, err := s.GuestByEmail(ctx, "Hélène@Example.com"); err != nil || byMail.ID != g.ID {
		t.Fatalf("by e-mail: %+v %v", byMail, err)
	}
	if err := s.DeleteGuest(ctx, g.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Guest(ctx, g.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("deleted guest: %v", err)
	}
	if err := s.UpdateGuest(ctx, &got); !errors.Is(err, ErrNotFound) {
		t.Fatalf("update of deleted guest: %v", err)
	}
}

func TestValidation(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	g := mustGuest(t, s, "Ana", "Souza")
	now := time.Now()
	cases := []struct {
		name  string
		err   error
		field string
		code  string
	}{
		{"empty guest name", s.CreateGuest(ctx, &desk.Guest{FirstName: "x", LastName: "  "}), "LastName", desk.CodeRequired},
		{"departure before arrival", s.CreateStay(ctx, &desk.Stay{GuestID: g.ID, Arrival: now, Departure: now.Add(-time.Hour), PartySize: 1}), "Departure", desk.CodeBeforeArrival},
		{"party size", s.CreateStay(ctx, &desk.Stay{GuestID: g.ID, Arrival: now, Departure: now.Add(time.Hour), PartySize: 0}), "PartySize", desk.CodeMinOne},
		{"unknown stay status", s.CreateStay(ctx, &desk.Stay{GuestID: g.ID, Arrival: now, Departure: now.Add(time.Hour), PartySize: 1, Status: "gone"}), "Status", desk.CodeUnknown},
		{"unknown guest", s.CreateStay(ctx, &desk.Stay{GuestID: "nope", Arrival: now, Departure: now.Add(time.Hour), PartySize: 1}), "GuestID", desk.CodeNoSuchRef},
		{"unknown kind", s.CreateRequest(ctx, &desk.Request{GuestID: g.ID, Kind: "yacht", StartsAt: now, PartySize: 2}), "Kind", desk.CodeUnknown},
		{"unknown request status", s.CreateRequest(ctx, &desk.Request{GuestID: g.ID, Kind: desk.KindSpa, StartsAt: now, PartySize: 2, Status: "maybe"}), "Status", desk.CodeUnknown},
		{"request party", s.CreateRequest(ctx, &desk.Request{GuestID: g.ID, Kind: desk.KindSpa, StartsAt: now, PartySize: 0}), "PartySize", desk.CodeMinOne},
		{"bad zone", s.CreateRequest(ctx, &desk.Request{GuestID: g.ID, Kind: desk.KindSpa, StartsAt: now, PartySize: 1, TimeZone: "Mars/Olympus"}), "TimeZone", desk.CodeUnknown},
		{"vendor reason", s.CreateVendor(ctx, &desk.Vendor{Name: "Chez X", Category: "restaurant", Status: desk.VendorDoNotUse}), "StatusReason", desk.CodeRequired},
		{"vendor category", s.CreateVendor(ctx, &desk.Vendor{Name: "Chez X", Category: "boats"}), "Category", desk.CodeUnknown},
	}
	for _, c := range cases {
		var ve *desk.ValidationError
		if !errors.As(c.err, &ve) || ve.Field != c.field || ve.Code != c.code {
			t.Errorf("%s: got %v, want %s/%s", c.name, c.err, c.field, c.code)
		}
	}
}

func TestStayRequestTimeline(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	g := mustGuest(t, s, "Kenji", "Tanaka")
	arr := time.Date(2026, 11, 25, 15, 0, 0, 0, time.UTC)
	st := desk.Stay{GuestID: g.ID, Arrival: arr, Departure: arr.Add(72 * time.Hour), PartySize: 2, Room: "412"}
	if err := s.CreateStay(ctx, &st); err != nil {
		t.Fatal(err)
	}
	v := desk.Vendor{Name: "Le Petit Zinc", Category: "restaurant"}
	if err := s.CreateVendor(ctx, &v); err != nil {
		t.Fatal(err)
	}
	r := desk.Request{GuestID: g.ID, StayID: st.ID, VendorID: v.ID, Kind: desk.KindRestaurant, Title: "Dîner", StartsAt: arr.Add(5 * time.Hour),
		TimeZone: "Europe/Paris", PartySize: 2, PriceCents: 24000}
	if err := s.CreateRequest(ctx, &r); err != nil {
		t.Fatal(err)
	}
	r.Status, r.Confirmation = desk.RequestConfirmed, "LPZ-1234"
	if err := s.UpdateRequest(ctx, &r, "Camille"); err != nil {
		t.Fatal(err)
	}
	got, err := s.Request(ctx, r.ID)
	if err != nil || got.VendorName != "Le Petit Zinc" || got.GuestName != "Kenji Tanaka" || got.Confirmation != "LPZ-1234" {
		t.Fatalf("request: %+v %v", got, err)
	}
	if got.StartsAt.Location().String() != "Europe/Paris" || !got.StartsAt.Equal(r.StartsAt) {
		t.Fatalf("time zone lost: %v", got.StartsAt)
	}
	tl, err := s.RequestTimeline(ctx, r.ID)
	if err != nil || len(tl) != 2 || tl[1].From != desk.RequestRequested || tl[1].To != desk.RequestConfirmed || tl[1].Who != "Camille" {
		t.Fatalf("timeline: %+v %v", tl, err)
	}
	stays, err := s.Stays(ctx, g.ID)
	if err != nil || len(stays) != 1 || stays[0].GuestName != "Kenji Tanaka" {
		t.Fatalf("stays: %+v %v", stays, err)
	}
	byStay, err := s.Requests(ctx, RequestFilter{StayID: st.ID, Statuses: []string{desk.RequestConfirmed}})
	if err != nil || len(byStay) != 1 {
		t.Fatalf("requests by stay: %+v %v", byStay, err)
	}
}

const frenchMail = "From: =?utf-8?q?Beno=C3=AEt_Lef=C3=A8vre?= <benoit@example.fr>\r\n" +
	"To: concierge@hotel.example\r\n" +
	"Subject: =?utf-8?q?R=C3=A9servation_au_Caf=C3=A9_de_Flore?=\r\n" +
	"Date: Mon, 23 Nov 2026 10:00:00 +0100\r\n" +
	"Message-ID: <abc@example.fr>\r\n" +
	"MIME-Version: 1.0\r\n" +
	"Content-Type: text/plain; charset=utf-8\r\n" +
	"Content-Transfer-Encoding: 8bit\r\n\r\n" +
	"Bonjour, pourriez-vous réserver une table pour deux ce soir ?\r\n"

func addMail(t *testing.T, s *Store, raw string, flags ...string) int64 {
	t.Helper()
	ctx := context.Background()
	accts, _ := s.Accounts(ctx)
	var acct desk.Account
	if len(accts) == 0 {
		acct = desk.Account{Name: "Desk"}
		if err := s.CreateAccount(ctx, &acct); err != nil {
			t.Fatal(err)
		}
	} else {
		acct = accts[0]
	}
	mb, err := s.EnsureMailbox(ctx, acct.ID, "INBOX", desk.RoleInbox)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := s.Stats(ctx)
	id, err := s.AddRawMessage(ctx, mb.ID, uint32(st.Messages+1), flags, []byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestMessagesAndThreads(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	id := addMail(t, s, frenchMail)
	m, err := s.Message(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if m.Subject != "Réservation au Café de Flore" || m.FromName != "Benoît Lefèvre" || m.ThreadID != "abc@example.fr" {
		t.Fatalf("decoded: %+v", m)
	}
	raw, err := s.RawMessage(ctx, id)
	if err != nil || !bytes.Equal(raw, []byte(frenchMail)) {
		t.Fatalf("raw not kept byte-exact: %v", err)
	}
	reply := "From: desk@hotel.example\r\nSubject: Re: =?utf-8?q?R=C3=A9servation?=\r\nIn-Reply-To: <abc@example.fr>\r\n" +
		"Message-ID: <r1@hotel.example>\r\nDate: Mon, 23 Nov 2026 11:00:00 +0100\r\n\r\nC'est fait.\r\n"
	rid := addMail(t, s, reply, `\Seen`)
	if th, _ := s.ThreadIDOf(ctx, rid); th != "abc@example.fr" {
		t.Fatalf("reply not threaded: %q", th)
	}
	// A reply without references joins by subject.
	bare := "From: benoit@example.fr\r\nSubject: RE: Réservation au Café de Flore\r\nMessage-ID: <b2@example.fr>\r\n" +
		"Date: Mon, 23 Nov 2026 12:00:00 +0100\r\n\r\nMerci !\r\n"
	bid := addMail(t, s, bare)
	if th, _ := s.ThreadIDOf(ctx, bid); th != "abc@example.fr" {
		t.Fatalf("subject fallback: %q", th)
	}
	mbs, _ := s.Mailboxes(ctx)
	threads, err := s.Threads(ctx, mbs[0].ID, 0)
	if err != nil || len(threads) != 1 || threads[0].Count != 3 || threads[0].Unread != 2 || threads[0].LatestID != bid {
		t.Fatalf("threads: %+v %v", threads, err)
	}
	if err := s.CreateLink(ctx, &desk.Link{ThreadID: "abc@example.fr", TargetKind: "guest", TargetID: "g1"}); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateLink(ctx, &desk.Link{ThreadID: "abc@example.fr", TargetKind: "guest", TargetID: "g1"}); err != nil {
		t.Fatalf("linking twice: %v", err)
	}
	if ls, _ := s.LinksOfThread(ctx, "abc@example.fr"); len(ls) != 1 {
		t.Fatalf("links: %+v", ls)
	}
}

func TestSearchAccentsAndPrefixes(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	addMail(t, s, frenchMail)
	g := mustGuest(t, s, "Zoé", "Marchand")
	v := desk.Vendor{Name: "Café Lumière", Category: "restaurant", City: "Paris"}
	if err := s.CreateVendor(ctx, &v); err != nil {
		t.Fatal(err)
	}
	r := desk.Request{GuestID: g.ID, Kind: desk.KindRestaurant, Title: "Réservation dîner", VendorID: v.ID, StartsAt: time.Now(), PartySize: 2, Confirmation: "CL-99812"}
	if err := s.CreateRequest(ctx, &r); err != nil {
		t.Fatal(err)
	}
	kinds := func(q string) map[string]int {
		hits, err := s.Search(ctx, q, 10)
		if err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		m := map[string]int{}
		for _, h := range hits {
			m[h.Kind]++
		}
		return m
	}
	if k := kinds("reservation"); k["message"] != 1 || k["request"] != 1 {
		t.Errorf("reservation: %v", k)
	}
	if k := kinds("cafe"); k["vendor"] != 1 || k["message"] != 1 {
		t.Errorf("cafe: %v", k)
	}
	if k := kinds("rest"); k["vendor"] != 1 || k["request"] != 1 {
		t.Errorf("rest: %v", k)
	}
	if k := kinds("zoe"); k["guest"] != 1 || k["request"] != 1 {
		t.Errorf("zoe: %v", k)
	}
	if k := kinds("CL-99812"); k["request"] != 1 {
		t.Errorf("confirmation number: %v", k)
	}
	for _, q := range []string{`"`, `AND OR NOT`, `*`, `(`, `""*`, `col:x`} {
		if _, err := s.Search(ctx, q, 10); err != nil {
			t.Errorf("query %q must not be a syntax error: %v", q, err)
		}
	}
	// Renaming the vendor renames the request's index entry.
	v.Name = "Bistrot Étoile"
	if err := s.UpdateVendor(ctx, &v); err != nil {
		t.Fatal(err)
	}
	if k := kinds("etoile"); k["vendor"] != 1 || k["request"] != 1 {
		t.Errorf("after rename: %v", k)
	}
	if k := kinds("lumiere"); k["vendor"] != 0 || k["request"] != 0 {
		t.Errorf("old name still indexed: %v", k)
	}
}

func TestMigrationFromOlderSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	old, err := OpenMigrations(ctx, path, 1)
	if err != nil {
		t.Fatal(err)
	}
	g := desk.Guest{FirstName: "Élodie", LastName: "Brûlé"}
	if err := old.CreateGuest(ctx, &g); err != nil {
		t.Fatal(err)
	}
	old.Close()
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var v int
	s.r.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v)
	if v != SchemaVersion() {
		t.Fatalf("schema version %d, want %d", v, SchemaVersion())
	}
	hits, err := s.Search(ctx, "brule", 5)
	if err != nil || len(hits) != 1 || hits[0].ID != g.ID {
		t.Fatalf("guest stored before the search migration not indexed: %+v %v", hits, err)
	}
}

func fileHash(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestRefusesBadFiles(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()

	notDB := filepath.Join(dir, "notes.txt")
	os.WriteFile(notDB, bytes.Repeat([]byte("Liste des invités\n"), 50), 0o644)
	before := fileHash(t, notDB)
	if _, err := Open(ctx, notDB); !errors.Is(err, ErrNotDatabase) {
		t.Errorf("text file: %v", err)
	}
	if !bytes.Equal(before, fileHash(t, notDB)) {
		t.Error("text file was modified")
	}

	// A newer schema version.
	newer := filepath.Join(dir, "newer.db")
	s, err := Open(ctx, newer)
	if err != nil {
		t.Fatal(err)
	}
	s.w.ExecContext(ctx, "PRAGMA user_version = 999")
	s.w.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
	s.w.ExecContext(ctx, "PRAGMA journal_mode = DELETE")
	s.Close()
	before = fileHash(t, newer)
	var se *SchemaError
	if _, err := Open(ctx, newer); !errors.Is(err, ErrNewerSchema) || !errors.As(err, &se) || se.Found != 999 {
		t.Errorf("newer schema: %v", err)
	}
	if !bytes.Equal(before, fileHash(t, newer)) {
		t.Error("newer database was modified")
	}
	if _, err := os.Stat(newer + "-wal"); err == nil {
		t.Error("a WAL file was created next to the refused database")
	}

	// A damaged file: valid header, garbage pages.
	corrupt := filepath.Join(dir, "corrupt.db")
	fresh := filepath.Join(dir, "fresh.db")
	f, err := Open(ctx, fresh)
	if err != nil {
		t.Fatal(err)
	}
	f.w.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
	f.Close()
	good := fileHash(t, fresh)
	bad := append([]byte(nil), good[:100]...)
	bad = append(bad, bytes.Repeat([]byte{0xA5}, len(good)-100)...)
	os.WriteFile(corrupt, bad, 0o644)
	if _, err := Open(ctx, corrupt); err == nil || !(errors.Is(err, ErrCorrupt) || errors.Is(err, ErrNotDatabase)) {
		t.Errorf("corrupt: %v", err)
	}
	if !bytes.Equal(bad, fileHash(t, corrupt)) {
		t.Error("corrupt file was modified")
	}

	// Another program's SQLite file.
	other := filepath.Join(dir, "other.db")
	o, err := sql.Open("sqlite", other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := o.ExecContext(ctx, "CREATE TABLE photos(id INTEGER)"); err != nil {
		t.Fatal(err)
	}
	o.Close()
	if _, err := Open(ctx, other); !errors.Is(err, ErrNotDatabase) {
		t.Errorf("foreign sqlite file: %v", err)
	}

	// An unwritable location.
	if os.Geteuid() != 0 {
		ro := filepath.Join(dir, "ro")
		os.Mkdir(ro, 0o500)
		if _, err := Open(ctx, filepath.Join(ro, "x.db")); !errors.Is(err, ErrUnwritable) {
			t.Errorf("unwritable: %v", err)
		}
	}
	blocker := filepath.Join(dir, "file")
	os.WriteFile(blocker, nil, 0o644)
	if _, err := Open(ctx, filepath.Join(blocker, "x.db")); !errors.Is(err, ErrUnwritable) {
		t.Errorf("path under a file: %v", err)
	}
}

func TestHLCOrdering(t *testing.T) {
	fixed := time.Unix(1_800_000_000, 0)
	c := desk.NewClock("deskA", "", func() time.Time { return fixed })
	a, b := c.Now(), c.Now()
	if !(a < b) {
		t.Fatalf("same wall time must still order: %s %s", a, b)
	}
	// A stamp from a desk whose clock runs ahead moves ours past it.
	ahead := desk.NewClock("deskB", "", func() time.Time { return fixed.Add(time.Hour) }).Now()
	c.Observe(ahead)
	if n := c.Now(); !(n > ahead) {
		t.Fatalf("after observing %s got %s", ahead, n)
	}
}

func TestMergeGuestsKeepsEveryLink(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	keep := desk.Guest{Title: "Mme", FirstName: "Hélène", LastName: "Dupré", Emails: "helene@example.fr", VIP: 1, Allergies: "arachides"}
	drop := desk.Guest{LastName: "Dupre", Emails: "h.dupre@work.example\nHELENE@example.fr", Phones: "+33 6 12 34 56 78", VIP: 3, Allergies: "crustacés"}
	s.CreateGuest(ctx, &keep)
	s.CreateGuest(ctx, &drop)
	now := time.Now()
	st := desk.Stay{GuestID: drop.ID, Arrival: now, Departure: now.Add(48 * time.Hour), PartySize: 2}
	if err := s.CreateStay(ctx, &st); err != nil {
		t.Fatal(err)
	}
	r := desk.Request{GuestID: drop.ID, StayID: st.ID, Kind: desk.KindSpa, StartsAt: now, PartySize: 1}
	s.CreateRequest(ctx, &r)
	s.CreateNote(ctx, &desk.Note{TargetKind: "guest", TargetID: drop.ID, Body: "Préfère le thé"})
	s.CreateLink(ctx, &desk.Link{ThreadID: "t1", TargetKind: "guest", TargetID: drop.ID})
	s.CreateLink(ctx, &desk.Link{ThreadID: "t2", TargetKind: "guest", TargetID: drop.ID})
	s.CreateLink(ctx, &desk.Link{ThreadID: "t2", TargetKind: "guest", TargetID: keep.ID})
	merged, err := s.MergeGuests(ctx, keep.ID, drop.ID)
	if err != nil {
		t.Fatal(err)
	}
	if merged.VIP != 3 || merged.Phones == "" || strings.Count(merged.Emails, "\n") != 1 || !strings.Contains(merged.Allergies, "crustacés") || !strings.Contains(merged.Allergies, "arachides") {
		t.Fatalf("merged fields: %+v", merged)
	}
	if _, err := s.Guest(ctx, drop.ID); !errors.Is(err, ErrNotFound) {
		t.Fatal("duplicate still listed")
	}
	stays, _ := s.Stays(ctx, keep.ID)
	reqs, _ := s.Requests(ctx, RequestFilter{GuestID: keep.ID})
	notes, _ := s.Notes(ctx, "guest", keep.ID)
	links, _ := s.LinksTo(ctx, "guest", keep.ID)
	if len(stays) != 1 || len(reqs) != 1 || len(notes) != 1 || len(links) != 2 {
		t.Fatalf("after merge: %d stays, %d requests, %d notes, %d links", len(stays), len(reqs), len(notes), len(links))
	}
	if hits, _ := s.Search(ctx, "dupre", 10); len(hits) == 0 {
		t.Fatal("merged guest not searchable")
	}
}

// Stats counts unread mail by the \Seen flag alone, wherever it sits in the flags, and never a
// keyword that merely spells "Seen".
func TestStatsCountsUnreadByTheSeenFlag(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	mail := func(i int) string {
		return fmt.Sprintf("From: a@example.com\r\nSubject: n%d\r\nMessage-ID: <u%d@example.com>\r\nDate: Mon, 23 Nov 2026 10:00:00 +0100\r\n\r\nx\r\n", i, i)
	}
	for i, flags := range [][]string{{`\Seen`}, {`\Answered`, `\Seen`}, {`$Loge-done`, `\Seen`, `\Flagged`}, // read
		{}, {`\Answered`}, {`Seen`}, {`$Seen`, `NotSeen`}} { // unread
		addMail(t, s, mail(i), flags...)
	}
	st, err := s.Stats(ctx)
	if err != nil || st.Messages != 7 || st.Unread != 4 {
		t.Fatalf("stats: %d messages, %d unread (%v); want 7 and 4", st.Messages, st.Unread, err)
	}
}

// A new desk has 16 KB pages; a desk made with 4 KB pages (before schema 18) keeps them. Either
// way the writer checkpoints by itself after 32 MB of WAL, counted in its own pages, on any
// connection it opens.
func TestPageSizeNewAndKept(t *testing.T) {
	ctx := context.Background()
	check := func(s *Store, wantSize int) {
		t.Helper()
		var size, wal int
		if err := s.w.QueryRowContext(ctx, "PRAGMA page_size").Scan(&size); err != nil {
			t.Fatal(err)
		}
		if err := s.w.QueryRowContext(ctx, "PRAGMA wal_autocheckpoint").Scan(&wal); err != nil {
			t.Fatal(err)
		}
		if size != wantSize || wal*size != walAutocheckpointBytes {
			t.Errorf("page size %d, autocheckpoint %d pages; want %d-byte pages, %d bytes of WAL", size, wal, wantSize, walAutocheckpointBytes)
		}
	}
	s := openTemp(t)
	check(s, pageSize)
	// The limit holds on a writer connection database/sql opens again (it drops one a cancelled
	// context interrupted): it comes from the DSN, not from a statement run once.
	conn, err := s.w.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	conn.Raw(func(any) error { return driver.ErrBadConn })
	conn.Close()
	check(s, pageSize)

	old := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", dsn(old)+"?_pragma=page_size(4096)&_journal_mode=WAL")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("CREATE TABLE t(x)"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("DROP TABLE t"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	check(openAt(t, old), 4096)
}
