package vault

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"time"

	"github.com/zalando/go-keyring"
)

// KeyringService is the service name Loge's items carry in the OS keyring.
const KeyringService = "Loge"

// Where a secret is kept.
type Storage string

const (
	// StorageKeyring is the OS keyring: macOS Keychain, Windows Credential Manager, or the Secret
	// Service (GNOME Keyring, KWallet) on Linux. The only storage that protects a password at rest.
	StorageKeyring Storage = "keyring"
	// StorageFile is a plain JSON file, mode 0600, in the desk's folder. NOT encrypted: the password
	// is readable by anyone with access to this Windows/macOS/Linux account (and by any program they
	// run). Only for computers without a keyring, and only when the user picks it.
	StorageFile Storage = "file"
	// StorageSession keeps the secret in memory until Loge exits; it is typed again at the next start.
	StorageSession Storage = "session"
)

var (
	// ErrNoKeyring says the OS has no usable keyring (headless Linux without a Secret Service, a
	// locked or refused keychain…). Save with StorageKeyring returns it rather than falling back.
	ErrNoKeyring = errors.New("no usable OS keyring")
	// ErrNoSecret says nothing is saved for the account.
	ErrNoSecret = errors.New("no password saved for this account")
	// ErrBadStorage is a Storage that is none of keyring, file, session.
	ErrBadStorage = errors.New("unknown password storage")
)

// credentialsFile is the fallback file's name in the desk's folder.
const credentialsFile = "credentials.json"

// probeTimeout bounds the keyring probe: a Secret Service that D-Bus tries to activate and never
// answers must not freeze the caller.
const probeTimeout = 5 * time.Second

// Credentials keep account secrets out of the database: in the OS keyring (zalando/go-keyring,
// service "Loge"), or, where no keyring exists (headless Linux without a Secret Service), in a
// fallback the user chose explicitly: the session (memory only, gone at exit) or a file.
//
// The file fallback is fallbackDir/credentials.json, written with mode 0600. It holds the secrets as
// PLAIN JSON, deliberately not "obfuscated": it is readable by anyone with access to this
// Windows/macOS/Linux account, and the interface says so where the user chooses it. Secrets are never
// written to the SQLite database nor logged, and no error returned here contains one.
//
// Each secret lives in exactly one place: Save removes the other copies of that account's secret,
// so Load never returns a stale one. Safe for concurrent use.
type Credentials struct {
	dir string

	mu      sync.Mutex
	session map[string]string

	probeOnce sync.Once
	available bool
}

// NewCredentials keeps its fallback file in fallbackDir (the desk's folder, e.g.
// filepath.Dir(st.Path())).
func NewCredentials(fallbackDir string) *Credentials {
	return &Credentials{dir: fallbackDir, session: map[string]string{}}
}

// FilePath is where the file fallback is (or would be) written.
func (c *Credentials) FilePath() string { return filepath.Join(c.dir, credentialsFile) }

// KeyringAvailable says whether the OS keyring works, by setting, reading back and deleting a probe
// item. The answer is cached for the life of c. The first call may wait up to a few seconds on a
// Linux session whose D-Bus never answers; call it once from a goroutine at start-up to warm it.
func (c *Credentials) KeyringAvailable() bool {
	c.probeOnce.Do(func() {
		done := make(chan bool, 1)
		go func() { done <- probeKeyring() }()
		select {
		case c.available = <-done:
		case <-time.After(probeTimeout):
			c.available = false
		}
	})
	return c.available
}

func probeKeyring() bool {
	user := "probe:" + strconv.Itoa(os.Getpid()) + ":" + strconv.FormatInt(time.Now().UnixNano(), 36)
	const want = "loge-keyring-probe"
	if err := keyring.Set(KeyringService, user, want); err != nil {
		return false
	}
	got, err := keyring.Get(KeyringService, user)
	derr := keyring.Delete(KeyringService, user)
	return err == nil && got == want && derr == nil
}

