package cli

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"loge/app/i18n"
	"loge/data/store"
)

// cmdBackup writes a consistent copy of the desk: to OUT, or into the desk's Backups folder (where
// the window's daily backups rotate); --list shows that folder.
func cmdBackup(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, db := newFlags("backup", stderr)
	list := fs.Bool("list", false, "cli.flag_backup_list")
	asJSON := fs.Bool("json", false, "cli.flag_json")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 1 {
		return usageErr("%s", i18n.T("cli.one_output"))
	}
	if *list {
		return listBackups(*db, *asJSON, stdout)
	}
	st, err := openDesk(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	out := fs.Arg(0)
	if out == "" {
		out = store.ManualBackupPath(st.Path(), time.Now())
	}
	if err := st.Backup(ctx, out); err != nil {
		return err
	}
	abs, _ := filepath.Abs(out)
	fmt.Fprintln(stdout, i18n.T("cli.backup_done", map[string]any{"Path": abs}))
	return nil
}

type backupRow struct {
	Path   string `json:"path"`
	Day    string `json:"day"`
	Size   int64  `json:"size"`
	Pinned bool   `json:"before_migration"`
}

func listBackups(db string, asJSON bool, stdout io.Writer) error {
	list, err := store.Backups(db)
	if err != nil {
		return err
	}
	rows := []backupRow{}
	for _, b := range list {
		rows = append(rows, backupRow{Path: b.Path, Day: b.Day.Format(time.DateOnly), Size: b.Size, Pinned: b.Pinned})
	}
	if asJSON {
		return writeJSON(stdout, rows)
	}
	if len(rows) == 0 {
		fmt.Fprintln(stdout, i18n.T("cli.backup_none", map[string]any{"Dir": store.BackupDir(db)}))
	}
	for _, r := range rows {
		fmt.Fprintf(stdout, "%s  %7.1f MB  %s\n", r.Day, float64(r.Size)/1e6, r.Path)
	}
	return nil
}

// cmdRestore replaces the desk by a backup, after checking it; the replaced desk is kept.
func cmdRestore(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, db := newFlags("restore", stderr)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageErr("%s", i18n.T("cli.restore_usage"))
	}
	previous, err := store.Restore(ctx, *db, fs.Arg(0))
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, i18n.T("cli.restore_done", map[string]any{"From": fs.Arg(0), "Path": *db}))
	if previous != "" {
		fmt.Fprintln(stdout, i18n.T("cli.restore_previous", map[string]any{"Path": previous}))
	}
	return nil
}

// cmdCheck runs SQLite's integrity check over the desk; exit code 1 when something is damaged.
func cmdCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, db := newFlags("check", stderr)
	if err := fs.Parse(args); err != nil {
		return err
	}
	path, err := filepath.Abs(*db)
	if err != nil {
		return err
	}
	problems, err := store.Check(ctx, path)
	if err != nil {
		return err
	}
	if len(problems) == 0 {
		fmt.Fprintln(stdout, i18n.T("cli.check_ok", map[string]any{"Path": path}))
		return nil
	}
	for _, p := range problems {
		for _, line := range strings.Split(p, "\n") {
			fmt.Fprintln(stdout, "  "+line)
		}
	}
	return &exitError{code: 1, msg: i18n.T("cli.check_damaged", map[string]any{"Path": path, "Count": len(problems), "Dir": store.BackupDir(path)})}
}
