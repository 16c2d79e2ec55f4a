package app

import (
	"errors"
	"fmt"
	"loge/data/desk"
	"loge/data/store"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"loge/assets"
)

// Languages Loge is translated into, in the order the Settings offer them.
var Languages = []string{"fr", "en"}

var currentLang = "en"

// LoadTranslations registers Loge's translations with fyne's lang package and picks the language:
// override ("fr" or "en") when set, otherwise the OS locale. Safe to call again to switch language.
//
// fyne's lang always follows the OS locale and has no setter, so an override registers the chosen
// file under every language Loge ships: whatever locale fyne picks, it reads the chosen strings.
func LoadTranslations(override string) {
	pending.Wait()
	loadTranslations(override)
}

// pending counts translation loads still running in the background; T waits for them.
var pending sync.WaitGroup

// LoadTranslationsAsync is LoadTranslations in the background, for the command line: parsing the
// two files takes about 4 ms, which a command can spend opening its desk and logging in instead.
// T waits until it is done.
func LoadTranslationsAsync(override string) {
	pending.Add(1)
	go func() {
		defer pending.Done()
		loadTranslations(override)
	}()
}

func loadTranslations(override string) {
	files := map[string][]byte{}
	for _, l := range Languages {
		b, err := assets.Translations.ReadFile("translations/" + l + ".json")
		if err != nil {
			fyne.LogError("missing translation "+l, err)
			continue
		}
		files[l] = b
	}
	override = strings.ToLower(strings.TrimSpace(override))
	if _, ok := files[override]; !ok {
		override = ""
	}
	for _, l := range Languages {
		src := l
		if override != "" {
			src = override
		}
		if err := lang.AddTranslationsForLocale(files[src], fyne.Locale(l)); err != nil {
			fyne.LogError("loading translation "+src, err)
		}
	}
	if override != "" {
		currentLang = override
	} else {
		currentLang = systemLang()
	}
}

func systemLang() string {
	loc := strings.ToLower(lang.SystemLocale().LanguageString())
	for _, l := range Languages {
		if strings.HasPrefix(loc, l) {
			return l
		}
	}
	return "en"
}

// CurrentLang is the language the interface is in.
func CurrentLang() string {
	pending.Wait()
	return currentLang
}

// T translates key; data fills {{.Name}} placeholders.
func T(key string, data ...any) string {
	pending.Wait()
	return lang.L(key, data...)
}

// fieldLabel is the translated name of an entity's field, for validation messages.
func fieldLabel(entity, field string) string {
	return T("field." + entity + "." + field)
}

// ErrorText turns an error into a sentence in the user's language, saying what to do next.
func ErrorText(err error) string {
	if err == nil {
		return ""
	}
	if s, ok := mailErrorText(err); ok {
		return s
	}
	var ve *desk.ValidationError
	if errors.As(err, &ve) {
		return T("val."+ve.Code, map[string]any{"Field": fieldLabel(ve.Entity, ve.Field), "Value": ve.Value})
	}
	var se *store.SchemaError
	path := errPath(err)
	switch {
	case errors.As(err, &se):
		return T("err.newer_schema", map[string]any{"Path": path, "Found": se.Found, "Supported": se.Supported})
	case errors.Is(err, store.ErrNotDatabase):
		return T("err.not_database", map[string]any{"Path": path})
	case errors.Is(err, store.ErrCorrupt):
		return T("err.corrupt", map[string]any{"Path": path})
	case errors.Is(err, store.ErrUnwritable):
		return T("err.unwritable", map[string]any{"Path": path})
	case errors.Is(err, store.ErrNotFound):
		return T("err.not_found")
	}
	return T("err.unexpected", map[string]any{"Detail": err.Error()})
}

// errPath digs the file path out of a store error ("PATH: reason").
func errPath(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, ": "); i > 0 {
		return msg[:i]
	}
	return msg
}

// fieldError is the message shown next to a form field for a validation error on it.
func fieldError(ve *desk.ValidationError) string {
	return T("val.short."+ve.Code, map[string]any{"Value": ve.Value})
}

// Dates, in the interface's language.

func weekday(t time.Time) string { return T(fmt.Sprintf("day.%d", int(t.Weekday()))) }
func month(t time.Time) string   { return T(fmt.Sprintf("month.%d", int(t.Month()))) }

// fmtDay is "mer. 25 nov." / "Wed 25 Nov".
func fmtDay(t time.Time) string {
	return fmt.Sprintf("%s %d %s", weekday(t), t.Day(), month(t))
}

// fmtDayTime is the day and a 24-hour time, as concierges write them.
func fmtDayTime(t time.Time) string { return fmtDay(t) + " " + t.Format("15:04") }

// fmtWhen is a time relative to now: "15:04" today, "hier 15:04", or the day.
func fmtWhen(t, now time.Time) string {
	y1, m1, d1 := t.Date()
	y2, m2, d2 := now.Date()
	switch {
	case y1 == y2 && m1 == m2 && d1 == d2:
		return t.Format("15:04")
	case now.Sub(t) < 48*time.Hour && t.Before(now) && now.AddDate(0, 0, -1).Day() == d1:
		return T("time.yesterday") + " " + t.Format("15:04")
	}
	return fmtDay(t)
}

// fmtAge is how long ago: "3 h", "2 j".
func fmtAge(d time.Duration) string {
	switch {
	case d < time.Hour:
		return T("age.minutes", map[string]any{"N": int(d.Minutes())})
	case d < 48*time.Hour:
		return T("age.hours", map[string]any{"N": int(d.Hours())})
	}
	return T("age.days", map[string]any{"N": int(d.Hours() / 24)})
}

// fmtMoney is an amount in cents with its currency, French style in French.
func fmtMoney(cents int64, currency string) string {
	units, frac := cents/100, cents%100
	if CurrentLang() == "fr" {
		return fmt.Sprintf("%d,%02d %s", units, frac, currency)
	}
	return fmt.Sprintf("%s %d.%02d", currency, units, frac)
}
