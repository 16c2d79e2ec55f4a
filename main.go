// Command loge is the concierge desk: a Fyne window over one SQLite file, plus headless
// subcommands for scripts and tests. main is the composition root: it reads flags, opens the
// store, and hands it to the GUI or to a subcommand. Nothing else wires dependencies.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"loge/data/desk"
	"loge/data/store"
	"loge/data/vault"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"time"
	_ "time/tzdata" // request time zones work on desks without a zone database (Windows)

	"loge/app"
	"loge/data/demo"
	"loge/data/docs"
	"loge/data/ics"
	"loge/data/imap"
	"loge/data/outbox"
	"loge/data/vcard"
)

// mainStart is when main began (after the packages' init), for LOGE_STARTUP_TRACE.
var mainStart time.Time

func main() {
	mainStart = time.Now()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// exitError carries the exit code of a failed subcommand; its message is already in the user's language.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

func usageErr(format string, args ...any) error {
	return &exitError{code: 2, msg: fmt.Sprintf(format, args...)}
}

// run dispatches to a subcommand or the GUI and returns the process exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	app.LoadTranslationsAsync(os.Getenv("LOGE_LANG"))
	if path := os.Getenv("LOGE_CPUPROFILE"); path != "" {
		// For profiling a real run (make bench, a slow sync): a CPU profile of this command.
		if f, err := os.Create(path); err == nil {
			pprof.StartCPUProfile(f)
			defer func() { pprof.StopCPUProfile(); f.Close() }()
		}
	}
	var err error
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		cmd, rest := args[0], args[1:]
		switch cmd {
		case "demo-init":
			err = cmdDemoInit(ctx, rest, stdout)
		case "stats":
			err = cmdStats(ctx, rest, stdout)
		case "search":
			err = cmdSearch(ctx, rest, stdout)
		case "list":
			err = cmdList(ctx, rest, stdout)
		case "sync":
			err = cmdSync(ctx, rest, stdout, stderr)
		case "queue":
			err = cmdQueue(ctx, rest, stdout)
		case "send-pending":
			err = cmdSendPending(ctx, rest, stdout, stderr)
		case "outbox":
			err = cmdOutbox(ctx, rest, stdout)
		case "itinerary-pdf":
			err = cmdItineraryPDF(ctx, rest, stdout)
		case "downtime-pdf":
			err = cmdDowntimePDF(ctx, rest, stdout)
		case "export-ics":
			err = cmdExportICS(ctx, rest, stdout)
		case "import-vcard":
			err = cmdImportVCard(ctx, rest, stdout, stderr)
		case "export-vcard":
			err = cmdExportVCard(ctx, rest, stdout)
		case "help":
			fmt.Fprintln(stdout, app.T("cli.usage"))
			return 0
		default:
			err = usageErr("%s", app.T("cli.unknown_command", map[string]any{"Command": cmd}))
		}
	} else {
		err = cmdGUI(ctx, args)
	}
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		fmt.Fprintln(stderr, "loge: "+ee.msg)
		return ee.code
	}
	if errors.Is(err, flag.ErrHelp) {
		return 2
	}
	fmt.Fprintln(stderr, "loge: "+app.ErrorText(err))
	return 1
}

// defaultDBPath is the desk file in the OS user config dir (e.g. %AppData%\Loge\loge.db on Windows).
func defaultDBPath() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		dir = "."
	}
	return filepath.Join(dir, "Loge", "loge.db")
}

func newFlags(name string) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet("loge "+name, flag.ContinueOnError)
	// Flags are declared with the key of their help text, translated only when help is printed: a
	// command needs no sentence before its first result (see app.LoadTranslationsAsync).
	fs.Usage = func() {
		fs.VisitAll(func(f *flag.Flag) {
			if strings.HasPrefix(f.Usage, "cli.flag_") {
				f.Usage = app.T(f.Usage)
			}
		})
		fmt.Fprintf(fs.Output(), "Usage of %s:\n", fs.Name())
		fs.PrintDefaults()
	}
	db := fs.String("db", defaultDBPath(), "cli.flag_db")
	return fs, db
}

