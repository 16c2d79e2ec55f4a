-- Loge schema, version 3: what the IMAP sync worker needs.

-- Local mail changes made while offline (or not yet acknowledged by the server), replayed in order
-- when the connection is back. The message is named by Message-ID as well as UID, so a replay survives
-- a UIDVALIDITY change.
CREATE TABLE mail_journal (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    mailbox_id  INTEGER NOT NULL REFERENCES mailboxes(id) ON DELETE CASCADE,
    uid         INTEGER NOT NULL,
    message_id  TEXT NOT NULL DEFAULT '',
    op          TEXT NOT NULL,   -- add_flags, remove_flags, move, delete
    arg         TEXT NOT NULL DEFAULT '', -- flags (space-separated) or the target mailbox name
    created_at  TEXT NOT NULL,
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX mail_journal_account ON mail_journal(account_id, id);

-- Rows waiting to be matched again after a UIDVALIDITY change carry uid 0 and this mark.
ALTER TABLE messages ADD COLUMN rekey INTEGER NOT NULL DEFAULT 0;
CREATE INDEX messages_rekey ON messages(mailbox_id, message_id) WHERE rekey = 1;

ALTER TABLE mailboxes ADD COLUMN subscribed INTEGER NOT NULL DEFAULT 1;
