package gui

import (
	"errors"
	"strconv"
	"strings"
	"time"
	"unicode"

	"loge/app/i18n"
	"loge/data/desk"
	"loge/data/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The guest list and the middle pane: the guest's profile, stays and mail; the guest form and
// the merge of a duplicate.

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
	reselect(v.guestList, &v.selecting, gs, func(g desk.Guest) string { return g.ID }, v.guestID)
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
	// "DE · DE · EN" read as a duplicate: the languages say what they are.
	if g.Nationality != "" {
		parts = append(parts, strings.ToUpper(g.Nationality))
	}
	if langs := splitList(g.Languages); len(langs) > 0 {
		parts = append(parts, i18n.T("planner.speaks", map[string]any{"List": strings.ToUpper(strings.Join(langs, ", "))}))
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
	if kept := v.keptRows("guest", g.ID); len(kept) > 0 {
		objs = append(objs, section(i18n.T("attach.section"), len(kept), "", kept...))
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
		err := upsert(v.u.ctx, orig == nil, &g, v.u.st.CreateGuest, v.u.st.UpdateGuest)
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
