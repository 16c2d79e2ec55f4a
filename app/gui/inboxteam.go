package gui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"loge/app/i18n"
	"loge/data/desk"
)

// The Inbox as a team's: who has each thread, whether it waits for the guest or a vendor, is done
// or snoozed, and who is writing a reply. Everything here goes through store.SetMailStatus, so it
// reaches the other desks through the team log (and other mail clients as keywords).

// Inbox filters.
const (
	filterAll       = "all"
	filterMine      = "mine"
	filterUnclaimed = "unclaimed"
	filterWaiting   = "waiting"
	filterSnoozed   = "snoozed"
	filterDone      = "done"
)

var inboxFilters = []string{filterAll, filterMine, filterUnclaimed, filterWaiting, filterSnoozed, filterDone}

// keep reports whether a thread shows under the filter at now. A snoozed thread leaves every
// list but Snoozed until its time, then comes back by itself.
func keepThread(filter, me string, tv desk.ThreadTeam, now time.Time) bool {
	snoozed := tv.Snoozed(now)
	switch filter {
	case filterMine:
		return tv.ClaimedBy == me && !snoozed
	case filterUnclaimed:
		return tv.ClaimedBy == "" && tv.Initials == "" && tv.Status != desk.MailDone && !snoozed
	case filterWaiting:
		return (tv.Status == desk.MailWaitingGuest || tv.Status == desk.MailWaitingVendor) && !snoozed
	case filterSnoozed:
		return snoozed
	case filterDone:
		return tv.Status == desk.MailDone
	}
	return !snoozed
}

// teamMarks are the words a thread row shows of its team status.
func teamMarks(tv desk.ThreadTeam, now time.Time) []string {
	var m []string
	if tv.Initials != "" {
		m = append(m, tv.Initials)
	}
	switch tv.Status {
	case desk.MailWaitingGuest:
		m = append(m, i18n.T("inbox.waiting_guest_short"))
	case desk.MailWaitingVendor:
		m = append(m, i18n.T("inbox.waiting_vendor_short"))
	case desk.MailDone:
		m = append(m, i18n.T("inbox.done"))
	}
	if tv.Snoozed(now) {
		m = append(m, i18n.T("inbox.snoozed_until", map[string]any{"Time": fmtWhen(tv.SnoozeUntil, now)}))
	}
	if tv.Replying != "" {
		m = append(m, i18n.T("inbox.replying_short", map[string]any{"Who": tv.Replying}))
	}
	return m
}

// teamBar is the open thread's team status and what to do with it: take it, give it, release it;
// waiting for the guest or a vendor, done; snooze.
func (v *inboxView) teamBar(threadID, through string) fyne.CanvasObject {
	u := v.u
	now := time.Now()
	tv := v.team[threadID]
	me := u.st.DeskID()
	set := func(ch desk.MailChange) {
		ch.Through = through
		if err := u.st.SetMailStatus(u.ctx, threadID, ch); err != nil {
			u.ShowError(err)
			return
		}
		v.afterAction(threadID)
	}
	var who *widget.Label
	switch {
	case tv.ClaimedBy == me:
		who = widget.NewLabel(i18n.T("inbox.claimed_by_you"))
	case tv.Initials != "":
		who = widget.NewLabel(i18n.T("inbox.claimed_by", map[string]any{"Who": v.deskName(tv.ClaimedBy, tv.Initials)}))
	default:
		who = widget.NewLabel(i18n.T("inbox.unclaimed"))
		who.Importance = widget.LowImportance
	}
	objs := []fyne.CanvasObject{who}
	if tv.ClaimedBy != me {
		take := widget.NewButtonWithIcon(i18n.T("inbox.claim"), theme.AccountIcon(), func() { set(desk.MailChange{Claim: &me}) })
		take.Importance = widget.LowImportance
		v.commands[cmdClaim] = take.OnTapped
		objs = append(objs, take)
	}
	if tv.ClaimedBy != "" || tv.Initials != "" {
		none := ""
		release := widget.NewButton(i18n.T("inbox.release"), func() { set(desk.MailChange{Claim: &none}) })
		release.Importance = widget.LowImportance
		objs = append(objs, release)
	}
	assign := widget.NewButton(i18n.T("inbox.assign"), func() { v.assign(set) })
	assign.Importance = widget.LowImportance
	objs = append(objs, assign)

	statuses := []string{"", desk.MailWaitingGuest, desk.MailWaitingVendor, desk.MailDone}
	labels := []string{i18n.T("inbox.status_none"), i18n.T("inbox.waiting_guest"), i18n.T("inbox.waiting_vendor"), i18n.T("inbox.done")}
	status := widget.NewSelect(labels, nil)
	for i, s := range statuses {
		if s == tv.Status {
			status.SetSelectedIndex(i)
		}
	}
	status.OnChanged = func(string) {
		s := statuses[status.SelectedIndex()]
		if s != tv.Status {
			set(desk.MailChange{Status: &s})
		}
	}
	objs = append(objs, status)
	if tv.Status != desk.MailDone {
		done := desk.MailDone
		v.commands[cmdDone] = func() { set(desk.MailChange{Status: &done}) }
	}
	snooze := widget.NewButtonWithIcon(i18n.T("inbox.snooze"), theme.HistoryIcon(), func() { v.snooze(set) })
	snooze.Importance = widget.LowImportance
	if tv.Snoozed(now) {
		snooze.SetText(i18n.T("inbox.unsnooze"))
		snooze.OnTapped = func() { zero := time.Time{}; set(desk.MailChange{Snooze: &zero}) }
	}
	objs = append(objs, snooze)
	if tv.Replying != "" {
		r := widget.NewLabel(i18n.T("inbox.replying", map[string]any{"Who": tv.Replying}))
		r.Importance = widget.WarningImportance
		objs = append(objs, r)
	}
	// Wrapped onto a second line when the reading pane is narrow (French at 1280 px): a sideways
	// scroll bar hid the status and Snooze.
	return container.New(layout.NewRowWrapLayout(), objs...)
}

