package gui

import (
	"context"
	"errors"
	"net"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"loge/app/i18n"
	"loge/data/desk"
	"loge/data/vault"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"loge/data/imap"
)

// accountsPanel is Settings → Accounts: the desk's mail accounts, each with an Edit button, and
// "Add account". Passwords never reach the database: the form hands them to vault.Credentials, in
// the place the concierge chose (the OS keyring, or — only where there is none and only when chosen
// — this session or a plain file that says what it is).
type accountsPanel struct {
	u       *UI
	creds   *vault.Credentials
	onSaved func(desk.Account) // after an account and its password are saved (restart its worker)

	box      *fyne.Container
	addBtn   *widget.Button
	accounts []desk.Account
	editBtns []*widget.Button // one per account, in list order (tests tap them)
	form     *accountForm     // the last form opened; tests reach its widgets here
}

func newAccountsPanel(u *UI, creds *vault.Credentials, onSaved func(desk.Account)) *accountsPanel {
	return &accountsPanel{u: u, creds: creds, onSaved: onSaved}
}

func (p *accountsPanel) content() fyne.CanvasObject {
	p.box = container.NewVBox()
	p.addBtn = widget.NewButtonWithIcon(i18n.T("accounts.add"), theme.ContentAddIcon(), func() { p.edit(nil) })
	p.refresh()
	return container.NewVBox(p.box, container.NewHBox(p.addBtn))
}

// refresh reloads the list of accounts.
func (p *accountsPanel) refresh() {
	if p.box == nil {
		return
	}
	accts, err := p.u.st.Accounts(p.u.ctx)
	if err != nil {
		p.u.ShowError(err)
		return
	}
	p.accounts, p.editBtns = accts, nil
	p.box.Objects = nil
	if len(accts) == 0 {
		l := widget.NewLabel(i18n.T("accounts.none"))
		l.Importance = widget.LowImportance
		l.Wrapping = fyne.TextWrapWord
		p.box.Add(l)
	}
	for _, a := range accts {
		a := a
		host := i18n.T("accounts.no_host")
		if a.IMAPHost != "" {
			host = i18n.T("accounts.detail", map[string]any{"Host": a.IMAPHost, "Port": a.IMAPPort, "Security": mailSecurityShort(a.IMAPSecurity)})
		}
		title := a.Name
		if a.Email != "" {
			title += " — " + a.Email
		}
		edit := widget.NewButtonWithIcon(i18n.T("accounts.edit"), theme.DocumentCreateIcon(), func() { p.edit(&a) })
		p.editBtns = append(p.editBtns, edit)
		name := widget.NewLabel(title)
		name.Truncation = fyne.TextTruncateEllipsis
		detail := widget.NewLabel(host)
		detail.Importance = widget.LowImportance
		if a.IMAPSecurity == imap.SecurityPlain {
			detail.Importance = widget.WarningImportance
		}
		p.box.Add(container.NewBorder(nil, nil, nil, container.NewHBox(detail, edit), name))
	}
	p.box.Refresh()
}

func mailSecurityShort(code string) string {
	switch code {
	case imap.SecurityTLS, "":
		return "TLS"
	case imap.SecuritySTARTTLS:
		return "STARTTLS"
	}
	return i18n.T("accounts.sec_short_plain")
}

// imapSecretKey is the Credentials key of an account's IMAP password.
func imapSecretKey(name string) string { return "imap:" + strings.TrimSpace(name) }

// accountForm is the add/edit dialog of one account.
type accountForm struct {
	p *accountsPanel
	f *form

	orig      *desk.Account // nil until the account exists (set after a first successful save)
	savedKey  string        // the Credentials key the password is under now, "" when none is saved
	savedWhen vault.Storage // where it is

	name, email, imapHost, imapUser, password, caFile *widget.Entry
	imapPort, smtpPort                                *intField
	imapSec, smtpSec, storage                         *choiceField
	smtpHost, smtpUser, signature                     *widget.Entry
	caBtn                                             *widget.Button
	storageHint                                       *widget.Label

	testBtn    *widget.Button
	testBusy   *widget.Activity
	testResult *widget.Label
	testsDone  atomic.Int32 // finished connection tests; tests poll it before reading testResult
	ctx        context.Context
	cancel     context.CancelFunc // ends a running test when the dialog closes
}

