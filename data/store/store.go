package store

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"loge/data/desk"

	"github.com/google/uuid"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Errors a caller can match with errors.Is; the GUI and CLI turn them into sentences in the user's language.
var (
	ErrNotFound    = errors.New("not found")
	ErrNotDatabase = errors.New("file is not a Loge database")
	ErrCorrupt     = errors.New("database file is damaged")
	ErrNewerSchema = errors.New("database was written by a newer Loge")
	ErrUnwritable  = errors.New("database location is not writable")
)

// SchemaError carries the versions behind ErrNewerSchema.
type SchemaError struct{ Found, Supported int }

func (e *SchemaError) Error() string {
	return fmt.Sprintf("database schema version %d is newer than this Loge supports (%d)", e.Found, e.Supported)
}

// Unwrap lets errors.Is(err, ErrNewerSchema) match.
func (e *SchemaError) Unwrap() error { return ErrNewerSchema }

// Store is one desk's SQLite file: a single writer connection (immediate transactions, so writers
// queue rather than fail with "database is locked") and a pool of query-only readers.
type Store struct {
	path  string
	w     *sql.DB
	r     *sql.DB
	clock *desk.Clock
	desk  string
	Loc   *time.Location // the hotel's time zone, for days on the Board
	// version is the schema version the file was brought to: below 12 (only tests build such
	// desks) there is no operations log to record into.
	version int
	// walPages is the writer's automatic checkpoint in this desk's pages (walPagesOf).
	walPages int
	changed  chan struct{}
	// The background indexer's signals (indexer.go): mail waits for it, and how many ingests
	// are storing mail now (it steps aside for them).
	indexKick chan struct{}
	ingesting atomic.Int32
	// Statements every shared write uses, prepared once on the writer connection (SQLite parses
	// SQL slowly enough that preparing them per statement was a quarter of a team join).
	stmtRecord, stmtInsertOp, stmtOpsOf *sql.Stmt
}

type migration struct {
	version int
	name    string
	sql     string
}

func migrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFS, "migrations")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		name := e.Name()
		num, _, ok := strings.Cut(name, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must start with a number", name)
		}
		b, err := migrationFS.ReadFile("migrations/" + name)
		if err != nil {
			return nil, err
		}
		out = append(out, migration{v, name, string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out, nil
}

// SchemaVersion is the newest schema this build knows.
func SchemaVersion() int {
	ms, err := migrations()
	if err != nil || len(ms) == 0 {
		return 0
	}
	return ms[len(ms)-1].version
}

var sqliteHeader = []byte("SQLite format 3\x00")

// Open opens (creating if needed) the desk database at path and brings its schema up to date.
// A file that is not SQLite, is damaged, or comes from a newer Loge is refused and left untouched.
func Open(ctx context.Context, path string) (*Store, error) {
	return OpenMigrations(ctx, path, -1)
}

// walAutocheckpointBytes is how much WAL the writer lets grow before it checkpoints by itself.
const walAutocheckpointBytes = 32 << 20

// pageSize is the page size of a new desk. A sync writes every page twice (WAL, then checkpoint),
// each with a system call or two: 16 KB pages took 50,000 mails from Dovecot in 5.1-5.2 s against
// 5.6-6.4 s with SQLite's 4 KB, and a message row with its text now fits in one page instead of
// a chain of overflow pages the Inbox walked to reach the columns after body_text (at 250,000
// mails: cold start to the Board 528 -> 436 ms, opening a thread p95 41.8 -> 34.3 ms). The cost
// is room: the indexer's rows grow in place from envelope to text, and the pages they split are
// left less full (a 50,000-mail desk, indexed: 986 MB against 891 MB). Desks made before keep
// their 4 KB pages; SQLite changes a page size only by rewriting the whole file.
const pageSize = 16384

// OpenMigrations is Open applying migrations only up to version upto (-1: all). Tests use it to
// build databases at an older schema.
func OpenMigrations(ctx context.Context, path string, upto int) (*Store, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if err := checkFile(ctx, abs); err != nil {
		return nil, err
	}
	// The desk holds guests' names, stays and mail: a folder Loge creates, and the file, are the
	// user's alone (0700, 0600), whatever the umask says.
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return nil, fmt.Errorf("%s: %w: %v", filepath.Dir(abs), ErrUnwritable, err)
	}
	if err := checkLocal(abs, filepath.Dir(abs)); err != nil {
		return nil, err
	}
	created, err := createPrivate(abs)
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %v", abs, ErrUnwritable, err)
	}
	st, err := openCreated(ctx, abs, upto)
	if err != nil && created {
		// Nothing was made of the new file: leave no empty desk behind.
		if fi, serr := os.Stat(abs); serr == nil && fi.Size() == 0 {
			os.Remove(abs)
		}
	}
	return st, err
}