func cmdGUI(ctx context.Context, args []string) error {
	fs, db := newFlags("")
	demoDesk := fs.Bool("demo", false, "cli.flag_demo")
	langCode := fs.String("lang", "", "cli.flag_lang")
	workspace := fs.String("workspace", "", "cli.flag_workspace")
	size := fs.String("size", "", "cli.flag_size")
	if err := fs.Parse(args); err != nil {
		return err
	}
	path := *db
	if *demoDesk {
		dir, err := os.MkdirTemp("", "loge-demo-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		path = filepath.Join(dir, "demo.db")
	}
	st, err := store.Open(ctx, path)
	if err != nil {
		return err
	}
	defer st.Close()
	creds := vault.NewCredentials(filepath.Dir(st.Path()))
	go creds.KeyringAvailable() // probe early: the account form asks it (up to 5 s without a keyring)
	var outage func(bool)
	if *demoDesk {
		if outage, err = startDemo(ctx, st, creds); err != nil {
			return err
		}
	}
	opts := app.Options{Workspace: *workspace, Demo: *demoDesk, Lang: *langCode, Creds: creds, DemoOutage: outage}
	if os.Getenv("LOGE_STARTUP_TRACE") != "" {
		// For `make bench`: the harness times the process from its start to this line.
		opts.OnStarted = func() {
			fmt.Fprintf(os.Stderr, "loge: ready, %d ms after main began\n", time.Since(mainStart).Milliseconds())
		}
	}
	if *size != "" {
		if _, err := fmt.Sscanf(*size, "%dx%d", &opts.Width, &opts.Height); err != nil {
			return usageErr("%s", app.T("cli.bad_size", map[string]any{"Size": *size}))
		}
	}
	return app.Run(ctx, st, opts)
}

// startDemo seeds a throwaway desk and serves its mail from an in-process IMAP server on loopback,
// which the app then syncs like any account; a new guest mail arrives every minute. Outgoing mail
// goes to an in-process SMTP sink that delivers nowhere; its Sent copy lands on the IMAP server.
func startDemo(ctx context.Context, st *store.Store, creds *vault.Credentials) (outage func(bool), err error) {
	now := time.Now()
	if err := demo.Seed(ctx, st, now); err != nil {
		return nil, err
	}
	srv, err := demo.StartServer(ctx, now)
	if err != nil {
		return nil, err
	}
	acct, err := st.AccountByName(ctx, demo.AccountName)
	if err != nil {
		return nil, err
	}
	sink, err := outbox.StartSink(outbox.SinkOptions{User: srv.User(), Pass: srv.Password()})
	if err != nil {
		return nil, err
	}
	go func() { <-ctx.Done(); sink.Close() }()
	acct.IMAPHost, acct.IMAPPort, acct.IMAPUser = "127.0.0.1", srv.Port(), srv.User()
	acct.SMTPHost, acct.SMTPPort, acct.SMTPSecurity, acct.SMTPUser = "127.0.0.1", sink.Port(), imap.SecurityPlain, srv.User()
	if err := st.UpdateAccount(ctx, &acct); err != nil {
		return nil, err
	}
	if err := creds.Save("imap:"+acct.Name, srv.Password(), vault.StorageSession); err != nil {
		return nil, err
	}
	srv.DeliverEvery(ctx, time.Minute, nil)
	return func(down bool) { srv.SetDown(down); sink.Down.Store(down) }, nil
}

func openStore(ctx context.Context, path string, mustExist bool) (*store.Store, error) {
	if mustExist {
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			return nil, &exitError{code: 1, msg: app.T("err.no_desk", map[string]any{"Path": path})}
		}
	}
	return store.Open(ctx, path)
}

