package gui

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"loge/app/i18n"
	"loge/data/desk"
	"loge/data/store"
	"loge/data/vault"

	"fyne.io/fyne/v2/test"
	"github.com/zalando/go-keyring"

	"loge/data/imap"
	"loge/data/imap/imaptest"
)

// newAccountsUI is an empty desk with the accounts panel over a mock keyring (or, with keyringErr,
// a keyring that fails as on headless Linux) and credentials in a temp folder.
func newAccountsUI(t *testing.T, code string, keyringErr error) (*accountsPanel, *store.Store, *[]desk.Account) {
	t.Helper()
	if keyringErr != nil {
		keyring.MockInitWithError(keyringErr)
		t.Cleanup(keyring.MockInit)
	} else {
		keyring.MockInit()
	}
	u, st := newEmptyUI(t, code)
	var saved []desk.Account
	p := newAccountsPanel(u, vault.NewCredentials(t.TempDir()), func(a desk.Account) { saved = append(saved, a) })
	p.content()
	return p, st, &saved
}

// openAdd taps "Add account" and returns the form.
func openAdd(t *testing.T, p *accountsPanel) *accountForm {
	t.Helper()
	test.Tap(p.addBtn)
	if p.form == nil || !p.form.f.open {
		t.Fatal("account form not open")
	}
	return p.form
}

func selectCode(t *testing.T, cf *choiceField, code string) {
	t.Helper()
	for i, c := range cf.codes {
		if c == code {
			cf.sel.SetSelectedIndex(i)
			return
		}
	}
	t.Fatalf("no option %q in %v", code, cf.codes)
}

// deskFilesContain says whether any file of the desk (the database, its WAL and shared memory)
// holds s.
func deskFilesContain(t *testing.T, st *store.Store, s string) bool {
	t.Helper()
	files, _ := filepath.Glob(st.Path() + "*")
	if len(files) == 0 {
		t.Fatalf("no desk files at %s", st.Path())
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(string(b), s) {
			return true
		}
	}
	return false
}

func TestAccountsCreateKeepsPasswordInKeyringNotDatabase(t *testing.T) {
	p, st, saved := newAccountsUI(t, "en", nil)
	ctx := context.Background()
	const pw = "Tr0ub4dor&3-concierge-secret"

	af := openAdd(t, p)
	if af.storage.code() != string(vault.StorageKeyring) {
		t.Fatalf("with a keyring the password goes to it by default, not %q", af.storage.code())
	}
	if af.imapPort.entry.Text != "993" || af.imapSec.code() != imap.SecurityTLS || af.smtpPort.entry.Text != "465" {
		t.Fatalf("defaults: port %q security %q smtp %q", af.imapPort.entry.Text, af.imapSec.code(), af.smtpPort.entry.Text)
	}
	typeInto(t, af.f, "Name", "Réception")
	typeInto(t, af.f, "Email", "reception@hotel.example")
	typeInto(t, af.f, "IMAPHost", "imap.hotel.example")
	typeInto(t, af.f, "Password", pw)
	typeInto(t, af.f, "Signature", "Le concierge\nHôtel du Parc")
	test.Tap(af.f.saveBtn)
	if af.f.open {
		t.Fatalf("form still open: %q / storage %q", af.f.general.Text, af.f.errorOf("Storage").Text)
	}

	accts, err := st.Accounts(ctx)
	if err != nil || len(accts) != 1 {
		t.Fatalf("accounts %+v, %v", accts, err)
	}
	a := accts[0]
	if a.Name != "Réception" || a.IMAPHost != "imap.hotel.example" || a.IMAPPort != 993 || a.IMAPSecurity != "tls" ||
		a.IMAPUser != "reception@hotel.example" || a.Signature != "Le concierge\nHôtel du Parc" {
		t.Fatalf("stored account %+v", a)
	}
	if got, err := keyring.Get(vault.KeyringService, "imap:Réception"); err != nil || got != pw {
		t.Fatalf("keyring holds %q, %v", got, err)
	}
	if !deskFilesContain(t, st, "imap.hotel.example") { // the check can see what the desk holds
		t.Fatal("the account's host is not found in the desk files: the password check is blind")
	}
	if deskFilesContain(t, st, pw) {
		t.Fatal("the password is in the desk database")
	}
	if _, err := os.Stat(p.creds.FilePath()); !errors.Is(err, fs.ErrNotExist) {
		t.Fatal("a keyring save wrote the credentials file")
	}
	if len(*saved) != 1 || (*saved)[0].ID != a.ID {
		t.Fatalf("onSaved got %+v", *saved)
	}
	if len(p.accounts) != 1 || len(p.editBtns) != 1 {
		t.Fatalf("panel lists %d accounts", len(p.accounts))
	}

	// Edit: the password field stays empty (keep the saved one); a rename moves it in the keyring.
	test.Tap(p.editBtns[0])
	af = p.form
	if af.password.Text != "" || af.password.PlaceHolder != i18n.T("accounts.password_keep") || af.storage.code() != string(vault.StorageKeyring) {
		t.Fatalf("edit form: password %q placeholder %q storage %q", af.password.Text, af.password.PlaceHolder, af.storage.code())
	}
	typeInto(t, af.f, "Name", "Conciergerie")
	test.Tap(af.f.saveBtn)
	if af.f.open {
		t.Fatalf("edit form still open: %q", af.f.general.Text)
	}
	if got, _ := keyring.Get(vault.KeyringService, "imap:Conciergerie"); got != pw {
		t.Fatalf("password not moved with the rename: %q", got)
	}
	if _, err := keyring.Get(vault.KeyringService, "imap:Réception"); !errors.Is(err, keyring.ErrNotFound) {
		t.Fatalf("old keyring item left behind: %v", err)
	}
	if a, _ := st.AccountByName(ctx, "Conciergerie"); a.ID != accts[0].ID || a.Email != "reception@hotel.example" {
		t.Fatalf("renamed account %+v", a)
	}
	if deskFilesContain(t, st, pw) {
		t.Fatal("the password reached the desk database on edit")
	}
}