var mailSecurityCodes = []string{imap.SecurityTLS, imap.SecuritySTARTTLS, imap.SecurityPlain}

func mailSecurityLabels() []string {
	return []string{i18n.T("accounts.sec_tls"), i18n.T("accounts.sec_starttls"), i18n.T("accounts.sec_plain")}
}

// Default ports by security: what a security change moves an untouched port to.
var (
	defaultIMAPPorts = map[string]int{imap.SecurityTLS: 993, imap.SecuritySTARTTLS: 143, imap.SecurityPlain: 143}
	defaultSMTPPorts = map[string]int{imap.SecurityTLS: 465, imap.SecuritySTARTTLS: 587, imap.SecurityPlain: 587}
)

// edit opens the account form: orig nil adds an account.
func (p *accountsPanel) edit(orig *desk.Account) {
	a0 := desk.Account{IMAPPort: 993, IMAPSecurity: imap.SecurityTLS, SMTPPort: 465, SMTPSecurity: imap.SecurityTLS}
	title := i18n.T("accounts.new_title")
	af := &accountForm{p: p}
	var loadErr error
	if orig != nil {
		a0 = *orig
		o := *orig
		af.orig = &o
		title = i18n.T("accounts.edit_title", map[string]any{"Name": a0.Name})
		if _, where, err := p.creds.Load(imapSecretKey(a0.Name)); err == nil {
			af.savedKey, af.savedWhen = imapSecretKey(a0.Name), where
		} else if !errors.Is(err, vault.ErrNoSecret) {
			loadErr = err
		}
	}
	f := newForm(p.u, title)
	af.f = f

	f.section(i18n.T("accounts.section_account"))
	af.name = f.text("Name", i18n.T("accounts.name"), a0.Name, i18n.T("accounts.name_hint"))
	f.fields["Name"].parse = af.checkName
	af.email = f.text("Email", i18n.T("accounts.email"), a0.Email, "reception@hotel.example")

	f.section(i18n.T("accounts.section_imap"))
	af.imapHost = f.text("IMAPHost", i18n.T("accounts.imap_host"), a0.IMAPHost, "imap.hotel.example")
	af.imapPort = f.integer("IMAPPort", i18n.T("accounts.port"), a0.IMAPPort)
	af.imapPort.entry.SetPlaceHolder("993")
	af.imapSec = f.choice("IMAPSecurity", i18n.T("accounts.security"), mailSecurityCodes, mailSecurityLabels(), a0.IMAPSecurity)
	f.fields["IMAPSecurity"].parse = func() error { return plainCheck(af.imapSec.code(), af.imapHost.Text) }
	af.imapSec.sel.OnChanged = func(string) { followPort(af.imapPort, af.imapSec.code(), defaultIMAPPorts) }
	af.imapUser = f.text("IMAPUser", i18n.T("accounts.user"), a0.IMAPUser, i18n.T("accounts.user_hint"))
	af.password = widget.NewPasswordEntry()
	af.password.OnSubmitted = func(string) { f.submit() }
	switch {
	case af.savedKey != "":
		af.password.SetPlaceHolder(i18n.T("accounts.password_keep"))
	case orig != nil:
		af.password.SetPlaceHolder(i18n.T("accounts.password_none"))
	}
	f.add("Password", i18n.T("accounts.password"), af.password, nil)
	// Where to keep it: a Select with, under it, what the choice means.
	af.storage = &choiceField{sel: widget.NewSelect(nil, nil)}
	af.storageHint = widget.NewLabel("")
	af.storageHint.Wrapping = fyne.TextWrapWord
	af.storage.sel.OnChanged = func(string) { af.updateStorageHint(nil) }
	f.add("Storage", i18n.T("accounts.keep_in"), container.NewVBox(af.storage.sel, af.storageHint), nil)
	af.setStorageOptions()
	af.updateStorageHint(loadErr)

	af.caFile = widget.NewEntry()
	af.caFile.SetText(a0.CAFile)
	af.caFile.SetPlaceHolder(i18n.T("accounts.ca_file_hint"))
	af.caBtn = widget.NewButtonWithIcon(i18n.T("accounts.choose_file"), theme.FolderOpenIcon(), af.chooseCAFile)
	f.add("CAFile", i18n.T("accounts.ca_file"), container.NewBorder(nil, nil, nil, af.caBtn, af.caFile), nil)

	af.testBtn = widget.NewButtonWithIcon(i18n.T("accounts.test"), theme.MailSendIcon(), af.testConnection)
	af.testBusy = widget.NewActivity()
	af.testBusy.Hide()
	af.testResult = widget.NewLabel("")
	af.testResult.Wrapping = fyne.TextWrapWord
	af.testResult.Hide()
	f.grid.Add(widget.NewLabel(""))
	f.grid.Add(container.NewVBox(container.NewHBox(af.testBtn, af.testBusy), af.testResult))

	f.section(i18n.T("accounts.section_smtp"))
	af.smtpHost = f.text("SMTPHost", i18n.T("accounts.smtp_host"), a0.SMTPHost, "smtp.hotel.example")
	af.smtpPort = f.integer("SMTPPort", i18n.T("accounts.port"), a0.SMTPPort)
	af.smtpPort.entry.SetPlaceHolder("465")
	af.smtpSec = f.choice("SMTPSecurity", i18n.T("accounts.security"), mailSecurityCodes, mailSecurityLabels(), a0.SMTPSecurity)
	f.fields["SMTPSecurity"].parse = func() error {
		if strings.TrimSpace(af.smtpHost.Text) == "" {
			return nil
		}
		return plainCheck(af.smtpSec.code(), af.smtpHost.Text)
	}
	af.smtpSec.sel.OnChanged = func(string) { followPort(af.smtpPort, af.smtpSec.code(), defaultSMTPPorts) }
	af.smtpUser = f.text("SMTPUser", i18n.T("accounts.user"), a0.SMTPUser, "")
	af.signature = f.multiline("Signature", i18n.T("accounts.signature"), a0.Signature, "")
	af.signature.SetMinRowsVisible(3)

	f.onSave = af.save
	f.onDone = func() {
		p.refresh()
		if p.onSaved != nil && af.orig != nil {
			p.onSaved(*af.orig)
		}
	}
	p.form = af
	f.show()
	af.ctx, af.cancel = context.WithCancel(p.u.ctx)
	f.dlg.SetOnClosed(af.cancel)
}

