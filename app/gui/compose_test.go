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
)

func templateIndex(t *testing.T, c *composer, name, lang string) int {
	t.Helper()
	for i, tp := range c.templates {
		if tp.Name == name && tp.Lang == lang {
			return i
		}
	}
	t.Fatalf("no template %s (%s)", name, lang)
	return -1
}

// templateItem is template i's entry in the composer's template menu.
func templateItem(t *testing.T, c *composer, i int) *fyne.MenuItem {
	t.Helper()
	name := c.templates[i].Name + " (" + strings.ToUpper(c.templates[i].Lang) + ")"
	for _, it := range c.templateItems() {
		if strings.HasPrefix(it.Label, name) {
			return it
		}
	}
	t.Fatalf("template %s not in the menu", name)
	return nil
}

func TestReplyWithTemplateRefusesUnfilledThenQueues(t *testing.T) {
	ctx := context.Background()
	u, st := newDemoUI(t, "fr")
	// A guest mail linked to a request that has no confirmation number yet.
	var msg desk.Message
	var req desk.Request
	reqs, _ := st.Requests(ctx, store.RequestFilter{Statuses: []string{desk.RequestRequested, desk.RequestPendingVendor}})
	for _, r := range reqs {
		links, _ := st.LinksTo(ctx, "request", r.ID)
		for _, l := range links {
			msgs, _ := st.ThreadMessages(ctx, l.ThreadID)
			for _, m := range msgs {
				if !u.inbox.fromDesk(m.FromAddr) && r.Confirmation == "" {
					msg, req = m, r
				}
			}
		}
	}
	if msg.ID == 0 {
		t.Fatal("the demo has no guest mail linked to an unconfirmed request")
	}
	u.openComposer(composeReply, &msg, "", "")
	c := u.lastComposer
	if c.draft.Context != "request:"+req.ID {
		t.Fatalf("reply context %q, want the linked request", c.draft.Context)
	}
	if !strings.HasPrefix(c.subject.Text, "Re") || c.to.Text == "" {
		t.Fatalf("reply prefill: %q → %q", c.subject.Text, c.to.Text)
	}
	// The confirmation needs a confirmation number the request does not have yet: it is greyed,
	// saying so, while a template this mail has the data for is offered.
	if it := templateItem(t, c, templateIndex(t, c, "Confirmation au client", "fr")); !it.Disabled ||
		it.Label != "Confirmation au client (FR) — manque : numéro de confirmation" {
		t.Fatalf("confirmation without a number offered as %q (greyed %v)", it.Label, it.Disabled)
	}
	if it := templateItem(t, c, templateIndex(t, c, "Lettre de bienvenue", "fr")); it.Disabled {
		t.Fatalf("welcome letter greyed: %q", it.Label)
	}
	// A template whose fill-in field is left blank leaves its [marker] in the mail.
	c.applyTemplate(desk.Template{Name: "N", Lang: "fr", Subject: "S", Body: "Votre numéro : {{request.confirmation}}\n"}, nil)
	if len(c.missing) == 0 || !strings.Contains(c.body.Text, "[request.confirmation]") {
		t.Fatalf("missing confirmation not flagged: %v\n%s", c.missing, c.body.Text)
	}
	before, _ := st.Outbox(ctx)
	c.send()
	if after, _ := st.Outbox(ctx); len(after) != len(before) || !c.errLabel.Visible() {
		t.Fatal("a mail with an unfilled placeholder was queued")
	}
	c.body.SetText(strings.ReplaceAll(c.body.Text, "[request.confirmation]", "TR-55213"))
	c.send()
	after, _ := st.Outbox(ctx)
	if len(after) != len(before)+1 {
		t.Fatalf("not queued: %s", c.errLabel.Text)
	}
	o, _ := st.OutboxItem(ctx, after[0].ID)
	raw := string(o.Raw)
	if !strings.Contains(raw, "In-Reply-To: <"+msg.MessageID+">") || o.Answers != msg.ID {
		t.Fatalf("threading headers missing:\n%s", raw[:400])
	}
	if strings.Contains(raw, "{{") || strings.Contains(raw, "[request.") {
		t.Fatal("a placeholder reached the queued mail")
	}
	if _, err := st.DraftAnswering(ctx, msg.ID); err == nil {
		t.Fatal("the draft outlived the queued mail")
	}
}