func TestAccountsValidationErrorsShowNextToTheField(t *testing.T) {
	p, st, saved := newAccountsUI(t, "fr", nil)
	ctx := context.Background()
	af := openAdd(t, p)
	typeInto(t, af.f, "IMAPHost", "imap.hotel.example")
	typeInto(t, af.f, "Password", "pw")
	test.Tap(af.f.saveBtn)
	l := af.f.errorOf("Name")
	if !af.f.open || !l.Visible() || l.Text != i18n.T("val.short.required") || strings.HasPrefix(l.Text, "val.") {
		t.Fatalf("empty name: open=%v visible=%v %q", af.f.open, l.Visible(), l.Text)
	}
	if accts, _ := st.Accounts(ctx); len(accts) != 0 {
		t.Fatalf("stored despite the error: %+v", accts)
	}
	if _, err := keyring.Get(vault.KeyringService, "imap:"); !errors.Is(err, keyring.ErrNotFound) {
		t.Fatal("password saved for a rejected account")
	}

	typeInto(t, af.f, "Name", "Réception")
	typeInto(t, af.f, "IMAPPort", "70000")
	test.Tap(af.f.saveBtn)
	if l := af.f.errorOf("IMAPPort"); !af.f.open || !l.Visible() || l.Text != i18n.T("val.short.out_of_range") || af.f.errorOf("Name").Visible() {
		t.Fatalf("port 70000: open=%v %q", af.f.open, l.Text)
	}

	// Plain text is for a server on this computer only.
	typeInto(t, af.f, "IMAPPort", "143")
	selectCode(t, af.imapSec, imap.SecurityPlain)
	test.Tap(af.f.saveBtn)
	if l := af.f.errorOf("IMAPSecurity"); !af.f.open || !l.Visible() || l.Text != i18n.T("accounts.plain_loopback_only") {
		t.Fatalf("plain text to a remote host: open=%v %q", af.f.open, l.Text)
	}
	selectCode(t, af.imapSec, imap.SecurityTLS)
	if af.imapPort.entry.Text != "993" {
		t.Fatalf("port did not follow the security back to TLS: %q", af.imapPort.entry.Text)
	}
	test.Tap(af.f.saveBtn)
	if af.f.open {
		t.Fatalf("valid account not saved: %q", af.f.general.Text)
	}

	// A second account may not take the same name.
	af = openAdd(t, p)
	typeInto(t, af.f, "Name", "Réception")
	test.Tap(af.f.saveBtn)
	if l := af.f.errorOf("Name"); !af.f.open || l.Text != i18n.T("accounts.name_taken") {
		t.Fatalf("duplicate name: open=%v %q", af.f.open, l.Text)
	}
	if len(*saved) != 1 {
		t.Fatalf("onSaved called %d times", len(*saved))
	}
}

