-- Loge schema, version 13: the team desk. Shared through the operations log like the planner.

-- Mail status of a thread, for every desk: who claimed it, whether it waits for the guest or a
-- vendor, is done or snoozed. status_through is the newest message of the thread when the status
-- was set: a newer message from outside reopens a done, waiting or snoozed thread.
CREATE TABLE mail_status (
    seq            INTEGER PRIMARY KEY,
    id             TEXT NOT NULL UNIQUE,      -- the thread id (its root's Message-ID)
    claimed_by     TEXT NOT NULL DEFAULT '',  -- a desk id
    status         TEXT NOT NULL DEFAULT '',  -- '', waiting_guest, waiting_vendor, done
    status_through TEXT NOT NULL DEFAULT '',
    snooze_until   TEXT NOT NULL DEFAULT '',
    updated_hlc    TEXT NOT NULL,
    deleted        INTEGER NOT NULL DEFAULT 0
);

-- Who is writing a reply to a thread right now, a row per desk (id = thread id + '/' + desk id), so
-- two desks writing at once both show; until a time, so a desk that dies stops by itself.
CREATE TABLE mail_replying (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    thread_id   TEXT NOT NULL,
    desk        TEXT NOT NULL,
    until       TEXT NOT NULL DEFAULT '',
    updated_hlc TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX mail_replying_thread ON mail_replying(thread_id);

-- The shift logbook: what one shift leaves the next.
CREATE TABLE logbook (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    author      TEXT NOT NULL DEFAULT '',     -- desk id
    author_name TEXT NOT NULL DEFAULT '',
    at          TEXT NOT NULL,
    body        TEXT NOT NULL CHECK (body <> ''),
    target_kind TEXT NOT NULL DEFAULT '',     -- guest, stay, request, thread or ''
    target_id   TEXT NOT NULL DEFAULT '',
    updated_hlc TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX logbook_at ON logbook(at);

-- Which desk has read which entry (id = entry id + '/' + desk id).
CREATE TABLE logbook_reads (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    entry_id    TEXT NOT NULL,
    desk        TEXT NOT NULL,
    read_at     TEXT NOT NULL,
    updated_hlc TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX logbook_reads_entry ON logbook_reads(entry_id);

-- The desks of the team (this one included): the name and initials each gave itself.
CREATE TABLE desks (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL DEFAULT '',
    initials    TEXT NOT NULL DEFAULT '',
    updated_hlc TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0
);

-- The team folder's messages this desk has read: batches and snapshots, for the Team page (last
-- activity, clock offset) and for compaction (a batch a snapshot covers may go).
CREATE TABLE team_messages (
    message_id TEXT PRIMARY KEY,
    uid        INTEGER NOT NULL DEFAULT 0,
    desk       TEXT NOT NULL,
    kind       TEXT NOT NULL,                 -- ops or snapshot
    ops        INTEGER NOT NULL DEFAULT 0,
    max_hlc    TEXT NOT NULL DEFAULT '',
    sent_at    TEXT NOT NULL DEFAULT '',      -- the server's INTERNALDATE
    problem    TEXT NOT NULL DEFAULT ''       -- why it was skipped, shown on the Team page
) WITHOUT ROWID;

-- Entities whose operations arrived but cannot make a row yet (a stay before its guest).
CREATE TABLE ops_pending (
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    PRIMARY KEY (entity, entity_id)
) WITHOUT ROWID;

-- The newest stamp this desk holds from each other desk (sent with every batch as "seen"), kept
-- as operations arrive instead of read back from them.
CREATE TABLE ops_seen (
    desk TEXT PRIMARY KEY,
    hlc  TEXT NOT NULL
) WITHOUT ROWID;

-- Whether a mailbox keeps custom keywords (PERMANENTFLAGS with \*): where it does, mail status is
-- also set as keywords on the message, for other mail clients to see; Microsoft 365 does not.
ALTER TABLE mailboxes ADD COLUMN keywords INTEGER NOT NULL DEFAULT 1;
