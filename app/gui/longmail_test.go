package gui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"loge/app/i18n"
	"loge/data/store"
)

// A long mail (a quoted history of replies) opens with its first 4,000 characters laid out and a
// button for the rest, which shows the whole text; a short one shows whole, with no button.
func TestLongMailOpensClippedAndShowsTheRest(t *testing.T) {
	u, st := newDemoUI(t, "en")
	ctx := context.Background()
	inbox, err := st.MailboxByRole(ctx, 1, "inbox")
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for i := range 400 {
		fmt.Fprintf(&b, "> line %03d of the quoted history, with some words.\r\n", i)
	}
	b.WriteString("THE-VERY-END\r\n")
	raw := "From: Guest <long@example.com>\r\nSubject: Long history\r\nMessage-ID: <long1@example.com>\r\n\r\n" + b.String()
	in := st.NewIngest(ctx, inbox.ID, store.SyncState{UIDValidity: inbox.UIDValidity})
	if err := in.Add(store.RawMessage{UID: inbox.UIDNext + 5000, Raw: []byte(raw)}); err != nil {
		t.Fatal(err)
	}
	if _, err := in.Close(); err != nil {
		t.Fatal(err)
	}
	u.OpenThread("long1@example.com")
	pane := texts(u.inbox.reading)
	if strings.Contains(pane, "THE-VERY-END") || !strings.Contains(pane, "line 000") {
		t.Fatalf("the long mail is not clipped at its start:\n%.300s", pane)
	}
	more := findButtonPrefix(u.inbox.reading, strings.Split(i18n.T("inbox.show_all", map[string]any{"N": 1}), "(")[0])
	if more == nil {
		t.Fatal("no button for the rest of the message")
	}
	test.Tap(more)
	if pane := texts(u.inbox.reading); !strings.Contains(pane, "THE-VERY-END") || !strings.Contains(pane, "line 399") {
		t.Fatal("the rest of the message is not shown after the button")
	}
	// Answered, it is an earlier mail of its thread: it shows less of itself, the answer whole.
	reply := "From: Desk <desk@hotel.example>\r\nSubject: Re: Long history\r\nMessage-ID: <long2@example.com>\r\n" +
		"In-Reply-To: <long1@example.com>\r\nReferences: <long1@example.com>\r\n\r\nNoted, thank you.\r\n"
	in = st.NewIngest(ctx, inbox.ID, store.SyncState{UIDValidity: inbox.UIDValidity})
	if err := in.Add(store.RawMessage{UID: inbox.UIDNext + 5001, Raw: []byte(reply)}); err != nil {
		t.Fatal(err)
	}
	if _, err := in.Close(); err != nil {
		t.Fatal(err)
	}
	u.OpenThread("long1@example.com")
	pane = texts(u.inbox.reading)
	if !strings.Contains(pane, "Noted, thank you.") || !strings.Contains(pane, "line 010") || strings.Contains(pane, "line 040") {
		t.Fatalf("the earlier mail of the thread is not clipped shorter, or the answer is missing:\n%.300s", pane)
	}
	if shown, clipped := clipBody("short\nmail", bodyClip); clipped || shown != "short\nmail" {
		t.Errorf("a short mail is clipped: %q", shown)
	}
}

// findButtonPrefix is the first button laid out under root whose text starts with prefix.
func findButtonPrefix(root fyne.CanvasObject, prefix string) *widget.Button {
	for _, o := range test.LaidOutObjects(root) {
		if b, ok := o.(*widget.Button); ok && strings.HasPrefix(b.Text, prefix) {
			return b
		}
	}
	return nil
}
