package gui

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"time"

	"loge/app/i18n"
	"loge/data/store"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// backupsPanel is Settings → Backups: the desk's automatic backups (one a day, 7 days and 4 weeks
// kept, and one before each migration), Back up now, and Restore, which replaces the desk by a
// backup after checking it, keeps the replaced desk beside it, and starts Loge again on it.
type backupsPanel struct {
	u      *UI
	list   *fyne.Container
	status *widget.Label
	now    *widget.Button
	busy   sync.WaitGroup // the backup running behind Back up now (tests wait for it)
}

func newBackupsPanel(u *UI) *backupsPanel { return &backupsPanel{u: u} }

func (p *backupsPanel) content() fyne.CanvasObject {
	p.list = container.NewVBox()
	p.status = widget.NewLabel("")
	p.status.Wrapping = fyne.TextWrapWord
	p.now = widget.NewButton(i18n.T("backup.now"), p.backupNow)
	intro := widget.NewLabel(i18n.T("backup.intro"))
	intro.Wrapping = fyne.TextWrapWord
	return container.NewVBox(intro, p.list, container.NewHBox(p.now), p.status)
}

// refresh lists the Backups folder again, newest first.
func (p *backupsPanel) refresh() {
	if p == nil || p.list == nil {
		return
	}
	p.list.RemoveAll()
	if p.u.office.IsDemo() {
		p.list.Add(lowLabel(i18n.T("backup.demo")))
		p.now.Disable()
		return
	}
	list, err := store.Backups(p.u.st.Path())
	if err != nil {
		p.list.Add(lowLabel(i18n.ErrorText(err)))
		return
	}
	if len(list) == 0 {
		p.list.Add(lowLabel(i18n.T("backup.none")))
	}
	for _, b := range list {
		b := b
		// The file's time, not only its name's day: two backups of one day differ by it.
		facts := map[string]any{"Day": fmtDayTime(b.Modified), "Size": fmt.Sprintf("%.1f", float64(b.Size)/1e6)}
		what := i18n.T("backup.line", facts)
		if b.Pinned {
			what = i18n.T("backup.line_migration", facts)
		}
		restore := widget.NewButton(i18n.T("backup.restore"), func() { p.askRestore(b) })
		p.list.Add(container.NewBorder(nil, nil, nil, restore, widget.NewLabel(what)))
	}
}

// setLastError shows why the last automatic backup failed, or clears it.
func (p *backupsPanel) setLastError(err error) {
	if p == nil || p.status == nil {
		return
	}
	if err != nil {
		p.status.SetText(i18n.ErrorText(err))
		p.status.Importance = widget.WarningImportance
	} else {
		p.status.SetText("")
	}
	p.status.Refresh()
}

func (p *backupsPanel) backupNow() {
	p.now.Disable()
	p.status.SetText(i18n.T("backup.running"))
	p.busy.Add(1)
	go func() {
		defer p.busy.Done()
		path, err := p.u.st.AutoBackup(p.u.ctx, time.Now())
		if err == nil && path == "" {
			// Today's exists: a second one, by hand, with the time in its name.
			path = store.ManualBackupPath(p.u.st.Path(), time.Now())
			err = p.u.st.Backup(p.u.ctx, path)
		}
		fyne.Do(func() {
			p.now.Enable()
			if err != nil {
				p.status.Importance = widget.WarningImportance
				p.status.SetText(i18n.ErrorText(err))
				return
			}
			p.status.Importance = widget.MediumImportance
			p.status.SetText(i18n.T("backup.done", map[string]any{"Path": path}))
			p.refresh()
		})
	}()
}

func (p *backupsPanel) askRestore(b store.BackupFile) {
	p.u.confirm(i18n.T("backup.restore_title"),
		i18n.T("backup.restore_question", map[string]any{"Day": fmtDayTime(b.Modified)}),
		i18n.T("backup.restore_yes"), func() { p.restore(b) })
}

// restore checks the backup first (a damaged one is refused with the desk untouched), then stops
// the workers, closes the desk, lets go of the window, replaces the file, and starts Loge again.
func (p *backupsPanel) restore(b store.BackupFile) {
	u := p.u
	problems, err := store.Check(u.ctx, b.Path)
	if err == nil && len(problems) > 0 {
		err = fmt.Errorf("%s: %w", b.Path, store.ErrCorrupt)
	}
	if err != nil {
		u.ShowError(err)
		return
	}
	path := u.st.Path()
	u.lastComposer = nil // its draft would go into the desk being replaced, after it is closed
	u.office.Close()
	_, err = store.RestoreHeld(path, b.Path) // still holding the window: no other Loge opens it meanwhile
	again := u.startAgain
	if err != nil {
		// The desk file is as it was (the replaced one is only moved once the new one is whole).
		d := dialog.NewError(errors.New(i18n.ErrorText(err)), u.win)
		d.SetOnClosed(again)
		d.Show()
		return
	}
	again()
}

// startAgain closes the desk, lets go of its window and starts Loge again on it: after a restore,
// or for a change the running workers cannot take (the hotel's time zone).
func (u *UI) startAgain() {
	if c := u.lastComposer; c != nil && !c.sent {
		c.save() // a mail half-written comes back as a draft
	}
	u.office.Close()
	if u.opts.ReleaseDesk != nil {
		u.opts.ReleaseDesk()
	}
	restart()
	u.app.Quit()
}

// restart starts Loge again after a restore (tests record the call instead).
var restart = restartSelf

// restartSelf starts this program again with the same arguments (after a restore).
func restartSelf() {
	exe, err := os.Executable()
	if err != nil {
		return
	}
	cmd := exec.Command(exe, os.Args[1:]...)
	cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
	cmd.Start()
}
