package store

import (
	"context"

	"loge/data/desk"
)

// MailboxMessages lists a mailbox's messages that are not tombstoned, by UID; a message waiting to
// be matched again (after a move or a new UIDVALIDITY) has UID 0 and comes first. The fault tests
// compare it with the server's UIDs and flags.
func (s *Store) MailboxMessages(ctx context.Context, mailboxID int64) ([]desk.Message, error) {
	return queryAll(ctx, s.r, scanMessage, `SELECT `+messageCols+` FROM messages WHERE mailbox_id=? AND NOT vanished ORDER BY uid, id`, mailboxID)
}
