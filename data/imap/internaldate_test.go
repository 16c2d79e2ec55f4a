package imap

import (
	"context"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
)

// A mail without a readable Date header is dated when the server received it (INTERNALDATE), not
// when this desk synced it: an old mailbox synced today would otherwise put it at the top.
func TestUndatedMailTakesTheServersDate(t *testing.T) {
	cfg, _ := memServer(t)
	st, acct := newStore(t)
	c := client(t, cfg)
	received := time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)
	for _, raw := range []string{
		"From: Jane <jane@example.com>\r\nSubject: No date at all\r\n\r\nHello\r\n",
		"From: Jane <jane@example.com>\r\nSubject: A date nobody reads\r\nDate: the day after tomorrow\r\n\r\nHello\r\n",
	} {
		cmd := c.Append("INBOX", int64(len(raw)), &imap.AppendOptions{Time: received})
		if _, err := cmd.Write([]byte(raw)); err != nil {
			t.Fatal(err)
		}
		if err := cmd.Close(); err != nil {
			t.Fatal(err)
		}
		if _, err := cmd.Wait(); err != nil {
			t.Fatal(err)
		}
	}
	syncOnce(t, st, acct, cfg)
	mb := mailboxNamed(t, st, acct, "INBOX")
	msgs, err := st.MailboxMessages(context.Background(), mb.ID)
	if err != nil || len(msgs) != 2 {
		t.Fatalf("%d stored: %v", len(msgs), err)
	}
	for _, m := range msgs {
		if !m.Date.Equal(received) {
			t.Fatalf("%q dated %v, the server received it %v", m.Subject, m.Date, received)
		}
	}
}
