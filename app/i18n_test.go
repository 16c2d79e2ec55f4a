package app

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"loge/data"
)

func loadJSON(t *testing.T, lang string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "assets", "translations", lang+".json"))
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%s.json: %v", lang, err)
	}
	return m
}

// Every key the code asks for exists in both languages, and both files carry the same keys.
func TestTranslationsComplete(t *testing.T) {
	en, fr := loadJSON(t, "en"), loadJSON(t, "fr")
	for k := range en {
		if _, ok := fr[k]; !ok {
			t.Errorf("fr.json lacks %q", k)
		}
	}
	for k := range fr {
		if _, ok := en[k]; !ok {
			t.Errorf("en.json lacks %q", k)
		}
	}
	keyRe := regexp.MustCompile(`\bT\("([a-z0-9_.]+)"`)
	files, _ := filepath.Glob("*.go")
	main, _ := filepath.Glob("../*.go")
	for _, f := range append(files, main...) {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, _ := os.ReadFile(f)
		for _, m := range keyRe.FindAllStringSubmatch(string(src), -1) {
			k := m[1]
			if strings.HasSuffix(k, ".") {
				continue // a prefix completed at run time; checked below
			}
			if _, ok := en[k]; !ok {
				t.Errorf("%s uses %q, missing from en.json", f, k)
			}
		}
	}
	dynamic := map[string][]string{
		"kind.":         append(append([]string{}, data.RequestKinds...), data.SearchKinds...),
		"status.":       data.RequestStatuses,
		"stay.":         data.StayStatuses,
		"vstatus.":      data.VendorStatuses,
		"category.":     data.VendorCategories,
		"mailbox.":      {data.RoleInbox, data.RoleSent, data.RoleDrafts, data.RoleTrash, data.RoleArchive},
		"search.group.": data.SearchKinds,
		"kind.link.":    data.LinkKinds,
		"val.":          {data.CodeRequired, data.CodeBeforeArrival, data.CodeMinOne, data.CodeUnknown, data.CodeRange, data.CodeNegative, data.CodeNoSuchRef},
		"val.short.":    {data.CodeRequired, data.CodeBeforeArrival, data.CodeMinOne, data.CodeUnknown, data.CodeRange, data.CodeNegative, data.CodeNoSuchRef},
	}
	for prefix, codes := range dynamic {
		for _, c := range codes {
			if _, ok := en[prefix+c]; !ok {
				t.Errorf("missing %s%s", prefix, c)
			}
		}
	}
	// French is really French: a sample of keys must differ from English.
	for _, k := range []string{"ws.board", "board.arrivals", "err.not_database", "val.short.required"} {
		if en[k] == fr[k] {
			t.Errorf("%s is not translated: %q", k, fr[k])
		}
	}
}
