package store

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"loge/data/desk"
	"loge/data/mime"
)

// guestMailN is a small guest mail: every one holds "reservation", mail i alone "marker<i>".
func guestMailN(i int, extra string) []byte {
	return fmt.Appendf(nil, "From: Guest %d <guest%d@example.com>\r\nTo: desk@hotel.example\r\nSubject: Table %d\r\n"+
		"Message-ID: <g%d@example.com>\r\nDate: Mon, 7 Dec 2026 10:%02d:00 +0100\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"+
		"Bonjour, une reservation pour %d personnes. marker%d %s\r\n", i, i, i, i, i%60, i%8+1, i, extra)
}

// ingestN stores n guest mails the way a sync does: envelopes first, for the indexer.
func ingestN(t *testing.T, s *Store, n int, extra func(i int) string) desk.Mailbox {
	t.Helper()
	ctx := context.Background()
	acct := desk.Account{Name: "Desk"}
	if err := s.CreateAccount(ctx, &acct); err != nil {
		t.Fatal(err)
	}
	mb, err := s.EnsureMailbox(ctx, acct.ID, "INBOX", "inbox")
	if err != nil {
		t.Fatal(err)
	}
	in := s.NewIngest(ctx, mb.ID, SyncState{UIDValidity: 1})
	for i := 1; i <= n; i++ {
		x := ""
		if extra != nil {
			x = extra(i)
		}
		if err := in.Add(RawMessage{UID: uint32(i), Raw: guestMailN(i, x)}); err != nil {
			t.Fatal(err)
		}
	}
	if added, err := in.Close(); err != nil || added != n {
		t.Fatalf("ingest: %d, %v", added, err)
	}
	return *mb
}

// checkMailIndex asks FTS5 whether the mail index matches the messages it indexes: a row indexed
// twice, or a 'delete' for a row never indexed, fails it.
func checkMailIndex(t *testing.T, s *Store) {
	t.Helper()
	if err := s.CheckSearchIndex(context.Background()); err != nil {
		t.Fatalf("mail index: %v", err)
	}
}

func messageHitIDs(t *testing.T, hits []desk.Hit) map[int64]bool {
	t.Helper()
	ids := map[int64]bool{}
	for _, h := range hits {
		if h.Kind == "message" {
			id, err := desk.MessageIDFromHit(h)
			if err != nil {
				t.Fatal(err)
			}
			ids[id] = true
		}
	}
	return ids
}

// A sync's mail is browsable before it is searchable: listed, read whole (decoded from its raw
// bytes), and found by search once the indexer has been, which the search says meanwhile.
func TestMailBrowsableThenSearchable(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	mb := ingestN(t, s, 40, nil)
	if st, _ := s.Stats(ctx); st.Messages != 40 || st.Unindexed != 40 {
		t.Fatalf("after the sync: %d messages, %d unindexed; want 40 and 40", st.Messages, st.Unindexed)
	}
	ths, err := s.Threads(ctx, mb.ID, 0)
	if err != nil || len(ths) != 40 {
		t.Fatalf("threads: %d, %v", len(ths), err)
	}
	m, err := s.Message(ctx, ths[0].LatestID)
	if err != nil || !m.Unindexed || !bytes.Contains([]byte(m.BodyText), []byte("reservation pour")) || m.Snippet == "" {
		t.Fatalf("unindexed message read: %+v, %v", m, err)
	}
	r, err := s.SearchAll(ctx, "reservation", 50)
	if err != nil || len(messageHitIDs(t, r.Hits)) != 0 || !r.Incomplete() || r.Unindexed != 40 {
		t.Fatalf("search before indexing: %d hits, unindexed %d, %v", len(r.Hits), r.Unindexed, err)
	}
	var last IndexProgress
	n, err := s.IndexPending(ctx, func(p IndexProgress) { last = p })
	if err != nil || n != 40 || last != (IndexProgress{Done: 40, Total: 40}) {
		t.Fatalf("index: %d, %v, last progress %+v", n, err, last)
	}
	r, err = s.SearchAll(ctx, "reservation", 50)
	if err != nil || len(messageHitIDs(t, r.Hits)) != 40 || r.Incomplete() {
		t.Fatalf("search after indexing: %d hits, unindexed %d, %v", len(r.Hits), r.Unindexed, err)
	}
	after, _ := s.Message(ctx, m.ID)
	if after.Unindexed || after.BodyText != m.BodyText || after.Snippet != m.Snippet {
		t.Errorf("indexed message differs from what was read before: %q / %q", after.BodyText, m.BodyText)
	}
	if n, err := s.IndexPending(ctx, nil); err != nil || n != 0 {
		t.Errorf("second pass indexed %d, %v: nothing waits", n, err)
	}
	checkMailIndex(t, s)
}

