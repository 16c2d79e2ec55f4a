package demo

import (
	"fmt"
	"time"
	_ "time/tzdata" // Europe/Paris must resolve everywhere, Windows included.
)

// TimeZone is the hotel's time zone; every demo date is expressed in it.
const TimeZone = "Europe/Paris"

// Paris returns the hotel's location, or a fixed +01:00 zone should the time zone database be
// unavailable (it is embedded above, so that should never happen).
func Paris() *time.Location {
	if loc, err := time.LoadLocation(TimeZone); err == nil {
		return loc
	}
	return time.FixedZone("CET", 3600)
}

// clock turns "two days ago at 19:30" into a time relative to the demo's now, so the demo
// desk never goes stale.
type clock struct {
	now time.Time
	loc *time.Location
}

func newClock(now time.Time) clock {
	loc := Paris()
	return clock{now: now.In(loc).Truncate(time.Second), loc: loc}
}

// day is the wall-clock time h:m, d days from today (Paris time).
func (c clock) day(d, h, m int) time.Time {
	n := c.now
	return time.Date(n.Year(), n.Month(), n.Day()+d, h, m, 0, 0, c.loc)
}

// ago is now minus h hours and m minutes; mails "from this morning" use it so they are
// never dated in the future.
func (c clock) ago(h, m int) time.Time {
	return c.now.Add(-time.Duration(h)*time.Hour - time.Duration(m)*time.Minute).Truncate(time.Minute)
}

var (
	frWeekdays = []string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}
	frMonths   = []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
		"septembre", "octobre", "novembre", "décembre"}
)

// frDate is "mardi 25 novembre".
func frDate(t time.Time) string {
	return fmt.Sprintf("%s %d %s", frWeekdays[t.Weekday()], t.Day(), frMonths[t.Month()-1])
}

// frTime is "20h30", or "20h" on the hour.
func frTime(t time.Time) string {
	if t.Minute() == 0 {
		return fmt.Sprintf("%dh", t.Hour())
	}
	return fmt.Sprintf("%dh%02d", t.Hour(), t.Minute())
}

// enDate is "Tuesday 25 November".
func enDate(t time.Time) string { return t.Format("Monday 2 January") }

// usDate is "Tuesday, November 25".
func usDate(t time.Time) string { return t.Format("Monday, January 2") }

// hm is "20:30".
func hm(t time.Time) string { return t.Format("15:04") }

// frQuoteDate is the attribution line date of a French mail client: "le 23 nov. 2025 à 19:02".
func frQuoteDate(t time.Time) string {
	return fmt.Sprintf("%d %s %d à %s", t.Day(), frMonths[t.Month()-1], t.Year(), hm(t))
}