func TestBookingFlowFromVendorMailToConfirmed(t *testing.T) {
	ctx := context.Background()
	u, st := newDemoUI(t, "en")
	reqs, _ := st.Requests(ctx, store.RequestFilter{Statuses: []string{desk.RequestRequested}})
	var req desk.Request
	var vendor desk.Vendor
	for _, r := range reqs {
		if r.VendorID != "" {
			if v, err := st.Vendor(ctx, r.VendorID); err == nil && v.Email != "" {
				req, vendor = r, v
				break
			}
		}
	}
	if req.ID == "" {
		t.Fatal("no requested request with a vendor e-mail in the demo")
	}
	u.openComposer(composeNew, nil, "request:"+req.ID, vendor.Email)
	c := u.lastComposer
	c.subject.SetText("Demande de réservation")
	c.body.SetText("Bonjour, pourriez-vous confirmer ?")
	c.send()
	if r, _ := st.Request(ctx, req.ID); r.Status != desk.RequestPendingVendor {
		t.Fatalf("sending to the vendor left the request %s", r.Status)
	}
	out, _ := st.Outbox(ctx)
	sentID := out[0].MessageID
	// The vendor answers in the thread.
	reply := fmt.Sprintf("From: %s <%s>\r\nTo: concierge@hotel-lumiere.example\r\nSubject: Re: Demande de réservation\r\n"+
		"Message-ID: <vendor-reply-%d@example.com>\r\nIn-Reply-To: <%s>\r\nDate: %s\r\n\r\nC'est noté. Confirmation n° AB-7731.\r\n",
		vendor.Name, vendor.Email, time.Now().UnixNano(), sentID, time.Now().Format(time.RFC1123Z))
	ib, _ := st.MailboxByRole(ctx, mustAccount(t, st).ID, desk.RoleInbox)
	id, err := st.AddRawMessage(ctx, ib.ID, 9000, nil, []byte(reply))
	if err != nil {
		t.Fatal(err)
	}
	thread, _ := st.ThreadIDOf(ctx, id)
	if thread != sentID {
		t.Fatalf("the vendor's reply is not in the thread of our mail: %q", thread)
	}
	u.OpenThread(thread)
	if u.inbox.bookingNumber == nil || u.inbox.bookingNumber.Text != "AB-7731" {
		t.Fatal("no booking banner with the confirmation number read from the mail")
	}
	tapButton(t, u.inbox.reading, i18n.T("inbox.mark_confirmed"))
	r, _ := st.Request(ctx, req.ID)
	if r.Status != desk.RequestConfirmed || r.Confirmation != "AB-7731" {
		t.Fatalf("request after confirming: %s %q", r.Status, r.Confirmation)
	}
}

func mustAccount(t *testing.T, st *store.Store) desk.Account {
	t.Helper()
	as, err := st.Accounts(context.Background())
	if err != nil || len(as) == 0 {
		t.Fatal("no account")
	}
	return as[0]
}

// A guest writing in a thread whose request waits for its vendor is not the vendor's answer.
func TestNoBookingBannerForAGuestsMail(t *testing.T) {
	ctx := context.Background()
	u, st := newDemoUI(t, "en")
	reqs, _ := st.Requests(ctx, store.RequestFilter{Statuses: []string{desk.RequestPendingVendor}})
	checked := 0
	for _, r := range reqs {
		links, _ := st.LinksTo(ctx, "request", r.ID)
		for _, l := range links {
			msgs, _ := st.ThreadMessages(ctx, l.ThreadID)
			if len(msgs) == 0 || u.inbox.fromVendor(msgs[len(msgs)-1].FromAddr, r.VendorID) {
				continue
			}
			u.inbox.bookingNumber = nil
			u.OpenThread(l.ThreadID)
			if u.inbox.bookingNumber != nil {
				t.Fatalf("booking banner on %q, last written by %s", msgs[len(msgs)-1].Subject, msgs[len(msgs)-1].FromAddr)
			}
			checked++
		}
	}
	if checked == 0 {
		t.Fatal("the demo has no guest-written thread on a request waiting for its vendor")
	}
}

func TestClosingTheWindowKeepsTheDraft(t *testing.T) {
	ctx := context.Background()
	u, st := newDemoUI(t, "en")
	u.openComposer(composeNew, nil, "", "guest@example.com")
	c := u.lastComposer
	c.subject.SetText("Table at 8")
	c.body.SetText("Dear guest, typed a moment ago")
	u.closeRequested() // what the window's close button runs, before any autosave fired
	drafts, _ := st.Drafts(ctx)
	if len(drafts) != 1 || drafts[0].Body != "Dear guest, typed a moment ago" {
		t.Fatalf("draft lost on window close: %+v", drafts)
	}
}

