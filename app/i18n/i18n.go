// Package i18n is Loge's language: the French and English strings of assets/translations, and the
// sentence every error becomes for a person (what happened, what to do next). The window and the
// command line both speak through it; it needs no GUI toolkit, so a headless command never loads one.
package i18n

import (
	"encoding/json"
	"fmt"
	"log"
	"strconv"
	"strings"
	"sync"
	"text/template"

	"github.com/jeandeaual/go-locale"

	"loge/assets"
)

// Languages Loge is translated into, in the order the Settings offer them.
var Languages = []string{"fr", "en"}

var (
	mu      sync.RWMutex
	current = "en"
	strs    map[string]string                 // the current language's strings
	parsed  = map[string]*template.Template{} // strings with {{.X}} placeholders, parsed once
	pending sync.WaitGroup                    // loads still running in the background; T waits for them
)

// Load picks the language, override ("fr" or "en") when set, otherwise the computer's, and reads its
// strings. Safe to call again to switch language.
func Load(override string) {
	pending.Wait()
	load(override)
}

// LoadAsync is Load in the background, for the command line: parsing the strings takes a few
// milliseconds, which a command can spend opening its desk and logging in instead. T waits.
func LoadAsync(override string) {
	pending.Add(1)
	go func() {
		defer pending.Done()
		load(override)
	}()
}

func load(override string) {
	l := normalize(override)
	if l == "" {
		l = SystemLang()
	}
	m := map[string]string{}
	b, err := assets.Translations.ReadFile("translations/" + l + ".json")
	if err == nil {
		err = json.Unmarshal(b, &m)
	}
	if err != nil {
		log.Printf("loge: translations %s: %v", l, err) // a broken build; keys show instead of text
	}
	mu.Lock()
	current, strs, parsed = l, m, map[string]*template.Template{}
	mu.Unlock()
}

// normalize is "fr" or "en" for a language code Loge speaks ("fr_FR", " EN "), else "".
func normalize(code string) string {
	code = strings.ToLower(strings.TrimSpace(code))
	for _, l := range Languages {
		if strings.HasPrefix(code, l) {
			return l
		}
	}
	return ""
}

// SystemLang is the computer's language when Loge speaks it, else English.
func SystemLang() string {
	if locs, err := locale.GetLocales(); err == nil {
		for _, l := range locs {
			if n := normalize(l); n != "" {
				return n
			}
		}
	}
	return "en"
}

// Current is the language Loge speaks now: "fr" or "en".
func Current() string {
	pending.Wait()
	mu.RLock()
	defer mu.RUnlock()
	return current
}

// funcs are what a translation may call: {{plural .N "one" "many"}} is the word for the count .N
// in the current language's rule (French: 0 and 1 take the singular; English: only 1);
// {{number .N}} writes .N with the language's thousands separator (12,345; 12 345).
var funcs = template.FuncMap{"plural": plural, "number": number}

func plural(n any, one, many string) string {
	v, ok := integer(n)
	if !ok {
		return many
	}
	if v == 1 || (language() == "fr" && v == 0) {
		return one
	}
	return many
}

// number groups the digits of n by three: "12,345" in English, "12 345" in French (a no-break
// space, so a number is never cut at the end of a line).
func number(n any) string {
	v, ok := integer(n)
	if !ok {
		return fmt.Sprint(n)
	}
	sep := ","
	if language() == "fr" {
		sep = "\u00a0"
	}
	digits := strconv.FormatInt(v, 10)
	sign := ""
	if v < 0 {
		sign, digits = "-", digits[1:]
	}
	var b strings.Builder
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(d)
	}
	return sign + b.String()
}

func integer(n any) (int64, bool) {
	switch x := n.(type) {
	case int:
		return int64(x), true
	case int64:
		return x, true
	case int32:
		return int64(x), true
	case uint:
		return int64(x), true
	case uint64:
		return int64(x), true
	}
	return 0, false
}

func language() string {
	mu.RLock()
	defer mu.RUnlock()
	return current
}

// T is the string for key in the current language; data fills its {{.Name}} placeholders. A key
// without a string reads as the key itself, so a gap shows rather than vanishes.
func T(key string, data ...any) string {
	pending.Wait()
	mu.RLock()
	s, ok := strs[key]
	tpl := parsed[key]
	mu.RUnlock()
	if !ok {
		return key
	}
	if len(data) == 0 || !strings.Contains(s, "{{") {
		return s
	}
	if tpl == nil {
		var err error
		if tpl, err = template.New(key).Option("missingkey=zero").Funcs(funcs).Parse(s); err != nil {
			return s
		}
		mu.Lock()
		parsed[key] = tpl
		mu.Unlock()
	}
	var b strings.Builder
	if err := tpl.Execute(&b, data[0]); err != nil {
		return s
	}
	return strings.ReplaceAll(b.String(), "<no value>", "")
}