func TestAccountsWithoutKeyringTheFallbackIsChosen(t *testing.T) {
	p, st, _ := newAccountsUI(t, "en", errors.New("The name org.freedesktop.secrets was not provided by any .service files"))
	af := openAdd(t, p)
	if len(af.storage.codes) != 2 || af.storage.codes[0] != string(vault.StorageSession) || af.storage.codes[1] != string(vault.StorageFile) {
		t.Fatalf("without a keyring the choices are %v", af.storage.codes)
	}
	if af.storage.code() != string(vault.StorageSession) {
		t.Fatalf("preselected %q: the file must never be the default", af.storage.code())
	}
	if !strings.Contains(af.storageHint.Text, i18n.T("accounts.no_keyring")) {
		t.Fatalf("no word about the missing keyring: %q", af.storageHint.Text)
	}
	selectCode(t, af.storage, string(vault.StorageFile))
	if !strings.Contains(af.storageHint.Text, p.creds.FilePath()) || !strings.Contains(af.storage.sel.Selected, "readable by anyone") {
		t.Fatalf("file choice does not say where and what: %q / %q", af.storage.sel.Selected, af.storageHint.Text)
	}
	typeInto(t, af.f, "Name", "Desk")
	typeInto(t, af.f, "IMAPHost", "imap.hotel.example")
	typeInto(t, af.f, "Password", "file-secret-42")
	test.Tap(af.f.saveBtn)
	if af.f.open {
		t.Fatalf("form still open: %q", af.f.errorOf("Storage").Text)
	}
	b, err := os.ReadFile(p.creds.FilePath())
	if err != nil || !strings.Contains(string(b), "file-secret-42") {
		t.Fatalf("credentials file: %v\n%s", err, b)
	}
	if fi, _ := os.Stat(p.creds.FilePath()); runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Fatalf("credentials file mode %v", fi.Mode().Perm())
	}
	if deskFilesContain(t, st, "file-secret-42") {
		t.Fatal("the password is in the desk database")
	}

	// Back to this session only: the file forgets it.
	test.Tap(p.editBtns[0])
	af = p.form
	if af.storage.code() != string(vault.StorageFile) {
		t.Fatalf("edit form shows storage %q", af.storage.code())
	}
	selectCode(t, af.storage, string(vault.StorageSession))
	test.Tap(af.f.saveBtn)
	if s, where, err := p.creds.Load("imap:Desk"); err != nil || s != "file-secret-42" || where != vault.StorageSession {
		t.Fatalf("after moving to the session: %q %q %v", s, where, err)
	}
	if _, err := os.Stat(p.creds.FilePath()); !errors.Is(err, fs.ErrNotExist) {
		t.Fatal("credentials file kept after moving the password to the session")
	}
}

// memIMAP is go-imap's in-memory server on a loopback port in plain text, with user "desk"/"pw"
// and an INBOX (as memServer in data/imap's tests).
func memIMAP(t *testing.T) int {
	t.Helper()
	port, _ := imaptest.MemServer(t, "desk", "pw")
	return port
}

// runTest taps "Test connection" and waits for its result (posted through fyne.Do).
func runTest(t *testing.T, af *accountForm) string {
	t.Helper()
	before := af.testsDone.Load()
	test.Tap(af.testBtn)
	deadline := time.Now().Add(20 * time.Second)
	for af.testsDone.Load() == before {
		if time.Now().After(deadline) {
			t.Fatal("connection test never reported")
		}
		time.Sleep(10 * time.Millisecond)
	}
	if af.testBusy.Visible() || af.testBtn.Disabled() {
		t.Fatal("progress still shown after the result")
	}
	return af.testResult.Text
}

