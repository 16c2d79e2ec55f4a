package gui

import (
	"errors"
	"image/color"
	"strconv"
	"strings"
	"time"
	"unicode"

	"loge/app/i18n"
	"loge/data/desk"
	"loge/data/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// plannerView is the three-level master/detail of the desk's people: guests on the left, the chosen
// guest's profile and stays in the middle, the chosen stay's requests and the open request on the
// right. The selection is held by id so refresh() can reload it from the store after any edit.
type plannerView struct {
	u *UI

	guests      []desk.Guest
	guestFilter *widget.Entry
	guestList   *widget.List
	guestEmpty  *widget.Label
	newGuestBtn *widget.Button

	guestID   string
	stayID    string
	loose     bool // the guest's requests outside any stay are shown instead of a stay's
	requestID string

	guest    *desk.Guest
	stays    []desk.Stay
	nLoose   int // the guest's requests outside any stay
	stay     *desk.Stay
	requests []desk.Request
	request  *desk.Request
	timeline []desk.RequestEvent

	guestPane                                       *fyne.Container
	editGuestBtn                                    *widget.Button
	writeGuestBtn, writeVendorBtn, writeReqGuestBtn *widget.Button
	mergeBtn                                        *widget.Button
	itineraryBtn, stayICSBtn, requestICSBtn         *widget.Button
	newStayBtn                                      *widget.Button

	stayHead      *fyne.Container
	editStayBtn   *widget.Button
	newRequestBtn *widget.Button
	requestBox    *fyne.Container // the stay's requests, one selectable row each
	stayScroll    *container.Scroll
	requestPane   *fyne.Container
	editReqBtn    *widget.Button
	statusSel     *choiceField // quick status change of the open request

	form      *form // the last form opened; tests reach its widgets here
	selecting bool  // a list selection is being set from code, not by the user
	now       func() time.Time
}

func newPlannerView(u *UI) *plannerView { return &plannerView{u: u, now: time.Now} }

func (v *plannerView) content() fyne.CanvasObject {
	v.guestFilter = widget.NewEntry()
	v.guestFilter.SetPlaceHolder(i18n.T("planner.find_guest"))
	v.guestFilter.ActionItem = widget.NewIcon(theme.SearchIcon())
	v.guestFilter.OnChanged = func(string) { v.loadGuests() }
	v.newGuestBtn = widget.NewButtonWithIcon(i18n.T("planner.new_guest"), theme.ContentAddIcon(), func() { v.editGuest(nil) })
	v.newGuestBtn.Importance = widget.HighImportance
	v.guestList = widget.NewList(func() int { return len(v.guests) }, newGuestRow, func(i widget.ListItemID, o fyne.CanvasObject) {
		if i < len(v.guests) {
			updateGuestRow(v.guests[i], o)
		}
	})
	v.guestList.OnSelected = func(i widget.ListItemID) {
		if v.selecting || i >= len(v.guests) {
			return
		}
		v.selectGuest(v.guests[i].ID)
	}
	v.guestEmpty = widget.NewLabel("")
	v.guestEmpty.Importance = widget.LowImportance
	v.guestEmpty.Wrapping = fyne.TextWrapWord
	v.guestEmpty.Alignment = fyne.TextAlignCenter
	left := container.NewBorder(container.NewVBox(v.guestFilter, v.newGuestBtn), nil, nil, nil,
		container.NewStack(v.guestList, container.NewVBox(v.guestEmpty)))

	v.editGuestBtn = widget.NewButtonWithIcon(i18n.T("planner.edit_guest"), theme.DocumentCreateIcon(), func() {
		if v.guest != nil {
			g := *v.guest
			v.editGuest(&g)
		}
	})
	v.newStayBtn = widget.NewButtonWithIcon(i18n.T("planner.new_stay"), theme.ContentAddIcon(), func() { v.editStay(nil) })
	v.mergeBtn = widget.NewButtonWithIcon(i18n.T("planner.merge"), theme.ContentCopyIcon(), v.mergeGuest)
	v.mergeBtn.Importance = widget.LowImportance
	v.writeGuestBtn = widget.NewButtonWithIcon(i18n.T("planner.write_guest"), theme.MailComposeIcon(), func() {
		if v.guest == nil {
			return
		}
		about := "guest:" + v.guest.ID
		if v.stay != nil {
			about = "stay:" + v.stay.ID
		}
		v.u.openComposer(composeNew, nil, about, desk.FirstLine(v.guest.Emails))
	})
	v.guestPane = container.NewVBox()
	middle := container.NewBorder(container.NewHScroll(container.NewHBox(v.editGuestBtn, v.newStayBtn, v.writeGuestBtn, v.mergeBtn)), nil, nil, nil,
		container.NewVScroll(container.NewPadded(v.guestPane)))

	v.editStayBtn = widget.NewButtonWithIcon(i18n.T("planner.edit_stay"), theme.DocumentCreateIcon(), func() {
		if v.stay != nil {
			s := *v.stay
			v.editStay(&s)
		}
	})
	v.newRequestBtn = widget.NewButtonWithIcon(i18n.T("planner.new_request"), theme.ContentAddIcon(), func() { v.editRequest(nil) })
	v.newRequestBtn.Importance = widget.HighImportance
	v.stayHead = container.NewVBox()
	v.editReqBtn = widget.NewButtonWithIcon(i18n.T("planner.edit_request"), theme.DocumentCreateIcon(), func() {
		if v.request != nil {
			r := *v.request
			v.editRequest(&r)
		}
	})
	v.writeVendorBtn = widget.NewButtonWithIcon(i18n.T("planner.write_vendor"), theme.MailSendIcon(), func() {
		if v.request == nil || v.request.VendorID == "" {
			return
		}
		vd, err := v.u.st.Vendor(v.u.ctx, v.request.VendorID)
		if err != nil {
			v.u.ShowError(err)
			return
		}
		v.u.openComposer(composeNew, nil, "request:"+v.request.ID, vd.Email)
	})
	v.writeReqGuestBtn = widget.NewButtonWithIcon(i18n.T("planner.write_guest"), theme.MailComposeIcon(), func() {
		if v.request == nil || v.guest == nil {
			return
		}
		v.u.openComposer(composeNew, nil, "request:"+v.request.ID, desk.FirstLine(v.guest.Emails))
	})
	v.itineraryBtn = widget.NewButtonWithIcon(i18n.T("planner.itinerary"), theme.DocumentPrintIcon(), func() {
		if v.stay != nil {
			v.u.exportItinerary(*v.stay)
		}
	})
	v.stayICSBtn = widget.NewButtonWithIcon(i18n.T("planner.ics"), theme.CalendarIcon(), func() {
		if v.stay != nil {
			v.u.exportStayICS(*v.stay)
		}
	})
	v.requestICSBtn = widget.NewButtonWithIcon(i18n.T("planner.ics"), theme.CalendarIcon(), func() {
		if v.request != nil {
			v.u.exportRequestICS(*v.request)
		}
	})
	for _, b := range []*widget.Button{v.itineraryBtn, v.stayICSBtn, v.requestICSBtn} {
		b.Importance = widget.LowImportance
	}
	v.requestBox = container.NewVBox()
	v.stayScroll = container.NewVScroll(container.NewPadded(container.NewVBox(v.stayHead, v.requestBox)))
	v.requestPane = container.NewVBox()
	// Both halves scroll: a long stay header or a long request never pushes the other out of sight.
	right := container.NewVSplit(
		container.NewBorder(container.NewHScroll(container.NewHBox(v.editStayBtn, v.newRequestBtn, v.itineraryBtn, v.stayICSBtn)), nil, nil, nil,
			v.stayScroll),
		container.NewBorder(container.NewHScroll(container.NewHBox(v.editReqBtn, v.writeVendorBtn, v.writeReqGuestBtn, v.requestICSBtn)), nil, nil, nil, container.NewVScroll(container.NewPadded(v.requestPane))))
	right.Offset = 0.5

	detail := container.NewHSplit(middle, right)
	detail.Offset = 0.45
	split := container.NewHSplit(container.NewPadded(left), detail)
	split.Offset = 0.23
	v.loadGuests()
	v.showGuest()
	return split
}

// refresh reloads the guest list and the whole selection from the store.
func (v *plannerView) refresh() {
	if v.guestList == nil {
		return
	}
	v.loadGuests()
	v.showGuest()
}

// changed is called after an edit: the whole window learns of it, the Planner included.
func (v *plannerView) changed() {
	if v.u.Current() != WorkspacePlanner {
		v.refresh()
	}
	v.u.Changed()
}

func (v *plannerView) openGuest(id string) {
	v.guestID, v.stayID, v.loose, v.requestID = id, "", false, ""
	v.revealGuest()
	v.refresh()
}

func (v *plannerView) openStay(id string) {
	s, err := v.u.st.Stay(v.u.ctx, id)
	if err != nil {
		v.u.ShowError(err)
		return
	}
	v.guestID, v.stayID, v.loose, v.requestID = s.GuestID, s.ID, false, ""
	v.revealGuest()
	v.refresh()
}

func (v *plannerView) openRequest(id string) {
	r, err := v.u.st.Request(v.u.ctx, id)
	if err != nil {
		v.u.ShowError(err)
		return
	}
	v.guestID, v.stayID, v.loose, v.requestID = r.GuestID, r.StayID, r.StayID == "", r.ID
	v.revealGuest()
	v.refresh()
}

// revealGuest clears the name filter when it hides the selected guest.
func (v *plannerView) revealGuest() {
	if v.guestFilter == nil || strings.TrimSpace(v.guestFilter.Text) == "" {
		return
	}
	for _, g := range v.guests {
		if g.ID == v.guestID {
			return
		}
	}
	v.guestFilter.SetText("")
}

func (v *plannerView) selectGuest(id string) {
	v.guestID, v.stayID, v.loose, v.requestID = id, "", false, ""
	v.showGuest()
}

// The guest list.

func (v *plannerView) loadGuests() {
	gs, err := v.u.st.Guests(v.u.ctx, v.guestFilter.Text)
	if err != nil {
		v.u.ShowError(err)
		return
	}
	v.guests = gs
	if v.guestID == "" && len(gs) > 0 {
		// Open on the first guest rather than an empty page.
		v.guestID = gs[0].ID
	}
	switch {
	case len(gs) > 0:
		v.guestEmpty.SetText("")
		v.guestEmpty.Hide()
	case strings.TrimSpace(v.guestFilter.Text) != "":
		v.guestEmpty.SetText(i18n.T("planner.no_guest_match", map[string]any{"Text": strings.TrimSpace(v.guestFilter.Text)}))
		v.guestEmpty.Show()
	default:
		v.guestEmpty.SetText(i18n.T("planner.no_guests"))
		v.guestEmpty.Show()
	}
	v.selecting = true
	defer func() { v.selecting = false }()
	v.guestList.UnselectAll()
	v.guestList.Refresh()
	for i, g := range gs {
		if g.ID == v.guestID {
			v.guestList.Select(i)
			break
		}
	}
}

func newGuestRow() fyne.CanvasObject {
	name := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Truncation = fyne.TextTruncateEllipsis
	vip := widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	vip.Importance = widget.WarningImportance
	sub := widget.NewLabel("")
	sub.Truncation = fyne.TextTruncateEllipsis
	sub.SizeName = theme.SizeNameCaptionText
	return container.NewVBox(container.NewBorder(nil, nil, nil, vip, name), sub)
}

func updateGuestRow(g desk.Guest, o fyne.CanvasObject) {
	box := o.(*fyne.Container)
	top := box.Objects[0].(*fyne.Container)
	top.Objects[0].(*widget.Label).SetText(guestDisplayName(g))
	top.Objects[1].(*widget.Label).SetText(vipStars(g.VIP))
	top.Refresh() // the stars' width changed: lay the row out again
	var parts []string
	if g.Allergies != "" {
		parts = append(parts, "⚠ "+i18n.T("planner.allergy_short"))
	}
	if g.Nationality != "" {
		parts = append(parts, strings.ToUpper(g.Nationality))
	}
	if l := fmtLanguages(g.Languages); l != "" {
		parts = append(parts, l)
	}
	box.Objects[1].(*widget.Label).SetText(strings.Join(parts, " · "))
}

// guestDisplayName is "LAST First" style for lists: the last name first, as a desk files its guests.
func guestDisplayName(g desk.Guest) string {
	n := g.LastName
	if g.FirstName != "" {
		n += ", " + g.FirstName
	}
	if g.Title != "" {
		n += " (" + g.Title + ")"
	}
	return n
}

func vipStars(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("★", min(n, 3))
}

// fmtLanguages shows "fr,en" as "FR · EN".
func fmtLanguages(s string) string {
	return strings.ToUpper(strings.Join(splitList(s), " · "))
}

// splitList splits on commas, semicolons, slashes and spaces, dropping empty items.
func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '/' || unicode.IsSpace(r) })
}

