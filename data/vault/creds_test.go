package vault

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/zalando/go-keyring"
)

func TestCredentialsKeyringSaveLoadDelete(t *testing.T) {
	keyring.MockInit()
	dir := t.TempDir()
	c := NewCredentials(dir)
	if !c.KeyringAvailable() {
		t.Fatal("mock keyring reported unavailable")
	}
	if err := c.Save("imap:Desk", "s3cret", StorageKeyring); err != nil {
		t.Fatal(err)
	}
	if got, err := keyring.Get(KeyringService, "imap:Desk"); err != nil || got != "s3cret" {
		t.Fatalf("keyring holds %q, %v", got, err)
	}
	s, where, err := c.Load("imap:Desk")
	if err != nil || s != "s3cret" || where != StorageKeyring {
		t.Fatalf("Load = %q, %q, %v", s, where, err)
	}
	if _, err := os.Stat(c.FilePath()); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("keyring save wrote a file: %v", err)
	}
	// A fresh Credentials (the next start) finds it too.
	if s, where, err := NewCredentials(dir).Load("imap:Desk"); err != nil || s != "s3cret" || where != StorageKeyring {
		t.Fatalf("after restart Load = %q, %q, %v", s, where, err)
	}
	if err := c.Delete("imap:Desk"); err != nil {
		t.Fatal(err)
	}
	if _, err := keyring.Get(KeyringService, "imap:Desk"); !errors.Is(err, keyring.ErrNotFound) {
		t.Fatalf("keyring item survived Delete: %v", err)
	}
	if _, _, err := c.Load("imap:Desk"); !errors.Is(err, ErrNoSecret) {
		t.Fatalf("Load after Delete: %v", err)
	}
	if err := c.Delete("imap:Desk"); err != nil {
		t.Fatalf("deleting nothing: %v", err)
	}
}

func TestCredentialsNoKeyringIsAnErrorNotAFallback(t *testing.T) {
	keyring.MockInitWithError(errors.New("org.freedesktop.secrets was not provided by any .service files"))
	t.Cleanup(keyring.MockInit)
	c := NewCredentials(t.TempDir())
	if c.KeyringAvailable() {
		t.Fatal("failing keyring reported available")
	}
	err := c.Save("imap:Desk", "s3cret", StorageKeyring)
	if !errors.Is(err, ErrNoKeyring) {
		t.Fatalf("Save to a failing keyring: %v", err)
	}
	if strings.Contains(err.Error(), "s3cret") {
		t.Fatalf("error reveals the secret: %v", err)
	}
	if _, err := os.Stat(c.FilePath()); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("failing keyring fell back to the file")
	}
	if _, _, err := c.Load("imap:Desk"); !errors.Is(err, ErrNoSecret) {
		t.Fatalf("nothing was saved anywhere, Load: %v", err)
	}
	// The explicit fallbacks work without a keyring.
	if err := c.Save("imap:Desk", "s3cret", StorageFile); err != nil {
		t.Fatal(err)
	}
	if s, where, err := c.Load("imap:Desk"); err != nil || s != "s3cret" || where != StorageFile {
		t.Fatalf("file Load = %q, %q, %v", s, where, err)
	}
	if err := c.Delete("imap:Desk"); err != nil {
		t.Fatal(err)
	}
}

func TestCredentialsFileIsPlainJSONMode0600(t *testing.T) {
	keyring.MockInit()
	dir := t.TempDir()
	c := NewCredentials(dir)
	if c.FilePath() != filepath.Join(dir, "credentials.json") {
		t.Fatalf("file at %s", c.FilePath())
	}
	if err := c.Save("imap:Desk", "pässwörd \"quoted\"", StorageFile); err != nil {
		t.Fatal(err)
	}
	if err := c.Save("smtp:Desk", "other", StorageFile); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(c.FilePath())
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Fatalf("credentials file mode %v, want 0600", fi.Mode().Perm())
	}
	b, _ := os.ReadFile(c.FilePath())
	if !strings.Contains(string(b), `"imap:Desk": "pässwörd \"quoted\""`) || !strings.Contains(string(b), "PLAIN TEXT") {
		t.Fatalf("file is not the plain JSON it claims to be:\n%s", b)
	}
	if _, err := keyring.Get(KeyringService, "imap:Desk"); !errors.Is(err, keyring.ErrNotFound) {
		t.Fatal("file save also wrote the keyring")
	}
	// Another process (the CLI, the next start) reads it.
	if s, where, err := NewCredentials(dir).Load("imap:Desk"); err != nil || s != "pässwörd \"quoted\"" || where != StorageFile {
		t.Fatalf("Load = %q, %q, %v", s, where, err)
	}
	if runtime.GOOS != "windows" {
		os.Chmod(c.FilePath(), 0o644)
		c.Load("smtp:Desk")
		if fi, _ := os.Stat(c.FilePath()); fi.Mode().Perm() != 0o600 {
			t.Fatalf("opened-up file not tightened: %v", fi.Mode().Perm())
		}
	}
	if err := c.Delete("imap:Desk"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.Load("imap:Desk"); !errors.Is(err, ErrNoSecret) {
		t.Fatalf("deleted secret still loads: %v", err)
	}
	if s, _, err := c.Load("smtp:Desk"); err != nil || s != "other" {
		t.Fatalf("other secret lost: %q, %v", s, err)
	}
	if err := c.Delete("smtp:Desk"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(c.FilePath()); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("empty credentials file left behind")
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "*")); len(left) != 0 {
		t.Fatalf("files left in the desk folder: %v", left)
	}
}