func TestAccountsTestConnection(t *testing.T) {
	p, _, _ := newAccountsUI(t, "fr", nil)
	port := memIMAP(t)
	af := openAdd(t, p)
	typeInto(t, af.f, "Name", "Test")
	typeInto(t, af.f, "IMAPHost", "127.0.0.1")
	selectCode(t, af.imapSec, imap.SecurityPlain)
	typeInto(t, af.f, "IMAPPort", strconv.Itoa(port))
	typeInto(t, af.f, "IMAPUser", "desk")
	typeInto(t, af.f, "Password", "pw")

	if got, want := runTest(t, af), i18n.T("accounts.test_ok_one"); got != want || !strings.Contains(got, "Connecté") {
		t.Fatalf("good login: %q, want %q", got, want)
	}

	typeInto(t, af.f, "Password", "wrong")
	if got, want := runTest(t, af), i18n.T("accounts.err_auth"); got != want || !strings.Contains(got, "mot de passe") {
		t.Fatalf("wrong password: %q, want %q", got, want)
	}

	// Nothing listening: unreachable.
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	closed := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	typeInto(t, af.f, "IMAPPort", strconv.Itoa(closed))
	if got := runTest(t, af); got != i18n.T("accounts.err_unreachable") {
		t.Fatalf("closed port: %q", got)
	}

	// Plain text towards another host is refused before any connection.
	typeInto(t, af.f, "IMAPHost", "imap.hotel.example")
	if got := runTest(t, af); got != i18n.T("accounts.plain_loopback_only") {
		t.Fatalf("plain text to a remote host: %q", got)
	}

	// Saved, then edited with the password left empty: the test uses the saved one.
	typeInto(t, af.f, "IMAPHost", "127.0.0.1")
	typeInto(t, af.f, "IMAPPort", strconv.Itoa(port))
	typeInto(t, af.f, "Password", "pw")
	test.Tap(af.f.saveBtn)
	if af.f.open {
		t.Fatalf("form still open: %q", af.f.general.Text)
	}
	test.Tap(p.editBtns[0])
	af = p.form
	if got := runTest(t, af); got != i18n.T("accounts.test_ok_one") {
		t.Fatalf("with the saved password: %q", got)
	}
}

func TestMailErrorText(t *testing.T) {
	for _, code := range []string{"en", "fr"} {
		i18n.Load(code)
		cert := fmt.Errorf("imap.hotel.example:993: %w", &imap.CertError{Fingerprint: "AB:CD:EF", Subject: "CN=imap", Err: errors.New("x509: unknown authority")})
		cases := map[error]string{
			fmt.Errorf("h:993 as desk: %w", imap.ErrAuth): i18n.T("accounts.err_auth"),
			cert: i18n.T("accounts.err_cert", map[string]any{"Fingerprint": "AB:CD:EF"}),
			fmt.Errorf("h:993: %w: refused", imap.ErrUnreachable):     i18n.T("accounts.err_unreachable"),
			fmt.Errorf("sync: %w: EOF", imap.ErrConnectionLost):       i18n.T("accounts.err_connection_lost"),
			fmt.Errorf("h:993: %w", imap.ErrNotIMAP4):                 i18n.T("accounts.err_not_imap"),
			fmt.Errorf("h:143: %w", imap.ErrNoSTARTTLS):               i18n.T("accounts.err_no_starttls"),
			fmt.Errorf("imap:Desk: %w: dbus", vault.ErrNoKeyring):     i18n.T("accounts.err_no_keyring"),
			fmt.Errorf("imap:Desk: %w", vault.ErrNoSecret):            i18n.T("accounts.err_no_secret"),
			fmt.Errorf("%w", &imap.CertError{Err: errors.New("bad")}): i18n.T("accounts.err_cert_nofp"),
		}
		for err, want := range cases {
			got, ok := i18n.MailErrorText(err)
			if !ok || got != want || strings.HasPrefix(got, "accounts.") {
				t.Errorf("%s: %v → %q, %v", code, err, got, ok)
			}
		}
		if got, _ := i18n.MailErrorText(cert); !strings.Contains(got, "AB:CD:EF") {
			t.Errorf("%s: fingerprint missing: %q", code, got)
		}
		if _, ok := i18n.MailErrorText(errors.New("disk full")); ok {
			t.Errorf("%s: an unrelated error was claimed", code)
		}
		if got := testErrorText(errors.New("CA file: no PEM certificate in it")); !strings.Contains(got, "no PEM certificate") {
			t.Errorf("%s: other errors keep their detail: %q", code, got)
		}
	}
	if en, fr := func() (string, string) {
		i18n.Load("en")
		e, _ := i18n.MailErrorText(imap.ErrAuth)
		i18n.Load("fr")
		f, _ := i18n.MailErrorText(imap.ErrAuth)
		i18n.Load("en")
		return e, f
	}(); en == fr {
		t.Fatalf("wrong-password text is not translated: %q", fr)
	}
}
