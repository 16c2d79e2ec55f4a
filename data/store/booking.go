package store

import (
	"context"

	"loge/data/desk"
)

// Booking is what the mail → booking form saves: the guest (a new one, or GuestID), the stay (a new
// one, StayID, or none), the request, and the thread they all get linked to.
type Booking struct {
	ThreadID string
	NewGuest *desk.Guest // nil: GuestID names an existing guest
	GuestID  string
	NewStay  *desk.Stay // nil: StayID names an existing stay, or is "" for none
	StayID   string
	Request  desk.Request
}

// BookFromMail saves a booking as one action: the new guest and stay if any, the request, and the
// thread's links to each. When any step fails nothing is left behind, so the form can be corrected
// and saved again without a second guest or stay. On success the new ids are filled in.
func (s *Store) BookFromMail(ctx context.Context, b *Booking) error {
	return s.act(ctx, func(a *action) error {
		guestID, stayID := b.GuestID, b.StayID
		if b.NewGuest != nil {
			g := *b.NewGuest
			if err := a.createGuest(&g); err != nil {
				return err
			}
			guestID = g.ID
		}
		if b.NewStay != nil {
			st := *b.NewStay
			st.GuestID = guestID
			if err := a.createStay(&st); err != nil {
				return err
			}
			stayID = st.ID
		}
		r := b.Request
		r.GuestID, r.StayID = guestID, stayID
		if err := a.createRequest(&r); err != nil {
			return err
		}
		for _, l := range []desk.Link{{TargetKind: "guest", TargetID: guestID}, {TargetKind: "stay", TargetID: stayID},
			{TargetKind: "request", TargetID: r.ID}} {
			if l.TargetID == "" {
				continue
			}
			l.ThreadID = b.ThreadID
			if err := a.createLink(&l); err != nil {
				return err
			}
		}
		// Only now, with everything saved, does the caller learn the ids.
		b.GuestID, b.StayID, b.Request = guestID, stayID, r
		if b.NewGuest != nil {
			b.NewGuest.ID = guestID
		}
		if b.NewStay != nil {
			b.NewStay.ID, b.NewStay.GuestID = stayID, guestID
		}
		return nil
	})
}
