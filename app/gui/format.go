package gui

import (
	"fmt"
	"strings"
	"time"

	"loge/app/i18n"
	"loge/data/docs/templates"
)

// Dates, in the interface's language.

func weekday(t time.Time) string { return i18n.T(fmt.Sprintf("day.%d", int(t.Weekday()))) }
func month(t time.Time) string   { return i18n.T(fmt.Sprintf("month.%d", int(t.Month()))) }

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
		return i18n.T("time.yesterday") + " " + t.Format("15:04")
	}
	return fmtDay(t)
}

// fmtAge is how long ago: "3 h", "2 j".
func fmtAge(d time.Duration) string {
	switch {
	case d < time.Hour:
		return i18n.T("age.minutes", map[string]any{"N": int(d.Minutes())})
	case d < 48*time.Hour:
		return i18n.T("age.hours", map[string]any{"N": int(d.Hours())})
	}
	return i18n.T("age.days", map[string]any{"N": int(d.Hours() / 24)})
}

// fmtMoney is an amount in cents in the interface's language, as letters and documents write it.
func fmtMoney(cents int64, currency string) string {
	return templates.FormatMoney(cents, currency, i18n.Current())
}

// addressText is an address as a person reads and types it: James Carter <j@x.example>. A name
// with a character that has a meaning in an address list (comma, quote, dot…) is quoted, as the
// standard wants; mail.Address.String would also quote a plain two-word name and turn any accent
// into =?utf-8?q?…?=, which the composer's To and Cc fields showed as typed text. Both forms parse
// back to the same name and address when the mail is sent.
func addressText(name, addr string) string {
	name = strings.TrimSpace(name)
	if name == "" || strings.EqualFold(name, addr) {
		return addr
	}
	if strings.ContainsAny(name, "\"\\,;:<>@()[].") {
		name = `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(name) + `"`
	}
	return name + " <" + addr + ">"
}
