package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"

	"loge/data/desk"
	"loge/data/mime"
)

// Attachments kept with a guest or a request (schema 16). A passport scan or a flight itinerary
// arrives in a mail; the concierge keeps it with the guest's profile or the request it belongs
// to. The desk keeps a reference to the mail (its Message-ID) and the part, exactly as a link
// holds a thread: the bytes are read again from the raw mail, never stored twice. References are
// shared entities and go through the door, so they reach the team like links do.

// attachmentRefsSchema is the schema version that brought attachment_refs.
const attachmentRefsSchema = 16

// MailGoneError is a kept attachment whose mail this desk does not hold (never fetched here, or
// its raw bytes are gone): the reference stays, the bytes cannot be read.
type MailGoneError struct{ MessageID string }

func (e *MailGoneError) Error() string {
	return fmt.Sprintf("the mail <%s> is not on this desk", e.MessageID)
}

func (e *MailGoneError) Is(target error) bool { return target == ErrNotFound }

// attachmentRefID is the id a reference gets when first kept: the same on every desk for the
// same mail, part and target, so two desks keeping one passport scan at once make one row.
func attachmentRefID(messageID, part, kind, targetID string) string {
	h := sha256.Sum256([]byte(messageID + "\x00" + part + "\x00" + kind + "\x00" + targetID))
	return "att-" + hex.EncodeToString(h[:16])
}

