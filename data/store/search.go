package store

import (
	"context"
	"errors"
	"runtime"
	"strings"
	"unicode"
	"unicode/utf8"

	"loge/data/desk"
)

// ftsQuery turns what a person types into an FTS5 query: every word must match, each as a prefix
// ("rest" finds "restaurant"); accents are folded by the tokenizer. Punctuation separates words,
// so no input can be an FTS syntax error.
func ftsQuery(q string) string {
	words := searchWords(q)
	parts := make([]string, 0, len(words))
	for _, w := range words {
		parts = append(parts, `"`+w+`"*`)
	}
	return strings.Join(parts, " ")
}

// maxSearchWords is how many distinct words a search keeps: a page of text pasted into the box
// would otherwise become thousands of terms, each a posting list to intersect, in five indexes.
const maxSearchWords = 16

// searchWords splits what a person typed into words: letters and digits, everything else separates.
// A word given twice counts once; after maxSearchWords distinct words the rest is dropped.
func searchWords(q string) []string {
	words := strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
	seen := make(map[string]bool, len(words))
	out := words[:0]
	for _, w := range words {
		if k := strings.ToLower(w); !seen[k] && len(out) < maxSearchWords {
			seen[k] = true
			out = append(out, w)
		}
	}
	return out
}

// ftsMailQuery is the query for the mail index, which has no prefix index (migration 0007): there a
// prefix costs a merge of every word it starts, "pour"* over 100k French mails a dozen doclists of
// tens of thousands of rows. So the words already typed must match whole and only the last one, when
// it has three letters or more, as a prefix ("table pour 4": 60 ms as three prefixes).
func ftsMailQuery(q string) string {
	words := searchWords(q)
	parts := make([]string, 0, len(words))
	for i, w := range words {
		if i == len(words)-1 && utf8.RuneCountInString(w) >= 3 {
			parts = append(parts, `"`+w+`"*`)
		} else {
			parts = append(parts, `"`+w+`"`)
		}
	}
	return strings.Join(parts, " ")
}

// maxPrefixTerms is how many terms of the mail index a prefix may start and still be asked term by
// term; beyond, FTS5's own prefix merge is no slower.
const maxPrefixTerms = 32

// mailMatch is ftsMailQuery with its prefix asked as the terms it starts, when it is plain ASCII
// (the tokenizer only lowercases it: its terms are the index's between the prefix and the next
// one) and starts at most maxPrefixTerms terms. The match is the same — the terms are the index's
// own, read just before (mail the indexer adds between the two reads is missed, as it would be by
// a query run a moment earlier) — but FTS5 then walks each term's doclist newest first and stops
// at the limit instead of merging them all, positions included ("confirm" at 250,000 mails: 27 ms).
//
// The terms are read from an fts5vocab 'instance' table (migration 0019), one seek per term: the
// first instance at or after the prefix, then at or after the term found plus a zero byte, the
// smallest string above it. Only the first instance of each is read, never a doclist.
func (s *Store) mailMatch(ctx context.Context, q string) string {
	fq := ftsMailQuery(q)
	words := searchWords(q)
	if len(words) == 0 || !strings.HasSuffix(fq, `"*`) {
		return fq
	}
	last := strings.ToLower(words[len(words)-1])
	for _, r := range last {
		if r >= utf8.RuneSelf {
			return fq // folded by the tokenizer in ways this code does not repeat
		}
	}
	// The bound above every term that starts with last: no UTF-8 text holds a 0xFF byte. Not the
	// next string of the same length ("mer" -> "mes"): fts5vocab reads "term < ?" as "<=" and
	// leaves SQLite to drop the rest, so when that string is a word itself every instance of it
	// was read and dropped (107 ms for "mer" over 200,000 mails saying "mes").
	next := last + "\xff"
	rows, err := s.r.QueryContext(ctx, `WITH RECURSIVE t(term) AS (
			SELECT (SELECT term FROM messages_terms WHERE term >= ?1 AND term < ?2 LIMIT 1)
			UNION ALL
			SELECT (SELECT v.term FROM messages_terms v WHERE v.term >= t.term || char(0) AND v.term < ?2 LIMIT 1)
			FROM t WHERE t.term IS NOT NULL LIMIT ?3)
		SELECT term FROM t WHERE term IS NOT NULL`, last, next, maxPrefixTerms+2)
	if err != nil {
		return fq // the prefix query finds the same
	}
	defer rows.Close()
	var terms []string
	for rows.Next() {
		var t string
		if rows.Scan(&t) != nil {
			return fq
		}
		terms = append(terms, `"`+strings.ReplaceAll(t, `"`, `""`)+`"`)
	}
	if rows.Err() != nil || len(terms) == 0 || len(terms) > maxPrefixTerms {
		return fq
	}
	// Explicit ANDs: FTS5 does not join a parenthesised group to a phrase by juxtaposition.
	parts := strings.Fields(strings.TrimSuffix(fq, `"`+words[len(words)-1]+`"*`))
	return strings.Join(append(parts, "("+strings.Join(terms, " OR ")+")"), " AND ")
}