// createPrivate creates an empty desk file with mode 0600 when there is none, before SQLite would
// create it with 0644 less the umask; SQLite gives the -wal and -shm files the desk file's mode.
// created is false when the file existed (another process may have just created it).
func createPrivate(abs string) (created bool, err error) {
	f, err := os.OpenFile(abs, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if err := f.Chmod(0o600); err != nil && runtime.GOOS != "windows" {
		f.Close()
		return true, err
	}
	return true, f.Close()
}

// readers is the size of the read-only connection pool, every one kept open between uses:
// database/sql keeps two idle by default, and a search ran its six queries side by side (now up to
// one a CPU), so each search closed two connections and the next opened two again, reading the
// schema anew (a search for a guest's name at 250,000 mails: 8.1 -> 5.1 ms).
const readers = 4

// openCreated is OpenMigrations once the desk file exists and was checked.
func openCreated(ctx context.Context, abs string, upto int) (*Store, error) {
	common := "&_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)&_pragma=temp_store(memory)"
	// The writer gets an 8 MB page cache and checkpoints every 32 MB of WAL instead of 4 (fewer
	// syncs while mail streams in); the WAL file is cut back after. A bigger cache bought no speed
	// in a real sync and cost its size in resident memory (32 MB: 155 MB peak, 8 MB: 105 MB).
	// page_size is one of the _pragma list, which modernc runs before _journal_mode: a new file's
	// page size must be set before WAL mode writes its first page.
	walPages := walPagesOf(abs)
	w, err := sql.Open("sqlite", dsn(abs)+"?_pragma=page_size("+strconv.Itoa(pageSize)+")&_journal_mode=WAL&_pragma=synchronous(FULL)&_txlock=immediate"+
		"&_pragma=cache_size(-8192)&_pragma=wal_autocheckpoint("+strconv.Itoa(walPages)+")&_pragma=journal_size_limit(67108864)"+common)
	if err != nil {
		return nil, err
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	if err := w.PingContext(ctx); err != nil {
		w.Close()
		return nil, classify(abs, err)
	}
	s := &Store{path: abs, w: w, walPages: walPages, Loc: time.Local, changed: make(chan struct{}, 1), indexKick: make(chan struct{}, 1)}
	if err := s.migrate(ctx, upto); err != nil {
		w.Close()
		return nil, err
	}
	r, err := sql.Open("sqlite", dsn(abs)+"?_pragma=query_only(1)"+common)
	if err != nil {
		w.Close()
		return nil, err
	}
	r.SetMaxOpenConns(readers)
	r.SetMaxIdleConns(readers)
	s.r = r
	if err := s.initDesk(ctx); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.prepareShared(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// walPagesOf is walAutocheckpointBytes in the pages of the desk file at abs (4 KB in older desks,
// 16 KB in new ones); pageSize for a file not written yet. SQLite counts wal_autocheckpoint in
// pages, per connection: set in the DSN, it holds for any connection database/sql opens again
// (one interrupted by a cancelled context is replaced).
func walPagesOf(abs string) int {
	size := FilePageSize(abs)
	if size == 0 {
		size = pageSize
	}
	return walAutocheckpointBytes / size
}

// FilePageSize is the page size a SQLite file's header gives (big-endian at offset 16, 1 meaning
// 65,536), read without opening the database; 0 when path holds no SQLite header.
func FilePageSize(path string) int {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	var head [18]byte
	if n, _ := io.ReadFull(f, head[:]); n < len(head) || !bytes.Equal(head[:16], sqliteHeader) {
		return 0
	}
	switch v := int(head[16])<<8 | int(head[17]); {
	case v == 1:
		return 65536
	case v >= 512:
		return v
	}
	return 0
}

func dsn(abs string) string {
	return "file:" + (&url.URL{Path: filepath.ToSlash(abs)}).EscapedPath()
}

// checkFile refuses, before SQLite touches it, a file that is not a SQLite database or that a newer
// Loge wrote. Opening in WAL mode would otherwise rewrite its header.
func checkFile(ctx context.Context, abs string) error {
	f, err := os.Open(abs)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		// Permission denied, a file where a folder should be…: the location cannot hold a desk.
		return fmt.Errorf("%s: %w: %v", abs, ErrUnwritable, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return fmt.Errorf("%s: %w", abs, err)
	}
	if st.IsDir() {
		return fmt.Errorf("%s: %w (it is a folder)", abs, ErrNotDatabase)
	}
	if st.Size() == 0 {
		return nil // an empty file becomes a new database
	}
	head := make([]byte, 100)
	n, _ := io.ReadFull(f, head)
	if n < 100 || !bytes.Equal(head[:16], sqliteHeader) {
		return fmt.Errorf("%s: %w", abs, ErrNotDatabase)
	}
	// Read the schema version read-only, without changing the journal mode.
	db, err := sql.Open("sqlite", dsn(abs)+"?mode=ro&_pragma=query_only(1)")
	if err != nil {
		return err
	}
	defer db.Close()
	var v int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return classify(abs, err)
	}
	if max := SchemaVersion(); v > max {
		return fmt.Errorf("%s: %w", abs, &SchemaError{Found: v, Supported: max})
	}
	if v > 0 {
		var app string
		if err := db.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = 'app'").Scan(&app); err != nil || app != "loge" {
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return classify(abs, err)
			}
			return fmt.Errorf("%s: %w (another program's SQLite file)", abs, ErrNotDatabase)
		}
	} else {
		var n int
		if err := db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&n); err != nil {
			return classify(abs, err)
		}
		if n > 0 {
			return fmt.Errorf("%s: %w (another program's SQLite file)", abs, ErrNotDatabase)
		}
	}
	return nil
}

