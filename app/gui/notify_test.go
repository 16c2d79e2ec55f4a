package gui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"loge/data/store"

	"fyne.io/fyne/v2"
)

// deliver stores a raw mail in the desk's Inbox as the sync would.
func deliver(t *testing.T, st *store.Store, uid uint32, from, subject, msgID, inReplyTo string) {
	t.Helper()
	raw := fmt.Sprintf("From: %s\r\nTo: concierge@hotel-lumiere.example\r\nSubject: %s\r\nMessage-ID: <%s>\r\n", from, subject, msgID)
	if inReplyTo != "" {
		raw += "In-Reply-To: <" + inReplyTo + ">\r\nReferences: <" + inReplyTo + ">\r\n"
	}
	raw += "Date: " + time.Now().Format(time.RFC1123Z) + "\r\n\r\nHello\r\n"
	inboxMail(t, st, uid, raw)
}

func TestNewGuestMailNotifiesOncePerThreadOnlyInTheBackground(t *testing.T) {
	u, st := newDemoUI(t, "en")
	n := u.notifier
	var got []*fyne.Notification
	n.send = func(x *fyne.Notification) { got = append(got, x) }

	// In front: the person sees the Inbox; nothing pops up, and it is not news later either.
	deliver(t, st, 9200, "Ingrid Solberg <ingrid@example.no>", "Table tonight", "n1@example.no", "")
	n.check()
	if len(got) != 0 {
		t.Fatalf("notified while Loge was in front: %v", got)
	}

	n.background = true
	// Two mails of one conversation, one from a new guest, one from the desk's own address.
	deliver(t, st, 9201, "Ingrid Solberg <ingrid@example.no>", "Re: Table tonight", "n2@example.no", "n1@example.no")
	deliver(t, st, 9202, "Ingrid Solberg <ingrid@example.no>", "Re: Table tonight", "n3@example.no", "n2@example.no")
	deliver(t, st, 9203, "Tom Hale <tom@example.com>", "Airport car", "n4@example.com", "")
	deliver(t, st, 9204, "Conciergerie <concierge@hotel-lumiere.example>", "Copy to self", "n5@hotel-lumiere.example", "")
	n.check()
	if len(got) != 2 || got[0].Title != "Ingrid Solberg" || got[0].Content != "Re: Table tonight" || got[1].Title != "Tom Hale" {
		t.Fatalf("notifications: %+v", got)
	}
	n.check() // the same mail again: already told
	if len(got) != 2 {
		t.Fatalf("told twice: %+v", got)
	}

	// Switched off in Settings: nothing.
	u.Show(WorkspaceSettings)
	u.settings.notify.SetChecked(false)
	deliver(t, st, 9205, "Ana Ruiz <ana@example.es>", "Spa", "n6@example.es", "")
	n.check()
	if len(got) != 2 {
		t.Fatalf("notified with notifications off: %+v", got)
	}
	u.settings.notify.SetChecked(true)

	// A burst (a first sync of mail read elsewhere): one notification says how many.
	for i := range 5 {
		deliver(t, st, uint32(9300+i), fmt.Sprintf("Guest %d <g%d@example.com>", i, i), "Hello", fmt.Sprintf("b%d@example.com", i), "")
	}
	n.check()
	if len(got) != 3 || got[2].Title != "5 new conversations" {
		t.Fatalf("burst: %+v", got[2:])
	}
}

// A subject or a sender name is text in the notification, never PowerShell (Fyne's Windows
// notifications are a PowerShell script with the texts in double quotes).
func TestNotificationTextCannotRunACommand(t *testing.T) {
	for _, in := range []string{`$(Start-Process calc)`, `x"; calc; "`, "`$env:USERNAME`", "“quoted” „low‟", `C:\path`, "two\nlines"} {
		out := notificationText(in)
		if strings.ContainsAny(out, "$`\"\u201c\u201d\u201e\u201f\\\n") {
			t.Errorf("%q → %q", in, out)
		}
	}
	if got := notificationText("Table pour 4 — ce soir ?"); got != "Table pour 4 — ce soir ?" {
		t.Errorf("plain text changed: %q", got)
	}
}
