-- Loge schema, version 12: the operations log behind the one door for shared writes.
-- Every change to a shared entity (guest, stay, request and its timeline, vendor, contact, template,
-- note, mail link) is recorded here by the store, field by field, in the transaction that makes it:
-- the value as JSON, the hybrid-clock stamp of the user action, and the desk that made it. The team
-- log pushes this desk's operations to the mailbox and keeps the other desks' here too; the newest
-- stamp of a field is that field's clock for last-writer-wins.
CREATE TABLE ops (
    seq       INTEGER PRIMARY KEY,
    hlc       TEXT NOT NULL,
    desk      TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    field     TEXT NOT NULL,
    value     TEXT NOT NULL,
    UNIQUE (entity, entity_id, field, hlc)
);
-- This desk's own operations are found through a partial index the store creates at open (it
-- names the desk, which a migration cannot know), so that the other desks' ones, most of the
-- table after a team join, cost one index less each.
