package demo

import (
	"bytes"
	"context"
	"errors"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"loge/data/desk"
	"loge/data/store"

	_ "github.com/emersion/go-message/charset"
	"github.com/emersion/go-message/mail"
)

// testNow is a fixed afternoon, so the test does not depend on the hour it runs.
var testNow = time.Date(2025, 11, 25, 15, 30, 0, 0, Paris())

func seeded(t *testing.T, now time.Time) *store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "d.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := Seed(ctx, st, now); err != nil {
		t.Fatal(err)
	}
	return st
}

func TestSeedCounts(t *testing.T) {
	ctx := context.Background()
	st := seeded(t, testNow)

	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		what      string
		got, want int
	}{
		{"guests", stats.Guests, 14}, {"stays", stats.Stays, 10}, {"requests", stats.Requests, 25},
		{"vendors", stats.Vendors, 30}, {"templates", stats.Templates, 10}, {"messages", stats.Messages, 60},
		{"links", stats.Links, 10}, {"unread", stats.Unread, 4}, {"mailboxes", stats.Mailboxes, 5}, {"accounts", stats.Accounts, 1},
	} {
		if c.got < c.want {
			t.Errorf("%s = %d, want at least %d", c.what, c.got, c.want)
		}
	}

	reqs, err := st.Requests(ctx, store.RequestFilter{})
	if err != nil {
		t.Fatal(err)
	}
	kinds, statuses, comms := map[string]int{}, map[string]int{}, map[string]int{}
	today := testNow.Format(time.DateOnly)
	tomorrow := testNow.AddDate(0, 0, 1).Format(time.DateOnly)
	var onToday, onTomorrow int
	for _, r := range reqs {
		kinds[r.Kind]++
		statuses[r.Status]++
		comms[r.CommissionStatus]++
		if (r.Status == desk.RequestConfirmed || r.Status == desk.RequestDone) && r.Confirmation == "" {
			t.Errorf("request %q is %s without a confirmation number", r.Title, r.Status)
		}
		switch r.StartsAt.In(Paris()).Format(time.DateOnly) {
		case today:
			onToday++
		case tomorrow:
			onTomorrow++
		}
	}
	for _, k := range desk.RequestKinds {
		if kinds[k] == 0 {
			t.Errorf("no request of kind %s", k)
		}
	}
	for _, s := range desk.RequestStatuses {
		if statuses[s] == 0 {
			t.Errorf("no request with status %s", s)
		}
	}
	for _, c := range desk.CommissionStatuses[1:] {
		if comms[c] == 0 {
			t.Errorf("no request with commission %s", c)
		}
	}
	if onToday < 4 || onTomorrow < 4 {
		t.Errorf("requests today = %d, tomorrow = %d; want several of each", onToday, onTomorrow)
	}

	vendors, err := st.Vendors(ctx, store.VendorFilter{})
	if err != nil {
		t.Fatal(err)
	}
	vstatus, vcat := map[string]int{}, map[string]int{}
	for _, v := range vendors {
		vstatus[v.Status]++
		vcat[v.Category]++
	}
	for _, s := range desk.VendorStatuses {
		if vstatus[s] == 0 {
			t.Errorf("no vendor with status %s", s)
		}
	}
	for _, c := range desk.VendorCategories {
		if vcat[c] == 0 {
			t.Errorf("no vendor in category %s", c)
		}
	}
	var nContacts int
	for _, v := range vendors {
		cs, err := st.VendorContacts(ctx, v.ID)
		if err != nil {
			t.Fatal(err)
		}
		nContacts += len(cs)
	}
	if nContacts < 10 {
		t.Errorf("vendor contacts = %d, want at least 10", nContacts)
	}

	stays, err := st.Stays(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	sstatus := map[string]int{}
	for _, s := range stays {
		sstatus[s.Status]++
	}
	for _, s := range desk.StayStatuses {
		if sstatus[s] == 0 {
			t.Errorf("no stay with status %s", s)
		}
	}

	if v, _ := st.Setting(ctx, "hotel.name"); v != HotelName {
		t.Errorf("hotel.name = %q", v)
	}
	if v, _ := st.Setting(ctx, "desk.name"); v != DeskName {
		t.Errorf("desk.name = %q", v)
	}

	// Threads: at least ten conversations of two to four messages, across Inbox and Sent.
	sizes := map[string]int{}
	for _, m := range Mails(testNow) {
		id, err := st.MessageIDByHeader(ctx, m.MessageID)
		if err != nil {
			t.Fatalf("%s: %v", m.MessageID, err)
		}
		th, err := st.ThreadIDOf(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		sizes[th]++
	}
	var threads int
	for _, n := range sizes {
		if n >= 2 && n <= 4 {
			threads++
		}
	}
	if threads < 10 {
		t.Errorf("threads of 2–4 messages = %d, want at least 10", threads)
	}

	b, err := st.Board(ctx, testNow)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Arrivals) == 0 || len(b.Departures) == 0 || len(b.Unconfirmed) == 0 || len(b.Unanswered) < 3 {
		t.Errorf("board: %d arrivals, %d departures, %d unconfirmed, %d unanswered",
			len(b.Arrivals), len(b.Departures), len(b.Unconfirmed), len(b.Unanswered))
	}
}