// checkName refuses a name another account already has (the store would fail on its UNIQUE index
// with a message nobody can act on). An empty name is left to the store's validation.
func (af *accountForm) checkName() error {
	name := strings.TrimSpace(af.name.Text)
	if name == "" {
		return nil
	}
	a, err := af.p.u.st.AccountByName(af.p.u.ctx, name)
	if err == nil && (af.orig == nil || a.ID != af.orig.ID) {
		return &inputError{i18n.T("accounts.name_taken")}
	}
	return nil
}

// plainCheck allows plain text only towards this computer: elsewhere it would send the password in
// clear over the network.
func plainCheck(security, host string) error {
	if security == imap.SecurityPlain && !isLoopbackHost(host) {
		return &inputError{i18n.T("accounts.plain_loopback_only")}
	}
	return nil
}

func isLoopbackHost(host string) bool {
	host = strings.Trim(strings.TrimSpace(host), "[]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// followPort moves a port still at a default (or empty) to the default of the new security.
func followPort(port *intField, security string, defaults map[string]int) {
	cur := strings.TrimSpace(port.entry.Text)
	n, _ := strconv.Atoi(cur)
	if cur != "" && !isDefaultPort(n, defaults) {
		return
	}
	if d, ok := defaults[security]; ok {
		port.entry.SetText(strconv.Itoa(d))
	}
}

func isDefaultPort(n int, defaults map[string]int) bool {
	for _, d := range defaults {
		if d == n {
			return true
		}
	}
	return false
}

// setStorageOptions offers the OS keyring when it works; otherwise this session or the file, so the
// fallback is always one the concierge picks. Where the password is now stays on offer. The file is
// never preselected unless the password is already there.
func (af *accountForm) setStorageOptions() {
	var codes []string
	if af.p.creds.KeyringAvailable() {
		codes = []string{string(vault.StorageKeyring), string(vault.StorageSession)}
	} else {
		codes = []string{string(vault.StorageSession), string(vault.StorageFile)}
	}
	if af.savedWhen != "" && !slices.Contains(codes, string(af.savedWhen)) {
		codes = append(codes, string(af.savedWhen))
	}
	labels := make([]string, len(codes))
	for i, c := range codes {
		labels[i] = i18n.T("accounts.storage." + c)
	}
	sel := codes[0]
	if af.savedWhen != "" {
		sel = string(af.savedWhen)
	}
	af.storage.setOptions(codes, labels, sel)
}

// updateStorageHint says what the chosen storage means; a file is named, in plain words.
func (af *accountForm) updateStorageHint(loadErr error) {
	var lines []string
	imp := widget.LowImportance
	if loadErr != nil {
		lines = append(lines, i18n.T("accounts.load_failed", map[string]any{"Detail": i18n.ErrorText(loadErr)}))
		imp = widget.DangerImportance
	}
	if !af.p.creds.KeyringAvailable() {
		lines = append(lines, i18n.T("accounts.no_keyring"))
	}
	switch vault.Storage(af.storage.code()) {
	case vault.StorageKeyring:
		lines = append(lines, i18n.T("accounts.storage_keyring_hint", map[string]any{"Keyring": keyringName()}))
	case vault.StorageSession:
		lines = append(lines, i18n.T("accounts.storage_session_hint"))
	case vault.StorageFile:
		lines = append(lines, i18n.T("accounts.storage_file_hint", map[string]any{"Path": af.p.creds.FilePath(), "OS": accountOSName()}))
		if imp != widget.DangerImportance {
			imp = widget.WarningImportance
		}
	}
	af.storageHint.Importance = imp
	af.storageHint.SetText(strings.Join(lines, "\n"))
}

func accountOSName() string {
	switch runtime.GOOS {
	case "windows":
		return "Windows"
	case "darwin":
		return "macOS"
	case "linux":
		return "Linux"
	}
	return runtime.GOOS
}

func keyringName() string {
	switch runtime.GOOS {
	case "windows":
		return "Windows Credential Manager"
	case "darwin":
		return "macOS Keychain"
	}
	return "Secret Service"
}

func (af *accountForm) chooseCAFile() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			af.p.u.ShowError(err)
			return
		}
		if r == nil {
			return
		}
		af.caFile.SetText(r.URI().Path())
		r.Close()
	}, af.p.u.win)
	if cur := strings.TrimSpace(af.caFile.Text); cur != "" {
		if l, err := storage.ListerForURI(storage.NewFileURI(filepath.Dir(cur))); err == nil {
			d.SetLocation(l)
		}
	}
	win := af.p.u.win.Canvas().Size()
	d.Resize(fyne.NewSize(min(float32(760), win.Width-40), min(float32(520), win.Height-40)))
	d.Show()
}

