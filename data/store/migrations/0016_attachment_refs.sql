-- Loge schema, version 16: attachments of received mail kept with a guest's profile or a request.
--
-- A row is a reference, never the bytes: the mail's Message-ID (the same on every desk of a team,
-- as links hold a thread's) and the MIME part path; the bytes are read again from the raw mail,
-- which the desk always keeps. filename, content_type and size are the part's, copied so that a
-- desk that does not hold the mail still lists what it is. A shared entity ("attachment" in ops);
-- no foreign key, as the team log may bring a reference before its guest or request.
CREATE TABLE attachment_refs (
    seq          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    message_id   TEXT NOT NULL,                -- the mail's Message-ID, without angle brackets
    part         TEXT NOT NULL,                -- "2", "2.1", as attachments.part
    filename     TEXT NOT NULL DEFAULT '',
    content_type TEXT NOT NULL DEFAULT '',
    size         INTEGER NOT NULL DEFAULT 0,
    target_kind  TEXT NOT NULL DEFAULT 'guest' CHECK (target_kind IN ('guest', 'request')),
    target_id    TEXT NOT NULL DEFAULT '',
    updated_hlc  TEXT NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX attachment_refs_target ON attachment_refs(target_kind, target_id);
CREATE INDEX attachment_refs_hlc ON attachment_refs(updated_hlc);
