package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"loge/data/desk"
)

const templateCols = `id, name, lang, subject, body, updated_hlc`

func scanTemplate(row interface{ Scan(...any) error }) (desk.Template, error) {
	var t desk.Template
	err := row.Scan(&t.ID, &t.Name, &t.Lang, &t.Subject, &t.Body, &t.UpdatedHLC)
	return t, err
}

// templateValues are a template's shared columns, as stored.
func templateValues(t *desk.Template) map[string]any {
	return map[string]any{"name": trimmed(t.Name), "lang": t.Lang, "subject": t.Subject, "body": t.Body}
}

// CreateTemplate validates and stores a mail template.
func (s *Store) CreateTemplate(ctx context.Context, t *desk.Template) error {
	if err := t.Validate(); err != nil {
		return err
	}
	if t.ID == "" {
		t.ID = newID()
	}
	return s.act(ctx, func(a *action) error {
		t.UpdatedHLC = a.stamp
		return a.create(templateSpec, t.ID, templateValues(t))
	})
}

// UpdateTemplate saves a template.
func (s *Store) UpdateTemplate(ctx context.Context, t *desk.Template) error {
	if err := t.Validate(); err != nil {
		return err
	}
	return s.act(ctx, func(a *action) error {
		changed, err := a.update(templateSpec, t.ID, templateValues(t))
		if len(changed) > 0 {
			t.UpdatedHLC = a.stamp
		}
		return err
	})
}

// DeleteTemplate tombstones a mail template (kept for team sync, hidden from Templates).
func (s *Store) DeleteTemplate(ctx context.Context, id string) error {
	return s.act(ctx, func(a *action) error { return a.remove(templateSpec, id) })
}

// Templates lists templates by name and language.
func (s *Store) Templates(ctx context.Context) ([]desk.Template, error) {
	return queryAll(ctx, s.r, scanTemplate, `SELECT `+templateCols+` FROM templates WHERE deleted=0 ORDER BY name COLLATE NOCASE, lang`)
}

// CreateNote stores an internal note.
func (s *Store) CreateNote(ctx context.Context, n *desk.Note) error {
	return s.act(ctx, func(a *action) error { return a.createNote(n) })
}

func (a *action) createNote(n *desk.Note) error {
	if err := n.Validate(); err != nil {
		return err
	}
	if n.ID == "" {
		n.ID = newID()
	}
	if n.CreatedAt.IsZero() {
		n.CreatedAt = time.Now()
	}
	n.UpdatedHLC = a.stamp
	return a.create(noteSpec, n.ID, map[string]any{"target_kind": n.TargetKind, "target_id": n.TargetID,
		"author": trimmed(n.Author), "body": trimmed(n.Body), "created_at": fmtTime(n.CreatedAt)})
}

// Notes lists the notes on one thing, oldest first.
func (s *Store) Notes(ctx context.Context, kind, id string) ([]desk.Note, error) {
	return queryAll(ctx, s.r, func(row interface{ Scan(...any) error }) (desk.Note, error) {
		var n desk.Note
		var at string
		err := row.Scan(&n.ID, &n.TargetKind, &n.TargetID, &n.Author, &n.Body, &at, &n.UpdatedHLC)
		n.CreatedAt = parseTime(at)
		return n, err
	}, `SELECT id, target_kind, target_id, author, body, created_at, updated_hlc FROM notes WHERE target_kind=? AND target_id=? AND deleted=0 ORDER BY julianday(created_at), seq`, kind, id)
}

// CreateLink ties a thread to a guest, stay or request; linking twice is a no-op, and linking
// again what was unlinked revives the same link.
func (s *Store) CreateLink(ctx context.Context, l *desk.Link) error {
	return s.act(ctx, func(a *action) error { return a.createLink(l) })
}

func (a *action) createLink(l *desk.Link) error {
	if err := desk.FirstErr(desk.Required("link", "ThreadID", l.ThreadID), desk.OneOf("link", "TargetKind", l.TargetKind, desk.LinkKinds), desk.Required("link", "TargetID", l.TargetID)); err != nil {
		return err
	}
	var id string
	var deleted bool
	err := a.tx.QueryRowContext(a.ctx, `SELECT id, deleted FROM links WHERE thread_id=? AND target_kind=? AND target_id=?`,
		l.ThreadID, l.TargetKind, l.TargetID).Scan(&id, &deleted)
	switch {
	case err == nil && !deleted:
		l.ID = id
		return nil
	case err == nil:
		l.ID, l.UpdatedHLC = id, a.stamp
		return a.setDeleted(linkSpec, id, false)
	case !errors.Is(err, sql.ErrNoRows):
		return err
	}
	if l.ID == "" {
		l.ID = newID()
	}
	l.UpdatedHLC = a.stamp
	return a.create(linkSpec, l.ID, map[string]any{"thread_id": l.ThreadID, "target_kind": l.TargetKind, "target_id": l.TargetID})
}

// DeleteLink removes a link (tombstoned, for team sync).
func (s *Store) DeleteLink(ctx context.Context, threadID, kind, targetID string) error {
	return s.act(ctx, func(a *action) error {
		var id string
		err := a.tx.QueryRowContext(a.ctx, `SELECT id FROM links WHERE thread_id=? AND target_kind=? AND target_id=? AND deleted=0`,
			threadID, kind, targetID).Scan(&id)
		if err != nil {
			return notFound(err)
		}
		return a.remove(linkSpec, id)
	})
}

func scanLink(row interface{ Scan(...any) error }) (desk.Link, error) {
	var l desk.Link
	err := row.Scan(&l.ID, &l.ThreadID, &l.TargetKind, &l.TargetID, &l.UpdatedHLC)
	return l, err
}

// LinksOfThread lists what a thread is linked to.
func (s *Store) LinksOfThread(ctx context.Context, threadID string) ([]desk.Link, error) {
	return queryAll(ctx, s.r, scanLink, `SELECT id, thread_id, target_kind, target_id, updated_hlc FROM links WHERE thread_id=? AND deleted=0 ORDER BY seq`, threadID)
}

// LinksTo lists the threads linked to one guest, stay or request.
func (s *Store) LinksTo(ctx context.Context, kind, id string) ([]desk.Link, error) {
	return queryAll(ctx, s.r, scanLink, `SELECT id, thread_id, target_kind, target_id, updated_hlc FROM links WHERE target_kind=? AND target_id=? AND deleted=0 ORDER BY seq`, kind, id)
}
