// Package cli is Loge's command line: the headless subcommands, one table of them, a file per
// group (desk, mail, outbox, documents, vCard). It never opens a window nor loads a GUI driver;
// every sentence it prints goes through app/i18n, in the user's language (LOGE_LANG, else the
// computer's).
package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"loge/app/i18n"
	"loge/app/office"
	"loge/data/store"
)

// Version is Loge's version, set by main from FyneApp.toml.
var Version = "dev"

// command is one subcommand. Synopsis shows its flags as a person types them; the summary is
// translated ("cli.cmd.<name>").
type command struct {
	name     string
	synopsis string
	run      func(ctx context.Context, args []string, stdout, stderr io.Writer) error
}

// commands in the order help lists them.
var commands = []command{
	{"init", "--db PATH [--name NAME] [--initials XX]", cmdInit},
	{"demo-init", "--db PATH", cmdDemoInit},
	{"stats", "--db PATH [--json]", cmdStats},
	{"search", "--db PATH [--json] [--limit N] QUERY", cmdSearch},
	{"list", "--db PATH [--json] guests|stays|requests|vendors|messages [--mailbox M] [--limit N]", cmdList},
	{"sync", "--db PATH (--account NAME | --host H --user U --password-env VAR [--port N] [--security tls|starttls|insecure-plain] [--ca-file F]) [--mailbox M]... [--idle]", cmdSync},
	{"queue", "--db PATH --from ADDR --to ADDR[,ADDR] [--cc ADDR] --subject S --body-file F [--attach F]...", cmdQueue},
	{"send-pending", "--db PATH (--account NAME | --smtp-host H [--smtp-port N] [--smtp-security tls|starttls|insecure-plain] [--smtp-user U --smtp-password-env VAR] [IMAP flags of sync])", cmdSendPending},
	{"outbox", "--db PATH [--json] [--send-again ID | --mark-sent ID]", cmdOutbox},
	{"logbook", "[add] --db PATH [--json] [--about guest|stay|request|thread --id ID] [TEXT]", cmdLogbook},
	{"itinerary-pdf", "--db PATH --stay ID [--lang fr|en] OUT.pdf", cmdItineraryPDF},
	{"downtime-pdf", "--db PATH [--date YYYY-MM-DD] [--lang fr|en] OUT.pdf", cmdDowntimePDF},
	{"export-ics", "--db PATH (--stay ID | --request ID) [--lang fr|en] OUT.ics", cmdExportICS},
	{"attachment", "--db PATH --message ID [--index N] OUT", cmdAttachment},
	{"report", "commissions --db PATH [--month YYYY-MM] [--json]", cmdReport},
	{"export-requests", "--db PATH [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--status S,S] [--kind K] [--vendor ID] [--lang fr|en] OUT.csv", cmdExportRequests},
	{"import-vcard", "--db PATH [--category C] FILE...", cmdImportVCard},
	{"export-vcard", "--db PATH [--version 3.0|4.0] OUT.vcf", cmdExportVCard},
	{"backup", "--db PATH [OUT.db] | --list [--json]", cmdBackup},
	{"restore", "--db PATH BACKUP.db", cmdRestore},
	{"check", "--db PATH", cmdCheck},
}

func lookup(name string) (command, bool) {
	for _, c := range commands {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// IsCommand reports whether args start with something the command line handles (a subcommand,
// help or --version) rather than the window's flags.
func IsCommand(args []string) bool {
	if len(args) == 0 {
		return false
	}
	switch args[0] {
	case "help", "-h", "-help", "--help", "--version", "-version", "version":
		return true
	}
	return !strings.HasPrefix(args[0], "-")
}

// Run runs the subcommand args name and returns the process exit code: 0, 1 for a failure, 2 for
// a usage error.
func Run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	err := dispatch(ctx, args, stdout, stderr)
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
	fmt.Fprintln(stderr, "loge: "+i18n.ErrorText(err))
	return 1
}

func dispatch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	switch args[0] {
	case "--version", "-version", "version":
		fmt.Fprintln(stdout, "Loge "+Version)
		return nil
	case "help", "-h", "-help", "--help":
		if len(args) > 1 {
			c, ok := lookup(args[1])
			if !ok {
				return usageErr("%s", i18n.T("cli.unknown_command", map[string]any{"Command": args[1]}))
			}
			// Its flags, on stdout: the command's own -h.
			fmt.Fprintf(stdout, "%s %s %s\n\n%s\n\n", Program, c.name, c.synopsis, i18n.T("cli.cmd."+c.name))
			if err := c.run(ctx, []string{"-h"}, stdout, stdout); !errors.Is(err, flag.ErrHelp) {
				return err
			}
			return nil
		}
		usage(stdout)
		return nil
	}
	c, ok := lookup(args[0])
	if !ok {
		return usageErr("%s", i18n.T("cli.unknown_command", map[string]any{"Command": args[0]}))
	}
	return c.run(ctx, args[1:], stdout, stderr)
}

