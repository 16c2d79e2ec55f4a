// Package gui is Loge's Fyne interface: one window with the Board, Inbox, Planner, Vendors and
// Settings workspaces, a global search and a status bar. It reads and writes through data.Store
// and never speaks SQL, IMAP or SMTP itself.
package gui

import (
	"context"
	"errors"
	"time"

	"loge/app/i18n"
	"loge/app/office"
	"loge/data/desk"
	"loge/data/store"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"loge/assets"
)

// Version is Loge's version, set by main from FyneApp.toml.
var Version = "dev"

// AppID is Loge's application id (also in FyneApp.toml).
const AppID = "fr.loge.desk"

// Workspace names, as used by --workspace.
const (
	WorkspaceBoard    = "board"
	WorkspaceInbox    = "inbox"
	WorkspacePlanner  = "planner"
	WorkspaceWeek     = "week"
	WorkspaceRequests = "requests"
	WorkspaceVendors  = "vendors"
	WorkspaceSettings = "settings"
)

// Workspaces lists the workspaces in tab order.
var Workspaces = []string{WorkspaceBoard, WorkspaceInbox, WorkspacePlanner, WorkspaceWeek, WorkspaceRequests,
	WorkspaceVendors, WorkspaceSettings}

// Options tune how the window opens.
type Options struct {
	Workspace     string
	Lang          string // "fr", "en" or "" for the saved setting / OS locale
	Width, Height int
	// ReleaseDesk lets go of the desk's window lock (store.HoldWindow), before a restore starts
	// Loge again on the restored desk.
	ReleaseDesk func()
	// OnStarted runs once the window is up, its first workspace built (start-up measurements).
	OnStarted func()
}