func TestCredentialsSessionIsMemoryOnly(t *testing.T) {
	keyring.MockInit()
	dir := t.TempDir()
	c := NewCredentials(dir)
	if err := c.Save("imap:Desk", "typed", StorageSession); err != nil {
		t.Fatal(err)
	}
	if s, where, err := c.Load("imap:Desk"); err != nil || s != "typed" || where != StorageSession {
		t.Fatalf("Load = %q, %q, %v", s, where, err)
	}
	if _, err := keyring.Get(KeyringService, "imap:Desk"); !errors.Is(err, keyring.ErrNotFound) {
		t.Fatal("session secret reached the keyring")
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "*")); len(left) != 0 {
		t.Fatalf("session secret written to disk: %v", left)
	}
	if _, _, err := NewCredentials(dir).Load("imap:Desk"); !errors.Is(err, ErrNoSecret) {
		t.Fatalf("session secret outlived the session: %v", err)
	}
	if err := c.Delete("imap:Desk"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.Load("imap:Desk"); !errors.Is(err, ErrNoSecret) {
		t.Fatalf("Load after Delete: %v", err)
	}
	if err := c.Save("imap:Desk", "x", Storage("post-it")); !errors.Is(err, ErrBadStorage) {
		t.Fatalf("unknown storage: %v", err)
	}
}

func TestCredentialsLoadOrderAndOneCopy(t *testing.T) {
	keyring.MockInit()
	dir := t.TempDir()
	c := NewCredentials(dir)
	// Copies planted behind Credentials' back: session wins, then keyring, then file.
	if err := keyring.Set(KeyringService, "imap:Desk", "from-keyring"); err != nil {
		t.Fatal(err)
	}
	if err := c.filePut("imap:Desk", "from-file"); err != nil {
		t.Fatal(err)
	}
	c.session["imap:Desk"] = "from-session"
	for _, want := range []struct {
		secret string
		where  Storage
		drop   func()
	}{
		{"from-session", StorageSession, func() { delete(c.session, "imap:Desk") }},
		{"from-keyring", StorageKeyring, func() { keyring.Delete(KeyringService, "imap:Desk") }},
		{"from-file", StorageFile, func() { c.fileDelete("imap:Desk") }},
	} {
		s, where, err := c.Load("imap:Desk")
		if err != nil || s != want.secret || where != want.where {
			t.Fatalf("Load = %q, %q, %v; want %q from %s", s, where, err, want.secret, want.where)
		}
		want.drop()
	}
	if _, _, err := c.Load("imap:Desk"); !errors.Is(err, ErrNoSecret) {
		t.Fatalf("all dropped, Load: %v", err)
	}

	// Save keeps one copy: moving a secret from the file to the keyring removes the file copy, and
	// back to the session removes the keyring one.
	if err := c.Save("imap:Desk", "v1", StorageFile); err != nil {
		t.Fatal(err)
	}
	if err := c.Save("imap:Desk", "v2", StorageKeyring); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(c.FilePath()); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("file copy kept after moving to the keyring")
	}
	if err := c.Save("imap:Desk", "v3", StorageSession); err != nil {
		t.Fatal(err)
	}
	if _, err := keyring.Get(KeyringService, "imap:Desk"); !errors.Is(err, keyring.ErrNotFound) {
		t.Fatal("keyring copy kept after moving to the session")
	}
	if err := c.Save("imap:Desk", "v4", StorageKeyring); err != nil {
		t.Fatal(err)
	}
	if s, where, _ := c.Load("imap:Desk"); s != "v4" || where != StorageKeyring {
		t.Fatalf("stale session copy won: %q from %s", s, where)
	}
}

func TestCredentialsBrokenFileDoesNotLeakSecrets(t *testing.T) {
	keyring.MockInit()
	c := NewCredentials(t.TempDir())
	if err := os.WriteFile(c.FilePath(), []byte(`{"secrets": {"imap:Desk": "hunter2"`), 0o600); err != nil {
		t.Fatal(err)
	}
	_, _, err := c.Load("imap:Desk")
	if err == nil || strings.Contains(err.Error(), "hunter2") {
		t.Fatalf("broken file: %v", err)
	}
}