func TestMailsParse(t *testing.T) {
	mails := Mails(testNow)
	if len(mails) < 60 {
		t.Fatalf("%d mails, want at least 60", len(mails))
	}
	ids := map[string]bool{}
	boxes := map[string]int{}
	var latin1, encodedSubjects, attachments, answered, unread int
	var newest time.Time
	for _, m := range mails {
		boxes[m.Mailbox]++
		if bytes.Contains(bytes.ReplaceAll(m.Raw, []byte("\r\n"), nil), []byte("\n")) {
			t.Errorf("%s: bare LF", m.MessageID)
		}
		if ids[m.MessageID] {
			t.Errorf("duplicate Message-ID %s", m.MessageID)
		}
		ids[m.MessageID] = true
		if slices.Contains(m.Flags, `\Answered`) {
			answered++
		}
		if !slices.Contains(m.Flags, `\Seen`) {
			unread++
			if m.Mailbox != BoxInbox {
				t.Errorf("%s: unread outside the inbox", m.MessageID)
			}
		}
		if m.Mailbox == BoxSent && !slices.Contains(m.Flags, `\Seen`) {
			t.Errorf("%s: sent mail without \\Seen", m.MessageID)
		}
		if bytes.Contains(m.Raw, []byte("charset=iso-8859-1")) {
			latin1++
		}
		if bytes.Contains(m.Raw, []byte("Subject: =?")) {
			encodedSubjects++
		}

		r, err := mail.CreateReader(bytes.NewReader(m.Raw))
		if err != nil {
			t.Fatalf("%s: %v", m.MessageID, err)
		}
		mid, err := r.Header.MessageID()
		if err != nil || mid == "" || mid != m.MessageID {
			t.Errorf("Message-ID %q (%v), want %q", mid, err, m.MessageID)
		}
		date, err := r.Header.Date()
		if err != nil || date.IsZero() || !date.Equal(m.Date) {
			t.Errorf("%s: Date %v (%v), want %v", mid, date, err, m.Date)
		}
		if date.After(testNow) {
			t.Errorf("%s: dated in the future (%v)", mid, date)
		}
		if date.After(newest) {
			newest = date
		}
		if date.Before(testNow.AddDate(0, 0, -11)) {
			t.Errorf("%s: older than ten days (%v)", mid, date)
		}
		subject, err := r.Header.Subject()
		if err != nil || subject == "" {
			t.Errorf("%s: subject %q (%v)", mid, subject, err)
		}
		if strings.Contains(subject, "=?") {
			t.Errorf("%s: undecoded subject %q", mid, subject)
		}
		for _, k := range []string{"From", "To", "Mime-Version", "Content-Type"} {
			if !r.Header.Has(k) {
				t.Errorf("%s: no %s", mid, k)
			}
		}
		if from, err := r.Header.AddressList("From"); err != nil || len(from) != 1 {
			t.Errorf("%s: From %v (%v)", mid, from, err)
		} else if !strings.HasSuffix(mid, "@"+from[0].Address[strings.IndexByte(from[0].Address, '@')+1:]) {
			t.Errorf("%s: Message-ID not on the sender's domain %s", mid, from[0].Address)
		}
		var text string
		for {
			p, err := r.NextPart()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", mid, err)
			}
			body, err := io.ReadAll(p.Body)
			if err != nil {
				t.Fatalf("%s: %v", mid, err)
			}
			switch h := p.Header.(type) {
			case *mail.InlineHeader:
				if ct, _, _ := h.ContentType(); ct == "text/plain" {
					text += string(body)
				}
			case *mail.AttachmentHeader:
				attachments++
				if name, _ := h.Filename(); name == "" || len(body) == 0 {
					t.Errorf("%s: attachment %q of %d bytes", mid, name, len(body))
				}
			}
		}
		if strings.TrimSpace(text) == "" {
			t.Errorf("%s: no text", mid)
		}
		if bytes.Contains(m.Raw, []byte("charset=iso-8859-1")) && !strings.Contains(text, "épouse") {
			t.Errorf("%s: ISO-8859-1 body not decoded: %q", mid, text)
		}
	}
	if latin1 == 0 || encodedSubjects < 5 || attachments < 2 || answered < 10 || unread < 4 {
		t.Errorf("latin1 %d, encoded subjects %d, attachments %d, answered %d, unread %d",
			latin1, encodedSubjects, attachments, answered, unread)
	}
	for _, b := range []string{BoxInbox, BoxSent, BoxArchive, BoxTrash, BoxDrafts} {
		if boxes[b] == 0 {
			t.Errorf("no mail in %s", b)
		}
	}
	if testNow.Sub(newest) > 3*time.Hour {
		t.Errorf("newest mail is %v old", testNow.Sub(newest))
	}
	if !slices.IsSortedFunc(mails, func(a, b Mail) int { return a.Date.Compare(b.Date) }) {
		t.Error("mails not oldest first")
	}
}

