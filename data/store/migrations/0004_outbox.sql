-- Loge schema, version 4: what sending needs.

-- When a queued mail may be tried again (backoff while offline), the local message it answers
-- (to set \Answered once sent), and the envelope recipients (To, Cc and Bcc; Bcc is in no header).
ALTER TABLE outbox ADD COLUMN next_attempt TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN answers INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN rcpts TEXT NOT NULL DEFAULT '';

-- Drafts autosaved while composing: they exist only on this desk.
CREATE TABLE drafts (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER REFERENCES accounts(id) ON DELETE SET NULL,
    to_addrs    TEXT NOT NULL DEFAULT '',
    cc_addrs    TEXT NOT NULL DEFAULT '',
    bcc_addrs   TEXT NOT NULL DEFAULT '',
    subject     TEXT NOT NULL DEFAULT '',
    body        TEXT NOT NULL DEFAULT '',
    answers     INTEGER NOT NULL DEFAULT 0,
    attachments TEXT NOT NULL DEFAULT '', -- file paths, one per line
    context     TEXT NOT NULL DEFAULT '', -- "request:<id>" etc., for templates and the booking flow
    updated_at  TEXT NOT NULL
);