func cmdDemoInit(ctx context.Context, args []string, stdout io.Writer) error {
	fs, db := newFlags("demo-init")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fi, err := os.Stat(*db); err == nil && fi.Size() > 0 {
		return &exitError{code: 1, msg: app.T("err.demo_exists", map[string]any{"Path": *db})}
	}
	st, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := demo.Seed(ctx, st, time.Now()); err != nil {
		return err
	}
	s, err := st.Stats(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, app.T("cli.demo_written", map[string]any{"Path": st.Path(), "Guests": s.Guests, "Messages": s.Messages}))
	return nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func cmdStats(ctx context.Context, args []string, stdout io.Writer) error {
	fs, db := newFlags("stats")
	asJSON := fs.Bool("json", false, "cli.flag_json")
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := openStore(ctx, *db, true)
	if err != nil {
		return err
	}
	defer st.Close()
	s, err := st.Stats(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(stdout, s)
	}
	fmt.Fprintln(stdout, app.T("cli.stats", map[string]any{"Messages": s.Messages, "Mailboxes": s.Mailboxes, "Guests": s.Guests,
		"Stays": s.Stays, "Requests": s.Requests, "Vendors": s.Vendors, "Outbox": s.OutboxPending}))
	return nil
}

func cmdSearch(ctx context.Context, args []string, stdout io.Writer) error {
	fs, db := newFlags("search")
	asJSON := fs.Bool("json", false, "cli.flag_json")
	limit := fs.Int("limit", 20, "cli.flag_limit")
	if err := fs.Parse(args); err != nil {
		return err
	}
	q := strings.Join(fs.Args(), " ")
	if strings.TrimSpace(q) == "" {
		return usageErr("%s", app.T("cli.search_needs_query"))
	}
	st, err := openStore(ctx, *db, true)
	if err != nil {
		return err
	}
	defer st.Close()
	hits, err := st.Search(ctx, q, *limit)
	if err != nil {
		return err
	}
	if hits == nil {
		hits = []desk.Hit{}
	}
	if *asJSON {
		return writeJSON(stdout, hits)
	}
	for _, h := range hits {
		fmt.Fprintf(stdout, "%-8s %s\t%s\n", app.T("kind."+h.Kind), h.Title, h.Snippet)
	}
	return nil
}

// listed rows: stable JSON field names for scripts.
type guestRow struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Title       string `json:"title"`
	FirstName   string `json:"first_name"`
	LastName    string `json:"last_name"`
	Languages   string `json:"languages"`
	Emails      string `json:"emails"`
	Phones      string `json:"phones"`
	Nationality string `json:"nationality"`
	VIP         int    `json:"vip"`
	Allergies   string `json:"allergies"`
	Preferences string `json:"preferences"`
}

type stayRow struct {
	ID        string `json:"id"`
	GuestID   string `json:"guest_id"`
	GuestName string `json:"guest_name"`
	Arrival   string `json:"arrival"`
	Departure string `json:"departure"`
	Room      string `json:"room"`
	PartySize int    `json:"party_size"`
	Status    string `json:"status"`
}

type requestRow struct {
	ID           string `json:"id"`
	GuestID      string `json:"guest_id"`
	GuestName    string `json:"guest_name"`
	StayID       string `json:"stay_id"`
	Kind         string `json:"kind"`
	Title        string `json:"title"`
	VendorID     string `json:"vendor_id"`
	VendorName   string `json:"vendor_name"`
	StartsAt     string `json:"starts_at"`
	PartySize    int    `json:"party_size"`
	Status       string `json:"status"`
	Confirmation string `json:"confirmation"`
	PriceCents   int64  `json:"price_cents"`
	Currency     string `json:"currency"`
}

type vendorRow struct {
	ID           string `json:"id"`
	Name         string `json:"name"`
	Category     string `json:"category"`
	Status       string `json:"status"`
	StatusReason string `json:"status_reason"`
	Phone        string `json:"phone"`
	Email        string `json:"email"`
	City         string `json:"city"`
}