// Save keeps secret for accountKey ("imap:<account name>", "smtp:<account name>") in where, and
// removes any copy kept elsewhere. With StorageKeyring a failing keyring is ErrNoKeyring: Save never
// falls back to another storage by itself.
func (c *Credentials) Save(accountKey, secret string, where Storage) error {
	if accountKey == "" {
		return errors.New("credentials: empty account key")
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	switch where {
	case StorageKeyring:
		if err := keyring.Set(KeyringService, accountKey, secret); err != nil {
			return fmt.Errorf("%w: %v", ErrNoKeyring, err)
		}
		delete(c.session, accountKey)
		return c.fileDelete(accountKey)
	case StorageFile:
		if err := c.filePut(accountKey, secret); err != nil {
			return err
		}
		delete(c.session, accountKey)
		c.keyringDelete(accountKey)
		return nil
	case StorageSession:
		c.session[accountKey] = secret
		c.keyringDelete(accountKey)
		return c.fileDelete(accountKey)
	}
	return fmt.Errorf("%q: %w", where, ErrBadStorage)
}

// Load finds the secret for accountKey, looking in the session, the keyring, then the file, and says
// where it was. Nothing anywhere is ErrNoSecret; a keyring that fails (rather than answering "not
// found") while nothing else holds the secret is ErrNoKeyring.
func (c *Credentials) Load(accountKey string) (string, Storage, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if s, ok := c.session[accountKey]; ok {
		return s, StorageSession, nil
	}
	var kerr error
	if c.KeyringAvailable() {
		s, err := keyring.Get(KeyringService, accountKey)
		switch {
		case err == nil:
			return s, StorageKeyring, nil
		case !errors.Is(err, keyring.ErrNotFound):
			kerr = err
		}
	}
	m, err := c.readFile()
	if err != nil {
		return "", "", err
	}
	if s, ok := m[accountKey]; ok {
		return s, StorageFile, nil
	}
	if kerr != nil {
		return "", "", fmt.Errorf("%s: %w: %v", accountKey, ErrNoKeyring, kerr)
	}
	return "", "", fmt.Errorf("%s: %w", accountKey, ErrNoSecret)
}

// Delete forgets accountKey's secret everywhere. Nothing saved is not an error.
func (c *Credentials) Delete(accountKey string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.session, accountKey)
	var kerr error
	if c.KeyringAvailable() {
		if err := keyring.Delete(KeyringService, accountKey); err != nil && !errors.Is(err, keyring.ErrNotFound) {
			kerr = fmt.Errorf("%w: %v", ErrNoKeyring, err)
		}
	}
	return errors.Join(kerr, c.fileDelete(accountKey))
}

// keyringDelete removes a keyring copy left by an earlier Save, when there is a keyring.
func (c *Credentials) keyringDelete(accountKey string) {
	if c.KeyringAvailable() {
		_ = keyring.Delete(KeyringService, accountKey)
	}
}

// The file fallback. Callers hold c.mu.

// credFile is credentials.json. The note travels with the file so whoever finds it knows what it is.
type credFile struct {
	Note    string            `json:"note"`
	Secrets map[string]string `json:"secrets"`
}

const credNote = "Loge mail passwords, in PLAIN TEXT: chosen in Settings because this computer has no OS keyring. " +
	"Anyone who can read this file (this computer account) can read them. Delete the file to forget them."

func (c *Credentials) readFile() (map[string]string, error) {
	p := c.FilePath()
	b, err := os.ReadFile(p)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]string{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("credentials file %s: %w", p, err)
	}
	tightenMode(p)
	var f credFile
	if err := json.Unmarshal(b, &f); err != nil {
		// Never echo the content: it holds passwords.
		return nil, fmt.Errorf("credentials file %s: not valid JSON", p)
	}
	if f.Secrets == nil {
		f.Secrets = map[string]string{}
	}
	return f.Secrets, nil
}

func (c *Credentials) filePut(accountKey, secret string) error {
	m, err := c.readFile()
	if err != nil {
		return err
	}
	m[accountKey] = secret
	return c.writeFile(m)
}

func (c *Credentials) fileDelete(accountKey string) error {
	if _, err := os.Stat(c.FilePath()); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	m, err := c.readFile()
	if err != nil {
		return err
	}
	if _, ok := m[accountKey]; !ok {
		return nil
	}
	delete(m, accountKey)
	return c.writeFile(m)
}

// writeFile replaces the file atomically (temp file with mode 0600, fsync, rename); with no secret
// left, the file is removed.
func (c *Credentials) writeFile(m map[string]string) error {
	p := c.FilePath()
	if len(m) == 0 {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("credentials file %s: %w", p, err)
		}
		return nil
	}
	b, err := json.MarshalIndent(credFile{Note: credNote, Secrets: m}, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(c.dir, 0o700); err != nil {
		return fmt.Errorf("credentials file %s: %w", p, err)
	}
	tmp, err := os.CreateTemp(c.dir, ".credentials-*.tmp") // created 0600
	if err != nil {
		return fmt.Errorf("credentials file %s: %w", p, err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil && runtime.GOOS != "windows" {
		tmp.Close()
		return fmt.Errorf("credentials file %s: %w", p, err)
	}
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		tmp.Close()
		return fmt.Errorf("credentials file %s: %w", p, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("credentials file %s: %w", p, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("credentials file %s: %w", p, err)
	}
	if err := os.Rename(tmp.Name(), p); err != nil {
		return fmt.Errorf("credentials file %s: %w", p, err)
	}
	return nil
}

// tightenMode puts a credentials file someone opened up back to 0600 (not on Windows, where the
// folder's ACL decides).
func tightenMode(p string) {
	if runtime.GOOS == "windows" {
		return
	}
	if fi, err := os.Stat(p); err == nil && fi.Mode().Perm()&0o077 != 0 {
		_ = os.Chmod(p, 0o600)
	}
}
