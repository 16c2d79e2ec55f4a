package office

import (
	"context"
	"os"
	"path/filepath"
	"time"

	"loge/data/demo"
	"loge/data/imap"
	"loge/data/outbox"
	"loge/data/vault"
)

// demoServers are the demo desk's in-process IMAP server and SMTP sink, and its throwaway folder.
type demoServers struct {
	srv       *demo.Server
	sink      *outbox.Sink
	colleague *Colleague
	dir       string
	cancel    context.CancelFunc
}

func (d *demoServers) setDown(down bool) { d.srv.SetDown(down); d.sink.Down.Store(down) }

func (d *demoServers) close() {
	d.cancel()
	if d.colleague != nil {
		d.colleague.Wait()
	}
	d.sink.Close()
	os.RemoveAll(d.dir)
}

// OpenDemo seeds a throwaway desk and serves its mail from an in-process IMAP server on loopback,
// which the desk then syncs like any account; a new guest mail arrives every minute. Outgoing mail
// goes to an in-process SMTP sink that delivers nowhere; its Sent copy lands on the IMAP server.
// Close removes it all.
func OpenDemo(ctx context.Context) (*Office, error) {
	dir, err := os.MkdirTemp("", "loge-demo-")
	if err != nil {
		return nil, err
	}
	o, err := openDemo(ctx, dir)
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return o, nil
}

func openDemo(ctx context.Context, dir string) (*Office, error) {
	o, err := Open(ctx, filepath.Join(dir, "demo.db"))
	if err != nil {
		return nil, err
	}
	st, now := o.Store, time.Now()
	fail := func(err error) (*Office, error) { o.Close(); return nil, err }
	if err := demo.Seed(ctx, st, now); err != nil {
		return fail(err)
	}
	sctx, cancel := context.WithCancel(context.Background())
	srv, err := demo.StartServer(sctx, now)
	if err != nil {
		cancel()
		return fail(err)
	}
	sink, err := outbox.StartSink(outbox.SinkOptions{User: srv.User(), Pass: srv.Password()})
	if err != nil {
		cancel()
		return fail(err)
	}
	o.demo = &demoServers{srv: srv, sink: sink, dir: dir, cancel: cancel}
	acct, err := st.AccountByName(ctx, demo.AccountName)
	if err != nil {
		return fail(err)
	}
	acct.IMAPHost, acct.IMAPPort, acct.IMAPUser = "127.0.0.1", srv.Port(), srv.User()
	acct.SMTPHost, acct.SMTPPort, acct.SMTPSecurity, acct.SMTPUser = "127.0.0.1", sink.Port(), imap.SecurityPlain, srv.User()
	if err := st.UpdateAccount(ctx, &acct); err != nil {
		return fail(err)
	}
	// The demo's password lives for this session only: nothing reaches the user's keyring.
	if err := o.vault.Save("imap:"+acct.Name, srv.Password(), vault.StorageSession); err != nil {
		return fail(err)
	}
	srv.DeliverEvery(sctx, time.Minute, nil)
	// Camille, at the team's other desk, works on the same mailbox now and then.
	cfg := imap.Config{Host: "127.0.0.1", Port: srv.Port(), Security: imap.SecurityPlain, User: srv.User(), Secret: srv.Password()}
	if o.demo.colleague, err = startColleague(sctx, dir, cfg, st, 45*time.Second); err != nil {
		return fail(err)
	}
	return o, nil
}