// Run opens the main window over the running desk and blocks until it is closed.
func Run(ctx context.Context, o *office.Office, opts Options) error {
	quietStart()
	a := fyneapp.NewWithID(AppID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	ui, err := New(ctx, a, o, opts)
	if err != nil {
		return err
	}
	defer o.StopAll()
	if opts.OnStarted != nil {
		a.Lifecycle().SetOnStarted(opts.OnStarted)
	}
	ui.win.ShowAndRun()
	return nil
}

// UI is the main window and its workspaces.
type UI struct {
	ctx    context.Context
	office *office.Office
	st     *store.Store
	app    fyne.App
	win    fyne.Window
	opts   Options

	tabs     *container.AppTabs
	tabItems map[string]*container.TabItem
	search   *widget.Entry
	lastHits []desk.Hit // the last search, for tests
	status   *statusBar
	sync     *syncBridge

	outboxView        *outboxView   // open outbox dialog, nil when closed
	lastComposer      *composer     // the composer last opened, for tests
	lastForm          *form         // the mail → booking form last opened, for tests
	lastBooked        string        // the request it created, for tests
	lastLinkedWarning string        // the request a mail → booking warned about, for tests
	lastNotice        string        // the last short confirmation shown, for tests
	lastUndo          func()        // the undo the last notice offers, for tests
	lastIdentity      dialog.Dialog // the first-run identity question, for tests
	lastConflicts     []string      // the last conflict notice, for tests
	lastLogForm       *widget.Entry // the logbook entry being written, for tests
	lastSaved         string        // the path the last document was saved to
	lastOpened        string        // the attachment last handed to the computer's viewer
	lastKeep          *keepQuestion // the last "Keep with…" question, for tests
	lastPreview       *previewShown // the last attachment preview shown, for tests

	notifier     *notifier
	corruptShown bool // a damaged desk was said in a dialog this session
	menu         *fyne.MainMenu
	threadItems  map[threadCommand]*fyne.MenuItem // the menu's actions on the open thread

	firstBoard func() (boardRead, bool, error)  // the Board read at start, taken once
	firstStats func() (desk.Stats, bool, error) // the status bar's counts read at start, taken once

	board    *boardView
	inbox    *inboxView
	planner  *plannerView
	week     *weekView
	requests *requestsView
	vendors  *vendorsView
	settings *settingsView
}

// New builds the main window over the running desk without showing it (tests drive it headless).
// It starts the desk's mail workers and listens to them until ctx ends.
func New(ctx context.Context, a fyne.App, o *office.Office, opts Options) (*UI, error) {
	st := o.Store
	langCode := opts.Lang
	if langCode == "" {
		langCode, _ = st.Setting(ctx, "ui.lang")
	}
	i18n.Load(langCode)
	a.Settings().SetTheme(newTheme())
	u := &UI{ctx: ctx, office: o, st: st, app: a, opts: opts}
	u.win = a.NewWindow("Loge")
	w, h := float32(1280), float32(820)
	if opts.Width > 0 && opts.Height > 0 {
		w, h = float32(opts.Width), float32(opts.Height)
	}
	u.win.Resize(fyne.NewSize(w, h))
	u.sync = newSyncBridge(u)
	u.notifier = newNotifier(u)
	forgetOpened(u)
	// The first Board and the status bar's counts read the desk on the other CPU while the window
	// is built on this one (80 and 100 ms of the start on a 250,000-mail desk, tests/bench).
	boardAt := time.Now()
	u.firstBoard = readAhead(func() (boardRead, error) {
		bd, err := st.Board(ctx, boardAt)
		return boardRead{at: boardAt, board: bd}, err
	})
	u.firstStats = readAhead(func() (desk.Stats, error) { return st.Stats(ctx) })
	u.build()
	go u.sync.listen(ctx)
	go u.everyMinute(ctx)
	if err := o.StartAll(ctx); err != nil {
		u.ShowError(err)
	}
	u.askIdentity()
	u.win.SetCloseIntercept(u.closeRequested)
	if opts.Workspace != "" {
		u.Show(opts.Workspace)
	}
	return u, nil
}

// build (re)creates every workspace; called again when the language changes.
func (u *UI) build() {
	desk, _ := u.st.Setting(u.ctx, "desk.name")
	hotel, _ := u.st.Setting(u.ctx, "hotel.name")
	title := "Loge"
	if hotel != "" {
		title += " — " + hotel
	}
	u.win.SetTitle(title)

	u.board = newBoardView(u)
	u.inbox = newInboxView(u)
	u.planner = newPlannerView(u)
	u.week = newWeekView(u)
	u.requests = newRequestsView(u)
	u.vendors = newVendorsView(u)
	u.settings = newSettingsView(u)
	u.status = newStatusBar(u)

	u.tabItems = map[string]*container.TabItem{
		WorkspaceBoard:    container.NewTabItemWithIcon(i18n.T("ws.board"), theme.HomeIcon(), u.board.content()),
		WorkspaceInbox:    container.NewTabItemWithIcon(i18n.T("ws.inbox"), theme.MailComposeIcon(), u.inbox.content()),
		WorkspacePlanner:  container.NewTabItemWithIcon(i18n.T("ws.planner"), theme.CalendarIcon(), u.planner.content()),
		WorkspaceWeek:     container.NewTabItemWithIcon(i18n.T("ws.week"), theme.GridIcon(), u.week.content()),
		WorkspaceRequests: container.NewTabItemWithIcon(i18n.T("ws.requests"), theme.ListIcon(), u.requests.content()),
		WorkspaceVendors:  container.NewTabItemWithIcon(i18n.T("ws.vendors"), theme.AccountIcon(), u.vendors.content()),
		WorkspaceSettings: container.NewTabItemWithIcon(i18n.T("ws.settings"), theme.SettingsIcon(), u.settings.content()),
	}
	items := make([]*container.TabItem, 0, len(Workspaces))
	for _, ws := range Workspaces {
		items = append(items, u.tabItems[ws])
	}
	u.tabs = container.NewAppTabs(items...)
	u.tabs.SetTabLocation(container.TabLocationLeading)
	u.tabs.OnSelected = func(*container.TabItem) { u.refreshCurrent() }

	u.search = widget.NewEntry()
	u.search.SetPlaceHolder(i18n.T("search.placeholder"))
	u.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	u.search.OnSubmitted = func(q string) { u.showSearch(q) }

	name := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	deskLabel := widget.NewLabel(desk)
	deskLabel.Importance = widget.LowImportance
	top := container.NewBorder(nil, nil, container.NewHBox(name, deskLabel), nil, container.NewGridWithColumns(2, widget.NewLabel(""), u.search))
	u.win.SetContent(container.NewBorder(container.NewVBox(top, widget.NewSeparator()), u.status.content(), nil, nil, u.tabs))
	u.buildMenu()
	u.board.refresh()
}

// readAhead starts read on a goroutine of its own; the function it returns gives that result the
// first time (ok true) and nothing after (ok false: the caller reads anew). Only the UI goroutine
// calls it.
func readAhead[T any](read func() (T, error)) func() (v T, ok bool, err error) {
	type result struct {
		v   T
		err error
	}
	ch := make(chan result, 1)
	go func() {
		v, err := read()
		ch <- result{v, err}
	}()
	taken := false
	return func() (T, bool, error) {
		if taken {
			var zero T
			return zero, false, nil
		}
		taken = true
		r := <-ch
		return r.v, true, r.err
	}
}

// boardRead is a Board and the moment it was read for.
type boardRead struct {
	at    time.Time
	board *desk.Board
}

// closeRequested runs when the person closes the window: a mail half-written is saved as a draft
// first (the last second of typing is not yet autosaved), then the window closes.
func (u *UI) closeRequested() {
	if c := u.lastComposer; c != nil && !c.sent {
		c.save()
	}
	u.win.Close()
}

// Show switches to a workspace by name.
func (u *UI) Show(workspace string) {
	if it, ok := u.tabItems[workspace]; ok {
		u.tabs.Select(it)
	}
}

// Current is the name of the workspace on screen.
func (u *UI) Current() string {
	for name, it := range u.tabItems {
		if u.tabs.Selected() == it {
			return name
		}
	}
	return ""
}

// everyMinute redraws what time changes by itself: a snoozed thread back in the Inbox at its time,
// a colleague's "replying" that expired.
func (u *UI) everyMinute(ctx context.Context) {
	t := time.NewTicker(time.Minute)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			fyne.Do(func() {
				if u.Current() == WorkspaceInbox {
					u.inbox.loadThreads()
				}
			})
		}
	}
}

