// Package layers checks the rules of Loge's layout (docs/ARCHITECTURE.md) on the real import graph
// and sources, so a change that crosses a layer fails `make test`.
package layers

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

type pkg struct {
	ImportPath string
	Dir        string
	Imports    []string
	Deps       []string
	GoFiles    []string
}

// packages lists every package of the module with its direct imports and all its dependencies.
func packages(t *testing.T) []pkg {
	t.Helper()
	cmd := exec.Command("go", "list", "-deps=false", "-json", "loge/...")
	cmd.Dir = root(t)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	var ps []pkg
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for dec.More() {
		var p pkg
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		ps = append(ps, p)
	}
	if len(ps) < 10 {
		t.Fatalf("go list found %d packages", len(ps))
	}
	return ps
}

func root(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

func under(path, prefix string) bool { return path == prefix || strings.HasPrefix(path, prefix+"/") }

// violations lists, for each package the rule applies to, the imports it forbids.
func violations(ps []pkg, applies func(string) bool, list func(pkg) []string, forbidden func(string) bool) []string {
	var out []string
	for _, p := range ps {
		if !applies(p.ImportPath) {
			continue
		}
		for _, imp := range list(p) {
			if forbidden(imp) {
				out = append(out, p.ImportPath+" → "+imp)
			}
		}
	}
	return out
}

func direct(p pkg) []string { return p.Imports }
func all(p pkg) []string    { return p.Deps }

func TestLayers(t *testing.T) {
	ps := packages(t)
	fyne := func(imp string) bool { return under(imp, "fyne.io/fyne/v2") }
	rules := []struct {
		name      string
		applies   func(string) bool
		list      func(pkg) []string
		forbidden func(string) bool
	}{
		{"nothing under data/ imports Fyne or app/", func(p string) bool { return under(p, "loge/data") }, all,
			func(imp string) bool { return fyne(imp) || under(imp, "loge/app") }},
		{"app/gui speaks no SQL, IMAP or SMTP itself", func(p string) bool { return under(p, "loge/app/gui") }, direct,
			func(imp string) bool {
				return imp == "database/sql" || under(imp, "modernc.org/sqlite") || under(imp, "github.com/emersion/go-imap/v2") ||
					under(imp, "github.com/emersion/go-smtp")
			}},
		{"app/cli never loads the window", func(p string) bool { return under(p, "loge/app/cli") }, all,
			func(imp string) bool { return fyne(imp) || under(imp, "loge/app/gui") }},
		{"app/console (loge.com) starts without cgo or a GUI toolkit", func(p string) bool { return under(p, "loge/app/console") }, all,
			func(imp string) bool { return fyne(imp) || under(imp, "loge/app/gui") || under(imp, "loge/app/office") }},
		{"app/headless (loge-cli) links no GUI toolkit", func(p string) bool { return under(p, "loge/app/headless") }, all,
			func(imp string) bool { return fyne(imp) || under(imp, "loge/app/gui") }},
		{"app/i18n and app/office need no GUI toolkit", func(p string) bool { return under(p, "loge/app/i18n") || under(p, "loge/app/office") }, all,
			func(imp string) bool { return fyne(imp) || under(imp, "loge/app/gui") }},
		{"only data/store speaks to SQLite", func(p string) bool { return !under(p, "loge/data/store") }, direct,
			func(imp string) bool { return imp == "database/sql" || under(imp, "modernc.org/sqlite") }},
	}
	for _, r := range rules {
		t.Run(r.name, func(t *testing.T) {
			if v := violations(ps, r.applies, r.list, r.forbidden); len(v) > 0 {
				t.Errorf("%s:\n  %s", r.name, strings.Join(v, "\n  "))
			}
		})
	}
}

// sqlText finds SQL in a string: a statement keyword followed by what makes it one.
var sqlText = regexp.MustCompile(`(?is)\b(SELECT\s.+\sFROM\s|INSERT\s+INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s|CREATE\s+(TABLE|INDEX|TRIGGER)\s|PRAGMA\s+\w+|ALTER\s+TABLE\s)`)

// No SQL string outside data/store, in code or tests.
func TestNoSQLOutsideTheStore(t *testing.T) {
	base := root(t)
	var found []string
	checked := 0
	filepath.WalkDir(base, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(base, path)
		if d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") || rel == filepath.Join("data", "store") || rel == filepath.Join("tests", "layers") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") {
			return nil
		}
		checked++
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			return nil
		}
		ast.Inspect(f, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			if s, err := strconv.Unquote(lit.Value); err == nil && sqlText.MatchString(s) {
				found = append(found, fset.Position(lit.Pos()).String())
			}
			return true
		})
		return nil
	})
	if checked < 50 {
		t.Fatalf("only %d Go files checked", checked)
	}
	for _, f := range found {
		rel, _ := filepath.Rel(base, f)
		t.Errorf("SQL outside data/store: %s", rel)
	}
}