// splitLines splits on new lines and semicolons (phones keep their inner spaces).
func splitLines(s string) []string {
	var out []string
	for _, l := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' || r == ';' }) {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// The middle pane: the guest's profile, stays and mail.

func (v *plannerView) showGuest() {
	v.guest, v.stays, v.nLoose = nil, nil, 0
	if v.guestID != "" {
		g, err := v.u.st.Guest(v.u.ctx, v.guestID)
		if err != nil {
			if !errors.Is(err, store.ErrNotFound) {
				v.u.ShowError(err)
			}
			v.guestID = ""
		} else {
			v.guest = &g
		}
	}
	if v.guest == nil {
		v.guestID, v.stayID, v.loose, v.requestID = "", "", false, ""
		v.editGuestBtn.Disable()
		v.writeGuestBtn.Disable()
		v.mergeBtn.Disable()
		v.newStayBtn.Disable()
		v.newRequestBtn.Disable()
		v.guestPane.Objects = []fyne.CanvasObject{placeholder(i18n.T("planner.pick_guest"))}
		v.guestPane.Refresh()
		v.showStay()
		return
	}
	v.editGuestBtn.Enable()
	v.writeGuestBtn.Enable()
	v.mergeBtn.Enable()
	v.newStayBtn.Enable()
	v.newRequestBtn.Enable()
	stays, err := v.u.st.Stays(v.u.ctx, v.guestID)
	if err != nil {
		v.u.ShowError(err)
	}
	v.stays = stays
	if all, err := v.u.st.Requests(v.u.ctx, store.RequestFilter{GuestID: v.guestID}); err == nil {
		for _, r := range all {
			if r.StayID == "" {
				v.nLoose++
			}
		}
	}
	// Keep the chosen stay when it still belongs to this guest; otherwise pick the one that matters now.
	found := false
	for _, s := range stays {
		found = found || s.ID == v.stayID
	}
	if v.loose && v.nLoose == 0 && v.requestID == "" {
		v.loose = false
	}
	if !found && !v.loose {
		v.stayID = currentStay(stays, v.now())
		v.loose = v.stayID == "" && v.nLoose > 0
	}
	v.guestPane.Objects = v.guestObjects(*v.guest)
	v.guestPane.Refresh()
	v.showStay()
}

// currentStay is the stay a concierge means when opening a guest: the one in house, else the next
// expected one, else the latest that was not cancelled.
func currentStay(stays []desk.Stay, now time.Time) string {
	for _, s := range stays {
		if s.Status == desk.StayInHouse {
			return s.ID
		}
	}
	best := -1
	for i, s := range stays {
		if s.Status == desk.StayExpected && s.Departure.After(now) && (best < 0 || s.Arrival.Before(stays[best].Arrival)) {
			best = i
		}
	}
	if best >= 0 {
		return stays[best].ID
	}
	for _, s := range stays {
		if s.Status != desk.StayCancelled {
			return s.ID
		}
	}
	if len(stays) > 0 {
		return stays[0].ID
	}
	return ""
}

func (v *plannerView) guestObjects(g desk.Guest) []fyne.CanvasObject {
	name := widget.NewLabelWithStyle(g.Name(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.SizeName = theme.SizeNameSubHeadingText
	name.Wrapping = fyne.TextWrapWord
	head := container.NewBorder(nil, nil, nil, nil, name)
	if g.VIP > 0 {
		vip := widget.NewLabelWithStyle(i18n.T("planner.vip", map[string]any{"Stars": vipStars(g.VIP)}), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		vip.Importance = widget.WarningImportance
		head = container.NewBorder(nil, nil, nil, vip, name)
	}
	objs := []fyne.CanvasObject{head}
	if g.Allergies != "" {
		objs = append(objs, allergyBanner(g.Allergies))
	}

	info := newInfoGrid()
	info.add(i18n.T("form.guest.nationality"), strings.ToUpper(g.Nationality))
	info.add(i18n.T("form.guest.languages"), fmtLanguages(g.Languages))
	info.add(i18n.T("form.guest.emails"), strings.Join(splitLines(g.Emails), "\n"))
	info.add(i18n.T("form.guest.phones"), strings.Join(splitLines(g.Phones), "\n"))
	info.add(i18n.T("form.guest.preferences"), g.Preferences)
	info.add(i18n.T("form.guest.notes"), g.Notes)
	if info.empty() {
		info.add("", i18n.T("planner.profile_empty"))
	}
	objs = append(objs, section(i18n.T("planner.profile"), -1, "", info.c))

	var rows []fyne.CanvasObject
	for _, s := range v.stays {
		id := s.ID
		rows = append(rows, newPickRow(v.stayRow(s), id == v.stayID && !v.loose, func() {
			v.stayID, v.loose, v.requestID = id, false, ""
			v.showGuest()
		}))
	}
	if v.nLoose > 0 {
		l := widget.NewLabel(i18n.T("planner.outside_stay", map[string]any{"N": v.nLoose}))
		l.Wrapping = fyne.TextWrapWord
		rows = append(rows, newPickRow(l, v.loose, func() {
			v.stayID, v.loose, v.requestID = "", true, ""
			v.showGuest()
		}))
	}
	objs = append(objs, section(i18n.T("planner.stays"), len(v.stays), i18n.T("planner.no_stays"), rows...))
	if mail := v.threadRows("guest", g.ID); len(mail) > 0 {
		objs = append(objs, section(i18n.T("planner.mail_guest"), len(mail), "", mail...))
	}
	if notes := v.noteRows("guest", g.ID); len(notes) > 0 {
		objs = append(objs, section(i18n.T("planner.team_notes"), len(notes), "", notes...))
	}
	return objs
}

func (v *plannerView) stayRow(s desk.Stay) fyne.CanvasObject {
	loc := v.u.st.Loc
	dates := widget.NewLabelWithStyle(fmtDayTime(s.Arrival.In(loc))+" – "+fmtDayTime(s.Departure.In(loc)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	dates.Wrapping = fyne.TextWrapWord
	status := widget.NewLabel(i18n.T("stay." + s.Status))
	status.Importance = stayImportance(s.Status)
	var parts []string
	if s.Room != "" {
		parts = append(parts, i18n.T("planner.room", map[string]any{"Room": s.Room}))
	}
	parts = append(parts, i18n.T("planner.party", map[string]any{"N": s.PartySize}))
	detail := widget.NewLabel(strings.Join(parts, " · "))
	detail.Truncation = fyne.TextTruncateEllipsis
	return container.NewVBox(dates, container.NewBorder(nil, nil, status, nil, detail))
}

func stayImportance(status string) widget.Importance {
	switch status {
	case desk.StayInHouse:
		return widget.SuccessImportance
	case desk.StayExpected:
		return widget.HighImportance
	}
	return widget.LowImportance
}

// The right pane: the stay and its requests.

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
		v.requestID = ""
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

// The open request: its details, timeline and mail.

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

// who names the person at the desk for a request's timeline.
func (v *plannerView) who() string {
	for _, k := range []string{"desk.user", "desk.name"} {
		if s, _ := v.u.st.Setting(v.u.ctx, k); strings.TrimSpace(s) != "" {
			return strings.TrimSpace(s)
		}
	}
	return v.u.st.DeskID()
}

// threadRows lists the mail threads linked to a guest, stay or request; each opens in the Inbox.
func (v *plannerView) threadRows(kind, id string) []fyne.CanvasObject {
	links, err := v.u.st.LinksTo(v.u.ctx, kind, id)
	if err != nil {
		return []fyne.CanvasObject{widget.NewLabel(i18n.ErrorText(err))}
	}
	var rows []fyne.CanvasObject
	for _, l := range links {
		subject, lead, detail := i18n.T("planner.thread_gone"), "", ""
		if msgs, err := v.u.st.ThreadMessages(v.u.ctx, l.ThreadID); err == nil && len(msgs) > 0 {
			first, last := msgs[0], msgs[len(msgs)-1]
			subject, lead = first.Subject, fmtDay(last.Date)
			if len(msgs) > 1 {
				detail = strconv.Itoa(len(msgs)) + " ✉"
			}
		}
		th := l.ThreadID
		rows = append(rows, newTapRow(lead, subject, detail, widget.MediumImportance, func() { v.u.OpenThread(th) }))
	}
	return rows
}

// noteRows lists the team's internal notes on a guest or request.
func (v *plannerView) noteRows(kind, id string) []fyne.CanvasObject {
	notes, err := v.u.st.Notes(v.u.ctx, kind, id)
	if err != nil {
		return nil
	}
	var rows []fyne.CanvasObject
	for _, n := range notes {
		who := widget.NewLabel(strings.TrimSpace(n.Author + " · " + fmtDayTime(n.CreatedAt)))
		who.Importance = widget.LowImportance
		body := widget.NewLabel(n.Body)
		body.Wrapping = fyne.TextWrapWord
		rows = append(rows, container.NewVBox(who, body))
	}
	return rows
}

// Forms.

func (v *plannerView) storeLoc() *time.Location { return v.u.st.Loc }

// editGuest opens the guest form: orig nil creates a guest.
func (v *plannerView) editGuest(orig *desk.Guest) {
	g0 := desk.Guest{}
	title := i18n.T("planner.new_guest_title")
	if orig != nil {
		g0 = *orig
		title = i18n.T("planner.edit_guest_title", map[string]any{"Name": g0.Name()})
	}
	f := newForm(v.u, title)
	titleE := f.suggest("Title", i18n.T("form.guest.title"), g0.Title, []string{"Mme", "M.", "Dr", "Pr", "Me", "Mrs", "Mr", "Ms", "Miss", "Sir", "Lady"})
	first := f.text("FirstName", i18n.T("form.guest.first_name"), g0.FirstName, "")
	last := f.text("LastName", i18n.T("form.guest.last_name"), g0.LastName, "")
	vip := f.choice("VIP", i18n.T("form.guest.vip"), []string{"0", "1", "2", "3"},
		[]string{i18n.T("form.guest.vip_none"), "★", "★★", "★★★"}, strconv.Itoa(g0.VIP))
	nat := f.text("Nationality", i18n.T("form.guest.nationality"), g0.Nationality, i18n.T("form.guest.nationality_hint"))
	langs := f.text("i18n.Languages", i18n.T("form.guest.languages"), g0.Languages, i18n.T("form.guest.languages_hint"))
	emails := f.multiline("Emails", i18n.T("form.guest.emails"), strings.Join(splitLines(g0.Emails), "\n"), i18n.T("form.one_per_line"))
	phones := f.multiline("Phones", i18n.T("form.guest.phones"), strings.Join(splitLines(g0.Phones), "\n"), i18n.T("form.one_per_line"))
	f.section(i18n.T("form.guest.care"))
	allergies := f.multiline("Allergies", i18n.T("form.guest.allergies"), g0.Allergies, i18n.T("form.guest.allergies_hint"))
	prefs := f.multiline("Preferences", i18n.T("form.guest.preferences"), g0.Preferences, i18n.T("form.guest.preferences_hint"))
	notes := f.multiline("Notes", i18n.T("form.guest.notes"), g0.Notes, "")
	var saved desk.Guest
	f.onSave = func() error {
		g := g0
		g.Title, g.FirstName, g.LastName = titleE.Text, first.Text, last.Text
		g.VIP, _ = strconv.Atoi(vip.code())
		g.Nationality = strings.ToUpper(strings.TrimSpace(nat.Text))
		g.Languages = strings.ToLower(strings.Join(splitList(langs.Text), ","))
		g.Emails = strings.Join(splitList(emails.Text), "\n")
		g.Phones = strings.Join(splitLines(phones.Text), "\n")
		g.Allergies, g.Preferences, g.Notes = allergies.Text, prefs.Text, notes.Text
		var err error
		if orig == nil {
			err = v.u.st.CreateGuest(v.u.ctx, &g)
		} else {
			err = v.u.st.UpdateGuest(v.u.ctx, &g)
		}
		saved = g
		return err
	}
	f.onDone = func() {
		if orig == nil {
			v.guestID, v.stayID, v.loose, v.requestID = saved.ID, "", false, ""
		}
		v.refresh()
		v.revealGuest()
		v.changed()
	}
	v.form = f
	f.show()
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
		var err error
		if orig == nil {
			err = v.u.st.CreateStay(v.u.ctx, &s)
		} else {
			err = v.u.st.UpdateStay(v.u.ctx, &s)
		}
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

// guestChoices lists every guest for a picker, by last name.
func (v *plannerView) guestChoices() (ids, names []string) {
	gs, err := v.u.st.Guests(v.u.ctx, "")
	if err != nil {
		v.u.ShowError(err)
	}
	for _, g := range gs {
		ids = append(ids, g.ID)
		names = append(names, guestDisplayName(g))
	}
	return ids, names
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

// Small shared pieces.

// scrollIntoView scrolls s so that obj, somewhere in its content, is in sight (a request opened from
// the Board may sit low in a long stay).
func scrollIntoView(s *container.Scroll, obj fyne.CanvasObject) {
	// Lay the new content out at its new height first: the driver would only do it at the next frame.
	s.Content.Resize(fyne.NewSize(s.Size().Width, max(s.Content.MinSize().Height, s.Size().Height)))
	s.Content.Refresh()
	p, ok := offsetWithin(s.Content, obj)
	if !ok || s.Size().Height <= 0 {
		return
	}
	y := p.Y
	if y >= s.Offset.Y && y+obj.Size().Height <= s.Offset.Y+s.Size().Height {
		return
	}
	s.ScrollToOffset(fyne.NewPos(0, max(0, min(y-theme.Padding()*4, s.Content.Size().Height-s.Size().Height))))
}

// offsetWithin is where obj sits inside root, walking down through containers.
func offsetWithin(root, obj fyne.CanvasObject) (fyne.Position, bool) {
	if root == obj {
		return fyne.Position{}, true
	}
	c, ok := root.(*fyne.Container)
	if !ok {
		return fyne.Position{}, false
	}
	for _, child := range c.Objects {
		if p, ok := offsetWithin(child, obj); ok {
			return child.Position().Add(p), true
		}
	}
	return fyne.Position{}, false
}

func placeholder(text string) fyne.CanvasObject {
	l := widget.NewLabel(text)
	l.Importance = widget.LowImportance
	l.Wrapping = fyne.TextWrapWord
	return l
}

// allergyBanner puts allergies where nobody can miss them: red, bold, with a warning sign.
func allergyBanner(text string) fyne.CanvasObject {
	bg := canvas.NewRectangle(color.NRGBA{0xd3, 0x2f, 0x2f, 0x1f})
	bg.StrokeColor = theme.Color(theme.ColorNameError)
	bg.StrokeWidth = 1.5
	bg.CornerRadius = 6
	icon := widget.NewIcon(theme.NewErrorThemedResource(theme.WarningIcon()))
	l := widget.NewLabelWithStyle(i18n.T("planner.allergies", map[string]any{"Text": strings.TrimSpace(text)}), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	return container.NewStack(bg, container.NewPadded(container.NewBorder(nil, nil, icon, nil, l)))
}

// infoGrid is a two-column "label: value" block that skips empty values.
type infoGrid struct{ c *fyne.Container }

func newInfoGrid() *infoGrid { return &infoGrid{c: container.New(layout.NewFormLayout())} }

func (g *infoGrid) add(label, value string) {
	if strings.TrimSpace(value) == "" {
		return
	}
	l := widget.NewLabel(value)
	l.Wrapping = fyne.TextWrapWord
	l.Selectable = true
	g.addObj(label, l)
}

func (g *infoGrid) addObj(label string, obj fyne.CanvasObject) {
	k := widget.NewLabel(label)
	k.SizeName = theme.SizeNameCaptionText
	g.c.Add(k)
	g.c.Add(obj)
}

func (g *infoGrid) empty() bool { return len(g.c.Objects) == 0 }

// pickRow is a selectable row holding any content: a stay in the guest's list, a contact.
type pickRow struct {
	widget.BaseWidget
	content  fyne.CanvasObject
	selected bool
	onTap    func()
	bg       *canvas.Rectangle
}

func newPickRow(content fyne.CanvasObject, selected bool, onTap func()) *pickRow {
	r := &pickRow{content: content, selected: selected, onTap: onTap}
	r.ExtendBaseWidget(r)
	return r
}

func (r *pickRow) CreateRenderer() fyne.WidgetRenderer {
	r.bg = canvas.NewRectangle(color.Transparent)
	r.bg.CornerRadius = 6
	r.paint(false)
	return widget.NewSimpleRenderer(container.NewStack(r.bg, container.NewPadded(r.content)))
}

func (r *pickRow) paint(hovered bool) {
	switch {
	case r.selected:
		r.bg.FillColor = theme.Color(theme.ColorNameSelection)
		r.bg.StrokeColor = theme.Color(theme.ColorNameFocus)
		r.bg.StrokeWidth = 1
	case hovered:
		r.bg.FillColor = theme.Color(theme.ColorNameHover)
		r.bg.StrokeWidth = 0
	default:
		r.bg.FillColor = color.Transparent
		r.bg.StrokeWidth = 0
	}
	r.bg.Refresh()
}

func (r *pickRow) Tapped(*fyne.PointEvent) {
	if r.onTap != nil {
		r.onTap()
	}
}

func (r *pickRow) MouseIn(*desktop.MouseEvent)    { r.paint(true) }
func (r *pickRow) MouseMoved(*desktop.MouseEvent) {}
func (r *pickRow) MouseOut()                      { r.paint(false) }
func (r *pickRow) Cursor() desktop.Cursor         { return desktop.PointerCursor }

// mergeGuest folds a duplicate guest into the one on screen, after the concierge picks it and
// confirms; guests sharing the last name are offered first.
func (v *plannerView) mergeGuest() {
	if v.guest == nil {
		return
	}
	keep := *v.guest
	all, err := v.u.st.Guests(v.u.ctx, "")
	if err != nil {
		v.u.ShowError(err)
		return
	}
	var ids, labels []string
	for _, pass := range []bool{true, false} {
		for _, g := range all {
			same := desk.FoldKey(g.LastName) == desk.FoldKey(keep.LastName)
			if g.ID != keep.ID && same == pass {
				ids, labels = append(ids, g.ID), append(labels, g.Name()+" · "+desk.FirstLine(g.Emails))
			}
		}
	}
	pick := widget.NewSelect(uniqueLabels(labels), nil)
	pick.PlaceHolder = i18n.T("planner.merge_pick")
	note := widget.NewLabel(i18n.T("planner.merge_note", map[string]any{"Name": keep.Name()}))
	note.Wrapping = fyne.TextWrapWord
	dialog.ShowCustomConfirm(i18n.T("planner.merge_title", map[string]any{"Name": keep.Name()}), i18n.T("planner.merge"), i18n.T("action.cancel"),
		container.NewVBox(note, pick), func(ok bool) {
			i := pick.SelectedIndex()
			if !ok || i < 0 {
				return
			}
			if _, err := v.u.st.MergeGuests(v.u.ctx, keep.ID, ids[i]); err != nil {
				v.u.ShowError(err)
				return
			}
			v.openGuest(keep.ID)
			v.u.Changed()
		}, v.u.win)
}
