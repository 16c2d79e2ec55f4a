package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"loge/app/i18n"
	"loge/data/desk"
	"loge/data/docs"
	"loge/data/docs/ics"
	"loge/data/store"
)

// writeFileAtomically writes a document through a temporary file put into place only when whole,
// so an error half-way leaves nothing half-written. An existing file is never replaced silently:
// without replace it is refused (store.ErrExists, "choose another name") and left untouched.
func writeFileAtomically(path string, replace bool, write func(io.Writer) error) error {
	fi, err := os.Stat(path)
	if err == nil && fi.IsDir() {
		return &exitError{code: 2, msg: i18n.T("cli.out_is_folder", map[string]any{"Path": path})}
	}
	if err == nil && !replace {
		return fmt.Errorf("%s: %w", path, store.ErrExists)
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return &exitError{code: 1, msg: i18n.T("cli.cannot_write", map[string]any{"Path": path, "Detail": err.Error()})}
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return &exitError{code: 1, msg: i18n.T("cli.cannot_write", map[string]any{"Path": path, "Detail": err.Error()})}
	}
	if !replace {
		// A link fails when the name was taken meanwhile (by another program, or a second run),
		// where a rename would replace that file.
		err := os.Link(tmp.Name(), path)
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s: %w", path, store.ErrExists)
		}
		if err == nil {
			return nil
		}
		if _, serr := os.Stat(path); serr == nil { // no hard links here (FAT, some shares)
			return fmt.Errorf("%s: %w", path, store.ErrExists)
		}
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return &exitError{code: 1, msg: i18n.T("cli.cannot_write", map[string]any{"Path": path, "Detail": err.Error()})}
	}
	return nil
}

// docCommand is the shape every document command shares: flags, an open desk, one output file.
func docCommand(ctx context.Context, name string, args []string, stdout, stderr io.Writer, extra func(*flag.FlagSet) func() error,
	write func(st *store.Store, w io.Writer) error) error {
	fs, db := newFlags(name, stderr)
	replace := fs.Bool("replace", false, "cli.flag_replace")
	check := extra(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := check(); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageErr("%s", i18n.T("cli.needs_out"))
	}
	out := fs.Arg(0)
	st, err := openDesk(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := writeFileAtomically(out, *replace, func(w io.Writer) error { return write(st, w) }); err != nil {
		return err
	}
	fmt.Fprintln(stdout, i18n.T("cli.written", map[string]any{"Path": out}))
	return nil
}

func cmdItineraryPDF(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var stay, lang *string
	return docCommand(ctx, "itinerary-pdf", args, stdout, stderr, func(fs *flag.FlagSet) func() error {
		stay = fs.String("stay", "", "cli.flag_stay")
		lang = fs.String("lang", "", "cli.flag_doc_lang")
		return func() error {
			if *stay == "" {
				return usageErr("%s", i18n.T("cli.needs_stay"))
			}
			return nil
		}
	}, func(st *store.Store, w io.Writer) error { return docs.Itinerary(ctx, st, *stay, *lang, w) })
}

func cmdDowntimePDF(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var day, lang *string
	return docCommand(ctx, "downtime-pdf", args, stdout, stderr, func(fs *flag.FlagSet) func() error {
		day = fs.String("date", time.Now().Format(time.DateOnly), "cli.flag_date")
		lang = fs.String("lang", i18n.Current(), "cli.flag_doc_lang")
		return func() error {
			if _, err := time.Parse(time.DateOnly, *day); err != nil {
				return usageErr("%s", i18n.T("cli.bad_date", map[string]any{"Value": *day}))
			}
			return nil
		}
	}, func(st *store.Store, w io.Writer) error { return docs.Downtime(ctx, st, *day, *lang, w) })
}

func cmdExportICS(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var stay, request, lang *string
	return docCommand(ctx, "export-ics", args, stdout, stderr, func(fs *flag.FlagSet) func() error {
		stay = fs.String("stay", "", "cli.flag_stay")
		request = fs.String("request", "", "cli.flag_request")
		lang = fs.String("lang", i18n.Current(), "cli.flag_doc_lang")
		return func() error {
			if (*stay == "") == (*request == "") {
				return usageErr("%s", i18n.T("cli.needs_stay_or_request"))
			}
			return nil
		}
	}, func(st *store.Store, w io.Writer) error {
		if *request != "" {
			return ics.Request(ctx, st, *request, *lang, w)
		}
		return ics.Stay(ctx, st, *stay, *lang, w)
	})
}

// cmdAttachment writes one attachment of a stored message, byte for byte as the sender attached it.
func cmdAttachment(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var message *int64
	var index *int
	return docCommand(ctx, "attachment", args, stdout, stderr, func(fs *flag.FlagSet) func() error {
		message = fs.Int64("message", 0, "cli.flag_message")
		index = fs.Int("index", 1, "cli.flag_attachment_index")
		return func() error {
			if *message <= 0 {
				return usageErr("%s", i18n.T("cli.needs_message"))
			}
			if *index < 1 {
				return usageErr("%s", i18n.T("cli.bad_index", map[string]any{"N": *index}))
			}
			return nil
		}
	}, func(st *store.Store, w io.Writer) error {
		_, err := st.WriteAttachment(ctx, *message, *index, w)
		return err
	})
}

// cmdExportRequests writes the requests of a period (and status, kind, vendor) as a spreadsheet.
func cmdExportRequests(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var from, to, statuses, kind, vendor, lang *string
	var f store.RequestFilter
	return docCommand(ctx, "export-requests", args, stdout, stderr, func(fs *flag.FlagSet) func() error {
		from = fs.String("from", "", "cli.flag_from_day")
		to = fs.String("to", "", "cli.flag_to_day")
		statuses = fs.String("status", "", "cli.flag_statuses")
		kind = fs.String("kind", "", "cli.flag_kind")
		vendor = fs.String("vendor", "", "cli.flag_vendor")
		lang = fs.String("lang", i18n.Current(), "cli.flag_doc_lang")
		return func() error {
			for _, d := range []*string{from, to} {
				if _, err := time.Parse(time.DateOnly, *d); *d != "" && err != nil {
					return usageErr("%s", i18n.T("cli.bad_date", map[string]any{"Value": *d}))
				}
			}
			f.FromDay, f.VendorID = *from, *vendor
			if *to != "" {
				day, _ := time.Parse(time.DateOnly, *to)
				f.ToDay = day.AddDate(0, 0, 1).Format(time.DateOnly) // --to is the last day, included
			}
			for _, s := range strings.Split(*statuses, ",") {
				if s = strings.TrimSpace(s); s == "" {
					continue
				}
				if !slices.Contains(desk.RequestStatuses, s) {
					return usageErr("%s", i18n.T("cli.bad_status", map[string]any{"Value": s, "List": strings.Join(desk.RequestStatuses, ", ")}))
				}
				f.Statuses = append(f.Statuses, s)
			}
			if *kind != "" && !slices.Contains(desk.RequestKinds, *kind) {
				return usageErr("%s", i18n.T("cli.bad_kind", map[string]any{"Value": *kind, "List": strings.Join(desk.RequestKinds, ", ")}))
			}
			return nil
		}
	}, func(st *store.Store, w io.Writer) error {
		reqs, err := st.Requests(ctx, f)
		if err != nil {
			return err
		}
		if *kind != "" {
			reqs = slices.DeleteFunc(reqs, func(r desk.Request) bool { return r.Kind != *kind })
		}
		return docs.RequestsCSV(w, reqs, st.Loc, *lang)
	})
}
