// Package office is the running desk: the desk file open and, for each mail account whose password
// is known, one mail worker (data/imap) and one outbox runner (data/outbox). main builds it and
// hands it to the window or to the command line; nothing else starts or stops workers, and nothing
// here draws: the window turns Events into widgets.
package office

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"time"

	"loge/data/desk"
	"loge/data/imap"
	"loge/data/outbox"
	"loge/data/store"
	"loge/data/team"
	"loge/data/vault"
)

// Office is one open desk with its mail workers.
type Office struct {
	Store *store.Store

	vault    *vault.Credentials
	workers  bool // false: a desk opened for tests or a headless check; no worker ever starts
	demo     *demoServers
	mu       sync.Mutex
	accounts map[int64]*running
	events   chan Event

	stopBackups context.CancelFunc // ends backupDaily and watchIntegrity
	backups     sync.WaitGroup     // backupDaily and watchIntegrity, waited for by Close
	closeOnce   sync.Once
	checkNow    chan struct{} // a "malformed" error was seen: check the desk soon
	marked      bool          // this session set settingRunning (under mu)
	stopIndex   context.CancelFunc
	indexing    sync.WaitGroup // the search indexer, waited for by Close
}

type running struct {
	worker *imap.Worker
	runner *outbox.Runner
	team   *team.Worker // on the account the team shares (the first), nil on the others
	cancel context.CancelFunc
}

// Event is one report of an account's mail worker (Mail), outbox runner (Outbox) or team worker
// (Team).
type Event struct {
	Account int64
	Mail    imap.Event
	Outbox  *outbox.Drained
	Team    team.Event
	Backup  *BackupDone
	Check   *CheckDone           // the background integrity check
	Index   *store.IndexProgress // the search indexer, behind the mail
	// IndexErr is why an indexing pass stopped (a full disk, a damaged desk); it tries again a
	// minute later.
	IndexErr error
}

// Open opens (creating it if needed) the desk file at path, its secrets beside it.
func Open(ctx context.Context, path string) (*Office, error) {
	st, err := store.Open(ctx, path)
	if err != nil {
		return nil, err
	}
	return New(st, vault.NewCredentials(filepath.Dir(st.Path()))), nil
}

// New runs a desk over an open store. With a nil vault no mail worker starts (tests, a desk looked
// at without its accounts); Credentials still gives the account form somewhere to save.
func New(st *store.Store, v *vault.Credentials) *Office {
	o := &Office{Store: st, vault: v, workers: v != nil, accounts: map[int64]*running{}, events: make(chan Event, 256),
		checkNow: make(chan struct{}, 1)}
	if v != nil {
		go v.KeyringAvailable() // probe early: the account form asks it (up to 5 s without a keyring)
	}
	return o
}

// Credentials keeps the accounts' passwords (the OS keyring, or the user's explicit fallback).
func (o *Office) Credentials() *vault.Credentials {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.vault == nil {
		o.vault = vault.NewCredentials(filepath.Dir(o.Store.Path()))
	}
	return o.vault
}

// Close stops every worker, waits for a daily backup or an integrity check under way (each reads
// the desk file through a connection of its own, which must be gone before a restore moves the
// file), records that the session ended cleanly, and closes the desk file (the demo desk's is then
// removed). A second Close does nothing.
func (o *Office) Close() error {
	var err error
	o.closeOnce.Do(func() {
		o.StopAll()
		if o.stopBackups != nil {
			o.stopBackups()
		}
		if o.stopIndex != nil {
			o.stopIndex()
		}
		o.backups.Wait()
		o.indexing.Wait()
		o.clearRunning()
		err = o.Store.Close()
		if o.demo != nil {
			o.demo.close()
		}
	})
	return err
}

// Events is what the workers and runners report. Sync progress is dropped when nobody reads; the
// rest waits.
func (o *Office) Events() <-chan Event { return o.events }

// StartAll starts every account that has a server and a saved password; ctx owns the goroutines.
// The first account's mailbox is the one the team shares (its folder Loge).
func (o *Office) StartAll(ctx context.Context) error {
	accts, err := o.Store.Accounts(ctx)
	if err != nil {
		return err
	}
	for _, a := range accts {
		o.Start(ctx, a)
	}
	if o.workers {
		go o.pushLocalChanges(ctx)
		o.startIndexer(ctx)
		if o.demo == nil {
			bctx, cancel := context.WithCancel(ctx)
			o.stopBackups = cancel
			o.backups.Add(2)
			go func() {
				defer o.backups.Done()
				o.backupDaily(bctx)
			}()
			go func() {
				defer o.backups.Done()
				o.watchIntegrity(bctx)
			}()
		}
	}
	return nil
}

