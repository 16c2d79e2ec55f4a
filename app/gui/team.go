package gui

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"loge/app/i18n"
	"loge/data/desk"
	"loge/data/store"
)

// The team, as the Settings show it: every desk seen in the mailbox with its last activity (and a
// clock that runs wrong), what waits to be shared, and what the team folder could not be read of.

func (v *settingsView) refreshTeam() {
	u := v.u
	ds, err := u.st.TeamDesks(u.ctx)
	if err != nil {
		v.team.Objects = []fyne.CanvasObject{widget.NewLabel(i18n.ErrorText(err))}
		v.team.Refresh()
		return
	}
	intro := widget.NewLabel(i18n.T("team.intro", map[string]any{"Folder": desk.TeamFolder}))
	intro.Wrapping = fyne.TextWrapWord
	intro.Importance = widget.LowImportance
	objs := []fyne.CanvasObject{intro}
	now := time.Now()
	for _, d := range ds {
		name := desk.FirstNonEmpty(d.Name, i18n.T("team.unnamed"))
		if d.Initials != "" {
			name += " (" + d.Initials + ")"
		}
		detail := i18n.T("team.never")
		if !d.LastActive.IsZero() {
			detail = i18n.T("team.last_active", map[string]any{"When": fmtWhen(d.LastActive, now)})
		}
		if d.This {
			name = i18n.T("team.this_desk", map[string]any{"Name": name})
		}
		imp := widget.MediumImportance
		if d.ClockAhead >= 5*time.Minute || d.ClockAhead <= -5*time.Minute {
			detail += " · " + i18n.T("team.clock_off", map[string]any{"Minutes": int(d.ClockAhead.Minutes())})
			imp = widget.WarningImportance
		}
		objs = append(objs, newTapRow("", name, detail, imp, nil))
	}
	if n, _, err := u.st.TeamStats(u.ctx); err == nil && n > 0 {
		l := widget.NewLabel(i18n.T("team.pending", map[string]any{"N": n}))
		l.Importance = widget.WarningImportance
		objs = append(objs, l)
	}
	if mbs, err := u.st.Mailboxes(u.ctx); err == nil {
		for _, mb := range mbs {
			if mb.Role == desk.RoleInbox && !mb.Keywords {
				l := widget.NewLabel(i18n.T("team.no_keywords"))
				l.Wrapping = fyne.TextWrapWord
				l.Importance = widget.WarningImportance
				objs = append(objs, l)
			}
		}
	}
	if msgs, err := u.st.TeamMessages(u.ctx); err == nil {
		for _, m := range msgs {
			if m.Problem != "" {
				l := widget.NewLabel(i18n.T("team.problem", map[string]any{"When": fmtWhen(m.SentAt, now), "Detail": m.Problem}))
				l.Wrapping = fyne.TextWrapWord
				l.Importance = widget.WarningImportance
				objs = append(objs, l)
			}
		}
	}
	v.team.Objects = objs
	v.team.Refresh()
}

// askIdentity is the first-run question of a new desk: who works here (name and initials, for the
// team) and the name a mail is signed with. It is asked once; Settings change it later.
func (u *UI) askIdentity() {
	name, _, _ := u.st.Identity(u.ctx)
	if name != "" {
		return
	}
	who, initials, signature := widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	who.SetPlaceHolder(i18n.T("identity.name_hint"))
	initials.SetPlaceHolder(i18n.T("settings.initials_hint"))
	sig, _ := u.st.Setting(u.ctx, "desk.name")
	signature.SetText(sig)
	signature.SetPlaceHolder(i18n.T("identity.signature_hint"))
	errLabel := widget.NewLabel("")
	errLabel.Importance = widget.DangerImportance
	errLabel.Hide()
	intro := widget.NewLabel(i18n.T("identity.intro"))
	intro.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(
		widget.NewFormItem(i18n.T("settings.user_name"), who),
		widget.NewFormItem(i18n.T("settings.initials"), initials),
		widget.NewFormItem(i18n.T("settings.desk_name"), signature),
	)
	var d dialog.Dialog
	save := widget.NewButton(i18n.T("action.save"), func() {
		if err := u.st.SetIdentity(u.ctx, who.Text, initials.Text); err != nil {
			errLabel.SetText(i18n.ErrorText(err))
			errLabel.Show()
			return
		}
		if err := u.st.SetSetting(u.ctx, "desk.name", signature.Text); err != nil {
			u.ShowError(err)
			return
		}
		d.Hide()
		u.Changed()
	})
	save.Importance = widget.HighImportance
	later := widget.NewButton(i18n.T("identity.later"), func() { d.Hide() })
	content := container.NewVBox(intro, form, errLabel, container.NewHBox(later, save))
	d = dialog.NewCustomWithoutButtons(i18n.T("identity.title"), content, u.win)
	d.Resize(fyne.NewSize(min(u.win.Canvas().Size().Width*0.8, 560), 0))
	u.lastIdentity = d
	d.Show()
}

