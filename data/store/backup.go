package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Backups: a consistent copy of the desk, made online with VACUUM INTO (SQLite writes a new,
// compact database from one read transaction, so the window and a running sync go on), into a
// temporary file beside the target that is synced and renamed only when whole. Automatic ones live
// in a Backups folder beside the desk, named <desk>-YYYY-MM-DD.db, and rotate: the newest 7 days,
// then the newest of each of 4 older weeks. A backup made before a migration is named
// <desk>-before-vN-YYYY-MM-DD.db and is never rotated away.

var (
	// ErrExists: the backup's target is a file already; Loge never overwrites one silently.
	ErrExists = errors.New("the file exists already")
	// ErrDiskFull: the disk holding the desk (or the backup) has no space left.
	ErrDiskFull = errors.New("the disk is full")
)

// IsDiskFull reports whether err is SQLite's or the OS's "no space left".
func IsDiskFull(err error) bool {
	var se *sqlite.Error
	if errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_FULL {
		return true
	}
	return errors.Is(err, ErrDiskFull) || isOSDiskFull(err)
}

// ErrDamaged: the integrity check found damage in a desk that is open and in use (ErrCorrupt is
// a file refused at open). The way out is the same: restore a backup.
var ErrDamaged = errors.New("the desk file is damaged")

// IsCorrupt reports whether err is SQLite finding the desk file damaged ("database disk image is
// malformed"), at open or in the middle of any query, even when a caller kept only its text.
func IsCorrupt(err error) bool {
	if err == nil {
		return false
	}
	var se *sqlite.Error
	if errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_CORRUPT {
		return true
	}
	return errors.Is(err, ErrCorrupt) || errors.Is(err, ErrDamaged) ||
		strings.Contains(err.Error(), "database disk image is malformed")
}

// BackupDir is the folder of a desk's automatic backups.
func BackupDir(deskPath string) string { return filepath.Join(filepath.Dir(deskPath), "Backups") }

// Backup writes a consistent copy of the desk to out, readable by the user only. out must not exist.
// It reads through a connection of its own (the readers are query-only, which VACUUM INTO is not;
// the writer must stay free for the window), in one read transaction: writers go on meanwhile.
func (s *Store) Backup(ctx context.Context, out string) error {
	fileOps.Lock()
	defer fileOps.Unlock()
	return s.backup(ctx, out)
}

// fileOps serialises this process's backups and restores: "Back up now" during the daily backup,
// or a restore while one runs, must not interleave.
var fileOps sync.Mutex

func (s *Store) backup(ctx context.Context, out string) error {
	db, err := sql.Open("sqlite", dsn(s.path)+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return err
	}
	defer db.Close()
	return backupWith(ctx, db, out)
}

// backupWith writes the copy through db: a connection of Backup's own, or the writer while a
// migration is about to run (the readers do not exist yet).
func backupWith(ctx context.Context, db *sql.DB, out string) error {
	out, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	if _, err := os.Stat(out); err == nil {
		return fmt.Errorf("%s: %w", out, ErrExists)
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o700); err != nil {
		return fmt.Errorf("%s: %w: %v", filepath.Dir(out), ErrUnwritable, err)
	}
	// A name of its own (VACUUM INTO accepts an empty file): another process's backup to the same
	// target must not write into, or remove, this one's part.
	part, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".*.part")
	if err != nil {
		return fmt.Errorf("%s: %w: %v", filepath.Dir(out), ErrUnwritable, err)
	}
	tmp := part.Name()
	part.Close()
	// VACUUM INTO takes a file name, not a parameter placeholder: quote it as an SQL string.
	q := "VACUUM INTO '" + strings.ReplaceAll(tmp, "'", "''") + "'"
	if _, err := db.ExecContext(ctx, q); err != nil {
		os.Remove(tmp)
		if IsDiskFull(err) {
			return fmt.Errorf("%s: %w", out, ErrDiskFull)
		}
		return fmt.Errorf("backup to %s: %w", out, err)
	}
	if err := syncFile(tmp, 0o600); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("backup to %s: %w", out, err)
	}
	if _, err := os.Stat(out); err == nil { // another backup won the race
		os.Remove(tmp)
		return fmt.Errorf("%s: %w", out, ErrExists)
	}
	if err := os.Rename(tmp, out); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("backup to %s: %w", out, err)
	}
	return syncDir(filepath.Dir(out))
}

// backupBeforeMigration pins a copy of a desk at schema version v before a migration changes it.
func (s *Store) backupBeforeMigration(ctx context.Context, v int) error {
	base := strings.TrimSuffix(filepath.Base(s.path), filepath.Ext(s.path))
	out := filepath.Join(BackupDir(s.path), fmt.Sprintf("%s-before-v%d-%s.db", base, v, time.Now().Format(time.DateOnly)))
	if err := backupWith(ctx, s.w, out); err != nil && !errors.Is(err, ErrExists) {
		return err
	}
	return nil
}

// syncFile sets path's mode and flushes it to the disk.
func syncFile(path string, mode os.FileMode) error {
	if err := os.Chmod(path, mode); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		if isOSDiskFull(err) {
			return ErrDiskFull
		}
		return err
	}
	return f.Close()
}

