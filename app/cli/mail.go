package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"loge/app/i18n"
	"loge/data/desk"
	"loge/data/imap"
	"loge/data/store"
	"loge/data/team"
	"loge/data/vault"
)

// cmdSync runs one full sync of an account (or keeps syncing with --idle). The password comes from
// the environment variable named by --password-env, never from the command line.
func cmdSync(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, db := newFlags("sync", stderr)
	im := addIMAPFlags(fs)
	idle := fs.Bool("idle", false, "cli.flag_idle")
	waitIndex := fs.Bool("wait-index", false, "cli.flag_wait_index")
	var mailboxes stringList
	fs.Var(&mailboxes, "mailbox", "cli.flag_mailbox")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *im.account == "" {
		if *im.host == "" || *im.user == "" || *im.passEnv == "" {
			return usageErr("%s", i18n.T("cli.sync_needs"))
		}
		switch *im.security {
		case imap.SecurityTLS, imap.SecuritySTARTTLS, imap.SecurityPlain:
		default:
			return usageErr("%s", i18n.T("cli.bad_security", map[string]any{"Value": *im.security}))
		}
	}
	// The sync holds the desk for as long as it runs: a restore must not move the file from under
	// it (store.HoldSync). A missing desk is openDesk's to refuse, with no lock file left for it.
	if _, err := os.Stat(*db); err == nil {
		release, err := store.HoldSync(*db)
		if err != nil {
			return err
		}
		defer release()
	}
	st, err := openDesk(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	var acct desk.Account
	if *im.account != "" {
		if acct, err = st.AccountByName(ctx, *im.account); err != nil {
			return &exitError{code: 1, msg: i18n.T("cli.no_account", map[string]any{"Name": *im.account})}
		}
	} else {
		// The flags name an account of their own (user@host), saved so later runs resume from it.
		cfg, _, err := imapConfig(ctx, st, im, desk.Account{})
		if err != nil {
			return err
		}
		name := cfg.User + "@" + cfg.Host
		if acct, err = st.AccountByName(ctx, name); errors.Is(err, store.ErrNotFound) {
			acct = desk.Account{Name: name, IMAPHost: cfg.Host, IMAPPort: cfg.Port, IMAPSecurity: cfg.Security, IMAPUser: cfg.User, CAFile: cfg.CAFile}
			err = st.CreateAccount(ctx, &acct)
		}
		if err != nil {
			return err
		}
		acct.IMAPPort, acct.IMAPSecurity, acct.CAFile = cfg.Port, cfg.Security, cfg.CAFile
	}
	cfg, _, err := imapConfig(ctx, st, im, acct)
	if err != nil {
		return err
	}
	if *idle {
		return syncIdle(ctx, st, acct, cfg, stderr)
	}
	start := time.Now()
	cfg.ReadTimeout = readTimeout()
	c, err := imap.Dial(ctx, cfg, nil)
	if err != nil {
		return err
	}
	defer c.Close()
	var last time.Time
	s := &imap.Syncer{St: st, C: c, Account: acct, Mailboxes: mailboxes, OnProgress: func(p imap.Progress) {
		if time.Since(last) > 250*time.Millisecond || p.Done == p.Total {
			last = time.Now()
			fmt.Fprintf(stderr, "\r%s", i18n.T("status.syncing", map[string]any{"Mailbox": p.Mailbox, "Done": p.Done, "Total": p.Total}))
		}
	}}
	rs, err := s.Replay(ctx)
	if err != nil {
		return imap.Lost(c, err)
	}
	results, err := s.SyncAll(ctx)
	fmt.Fprintln(stderr)
	if err != nil {
		return imap.Lost(c, err)
	}
	var added, flagged, vanished int
	for _, r := range results {
		added, flagged, vanished = added+r.Added, flagged+r.Flagged, vanished+r.Vanished
	}
	// The team's shared work travels in the same mailbox; --mailbox names mail folders only.
	var tr team.Result
	if len(mailboxes) == 0 {
		if tr, err = (&team.Syncer{St: st, C: c, From: acct.Email}).Sync(ctx); err != nil {
			return imap.Lost(c, err)
		}
	}
	// Every command above has its answer: LOGOUT is said and not waited for (the deferred Close
	// ends the connection), a round trip off the no-op resync that scripts run every minute.
	c.Logout()
	fmt.Fprintln(stdout, i18n.T("cli.sync_done", map[string]any{"Mailboxes": len(results), "Added": added, "Flagged": flagged,
		"Vanished": vanished, "Replayed": rs, "Seconds": fmt.Sprintf("%.2f", time.Since(start).Seconds())}))
	if len(mailboxes) == 0 {
		fmt.Fprintln(stdout, i18n.T("cli.team_sync_done", map[string]any{"Pushed": tr.Pushed, "New": tr.New, "Applied": tr.Applied}))
		for _, c := range tr.Conflicts {
			fmt.Fprintln(stderr, i18n.T("cli.team_conflict", map[string]any{"Entity": c.Entity, "Field": c.Field, "Mine": c.Mine, "Theirs": c.Theirs}))
		}
		for _, sk := range tr.Skipped {
			fmt.Fprintln(stderr, i18n.T("cli.team_skipped", map[string]any{"Detail": sk}))
		}
	}
	return finishIndex(ctx, st, *waitIndex, added > 0, stdout, stderr)
}

// finishIndex is the end of `loge sync`. The mail it fetched is browsable now; with --wait-index
// it also runs the indexer until every message is searchable, otherwise it says how many are not
// yet when it fetched any (the window's indexer, or the next --wait-index, takes them: Mail first).
func finishIndex(ctx context.Context, st *store.Store, wait, fetched bool, stdout, stderr io.Writer) error {
	if !wait {
		if !fetched {
			return nil // a no-op resync counts nothing
		}
		if n, err := st.Unindexed(ctx); err == nil && n > 0 {
			fmt.Fprintln(stderr, i18n.T("cli.unindexed", map[string]any{"N": n}))
		}
		return nil
	}
	start := time.Now()
	var last time.Time
	n, err := st.IndexPending(ctx, func(p store.IndexProgress) {
		if time.Since(last) > 250*time.Millisecond || p.Done == p.Total {
			last = time.Now()
			fmt.Fprintf(stderr, "\r%s", i18n.T("status.indexing", map[string]any{"Done": p.Done, "Total": p.Total}))
		}
	})
	if n > 0 {
		fmt.Fprintln(stderr)
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, i18n.T("cli.index_done", map[string]any{"N": n, "Seconds": fmt.Sprintf("%.2f", time.Since(start).Seconds())}))
	return nil
}

// readTimeout bounds the silence of the server during a one-shot command (sync, the Sent copy of
// send-pending): without it go-imap waits five minutes in the middle of a message body, and a cron
// job's run piles up behind a dead link. LOGE_IMAP_READ_TIMEOUT (a Go duration) changes it, for
// very slow links and for the fault tests.
func readTimeout() time.Duration {
	if d, err := time.ParseDuration(os.Getenv("LOGE_IMAP_READ_TIMEOUT")); err == nil && d > 0 {
		return d
	}
	return time.Minute
}

// syncIdle keeps an account in sync until interrupted, reporting on stderr.
func syncIdle(ctx context.Context, st *store.Store, acct desk.Account, cfg imap.Config, stderr io.Writer) error {
	w := imap.NewWorker(st, acct, cfg)
	// LOGE_IMAP_KEEPALIVE (a Go duration) shortens the 4 minutes after which an IDLE that heard
	// nothing is left to check the link and poll: a server that misses an announcement is caught
	// up then (the fault tests use it; Dovecot under load sometimes announces nothing).
	if d, err := time.ParseDuration(os.Getenv("LOGE_IMAP_KEEPALIVE")); err == nil && d > 0 {
		w.Pacing.Keepalive = d
	}
	tw := team.NewWorker(st, cfg, acct.Email)
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	go tw.Run(ctx)
	// Search follows the mail: the desk's indexer runs beside the worker for as long as it does.
	ix := st.NewIndexer()
	ix.OnError = func(err error) { fmt.Fprintln(stderr, i18n.ErrorText(err)) }
	ictx, stopIndex := context.WithCancel(ctx)
	indexed := make(chan struct{})
	go func() {
		defer close(indexed)
		ix.Run(ictx)
	}()
	defer func() {
		stopIndex()
		<-indexed // before the deferred Close of the desk
	}()
	for {
		select {
		case err := <-done:
			return err
		case <-st.LocalChanges():
			tw.Kick()
		case ev := <-tw.Events():
			switch e := ev.(type) {
			case team.Synced:
				if e.Result.Pushed+e.Result.New > 0 {
					fmt.Fprintln(stderr, i18n.T("cli.team_sync_done", map[string]any{"Pushed": e.Result.Pushed, "New": e.Result.New, "Applied": e.Result.Applied}))
				}
			case team.Failed:
				fmt.Fprintln(stderr, i18n.T("status.offline")+": "+i18n.ErrorText(e.Err))
			}
		case ev := <-w.Events():
			switch e := ev.(type) {
			case imap.Online:
				fmt.Fprintln(stderr, i18n.T("status.online"))
			case imap.Offline:
				fmt.Fprintln(stderr, i18n.T("status.offline")+": "+i18n.ErrorText(e.Err))
			case imap.NewMail:
				fmt.Fprintln(stderr, i18n.T("cli.new_mail", map[string]any{"Mailbox": e.Mailbox, "N": e.Count}))
			case imap.Synced:
				fmt.Fprintln(stderr, i18n.T("status.last_sync", map[string]any{"Time": e.At.Format("15:04:05")}))
			}
		}
	}
}

// imapFlags are the IMAP connection flags shared by sync and send-pending.
type imapFlags struct {
	host, user, passEnv, security, caFile, account *string
	port                                           *int
}

func addIMAPFlags(fs *flag.FlagSet) imapFlags {
	return imapFlags{
		host: fs.String("host", "", "cli.flag_host"), port: fs.Int("port", 0, "cli.flag_port"),
		user: fs.String("user", "", "cli.flag_user"), passEnv: fs.String("password-env", "", "cli.flag_password_env"),
		security: fs.String("security", imap.SecurityTLS, "cli.flag_security"), caFile: fs.String("ca-file", "", "cli.flag_ca_file"),
		account: fs.String("account", "", "cli.flag_account"),
	}
}

// imapConfig builds the IMAP connection from --account or the IMAP flags; ok is false when neither
// says where the mailbox is.
func imapConfig(ctx context.Context, st *store.Store, im imapFlags, acct desk.Account) (imap.Config, bool, error) {
	if acct.ID != 0 {
		cfg := imap.Config{Host: acct.IMAPHost, Port: acct.IMAPPort, Security: acct.IMAPSecurity, User: acct.IMAPUser, CAFile: acct.CAFile}
		if *im.passEnv != "" {
			cfg.Secret = os.Getenv(*im.passEnv)
		} else {
			creds := vault.NewCredentials(filepath.Dir(st.Path()))
			secret, _, err := creds.Load("imap:" + acct.Name)
			if err != nil {
				return cfg, false, &exitError{code: 1, msg: i18n.T("cli.no_secret", map[string]any{"Name": acct.Name})}
			}
			cfg.Secret = secret
		}
		return cfg, true, nil
	}
	if *im.host == "" {
		return imap.Config{}, false, nil
	}
	if *im.user == "" || *im.passEnv == "" {
		return imap.Config{}, false, usageErr("%s", i18n.T("cli.sync_needs"))
	}
	port := *im.port
	if port == 0 {
		port = 993
		if *im.security != imap.SecurityTLS {
			port = 143
		}
	}
	cfg := imap.Config{Host: *im.host, Port: port, Security: *im.security, User: *im.user, Secret: os.Getenv(*im.passEnv), CAFile: *im.caFile}
	if cfg.Secret == "" {
		return cfg, false, usageErr("%s", i18n.T("cli.empty_password_env", map[string]any{"Var": *im.passEnv}))
	}
	return cfg, true, nil
}