// deskName is a desk's person as the team knows them: "Camille Laurent (CL)".
func (v *inboxView) deskName(id, initials string) string {
	ds, _ := v.u.st.TeamDesks(v.u.ctx)
	for _, d := range ds {
		if d.ID == id && d.Name != "" {
			return d.Name + " (" + d.Initials + ")"
		}
	}
	return initials
}

// assign gives the thread to a desk of the team.
func (v *inboxView) assign(set func(desk.MailChange)) {
	ds, err := v.u.st.TeamDesks(v.u.ctx)
	if err != nil {
		v.u.ShowError(err)
		return
	}
	var ids, names []string
	for _, d := range ds {
		label := d.Name + " (" + d.Initials + ")"
		if d.This {
			label = i18n.T("inbox.assign_me", map[string]any{"Name": label})
		}
		ids, names = append(ids, d.ID), append(names, label)
	}
	if len(ids) == 0 {
		dialog.ShowInformation(i18n.T("inbox.assign"), i18n.T("inbox.assign_nobody"), v.u.win)
		return
	}
	pick := widget.NewSelect(names, nil)
	dialog.ShowCustomConfirm(i18n.T("inbox.assign"), i18n.T("action.ok"), i18n.T("action.cancel"), pick, func(ok bool) {
		if i := pick.SelectedIndex(); ok && i >= 0 {
			set(desk.MailChange{Claim: &ids[i]})
		}
	}, v.u.win)
}

// snoozeChoices are the times a thread can be put away until, from now.
func snoozeChoices(now time.Time) (labels []string, times []time.Time) {
	day := func(d, h int) time.Time {
		t := now.AddDate(0, 0, d)
		return time.Date(t.Year(), t.Month(), t.Day(), h, 0, 0, 0, now.Location())
	}
	add := func(key string, t time.Time) {
		labels = append(labels, i18n.T(key, map[string]any{"When": fmtWhen(t, now)}))
		times = append(times, t)
	}
	add("inbox.snooze_hour", now.Add(time.Hour).Truncate(time.Minute))
	if evening := day(0, 18); evening.After(now.Add(time.Hour)) {
		add("inbox.snooze_evening", evening)
	}
	add("inbox.snooze_tomorrow", day(1, 9))
	monday := day(int((8-int(now.Weekday()))%7), 9)
	if !monday.After(day(1, 9)) {
		monday = monday.AddDate(0, 0, 7)
	}
	add("inbox.snooze_monday", monday)
	return labels, times
}

// snooze puts the thread away until a time; it comes back to the Inbox then (or when the guest
// writes again).
func (v *inboxView) snooze(set func(desk.MailChange)) {
	labels, times := snoozeChoices(time.Now())
	pick := widget.NewRadioGroup(labels, nil)
	dialog.ShowCustomConfirm(i18n.T("inbox.snooze"), i18n.T("action.ok"), i18n.T("action.cancel"), pick, func(ok bool) {
		for i, l := range labels {
			if ok && l == pick.Selected {
				t := times[i]
				set(desk.MailChange{Snooze: &t})
			}
		}
	}, v.u.win)
}