func cmdList(ctx context.Context, args []string, stdout io.Writer) error {
	fs, db := newFlags("list")
	asJSON := fs.Bool("json", false, "cli.flag_json")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageErr("%s", app.T("cli.list_needs_kind"))
	}
	what := fs.Arg(0)
	switch what {
	case "guests", "stays", "requests", "vendors":
	default:
		return usageErr("%s", app.T("cli.list_needs_kind"))
	}
	st, err := openStore(ctx, *db, true)
	if err != nil {
		return err
	}
	defer st.Close()
	var rows []any
	var lines []string
	switch what {
	case "guests":
		gs, err := st.Guests(ctx, "")
		if err != nil {
			return err
		}
		for _, g := range gs {
			rows = append(rows, guestRow{g.ID, g.Name(), g.Title, g.FirstName, g.LastName, g.Languages, g.Emails, g.Phones, g.Nationality, g.VIP, g.Allergies, g.Preferences})
			lines = append(lines, g.Name())
		}
	case "stays":
		ss, err := st.Stays(ctx, "")
		if err != nil {
			return err
		}
		for _, s := range ss {
			rows = append(rows, stayRow{s.ID, s.GuestID, s.GuestName, s.Arrival.Format(time.RFC3339), s.Departure.Format(time.RFC3339), s.Room, s.PartySize, s.Status})
			lines = append(lines, fmt.Sprintf("%s\t%s → %s\t%s", s.GuestName, s.Arrival.Format("2006-01-02"), s.Departure.Format("2006-01-02"), s.Room))
		}
	case "requests":
		rs, err := st.Requests(ctx, store.RequestFilter{})
		if err != nil {
			return err
		}
		for _, r := range rs {
			rows = append(rows, requestRow{r.ID, r.GuestID, r.GuestName, r.StayID, r.Kind, r.Title, r.VendorID, r.VendorName, r.StartsAt.Format(time.RFC3339), r.PartySize, r.Status, r.Confirmation, r.PriceCents, r.Currency})
			lines = append(lines, fmt.Sprintf("%s\t%s\t%s\t%s", r.StartsAt.Format("2006-01-02 15:04"), r.GuestName, r.Title, app.T("status."+r.Status)))
		}
	case "vendors":
		vs, err := st.Vendors(ctx, store.VendorFilter{})
		if err != nil {
			return err
		}
		for _, v := range vs {
			rows = append(rows, vendorRow{v.ID, v.Name, v.Category, v.Status, v.StatusReason, v.Phone, v.Email, v.City})
			lines = append(lines, fmt.Sprintf("%s\t%s\t%s", v.Name, app.T("category."+v.Category), app.T("vstatus."+v.Status)))
		}
	default:
		return usageErr("%s", app.T("cli.list_needs_kind"))
	}
	if *asJSON {
		if rows == nil {
			rows = []any{}
		}
		return writeJSON(stdout, rows)
	}
	for _, l := range lines {
		fmt.Fprintln(stdout, l)
	}
	return nil
}

// stringList is a repeatable string flag.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