// SearchResult is what a search found, and whether the mail index was complete.
type SearchResult struct {
	Hits []desk.Hit
	// Unindexed messages were stored but not reached by the background indexer yet: mail among
	// them is missing from Hits, and more is coming (Incomplete).
	Unindexed int
}

// Incomplete reports whether mail may be missing from the hits because the index is behind.
func (r SearchResult) Incomplete() bool { return r.Unindexed > 0 }

// Search is SearchAll's hits alone.
func (s *Store) Search(ctx context.Context, q string, perKind int) ([]desk.Hit, error) {
	r, err := s.SearchAll(ctx, q, perKind)
	return r.Hits, err
}

// SearchAll looks for q in guests, stays, requests, vendors and mail; at most perKind hits of each
// kind. Guests and vendors come best match first (names); stays, requests and mail newest first,
// which is what a desk looks for and lets FTS5 stop at the limit: a word in every request title
// ("réservation" over 10k requests) would otherwise be ranked row by row (19 ms measured, against
// 2 ms). While the indexer is behind, the mail found is the mail indexed (newest first, as it
// indexes) and the result says how much is not yet.
func (s *Store) SearchAll(ctx context.Context, q0 string, perKind int) (SearchResult, error) {
	fq := ftsQuery(q0)
	if fq == "" {
		return SearchResult{}, nil
	}
	if perKind <= 0 {
		perKind = 20
	}
	scan := func(kind string) func(interface{ Scan(...any) error }) (desk.Hit, error) {
		return func(row interface{ Scan(...any) error }) (desk.Hit, error) {
			h := desk.Hit{Kind: kind}
			err := row.Scan(&h.ID, &h.Title, &h.Snippet)
			h.Snippet = strings.Join(strings.Fields(h.Snippet), " ")
			return h, err
		}
	}
	queries := []struct{ kind, sql string }{
		{"guest", `SELECT g.id, f.title, snippet(guests_fts, -1, '', '', '…', 10) FROM guests_fts f JOIN guests g ON g.seq = f.rowid
			WHERE guests_fts MATCH ? ORDER BY rank LIMIT ?`},
		{"stay", `SELECT s.id, f.title || ' · ' || substr(s.arrival, 1, 10) || ' – ' || substr(s.departure, 1, 10),
			snippet(stays_fts, -1, '', '', '…', 10) FROM stays_fts f JOIN stays s ON s.seq = f.rowid
			WHERE stays_fts MATCH ? ORDER BY f.rowid DESC LIMIT ?`},
		{"request", `SELECT r.id, f.title, snippet(requests_fts, -1, '', '', '…', 10) FROM requests_fts f JOIN requests r ON r.seq = f.rowid
			WHERE requests_fts MATCH ? ORDER BY f.rowid DESC LIMIT ?`},
		{"vendor", `SELECT v.id, f.title, snippet(vendors_fts, -1, '', '', '…', 10) FROM vendors_fts f JOIN vendors v ON v.seq = f.rowid
			WHERE vendors_fts MATCH ? ORDER BY rank LIMIT ?`},
		// Newest mail first: FTS5 walks rowids backwards and stops at the limit, so a common word over
		// 100k messages costs no more than a rare one.
		{"message", `SELECT f.rowid, f.subject, snippet(messages_fts, 3, '', '', '…', 12) FROM messages_fts f
			WHERE messages_fts MATCH ? ORDER BY f.rowid DESC LIMIT ?`},
	}
	// The kinds are independent: run them side by side on the reader pool, so a query as common as
	// "reservation" costs the slowest kind, not the sum; mail, the slowest, first. No more at once
	// than there are CPUs: six queries on two cores took longer together than one after the other
	// (a guest's name at 250,000 mails: 5.4 against 4.2 ms), SQLite's work being all CPU.
	results := make([][]desk.Hit, len(queries))
	errs := make([]error, len(queries)+1)
	var res SearchResult
	order := []int{len(queries) - 1} // mail first, then the others as listed, then the count
	for i := range len(queries) {
		if i != len(queries)-1 {
			order = append(order, i)
		}
	}
	order = append(order, len(queries))
	inParallel(len(order), runtime.GOMAXPROCS(0), func(k int) {
		i := order[k]
		if i == len(queries) {
			res.Unindexed, errs[i] = s.Unindexed(ctx)
			return
		}
		qq := queries[i]
		q := fq
		if qq.kind == "message" {
			q = s.mailMatch(ctx, q0)
		}
		results[i], errs[i] = queryAll(ctx, s.r, scan(qq.kind), qq.sql, q, perKind)
	})
	if err := errors.Join(errs...); err != nil {
		return SearchResult{}, err
	}
	for _, hs := range results {
		res.Hits = append(res.Hits, hs...)
	}
	return res, nil
}