// Program is the name usage shows: loge, or loge-cli (app/headless), which has no window to open.
var Program = "loge"

// usage lists every command with its synopsis and what it does.
func usage(w io.Writer) {
	fmt.Fprintln(w, i18n.T("cli.usage_head"))
	if Program == "loge" {
		fmt.Fprintln(w, "  loge [--db PATH] [--demo] [--lang fr|en] [--workspace W] [--size WxH]")
		fmt.Fprintln(w, "        "+i18n.T("cli.cmd.gui"))
	}
	for _, c := range commands {
		fmt.Fprintf(w, "  %s %s %s\n        %s\n", Program, c.name, c.synopsis, i18n.T("cli.cmd."+c.name))
	}
	fmt.Fprintf(w, "  %[1]s help COMMAND | %[1]s --version\n", Program)
	fmt.Fprintln(w)
	fmt.Fprintln(w, i18n.T("cli.usage_tail"))
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

// newFlags starts a command's flags, --db first; errors and help go to stderr.
func newFlags(name string, stderr io.Writer) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet(Program+" "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	// Flags are declared with the key of their help text, translated only when help is printed: a
	// command needs no sentence before its first result (see i18n.LoadAsync).
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintln(w, i18n.T("cli.flags_of", map[string]any{"Command": fs.Name()}))
		fs.VisitAll(func(f *flag.Flag) {
			help := f.Usage
			if strings.HasPrefix(help, "cli.flag_") {
				help = i18n.T(help)
			}
			kind, _ := flag.UnquoteUsage(f)
			fmt.Fprintf(w, "  --%s %s\n      %s", f.Name, kind, help)
			if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" {
				fmt.Fprint(w, " "+i18n.T("cli.flag_default", map[string]any{"Value": f.DefValue}))
			}
			fmt.Fprintln(w)
		})
	}
	db := fs.String("db", office.DefaultPath(), "cli.flag_db")
	return fs, db
}

// openDesk opens an existing desk. Only init, demo-init and the window create one: a typing
// mistake in --db must not leave an empty desk behind and sync into it.
func openDesk(ctx context.Context, path string) (*store.Store, error) {
	if fi, err := os.Stat(path); errors.Is(err, os.ErrNotExist) || err == nil && fi.Size() == 0 {
		return nil, &exitError{code: 1, msg: i18n.T("err.no_desk", map[string]any{"Path": path})}
	}
	return store.Open(ctx, path)
}

// cmdInit creates an empty desk: its identity, and nothing else.
func cmdInit(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, db := newFlags("init", stderr)
	name := fs.String("name", "", "cli.flag_desk_name")
	initials := fs.String("initials", "", "cli.flag_initials")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fi, err := os.Stat(*db); err == nil && fi.Size() > 0 {
		return &exitError{code: 1, msg: i18n.T("err.desk_exists", map[string]any{"Path": *db})}
	}
	st, err := store.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	// A desk has an identity of its own from the start (its id); a person's name and initials
	// when given, for the team to see.
	if *name != "" {
		if err := st.SetIdentity(ctx, *name, *initials); err != nil {
			return err
		}
	}
	fmt.Fprintln(stdout, i18n.T("cli.init_done", map[string]any{"Path": st.Path()}))
	return nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// stringList is a repeatable string flag.
type stringList []string

func (l *stringList) String() string { return strings.Join(*l, ",") }

func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

func firstNonZero(a, b int) int {
	if a != 0 {
		return a
	}
	return b
}