// A message the indexer cannot decode (its stored bytes damaged, or a parse that panics) is
// marked skipped once: its envelope is searchable, the rest is indexed, and no later pass tries it
// again.
func TestIndexerSkipsUndecodableMailOnce(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	ingestN(t, s, 30, func(i int) string {
		if i == 7 {
			return "PANIC"
		}
		return ""
	})
	// Mail 12's stored bytes no longer decompress.
	if _, err := s.w.Exec(`UPDATE message_raw SET raw=x'28b52ffd00ffffff', codec=1 WHERE message_id=(SELECT id FROM messages WHERE uid=12)`); err != nil {
		t.Fatal(err)
	}
	tries := map[string]int{}
	var mu sync.Mutex
	parseForIndex = func(raw []byte) *mime.Parsed {
		p := mime.Envelope(raw)
		mu.Lock()
		tries[p.Subject]++
		mu.Unlock()
		if bytes.Contains(raw, []byte("PANIC")) {
			panic("a parser bug on hostile mail")
		}
		return mime.Parse(raw)
	}
	t.Cleanup(func() { parseForIndex = mime.Parse })
	if n, err := s.IndexPending(ctx, nil); err != nil || n != 30 {
		t.Fatalf("index: %d, %v; want all 30 taken", n, err)
	}
	var skipped []uint32
	rows, err := s.r.Query(`SELECT uid FROM messages WHERE index_state=2 ORDER BY uid`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var u uint32
		rows.Scan(&u)
		skipped = append(skipped, u)
	}
	rows.Close()
	if fmt.Sprint(skipped) != "[7 12]" {
		t.Fatalf("skipped %v, want [7 12]", skipped)
	}
	for range 2 {
		if n, err := s.IndexPending(ctx, nil); err != nil || n != 0 {
			t.Fatalf("a later pass took %d (%v): a skipped message was tried again", n, err)
		}
	}
	if tries["Table 7"] != 1 || tries["Table 12"] != 0 {
		t.Errorf("decode tries: mail 7 %d, mail 12 %d; want 1 and 0 (damaged bytes never reach the parser)", tries["Table 7"], tries["Table 12"])
	}
	if st, _ := s.Stats(ctx); st.Unindexed != 0 {
		t.Errorf("unindexed %d after skipping, want 0", st.Unindexed)
	}
	// Their envelopes are searchable; their text is not there to be.
	for _, q := range []string{"guest7", "guest12"} {
		if ids := messageHitIDs(t, mustSearch(t, s, q)); len(ids) != 1 {
			t.Errorf("search %q found %d messages, want the skipped one", q, len(ids))
		}
	}
	if ids := messageHitIDs(t, mustSearch(t, s, "marker7")); len(ids) != 0 {
		t.Errorf("skipped mail's text indexed: %v", ids)
	}
	if ids := messageHitIDs(t, mustSearch(t, s, "marker8")); len(ids) != 1 {
		t.Errorf("mail 8 not found by its text: %v", ids)
	}
	checkMailIndex(t, s)
}

func mustSearch(t *testing.T, s *Store, q string) []desk.Hit {
	t.Helper()
	hits, err := s.Search(context.Background(), q, 50)
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	return hits
}

