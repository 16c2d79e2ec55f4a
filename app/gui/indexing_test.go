package gui

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"loge/app/i18n"
	"loge/app/office"
	"loge/data/imap"
	"loge/data/store"
)

// While the indexer is behind the mail, search shows what it has reached and says more is coming,
// and the status bar says how far it is, in each language's way of writing numbers.
func TestSearchAndStatusSayIndexingIsBehind(t *testing.T) {
	for _, c := range []struct{ lang, status string }{
		{"en", "Indexing 12,345 / 50,000"},
		{"fr", "Indexation 12\u00a0345 / 50\u00a0000"},
	} {
		t.Run(c.lang, func(t *testing.T) {
			u, st := newDemoUI(t, c.lang)
			ctx := context.Background()
			inbox, err := st.MailboxByRole(ctx, 1, "inbox")
			if err != nil {
				t.Fatal(err)
			}
			// A sync stores new mail as it does, browsable and waiting for the indexer.
			in := st.NewIngest(ctx, inbox.ID, store.SyncState{UIDValidity: inbox.UIDValidity})
			for i := range 3 {
				raw := fmt.Sprintf("From: Guest <g%d@example.com>\r\nSubject: Zanzibar %d\r\nMessage-ID: <zz%d@example.com>\r\n\r\nZanzibar trip.\r\n", i, i, i)
				if err := in.Add(store.RawMessage{UID: inbox.UIDNext + uint32(i) + 1000, Raw: []byte(raw)}); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := in.Close(); err != nil {
				t.Fatal(err)
			}
			u.showSearch("zanzibar")
			top := u.win.Canvas().Overlays().Top()
			if top == nil || !strings.Contains(texts(top), i18n.T("search.incomplete")) {
				t.Fatalf("search during indexing does not say it is incomplete: %v", top)
			}
			top.Hide()
			u.win.Canvas().Overlays().Remove(top)

			u.sync.handle(office.Event{Index: &store.IndexProgress{Done: 12345, Total: 50000}})
			if got := u.status.detail.Text; got != c.status {
				t.Errorf("status bar reads %q, want %q", got, c.status)
			}
			if _, err := st.IndexPending(ctx, nil); err != nil {
				t.Fatal(err)
			}
			u.sync.handle(office.Event{Index: &store.IndexProgress{Done: 50003, Total: 50003}})
			if got := u.status.detail.Text; strings.Contains(got, "/") {
				t.Errorf("status bar still reads %q once search has caught up", got)
			}
			u.showSearch("zanzibar")
			top = u.win.Canvas().Overlays().Top()
			if top == nil || strings.Contains(texts(top), i18n.T("search.incomplete")) || len(u.lastHits) < 3 {
				t.Fatalf("search once indexed: %d hits, incomplete line shown", len(u.lastHits))
			}
		})
	}
}

// The bridge coalesces a burst of progress reports and never draws one after the event that ends
// it: 3,000 sync reports then Synced leave no progress bar; index reports then the last of the
// pass leave no "Indexing" line; the newest report of a burst is the one on screen meanwhile.
func TestBridgeDrawsTheNewestProgressAndNothingStale(t *testing.T) {
	u, _ := newDemoUI(t, "en")
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	events := make(chan office.Event)
	// Fyne's test driver runs fyne.Do at once on the caller's goroutine (the listener, a pacing
	// timer): one lock stands for the app's single UI goroutine.
	var ui sync.Mutex
	onUI := func(f func()) { ui.Lock(); defer ui.Unlock(); f() }
	u.sync.do = onUI
	go u.sync.listenTo(ctx, events)
	for i := 1; i <= 3000; i++ {
		events <- office.Event{Mail: imap.SyncProgress{Mailbox: "INBOX", Done: i, Total: 3000}}
	}
	time.Sleep(120 * time.Millisecond) // past the 50 ms pacing: the newest is drawn
	onUI(func() {
		if got := u.status.detail.Text; !strings.Contains(got, "3,000 of 3,000") {
			t.Errorf("after the burst the status reads %q, want the newest report", got)
		}
	})
	// Two reports close together: the second waits for the pacing, and Synced comes meanwhile.
	events <- office.Event{Mail: imap.SyncProgress{Mailbox: "INBOX", Done: 9, Total: 3000}}
	events <- office.Event{Mail: imap.SyncProgress{Mailbox: "INBOX", Done: 10, Total: 3000}}
	events <- office.Event{Mail: imap.Synced{At: time.Now()}}
	for i := 1; i < 50; i++ {
		events <- office.Event{Index: &store.IndexProgress{Done: i, Total: 50}}
	}
	events <- office.Event{Index: &store.IndexProgress{Done: 50, Total: 50}}
	time.Sleep(150 * time.Millisecond) // any draw still pending has fired
	onUI(func() {
		if u.status.progress.Visible() || strings.Contains(u.status.detail.Text, " of ") || strings.Contains(u.status.detail.Text, "Indexing") {
			t.Errorf("a report older than the event that ended it was drawn after it: bar %v, %q", u.status.progress.Visible(), u.status.detail.Text)
		}
	})
}