// account is the account as typed. An empty IMAP user is the e-mail address, as most providers want.
func (af *accountForm) account() desk.Account {
	a := desk.Account{}
	if af.orig != nil {
		a = *af.orig
	}
	a.Name, a.Email = strings.TrimSpace(af.name.Text), strings.TrimSpace(af.email.Text)
	a.IMAPHost, a.IMAPPort, a.IMAPSecurity = strings.TrimSpace(af.imapHost.Text), af.imapPort.value, af.imapSec.code()
	a.IMAPUser = strings.TrimSpace(af.imapUser.Text)
	if a.IMAPUser == "" {
		a.IMAPUser = a.Email
	}
	a.CAFile = strings.TrimSpace(af.caFile.Text)
	a.SMTPHost, a.SMTPPort, a.SMTPSecurity = strings.TrimSpace(af.smtpHost.Text), af.smtpPort.value, af.smtpSec.code()
	a.SMTPUser, a.Signature = strings.TrimSpace(af.smtpUser.Text), af.signature.Text
	return a
}

// save stores the account, then its password where the concierge chose. A password that cannot be
// stored keeps the dialog open (the account itself is saved; saving again updates it).
func (af *accountForm) save() error {
	st, ctx := af.p.u.st, af.p.u.ctx
	a := af.account()
	var err error
	if af.orig == nil {
		err = st.CreateAccount(ctx, &a)
	} else {
		err = st.UpdateAccount(ctx, &a)
	}
	if err != nil {
		return err
	}
	af.orig = &a
	if err := af.saveSecret(imapSecretKey(a.Name)); err != nil {
		if r := af.f.fields["Storage"]; r != nil {
			af.f.showFieldError(r, i18n.ErrorText(err))
		}
		return err
	}
	return nil
}

