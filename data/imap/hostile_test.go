package imap

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"loge/data/mime/mimetest"
)

// TestHostileMailSyncsOnDovecot appends the hostile corpus (data/mime/mimetest: 1,000 levels of
// nesting, a 50 MB message, decompression bombs, invalid UTF-8, contradictory headers, a 1 MB
// header) to the real Dovecot and syncs it: every message is stored, and its raw bytes come back
// from the desk exactly as the server serves them and as they were appended (the corpus is CRLF
// throughout, so Dovecot has nothing to rewrite but a NUL). Every message is listed in the mailbox.
func TestHostileMailSyncsOnDovecot(t *testing.T) {
	big := mimetest.BigSize
	if testing.Short() || raceOn() {
		big = 5 << 20
	}
	d := realDovecot(t)
	cfg := d.cfg(false)
	cfg.Timeout = time.Minute // a 50 MB literal
	box := fmt.Sprintf("H%d", time.Now().UnixNano())
	c := client(t, cfg)
	if err := c.Create(box, nil).Wait(); err != nil {
		t.Fatal(err)
	}
	cases := mimetest.Cases(big)
	sent := make([][]byte, len(cases))
	for i, cc := range cases {
		sent[i] = cc.Build()
		appendMail(t, c, box, sent[i])
	}
	st, acct := newStore(t)
	start := time.Now()
	rs := syncOnce(t, st, acct, cfg, box)
	if len(rs) != 1 || rs[0].Added != len(cases) {
		t.Fatalf("sync: %+v, want %d added", rs, len(cases))
	}
	t.Logf("%d hostile messages synced in %.1fs", len(cases), time.Since(start).Seconds())
	mb := mailboxNamed(t, st, acct, box)
	stored := storedByUID(t, st, mb)
	served := fetchAll(t, cfg, box)
	if len(stored) != len(cases) {
		t.Errorf("%d messages listed in the mailbox's threads, want %d", len(stored), len(cases))
	}
	for i, cc := range cases {
		uid := uint32(i + 1)
		m, ok := stored[uid]
		if !ok {
			t.Errorf("%s: UID %d not stored", cc.Name, uid)
			continue
		}
		raw, err := st.RawMessage(context.Background(), m.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(raw, served[uid]) {
			t.Errorf("%s: %d bytes stored differ from the %d served", cc.Name, len(raw), len(served[uid]))
		}
		// Dovecot serves a NUL as 0x80 outside BINARY (corpus_test.go): the rest is as appended.
		if !bytes.Equal(raw, sent[i]) && !bytes.Equal(raw, bytes.ReplaceAll(sent[i], []byte{0}, []byte{0x80})) {
			t.Errorf("%s: %d bytes stored differ from the %d appended", cc.Name, len(raw), len(sent[i]))
		}
	}
}