// At any hour of the day, replies come after what they answer and nothing is dated in the future.
func TestDatesAtAnyHour(t *testing.T) {
	day := time.Date(2026, 3, 10, 0, 0, 0, 0, Paris())
	for minutes := 0; minutes < 24*60; minutes += 20 {
		now := day.Add(time.Duration(minutes) * time.Minute)
		c := newClock(now)
		for _, m := range buildCorpus(c).mails {
			if m.parent != nil && !m.at.After(m.parent.at) {
				t.Errorf("now %v: %q at %v replies to a message of %v", now, m.subjectLine(), m.at, m.parent.at)
			}
			if m.at.After(now) {
				t.Errorf("now %v: %q dated %v", now, m.subjectLine(), m.at)
			}
		}
		for _, n := range entityNotes(c) {
			if n.at.After(now) {
				t.Errorf("now %v: note dated %v", now, n.at)
			}
		}
		for _, s := range stays(c) {
			if !s.s.Departure.After(s.s.Arrival) {
				t.Errorf("stay %s departs before it arrives", s.key)
			}
		}
	}
}

func TestDeterministicAndShifting(t *testing.T) {
	a, b := Mails(testNow), Mails(testNow)
	if len(a) != len(b) {
		t.Fatal("different lengths")
	}
	for i := range a {
		if !bytes.Equal(a[i].Raw, b[i].Raw) || a[i].Mailbox != b[i].Mailbox || !slices.Equal(a[i].Flags, b[i].Flags) {
			t.Fatalf("mail %d differs between two renderings", i)
		}
	}

	later := testNow.AddDate(0, 0, 3)
	shifted := Mails(later)
	for i := range a {
		if !a[i].Date.AddDate(0, 0, 3).Equal(shifted[i].Date) && shifted[i].Date.Sub(a[i].Date) != 72*time.Hour {
			t.Errorf("mail %d: %v then %v, want three days later", i, a[i].Date, shifted[i].Date)
		}
	}

	ctx := context.Background()
	st1, st2 := seeded(t, testNow), seeded(t, later)
	s1, err := st1.Stays(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	s2, err := st2.Stays(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(s1) != len(s2) || len(s1) == 0 {
		t.Fatalf("%d and %d stays", len(s1), len(s2))
	}
	for i := range s1 {
		want := s1[i].Arrival.In(Paris()).AddDate(0, 0, 3)
		if !s2[i].Arrival.Equal(want) {
			t.Errorf("stay of %s: arrival %v, want %v", s1[i].GuestName, s2[i].Arrival, want)
		}
	}
	r1, _ := st1.Requests(ctx, store.RequestFilter{})
	r2, _ := st2.Requests(ctx, store.RequestFilter{})
	if len(r1) != len(r2) || len(r1) == 0 {
		t.Fatalf("%d and %d requests", len(r1), len(r2))
	}
	for i := range r1 {
		if want := r1[i].StartsAt.In(Paris()).AddDate(0, 0, 3); !r2[i].StartsAt.Equal(want) {
			t.Errorf("request %q: %v, want %v", r1[i].Title, r2[i].StartsAt, want)
		}
	}
}

func TestNewMail(t *testing.T) {
	seen := map[string]bool{}
	for n := 0; n < 25; n++ {
		now := testNow.Add(time.Duration(n) * time.Minute)
		raw := NewMail(now, n)
		r, err := mail.CreateReader(bytes.NewReader(raw))
		if err != nil {
			t.Fatalf("mail %d: %v", n, err)
		}
		mid, _ := r.Header.MessageID()
		if mid == "" || seen[mid] {
			t.Errorf("mail %d: Message-ID %q empty or repeated", n, mid)
		}
		seen[mid] = true
		if date, _ := r.Header.Date(); !date.Equal(now) {
			t.Errorf("mail %d: date %v, want %v", n, date, now)
		}
		if !bytes.Equal(raw, NewMail(now, n)) {
			t.Errorf("mail %d: not deterministic", n)
		}
	}
	if a, b := NewMail(testNow, 3), NewMail(testNow, 13); bytes.Equal(a, b) {
		t.Error("mails 3 and 13 are identical")
	}
}