// showConflicts tells the concierge that a colleague's edit, made at the same time as theirs,
// replaced their value: which, by whom, and that theirs is kept in the item's history.
func (u *UI) showConflicts(cs []store.Conflict) {
	names, _ := u.st.DeskInitials(u.ctx)
	var lines []string
	for _, c := range cs {
		lines = append(lines, i18n.T("team.conflict_line", map[string]any{
			"Who": desk.FirstNonEmpty(names[c.By], "?"), "What": i18n.T("kind."+c.Entity) + " · " + fieldName(c.Entity, c.Field),
			"Theirs": jsonText(c.Theirs), "Mine": jsonText(c.Mine)}))
	}
	u.lastConflicts = lines
	l := widget.NewLabel(strings.Join(lines, "\n"))
	l.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(i18n.T("team.conflict_title"), i18n.T("action.ok"), container.NewVBox(l, lowLabel(i18n.T("team.conflict_note"))), u.win)
	d.Resize(fyne.NewSize(min(u.win.Canvas().Size().Width*0.8, 620), 0))
	d.Show()
}

// fieldName is a shared field as the forms name it ("starts_at" of a request is its date and time).
func fieldName(entity, column string) string {
	f := goField(column)
	if k := "field." + entity + "." + f; i18n.T(k) != k {
		return i18n.T(k)
	}
	return column
}

// goField is a column's Go field name: starts_at is StartsAt.
func goField(column string) string {
	var b strings.Builder
	for _, part := range strings.Split(column, "_") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}

// jsonText is an operation's value as a person reads it: a time in the hotel's way, text as is.
func jsonText(js string) string {
	var v any
	if err := json.Unmarshal([]byte(js), &v); err != nil {
		return js
	}
	switch x := v.(type) {
	case string:
		if t, err := time.Parse(time.RFC3339, x); err == nil {
			return fmtDayTime(t)
		}
		return x
	case nil:
		return "—"
	}
	return fmt.Sprint(v)
}

func lowLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Importance = widget.LowImportance
	l.Wrapping = fyne.TextWrapWord
	return l
}

// teamEdits are the fields of an item that more than one desk set, every value with who and when,
// the one kept marked: a concurrent edit that lost is never lost from sight.
func (u *UI) teamEdits(kind, id string) []fyne.CanvasObject {
	h, err := u.st.History(u.ctx, kind, id)
	if err != nil {
		return nil
	}
	byField := map[string][]store.FieldChange{}
	var order []string
	for _, c := range h {
		if c.Field == "updated_hlc" {
			continue
		}
		if _, ok := byField[c.Field]; !ok {
			order = append(order, c.Field)
		}
		byField[c.Field] = append(byField[c.Field], c)
	}
	names, _ := u.st.DeskInitials(u.ctx)
	var rows []fyne.CanvasObject
	for _, f := range order {
		cs := byField[f]
		desks := map[string]bool{}
		for _, c := range cs {
			desks[c.Desk] = true
		}
		if len(desks) < 2 {
			continue // one desk's own successive edits are no team matter
		}
		for _, c := range cs {
			state := i18n.T("team.replaced")
			imp := widget.LowImportance
			if c.Kept {
				state, imp = i18n.T("team.kept"), widget.MediumImportance
			}
			who := desk.FirstNonEmpty(names[c.Desk], "?")
			rows = append(rows, newTapRow(who, i18n.T("team.field_value", map[string]any{"Field": fieldName(kind, f), "Value": jsonText(c.Value)}),
				fmtDayTime(c.At)+" · "+state, imp, nil))
		}
	}
	return rows
}
