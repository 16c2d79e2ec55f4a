package desk

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// BookingGuess is what a guest's mail seems to ask for, to prefill the request made from it. Every
// field may be empty: a guess is a starting point the concierge corrects, never a decision.
type BookingGuess struct {
	Kind      string
	Title     string
	When      time.Time // the first date (and time, when HasTime) mentioned
	HasTime   bool
	Party     int
	Arrival   time.Time // the first two dates, in order, for a stay
	Departure time.Time
}

var kindWords = []struct {
	kind  string
	words []string
}{
	{KindTransfer, []string{"transfert", "transfer", "chauffeur", "voiture", "car ", "taxi", "limousine", "cdg", "orly", "airport", "aéroport", "gare", "station", "pick-up", "pickup"}},
	{KindRestaurant, []string{"table", "dîner", "diner", "dinner", "déjeuner", "lunch", "restaurant", "brunch", "couverts"}},
	{KindTickets, []string{"billet", "ticket", "opéra", "opera", "ballet", "concert", "théâtre", "theatre", "theater", "musée", "museum", "louvre", "orsay"}},
	{KindSpa, []string{"spa", "massage", "soin", "hammam", "manucure", "manicure", "facial"}},
	{KindTour, []string{"visite", "tour", "guide", "excursion", "versailles", "croisière", "cruise"}},
	{KindFlowers, []string{"fleurs", "flowers", "bouquet", "roses", "pivoines", "peonies", "orchid"}},
}

var numberWords = map[string]int{"un": 1, "une": 1, "one": 1, "deux": 2, "two": 2, "trois": 3, "three": 3, "quatre": 4, "four": 4,
	"cinq": 5, "five": 5, "six": 6, "sept": 7, "seven": 7, "huit": 8, "eight": 8, "dix": 10, "ten": 10, "douze": 12, "twelve": 12}

var (
	partyRe     = regexp.MustCompile(`(?i)\b(\d{1,2}|un|une|one|deux|two|trois|three|quatre|four|cinq|five|six|sept|seven|huit|eight|dix|ten|douze|twelve)\s+(personnes|personne|pers\.?|couverts|people|persons|guests|adultes|adults|pax|passagers|passengers)\b`)
	tableForRe  = regexp.MustCompile(`(?i)\b(?:table|réservation|reservation|booking)\s+(?:pour|for)\s+(\d{1,2}|deux|two|trois|three|quatre|four|cinq|five|six|sept|seven|huit|eight|dix|ten)\b`)
	forUsRe     = regexp.MustCompile(`(?i)\bfor\s+the\s+(two|three|four|five|six)\s+of\s+us\b`)
	monthNames  = []string{"janvier|january|jan", "février|fevrier|february|feb", "mars|march|mar", "avril|april|apr", "mai|may", "juin|june|jun", "juillet|july|jul", "août|aout|august|aug", "septembre|september|sept|sep", "octobre|october|oct", "novembre|november|nov", "décembre|decembre|december|dec"}
	dayMonthRe  = regexp.MustCompile(`(?i)\b(\d{1,2})(?:er|st|nd|rd|th)?\s+(` + strings.Join(monthNames, "|") + `)\b`)
	monthDayRe  = regexp.MustCompile(`(?i)\b(` + strings.Join(monthNames, "|") + `)\s+(\d{1,2})(?:st|nd|rd|th)?\b`)
	numericRe   = regexp.MustCompile(`\b(\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?\b`)
	timeFrRe    = regexp.MustCompile(`(?i)\b(\d{1,2})\s?h\s?(\d{2})?\b`)
	timeEnRe    = regexp.MustCompile(`(?i)\b(\d{1,2})(?::(\d{2}))?\s?(am|pm|a\.m\.|p\.m\.)`)
	time24Re    = regexp.MustCompile(`\b([01]?\d|2[0-3]):([0-5]\d)\b`)
	relativeDay = regexp.MustCompile(`(?i)\b(ce soir|tonight|this evening|aujourd'hui|today|demain|tomorrow)\b`)
)

func monthIndex(name string) int {
	name = strings.ToLower(name)
	for i, alts := range monthNames {
		for _, a := range strings.Split(alts, "|") {
			if name == a {
				return i + 1
			}
		}
	}
	return 0
}

