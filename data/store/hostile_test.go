package store

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"loge/data/desk"
	"loge/data/mime"
	"loge/data/mime/mimetest"
)

// Hostile input at the store's doors: mail of our own making (data/mime/mimetest) through Ingest,
// the path the IMAP sync takes, and team operations no column can hold.

// hostileBig is the size of the corpus' big cases here: the race detector is ten times slower.
func hostileBig() int {
	if raceEnabled || testing.Short() {
		return 5 << 20
	}
	return mimetest.BigSize
}

// Each hostile message is stored through Ingest, read back byte for byte (RawMessage, through the
// raw codec), its row holds valid text, its attachments are those Parse lists, search still
// answers, and the Go heap stays within 10× the message plus a constant while it is stored.
func TestHostileMailStoredRaw(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	acct := desk.Account{Name: "Desk"}
	if err := s.CreateAccount(ctx, &acct); err != nil {
		t.Fatal(err)
	}
	mb, err := s.EnsureMailbox(ctx, acct.ID, "INBOX", "inbox")
	if err != nil {
		t.Fatal(err)
	}
	report := map[string]mimetest.Memory{}
	for i, c := range mimetest.Cases(hostileBig()) {
		uid := uint32(i + 1)
		raw := c.Build()
		want := bytes.Clone(raw)
		m := mimetest.Measure(func() {
			in := s.NewIngest(ctx, mb.ID, SyncState{UIDValidity: 1})
			if err := in.Add(RawMessage{UID: uid, Flags: []string{`\Seen`}, Raw: raw}); err != nil {
				t.Fatalf("%s: add: %v", c.Name, err)
			}
			if n, err := in.Close(); err != nil || n != 1 {
				t.Fatalf("%s: ingest: %d, %v", c.Name, n, err)
			}
		})
		report[c.Name] = m
		t.Logf("%s: %d bytes stored in %.2fs, Go heap %.1f → peak %.1f MB, allocated %.1f MB",
			c.Name, len(raw), m.Seconds, float64(m.BaseHeap)/(1<<20), float64(m.PeakHeap)/(1<<20), float64(m.Allocated)/(1<<20))
		if bound := 10*uint64(len(raw)) + 64<<20; m.PeakHeap > bound {
			t.Errorf("%s: peak heap %d MB storing a %d KB message (bound %d MB)", c.Name, m.PeakHeap>>20, len(raw)>>10, bound>>20)
		}

		var id int64
		if err := s.r.QueryRowContext(ctx, `SELECT id FROM messages WHERE mailbox_id=? AND uid=?`, mb.ID, uid).Scan(&id); err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		got, err := s.RawMessage(ctx, id)
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("%s: raw back: %d bytes of %d, equal %v, %v", c.Name, len(got), len(want), bytes.Equal(got, want), err)
		}
		msg, err := s.Message(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		for field, v := range map[string]string{"subject": msg.Subject, "from": msg.FromName, "text": msg.BodyText, "snippet": msg.Snippet} {
			if !utf8.ValidString(v) || strings.ContainsRune(v, 0) {
				t.Errorf("%s: %s is not valid text", c.Name, field)
			}
		}
		atts, err := s.Attachments(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if p := mime.Parse(want); len(atts) != len(p.Attachments) {
			t.Errorf("%s: %d attachments stored, Parse lists %d", c.Name, len(atts), len(p.Attachments))
		}
		if _, err := s.Search(ctx, "réservation hostile", 10); err != nil {
			t.Errorf("%s: search after it: %v", c.Name, err)
		}
	}
	// The background indexer takes every one of them, each decoded and indexed or skipped once.
	if _, err := s.IndexPending(ctx, nil); err != nil {
		t.Fatalf("index the hostile mail: %v", err)
	}
	if st, err := s.Stats(ctx); err != nil || st.Unindexed != 0 {
		t.Errorf("after indexing: %d unindexed, %v", st.Unindexed, err)
	}
	checkMailIndex(t, s)
	// And each shows in its mailbox (a thread id JSON changed was stored but never listed).
	ths, err := s.Threads(ctx, mb.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	listed := 0
	for _, th := range ths {
		listed += th.Count
	}
	if cases := len(mimetest.Cases(hostileBig())); listed != cases {
		t.Errorf("%d messages listed in %d threads, want %d", listed, len(ths), cases)
	}
	if out := os.Getenv("LOGE_HOSTILE_STORE_REPORT"); out != "" {
		b, _ := json.MarshalIndent(report, "", "  ")
		os.WriteFile(out, b, 0o644)
	}
}

// A value that is JSON but no column can hold (found by data/team's FuzzDecodeOps: 1e999) is
// skipped and said; it failed the whole batch, so the team sync stopped at that message for good.
func TestApplyOpsSkipsValuesNoColumnHolds(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	const other = "1700000000000-0000-otherdesk"
	for i, v := range []string{`1e999`, `1.5`, `[1]`, `{"a":1}`, `-1e3`} {
		id := fmt.Sprint("g", i)
		ops := []desk.Op{
			{Entity: "guest", ID: id, Field: "first_name", Value: `"Zoé"`, HLC: other, Desk: "otherdesk"},
			{Entity: "guest", ID: id, Field: "last_name", Value: v, HLC: other, Desk: "otherdesk"},
		}
		rep, err := s.ApplyOps(ctx, ops, nil)
		if err != nil || len(rep.Skipped) != 1 || !strings.Contains(rep.Skipped[0], "last_name") {
			t.Errorf("value %s: %+v, %v", v, rep, err)
		}
	}
}