// KeepAttachment keeps attachment index (1-based, in the order Attachments lists them) of the
// stored message messageID with a guest or a request (kind "guest" or "request"). Keeping it
// twice is a no-op; keeping again one that was forgotten brings the same reference back.
func (s *Store) KeepAttachment(ctx context.Context, messageID int64, index int, kind, targetID string) (desk.AttachmentRef, error) {
	if err := desk.FirstErr(desk.OneOf("attachment", "TargetKind", kind, desk.AttachmentTargets),
		desk.Required("attachment", "TargetID", targetID)); err != nil {
		return desk.AttachmentRef{}, err
	}
	m, err := s.Message(ctx, messageID)
	if err != nil {
		return desk.AttachmentRef{}, err
	}
	atts, err := s.Attachments(ctx, messageID)
	if err != nil {
		return desk.AttachmentRef{}, err
	}
	if index < 1 || index > len(atts) {
		return desk.AttachmentRef{}, &NoSuchAttachmentError{Message: messageID, Index: index, Has: len(atts)}
	}
	att := atts[index-1]
	ref := desk.AttachmentRef{MessageID: m.MessageID, Part: att.Part, Filename: att.Filename, ContentType: att.ContentType,
		Size: att.Size, TargetKind: kind, TargetID: targetID, Subject: m.Subject, From: desk.FirstNonEmpty(m.FromName, m.FromAddr)}
	err = s.act(ctx, func(a *action) error {
		table := map[string]string{"guest": "guests", "request": "requests"}[kind]
		var live int
		if err := a.tx.QueryRowContext(a.ctx, `SELECT count(*) FROM `+table+` WHERE id=? AND deleted=0`, targetID).Scan(&live); err != nil {
			return err
		}
		if live == 0 {
			return ErrNotFound
		}
		var id string
		var deleted bool
		err := a.tx.QueryRowContext(a.ctx, `SELECT id, deleted FROM attachment_refs WHERE message_id=? AND part=? AND target_kind=? AND target_id=?
			ORDER BY deleted, seq LIMIT 1`, ref.MessageID, ref.Part, kind, targetID).Scan(&id, &deleted)
		switch {
		case err == nil && !deleted:
			ref.ID = id
			return nil
		case err == nil:
			ref.ID, ref.UpdatedHLC = id, a.stamp
			return a.setDeleted(attachmentSpec, id, false)
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
		ref.ID = attachmentRefID(ref.MessageID, ref.Part, kind, targetID)
		var taken int
		if err := a.tx.QueryRowContext(a.ctx, `SELECT count(*) FROM attachment_refs WHERE id=?`, ref.ID).Scan(&taken); err != nil {
			return err
		}
		if taken > 0 { // the row of that id moved to another guest (a merge): this one is new
			ref.ID = newID()
		}
		ref.UpdatedHLC = a.stamp
		return a.create(attachmentSpec, ref.ID, map[string]any{"message_id": ref.MessageID, "part": ref.Part,
			"filename": ref.Filename, "content_type": ref.ContentType, "size": ref.Size, "target_kind": kind, "target_id": targetID})
	})
	if err != nil {
		return desk.AttachmentRef{}, err
	}
	return ref, nil
}

// ForgetAttachment takes a kept attachment off its guest or request (tombstoned, for the team);
// the mail and its attachment stay in the Inbox.
func (s *Store) ForgetAttachment(ctx context.Context, refID string) error {
	return s.act(ctx, func(a *action) error { return a.remove(attachmentSpec, refID) })
}

// attachmentRefCols reads a reference, with the subject and sender of this desk's copy of the
// mail when it holds one, and whether it holds its raw bytes.
const attachmentRefCols = `r.id, r.message_id, r.part, r.filename, r.content_type, r.size, r.target_kind, r.target_id, r.updated_hlc,
	COALESCE((SELECT m.subject FROM messages m WHERE m.message_id = r.message_id ORDER BY m.vanished, m.id LIMIT 1), ''),
	COALESCE((SELECT CASE WHEN m.from_name <> '' THEN m.from_name ELSE m.from_addr END FROM messages m
		WHERE m.message_id = r.message_id ORDER BY m.vanished, m.id LIMIT 1), ''),
	EXISTS (SELECT 1 FROM messages m JOIN message_raw x ON x.message_id = m.id WHERE m.message_id = r.message_id)`

func scanAttachmentRef(row interface{ Scan(...any) error }) (desk.AttachmentRef, error) {
	var r desk.AttachmentRef
	err := row.Scan(&r.ID, &r.MessageID, &r.Part, &r.Filename, &r.ContentType, &r.Size, &r.TargetKind, &r.TargetID, &r.UpdatedHLC,
		&r.Subject, &r.From, &r.Available)
	return r, err
}

// KeptAttachments lists the attachments kept with one guest or request, in the order they were kept.
func (s *Store) KeptAttachments(ctx context.Context, kind, targetID string) ([]desk.AttachmentRef, error) {
	if s.version < attachmentRefsSchema {
		return nil, nil
	}
	return queryAll(ctx, s.r, scanAttachmentRef, `SELECT `+attachmentRefCols+` FROM attachment_refs r
		WHERE r.target_kind=? AND r.target_id=? AND r.deleted=0 ORDER BY r.seq`, kind, targetID)
}

// KeptAttachment reads one kept attachment (ErrNotFound when there is none, or it was forgotten).
func (s *Store) KeptAttachment(ctx context.Context, refID string) (desk.AttachmentRef, error) {
	r, err := scanAttachmentRef(s.r.QueryRowContext(ctx, `SELECT `+attachmentRefCols+` FROM attachment_refs r
		WHERE r.id=? AND r.deleted=0`, refID))
	return r, notFound(err)
}

// WriteKeptAttachment writes a kept attachment to w, byte for byte as the sender attached it, read
// from this desk's raw copy of the mail (any mailbox it is in). *MailGoneError when this desk holds
// no raw copy of the mail; an error wrapping mime.ErrNoSuchPart when the mail has no such part.
func (s *Store) WriteKeptAttachment(ctx context.Context, refID string, w io.Writer) (desk.AttachmentRef, error) {
	r, err := s.KeptAttachment(ctx, refID)
	if err != nil {
		return r, err
	}
	var id int64
	err = s.r.QueryRowContext(ctx, `SELECT m.id FROM messages m WHERE m.message_id=?
		AND EXISTS (SELECT 1 FROM message_raw x WHERE x.message_id = m.id) ORDER BY m.vanished, m.id LIMIT 1`, r.MessageID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return r, &MailGoneError{MessageID: r.MessageID}
	} else if err != nil {
		return r, err
	}
	raw, err := s.RawMessage(ctx, id)
	if errors.Is(err, ErrNotFound) {
		return r, &MailGoneError{MessageID: r.MessageID}
	} else if err != nil {
		return r, err
	}
	if _, err := mime.WriteAttachment(raw, r.Part, w); err != nil {
		return r, fmt.Errorf("kept attachment %s of <%s>: %w", r.Part, r.MessageID, err)
	}
	return r, nil
}