// Window is the main window.
func (u *UI) Window() fyne.Window { return u.win }

func (u *UI) refreshCurrent() {
	switch u.Current() {
	case WorkspaceBoard:
		u.board.refresh()
	case WorkspaceInbox:
		u.inbox.refresh()
	case WorkspacePlanner:
		u.planner.refresh()
	case WorkspaceWeek:
		u.week.refresh()
	case WorkspaceRequests:
		u.requests.refresh()
	case WorkspaceVendors:
		u.vendors.refresh()
	case WorkspaceSettings:
		u.settings.refresh()
	}
	u.status.refresh()
	u.refreshMenu()
}

// Changed is called after any edit so every workspace shows fresh data when next seen.
func (u *UI) Changed() {
	u.refreshCurrent()
}

// mailChanged refreshes what shows mail; journaled says local changes wait for the server, which
// the workers are then asked to replay at once.
func (u *UI) mailChanged(journaled bool) {
	if journaled {
		u.office.Replay()
	}
	u.refreshCurrent()
}

// ShowError tells the user what went wrong, in their language.
func (u *UI) ShowError(err error) {
	if err == nil || errors.Is(err, context.Canceled) {
		return
	}
	u.office.ReportError(err) // a "malformed" desk gets its integrity check now, not next week
	if store.IsCorrupt(err) {
		// Once a session: every workspace that reads the damaged part would say it again, a
		// dialog over the way to Settings › Backups, where the restore is.
		if u.corruptShown {
			return
		}
		u.corruptShown = true
	}
	// fyne's error dialog titles itself in the computer's language: this one speaks the desk's.
	l := widget.NewLabel(i18n.ErrorText(err))
	l.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(i18n.T("error.title"), i18n.T("action.ok"), l, u.win)
	d.Resize(fyne.NewSize(min(u.win.Canvas().Size().Width*0.7, 560), 0))
	d.Show()
}

// Navigation used by the Board, the Inbox and search results.

// OpenThread shows a mail thread in the Inbox.
func (u *UI) OpenThread(threadID string) {
	u.Show(WorkspaceInbox)
	u.inbox.openThread(threadID)
}

// OpenMessage shows the thread of one message.
func (u *UI) OpenMessage(id int64) {
	th, err := u.st.ThreadIDOf(u.ctx, id)
	if err != nil {
		u.ShowError(err)
		return
	}
	u.OpenThread(th)
}

// OpenGuest shows a guest in the Planner.
func (u *UI) OpenGuest(id string) {
	u.Show(WorkspacePlanner)
	u.planner.openGuest(id)
}

// OpenStay shows a stay in the Planner.
func (u *UI) OpenStay(id string) {
	u.Show(WorkspacePlanner)
	u.planner.openStay(id)
}

// OpenRequest shows a request in the Planner.
func (u *UI) OpenRequest(id string) {
	u.Show(WorkspacePlanner)
	u.planner.openRequest(id)
}

// OpenVendor shows a vendor in the vendor book.
func (u *UI) OpenVendor(id string) {
	u.Show(WorkspaceVendors)
	u.vendors.openVendor(id)
}

// Open follows a search hit or link to what it names.
func (u *UI) Open(kind, id string) {
	switch kind {
	case "message":
		if n, err := desk.MessageIDFromHit(desk.Hit{ID: id}); err == nil {
			u.OpenMessage(n)
		}
	case "thread":
		u.OpenThread(id)
	case "guest":
		u.OpenGuest(id)
	case "stay":
		u.OpenStay(id)
	case "request":
		u.OpenRequest(id)
	case "vendor":
		u.OpenVendor(id)
	}
}

// SetLanguage switches the interface language ("" follows the OS) and saves the choice.
func (u *UI) SetLanguage(code string) {
	if err := u.st.SetSetting(u.ctx, "ui.lang", code); err != nil {
		u.ShowError(err)
		return
	}
	current := u.Current()
	i18n.Load(code)
	u.build()
	u.Show(current)
}
