package store

import (
	"context"
	"time"

	"loge/data/desk"
)

const templateCols = `id, name, lang, subject, body, updated_hlc`

func scanTemplate(row interface{ Scan(...any) error }) (desk.Template, error) {
	var t desk.Template
	err := row.Scan(&t.ID, &t.Name, &t.Lang, &t.Subject, &t.Body, &t.UpdatedHLC)
	return t, err
}

// CreateTemplate validates and stores a mail template.
func (s *Store) CreateTemplate(ctx context.Context, t *desk.Template) error {
	if err := t.Validate(); err != nil {
		return err
	}
	if t.ID == "" {
		t.ID = newID()
	}
	t.UpdatedHLC = s.clock.Now()
	_, err := s.w.ExecContext(ctx, `INSERT INTO templates(`+templateCols+`) VALUES (?,?,?,?,?,?)`,
		t.ID, trimmed(t.Name), t.Lang, t.Subject, t.Body, t.UpdatedHLC)
	return err
}

// UpdateTemplate saves a template.
func (s *Store) UpdateTemplate(ctx context.Context, t *desk.Template) error {
	if err := t.Validate(); err != nil {
		return err
	}
	t.UpdatedHLC = s.clock.Now()
	return s.execOne(ctx, `UPDATE templates SET name=?, lang=?, subject=?, body=?, updated_hlc=? WHERE id=? AND deleted=0`,
		trimmed(t.Name), t.Lang, t.Subject, t.Body, t.UpdatedHLC, t.ID)
}

// Templates lists templates by name and language.
func (s *Store) Templates(ctx context.Context) ([]desk.Template, error) {
	return queryAll(ctx, s.r, scanTemplate, `SELECT `+templateCols+` FROM templates WHERE deleted=0 ORDER BY name COLLATE NOCASE, lang`)
}

// CreateNote stores an internal note.
func (s *Store) CreateNote(ctx context.Context, n *desk.Note) error {
	if err := n.Validate(); err != nil {
		return err
	}
	if n.ID == "" {
		n.ID = newID()
	}
	if n.CreatedAt.IsZero() {
		n.CreatedAt = time.Now()
	}
	n.UpdatedHLC = s.clock.Now()
	_, err := s.w.ExecContext(ctx, `INSERT INTO notes(id, target_kind, target_id, author, body, created_at, updated_hlc) VALUES (?,?,?,?,?,?,?)`,
		n.ID, n.TargetKind, n.TargetID, trimmed(n.Author), trimmed(n.Body), fmtTime(n.CreatedAt), n.UpdatedHLC)
	return err
}

// Notes lists the notes on one thing, oldest first.
func (s *Store) Notes(ctx context.Context, kind, id string) ([]desk.Note, error) {
	return queryAll(ctx, s.r, func(row interface{ Scan(...any) error }) (desk.Note, error) {
		var n desk.Note
		var at string
		err := row.Scan(&n.ID, &n.TargetKind, &n.TargetID, &n.Author, &n.Body, &at, &n.UpdatedHLC)
		n.CreatedAt = parseTime(at)
		return n, err
	}, `SELECT id, target_kind, target_id, author, body, created_at, updated_hlc FROM notes WHERE target_kind=? AND target_id=? AND deleted=0 ORDER BY created_at, seq`, kind, id)
}

// CreateLink ties a thread to a guest, stay or request; linking twice is a no-op.
func (s *Store) CreateLink(ctx context.Context, l *desk.Link) error {
	if err := desk.FirstErr(desk.Required("link", "ThreadID", l.ThreadID), desk.OneOf("link", "TargetKind", l.TargetKind, desk.LinkKinds), desk.Required("link", "TargetID", l.TargetID)); err != nil {
		return err
	}
	if l.ID == "" {
		l.ID = newID()
	}
	l.UpdatedHLC = s.clock.Now()
	_, err := s.w.ExecContext(ctx, `INSERT INTO links(id, thread_id, target_kind, target_id, updated_hlc) VALUES (?,?,?,?,?)
		ON CONFLICT(thread_id, target_kind, target_id) DO UPDATE SET deleted=0, updated_hlc=excluded.updated_hlc`,
		l.ID, l.ThreadID, l.TargetKind, l.TargetID, l.UpdatedHLC)
	return err
}

// DeleteLink removes a link (tombstoned, for team sync).
func (s *Store) DeleteLink(ctx context.Context, threadID, kind, targetID string) error {
	return s.execOne(ctx, `UPDATE links SET deleted=1, updated_hlc=? WHERE thread_id=? AND target_kind=? AND target_id=? AND deleted=0`,
		s.clock.Now(), threadID, kind, targetID)
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