// backupDaily makes the desk's automatic backup (store.AutoBackup: one a day, rotated) a minute
// after the window opens, so start-up does not wait for it, then each hour checks whether the day
// has turned. A failure is reported as an event and tried again the next hour.
func (o *Office) backupDaily(ctx context.Context) {
	wait := time.Minute
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = time.Hour
		path, err := o.Store.AutoBackup(ctx, time.Now())
		o.ReportError(err)
		if path != "" || err != nil {
			o.emit(ctx, Event{Backup: &BackupDone{Path: path, Err: err}})
		}
	}
}

// startIndexer runs the desk's search indexer (store.Indexer) until ctx ends or the office
// closes: what a sync stored it decodes and indexes behind it, and what a killed run or a
// headless `loge sync` left it takes at start. Its progress is an event at most ten times a
// second (dropped when nobody reads), the last one of a pass (Done = Total) always.
func (o *Office) startIndexer(ctx context.Context) {
	ctx, o.stopIndex = context.WithCancel(ctx)
	ix := o.Store.NewIndexer()
	var last time.Time
	ix.OnProgress = func(p store.IndexProgress) {
		if p.Done >= p.Total {
			o.emit(ctx, Event{Index: &p})
			return
		}
		if time.Since(last) < 100*time.Millisecond {
			return
		}
		last = time.Now()
		select {
		case o.events <- Event{Index: &p}:
		default:
		}
	}
	ix.OnError = func(err error) {
		o.ReportError(err)
		select {
		case o.events <- Event{IndexErr: err}:
		case <-ctx.Done():
		}
	}
	o.indexing.Add(1)
	go func() {
		defer o.indexing.Done()
		ix.Run(ctx)
	}()
}

// BackupDone reports an automatic backup: its file, or why it failed.
type BackupDone struct {
	Path string
	Err  error
}

// pushLocalChanges kicks the team worker after this desk's changes, a quarter second after the
// last of a burst, so a form saved field by field goes as one batch.
func (o *Office) pushLocalChanges(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-o.Store.LocalChanges():
		}
		t := time.NewTimer(250 * time.Millisecond)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
		o.KickTeam()
	}
}

// KickTeam asks the team worker to sync now.
func (o *Office) KickTeam() {
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, r := range o.accounts {
		if r.team != nil {
			r.team.Kick()
		}
	}
}

// isTeamAccount reports whether the account's mailbox is the one the team shares: the first
// account that runs (it has a server and a saved password); another takes over when it is removed.
func (o *Office) isTeamAccount(id int64) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	for other, r := range o.accounts {
		if r.team != nil && other != id {
			return false
		}
	}
	return true
}

// Start (re)starts one account's worker and runner; without a saved password it stays offline.
func (o *Office) Start(ctx context.Context, a desk.Account) {
	if !o.workers || a.IMAPHost == "" {
		return
	}
	secret, _, err := o.vault.Load("imap:" + a.Name)
	if err != nil {
		return
	}
	o.Stop(a.ID)
	cfg := imap.Config{Host: a.IMAPHost, Port: a.IMAPPort, Security: a.IMAPSecurity, User: a.IMAPUser, Secret: secret, CAFile: a.CAFile}
	ctx, cancel := context.WithCancel(ctx)
	r := &running{worker: imap.NewWorker(o.Store, a, cfg), cancel: cancel}
	go r.worker.Run(ctx)
	go o.forwardMail(ctx, a.ID, r.worker.Events())
	if o.isTeamAccount(a.ID) {
		r.team = team.NewWorker(o.Store, cfg, a.Email)
		go r.team.Run(ctx)
		go o.forwardTeam(ctx, a.ID, r.team.Events())
	}
	if a.SMTPHost != "" {
		// The SMTP password may be its own or the IMAP one (most providers use one login).
		smtpSecret, _, err := o.vault.Load("smtp:" + a.Name)
		if err != nil {
			smtpSecret = secret
		}
		user := a.SMTPUser
		if user == "" {
			user = a.IMAPUser
		}
		r.runner = outbox.NewRunner(o.Store, a, outbox.SMTPConfig{Host: a.SMTPHost, Port: a.SMTPPort, Security: a.SMTPSecurity,
			User: user, Secret: smtpSecret, CAFile: a.CAFile}, &cfg)
		go r.runner.Run(ctx)
		go o.forwardOutbox(ctx, a.ID, r.runner.Events())
	}
	o.mu.Lock()
	o.accounts[a.ID] = r
	o.mu.Unlock()
}