// Search while the indexer runs finds what is indexed (newest mail first, as it indexes), says
// more is coming, and never fails; a user's own write goes through meanwhile.
func TestSearchDuringIndexing(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	const n = 1200
	ingestN(t, s, n, nil)
	// One batch: the newest mail is searchable, the rest not yet.
	if k, err := s.indexPass(ctx, 1, nil); err != nil || k != indexBatch {
		t.Fatalf("one batch: %d, %v", k, err)
	}
	r, err := s.SearchAll(ctx, "marker1200", 10)
	if err != nil || len(messageHitIDs(t, r.Hits)) != 1 || r.Unindexed != n-indexBatch {
		t.Fatalf("newest mail after one batch: %d hits, unindexed %d, %v", len(r.Hits), r.Unindexed, err)
	}
	// "marker1 bonjour": only the last word is a prefix, so marker1 is matched whole.
	if r, err := s.SearchAll(ctx, "marker1 bonjour", 10); err != nil || len(messageHitIDs(t, r.Hits)) != 0 || !r.Incomplete() {
		t.Fatalf("oldest mail after one batch: %d hits, %v; want none yet, and incomplete", len(r.Hits), err)
	}

	done := make(chan error, 1)
	go func() {
		_, err := s.IndexPending(ctx, nil)
		done <- err
	}()
	searches, sawPartial := 0, false
	for running := true; running; searches++ {
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("index: %v", err)
			}
			running = false
		default:
		}
		r, err := s.SearchAll(ctx, "reservation personnes", 20)
		if err != nil {
			t.Fatalf("search during indexing: %v", err)
		}
		if len(messageHitIDs(t, r.Hits)) != 20 {
			t.Fatalf("search during indexing found %d messages, want 20 (the newest are indexed)", len(r.Hits))
		}
		sawPartial = sawPartial || r.Incomplete()
		if searches%10 == 0 {
			// The user's own write in the middle of it.
			if err := s.SetSetting(ctx, "test.during_index", fmt.Sprint(searches)); err != nil {
				t.Fatalf("a user's write during indexing: %v", err)
			}
		}
		time.Sleep(time.Millisecond)
	}
	if !sawPartial {
		t.Log("indexing ended before a search saw it partial")
	}
	if r, err := s.SearchAll(ctx, "marker1 bonjour", 10); err != nil || len(messageHitIDs(t, r.Hits)) != 1 || r.Incomplete() {
		t.Fatalf("after indexing: %d hits, unindexed %d, %v", len(r.Hits), r.Unindexed, err)
	}
	checkMailIndex(t, s)
}

// Another process on the desk (a `loge sync --wait-index` beside the window) indexes the mail
// this indexer's pass was about to commit: the pass's count falls short, and the indexer still
// ends by saying search has caught up, so no status line stays on "250 / 400".
func TestIndexerSaysCaughtUpWhenAnotherProcessIndexed(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "desk.db")
	s := openAt(t, path)
	ingestN(t, s, 400, nil)
	other := openAt(t, path)
	var first atomic.Bool
	parseForIndex = func(raw []byte) *mime.Parsed {
		// The first message this desk decodes lets the other process index everything first
		// (its own decoding passes through here too, and goes on).
		if first.CompareAndSwap(false, true) {
			if n, err := other.IndexPending(ctx, nil); err != nil || n != 400 {
				t.Errorf("the other process indexed %d, %v", n, err)
			}
		}
		return mime.Parse(raw)
	}
	t.Cleanup(func() { parseForIndex = mime.Parse })
	ix := s.NewIndexer()
	ix.OnError = func(err error) { t.Errorf("indexer: %v", err) }
	var mu sync.Mutex
	var seen []IndexProgress
	ix.OnProgress = func(p IndexProgress) {
		mu.Lock()
		seen = append(seen, p)
		mu.Unlock()
	}
	rctx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); ix.Run(rctx) }()
	deadline := time.Now().Add(30 * time.Second)
	for {
		mu.Lock()
		var last IndexProgress
		if len(seen) > 0 {
			last = seen[len(seen)-1]
		}
		mu.Unlock()
		if last.Total > 0 && last.Done == last.Total {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the indexer's last word is %+v (of %v): search has caught up, and it never said so", last, seen)
		}
		time.Sleep(10 * time.Millisecond)
	}
	stop()
	<-done
	if n, _ := s.Unindexed(ctx); n != 0 {
		t.Errorf("%d messages wait", n)
	}
	checkMailIndex(t, s)
}

// Mail another process stores (a `loge sync` run by a script while the window is open) is indexed
// by the window's running indexer without a kick from a sync of its own.
func TestIndexerFindsMailAnotherProcessStored(t *testing.T) {
	old := indexPoll
	indexPoll = 50 * time.Millisecond
	t.Cleanup(func() { indexPoll = old })
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "desk.db")
	window := openAt(t, path)
	rctx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() { defer close(done); window.NewIndexer().Run(rctx) }()
	defer func() { stop(); <-done }()
	ingestN(t, openAt(t, path), 30, nil) // the other process: its ingest kicks only its own indexer
	deadline := time.Now().Add(20 * time.Second)
	for {
		n, err := window.Unindexed(ctx)
		if err == nil && n == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d messages stored by another process still wait for the window's indexer (%v)", n, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	checkMailIndex(t, window)
}
