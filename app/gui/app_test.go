package gui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"loge/app/i18n"
	"loge/app/office"
	"loge/data/desk"
	"loge/data/store"
	"loge/data/store/storetest"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// newDemoUI builds the window headless over a freshly seeded demo desk in a temp file.
func newDemoUI(t *testing.T, lang string) (*UI, *store.Store) {
	t.Helper()
	return newUI(t, storetest.Demo(t, time.Now(), nil), lang)
}

// newUI builds the window headless over st, shown, without mail workers.
func newUI(t *testing.T, st *store.Store, lang string) (*UI, *store.Store) {
	t.Helper()
	u, err := New(t.Context(), test.NewTempApp(t), office.New(st, nil), Options{Lang: lang})
	if err != nil {
		t.Fatal(err)
	}
	u.win.Show()
	return u, st
}

func TestNavigateAllWorkspaces(t *testing.T) {
	u, _ := newDemoUI(t, "en")
	for _, ws := range Workspaces {
		u.Show(ws)
		if got := u.Current(); got != ws {
			t.Fatalf("Show(%s) shows %s", ws, got)
		}
	}
	if got := u.tabItems[WorkspaceBoard].Text; got != "Board" {
		t.Fatalf("English tab label %q", got)
	}
}

func TestBoardListsTheShift(t *testing.T) {
	u, _ := newDemoUI(t, "en")
	u.Show(WorkspaceBoard)
	b := u.board.last
	if b == nil {
		t.Fatal("board not built")
	}
	if len(b.Arrivals) == 0 || len(b.Bookings) == 0 || len(b.Unconfirmed) == 0 || len(b.Unanswered) == 0 {
		t.Fatalf("demo board is missing a section: arrivals %d, bookings %d, unconfirmed %d, unanswered %d",
			len(b.Arrivals), len(b.Bookings), len(b.Unconfirmed), len(b.Unanswered))
	}
	// A line clicks through: the first unconfirmed request opens in the Planner.
	u.OpenRequest(b.Unconfirmed[0].ID)
	if u.Current() != WorkspacePlanner {
		t.Fatalf("request opened in %s", u.Current())
	}
	u.OpenThread(b.Unanswered[0].ThreadID)
	if u.Current() != WorkspaceInbox || u.inbox.current != b.Unanswered[0].ThreadID {
		t.Fatalf("thread not opened: %s %q", u.Current(), u.inbox.current)
	}
}

func TestSearchGroupsAndClicksThrough(t *testing.T) {
	u, _ := newDemoUI(t, "en")
	u.search.SetText("reservation")
	u.search.OnSubmitted(u.search.Text)
	kinds := map[string]int{}
	for _, h := range u.lastHits {
		kinds[h.Kind]++
	}
	if kinds["message"] == 0 || kinds["request"] == 0 {
		t.Fatalf("reservation found %v", kinds)
	}
	for _, h := range u.lastHits {
		if h.Kind == "message" {
			u.Open(h.Kind, h.ID)
			break
		}
	}
	if u.Current() != WorkspaceInbox || u.inbox.current == "" {
		t.Fatalf("message hit did not open the Inbox thread")
	}
}

func TestInboxNotes(t *testing.T) {
	u, st := newDemoUI(t, "en")
	u.Show(WorkspaceInbox)
	if len(u.inbox.threads) == 0 {
		t.Fatal("inbox is empty")
	}
	u.inbox.list.Select(0)
	th := u.inbox.current
	test.Type(u.inbox.noteEntry, "Guest prefers a table by the window")
	before, _ := st.Notes(context.Background(), "thread", th)
	tapButton(t, u.inbox.reading, i18n.T("inbox.add_note"))
	after, _ := st.Notes(context.Background(), "thread", th)
	if len(after) != len(before)+1 || after[len(after)-1].Body != "Guest prefers a table by the window" {
		t.Fatalf("note not stored: %d → %d", len(before), len(after))
	}
}

func TestLanguageSwitchRebuildsInFrench(t *testing.T) {
	u, st := newDemoUI(t, "")
	u.Show(WorkspaceSettings)
	u.SetLanguage("fr")
	if got := u.tabItems[WorkspaceBoard].Text; got != "Tableau" {
		t.Fatalf("French tab label %q", got)
	}
	if u.Current() != WorkspaceSettings {
		t.Fatalf("language switch left %s", u.Current())
	}
	if v, _ := st.Setting(context.Background(), "ui.lang"); v != "fr" {
		t.Fatalf("language not saved: %q", v)
	}
	u.SetLanguage("en")
	if got := u.tabItems[WorkspaceBoard].Text; got != "Board" {
		t.Fatalf("back to English: %q", got)
	}
}

// tapButton taps the button labelled text inside root, failing the test when there is none.
func tapButton(t *testing.T, root fyne.CanvasObject, text string) {
	t.Helper()
	for _, o := range test.LaidOutObjects(root) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			test.Tap(b)
			return
		}
	}
	t.Fatalf("no button %q", text)
}

func TestBoardSectionShowsItsFirstLinesThenHowManyMore(t *testing.T) {
	u, st := newDemoUI(t, "en")
	ctx := context.Background()
	now := time.Now()
	for i := range boardRows + 5 {
		g := desk.Guest{FirstName: "Arrival", LastName: fmt.Sprint(i)}
		if err := st.CreateGuest(ctx, &g); err != nil {
			t.Fatal(err)
		}
		arr := time.Date(now.Year(), now.Month(), now.Day(), 12, 0, 0, 0, st.Loc)
		if err := st.CreateStay(ctx, &desk.Stay{GuestID: g.ID, Arrival: arr, Departure: arr.AddDate(0, 0, 2), PartySize: 1}); err != nil {
			t.Fatal(err)
		}
	}
	u.board.refresh()
	total := len(u.board.last.Arrivals)
	var rows int
	var more *tapRow
	for _, o := range test.LaidOutObjects(u.board.body) {
		if r, ok := o.(*tapRow); ok {
			if strings.HasPrefix(r.main, "Arrival ") {
				rows++
			}
			if r.main == i18n.T("board.more", map[string]any{"N": total - boardRows}) {
				more = r
			}
		}
	}
	if rows > boardRows || more == nil {
		t.Fatalf("%d arrivals: %d rows shown, a more line: %v", total, rows, more != nil)
	}
	more.onTap()
	if u.Current() != WorkspacePlanner {
		t.Fatalf("the more line opened %s", u.Current())
	}
}

// Opening an unread thread marks it read and the status bar says so at once, without counting the
// desk again; what it says is what the desk holds, and a full recount agrees.
func TestOpeningAnUnreadThreadLowersTheUnreadCount(t *testing.T) {
	u, st := newDemoUI(t, "en")
	ctx := t.Context()
	u.Show(WorkspaceInbox)
	var th *desk.Thread
	for i := range u.inbox.threads {
		if u.inbox.threads[i].Unread > 0 {
			th = &u.inbox.threads[i]
			break
		}
	}
	if th == nil {
		t.Fatal("the demo inbox has no unread thread")
	}
	before, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	unread := th.Unread
	u.OpenThread(th.ThreadID)
	after, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after.Unread != before.Unread-unread {
		t.Fatalf("the desk holds %d unread, want %d - %d", after.Unread, before.Unread, unread)
	}
	want := i18n.T("status.counts", map[string]any{"Unread": after.Unread, "Messages": after.Messages})
	if got := u.status.counts.Text; got != want {
		t.Fatalf("status bar %q, want %q", got, want)
	}
	u.status.refresh()
	if got := u.status.counts.Text; got != want {
		t.Fatalf("after a full recount %q, want %q", got, want)
	}
}
