package gui

import (
	"strings"
	"time"

	"loge/app/i18n"
	"loge/data/desk"
	"loge/data/store"
)

// newGuestCode and noStayCode are the extra choices of the mail → booking form.
const (
	newGuestCode = "+new"
	newStayCode  = "+new"
	noStayCode   = ""
)

// bookFromMail turns a guest's mail into a request in one dialog: the guest (suggested from the
// sender, or created from the mail's name and address), the stay (one of theirs, a new one with the
// dates the mail mentions, or none), and the request prefilled with the kind, date, time and party
// size the mail seems to ask for. The thread is linked to all three.
//
// A mail already linked to a request asks first: a second click would otherwise book the same
// dinner twice.
func (u *UI) bookFromMail(m desk.Message) {
	if links, err := u.st.LinksOfThread(u.ctx, m.ThreadID); err == nil {
		for _, l := range links {
			if l.TargetKind != "request" {
				continue
			}
			r, err := u.st.Request(u.ctx, l.TargetID)
			if err != nil {
				continue
			}
			what := requestLabel(r) + " · " + r.GuestName
			if !r.StartsAt.IsZero() {
				what += " · " + fmtDayTime(r.StartsAt.In(u.st.Loc))
			}
			u.lastLinkedWarning = what
			u.confirm(i18n.T("mailbook.linked_title"), i18n.T("mailbook.linked_question", map[string]any{"Request": what}),
				i18n.T("mailbook.linked_yes"), func() { u.bookFromMailForm(m) })
			return
		}
	}
	u.bookFromMailForm(m)
}

// bookFromMailForm is the dialog itself.
func (u *UI) bookFromMailForm(m desk.Message) {
	loc := u.st.Loc
	guess := desk.GuessBooking(m.Subject, m.BodyText, time.Now(), loc)
	guests, err := u.st.Guests(u.ctx, "")
	if err != nil {
		u.ShowError(err)
		return
	}
	suggested := newGuestCode
	if g, err := u.st.GuestByEmail(u.ctx, m.FromAddr); err == nil {
		suggested = g.ID
	}
	f := newForm(u, i18n.T("mailbook.title"))
	u.lastForm = f
	f.section(i18n.T("mailbook.guest"))
	codes, labels := []string{newGuestCode}, []string{i18n.T("mailbook.new_guest")}
	for _, g := range guests {
		codes, labels = append(codes, g.ID), append(labels, g.Name())
	}
	guestSel := f.choice("GuestID", i18n.T("field.request.GuestID"), codes, labels, suggested)
	first, last := splitName(m.FromName)
	firstName := f.text("FirstName", i18n.T("field.guest.FirstName"), first, "")
	lastName := f.text("LastName", i18n.T("field.guest.LastName"), last, "")
	email := f.text("Emails", i18n.T("field.guest.Emails"), m.FromAddr, "")

	f.section(i18n.T("mailbook.stay"))
	staySel := f.choice("StayID", i18n.T("kind.stay"), nil, nil, "")
	arrivalGuess := guess.Arrival
	if guess.Departure.IsZero() {
		arrivalGuess = time.Time{} // one date is the booking's, not a stay's
	}
	arrival := f.dateTime("Arrival", i18n.T("field.stay.Arrival"), arrivalGuess, func() *time.Location { return loc }, &[2]int{15, 0})
	departure := f.dateTime("Departure", i18n.T("field.stay.Departure"), guess.Departure, func() *time.Location { return loc }, &[2]int{12, 0})
	fillStays := func(guestID string) {
		codes, labels := []string{noStayCode, newStayCode}, []string{i18n.T("mailbook.no_stay"), i18n.T("mailbook.new_stay")}
		pick := noStayCode
		if guestID != newGuestCode {
			stays, _ := u.st.Stays(u.ctx, guestID)
			for _, s := range stays {
				codes = append(codes, s.ID)
				labels = append(labels, fmtDay(s.Arrival)+" – "+fmtDay(s.Departure)+" · "+i18n.T("stay."+s.Status))
				if pick == noStayCode && s.Status != desk.StayDeparted && s.Status != desk.StayCancelled {
					pick = s.ID // the current or next stay is the likely one
				}
			}
		}
		if pick == noStayCode && !guess.Arrival.IsZero() && !guess.Departure.IsZero() {
			pick = newStayCode
		}
		staySel.setOptions(codes, labels, pick)
	}
	// Only what applies is shown: the new guest's fields for a new guest, the dates for a new stay.
	showNew := func() {
		f.showRows(guestSel.code() == newGuestCode, "FirstName", "LastName", "Emails")
		f.showRows(staySel.code() == newStayCode, "Arrival", "Departure")
	}
	guestSel.sel.OnChanged = func(string) { fillStays(guestSel.code()); showNew() }
	staySel.sel.OnChanged = func(string) { showNew() }
	fillStays(guestSel.code())
	showNew()

	f.section(i18n.T("mailbook.request"))
	kinds := make([]string, len(desk.RequestKinds))
	for i, k := range desk.RequestKinds {
		kinds[i] = i18n.T("kind." + k)
	}
	kind := f.choice("Kind", i18n.T("field.request.Kind"), desk.RequestKinds, kinds, guess.Kind)
	title := f.text("Title", i18n.T("mailbook.request_title"), guess.Title, "")
	when := guess.When
	if !when.IsZero() && !guess.HasTime {
		when = time.Date(when.Year(), when.Month(), when.Day(), 20, 0, 0, 0, loc) // an evening booking unless the mail says
	}
	startsAt := f.dateTime("StartsAt", i18n.T("field.request.StartsAt"), when, func() *time.Location { return loc }, nil)
	party := guess.Party
	if party == 0 {
		party = 2
	}
	partySize := f.integer("PartySize", i18n.T("field.request.PartySize"), party)

	f.onSave = func() error {
		b := store.Booking{ThreadID: m.ThreadID, GuestID: guestSel.code(), StayID: staySel.code(),
			Request: desk.Request{Kind: kind.code(), Title: strings.TrimSpace(title.Text), StartsAt: startsAt.value,
				TimeZone: loc.String(), PartySize: partySize.value}}
		if b.Request.TimeZone == "Local" {
			b.Request.TimeZone = ""
		}
		if b.GuestID == newGuestCode {
			b.GuestID, b.NewGuest = "", &desk.Guest{FirstName: firstName.Text, LastName: lastName.Text, Emails: email.Text}
		}
		if b.StayID == newStayCode {
			b.StayID, b.NewStay = "", &desk.Stay{Arrival: arrival.value, Departure: departure.value, PartySize: partySize.value}
		}
		// One action: a failure at any step leaves nothing behind, and Save can simply be tried again.
		if err := u.st.BookFromMail(u.ctx, &b); err != nil {
			return err
		}
		u.lastBooked = b.Request.ID
		return nil
	}
	f.onDone = func() {
		u.Changed()
		// Say it worked, and show what was made: the new request, open in the Planner.
		u.Open("request", u.lastBooked)
		u.notice(i18n.T("mailbook.done", map[string]any{"Request": strings.TrimSpace(title.Text)}))
	}
	f.show()
}

// splitName cuts a display name into first and last name ("Hélène Dupré", "DUPRÉ Hélène" stays as
// typed: the concierge corrects it).
func splitName(name string) (first, last string) {
	name = strings.TrimSpace(strings.Trim(name, `"`))
	if i := strings.LastIndexByte(name, ' '); i > 0 {
		return name[:i], name[i+1:]
	}
	return "", name
}