// syncDir flushes a folder's entries (a rename) where the system allows it.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return nil
	}
	defer d.Close()
	d.Sync() // not supported on Windows: the rename is durable there once it returns
	return nil
}

// BackupFile is one backup in a desk's Backups folder.
type BackupFile struct {
	Path     string
	Day      time.Time // the day in its name
	Size     int64
	Pinned   bool // made before a migration: never rotated away
	Manual   bool // made by hand (its name has a time): never rotated away either
	Modified time.Time
}

// backupName: <desk>-[before-vN-]YYYY-MM-DD[-HHMMSS].db (the time on a backup made by hand).
var backupName = regexp.MustCompile(`^(.+?)-(before-v\d+-)?(\d{4}-\d{2}-\d{2})(-\d{6})?\.db$`)

// Backups lists the desk's automatic backups, newest first.
func Backups(deskPath string) ([]BackupFile, error) {
	entries, err := os.ReadDir(BackupDir(deskPath))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	base := strings.TrimSuffix(filepath.Base(deskPath), filepath.Ext(deskPath))
	var out []BackupFile
	for _, e := range entries {
		m := backupName.FindStringSubmatch(e.Name())
		if m == nil || m[1] != base || e.IsDir() {
			continue
		}
		day, err := time.ParseInLocation(time.DateOnly, m[3], time.Local)
		if err != nil {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		out = append(out, BackupFile{Path: filepath.Join(BackupDir(deskPath), e.Name()), Day: day,
			Size: info.Size(), Pinned: m[2] != "", Manual: m[4] != "", Modified: info.ModTime()})
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Day.Equal(out[j].Day) {
			return out[i].Day.After(out[j].Day)
		}
		return out[i].Modified.After(out[j].Modified)
	})
	return out, nil
}

// KeepDaily and KeepWeekly are the automatic backups' rotation.
const (
	KeepDaily  = 7
	KeepWeekly = 4
)

// AutoBackup makes today's backup in the Backups folder unless there is one, then rotates the
// folder. It returns the new file's path, "" when today's existed.
func (s *Store) AutoBackup(ctx context.Context, now time.Time) (string, error) {
	fileOps.Lock()
	defer fileOps.Unlock()
	base := strings.TrimSuffix(filepath.Base(s.path), filepath.Ext(s.path))
	out := filepath.Join(BackupDir(s.path), base+"-"+now.Format(time.DateOnly)+".db")
	made := ""
	if _, err := os.Stat(out); errors.Is(err, os.ErrNotExist) {
		if err := s.roomForBackup(); err != nil {
			return "", err
		}
		if err := s.backup(ctx, out); err != nil && !errors.Is(err, ErrExists) {
			return "", err
		}
		// A copy of a damaged desk must not count as a day kept: rotation would then drop the
		// good backups one by one.
		problems, err := Check(ctx, out)
		if err == nil && len(problems) > 0 {
			err = fmt.Errorf("%s: %w: %s", s.path, ErrCorrupt, strings.Join(problems, "; "))
		}
		if err != nil {
			os.Remove(out)
			return "", err
		}
		made = out
	}
	list, err := Backups(s.path)
	if err != nil {
		return made, err
	}
	for _, b := range Rotate(list) {
		os.Remove(b.Path)
	}
	return made, nil
}

// backupHeadroom is the space a daily backup leaves free beyond its own size: the desk must go on
// taking mail and edits after it (a backup that fills the disk would stop the desk it protects).
var backupHeadroom uint64 = 1 << 30

// ErrNoRoomForBackup: the daily backup was skipped, the disk being nearly full.
var ErrNoRoomForBackup = errors.New("not enough free space for the daily backup")

// roomForBackup refuses a daily backup that would leave less than backupHeadroom free.
func (s *Store) roomForBackup() error {
	st, err := os.Stat(s.path)
	if err != nil {
		return nil
	}
	dir := filepath.Dir(s.path)
	if free, ok := freeSpace(dir); ok && free < uint64(st.Size())+backupHeadroom {
		return fmt.Errorf("%s: %w (%d MB free, the desk is %d MB)", dir, ErrNoRoomForBackup, free>>20, st.Size()>>20)
	}
	return nil
}

// Rotate says which of a newest-first list of backups to delete: it keeps every pinned one, the
// newest backup of each of the KeepDaily newest days, then the newest of each of the KeepWeekly
// next ISO weeks.
func Rotate(list []BackupFile) []BackupFile {
	var drop []BackupFile
	days, weeks := map[string]bool{}, map[string]bool{}
	for _, b := range list {
		if b.Pinned || b.Manual {
			continue // kept: the daily rotation is for the daily backups
		}
		day := b.Day.Format(time.DateOnly)
		y, w := b.Day.ISOWeek()
		week := fmt.Sprintf("%d-%02d", y, w)
		switch {
		case days[day]:
			drop = append(drop, b) // an older file of a day already kept
		case len(days) < KeepDaily:
			days[day] = true
		case weeks[week]:
			drop = append(drop, b)
		case len(weeks) < KeepWeekly:
			weeks[week] = true
		default:
			drop = append(drop, b)
		}
	}
	return drop
}

