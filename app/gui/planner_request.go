package gui

import (
	"strconv"
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

// The open request: its details, timeline and mail; the request form.

func (v *plannerView) showRequest() {
	v.request, v.timeline, v.statusSel = nil, nil, nil
	if v.requestID != "" {
		for _, r := range v.requests {
			if r.ID == v.requestID {
				r := r
				v.request = &r
			}
		}
	}
	if v.request == nil {
		v.editReqBtn.Disable()
		v.requestICSBtn.Disable()
		v.writeVendorBtn.Disable()
		v.writeReqGuestBtn.Disable()
		v.requestPane.Objects = nil
		if len(v.requests) > 0 {
			v.requestPane.Objects = []fyne.CanvasObject{placeholder(i18n.T("planner.pick_request"))}
		}
		v.requestPane.Refresh()
		return
	}
	v.editReqBtn.Enable()
	v.requestICSBtn.Enable()
	v.writeReqGuestBtn.Enable()
	if v.request != nil && v.request.VendorID != "" {
		v.writeVendorBtn.Enable()
	} else {
		v.writeVendorBtn.Disable()
	}
	r := *v.request
	tl, err := v.u.st.RequestTimeline(v.u.ctx, r.ID)
	if err != nil {
		v.u.ShowError(err)
	}
	v.timeline = tl

	title := widget.NewLabelWithStyle(requestTitle(r), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameSubHeadingText
	title.Wrapping = fyne.TextWrapWord
	kind := widget.NewLabel(i18n.T("kind." + r.Kind))
	kind.Importance = widget.LowImportance

	v.statusSel = &choiceField{sel: widget.NewSelect(nil, nil)}
	v.statusSel.setOptions(desk.RequestStatuses, translated("status.", desk.RequestStatuses), r.Status)
	v.statusSel.sel.OnChanged = func(string) { v.setRequestStatus(v.statusSel.code()) }
	status := widget.NewLabelWithStyle(i18n.T("status."+r.Status), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	status.Importance = statusImportance(r.Status)

	objs := []fyne.CanvasObject{
		container.NewBorder(nil, nil, nil, kind, title),
		container.NewBorder(nil, nil, status, nil, v.statusSel.sel),
	}
	if v.guest != nil && v.guest.Allergies != "" && r.GuestID == v.guest.ID {
		objs = append(objs, allergyBanner(v.guest.Allergies))
	}

	info := newInfoGrid()
	when := fmtDayTime(r.StartsAt)
	if r.TimeZone != "" && r.TimeZone != v.u.st.Loc.String() {
		when += " (" + r.TimeZone + ")"
	}
	info.add(i18n.T("form.request.starts_at"), when)
	if r.VendorID != "" {
		vid := r.VendorID
		b := widget.NewButtonWithIcon(r.VendorName, theme.NavigateNextIcon(), func() { v.u.OpenVendor(vid) })
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		info.addObj(i18n.T("form.request.vendor"), b)
	} else {
		info.add(i18n.T("form.request.vendor"), i18n.T("planner.no_vendor"))
	}
	info.add(i18n.T("form.request.party"), strconv.Itoa(r.PartySize))
	if r.Confirmation != "" {
		c := widget.NewLabelWithStyle(r.Confirmation, fyne.TextAlignLeading, fyne.TextStyle{Bold: true, Monospace: true})
		c.Selectable = true
		info.addObj(i18n.T("form.request.confirmation"), c)
	}
	if r.PriceCents > 0 {
		info.add(i18n.T("form.request.price"), fmtMoney(r.PriceCents, r.Currency))
	}
	if r.CommissionCents > 0 || r.CommissionStatus != "" {
		info.add(i18n.T("form.request.commission"), fmtMoney(r.CommissionCents, r.Currency)+" · "+i18n.T(commissionKey(r.CommissionStatus)))
	}
	info.add(i18n.T("form.request.handled_by"), r.HandledBy)
	info.add(i18n.T("form.request.notes"), r.Notes)
	objs = append(objs, info.c)

	var events []fyne.CanvasObject
	for _, e := range tl {
		text := i18n.T("status." + e.To)
		if e.From != "" {
			text = i18n.T("status."+e.From) + " › " + text
		}
		if e.Who != "" {
			text += " · " + e.Who
		}
		at := widget.NewLabelWithStyle(fmtDayTime(e.At.In(v.u.st.Loc)), fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
		at.Importance = widget.LowImportance
		what := widget.NewLabel(text)
		what.Importance = statusImportance(e.To)
		what.Wrapping = fyne.TextWrapWord
		events = append(events, container.NewBorder(nil, nil, at, nil, what))
	}
	objs = append(objs, section(i18n.T("planner.timeline"), len(events), i18n.T("planner.no_events"), events...))
	if mail := v.threadRows("request", r.ID); len(mail) > 0 {
		objs = append(objs, section(i18n.T("planner.mail_request"), len(mail), "", mail...))
	}
	if kept := v.keptRows("request", r.ID); len(kept) > 0 {
		objs = append(objs, section(i18n.T("attach.section"), len(kept), "", kept...))
	}
	if notes := v.noteRows("request", r.ID); len(notes) > 0 {
		objs = append(objs, section(i18n.T("planner.team_notes"), len(notes), "", notes...))
	}
	if edits := v.u.teamEdits("request", r.ID); len(edits) > 0 {
		objs = append(objs, section(i18n.T("team.edits"), len(edits), "", edits...))
	}
	v.requestPane.Objects = objs
	v.requestPane.Refresh()
}

// setRequestStatus is the quick status change from the request pane; the store logs it on the timeline.
func (v *plannerView) setRequestStatus(code string) {
	if v.request == nil || code == "" || code == v.request.Status {
		return
	}
	r := *v.request
	r.Status = code
	if err := v.u.st.UpdateRequest(v.u.ctx, &r, v.who()); err != nil {
		v.u.ShowError(err)
		v.showRequest()
		return
	}
	v.changed()
}

func requestTitle(r desk.Request) string {
	if r.Title != "" {
		return r.Title
	}
	return i18n.T("kind." + r.Kind)
}

func commissionKey(status string) string {
	if status == "" {
		return "commission.none"
	}
	return "commission." + status
}

// kindCategories are the vendor categories a request kind is usually booked with.
var kindCategories = map[string][]string{
	desk.KindRestaurant: {"restaurant"},
	desk.KindTransfer:   {"transport"},
	desk.KindTickets:    {"tickets", "nightlife"},
	desk.KindSpa:        {"spa", "wellness"},
	desk.KindTour:       {"tours"},
	desk.KindFlowers:    {"florist"},
}

// vendorChoices lists the vendors one can book, those of the request's kind first, led by "no
// vendor". Vendors not to use or closed are left out unless already chosen (keep lists honest).
func (v *plannerView) vendorChoices(kind, current string) (ids, labels []string) {
	vs, err := v.u.st.Vendors(v.u.ctx, store.VendorFilter{})
	if err != nil {
		v.u.ShowError(err)
	}
	cats := kindCategories[kind]
	var first, rest []desk.Vendor
	for _, vd := range vs {
		if (vd.Status == desk.VendorDoNotUse || vd.Status == desk.VendorClosed) && vd.ID != current {
			continue
		}
		matches := false
		for _, c := range cats {
			matches = matches || vd.Category == c
		}
		if matches {
			first = append(first, vd)
		} else {
			rest = append(rest, vd)
		}
	}
	ids, labels = []string{""}, []string{i18n.T("form.request.no_vendor")}
	for _, vd := range append(first, rest...) {
		l := vd.Name
		if vd.City != "" {
			l += " · " + vd.City
		}
		if vd.Status == desk.VendorPreferred {
			l += " ★"
		} else if vd.Status != desk.VendorApproved {
			l += " (" + i18n.T("vstatus."+vd.Status) + ")"
		}
		ids, labels = append(ids, vd.ID), append(labels, l)
	}
	return ids, labels
}

// commonZones are offered in the time zone field; any IANA name is accepted.
var commonZones = []string{"Europe/Paris", "Europe/London", "Europe/Monaco", "Europe/Zurich", "Europe/Rome", "America/New_York", "Asia/Dubai", "Asia/Tokyo"}

// editRequest opens the request form: orig nil creates one for the selected guest and stay.
func (v *plannerView) editRequest(orig *desk.Request) {
	r0 := desk.Request{GuestID: v.guestID, Kind: desk.KindRestaurant, Status: desk.RequestRequested, Currency: "EUR", PartySize: 1, HandledBy: v.who()}
	if v.stay != nil && !v.loose {
		r0.StayID = v.stay.ID
		r0.PartySize = max(v.stay.PartySize, 1)
	}
	title := i18n.T("planner.new_request_title")
	if orig != nil {
		r0 = *orig
		title = i18n.T("planner.edit_request_title", map[string]any{"Title": requestTitle(r0)})
	}
	f := newForm(v.u, title)
	gids, gnames := v.guestChoices()
	guest := f.choice("GuestID", i18n.T("form.request.guest"), gids, gnames, r0.GuestID)
	sids, slabels := v.stayChoices(r0.GuestID)
	stay := f.choice("StayID", i18n.T("form.request.stay"), sids, slabels, r0.StayID)
	guest.sel.OnChanged = func(string) {
		keep := ""
		if guest.code() == r0.GuestID {
			keep = r0.StayID
		}
		ids, labels := v.stayChoices(guest.code())
		stay.setOptions(ids, labels, keep)
	}
	kind := f.choice("Kind", i18n.T("form.request.kind"), desk.RequestKinds, translated("kind.", desk.RequestKinds), r0.Kind)
	titleE := f.text("Title", i18n.T("form.request.title"), r0.Title, i18n.T("form.request.title_hint"))
	vids, vlabels := v.vendorChoices(r0.Kind, r0.VendorID)
	vendor := f.choice("VendorID", i18n.T("form.request.vendor"), vids, vlabels, r0.VendorID)
	kind.sel.OnChanged = func(string) {
		ids, labels := v.vendorChoices(kind.code(), r0.VendorID)
		vendor.setOptions(ids, labels, vendor.code())
	}
	var tz *widget.SelectEntry
	// The time is typed where the request happens: its own time zone, else the hotel's.
	loc := func() *time.Location {
		name := r0.TimeZone
		if tz != nil {
			name = tz.Text
		}
		if name = strings.TrimSpace(name); name != "" {
			if l, err := time.LoadLocation(name); err == nil {
				return l
			}
		}
		return v.u.st.Loc
	}
	starts := f.dateTime("StartsAt", i18n.T("form.request.starts_at"), r0.StartsAt, loc, nil)
	tz = f.suggest("TimeZone", i18n.T("form.request.time_zone"), r0.TimeZone, commonZones)
	tz.SetPlaceHolder(v.u.st.Loc.String())
	party := f.integer("PartySize", i18n.T("form.request.party"), r0.PartySize)
	status := f.choice("Status", i18n.T("form.request.status"), desk.RequestStatuses, translated("status.", desk.RequestStatuses), r0.Status)
	conf := f.text("Confirmation", i18n.T("form.request.confirmation"), r0.Confirmation, i18n.T("form.request.confirmation_hint"))
	f.section(i18n.T("form.request.money"))
	price := f.money("PriceCents", i18n.T("form.request.price"), r0.PriceCents)
	currency := f.suggest("Currency", i18n.T("form.request.currency"), r0.Currency, []string{"EUR", "USD", "GBP", "CHF", "JPY"})
	commission := f.money("CommissionCents", i18n.T("form.request.commission"), r0.CommissionCents)
	commStatus := f.choice("CommissionStatus", i18n.T("form.request.commission_status"), desk.CommissionStatuses,
		[]string{i18n.T("commission.none"), i18n.T("commission.expected"), i18n.T("commission.settled"), i18n.T("commission.reversed")}, r0.CommissionStatus)
	handled := f.text("HandledBy", i18n.T("form.request.handled_by"), r0.HandledBy, "")
	notes := f.multiline("Notes", i18n.T("form.request.notes"), r0.Notes, "")
	private := widget.NewCheck(i18n.T("form.request.private"), nil)
	private.SetChecked(r0.Private)
	f.add("Private", "", private, nil)
	var saved desk.Request
	f.onSave = func() error {
		r := r0
		r.GuestID, r.StayID, r.Kind, r.Title, r.VendorID = guest.code(), stay.code(), kind.code(), titleE.Text, vendor.code()
		r.StartsAt, r.TimeZone, r.PartySize, r.Status = starts.value, strings.TrimSpace(tz.Text), party.value, status.code()
		r.Confirmation, r.PriceCents, r.Currency = conf.Text, price.cents, strings.ToUpper(strings.TrimSpace(currency.Text))
		r.CommissionCents, r.CommissionStatus, r.HandledBy, r.Notes = commission.cents, commStatus.code(), handled.Text, notes.Text
		r.Private = private.Checked
		var err error
		if orig == nil {
			err = v.u.st.CreateRequest(v.u.ctx, &r)
		} else {
			err = v.u.st.UpdateRequest(v.u.ctx, &r, v.who())
		}
		saved = r
		return err
	}
	f.onDone = func() {
		v.guestID, v.stayID, v.loose, v.requestID = saved.GuestID, saved.StayID, saved.StayID == "", saved.ID
		v.revealGuest()
		v.changed()
	}
	v.form = f
	f.show()
}

// translated maps codes to their labels under prefix ("status." + code…).
func translated(prefix string, codes []string) []string {
	out := make([]string, len(codes))
	for i, c := range codes {
		out[i] = i18n.T(prefix + c)
	}
	return out
}
