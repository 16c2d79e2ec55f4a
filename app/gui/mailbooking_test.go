package gui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"loge/app/i18n"
	"loge/data/desk"
	"loge/data/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

func TestMailToBookingInOneDialog(t *testing.T) {
	ctx := context.Background()
	u, st := newDemoUI(t, "fr")
	m := inboxMail(t, st, 9100, fmt.Sprintf("From: Ingrid Solberg <ingrid.solberg@example.no>\r\nTo: concierge@hotel-lumiere.example\r\n"+
		"Subject: Table pour ce soir\r\nMessage-ID: <ingrid-%d@example.no>\r\nDate: %s\r\n\r\n"+
		"Bonjour, pourriez-vous nous réserver une table pour 3 personnes ce soir vers 20h30 ? Merci !\r\n",
		time.Now().UnixNano(), time.Now().Format(time.RFC1123Z)))
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

// The booking's day and time can be picked instead of typed: a month in French, Monday first, and
// quarter hours; what is picked is what is saved.
func TestDateFieldsHaveACalendar(t *testing.T) {
	ctx := context.Background()
	u, st := newDemoUI(t, "fr")
	m := inboxMail(t, st, 9101, "From: Ingrid Solberg <ingrid.solberg@example.no>\r\nTo: concierge@hotel-lumiere.example\r\n"+
		"Subject: Une table\r\nMessage-ID: <ingrid-picker@example.no>\r\nDate: "+time.Now().Format(time.RFC1123Z)+"\r\n\r\n"+
		"Bonjour, une table pour deux un de ces soirs ?\r\n")
	u.OpenThread(m.ThreadID)
	u.bookFromMail(m)
	f := u.lastForm
	tf := f.times["StartsAt"]
	if tf == nil {
		t.Fatal("the booking's date has no calendar")
	}
	test.Tap(tf.pickBtn)
	p := tf.picker
	if p == nil || p.popup == nil || !p.popup.Visible() {
		t.Fatal("the calendar did not open")
	}
	// Two months on, to a day that exists in every month.
	target := time.Now().In(st.Loc).AddDate(0, 2, 0)
	target = time.Date(target.Year(), target.Month(), 14, 0, 0, 0, 0, st.Loc)
	p.shown = time.Date(time.Now().In(st.Loc).Year(), time.Now().In(st.Loc).Month(), 1, 0, 0, 0, 0, st.Loc)
	for range 2 {
		tapButtonIcon(t, p.popup.Content, theme.NavigateNextIcon())
	}
	if want := i18n.T("month_long."+fmt.Sprint(int(target.Month()))) + " " + fmt.Sprint(target.Year()); p.title.Text != want {
		t.Fatalf("month shown %q, want %q", p.title.Text, want)
	}
	if first := p.days.Objects[0].(*widget.Label).Text; first != "lun." {
		t.Fatalf("weeks start on %q", first)
	}
	tapButton(t, p.popup.Content, "14")
	p.hour.SetSelected("19")
	p.minute.SetSelected("45")
	tapButton(t, p.popup.Content, i18n.T("action.ok"))
	if p.popup.Visible() {
		t.Fatal("the calendar stayed open after OK")
	}
	if want := target.Format("02/01/2006") + " 19:45"; f.entry("StartsAt").Text != want {
		t.Fatalf("picked %q, want %q", f.entry("StartsAt").Text, want)
	}
	f.submit()
	r, err := st.Request(ctx, u.lastBooked)
	if err != nil {
		t.Fatalf("not saved: %v (%s)", err, f.general.Text)
	}
	if got := r.StartsAt.In(st.Loc); got.Day() != 14 || got.Month() != target.Month() || got.Hour() != 19 || got.Minute() != 45 {
		t.Fatalf("saved for %v", got)
	}
}

// tapButtonIcon taps the first button showing icon inside root.
func tapButtonIcon(t *testing.T, root fyne.CanvasObject, icon fyne.Resource) {
	t.Helper()
	for _, o := range test.LaidOutObjects(root) {
		if b, ok := o.(*widget.Button); ok && b.Icon != nil && b.Icon.Name() == icon.Name() {
			test.Tap(b)
			return
		}
	}
	t.Fatalf("no button with icon %s", icon.Name())
}

func TestTwoDigitsKeepsTheFieldsOwnMinute(t *testing.T) {
	for _, c := range []struct {
		keep int
		want string
	}{{0, "00 15 30 45"}, {30, "00 15 30 45"}, {10, "00 10 15 30 45"}, {50, "00 15 30 45 50"}, {5, "00 05 15 30 45"}} {
		if got := strings.Join(twoDigits(60, 15, c.keep), " "); got != c.want {
			t.Errorf("keep %d: %s, want %s", c.keep, got, c.want)
		}
	}
}

// inboxMail stores raw in the desk's Inbox under uid, as the sync would, and reads it back.
func inboxMail(t *testing.T, st *store.Store, uid uint32, raw string) desk.Message {
	t.Helper()
	ctx := context.Background()
	ib, err := st.MailboxByRole(ctx, mustAccount(t, st).ID, desk.RoleInbox)
	if err != nil {
		t.Fatal(err)
	}
	id, err := st.AddRawMessage(ctx, ib.ID, uid, nil, []byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	m, err := st.Message(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return m
}
