package store

import "context"

// DeleteTemplate tombstones a mail template (kept for team sync, hidden from Templates).
func (s *Store) DeleteTemplate(ctx context.Context, id string) error {
	return s.execOne(ctx, `UPDATE templates SET deleted=1, updated_hlc=? WHERE id=? AND deleted=0`, s.clock.Now(), id)
}
