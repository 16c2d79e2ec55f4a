package gui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"loge/app/i18n"
	"loge/app/office"
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