// Stats counts what the desk holds. Unread is counted with instr, not the LIKE over padded flags
// used elsewhere: the count runs at every status bar refresh over every message (19 against 54 ms
// at 250,000 mails), and it is exact — no IMAP keyword can hold a backslash (an atom, RFC 3501),
// so '\Seen' is only ever the \Seen flag.
func (s *Store) Stats(ctx context.Context) (desk.Stats, error) {
	var st desk.Stats
	err := s.r.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM messages INDEXED BY messages_live WHERE vanished=0),
		(SELECT count(*) FROM mailboxes),
		(SELECT count(*) FROM accounts),
		(SELECT count(*) FROM guests WHERE deleted=0),
		(SELECT count(*) FROM stays WHERE deleted=0),
		(SELECT count(*) FROM requests WHERE deleted=0),
		(SELECT count(*) FROM vendors WHERE deleted=0),
		(SELECT count(*) FROM templates WHERE deleted=0),
		(SELECT count(*) FROM outbox WHERE state IN ('queued','sending','failed','unsure')),
		(SELECT count(*) FROM messages INDEXED BY messages_live WHERE vanished=0 AND instr(flags, '\Seen') = 0),
		(SELECT count(*) FROM links WHERE deleted=0),
		(SELECT count(*) FROM ops `+s.mineWhere()+` AND seq > coalesce((SELECT CAST(value AS INTEGER) FROM settings WHERE key='team.pushed_seq'), 0)),
		(SELECT count(*) FROM desks WHERE deleted=0),
		(SELECT count(*) FROM messages INDEXED BY messages_unindexed WHERE index_state=0)`).Scan(&st.Messages, &st.Mailboxes, &st.Accounts,
		&st.Guests, &st.Stays, &st.Requests, &st.Vendors, &st.Templates, &st.OutboxPending, &st.Unread, &st.Links, &st.TeamOpsPending,
		&st.TeamDesks, &st.Unindexed)
	st.SchemaVersion = SchemaVersion()
	return st, err
}
