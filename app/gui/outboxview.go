package gui

import (
	"fmt"
	"time"

	"loge/app/i18n"
	"loge/data/desk"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// outboxView lists outgoing mail with its state: waiting (and why), sent, refused, with cancel,
// retry and edit for what has not left yet. Drafts are listed below, to pick up again.
type outboxView struct {
	u    *UI
	box  *fyne.Container
	dlg  dialog.Dialog
	last []desk.OutboxItem // on screen, for tests
}

// showOutbox opens the outbox dialog.
func (u *UI) showOutbox() {
	v := &outboxView{u: u, box: container.NewVBox()}
	u.outboxView = v
	v.refresh()
	scroll := container.NewVScroll(v.box)
	size := u.win.Canvas().Size()
	scroll.SetMinSize(fyne.NewSize(size.Width*0.7, size.Height*0.65))
	v.dlg = dialog.NewCustom(i18n.T("outbox.title"), i18n.T("action.close"), scroll, u.win)
	v.dlg.SetOnClosed(func() { u.outboxView = nil })
	v.dlg.Show()
}

func (v *outboxView) refresh() {
	items, err := v.u.st.Outbox(v.u.ctx)
	if err != nil {
		v.u.ShowError(err)
		return
	}
	v.last = items
	var waiting, done []fyne.CanvasObject
	for _, o := range items {
		row := v.row(o)
		if o.State == desk.OutboxSent || o.State == desk.OutboxCancelled {
			done = append(done, row)
		} else {
			waiting = append(waiting, row)
		}
	}
	if len(done) > 20 {
		done = done[:20]
	}
	objs := []fyne.CanvasObject{}
	if err := v.u.sync.outboxErr; err != nil && len(waiting) > 0 {
		l := widget.NewLabel(i18n.ErrorText(err))
		l.Wrapping = fyne.TextWrapWord
		l.Importance = widget.WarningImportance
		objs = append(objs, l)
	}
	objs = append(objs,
		section(i18n.T("outbox.waiting"), len(waiting), i18n.T("outbox.nothing_waiting"), waiting...),
		section(i18n.T("outbox.recent"), len(done), i18n.T("outbox.nothing_sent"), done...),
		v.draftsSection(),
	)
	v.box.Objects = objs
	v.box.Refresh()
}

func (v *outboxView) row(o desk.OutboxItem) fyne.CanvasObject {
	state := i18n.T("outbox.state." + o.State)
	imp := widget.MediumImportance
	detail := fmtDayTime(o.CreatedAt)
	switch o.State {
	case desk.OutboxQueued:
		imp = widget.WarningImportance
		if !o.NextAttempt.IsZero() && o.NextAttempt.After(time.Now()) {
			detail = i18n.T("outbox.retry_at", map[string]any{"Time": o.NextAttempt.Format("15:04:05"), "N": o.Attempts})
		}
	case desk.OutboxFailed:
		imp = widget.DangerImportance
		detail = o.LastError
	case desk.OutboxSent:
		imp = widget.SuccessImportance
		detail = fmtDayTime(o.SentAt)
	case desk.OutboxCancelled:
		imp = widget.LowImportance
	case desk.OutboxUnsure:
		imp = widget.DangerImportance
		detail = i18n.T("outbox.unsure_detail")
	}
	line := newTapRow(state, fmt.Sprintf("%s — %s", o.To, o.Subject), detail, imp, nil)
	actions := container.NewHBox()
	id := o.ID
	if o.State == desk.OutboxQueued || o.State == desk.OutboxFailed {
		cancel := widget.NewButton(i18n.T("outbox.cancel"), func() {
			v.u.confirm(i18n.T("outbox.cancel"), i18n.T("outbox.cancel_confirm"), i18n.T("outbox.cancel_mail"), func() {
				if err := v.u.st.CancelOutbox(v.u.ctx, id); err != nil {
					v.u.ShowError(err)
				}
				v.refresh()
				v.u.status.refresh()
			})
		})
		cancel.Importance = widget.LowImportance
		actions.Add(cancel)
		edit := widget.NewButton(i18n.T("outbox.edit"), func() { v.edit(o) })
		edit.Importance = widget.LowImportance
		actions.Add(edit)
	}
	if o.State == desk.OutboxFailed || o.State == desk.OutboxQueued {
		retry := widget.NewButton(i18n.T("outbox.retry"), func() {
			if err := v.u.st.RequeueOutbox(v.u.ctx, id); err != nil {
				v.u.ShowError(err)
				return
			}
			v.u.office.KickOutbox()
			v.refresh()
		})
		retry.Importance = widget.LowImportance
		actions.Add(retry)
	}
	if o.State == desk.OutboxUnsure {
		again := widget.NewButton(i18n.T("outbox.send_again"), func() {
			v.u.confirm(i18n.T("outbox.send_again"), i18n.T("outbox.send_again_confirm"), i18n.T("outbox.send_again"), func() {
				v.resolveUnsure(id, true)
			})
		})
		again.Importance = widget.LowImportance
		markSent := widget.NewButton(i18n.T("outbox.mark_sent"), func() { v.resolveUnsure(id, false) })
		markSent.Importance = widget.LowImportance
		actions.Add(again)
		actions.Add(markSent)
	}
	if len(actions.Objects) == 0 {
		return line
	}
	return container.NewBorder(nil, nil, nil, actions, line)
}

// resolveUnsure is the user's answer about a mail that may have gone out.
func (v *outboxView) resolveUnsure(id int64, sendAgain bool) {
	if err := v.u.st.ResolveUnsure(v.u.ctx, id, sendAgain); err != nil {
		v.u.ShowError(err)
	}
	if sendAgain {
		v.u.office.KickOutbox()
	}
	v.refresh()
	v.u.status.refresh()
}

// edit takes a waiting mail out of the queue and back into the composer as a draft.
func (v *outboxView) edit(o desk.OutboxItem) {
	if err := v.u.st.CancelOutbox(v.u.ctx, o.ID); err != nil {
		v.u.ShowError(err)
		return
	}
	full, err := v.u.st.OutboxItem(v.u.ctx, o.ID)
	if err != nil {
		v.u.ShowError(err)
		return
	}
	d := draftFromRaw(full)
	if err := v.u.st.SaveDraft(v.u.ctx, &d); err != nil {
		v.u.ShowError(err)
		return
	}
	v.dlg.Hide()
	v.u.openDraft(d)
}

func (v *outboxView) draftsSection() fyne.CanvasObject {
	drafts, err := v.u.st.Drafts(v.u.ctx)
	if err != nil {
		return widget.NewLabel(i18n.ErrorText(err))
	}
	var rows []fyne.CanvasObject
	for _, d := range drafts {
		d := d
		subject := d.Subject
		if subject == "" {
			subject = i18n.T("compose.no_subject")
		}
		rows = append(rows, newTapRow(i18n.T("outbox.draft"), d.To+" — "+subject, fmtDayTime(d.UpdatedAt), widget.MediumImportance, func() {
			v.dlg.Hide()
			v.u.openDraft(d)
		}))
	}
	return section(i18n.T("outbox.drafts"), len(rows), i18n.T("outbox.no_drafts"), rows...)
}
