-- Loge schema, version 2: search.
-- Search. Mail text is indexed through an external-content table over messages (no second copy of
-- the text); planner and vendor rows are small and their indexed text joins several tables, so they
-- get ordinary FTS tables keyed by the entity's seq, kept current by triggers.
CREATE VIRTUAL TABLE messages_fts USING fts5(
    subject, from_name, from_addr, body_text,
    content='messages', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2', prefix='2 3'
);
CREATE TRIGGER messages_ai AFTER INSERT ON messages BEGIN
    INSERT INTO messages_fts(rowid, subject, from_name, from_addr, body_text)
    VALUES (new.id, new.subject, new.from_name, new.from_addr, new.body_text);
END;
CREATE TRIGGER messages_ad AFTER DELETE ON messages BEGIN
    INSERT INTO messages_fts(messages_fts, rowid, subject, from_name, from_addr, body_text)
    VALUES ('delete', old.id, old.subject, old.from_name, old.from_addr, old.body_text);
END;
CREATE TRIGGER messages_au AFTER UPDATE OF subject, from_name, from_addr, body_text ON messages BEGIN
    INSERT INTO messages_fts(messages_fts, rowid, subject, from_name, from_addr, body_text)
    VALUES ('delete', old.id, old.subject, old.from_name, old.from_addr, old.body_text);
    INSERT INTO messages_fts(rowid, subject, from_name, from_addr, body_text)
    VALUES (new.id, new.subject, new.from_name, new.from_addr, new.body_text);
END;

CREATE VIRTUAL TABLE guests_fts USING fts5(title, body, tokenize='unicode61 remove_diacritics 2', prefix='2 3');
CREATE VIRTUAL TABLE stays_fts USING fts5(title, body, tokenize='unicode61 remove_diacritics 2', prefix='2 3');
CREATE VIRTUAL TABLE requests_fts USING fts5(title, body, tokenize='unicode61 remove_diacritics 2', prefix='2 3');
CREATE VIRTUAL TABLE vendors_fts USING fts5(title, body, tokenize='unicode61 remove_diacritics 2', prefix='2 3');

CREATE TRIGGER guests_fts_ai AFTER INSERT ON guests WHEN new.deleted = 0 BEGIN
    INSERT INTO guests_fts(rowid, title, body) VALUES (new.seq,
        trim(new.title || ' ' || new.first_name || ' ' || new.last_name),
        new.emails || ' ' || new.phones || ' ' || new.nationality || ' ' || new.preferences || ' ' || new.allergies || ' ' || new.notes);
END;
CREATE TRIGGER guests_fts_au AFTER UPDATE ON guests BEGIN
    DELETE FROM guests_fts WHERE rowid = old.seq;
    INSERT INTO guests_fts(rowid, title, body) SELECT new.seq,
        trim(new.title || ' ' || new.first_name || ' ' || new.last_name),
        new.emails || ' ' || new.phones || ' ' || new.nationality || ' ' || new.preferences || ' ' || new.allergies || ' ' || new.notes
        WHERE new.deleted = 0;
    -- A renamed guest renames their stays and requests in the index too.
    UPDATE stays SET seq = seq WHERE guest_id = new.id AND (old.first_name <> new.first_name OR old.last_name <> new.last_name OR old.title <> new.title);
    UPDATE requests SET seq = seq WHERE guest_id = new.id AND (old.first_name <> new.first_name OR old.last_name <> new.last_name OR old.title <> new.title);
END;

CREATE TRIGGER stays_fts_ai AFTER INSERT ON stays WHEN new.deleted = 0 BEGIN
    INSERT INTO stays_fts(rowid, title, body) SELECT new.seq,
        trim(g.title || ' ' || g.first_name || ' ' || g.last_name), new.room || ' ' || new.notes
        FROM guests g WHERE g.id = new.guest_id;
