package i18n

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"loge/data/desk"
)

func loadJSON(t *testing.T, lang string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "assets", "translations", lang+".json"))
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
	// T("key") anywhere in the program, and the flag help keys the command line translates late.
	keyRe := regexp.MustCompile(`\bT\("([a-z0-9_.-]+)"|"(cli\.flag_[a-z0-9_]+)"`)
	files, _ := filepath.Glob("../*/*.go")
	main, _ := filepath.Glob("../../*.go")
	for _, f := range append(files, main...) {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, _ := os.ReadFile(f)
		for _, m := range keyRe.FindAllStringSubmatch(string(src), -1) {
			k := m[1] + m[2]
			if strings.HasSuffix(k, ".") {
				continue // a prefix completed at run time; checked below
			}
			if _, ok := en[k]; !ok {
				t.Errorf("%s uses %q, missing from en.json", f, k)
			}
		}
	}
	dynamic := map[string][]string{
		"kind.":         append(append([]string{}, desk.RequestKinds...), desk.SearchKinds...),
		"status.":       desk.RequestStatuses,
		"stay.":         desk.StayStatuses,
		"vstatus.":      desk.VendorStatuses,
		"category.":     desk.VendorCategories,
		"mailbox.":      {desk.RoleInbox, desk.RoleSent, desk.RoleDrafts, desk.RoleTrash, desk.RoleArchive},
		"search.group.": desk.SearchKinds,
		"kind.link.":    desk.LinkKinds,
		"val.":          {desk.CodeRequired, desk.CodeBeforeArrival, desk.CodeMinOne, desk.CodeUnknown, desk.CodeRange, desk.CodeNegative, desk.CodeNoSuchRef},
		"val.short.":    {desk.CodeRequired, desk.CodeBeforeArrival, desk.CodeMinOne, desk.CodeUnknown, desk.CodeRange, desk.CodeNegative, desk.CodeNoSuchRef},
		// a vendor's and a contact's phones, e-mails and addresses (app/gui/channels.go)
		"channel.":               desk.Media,
		"channel.kind.":          desk.ChannelKinds[desk.MediumPhone],
		"form.channel.add.":      desk.Media,
		"form.channel.hint.":     desk.Media,
		"form.vendor.channels_":  desk.Media,
		"form.contact.channels_": desk.Media,
		"field.vendor.":          {"Phone", "Email", "Address", "Kind", "Medium"},
		"field.contact.":         {"Phone", "Email", "Address", "Kind", "Medium"},
	}
	dynamic["val."] = append(dynamic["val."], desk.CodeBadEmail, desk.CodeBadPhone)
	dynamic["val.short."] = append(dynamic["val.short."], desk.CodeBadEmail, desk.CodeBadPhone)
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

// Counts take the plural of their language: French keeps 0 and 1 singular, English only 1.
func TestPluralForms(t *testing.T) {
	defer Load("")
	for _, c := range []struct {
		lang string
		n    int
		want string
	}{
		{"fr", 0, "Cahier de liaison — 0 non lu"}, {"fr", 1, "Cahier de liaison — 1 non lu"},
		{"fr", 2, "Cahier de liaison — 2 non lus"},
		{"en", 0, "0 changes waiting for the server"}, {"en", 1, "1 change waiting for the server"},
		{"en", 3, "3 changes waiting for the server"},
	} {
		Load(c.lang)
		key := "logbook.title_unread"
		if c.lang == "en" {
			key = "status.pending"
		}
		if got := T(key, map[string]any{"N": c.n}); got != c.want {
			t.Errorf("%s %d: %q, want %q", c.lang, c.n, got, c.want)
		}
	}
}
