package gui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"loge/data/desk"
)

func TestMailToBookingInOneDialog(t *testing.T) {
	ctx := context.Background()
	u, st := newDemoUI(t, "fr")
	ib, _ := st.MailboxByRole(ctx, mustAccount(t, st).ID, desk.RoleInbox)
	raw := fmt.Sprintf("From: Ingrid Solberg <ingrid.solberg@example.no>\r\nTo: concierge@hotel-lumiere.example\r\n"+
		"Subject: Table pour ce soir\r\nMessage-ID: <ingrid-%d@example.no>\r\nDate: %s\r\n\r\n"+
		"Bonjour, pourriez-vous nous réserver une table pour 3 personnes ce soir vers 20h30 ? Merci !\r\n",
		time.Now().UnixNano(), time.Now().Format(time.RFC1123Z))
	id, err := st.AddRawMessage(ctx, ib.ID, 9100, nil, []byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	m, _ := st.Message(ctx, id)
	u.OpenThread(m.ThreadID)
	u.bookFromMail(m)
	f := u.lastForm
	if f.entry("LastName").Text != "Solberg" || f.entry("FirstName").Text != "Ingrid" {
		t.Fatalf("guest not prefilled from the sender: %q %q", f.entry("FirstName").Text, f.entry("LastName").Text)
	}
	if f.entry("PartySize").Text != "3" || f.entry("StartsAt").Text == "" {
		t.Fatalf("request not prefilled: party %q, at %q", f.entry("PartySize").Text, f.entry("StartsAt").Text)
	}
	f.submit()
	if f.open {
		t.Fatalf("form stayed open: %s", f.general.Text)
	}
	r, err := st.Request(ctx, u.lastBooked)
	if err != nil {
		t.Fatal(err)
	}
	// Saved: it says so, and shows the new request.
	if u.Current() != WorkspacePlanner || u.lastNotice == "" || !strings.Contains(u.lastNotice, "Table pour ce soir") {
		t.Fatalf("after Save: workspace %s, notice %q", u.Current(), u.lastNotice)
	}
	if r.Kind != desk.KindRestaurant || r.PartySize != 3 || r.StartsAt.Hour() != 20 || r.StartsAt.Minute() != 30 || r.GuestName != "Ingrid Solberg" {
		t.Fatalf("request made: %+v", r)
	}
	links, _ := st.LinksOfThread(ctx, m.ThreadID)
	kinds := map[string]bool{}
	for _, l := range links {
		kinds[l.TargetKind] = true
	}
	if !kinds["guest"] || !kinds["request"] {
		t.Fatalf("thread not linked: %+v", links)
	}
	// The same mail again: it warns that a request is linked already, and only "Create another"
	// opens the form.
	before := u.lastForm
	u.bookFromMail(m)
	if u.lastForm != before || !strings.Contains(u.lastLinkedWarning, "Ingrid Solberg") {
		t.Fatalf("a linked mail opened the form without a warning (warning %q)", u.lastLinkedWarning)
	}
	// A known sender is suggested as the guest, not created again.
	g, _ := st.Guest(ctx, r.GuestID)
	u.bookFromMailForm(m)
	if u.lastForm.selectOf("GuestID").Selected != g.Name() {
		t.Fatalf("known sender not suggested: %q", u.lastForm.selectOf("GuestID").Selected)
	}
}