END;
CREATE TRIGGER stays_fts_au AFTER UPDATE ON stays BEGIN
    DELETE FROM stays_fts WHERE rowid = old.seq;
    INSERT INTO stays_fts(rowid, title, body) SELECT new.seq,
        trim(g.title || ' ' || g.first_name || ' ' || g.last_name), new.room || ' ' || new.notes
        FROM guests g WHERE g.id = new.guest_id AND new.deleted = 0;
END;

CREATE TRIGGER requests_fts_ai AFTER INSERT ON requests WHEN new.deleted = 0 BEGIN
    INSERT INTO requests_fts(rowid, title, body) SELECT new.seq, new.title,
        trim(g.title || ' ' || g.first_name || ' ' || g.last_name) || ' ' || new.kind || ' ' || new.confirmation || ' ' ||
        coalesce((SELECT name FROM vendors WHERE id = new.vendor_id), '') || ' ' || new.notes
        FROM guests g WHERE g.id = new.guest_id;
END;
CREATE TRIGGER requests_fts_au AFTER UPDATE ON requests BEGIN
    DELETE FROM requests_fts WHERE rowid = old.seq;
    INSERT INTO requests_fts(rowid, title, body) SELECT new.seq, new.title,
        trim(g.title || ' ' || g.first_name || ' ' || g.last_name) || ' ' || new.kind || ' ' || new.confirmation || ' ' ||
        coalesce((SELECT name FROM vendors WHERE id = new.vendor_id), '') || ' ' || new.notes
        FROM guests g WHERE g.id = new.guest_id AND new.deleted = 0;
END;

CREATE TRIGGER vendors_fts_ai AFTER INSERT ON vendors WHEN new.deleted = 0 BEGIN
    INSERT INTO vendors_fts(rowid, title, body) VALUES (new.seq, new.name,
        new.category || ' ' || new.address || ' ' || new.city || ' ' || new.phone || ' ' || new.email || ' ' || new.languages || ' ' || new.notes);
END;
CREATE TRIGGER vendors_fts_au AFTER UPDATE ON vendors BEGIN
    DELETE FROM vendors_fts WHERE rowid = old.seq;
    INSERT INTO vendors_fts(rowid, title, body) SELECT new.seq, new.name,
        new.category || ' ' || new.address || ' ' || new.city || ' ' || new.phone || ' ' || new.email || ' ' || new.languages || ' ' || new.notes
        WHERE new.deleted = 0;
    UPDATE requests SET seq = seq WHERE vendor_id = new.id AND old.name <> new.name;
END;

-- Index what earlier versions stored.
INSERT INTO messages_fts(messages_fts) VALUES ('rebuild');
INSERT INTO guests_fts(rowid, title, body) SELECT seq, trim(title || ' ' || first_name || ' ' || last_name),
    emails || ' ' || phones || ' ' || nationality || ' ' || preferences || ' ' || allergies || ' ' || notes FROM guests WHERE deleted = 0;
INSERT INTO stays_fts(rowid, title, body) SELECT s.seq, trim(g.title || ' ' || g.first_name || ' ' || g.last_name), s.room || ' ' || s.notes
    FROM stays s JOIN guests g ON g.id = s.guest_id WHERE s.deleted = 0;
INSERT INTO requests_fts(rowid, title, body) SELECT r.seq, r.title,
    trim(g.title || ' ' || g.first_name || ' ' || g.last_name) || ' ' || r.kind || ' ' || r.confirmation || ' ' ||
    coalesce((SELECT name FROM vendors WHERE id = r.vendor_id), '') || ' ' || r.notes
    FROM requests r JOIN guests g ON g.id = r.guest_id WHERE r.deleted = 0;
INSERT INTO vendors_fts(rowid, title, body) SELECT seq, name,
    category || ' ' || address || ' ' || city || ' ' || phone || ' ' || email || ' ' || languages || ' ' || notes FROM vendors WHERE deleted = 0;