// saveSecret stores a typed password under key, or moves the saved one there (a renamed account, a
// new storage); an empty password with nothing saved stores nothing.
func (af *accountForm) saveSecret(key string) error {
	creds := af.p.creds
	where := vault.Storage(af.storage.code())
	secret := af.password.Text
	if secret == "" {
		if af.savedKey == "" || (af.savedKey == key && af.savedWhen == where) {
			return nil
		}
		s, _, err := creds.Load(af.savedKey)
		if err != nil {
			return err
		}
		secret = s
	}
	if err := creds.Save(key, secret, where); err != nil {
		return err
	}
	if af.savedKey != "" && af.savedKey != key {
		if err := creds.Delete(af.savedKey); err != nil {
			fyne.LogError("forgetting the password of a renamed account", err)
		}
	}
	af.savedKey, af.savedWhen = key, where
	return nil
}

// Test connection.

// testConfig reads the form for a connection test; a non-empty message says what to fix first.
func (af *accountForm) testConfig() (imap.Config, string) {
	host := strings.TrimSpace(af.imapHost.Text)
	if host == "" {
		return imap.Config{}, i18n.T("accounts.test_need_host")
	}
	port, err := parseInteger(af.imapPort.entry.Text)
	if err != nil || port < 0 || port > 65535 {
		return imap.Config{}, i18n.T("accounts.test_bad_port")
	}
	if port == 0 {
		port = defaultIMAPPorts[af.imapSec.code()]
	}
	sec := af.imapSec.code()
	if err := plainCheck(sec, host); err != nil {
		return imap.Config{}, err.Error()
	}
	user := strings.TrimSpace(af.imapUser.Text)
	if user == "" {
		user = strings.TrimSpace(af.email.Text)
	}
	secret := af.password.Text
	if secret == "" && af.savedKey != "" {
		secret, _, _ = af.p.creds.Load(af.savedKey)
	}
	return imap.Config{Host: host, Port: port, Security: sec, User: user, Secret: secret, CAFile: strings.TrimSpace(af.caFile.Text),
		Timeout: 10 * time.Second, ReadTimeout: 20 * time.Second}, ""
}

// testConnection logs in with what the form holds, off the UI goroutine, and says how it went.
func (af *accountForm) testConnection() {
	cfg, problem := af.testConfig()
	if problem != "" {
		af.showTestResult(problem, widget.DangerImportance)
		af.testsDone.Add(1)
		return
	}
	af.testBtn.Disable()
	af.testBusy.Show()
	af.testBusy.Start()
	af.showTestResult(i18n.T("accounts.testing", map[string]any{"Host": cfg.Address()}), widget.LowImportance)
	ctx := af.ctx
	go func() {
		n, err := imap.TestLogin(ctx, cfg)
		fyne.Do(func() {
			af.testBusy.Stop()
			af.testBusy.Hide()
			af.testBtn.Enable()
			if err != nil {
				af.showTestResult(testErrorText(err), widget.DangerImportance)
			} else {
				key := "accounts.test_ok"
				if n == 1 {
					key = "accounts.test_ok_one"
				}
				af.showTestResult(i18n.T(key, map[string]any{"N": n}), widget.SuccessImportance)
			}
			af.testsDone.Add(1)
		})
	}()
}

func (af *accountForm) showTestResult(text string, imp widget.Importance) {
	af.testResult.Importance = imp
	af.testResult.SetText(text)
	af.testResult.Show()
}

// testErrorText is the sentence for a failed connection test: a known mail error, a timeout, or
// the detail of anything else.
func testErrorText(err error) string {
	if s, ok := i18n.MailErrorText(err); ok {
		return s
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return i18n.T("accounts.test_timeout")
	}
	return i18n.T("accounts.test_failed", map[string]any{"Detail": err.Error()})
}
