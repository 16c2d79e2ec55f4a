package store

import (
	"context"
	"strings"

	"loge/data/desk"
)

// MergeGuests folds guest dropID into keepID: every stay, request, note, mail link and kept
// attachment of the duplicate moves to the kept guest, empty fields of the kept guest are filled from the duplicate,
// e-mails and phones are united, the higher VIP level wins, and the duplicate is tombstoned. Nothing
// that pointed at either guest is lost.
func (s *Store) MergeGuests(ctx context.Context, keepID, dropID string) (desk.Guest, error) {
	if keepID == dropID {
		return desk.Guest{}, &desk.ValidationError{Entity: "guest", Field: "ID", Code: desk.CodeUnknown, Value: dropID}
	}
	keep, err := s.Guest(ctx, keepID)
	if err != nil {
		return desk.Guest{}, err
	}
	drop, err := s.Guest(ctx, dropID)
	if err != nil {
		return desk.Guest{}, err
	}
	fill := func(dst *string, src string) {
		if strings.TrimSpace(*dst) == "" {
			*dst = src
		}
	}
	fill(&keep.Title, drop.Title)
	fill(&keep.FirstName, drop.FirstName)
	fill(&keep.Nationality, drop.Nationality)
	keep.Languages = unite(keep.Languages, drop.Languages, ",")
	keep.Emails = unite(keep.Emails, drop.Emails, "\n")
	keep.Phones = unite(keep.Phones, drop.Phones, "\n")
	keep.Preferences = joinDistinct(keep.Preferences, drop.Preferences)
	keep.Allergies = joinDistinct(keep.Allergies, drop.Allergies)
	keep.Notes = joinDistinct(keep.Notes, drop.Notes)
	keep.VIP = max(keep.VIP, drop.VIP)
	err = s.act(ctx, func(a *action) error {
		// Everything that pointed at the duplicate moves, row by row through the door, so each
		// move travels to the other desks as its own operation.
		for _, m := range []struct {
			spec  *entitySpec
			field string
			q     string
		}{
			{staySpec, "guest_id", `SELECT id FROM stays WHERE guest_id=? AND deleted=0`},
			{requestSpec, "guest_id", `SELECT id FROM requests WHERE guest_id=? AND deleted=0`},
			{noteSpec, "target_id", `SELECT id FROM notes WHERE target_kind='guest' AND target_id=? AND deleted=0`},
		} {
			ids, err := a.ids(m.q, dropID)
			if err != nil {
				return err
			}
			for _, id := range ids {
				if _, err := a.update(m.spec, id, map[string]any{m.field: keepID}); err != nil {
					return err
				}
			}
		}
		// A thread linked to both guests keeps the kept guest's link; the others move.
		dup, err := a.ids(`SELECT id FROM links WHERE target_kind='guest' AND target_id=? AND deleted=0
			AND thread_id IN (SELECT thread_id FROM links WHERE target_kind='guest' AND target_id=? AND deleted=0)`, dropID, keepID)
		if err != nil {
			return err
		}
		for _, id := range dup {
			if err := a.remove(linkSpec, id); err != nil {
				return err
			}
		}
		moved, err := a.ids(`SELECT id FROM links WHERE target_kind='guest' AND target_id=? AND deleted=0`, dropID)
		if err != nil {
			return err
		}
		for _, id := range moved {
			if _, err := a.update(linkSpec, id, map[string]any{"target_id": keepID}); err != nil {
				return err
			}
		}
		// An attachment kept with both guests stays once, the kept guest's; the others move.
		if a.s.version >= attachmentRefsSchema {
			dup, err := a.ids(`SELECT id FROM attachment_refs d WHERE target_kind='guest' AND target_id=? AND deleted=0
				AND EXISTS (SELECT 1 FROM attachment_refs k WHERE k.target_kind='guest' AND k.target_id=? AND k.deleted=0
					AND k.message_id = d.message_id AND k.part = d.part)`, dropID, keepID)
			if err != nil {
				return err
			}
			for _, id := range dup {
				if err := a.remove(attachmentSpec, id); err != nil {
					return err
				}
			}
			moved, err := a.ids(`SELECT id FROM attachment_refs WHERE target_kind='guest' AND target_id=? AND deleted=0`, dropID)
			if err != nil {
				return err
			}
			for _, id := range moved {
				if _, err := a.update(attachmentSpec, id, map[string]any{"target_id": keepID}); err != nil {
					return err
				}
			}
		}
		if _, err := a.update(guestSpec, keepID, guestValues(&keep)); err != nil {
			return err
		}
		keep.UpdatedHLC = a.stamp
		return a.remove(guestSpec, dropID)
	})
	return keep, err
}

// unite joins two lists (split on sep, newlines or commas), keeping the first spelling of each item.
func unite(a, b, sep string) string {
	seen := map[string]bool{}
	var out []string
	for _, s := range []string{a, b} {
		for _, item := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == ',' || r == ';' }) {
			item = strings.TrimSpace(item)
			if k := strings.ToLower(item); item != "" && !seen[k] {
				seen[k] = true
				out = append(out, item)
			}
		}
	}
	return strings.Join(out, sep)
}

// joinDistinct keeps both texts when they differ.
func joinDistinct(a, b string) string {
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	switch {
	case b == "" || strings.Contains(a, b):
		return a
	case a == "" || strings.Contains(b, a):
		return b
	}
	return a + "\n" + b
}