// Check runs SQLite's integrity check on the desk file at path, read-only, and returns what it
// found damaged (nil when the desk is whole). A file that is not a Loge desk is an error.
func Check(ctx context.Context, path string) ([]string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(abs); err != nil {
		return nil, fmt.Errorf("%s: %w", abs, ErrNotFound)
	}
	if err := checkFile(ctx, abs); err != nil {
		if errors.Is(err, ErrCorrupt) {
			return []string{err.Error()}, nil
		}
		return nil, err
	}
	db, err := sql.Open("sqlite", dsn(abs)+"?mode=ro&_pragma=query_only(1)&_pragma=busy_timeout(10000)")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, "PRAGMA integrity_check(100)")
	if err != nil {
		if c := classify(abs, err); errors.Is(c, ErrCorrupt) {
			return []string{err.Error()}, nil
		}
		return nil, classify(abs, err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return nil, err
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		if c := classify(abs, err); errors.Is(c, ErrCorrupt) {
			return append(problems, err.Error()), nil
		}
		return nil, err
	}
	return problems, nil
}

// ManualBackupPath is where a backup made by hand at now goes in the desk's Backups folder.
func ManualBackupPath(deskPath string, now time.Time) string {
	base := strings.TrimSuffix(filepath.Base(deskPath), filepath.Ext(deskPath))
	return filepath.Join(BackupDir(deskPath), base+"-"+now.Format("2006-01-02-150405")+".db")
}

// Restore replaces the desk file at deskPath by the backup from, after checking that from is a
// whole Loge desk this version can open. The desk it replaces is kept beside it as
// <desk>-before-restore-<time>.db (returned), with its WAL, so nothing is lost by a wrong choice.
// No Loge window may hold the desk meanwhile (ErrOpenElsewhere), nor a headless sync run on it
// (ErrSyncRunning, see HoldSync).
func Restore(ctx context.Context, deskPath, from string) (previous string, err error) {
	abs, err := filepath.Abs(deskPath)
	if err != nil {
		return "", err
	}
	problems, err := Check(ctx, from)
	if err != nil {
		return "", err
	}
	if len(problems) > 0 {
		return "", fmt.Errorf("%s: %w: %s", from, ErrCorrupt, strings.Join(problems, "; "))
	}
	// Check takes an empty file, or a database nothing was ever written to, as whole: neither is a
	// desk to put in the place of one.
	if v, err := fileVersion(ctx, from); err != nil || v < 1 {
		return "", fmt.Errorf("%s: %w (not a backup of a desk)", from, ErrNotDatabase)
	}
	lock := &Store{path: abs}
	release, err := lock.HoldWindow()
	if err != nil {
		return "", err
	}
	defer release()
	return RestoreHeld(abs, from)
}

// RestoreHeld is Restore for the window that holds the desk (HoldWindow) and has closed it: from
// must have been checked.
func RestoreHeld(deskPath, from string) (previous string, err error) {
	fileOps.Lock()
	defer fileOps.Unlock()
	abs, err := filepath.Abs(deskPath)
	if err != nil {
		return "", err
	}
	// A headless sync writing into the desk would go on writing into the file moved aside.
	releaseSync, err := holdNoSync(abs)
	if err != nil {
		return "", err
	}
	defer releaseSync()
	tmp := abs + ".restore"
	if err := copyFile(from, tmp); err != nil {
		os.Remove(tmp)
		if IsDiskFull(err) {
			return "", fmt.Errorf("%s: %w", abs, ErrDiskFull)
		}
		return "", err
	}
	// Move the desk and its WAL aside, then the copy in; any step that fails puts back what moved,
	// so the desk is never left missing.
	var moved []string
	undo := func() {
		for _, suffix := range moved {
			os.Rename(previous+suffix, abs+suffix)
		}
		os.Remove(tmp)
	}
	if _, err := os.Stat(abs); err == nil {
		base := strings.TrimSuffix(abs, filepath.Ext(abs))
		previous = base + "-before-restore-" + time.Now().Format("2006-01-02-150405") + ".db"
		for _, suffix := range []string{"", "-wal", "-shm"} {
			if _, err := os.Stat(abs + suffix); err != nil {
				continue
			}
			if err := os.Rename(abs+suffix, previous+suffix); err != nil {
				undo()
				return "", err
			}
			moved = append(moved, suffix)
		}
	}
	if err := os.Rename(tmp, abs); err != nil {
		undo()
		return "", err
	}
	return previous, syncDir(filepath.Dir(abs))
}

// fileVersion is the schema version of the (checked) desk file at path, read-only.
func fileVersion(ctx context.Context, path string) (int, error) {
	if st, err := os.Stat(path); err != nil || st.Size() == 0 {
		return 0, err
	}
	db, err := sql.Open("sqlite", dsn(path)+"?mode=ro&_pragma=query_only(1)")
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var v int
	err = db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v)
	return v, err
}

// copyFile copies from into a new file to (mode 0600), flushed to the disk, streaming (a desk can
// be gigabytes).
func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