// Running reports whether any account has a worker.
func (o *Office) Running() bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	return len(o.accounts) > 0
}

// Stop stops one account's worker and runner.
func (o *Office) Stop(id int64) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if r, ok := o.accounts[id]; ok {
		r.cancel()
		delete(o.accounts, id)
	}
}

// StopAll stops every worker and runner.
func (o *Office) StopAll() {
	o.mu.Lock()
	defer o.mu.Unlock()
	for id, r := range o.accounts {
		r.cancel()
		delete(o.accounts, id)
	}
}

// SyncNow asks every worker for a full sync at once (a reconnect now when offline), the team's too.
func (o *Office) SyncNow() {
	o.send(imap.SyncNow{})
	o.KickTeam()
}

// Replay tells every worker that local mail changes wait in the journal.
func (o *Office) Replay() { o.send(imap.Replay{}) }

func (o *Office) send(cmd imap.Command) {
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, r := range o.accounts {
		r.worker.Send(cmd)
	}
}

// KickOutbox asks every runner to send what is queued now.
func (o *Office) KickOutbox() {
	o.mu.Lock()
	defer o.mu.Unlock()
	for _, r := range o.accounts {
		if r.runner != nil {
			r.runner.Kick()
		}
	}
}

func (o *Office) forwardMail(ctx context.Context, account int64, events <-chan imap.Event) {
	for {
		select {
		case <-ctx.Done():
			return
		case ev := <-events:
			switch e := ev.(type) {
			case imap.Online:
				// Back online: what waits in the outbox and for the team goes now, not at the end of
				// its backoff.
				if err := o.Store.OutboxWakeUp(ctx); err == nil {
					o.KickOutbox()
				}
				o.KickTeam()
			case imap.Offline:
				o.ReportError(e.Err) // a "malformed" desk stops the sync too
			case imap.SyncProgress:
				select {
				case o.events <- Event{Account: account, Mail: ev}:
				default:
				}
				continue
			}
			o.emit(ctx, Event{Account: account, Mail: ev})
		}
	}
}

func (o *Office) forwardOutbox(ctx context.Context, account int64, events <-chan outbox.Drained) {
	for {
		select {
		case <-ctx.Done():
			return
		case d := <-events:
			o.ReportError(d.Err)
			if d.Report.Sent > 0 {
				// \Answered was journaled for the replied mail and a copy went to Sent: sync both.
				o.SyncNow()
			}
			o.emit(ctx, Event{Account: account, Outbox: &d})
		}
	}
}

func (o *Office) forwardTeam(ctx context.Context, account int64, events <-chan team.Event) {
	for {
		select {
		case <-ctx.Done():
			return
		case ev := <-events:
			if f, ok := ev.(team.Failed); ok {
				o.ReportError(f.Err)
			}
			o.emit(ctx, Event{Account: account, Team: ev})
		}
	}
}

func (o *Office) emit(ctx context.Context, ev Event) {
	select {
	case o.events <- ev:
	case <-ctx.Done():
	}
}

// IsDemo reports whether this is the throwaway demo desk.
func (o *Office) IsDemo() bool { return o.demo != nil }

// SetOutage cuts (true) or restores the demo desk's mail servers, to try the desk offline. It does
// nothing on a real desk.
func (o *Office) SetOutage(down bool) {
	if o.demo != nil {
		o.demo.setDown(down)
	}
}

// DefaultPath is where a desk lives when no --db says otherwise: the OS user config folder
// (%AppData%\Loge\loge.db on Windows, ~/Library/Application Support/Loge/loge.db on macOS,
// $XDG_CONFIG_HOME/Loge/loge.db on Linux).
func DefaultPath() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		dir = "."
	}
	return filepath.Join(dir, "Loge", "loge.db")
}