// classify turns driver errors about the file itself into the package's sentinels.
func classify(abs string, err error) error {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_NOTADB:
			return fmt.Errorf("%s: %w", abs, ErrNotDatabase)
		case sqlite3.SQLITE_CORRUPT:
			return fmt.Errorf("%s: %w", abs, ErrCorrupt)
		case sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM:
			return fmt.Errorf("%s: %w", abs, ErrUnwritable)
		}
	}
	return fmt.Errorf("%s: %w", abs, err)
}

func (s *Store) migrate(ctx context.Context, upto int) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	var v int
	if err := s.w.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return classify(s.path, err)
	}
	s.version = v
	backedUp := v == 0 // a new desk has nothing to keep
	for _, m := range ms {
		if m.version <= v || (upto >= 0 && m.version > upto) {
			continue
		}
		if !backedUp {
			// A migration rewrites tables: keep the desk as it was first (pinned, never rotated).
			if err := s.backupBeforeMigration(ctx, v); err != nil {
				return fmt.Errorf("%s: backup before migrating: %w", s.path, err)
			}
			backedUp = true
		}
		s.version = m.version
		err := s.tx(ctx, func(tx *sql.Tx) error {
			// Another process may have opened the same new desk a moment ago (the window and a
			// script on the first day): under the write lock, the version decides.
			var now int
			if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&now); err != nil {
				return err
			}
			if now >= m.version {
				return nil
			}
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return fmt.Errorf("migration %s: %w", m.name, err)
			}
			// PRAGMA does not take parameters; the version is an integer we parsed.
			_, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version))
			return err
		})
		if err != nil {
			return classify(s.path, err)
		}
	}
	return nil
}

// initDesk makes sure the desk has its identity (for HLCs) and marks the file as Loge's.
func (s *Store) initDesk(ctx context.Context) error {
	// Two processes may open a new desk at once (the window and a script on the first day): the
	// first id written stays, and both read it back.
	if _, err := s.w.ExecContext(ctx, `INSERT INTO settings(key, value) VALUES ('desk.id', ?), ('app', 'loge') ON CONFLICT(key) DO NOTHING`,
		strings.ReplaceAll(uuid.NewString(), "-", "")[:12]); err != nil {
		return classify(s.path, err)
	}
	id, err := s.Setting(ctx, "desk.id")
	if err != nil {
		return err
	}
	s.desk = id
	last, err := s.maxHLC(ctx)
	if err != nil {
		return err
	}
	s.clock = desk.NewClock(id, last, time.Now)
	if z := ComputerZone(); z != "" {
		// A desk that has none yet takes the computer's, named: it then stays the hotel's even if
		// the computer's clock is moved to another zone later.
		if _, err := s.w.ExecContext(ctx, `INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO NOTHING`, SettingHotelZone, z); err != nil {
			return classify(s.path, err)
		}
	}
	if tz, _ := s.Setting(ctx, SettingHotelZone); tz != "" {
		if loc, err := time.LoadLocation(tz); err == nil {
			s.Loc = loc
		}
	}
	return nil
}