// cmdSync runs one full sync of an account (or keeps syncing with --idle). The password comes from
// the environment variable named by --password-env, never from the command line.
func cmdSync(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, db := newFlags("sync")
	im := addIMAPFlags(fs)
	idle := fs.Bool("idle", false, "cli.flag_idle")
	var mailboxes stringList
	fs.Var(&mailboxes, "mailbox", "cli.flag_mailbox")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *im.account == "" {
		if *im.host == "" || *im.user == "" || *im.passEnv == "" {
			return usageErr("%s", app.T("cli.sync_needs"))
		}
		switch *im.security {
		case imap.SecurityTLS, imap.SecuritySTARTTLS, imap.SecurityPlain:
		default:
			return usageErr("%s", app.T("cli.bad_security", map[string]any{"Value": *im.security}))
		}
	}
	st, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	var acct desk.Account
	if *im.account != "" {
		if acct, err = st.AccountByName(ctx, *im.account); err != nil {
			return &exitError{code: 1, msg: app.T("cli.no_account", map[string]any{"Name": *im.account})}
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
	c, err := imap.Dial(ctx, cfg, nil)
	if err != nil {
		return err
	}
	defer c.Close()
	var last time.Time
	s := &imap.Syncer{St: st, C: c, Account: acct, Mailboxes: mailboxes, OnProgress: func(p imap.Progress) {
		if time.Since(last) > 250*time.Millisecond || p.Done == p.Total {
			last = time.Now()
			fmt.Fprintf(stderr, "\r%s", app.T("status.syncing", map[string]any{"Mailbox": p.Mailbox, "Done": p.Done, "Total": p.Total}))
		}
	}}
	rs, err := s.Replay(ctx)
	if err != nil {
		return err
	}
	results, err := s.SyncAll(ctx)
	fmt.Fprintln(stderr)
	if err != nil {
		return err
	}
	var added, flagged, vanished int
	for _, r := range results {
		added, flagged, vanished = added+r.Added, flagged+r.Flagged, vanished+r.Vanished
	}
	c.Logout().Wait()
	fmt.Fprintln(stdout, app.T("cli.sync_done", map[string]any{"Mailboxes": len(results), "Added": added, "Flagged": flagged,
		"Vanished": vanished, "Replayed": rs, "Seconds": fmt.Sprintf("%.2f", time.Since(start).Seconds())}))
	return nil
}

// syncIdle keeps an account in sync until interrupted, reporting on stderr.
func syncIdle(ctx context.Context, st *store.Store, acct desk.Account, cfg imap.Config, stderr io.Writer) error {
	w := imap.NewWorker(st, acct, cfg)
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	for {
		select {
		case err := <-done:
			return err
		case ev := <-w.Events():
			switch e := ev.(type) {
			case imap.Online:
				fmt.Fprintln(stderr, app.T("status.online"))
			case imap.Offline:
				fmt.Fprintln(stderr, app.T("status.offline")+": "+app.ErrorText(e.Err))
			case imap.NewMail:
				fmt.Fprintln(stderr, app.T("cli.new_mail", map[string]any{"Mailbox": e.Mailbox, "N": e.Count}))
			case imap.Synced:
				fmt.Fprintln(stderr, app.T("status.last_sync", map[string]any{"Time": e.At.Format("15:04:05")}))
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

func cmdQueue(ctx context.Context, args []string, stdout io.Writer) error {
	fs, db := newFlags("queue")
	from := fs.String("from", "", "cli.flag_from")
	to := fs.String("to", "", "cli.flag_to")
	cc := fs.String("cc", "", "cli.flag_cc")
	subject := fs.String("subject", "", "cli.flag_subject")
	bodyFile := fs.String("body-file", "", "cli.flag_body_file")
	var attach stringList
	fs.Var(&attach, "attach", "cli.flag_attach")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *from == "" || *to == "" || *bodyFile == "" {
		return usageErr("%s", app.T("cli.queue_needs"))
	}
	d := outbox.Draft{Subject: *subject}
	fromList, err := outbox.ParseAddresses(*from)
	if err != nil || len(fromList) != 1 {
		return usageErr("%s", app.T("cli.bad_address", map[string]any{"Value": *from}))
	}
	d.From = fromList[0]
	if d.To, err = outbox.ParseAddresses(*to); err != nil {
		return usageErr("%s", app.T("cli.bad_address", map[string]any{"Value": *to}))
	}
	if d.Cc, err = outbox.ParseAddresses(*cc); err != nil {
		return usageErr("%s", app.T("cli.bad_address", map[string]any{"Value": *cc}))
	}
	body, err := os.ReadFile(*bodyFile)
	if err != nil {
		return &exitError{code: 1, msg: app.T("cli.cannot_read", map[string]any{"Path": *bodyFile, "Detail": err.Error()})}
	}
	d.Body = string(body)
	for _, p := range attach {
		a, err := outbox.AttachFile(p)
		if err != nil {
			return &exitError{code: 1, msg: app.T("cli.cannot_read", map[string]any{"Path": p, "Detail": err.Error()})}
		}
		d.Attachments = append(d.Attachments, a)
	}
	raw, id, err := outbox.Build(d, time.Now())
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	o := desk.OutboxItem{MessageID: id, From: d.From.Address, To: outbox.FormatAddresses(append(d.To, d.Cc...)), Subject: d.Subject,
		Raw: raw, Rcpts: outbox.Recipients(d)}
	if err := st.QueueOutbox(ctx, &o); err != nil {
		return err
	}
	fmt.Fprintln(stdout, app.T("cli.queued", map[string]any{"ID": o.ID, "MessageID": id}))
	return nil
}

func cmdSendPending(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, db := newFlags("send-pending")
	smtpHost := fs.String("smtp-host", "", "cli.flag_smtp_host")
	smtpPort := fs.Int("smtp-port", 0, "cli.flag_smtp_port")
	smtpSec := fs.String("smtp-security", imap.SecurityTLS, "cli.flag_security")
	smtpUser := fs.String("smtp-user", "", "cli.flag_smtp_user")
	smtpPassEnv := fs.String("smtp-password-env", "", "cli.flag_password_env")
	im := addIMAPFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := openStore(ctx, *db, true)
	if err != nil {
		return err
	}
	defer st.Close()
	s := &outbox.Sender{St: st}
	var acct desk.Account
	if *im.account != "" {
		if acct, err = st.AccountByName(ctx, *im.account); err != nil {
			return &exitError{code: 1, msg: app.T("cli.no_account", map[string]any{"Name": *im.account})}
		}
		s.AccountID = acct.ID
		*smtpHost, *smtpPort, *smtpSec, *smtpUser = firstNonEmpty(*smtpHost, acct.SMTPHost), firstNonZero(*smtpPort, acct.SMTPPort), acct.SMTPSecurity, firstNonEmpty(*smtpUser, acct.SMTPUser)
	}
	if *smtpHost == "" {
		return usageErr("%s", app.T("cli.send_needs"))
	}
	switch *smtpSec {
	case imap.SecurityTLS, imap.SecuritySTARTTLS, imap.SecurityPlain:
	default:
		return usageErr("%s", app.T("cli.bad_security", map[string]any{"Value": *smtpSec}))
	}
	if *smtpPort == 0 {
		*smtpPort = map[string]int{imap.SecurityTLS: 465, imap.SecuritySTARTTLS: 587, imap.SecurityPlain: 25}[*smtpSec]
	}
	s.SMTP = outbox.SMTPConfig{Host: *smtpHost, Port: *smtpPort, Security: *smtpSec, User: *smtpUser, CAFile: *im.caFile}
	if *smtpPassEnv != "" {
		if s.SMTP.Secret = os.Getenv(*smtpPassEnv); s.SMTP.Secret == "" {
			return usageErr("%s", app.T("cli.empty_password_env", map[string]any{"Var": *smtpPassEnv}))
		}
	}
	// The Sent copy goes through IMAP when an account or IMAP flags say where.
	if cfg, ok, err := imapConfig(ctx, st, im, acct); err != nil {
		return err
	} else if ok {
		if s.SMTP.Secret == "" && s.SMTP.User != "" {
			s.SMTP.Secret = cfg.Secret
		}
		c, err := imap.Dial(ctx, cfg, nil)
		if err != nil {
			return err
		}
		defer c.Logout()
		s.IMAP = c
		if acct.ID != 0 {
			if mb, err := st.MailboxByRole(ctx, acct.ID, desk.RoleSent); err == nil {
				s.SentMailbox = mb.Name
			}
		}
	} else {
		fmt.Fprintln(stderr, app.T("cli.no_sent_copy"))
	}
	if os.Getenv("LOGE_FAULT") == "exit-after-submit" {
		// Fault injection for the crash tests: die like a killed process once the SMTP server has
		// accepted the mail, before the Sent copy.
		s.AfterSubmit = func(desk.OutboxItem) { os.Exit(75) }
	}
	// Another drainer (the window, a second script) may hold the outbox: wait for it, then send
	// what it left.
	s.Wait = true
	rep, err := s.Drain(ctx)
	fmt.Fprintln(stdout, app.T("cli.send_report", map[string]any{"Sent": rep.Sent, "Failed": rep.Failed, "Waiting": rep.Waiting}))
	if rep.Unsure > 0 {
		fmt.Fprintln(stderr, app.T("cli.some_unsure", map[string]any{"N": rep.Unsure}))
	}
	if err != nil {
		return err
	}
	if rep.Failed > 0 {
		return &exitError{code: 1, msg: app.T("cli.some_failed", map[string]any{"N": rep.Failed})}
	}
	return nil
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
				return cfg, false, &exitError{code: 1, msg: app.T("cli.no_secret", map[string]any{"Name": acct.Name})}
			}
			cfg.Secret = secret
		}
		return cfg, true, nil
	}
	if *im.host == "" {
		return imap.Config{}, false, nil
	}
	if *im.user == "" || *im.passEnv == "" {
		return imap.Config{}, false, usageErr("%s", app.T("cli.sync_needs"))
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
		return cfg, false, usageErr("%s", app.T("cli.empty_password_env", map[string]any{"Var": *im.passEnv}))
	}
	return cfg, true, nil
}

type outboxRow struct {
	ID        int64  `json:"id"`
	MessageID string `json:"message_id"`
	From      string `json:"from"`
	To        string `json:"to"`
	Subject   string `json:"subject"`
	State     string `json:"state"`
	Attempts  int    `json:"attempts"`
	LastError string `json:"last_error"`
	CreatedAt string `json:"created_at"`
	SentAt    string `json:"sent_at"`
}

func cmdOutbox(ctx context.Context, args []string, stdout io.Writer) error {
	fs, db := newFlags("outbox")
	asJSON := fs.Bool("json", false, "cli.flag_json")
	resend := fs.Int64("send-again", 0, "cli.flag_send_again")
	markSent := fs.Int64("mark-sent", 0, "cli.flag_mark_sent")
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := openStore(ctx, *db, true)
	if err != nil {
		return err
	}
	defer st.Close()
	// The user's answer about a mail that may have gone out before Loge stopped.
	for _, a := range []struct {
		id    int64
		again bool
	}{{*resend, true}, {*markSent, false}} {
		if a.id == 0 {
			continue
		}
		if err := st.ResolveUnsure(ctx, a.id, a.again); err != nil {
			if errors.Is(err, store.ErrNotFound) {
				return &exitError{code: 1, msg: app.T("cli.no_outbox_item", map[string]any{"ID": a.id})}
			}
			return &exitError{code: 1, msg: app.T("cli.not_unsure", map[string]any{"ID": a.id})}
		}
	}
	items, err := st.Outbox(ctx)
	if err != nil {
		return err
	}
	rows := []outboxRow{}
	for _, o := range items {
		r := outboxRow{o.ID, o.MessageID, o.From, o.To, o.Subject, o.State, o.Attempts, o.LastError, o.CreatedAt.Format(time.RFC3339), ""}
		if !o.SentAt.IsZero() {
			r.SentAt = o.SentAt.Format(time.RFC3339)
		}
		rows = append(rows, r)
	}
	if *asJSON {
		return writeJSON(stdout, rows)
	}
	for _, r := range rows {
		fmt.Fprintf(stdout, "%d\t%s\t%s\t%s\n", r.ID, app.T("outbox.state."+r.State), r.To, r.Subject)
	}
	return nil
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

func firstNonZero(a, b int) int {
	if a != 0 {
		return a
	}
	return b
}

// writeFileAtomically writes a document through a temporary file renamed into place, so an error
// half-way leaves nothing half-written (and an existing file untouched).
func writeFileAtomically(path string, write func(io.Writer) error) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return &exitError{code: 1, msg: app.T("cli.cannot_write", map[string]any{"Path": path, "Detail": err.Error()})}
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return &exitError{code: 1, msg: app.T("cli.cannot_write", map[string]any{"Path": path, "Detail": err.Error()})}
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return &exitError{code: 1, msg: app.T("cli.cannot_write", map[string]any{"Path": path, "Detail": err.Error()})}
	}
	return nil
}

// docCommand is the shape every document command shares: flags, an open desk, one output file.
func docCommand(ctx context.Context, name string, args []string, stdout io.Writer, extra func(*flag.FlagSet) func() error,
	write func(st *store.Store, w io.Writer) error) error {
	fs, db := newFlags(name)
	check := extra(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := check(); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageErr("%s", app.T("cli.needs_out"))
	}
	out := fs.Arg(0)
	st, err := openStore(ctx, *db, true)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := writeFileAtomically(out, func(w io.Writer) error { return write(st, w) }); err != nil {
		return err
	}
	fmt.Fprintln(stdout, app.T("cli.written", map[string]any{"Path": out}))
	return nil
}

func cmdItineraryPDF(ctx context.Context, args []string, stdout io.Writer) error {
	var stay, lang *string
	return docCommand(ctx, "itinerary-pdf", args, stdout, func(fs *flag.FlagSet) func() error {
		stay = fs.String("stay", "", "cli.flag_stay")
		lang = fs.String("lang", "", "cli.flag_doc_lang")
		return func() error {
			if *stay == "" {
				return usageErr("%s", app.T("cli.needs_stay"))
			}
			return nil
		}
	}, func(st *store.Store, w io.Writer) error { return docs.Itinerary(ctx, st, *stay, *lang, w) })
}

func cmdDowntimePDF(ctx context.Context, args []string, stdout io.Writer) error {
	var day, lang *string
	return docCommand(ctx, "downtime-pdf", args, stdout, func(fs *flag.FlagSet) func() error {
		day = fs.String("date", time.Now().Format(time.DateOnly), "cli.flag_date")
		lang = fs.String("lang", app.CurrentLang(), "cli.flag_doc_lang")
		return func() error {
			if _, err := time.Parse(time.DateOnly, *day); err != nil {
				return usageErr("%s", app.T("cli.bad_date", map[string]any{"Value": *day}))
			}
			return nil
		}
	}, func(st *store.Store, w io.Writer) error { return docs.Downtime(ctx, st, *day, *lang, w) })
}

func cmdExportICS(ctx context.Context, args []string, stdout io.Writer) error {
	var stay, request, lang *string
	return docCommand(ctx, "export-ics", args, stdout, func(fs *flag.FlagSet) func() error {
		stay = fs.String("stay", "", "cli.flag_stay")
		request = fs.String("request", "", "cli.flag_request")
		lang = fs.String("lang", app.CurrentLang(), "cli.flag_doc_lang")
		return func() error {
			if (*stay == "") == (*request == "") {
				return usageErr("%s", app.T("cli.needs_stay_or_request"))
			}
			return nil
		}
	}, func(st *store.Store, w io.Writer) error {
		if *request != "" {
			return ics.Request(ctx, st, *request, *lang, w)
		}
		return ics.Stay(ctx, st, *stay, *lang, w)
	})
}

func cmdExportVCard(ctx context.Context, args []string, stdout io.Writer) error {
	var version *string
	return docCommand(ctx, "export-vcard", args, stdout, func(fs *flag.FlagSet) func() error {
		version = fs.String("version", "3.0", "cli.flag_vcard_version")
		return func() error {
			if *version != "3.0" && *version != "4.0" {
				return usageErr("%s", app.T("cli.bad_vcard_version", map[string]any{"Value": *version}))
			}
			return nil
		}
	}, func(st *store.Store, w io.Writer) error {
		_, err := vcard.Export(ctx, st, w, nil, *version)
		return err
	})
}

func cmdImportVCard(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, db := newFlags("import-vcard")
	category := fs.String("category", "other", "cli.flag_category")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageErr("%s", app.T("cli.needs_files"))
	}
	st, err := openStore(ctx, *db, true)
	if err != nil {
		return err
	}
	defer st.Close()
	problems := 0
	for _, path := range fs.Args() {
		f, err := os.Open(path)
		if err != nil {
			return &exitError{code: 1, msg: app.T("cli.cannot_read", map[string]any{"Path": path, "Detail": err.Error()})}
		}
		rep, err := vcard.Import(ctx, st, f, vcard.ImportOptions{Category: *category})
		f.Close()
		if err != nil {
			return err
		}
		for _, p := range rep.Problems {
			fmt.Fprintln(stderr, app.T("cli.vcard_problem", map[string]any{"Path": path, "Line": p.Line, "Name": p.Name, "Detail": app.VCardErrorText(p.Err)}))
		}
		problems += len(rep.Problems)
		fmt.Fprintln(stdout, app.T("cli.vcard_report", map[string]any{"Path": path, "Added": rep.Added, "Updated": rep.Updated, "Duplicates": rep.Duplicates, "Problems": len(rep.Problems)}))
	}
	if problems > 0 {
		return &exitError{code: 1, msg: app.T("cli.vcard_some_problems", map[string]any{"N": problems})}
	}
	return nil
}
