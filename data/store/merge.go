package store

import (
	"context"
	"database/sql"
	"strings"

	"loge/data/desk"
)

// MergeGuests folds guest dropID into keepID: every stay, request, note and mail link of the
// duplicate moves to the kept guest, empty fields of the kept guest are filled from the duplicate,
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
	keep.UpdatedHLC = s.clock.Now()
	err = s.tx(ctx, func(tx *sql.Tx) error {
		stamp := s.clock.Now()
		if _, err := tx.ExecContext(ctx, `UPDATE stays SET guest_id=?, updated_hlc=? WHERE guest_id=?`, keepID, stamp, dropID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE requests SET guest_id=?, updated_hlc=? WHERE guest_id=?`, keepID, stamp, dropID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE notes SET target_id=?, updated_hlc=? WHERE target_kind='guest' AND target_id=?`, keepID, stamp, dropID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE links SET deleted=1, updated_hlc=? WHERE target_kind='guest' AND target_id=? AND deleted=0
			AND thread_id IN (SELECT thread_id FROM links WHERE target_kind='guest' AND target_id=? AND deleted=0)`, stamp, dropID, keepID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE links SET target_id=?, updated_hlc=? WHERE target_kind='guest' AND target_id=? AND deleted=0`, keepID, stamp, dropID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE guests SET title=?, first_name=?, languages=?, emails=?, phones=?, nationality=?, vip=?,
			preferences=?, allergies=?, notes=?, updated_hlc=? WHERE id=?`, keep.Title, keep.FirstName, keep.Languages, keep.Emails,
			keep.Phones, keep.Nationality, keep.VIP, keep.Preferences, keep.Allergies, keep.Notes, keep.UpdatedHLC, keepID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE guests SET deleted=1, updated_hlc=? WHERE id=?`, s.clock.Now(), dropID)
		return err
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
