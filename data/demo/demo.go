// Package demo is Loge's demo desk: a palace hotel's concierge back office with guests, stays,
// requests, vendors, templates and a mailbox of realistic mail, all dated relative to the
// moment the demo starts so it never goes stale.
package demo

import (
	"context"
	"fmt"
	"strings"
	"time"

	"loge/data/desk"
	"loge/data/store"
)

// Account settings of the demo desk; the in-process servers listen on loopback.
const (
	AccountName = DeskName
	IMAPHost    = "127.0.0.1"
	IMAPPort    = 1143
	SMTPPort    = 1587
)

// mailboxes of the demo account, in display order.
var mailboxes = []struct{ name, role string }{
	{BoxInbox, desk.RoleInbox},
	{BoxSent, desk.RoleSent},
	{BoxDrafts, desk.RoleDrafts},
	{BoxArchive, desk.RoleArchive},
	{BoxTrash, desk.RoleTrash},
}

// entityNote is an internal note on a guest, stay, request or vendor key.
type entityNote struct {
	kind, key, author, body string
	at                      time.Time
}

func entityNotes(c clock) []entityNote {
	return []entityNote{
		{"guest", "almansouri", "Camille", "Toujours accueillir personnellement dans le hall. Pas de photos. Mme Saleh préfère WhatsApp pour l'urgent.", c.day(-5, 21, 10)},
		{"stay", "whitfield", "Sofia", "Carte du directeur signée ; remise à Inès pour la livraison des pivoines.", c.day(-1, 11, 30)},
		{"request", "chen-dinner", "Camille", "Jardin d'Hiver : alcôve bloquée jusqu'à demain midi — confirmer dès que Mme Chen répond.", c.ago(18, 0)},
		{"request", "carter-dinner", "Julien", "Noah (12 ans) : allergie sévère arachides et fruits à coque. Le dire au téléphone, pas seulement par mail.", c.ago(2, 45)},
		{"vendor", "rapide", "Julien", "Ne plus utiliser après la réclamation Dubois. Course RC-88410 non facturée, commission annulée.", c.day(-1, 16, 20)},
		{"vendor", "pivoine", "Sofia", "Inès préfère un appel avant 10h pour les livraisons du jour même. Pivoines hors saison : 48 h.", c.day(-6, 9, 0)},
		{"vendor", "prestige", "Camille", "Le dispatch de nuit (après 18h) ne lit pas les mails : toujours appeler le +33 1 70 38 52 00.", c.day(-8, 19, 0)},
	}
}

