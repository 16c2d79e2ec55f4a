package gui

import (
	"strconv"
	"strings"
	"time"

	"loge/app/i18n"
	"loge/data/desk"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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
	middle := container.NewBorder(newActionBar(v.editGuestBtn, v.newStayBtn, v.writeGuestBtn, v.mergeBtn), nil, nil, nil,
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
		container.NewBorder(newActionBar(v.editStayBtn, v.newRequestBtn, v.itineraryBtn, v.stayICSBtn), nil, nil, nil,
			v.stayScroll),
		container.NewBorder(newActionBar(v.editReqBtn, v.writeVendorBtn, v.writeReqGuestBtn, v.requestICSBtn), nil, nil, nil, container.NewVScroll(container.NewPadded(v.requestPane))))
	right.Offset = 0.5

	detail := container.NewHSplit(middle, right)
	detail.Offset = 0.45
	split := container.NewHSplit(container.NewPadded(left), detail)
	split.Offset = 0.23
	// The guests are read when the Planner is first shown (refresh, from the tab's selection):
	// on a desk of years, reading and listing them all made the start to the Board 100 ms slower.
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

// refreshIfShowing redraws the panes when the guest or request kind/id is on them (an
// attachment kept with it from the Inbox, or taken off it).
func (v *plannerView) refreshIfShowing(kind, id string) {
	if v.guestList == nil || !(kind == "guest" && v.guestID == id || kind == "request" && v.requestID == id) {
		return
	}
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

func (v *plannerView) storeLoc() *time.Location { return v.u.st.Loc }
