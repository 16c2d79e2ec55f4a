-- Loge schema, version 1.
-- Shared entities (guests, stays, requests, vendors, contacts, templates, notes, links) carry a UUID `id`
-- and an `updated_hlc` so desks can merge them later without a server. Each also has an integer `seq`
-- rowid that never changes (INTEGER PRIMARY KEY survives VACUUM), which the search index keys on.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE guests (
    seq          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    title        TEXT NOT NULL DEFAULT '',
    first_name   TEXT NOT NULL DEFAULT '',
    last_name    TEXT NOT NULL CHECK (last_name <> ''),
    languages    TEXT NOT NULL DEFAULT '',
    emails       TEXT NOT NULL DEFAULT '',
    phones       TEXT NOT NULL DEFAULT '',
    nationality  TEXT NOT NULL DEFAULT '',
    vip          INTEGER NOT NULL DEFAULT 0 CHECK (vip BETWEEN 0 AND 3),
    preferences  TEXT NOT NULL DEFAULT '',
    allergies    TEXT NOT NULL DEFAULT '',
    notes        TEXT NOT NULL DEFAULT '',
    updated_hlc  TEXT NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX guests_last_name ON guests(last_name COLLATE NOCASE);

CREATE TABLE stays (
    seq          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    guest_id     TEXT NOT NULL REFERENCES guests(id) ON UPDATE CASCADE,
    arrival      TEXT NOT NULL,   -- RFC 3339 with offset
    departure    TEXT NOT NULL,
    arrival_day  TEXT NOT NULL,   -- YYYY-MM-DD in the hotel's zone, for the Board
    departure_day TEXT NOT NULL,
    room         TEXT NOT NULL DEFAULT '',
    party_size   INTEGER NOT NULL CHECK (party_size >= 1),
    status       TEXT NOT NULL,
    notes        TEXT NOT NULL DEFAULT '',
    updated_hlc  TEXT NOT NULL,
    deleted      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX stays_guest ON stays(guest_id);
CREATE INDEX stays_arrival ON stays(arrival_day);
CREATE INDEX stays_departure ON stays(departure_day);

CREATE TABLE vendors (
    seq              INTEGER PRIMARY KEY,
    id               TEXT NOT NULL UNIQUE,
    name             TEXT NOT NULL CHECK (name <> ''),
    category         TEXT NOT NULL,
    status           TEXT NOT NULL,
    status_reason    TEXT NOT NULL DEFAULT '',
    phone            TEXT NOT NULL DEFAULT '',
    email            TEXT NOT NULL DEFAULT '',
    address          TEXT NOT NULL DEFAULT '',
    city             TEXT NOT NULL DEFAULT '',
    website          TEXT NOT NULL DEFAULT '',
    hours            TEXT NOT NULL DEFAULT '',
    languages        TEXT NOT NULL DEFAULT '',
    commission_terms TEXT NOT NULL DEFAULT '',
    notes            TEXT NOT NULL DEFAULT '',
    updated_hlc      TEXT NOT NULL,
    deleted          INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX vendors_name ON vendors(name COLLATE NOCASE);

CREATE TABLE vendor_contacts (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    vendor_id   TEXT NOT NULL REFERENCES vendors(id) ON UPDATE CASCADE,
    name        TEXT NOT NULL CHECK (name <> ''),
    role        TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    notes       TEXT NOT NULL DEFAULT '',
    updated_hlc TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX vendor_contacts_vendor ON vendor_contacts(vendor_id);

CREATE TABLE requests (
    seq               INTEGER PRIMARY KEY,
    id                TEXT NOT NULL UNIQUE,
    guest_id          TEXT NOT NULL REFERENCES guests(id) ON UPDATE CASCADE,
    stay_id           TEXT REFERENCES stays(id) ON UPDATE CASCADE,
    kind              TEXT NOT NULL,
    title             TEXT NOT NULL DEFAULT '',
    vendor_id         TEXT REFERENCES vendors(id) ON UPDATE CASCADE,
    starts_at         TEXT NOT NULL,  -- RFC 3339 with offset
    starts_day        TEXT NOT NULL,  -- YYYY-MM-DD in the request's zone
    time_zone         TEXT NOT NULL DEFAULT '',
    party_size        INTEGER NOT NULL CHECK (party_size >= 1),
    status            TEXT NOT NULL,
    confirmation      TEXT NOT NULL DEFAULT '',
    price_cents       INTEGER NOT NULL DEFAULT 0,
    currency          TEXT NOT NULL DEFAULT 'EUR',
    commission_cents  INTEGER NOT NULL DEFAULT 0,
    commission_status TEXT NOT NULL DEFAULT '',
    handled_by        TEXT NOT NULL DEFAULT '',
    notes             TEXT NOT NULL DEFAULT '',
    updated_hlc       TEXT NOT NULL,
    deleted           INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX requests_guest ON requests(guest_id);
CREATE INDEX requests_stay ON requests(stay_id);
CREATE INDEX requests_vendor ON requests(vendor_id);
CREATE INDEX requests_day ON requests(starts_day, starts_at);

-- Every status change of a request, for its timeline.
CREATE TABLE request_events (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    request_id  TEXT NOT NULL REFERENCES requests(id) ON UPDATE CASCADE,
    at          TEXT NOT NULL,
    who         TEXT NOT NULL DEFAULT '',
    from_status TEXT NOT NULL DEFAULT '',
    to_status   TEXT NOT NULL,
    updated_hlc TEXT NOT NULL
);
CREATE INDEX request_events_request ON request_events(request_id);

CREATE TABLE templates (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL CHECK (name <> ''),
    lang        TEXT NOT NULL,
    subject     TEXT NOT NULL DEFAULT '',
    body        TEXT NOT NULL DEFAULT '',
    updated_hlc TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE notes (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    target_kind TEXT NOT NULL,
    target_id   TEXT NOT NULL,
    author      TEXT NOT NULL DEFAULT '',
    body        TEXT NOT NULL CHECK (body <> ''),
    created_at  TEXT NOT NULL,
    updated_hlc TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX notes_target ON notes(target_kind, target_id);

-- Links between a mail thread (by the root's Message-ID) and a guest, stay or request.
CREATE TABLE links (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    thread_id   TEXT NOT NULL,
    target_kind TEXT NOT NULL,
    target_id   TEXT NOT NULL,
    updated_hlc TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0,
    UNIQUE (thread_id, target_kind, target_id)
);
CREATE INDEX links_target ON links(target_kind, target_id);

-- Per-desk mail state: accounts, mailboxes, messages. Not shared as ops; integer ids.
CREATE TABLE accounts (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE CHECK (name <> ''),
    email         TEXT NOT NULL DEFAULT '',
    imap_host     TEXT NOT NULL DEFAULT '',
    imap_port     INTEGER NOT NULL DEFAULT 993,
    imap_security TEXT NOT NULL DEFAULT 'tls',
    imap_user     TEXT NOT NULL DEFAULT '',
    smtp_host     TEXT NOT NULL DEFAULT '',
    smtp_port     INTEGER NOT NULL DEFAULT 465,
    smtp_security TEXT NOT NULL DEFAULT 'tls',
    smtp_user     TEXT NOT NULL DEFAULT '',
    ca_file       TEXT NOT NULL DEFAULT '',
    signature     TEXT NOT NULL DEFAULT ''
);

CREATE TABLE mailboxes (
    id             INTEGER PRIMARY KEY,
    account_id     INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    name           TEXT NOT NULL,
    role           TEXT NOT NULL DEFAULT '',
    uidvalidity    INTEGER NOT NULL DEFAULT 0,
    uidnext        INTEGER NOT NULL DEFAULT 0,
    highestmodseq  INTEGER NOT NULL DEFAULT 0,
    last_sync      TEXT NOT NULL DEFAULT '',
    UNIQUE (account_id, name)
);

CREATE TABLE messages (
    id              INTEGER PRIMARY KEY,
    mailbox_id      INTEGER NOT NULL REFERENCES mailboxes(id),
    uid             INTEGER NOT NULL DEFAULT 0,   -- 0 once vanished or before the server assigns one
    message_id      TEXT NOT NULL DEFAULT '',
    in_reply_to     TEXT NOT NULL DEFAULT '',
    refs            TEXT NOT NULL DEFAULT '',
    thread_id       TEXT NOT NULL DEFAULT '',
    from_name       TEXT NOT NULL DEFAULT '',
    from_addr       TEXT NOT NULL DEFAULT '',
    to_addrs        TEXT NOT NULL DEFAULT '',
    cc_addrs        TEXT NOT NULL DEFAULT '',
    subject         TEXT NOT NULL DEFAULT '',
    date            INTEGER NOT NULL DEFAULT 0,   -- unix seconds
    flags           TEXT NOT NULL DEFAULT '',     -- space-separated IMAP flags and keywords
    size            INTEGER NOT NULL DEFAULT 0,
    snippet         TEXT NOT NULL DEFAULT '',
    body_text       TEXT NOT NULL DEFAULT '',
    has_attachments INTEGER NOT NULL DEFAULT 0,
    vanished        INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX messages_uid ON messages(mailbox_id, uid) WHERE uid > 0;
CREATE INDEX messages_msgid ON messages(message_id);
CREATE INDEX messages_thread ON messages(thread_id, date);
CREATE INDEX messages_mailbox_date ON messages(mailbox_id, date);

-- Raw RFC 5322 bytes, always kept, in their own table so list queries never page through them.
CREATE TABLE message_raw (
    message_id INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
    raw        BLOB NOT NULL
);

CREATE TABLE attachments (
    id           INTEGER PRIMARY KEY,
    message_id   INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    part         TEXT NOT NULL,
    filename     TEXT NOT NULL DEFAULT '',
    content_type TEXT NOT NULL DEFAULT '',
    size         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX attachments_message ON attachments(message_id);

CREATE TABLE outbox (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER REFERENCES accounts(id),
    message_id  TEXT NOT NULL UNIQUE,
    from_addr   TEXT NOT NULL DEFAULT '',
    to_addrs    TEXT NOT NULL DEFAULT '',
    subject     TEXT NOT NULL DEFAULT '',
    raw         BLOB NOT NULL,
    state       TEXT NOT NULL DEFAULT 'queued',
    attempts    INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT NOT NULL DEFAULT '',
    in_reply_to TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    sent_at     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX outbox_state ON outbox(state);
