package gui

import (
	"strings"
	"time"

	"loge/app/i18n"
	"loge/data/desk"
	"loge/data/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The right pane: the stay and its requests; the stay form.

func (v *plannerView) showStay() {
	v.stay, v.requests = nil, nil
	if v.guest != nil && v.stayID != "" {
		for _, s := range v.stays {
			if s.ID == v.stayID {
				s := s
				v.stay = &s
			}
		}
	}
	var head []fyne.CanvasObject
	switch {
	case v.stay != nil:
		rs, err := v.u.st.Requests(v.u.ctx, store.RequestFilter{StayID: v.stay.ID})
		if err != nil {
			v.u.ShowError(err)
		}
		v.requests = rs
		head = v.stayObjects(*v.stay)
		v.editStayBtn.Enable()
		v.itineraryBtn.Enable()
		v.stayICSBtn.Enable()
	case v.guest != nil && v.loose:
		all, err := v.u.st.Requests(v.u.ctx, store.RequestFilter{GuestID: v.guest.ID})
		if err != nil {
			v.u.ShowError(err)
		}
		for _, r := range all {
			if r.StayID == "" {
				v.requests = append(v.requests, r)
			}
		}
		t := widget.NewLabelWithStyle(i18n.T("planner.outside_stay_title"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		head = []fyne.CanvasObject{t}
		v.editStayBtn.Disable()
		v.itineraryBtn.Disable()
		v.stayICSBtn.Disable()
	default:
		v.editStayBtn.Disable()
		v.itineraryBtn.Disable()
		v.stayICSBtn.Disable()
		if v.guest != nil {
			head = []fyne.CanvasObject{placeholder(i18n.T("planner.pick_stay"))}
		}
	}
	v.stayHead.Objects = head
	v.stayHead.Refresh()

	found := false
	for _, r := range v.requests {
		found = found || r.ID == v.requestID
	}
	if !found {
		// The request pane opens on the stay's next request (else its last) rather than staying an
		// empty half-screen until a click.
		v.requestID = nextRequest(v.requests, v.now())
	}
	v.showRequests()
	v.showRequest()
}

// stayObjects is the compact head of the right pane, so the requests stay in sight: the stay's dates,
// status, room and party on two lines, then its notes.
func (v *plannerView) stayObjects(s desk.Stay) []fyne.CanvasObject {
	loc := v.u.st.Loc
	title := widget.NewLabelWithStyle(i18n.T("planner.stay_title", map[string]any{"From": fmtDay(s.Arrival.In(loc)), "To": fmtDay(s.Departure.In(loc))}), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	status := widget.NewLabelWithStyle(i18n.T("stay."+s.Status), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	status.Importance = stayImportance(s.Status)
	parts := []string{fmtDayTime(s.Arrival.In(loc)) + " – " + fmtDayTime(s.Departure.In(loc))}
	if s.Room != "" {
		parts = append(parts, i18n.T("planner.room", map[string]any{"Room": s.Room}))
	}
	parts = append(parts, i18n.T("planner.party", map[string]any{"N": s.PartySize}))
	summary := widget.NewLabel(strings.Join(parts, " · "))
	summary.Wrapping = fyne.TextWrapWord
	objs := []fyne.CanvasObject{container.NewBorder(nil, nil, nil, status, title), summary}
	if strings.TrimSpace(s.Notes) != "" {
		notes := widget.NewLabelWithStyle(s.Notes, fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
		notes.Wrapping = fyne.TextWrapWord
		objs = append(objs, notes)
	}
	return objs
}

// showRequests lists the stay's requests by time, the open one highlighted.
func (v *plannerView) showRequests() {
	rows := make([]fyne.CanvasObject, 0, len(v.requests))
	var open fyne.CanvasObject
	for _, r := range v.requests {
		id := r.ID
		row := newPickRow(requestRow(r), id == v.requestID, func() {
			v.requestID = id
			v.showRequests()
			v.showRequest()
		})
		if id == v.requestID {
			open = row
		}
		rows = append(rows, row)
	}
	v.requestBox.Objects = nil
	if v.stay != nil || (v.guest != nil && v.loose) {
		v.requestBox.Objects = []fyne.CanvasObject{section(i18n.T("planner.requests"), len(rows), i18n.T("planner.no_requests"), rows...)}
	}
	if v.stay != nil {
		if mail := v.threadRows("stay", v.stay.ID); len(mail) > 0 {
			v.requestBox.Add(section(i18n.T("planner.mail_stay"), len(mail), "", mail...))
		}
	}
	v.requestBox.Refresh()
	if open != nil {
		scrollIntoView(v.stayScroll, open)
	}
}

// requestRow is one request in a stay: when, what, its status in colour, then kind, vendor, party,
// confirmation number and price.
func requestRow(r desk.Request) fyne.CanvasObject {
	when := widget.NewLabelWithStyle(fmtDayTime(r.StartsAt), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title := widget.NewLabel(requestTitle(r))
	title.Truncation = fyne.TextTruncateEllipsis
	status := widget.NewLabelWithStyle(i18n.T("status."+r.Status), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	status.Importance = statusImportance(r.Status)
	parts := []string{i18n.T("kind." + r.Kind)}
	if r.VendorName != "" {
		parts = append(parts, r.VendorName)
	}
	parts = append(parts, i18n.T("planner.party", map[string]any{"N": r.PartySize}))
	if r.Confirmation != "" {
		parts = append(parts, i18n.T("planner.conf_short", map[string]any{"Code": r.Confirmation}))
	}
	if r.PriceCents > 0 {
		parts = append(parts, fmtMoney(r.PriceCents, r.Currency))
	}
	sub := widget.NewLabel(strings.Join(parts, " · "))
	sub.Truncation = fyne.TextTruncateEllipsis
	sub.SizeName = theme.SizeNameCaptionText
	return container.NewVBox(container.NewBorder(nil, nil, when, status, title), sub)
}

// editStay opens the stay form for the selected guest: orig nil creates a stay.
func (v *plannerView) editStay(orig *desk.Stay) {
	s0 := desk.Stay{GuestID: v.guestID, PartySize: 1, Status: desk.StayExpected}
	title := i18n.T("planner.new_stay_title")
	if orig != nil {
		s0 = *orig
		title = i18n.T("planner.edit_stay_title")
	}
	f := newForm(v.u, title)
	ids, names := v.guestChoices()
	guest := f.choice("GuestID", i18n.T("form.stay.guest"), ids, names, s0.GuestID)
	arrival := f.dateTime("Arrival", i18n.T("form.stay.arrival"), s0.Arrival, v.storeLoc, &[2]int{15, 0})
	departure := f.dateTime("Departure", i18n.T("form.stay.departure"), s0.Departure, v.storeLoc, &[2]int{12, 0})
	room := f.text("Room", i18n.T("form.stay.room"), s0.Room, "")
	party := f.integer("PartySize", i18n.T("form.stay.party"), s0.PartySize)
	status := f.choice("Status", i18n.T("form.stay.status"), desk.StayStatuses, translated("stay.", desk.StayStatuses), s0.Status)
	notes := f.multiline("Notes", i18n.T("form.stay.notes"), s0.Notes, i18n.T("form.stay.notes_hint"))
	var saved desk.Stay
	f.onSave = func() error {
		s := s0
		s.GuestID = guest.code()
		s.Arrival, s.Departure = arrival.value, departure.value
		s.Room, s.PartySize, s.Status, s.Notes = room.Text, party.value, status.code(), notes.Text
		err := upsert(v.u.ctx, orig == nil, &s, v.u.st.CreateStay, v.u.st.UpdateStay)
		saved = s
		return err
	}
	f.onDone = func() {
		if orig == nil || saved.GuestID != v.guestID {
			v.guestID, v.stayID, v.loose, v.requestID = saved.GuestID, saved.ID, false, ""
		}
		v.revealGuest()
		v.changed()
	}
	v.form = f
	f.show()
}

// stayChoices lists a guest's stays for a picker, led by "no stay".
func (v *plannerView) stayChoices(guestID string) (ids, labels []string) {
	ids, labels = []string{""}, []string{i18n.T("form.request.no_stay")}
	if guestID == "" {
		return ids, labels
	}
	stays, _ := v.u.st.Stays(v.u.ctx, guestID)
	loc := v.u.st.Loc
	for _, s := range stays {
		l := fmtDay(s.Arrival.In(loc)) + " – " + fmtDay(s.Departure.In(loc))
		if s.Room != "" {
			l += " · " + i18n.T("planner.room", map[string]any{"Room": s.Room})
		}
		if s.Status == desk.StayCancelled {
			l += " (" + i18n.T("stay."+s.Status) + ")"
		}
		ids, labels = append(ids, s.ID), append(labels, l)
	}
	return ids, labels
}

// nextRequest is the first request at or after now, else the latest one; "" for none. Requests are
// in the order the store lists them (by time).
func nextRequest(rs []desk.Request, now time.Time) string {
	if len(rs) == 0 {
		return ""
	}
	for _, r := range rs {
		if !r.StartsAt.IsZero() && !r.StartsAt.Before(now) {
			return r.ID
		}
	}
	return rs[len(rs)-1].ID
}
