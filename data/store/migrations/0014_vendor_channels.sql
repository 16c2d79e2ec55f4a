-- Loge schema, version 14: several phones, e-mails and postal addresses per vendor and per contact
-- person, each with its kind (work, mobile, fax, reservations, home, other…).
--
-- A channel is a shared entity of its own ("channel" in ops), so that two desks adding a number to
-- the same vendor at once both keep theirs. owner_kind says whether owner_id is a vendor or a
-- contact; there is no foreign key, as the team log may bring a channel before its owner.
-- vendors.phone/email/address and vendor_contacts.phone/email stay, as local copies of the first
-- live channel of their medium kept by the triggers below: documents, templates and the lists read
-- "the" phone there. They are no longer shared fields.
CREATE TABLE vendor_channels (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL UNIQUE,
    owner_kind  TEXT NOT NULL DEFAULT 'vendor' CHECK (owner_kind IN ('vendor', 'contact')),
    owner_id    TEXT NOT NULL DEFAULT '',
    medium      TEXT NOT NULL DEFAULT 'phone' CHECK (medium IN ('phone', 'email', 'address')),
    kind        TEXT NOT NULL DEFAULT 'other',
    value       TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL DEFAULT 0,
    updated_hlc TEXT NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX vendor_channels_owner ON vendor_channels(owner_id, medium, position);
CREATE INDEX vendor_channels_hlc ON vendor_channels(updated_hlc);

-- Today's single values become the first channel of their medium. The id is the owner's id and
-- the medium, so every desk of a team, migrating on its own, makes the same row at the same stamp
-- (and an older desk's "phone" operation lands on it: see store.legacyChannelOps). Tombstoned
-- vendors keep theirs too, for the day they are brought back.
INSERT INTO vendor_channels(id, owner_kind, owner_id, medium, kind, value, position, updated_hlc)
    SELECT id || '-phone', 'vendor', id, 'phone', 'work', trim(phone), 0, updated_hlc FROM vendors WHERE trim(phone) <> '';
INSERT INTO vendor_channels(id, owner_kind, owner_id, medium, kind, value, position, updated_hlc)
    SELECT id || '-email', 'vendor', id, 'email', 'work', trim(email), 1, updated_hlc FROM vendors WHERE trim(email) <> '';
INSERT INTO vendor_channels(id, owner_kind, owner_id, medium, kind, value, position, updated_hlc)
    SELECT id || '-address', 'vendor', id, 'address', 'work', trim(address), 2, updated_hlc FROM vendors WHERE trim(address) <> '';
INSERT INTO vendor_channels(id, owner_kind, owner_id, medium, kind, value, position, updated_hlc)
    SELECT id || '-phone', 'contact', id, 'phone', 'work', trim(phone), 0, updated_hlc FROM vendor_contacts WHERE trim(phone) <> '';
INSERT INTO vendor_channels(id, owner_kind, owner_id, medium, kind, value, position, updated_hlc)
    SELECT id || '-email', 'contact', id, 'email', 'work', trim(email), 1, updated_hlc FROM vendor_contacts WHERE trim(email) <> '';

-- The local copies follow every write, the door's and the team log's alike.
-- A new row takes the update trigger's way (an update of itself; triggers do not fire recursively).
CREATE TRIGGER vendor_channels_ai AFTER INSERT ON vendor_channels BEGIN
    UPDATE vendor_channels SET value = value WHERE seq = new.seq;
END;
CREATE TRIGGER vendor_channels_au AFTER UPDATE ON vendor_channels BEGIN
    UPDATE vendors SET
        phone = coalesce((SELECT value FROM vendor_channels c WHERE c.owner_id = vendors.id AND c.medium = 'phone'
            AND c.deleted = 0 AND c.value <> '' ORDER BY c.position, c.id LIMIT 1), ''),
        email = coalesce((SELECT value FROM vendor_channels c WHERE c.owner_id = vendors.id AND c.medium = 'email'
            AND c.deleted = 0 AND c.value <> '' ORDER BY c.position, c.id LIMIT 1), ''),
        address = coalesce((SELECT value FROM vendor_channels c WHERE c.owner_id = vendors.id AND c.medium = 'address'
            AND c.deleted = 0 AND c.value <> '' ORDER BY c.position, c.id LIMIT 1), '')
        WHERE id IN (old.owner_id, new.owner_id);
    UPDATE vendor_contacts SET
        phone = coalesce((SELECT value FROM vendor_channels c WHERE c.owner_id = vendor_contacts.id AND c.medium = 'phone'
            AND c.deleted = 0 AND c.value <> '' ORDER BY c.position, c.id LIMIT 1), ''),
        email = coalesce((SELECT value FROM vendor_channels c WHERE c.owner_id = vendor_contacts.id AND c.medium = 'email'
            AND c.deleted = 0 AND c.value <> '' ORDER BY c.position, c.id LIMIT 1), '')
        WHERE id IN (old.owner_id, new.owner_id);
    UPDATE vendors SET seq = seq WHERE id IN (SELECT vendor_id FROM vendor_contacts WHERE id IN (old.owner_id, new.owner_id));
END;

-- Search: a vendor is found by every phone and e-mail of its own and of its contact persons, and a
-- phone also by its digits written together ("0142651516" finds "01 42 65 15 16").
DROP TRIGGER vendors_fts_ai;
DROP TRIGGER vendors_fts_au;
CREATE TRIGGER vendors_fts_ai AFTER INSERT ON vendors WHEN new.deleted = 0 BEGIN
    INSERT INTO vendors_fts(rowid, title, body) VALUES (new.seq, new.name,
        new.category || ' ' || new.city || ' ' || new.languages || ' ' || new.notes || ' ' ||
        coalesce((SELECT group_concat(CASE WHEN c.medium = 'phone' THEN c.value || ' ' ||
            replace(replace(replace(replace(replace(replace(c.value, ' ', ''), '.', ''), '-', ''), '(', ''), ')', ''), '+', '')
            ELSE c.value END, ' ') FROM vendor_channels c WHERE c.deleted = 0 AND (c.owner_id = new.id OR c.owner_id IN
            (SELECT id FROM vendor_contacts WHERE vendor_id = new.id AND deleted = 0))), ''));
END;
CREATE TRIGGER vendors_fts_au AFTER UPDATE ON vendors BEGIN
    DELETE FROM vendors_fts WHERE rowid = old.seq;
    INSERT INTO vendors_fts(rowid, title, body) SELECT new.seq, new.name,
        new.category || ' ' || new.city || ' ' || new.languages || ' ' || new.notes || ' ' ||
        coalesce((SELECT group_concat(CASE WHEN c.medium = 'phone' THEN c.value || ' ' ||
            replace(replace(replace(replace(replace(replace(c.value, ' ', ''), '.', ''), '-', ''), '(', ''), ')', ''), '+', '')
            ELSE c.value END, ' ') FROM vendor_channels c WHERE c.deleted = 0 AND (c.owner_id = new.id OR c.owner_id IN
            (SELECT id FROM vendor_contacts WHERE vendor_id = new.id AND deleted = 0))), '')
        WHERE new.deleted = 0;
    UPDATE requests SET seq = seq WHERE vendor_id = new.id AND old.name <> new.name;
END;
-- A contact who moves to another vendor, leaves or comes back changes what finds those vendors.
CREATE TRIGGER vendor_contacts_fts_au AFTER UPDATE OF vendor_id, deleted ON vendor_contacts BEGIN
    UPDATE vendors SET seq = seq WHERE id IN (old.vendor_id, new.vendor_id);
END;

-- The copies, trimmed, and the index of what is there.
UPDATE vendor_channels SET value = value;
UPDATE vendors SET seq = seq;