// GuessBooking reads a guest's mail for the kind of request, its date and time, and the party size.
func GuessBooking(subject, text string, now time.Time, loc *time.Location) BookingGuess {
	// The subject names the booking, without the question it asked ("Dinner tonight for four?").
	g := BookingGuess{Title: strings.TrimRight(NormalizeSubject(subject), " ?!.…")}
	all := strings.ToLower(subject + "\n" + text)
	best := -1
	for _, kw := range kindWords {
		for _, w := range kw.words {
			if i := strings.Index(all, w); i >= 0 && (best < 0 || i < best) {
				best, g.Kind = i, kw.kind
			}
		}
	}
	if g.Kind == "" {
		g.Kind = KindOther
	}
	g.Party = guessParty(all)
	now = now.In(loc)
	dates := guessDates(all, now, loc)
	if len(dates) > 0 {
		g.When = dates[0]
		sorted := append([]time.Time(nil), dates...)
		sort.Slice(sorted, func(i, j int) bool { return sorted[i].Before(sorted[j]) })
		g.Arrival = sorted[0]
		if len(sorted) > 1 && !sorted[len(sorted)-1].Equal(sorted[0]) {
			g.Departure = sorted[len(sorted)-1]
		}
	}
	if h, m, ok := guessClock(all); ok {
		day := g.When
		if day.IsZero() {
			day = now
		}
		g.When = time.Date(day.Year(), day.Month(), day.Day(), h, m, 0, 0, loc)
		g.HasTime = true
	}
	return g
}

func guessParty(s string) int {
	for _, re := range []*regexp.Regexp{partyRe, tableForRe, forUsRe} {
		if m := re.FindStringSubmatch(s); m != nil {
			if n, err := strconv.Atoi(m[1]); err == nil && n > 0 {
				return n
			}
			if n := numberWords[strings.ToLower(m[1])]; n > 0 {
				return n
			}
		}
	}
	return 0
}

// guessDates lists the dates mentioned, in the order they appear; a day-month without a year is the
// next such day from yesterday on (a mail about "25 November" in December means next year).
func guessDates(s string, now time.Time, loc *time.Location) []time.Time {
	type hit struct {
		at int
		t  time.Time
	}
	var hits []hit
	mk := func(day, month, year int) (time.Time, bool) {
		if month < 1 || month > 12 || day < 1 || day > 31 {
			return time.Time{}, false
		}
		if year == 0 {
			year = now.Year()
			if t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, loc); t.Before(now.AddDate(0, 0, -1)) {
				year++
			}
		} else if year < 100 {
			year += 2000
		}
		t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, loc)
		return t, t.Day() == day
	}
	for _, m := range dayMonthRe.FindAllStringSubmatchIndex(s, -1) {
		d, _ := strconv.Atoi(s[m[2]:m[3]])
		if t, ok := mk(d, monthIndex(s[m[4]:m[5]]), 0); ok {
			hits = append(hits, hit{m[0], t})
		}
	}
	for _, m := range monthDayRe.FindAllStringSubmatchIndex(s, -1) {
		d, _ := strconv.Atoi(s[m[4]:m[5]])
		if t, ok := mk(d, monthIndex(s[m[2]:m[3]]), 0); ok {
			hits = append(hits, hit{m[0], t})
		}
	}
	for _, m := range numericRe.FindAllStringSubmatchIndex(s, -1) {
		d, _ := strconv.Atoi(s[m[2]:m[3]])
		mo, _ := strconv.Atoi(s[m[4]:m[5]])
		y := 0
		if m[6] >= 0 {
			y, _ = strconv.Atoi(s[m[6]:m[7]])
		}
		if t, ok := mk(d, mo, y); ok {
			hits = append(hits, hit{m[0], t})
		}
	}
	for _, m := range relativeDay.FindAllStringSubmatchIndex(s, -1) {
		t := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, loc)
		if w := strings.ToLower(s[m[2]:m[3]]); w == "demain" || w == "tomorrow" {
			t = t.AddDate(0, 0, 1)
		}
		hits = append(hits, hit{m[0], t})
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].at < hits[j].at })
	out := make([]time.Time, len(hits))
	for i, h := range hits {
		out[i] = h.t
	}
	return out
}

func guessClock(s string) (h, m int, ok bool) {
	if mm := timeEnRe.FindStringSubmatch(s); mm != nil {
		h, _ = strconv.Atoi(mm[1])
		if mm[2] != "" {
			m, _ = strconv.Atoi(mm[2])
		}
		pm := strings.HasPrefix(strings.ToLower(mm[3]), "p")
		if pm && h < 12 {
			h += 12
		}
		if !pm && h == 12 {
			h = 0
		}
		return h, m, h < 24 && m < 60
	}
	if mm := timeFrRe.FindStringSubmatch(s); mm != nil {
		h, _ = strconv.Atoi(mm[1])
		if mm[2] != "" {
			m, _ = strconv.Atoi(mm[2])
		}
		return h, m, h < 24 && m < 60
	}
	if mm := time24Re.FindStringSubmatch(s); mm != nil {
		h, _ = strconv.Atoi(mm[1])
		m, _ = strconv.Atoi(mm[2])
		return h, m, true
	}
	return 0, 0, false
}
