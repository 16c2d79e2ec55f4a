package gui

import (
	"loge/app/i18n"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
)

// Keyboard shortcuts of the main actions. They live in the window's menu, which shows them beside
// each action (the menu bar on Windows and Linux, the system menu on macOS) and which Fyne asks first
// when a key is pressed with Ctrl (⌘ on a Mac). Ctrl+C, V, X, A, Z and Y stay the text fields'.
var (
	keyNewMail    = shortcut(fyne.KeyM, false)
	keySearch     = shortcut(fyne.KeyF, false)
	keyQuit       = shortcut(fyne.KeyQ, false)
	keyReply      = shortcut(fyne.KeyR, false)
	keyReplyAll   = shortcut(fyne.KeyR, true)
	keyForward    = shortcut(fyne.KeyL, false)
	keyArchive    = shortcut(fyne.KeyE, false)
	keyDone       = shortcut(fyne.KeyD, false)
	keyClaim      = shortcut(fyne.KeyT, false)
	keyBook       = shortcut(fyne.KeyB, false)
	keyNewRequest = shortcut(fyne.KeyN, false)
	keyNewGuest   = shortcut(fyne.KeyN, true)
)

func shortcut(k fyne.KeyName, shift bool) *desktop.CustomShortcut {
	m := fyne.KeyModifierShortcutDefault
	if shift {
		m |= fyne.KeyModifierShift
	}
	return &desktop.CustomShortcut{KeyName: k, Modifier: m}
}

// threadCommand names the actions on the open thread that the menu reaches (inboxView.commands).
type threadCommand string

const (
	cmdReply    threadCommand = "reply"
	cmdReplyAll threadCommand = "reply_all"
	cmdForward  threadCommand = "forward"
	cmdArchive  threadCommand = "archive"
	cmdDone     threadCommand = "done"
	cmdClaim    threadCommand = "claim"
	cmdBook     threadCommand = "book"
)

func menuItem(label string, icon fyne.Resource, key fyne.Shortcut, run func()) *fyne.MenuItem {
	it := fyne.NewMenuItemWithIcon(label, icon, run)
	it.Shortcut = key
	return it
}

// buildMenu gives the window its menu: every main action with its shortcut, in the desk's language.
// The thread actions are greyed while no thread is open (refreshMenu).
func (u *UI) buildMenu() {
	// Fyne runs a menu shortcut whatever is on top of the window and whether its item is greyed:
	// with the composer open, Ctrl+E archived the thread under it and Ctrl+R opened a second
	// composer over the first one's draft. Nothing runs while a dialog is open.
	free := func(f func()) func() {
		return func() {
			if u.win.Canvas().Overlays().Top() == nil {
				f()
			}
		}
	}
	thread := func(c threadCommand) func() {
		return free(func() {
			if u.Current() == WorkspaceInbox {
				u.inbox.run(c)
			}
		})
	}
	quit := menuItem(i18n.T("menu.quit"), nil, keyQuit, u.closeRequested)
	quit.IsQuit = true
	u.threadItems = map[threadCommand]*fyne.MenuItem{
		cmdReply:    menuItem(i18n.T("inbox.reply"), theme.MailReplyIcon(), keyReply, thread(cmdReply)),
		cmdReplyAll: menuItem(i18n.T("inbox.reply_all"), theme.MailReplyAllIcon(), keyReplyAll, thread(cmdReplyAll)),
		cmdForward:  menuItem(i18n.T("inbox.forward"), theme.MailForwardIcon(), keyForward, thread(cmdForward)),
		cmdArchive:  menuItem(i18n.T("inbox.archive"), theme.DownloadIcon(), keyArchive, thread(cmdArchive)),
		cmdDone:     menuItem(i18n.T("menu.mark_done"), theme.ConfirmIcon(), keyDone, thread(cmdDone)),
		cmdClaim:    menuItem(i18n.T("inbox.claim"), theme.AccountIcon(), keyClaim, thread(cmdClaim)),
		cmdBook:     menuItem(i18n.T("inbox.book"), theme.CalendarIcon(), keyBook, thread(cmdBook)),
	}
	ti := u.threadItems
	goTo := func(ws string) func() { return free(func() { u.Show(ws) }) }
	var wsItems []*fyne.MenuItem
	for i, ws := range Workspaces {
		wsItems = append(wsItems, menuItem(i18n.T("ws."+ws), nil, shortcut(fyne.KeyName(string(rune('1'+i))), false), goTo(ws)))
	}
	menu := fyne.NewMainMenu(
		fyne.NewMenu(i18n.T("menu.file"),
			menuItem(i18n.T("menu.new_mail"), theme.MailComposeIcon(), keyNewMail, free(func() { u.openComposer(composeNew, nil, "", "") })),
			menuItem(i18n.T("menu.search"), theme.SearchIcon(), keySearch, free(u.focusSearch)),
			fyne.NewMenuItemSeparator(), quit),
		fyne.NewMenu(i18n.T("menu.mail"), ti[cmdReply], ti[cmdReplyAll], ti[cmdForward], fyne.NewMenuItemSeparator(),
			ti[cmdClaim], ti[cmdDone], ti[cmdArchive], fyne.NewMenuItemSeparator(), ti[cmdBook]),
		fyne.NewMenu(i18n.T("ws.planner"),
			menuItem(i18n.T("planner.new_request"), theme.ContentAddIcon(), keyNewRequest, free(u.newRequest)),
			menuItem(i18n.T("planner.new_guest"), theme.ContentAddIcon(), keyNewGuest, free(func() {
				u.Show(WorkspacePlanner)
				u.planner.editGuest(nil)
			}))),
		fyne.NewMenu(i18n.T("menu.go"), wsItems...),
	)
	u.menu = menu
	u.win.SetMainMenu(menu)
	u.refreshMenu()
}

// refreshMenu greys the thread actions that do not apply to what is on screen.
func (u *UI) refreshMenu() {
	if u.menu == nil {
		return
	}
	inInbox := u.tabs != nil && u.Current() == WorkspaceInbox
	for c, it := range u.threadItems {
		it.Disabled = !inInbox || u.inbox == nil || u.inbox.commands[c] == nil
	}
	u.menu.Refresh()
}

// focusSearch puts the cursor in the global search field, its text selected.
func (u *UI) focusSearch() {
	u.win.Canvas().Focus(u.search)
	u.search.TypedShortcut(&fyne.ShortcutSelectAll{})
}

// newRequest opens the new-request form in the Planner, for the guest (and stay) in view there.
func (u *UI) newRequest() {
	u.Show(WorkspacePlanner)
	u.planner.editRequest(nil)
}