// carterMail is James Carter's first mail and the desk's dinner request for his family, whose
// desk note ("Peanut/tree-nut allergy (Noah). Try Brasserie de l'Aurore first.") is internal.
func carterMail(t *testing.T, st *store.Store) (desk.Message, desk.Request) {
	t.Helper()
	ctx := context.Background()
	reqs, _ := st.Requests(ctx, store.RequestFilter{})
	var dinner desk.Request
	for _, r := range reqs {
		if strings.Contains(r.Notes, "Peanut/tree-nut allergy") {
			dinner = r
		}
	}
	hits, _ := st.Search(ctx, "Carters", 20)
	for _, h := range hits {
		if h.Kind != "message" {
			continue
		}
		var id int64
		fmt.Sscan(h.ID, &id)
		if m, err := st.Message(ctx, id); err == nil && m.FromAddr == "jcarter@carterventures.example" {
			return m, dinner
		}
	}
	t.Fatal("no mail from James Carter in the demo")
	return desk.Message{}, dinner
}

// Replying to Mr Carter with "Confirmation to guest (EN)" about the dinner request put the request's
// desk note into the guest's mail. It never does now: not through the template, not in the queue.
func TestReplyFromTemplateNeverCarriesTheDeskNote(t *testing.T) {
	ctx := context.Background()
	u, st := newDemoUI(t, "en")
	msg, dinner := carterMail(t, st)
	if dinner.ID == "" {
		t.Fatal("the demo lost the Carter dinner request and its note")
	}
	dinner.Confirmation = "BA-1907"
	if err := st.UpdateRequest(ctx, &dinner, "test"); err != nil {
		t.Fatal(err)
	}
	u.openComposer(composeReply, &msg, "request:"+dinner.ID, "")
	c := u.lastComposer
	// The demo names its French templates in French, its English ones in English.
	for _, pair := range [][2]string{{"Confirmation to guest", "Confirmation au client"}, {"Change of booking", "Modification de réservation"},
		{"Welcome letter", "Lettre de bienvenue"}, {"Itinerary", "Programme du séjour"}} {
		for i, lang := range []string{"en", "fr"} {
			name := pair[i]
			c.body.SetText("")
			// Inserted even when greyed (the dinner has no vendor): the note must not leak either way.
			c.insertTemplate(templateIndex(t, c, name, lang))
			if strings.Contains(c.body.Text, "Peanut") || strings.Contains(c.body.Text, "Brasserie de l'Aurore") {
				t.Fatalf("%s (%s) put the desk note into the reply:\n%s", name, lang, c.body.Text)
			}
		}
	}
	// A template that still names the note (a desk's own, from before) is refused visibly.
	c.body.SetText("")
	c.applyTemplate(desk.Template{Name: "Old", Lang: "en", Subject: "S", Body: "Dear guest,\n{{request.notes}}\n"}, nil)
	if strings.Contains(c.body.Text, "Peanut") || !strings.Contains(c.body.Text, "[request.notes]") || !c.errLabel.Visible() {
		t.Fatalf("internal variable not refused: %q / %q", c.body.Text, c.errLabel.Text)
	}
	before, _ := st.Outbox(ctx)
	c.send()
	if after, _ := st.Outbox(ctx); len(after) != len(before) {
		t.Fatal("a mail naming an internal note was queued")
	}
}

// A private request (a surprise) is never written about to its own guest.
func TestPrivateRequestIsNotWrittenToItsGuest(t *testing.T) {
	ctx := context.Background()
	u, st := newDemoUI(t, "en")
	msg, dinner := carterMail(t, st)
	dinner.Private = true
	if err := st.UpdateRequest(ctx, &dinner, "test"); err != nil {
		t.Fatal(err)
	}
	u.openComposer(composeReply, &msg, "request:"+dinner.ID, "")
	c := u.lastComposer
	c.body.SetText("Dear Mr Carter, a surprise awaits.")
	before, _ := st.Outbox(ctx)
	c.send()
	if after, _ := st.Outbox(ctx); len(after) != len(before) || !strings.Contains(c.errLabel.Text, "private") {
		t.Fatalf("mail about a private request queued to its guest (%q)", c.errLabel.Text)
	}
	// The same mail to someone else (the vendor, a spouse not on the guest's record) goes.
	c.to.SetText("reservations@brasserie-aurore.example")
	c.cc.SetText("")
	c.send()
	if after, _ := st.Outbox(ctx); len(after) != len(before)+1 {
		t.Fatalf("mail to the vendor refused: %q", c.errLabel.Text)
	}
}
