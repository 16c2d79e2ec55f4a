package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"loge/app/i18n"
	"loge/data/docs/vcard"
	"loge/data/store"
)

func cmdExportVCard(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var version *string
	return docCommand(ctx, "export-vcard", args, stdout, stderr, func(fs *flag.FlagSet) func() error {
		version = fs.String("version", "3.0", "cli.flag_vcard_version")
		return func() error {
			if *version != "3.0" && *version != "4.0" {
				return usageErr("%s", i18n.T("cli.bad_vcard_version", map[string]any{"Value": *version}))
			}
			return nil
		}
	}, func(st *store.Store, w io.Writer) error {
		_, err := vcard.Export(ctx, st, w, nil, *version)
		return err
	})
}

func cmdImportVCard(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, db := newFlags("import-vcard", stderr)
	category := fs.String("category", "other", "cli.flag_category")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageErr("%s", i18n.T("cli.needs_files"))
	}
	st, err := openDesk(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	problems := 0
	for _, path := range fs.Args() {
		f, err := os.Open(path)
		if err != nil {
			return &exitError{code: 1, msg: i18n.T("cli.cannot_read", map[string]any{"Path": path, "Detail": err.Error()})}
		}
		rep, err := vcard.Import(ctx, st, f, vcard.ImportOptions{Category: *category})
		f.Close()
		if err != nil {
			return err
		}
		for _, p := range rep.Problems {
			fmt.Fprintln(stderr, i18n.T("cli.vcard_problem", map[string]any{"Path": path, "Line": p.Line, "Name": p.Name, "Detail": i18n.ErrorText(p.Err)}))
		}
		for _, p := range rep.Dropped {
			fmt.Fprintln(stderr, i18n.T("cli.vcard_dropped", map[string]any{"Path": path, "Line": p.Line, "Name": p.Name, "Detail": i18n.ErrorText(p.Err)}))
		}
		problems += len(rep.Problems)
		fmt.Fprintln(stdout, i18n.T("cli.vcard_report", map[string]any{"Path": path, "Added": rep.Added, "Updated": rep.Updated, "Duplicates": rep.Duplicates, "Problems": len(rep.Problems)}))
	}
	if problems > 0 {
		return &exitError{code: 1, msg: i18n.T("cli.vcard_some_problems", map[string]any{"N": problems})}
	}
	return nil
}
