package store

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// A prefix asked as the vocabulary's terms finds exactly what FTS5's prefix query finds, in the
// same order, for plain words, accents folded by the tokenizer, digits, several words and prefixes
// that start too many terms or none; and the expansion is really used where it can be.
func TestMailPrefixAskedTermByTermFindsTheSame(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	words := []string{"confirm", "confirmation", "Confirmons", "confirmé", "CONFIRMED", "réservation", "reserve",
		"rest", "restaurant", "table", "tables", "4", "42", "420", "concierge", "conciergerie"}
	for i := range 240 {
		var body []string
		for j := range 3 {
			body = append(body, words[(i*7+j*5+i/3)%len(words)])
		}
		// Many terms starting "zq": more than maxPrefixTerms.
		body = append(body, fmt.Sprintf("zq%03d", i))
		raw := fmt.Sprintf("From: guest%d@example.com\r\nSubject: Demande %d\r\nMessage-ID: <p%d@example.com>\r\n"+
			"Date: Mon, 23 Nov 2026 10:00:00 +0100\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n%s\r\n", i, i, i, strings.Join(body, " "))
		addMail(t, s, raw)
	}
	if _, err := s.IndexPending(ctx, nil); err != nil {
		t.Fatal(err)
	}
	ids := func(match string) []string {
		rows, err := s.r.QueryContext(ctx, `SELECT f.rowid FROM messages_fts f WHERE messages_fts MATCH ? ORDER BY f.rowid DESC LIMIT 50`, match)
		if err != nil {
			t.Fatalf("%s: %v", match, err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var id int64
			rows.Scan(&id)
			out = append(out, strconv.FormatInt(id, 10))
		}
		return out
	}
	for _, c := range []struct {
		q        string
		expanded bool
	}{
		{"confirm", true}, {"conf", true}, {"Confirmat", true}, {"table conf", true}, {"reserv", true}, {"rest", true},
		{"420", true}, {"conc", true}, {"zzz", false}, {"zq0", false}, {"rés", false}, {"confirmé", false}, {"co", false},
		{"table 4", false},
	} {
		match := s.mailMatch(ctx, c.q)
		if got := strings.Contains(match, " OR ") || strings.HasSuffix(match, ")"); got != c.expanded {
			t.Errorf("%q: asked as %s, expanded %v, want %v", c.q, match, got, c.expanded)
		}
		want := ids(ftsMailQuery(c.q))
		if got := ids(match); !slices.Equal(got, want) {
			t.Errorf("%q: asked as %s found %v, the prefix query %v", c.q, match, got, want)
		}
		// And through SearchAll, as the window and `loge search` ask.
		res, err := s.SearchAll(ctx, c.q, 50)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, h := range res.Hits {
			if h.Kind == "message" {
				got = append(got, h.ID)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%q: SearchAll found %v, want %v", c.q, got, want)
		}
		if len(want) == 0 && c.expanded {
			t.Errorf("%q: the corpus should hold matches", c.q)
		}
	}
}
