package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"loge/app/i18n"
	"loge/data/desk"
	"loge/data/imap"
	"loge/data/outbox"
	"loge/data/store"
)

func cmdQueue(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, db := newFlags("queue", stderr)
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
		return usageErr("%s", i18n.T("cli.queue_needs"))
	}
	d := outbox.Draft{Subject: *subject}
	fromList, err := outbox.ParseAddresses(*from)
	if err != nil || len(fromList) != 1 {
		return usageErr("%s", i18n.T("cli.bad_address", map[string]any{"Value": *from}))
	}
	d.From = fromList[0]
	if d.To, err = outbox.ParseAddresses(*to); err != nil {
		return usageErr("%s", i18n.T("cli.bad_address", map[string]any{"Value": *to}))
	}
	if d.Cc, err = outbox.ParseAddresses(*cc); err != nil {
		return usageErr("%s", i18n.T("cli.bad_address", map[string]any{"Value": *cc}))
	}
	body, err := os.ReadFile(*bodyFile)
	if err != nil {
		return &exitError{code: 1, msg: i18n.T("cli.cannot_read", map[string]any{"Path": *bodyFile, "Detail": err.Error()})}
	}
	d.Body = string(body)
	for _, p := range attach {
		a, err := outbox.AttachFile(p)
		if err != nil {
			return &exitError{code: 1, msg: i18n.T("cli.cannot_read", map[string]any{"Path": p, "Detail": err.Error()})}
		}
		d.Attachments = append(d.Attachments, a)
	}
	raw, id, err := outbox.Build(d, time.Now())
	if err != nil {
		return err
	}
	st, err := openDesk(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	o := desk.OutboxItem{MessageID: id, From: d.From.Address, To: outbox.FormatAddresses(append(d.To, d.Cc...)), Subject: d.Subject,
		Raw: raw, Rcpts: outbox.Recipients(d)}
	if err := st.QueueOutbox(ctx, &o); err != nil {
		return err
	}
	fmt.Fprintln(stdout, i18n.T("cli.queued", map[string]any{"ID": o.ID, "MessageID": id}))
	return nil
}

func cmdSendPending(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, db := newFlags("send-pending", stderr)
	smtpHost := fs.String("smtp-host", "", "cli.flag_smtp_host")
	smtpPort := fs.Int("smtp-port", 0, "cli.flag_smtp_port")
	smtpSec := fs.String("smtp-security", imap.SecurityTLS, "cli.flag_security")
	smtpUser := fs.String("smtp-user", "", "cli.flag_smtp_user")
	smtpPassEnv := fs.String("smtp-password-env", "", "cli.flag_password_env")
	im := addIMAPFlags(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := openDesk(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	s := &outbox.Sender{St: st}
	var acct desk.Account
	if *im.account != "" {
		if acct, err = st.AccountByName(ctx, *im.account); err != nil {
			return &exitError{code: 1, msg: i18n.T("cli.no_account", map[string]any{"Name": *im.account})}
		}
		s.AccountID = acct.ID
		*smtpHost, *smtpPort, *smtpSec, *smtpUser = desk.FirstNonEmpty(*smtpHost, acct.SMTPHost), firstNonZero(*smtpPort, acct.SMTPPort), acct.SMTPSecurity, desk.FirstNonEmpty(*smtpUser, acct.SMTPUser)
	}
	if *smtpHost == "" {
		return usageErr("%s", i18n.T("cli.send_needs"))
	}
	switch *smtpSec {
	case imap.SecurityTLS, imap.SecuritySTARTTLS, imap.SecurityPlain:
	default:
		return usageErr("%s", i18n.T("cli.bad_security", map[string]any{"Value": *smtpSec}))
	}
	if *smtpPort == 0 {
		*smtpPort = map[string]int{imap.SecurityTLS: 465, imap.SecuritySTARTTLS: 587, imap.SecurityPlain: 25}[*smtpSec]
	}
	s.SMTP = outbox.SMTPConfig{Host: *smtpHost, Port: *smtpPort, Security: *smtpSec, User: *smtpUser, CAFile: *im.caFile}
	if *smtpPassEnv != "" {
		if s.SMTP.Secret = os.Getenv(*smtpPassEnv); s.SMTP.Secret == "" {
			return usageErr("%s", i18n.T("cli.empty_password_env", map[string]any{"Var": *smtpPassEnv}))
		}
	}
	// The Sent copy goes through IMAP when an account or IMAP flags say where.
	if cfg, ok, err := imapConfig(ctx, st, im, acct); err != nil {
		return err
	} else if ok {
		if s.SMTP.Secret == "" && s.SMTP.User != "" {
			s.SMTP.Secret = cfg.Secret
		}
		cfg.ReadTimeout = readTimeout()
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
		fmt.Fprintln(stderr, i18n.T("cli.no_sent_copy"))
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
	fmt.Fprintln(stdout, i18n.T("cli.send_report", map[string]any{"Sent": rep.Sent, "Failed": rep.Failed, "Waiting": rep.Waiting}))
	if rep.Unsure > 0 {
		fmt.Fprintln(stderr, i18n.T("cli.some_unsure", map[string]any{"N": rep.Unsure}))
	}
	if err != nil {
		if errors.Is(err, outbox.ErrSMTPUnreachable) {
			return err // its sentence says the mail waits in the outbox
		}
		return imap.Lost(s.IMAP, err) // the Sent copy's connection
	}
	if rep.Failed > 0 {
		return &exitError{code: 1, msg: i18n.T("cli.some_failed", map[string]any{"N": rep.Failed})}
	}
	return nil
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

func cmdOutbox(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, db := newFlags("outbox", stderr)
	asJSON := fs.Bool("json", false, "cli.flag_json")
	resend := fs.Int64("send-again", 0, "cli.flag_send_again")
	markSent := fs.Int64("mark-sent", 0, "cli.flag_mark_sent")
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := openDesk(ctx, *db)
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
				return &exitError{code: 1, msg: i18n.T("cli.no_outbox_item", map[string]any{"ID": a.id})}
			}
			return &exitError{code: 1, msg: i18n.T("cli.not_unsure", map[string]any{"ID": a.id})}
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
		fmt.Fprintf(stdout, "%d\t%s\t%s\t%s\n", r.ID, i18n.T("outbox.state."+r.State), r.To, r.Subject)
	}
	return nil
}