func (s *Store) maxHLC(ctx context.Context) (string, error) {
	var last sql.NullString
	err := s.w.QueryRowContext(ctx, `SELECT max(h) FROM (
		SELECT max(updated_hlc) h FROM guests UNION ALL SELECT max(updated_hlc) FROM stays
		UNION ALL SELECT max(updated_hlc) FROM requests UNION ALL SELECT max(updated_hlc) FROM vendors
		UNION ALL SELECT max(updated_hlc) FROM vendor_contacts UNION ALL SELECT max(updated_hlc) FROM templates
		UNION ALL SELECT max(updated_hlc) FROM notes UNION ALL SELECT max(updated_hlc) FROM links)`).Scan(&last)
	return last.String, err
}

// SetClock makes the desk stamp its changes with another wall clock (tests of a desk whose
// computer's clock is wrong); stamps still never go back.
func (s *Store) SetClock(now func() time.Time) {
	last, _ := s.maxHLC(context.Background())
	s.clock = desk.NewClock(s.desk, last, now)
}

// ForgetIdentity takes this desk's identity out of its file, so that the next Open of a copy of
// it starts a desk of its own: for a template file that tests copy instead of migrating a new
// desk each time. The store is closed.
func (s *Store) ForgetIdentity(ctx context.Context) error {
	_, err := s.w.ExecContext(ctx, `DELETE FROM settings WHERE key='desk.id'`)
	return errors.Join(err, s.Close())
}

// Close closes both pools.
func (s *Store) Close() error {
	var errs []error
	if s.r != nil {
		errs = append(errs, s.r.Close())
	}
	for _, st := range []*sql.Stmt{s.stmtRecord, s.stmtInsertOp, s.stmtOpsOf} {
		if st != nil {
			st.Close()
		}
	}
	if s.w != nil {
		errs = append(errs, s.w.Close())
	}
	return errors.Join(errs...)
}

// Path is the database file's absolute path.
func (s *Store) Path() string { return s.path }

// DeskID identifies this desk in HLCs and, later, in team sync.
func (s *Store) DeskID() string { return s.desk }

// tx runs fn in one immediate write transaction (synchronous=FULL: the default for local data).
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	return inTx(s.w.BeginTx(ctx, nil))(fn)
}

// inTx commits what fn does in tx, or rolls it back when fn fails.
func inTx(tx *sql.Tx, err error) func(fn func(*sql.Tx) error) error {
	return func(fn func(*sql.Tx) error) error {
		if err != nil {
			return err
		}
		if err := fn(tx); err != nil {
			tx.Rollback()
			return err
		}
		return tx.Commit()
	}
}

// txRefetchable runs fn in a write transaction committed with synchronous=NORMAL: for mail that can be
// fetched from the server again, where a lost last transaction after a power cut costs nothing.
func (s *Store) txRefetchable(ctx context.Context, fn func(*sql.Tx) error) error {
	conn, err := s.w.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA synchronous = NORMAL"); err != nil {
		return err
	}
	defer conn.ExecContext(context.Background(), "PRAGMA synchronous = FULL")
	return inTx(conn.BeginTx(ctx, nil))(fn)
}

// Setting reads one desk setting; a missing key reads as "".
func (s *Store) Setting(ctx context.Context, key string) (string, error) {
	var v string
	err := s.w.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// SetSetting writes one desk setting.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	_, err := s.w.ExecContext(ctx, "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", key, value)
	return err
}

func notFound(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	return err
}

func newID() string { return uuid.NewString() }

const timeLayout = time.RFC3339

func fmtTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(timeLayout)
}

func parseTime(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		return time.Time{}
	}
	return t
}
