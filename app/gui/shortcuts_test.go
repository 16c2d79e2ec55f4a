package gui

import (
	"context"
	"testing"

	"loge/app/i18n"
	"loge/data/desk"
	"loge/data/store/storetest"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// menuItemByLabel finds an item of the window's menu.
func menuItemByLabel(t *testing.T, u *UI, label string) *fyne.MenuItem {
	t.Helper()
	for _, m := range u.win.MainMenu().Items {
		for _, it := range m.Items {
			if it.Label == label {
				return it
			}
		}
	}
	t.Fatalf("no menu item %q", label)
	return nil
}

func TestMenuShortcutsAreUniqueAndLeaveTextEditingAlone(t *testing.T) {
	u, _ := newDemoUI(t, "fr")
	seen := map[string]string{}
	n := 0
	for _, m := range u.win.MainMenu().Items {
		for _, it := range m.Items {
			sc, ok := it.Shortcut.(*desktop.CustomShortcut)
			if !ok {
				continue
			}
			n++
			if prev, dup := seen[sc.ShortcutName()]; dup {
				t.Fatalf("%s and %s share %s", prev, it.Label, sc.ShortcutName())
			}
			seen[sc.ShortcutName()] = it.Label
			switch sc.KeyName {
			case fyne.KeyC, fyne.KeyV, fyne.KeyX, fyne.KeyA, fyne.KeyZ, fyne.KeyY:
				t.Fatalf("%s takes Ctrl+%s from the text fields", it.Label, sc.KeyName)
			}
		}
	}
	if n < 14 {
		t.Fatalf("only %d shortcuts in the menu", n)
	}
	if got := u.win.MainMenu().Items[1].Label; got != "Courriel" {
		t.Fatalf("mail menu in French is %q", got)
	}
}

func TestMenuActsOnTheOpenThreadOnly(t *testing.T) {
	u, st := newDemoUI(t, "en")
	reply := menuItemByLabel(t, u, i18n.T("inbox.reply"))
	done := menuItemByLabel(t, u, i18n.T("menu.mark_done"))

	// The Board is on screen: the thread actions are greyed and do nothing.
	if !reply.Disabled || !done.Disabled {
		t.Fatal("thread actions enabled on the Board")
	}
	reply.Action()
	if u.lastComposer != nil {
		t.Fatal("Reply opened a composer with no thread on screen")
	}

	// Ctrl+2 goes to the Inbox, which opens on the newest conversation.
	menuItemByLabel(t, u, i18n.T("ws.inbox")).Action()
	if u.Current() != WorkspaceInbox {
		t.Fatalf("Ctrl+2 shows %s", u.Current())
	}
	u.inbox.list.Select(1)
	th := u.inbox.current
	if reply.Disabled || done.Disabled {
		t.Fatal("thread actions greyed with a thread open")
	}
	reply.Action()
	c := u.lastComposer
	if c == nil || c.answers == nil || c.answers.ThreadID != th {
		t.Fatalf("Reply did not answer the open thread: %+v", c)
	}
	// With the composer open, the shortcuts leave the window under it alone: no second composer
	// over this one's draft, no archive of the thread being answered.
	reply.Action()
	menuItemByLabel(t, u, i18n.T("inbox.archive")).Action()
	if u.lastComposer != c || u.inbox.current != th {
		t.Fatal("a shortcut acted behind the open composer")
	}
	c.dlg.Hide()

	done.Action()
	ms, err := st.MailStatus(context.Background(), th)
	if err != nil || ms.Status != desk.MailDone {
		t.Fatalf("Mark as done: %+v %v", ms, err)
	}
	if !done.Disabled {
		t.Fatal("Mark as done still offered on a done thread")
	}

	// Archived, the thread leaves the Inbox; the newest one opens in its place.
	menuItemByLabel(t, u, i18n.T("inbox.archive")).Action()
	if u.inbox.current == th {
		t.Fatal("the archived thread is still open")
	}
	for _, x := range u.inbox.threads {
		if x.ThreadID == th {
			t.Fatal("the archived thread is still listed in the Inbox")
		}
	}

	// Leaving the Inbox greys them again: Ctrl+R on the Planner never answers a hidden thread.
	u.Show(WorkspacePlanner)
	if !reply.Disabled {
		t.Fatal("Reply enabled on the Planner")
	}
}

func TestSearchShortcutFocusesTheSearchField(t *testing.T) {
	u, _ := newDemoUI(t, "en")
	u.search.SetText("carter")
	menuItemByLabel(t, u, i18n.T("menu.search")).Action()
	if u.win.Canvas().Focused() != u.search {
		t.Fatal("search field not focused")
	}
	if got := u.search.SelectedText(); got != "carter" {
		t.Fatalf("search text not selected for typing over: %q", got)
	}
}

func TestMenuThreadActionsGreyOnAnEmptyInbox(t *testing.T) {
	st, _ := storetest.WithAccount(t)
	u, _ := newUI(t, st, "en")
	u.Show(WorkspaceInbox)
	reply := menuItemByLabel(t, u, i18n.T("inbox.reply"))
	if !reply.Disabled {
		t.Fatal("Reply enabled on an empty Inbox")
	}
	reply.Action()
	if u.lastComposer != nil {
		t.Fatal("Reply opened a composer on an empty Inbox")
	}
	// What needs no thread still works: a new mail, once the first-run question is answered (no
	// shortcut acts behind a dialog).
	if u.lastIdentity != nil {
		u.lastIdentity.Hide()
	}
	menuItemByLabel(t, u, i18n.T("menu.new_mail")).Action()
	if u.lastComposer == nil || u.lastComposer.answers != nil {
		t.Fatal("New mail did not open a blank composer")
	}
}