// Seed fills an empty store with the demo desk, dated relative to now.
func Seed(ctx context.Context, st *store.Store, now time.Time) error {
	c := newClock(now)

	// The demo hotel is in Paris: its days and times are Paris's whatever the computer says.
	if err := st.SetHotelZone(ctx, TimeZone); err != nil {
		return fmt.Errorf("demo: time zone: %w", err)
	}
	st.Loc = c.loc
	for _, kv := range [][2]string{{"desk.name", DeskName}, {"hotel.name", HotelName}} {
		if err := st.SetSetting(ctx, kv[0], kv[1]); err != nil {
			return fmt.Errorf("demo: setting %s: %w", kv[0], err)
		}
	}
	if err := st.SetIdentity(ctx, UserName, UserInitials); err != nil {
		return fmt.Errorf("demo: identity: %w", err)
	}

	// Mail first: account, mailboxes, then every message with ascending UIDs per mailbox.
	acct := &desk.Account{
		Name: AccountName, Email: DeskEmail,
		IMAPHost: IMAPHost, IMAPPort: IMAPPort, IMAPSecurity: "insecure-plain", IMAPUser: DeskEmail,
		SMTPHost: IMAPHost, SMTPPort: SMTPPort, SMTPSecurity: "insecure-plain", SMTPUser: DeskEmail,
		Signature: "Conciergerie — " + HotelName + "\n" + hotelAddr + "\n" + hotelTel,
	}
	if err := st.CreateAccount(ctx, acct); err != nil {
		return fmt.Errorf("demo: account: %w", err)
	}
	boxIDs := map[string]int64{}
	for _, mb := range mailboxes {
		b, err := st.EnsureMailbox(ctx, acct.ID, mb.name, mb.role)
		if err != nil {
			return fmt.Errorf("demo: mailbox %s: %w", mb.name, err)
		}
		boxIDs[mb.name] = b.ID
	}
	cp := buildCorpus(c)
	uids := map[string]uint32{}
	for _, m := range renderAll(cp.mails) {
		uids[m.Mailbox]++
		if _, err := st.AddRawMessage(ctx, boxIDs[m.Mailbox], uids[m.Mailbox], m.Flags, m.Raw); err != nil {
			return fmt.Errorf("demo: mail %s: %w", m.MessageID, err)
		}
	}

	// Planner and vendor book.
	guestIDs := map[string]string{}
	for _, g := range guests() {
		if err := st.CreateGuest(ctx, &g.g); err != nil {
			return fmt.Errorf("demo: guest %s: %w", g.key, err)
		}
		guestIDs[g.key] = g.g.ID
	}
	stayIDs := map[string]string{}
	for _, s := range stays(c) {
		s.s.GuestID = guestIDs[s.guest]
		if err := st.CreateStay(ctx, &s.s); err != nil {
			return fmt.Errorf("demo: stay %s: %w", s.key, err)
		}
		stayIDs[s.key] = s.s.ID
	}
	vendorIDs := map[string]string{}
	for _, v := range vendors() {
		if err := st.CreateVendor(ctx, &v.v); err != nil {
			return fmt.Errorf("demo: vendor %s: %w", v.key, err)
		}
		vendorIDs[v.key] = v.v.ID
	}
	for _, ct := range contacts() {
		ct.c.VendorID = vendorIDs[ct.vendor]
		if err := st.CreateVendorContact(ctx, &ct.c); err != nil {
			return fmt.Errorf("demo: contact %s: %w", ct.c.Name, err)
		}
	}
	requestIDs := map[string]string{}
	for _, r := range requests(c) {
		r.r.GuestID = guestIDs[r.guest]
		r.r.StayID = stayIDs[r.stay]
		r.r.VendorID = vendorIDs[r.vendor]
		// The demo's surprises are private: they must not show on the guest's itinerary.
		r.r.Private = strings.HasPrefix(r.r.Notes, "Surprise")
		if err := st.CreateRequest(ctx, &r.r); err != nil {
			return fmt.Errorf("demo: request %s: %w", r.key, err)
		}
		requestIDs[r.key] = r.r.ID
	}
	for _, t := range templates() {
		if err := st.CreateTemplate(ctx, &t); err != nil {
			return fmt.Errorf("demo: template %s/%s: %w", t.Name, t.Lang, err)
		}
	}

	// What the team tied together: thread links and internal notes.
	ids := map[string]map[string]string{"guest": guestIDs, "stay": stayIDs, "request": requestIDs, "vendor": vendorIDs}
	threadOf := func(m *msg) (string, error) {
		local, err := st.MessageIDByHeader(ctx, m.messageID())
		if err != nil {
			return "", fmt.Errorf("demo: message %s: %w", m.messageID(), err)
		}
		return st.ThreadIDOf(ctx, local)
	}
	for _, l := range cp.links {
		thread, err := threadOf(l.m)
		if err != nil {
			return err
		}
		target := ids[l.kind][l.key]
		if target == "" {
			return fmt.Errorf("demo: link to unknown %s %q", l.kind, l.key)
		}
		if err := st.CreateLink(ctx, &desk.Link{ThreadID: thread, TargetKind: l.kind, TargetID: target}); err != nil {
			return fmt.Errorf("demo: link %s %s: %w", l.kind, l.key, err)
		}
	}
	for _, n := range cp.notes {
		thread, err := threadOf(n.m)
		if err != nil {
			return err
		}
		if err := st.CreateNote(ctx, &desk.Note{TargetKind: "thread", TargetID: thread, Author: n.author, Body: n.body, CreatedAt: n.at}); err != nil {
			return fmt.Errorf("demo: thread note: %w", err)
		}
	}
	for _, n := range entityNotes(c) {
		target := ids[n.kind][n.key]
		if target == "" {
			return fmt.Errorf("demo: note on unknown %s %q", n.kind, n.key)
		}
		if err := st.CreateNote(ctx, &desk.Note{TargetKind: n.kind, TargetID: target, Author: n.author, Body: n.body, CreatedAt: n.at}); err != nil {
			return fmt.Errorf("demo: note on %s %s: %w", n.kind, n.key, err)
		}
	}
	return nil
}
