-- Loge schema, version 15: mail first, search behind it. A sync stores each new message's
-- envelope and raw bytes and nothing more; the background indexer (indexer.go) decodes its text
-- and adds it to the search index later, in short transactions of its own.
--
-- index_state: 0 waits for the indexer (envelope only: no text, snippet nor attachments yet),
-- 1 decoded and indexed, 2 skipped: the indexer could not decode it (its raw bytes unreadable),
-- so only its envelope is indexed and it is never tried again. Rows stored before this version
-- are indexed already. A row is in messages_fts exactly when index_state <> 0: the triggers that
-- take a row's old values out of the index must not fire for a row never put in (an
-- external-content FTS5 table trusts the 'delete' it is given, and a wrong one corrupts it).
ALTER TABLE messages ADD COLUMN index_state INTEGER NOT NULL DEFAULT 1;
-- What waits, newest first, without reading the table: empty once search has caught up.
CREATE INDEX messages_unindexed ON messages(id) WHERE index_state = 0;

DROP TRIGGER messages_ad;
CREATE TRIGGER messages_ad AFTER DELETE ON messages WHEN old.index_state <> 0 BEGIN
    INSERT INTO messages_fts(messages_fts, rowid, subject, from_name, from_addr, body_text)
    VALUES ('delete', old.id, old.subject, old.from_name, old.from_addr, old.body_text);
END;
DROP TRIGGER messages_au;
CREATE TRIGGER messages_au AFTER UPDATE OF subject, from_name, from_addr, body_text ON messages
WHEN old.index_state <> 0 AND new.index_state <> 0 BEGIN
    INSERT INTO messages_fts(messages_fts, rowid, subject, from_name, from_addr, body_text)
    VALUES ('delete', old.id, old.subject, old.from_name, old.from_addr, old.body_text);
    INSERT INTO messages_fts(rowid, subject, from_name, from_addr, body_text)
    VALUES (new.id, new.subject, new.from_name, new.from_addr, new.body_text);
END;
