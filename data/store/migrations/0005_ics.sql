-- Loge schema, version 5: calendar (.ics) exports.

-- What this desk last exported for each calendar object (a request or a stay, named by its iCalendar
-- UID): the hash of the event's content and the SEQUENCE written with it. Exporting the same content
-- again keeps the SEQUENCE; a changed request gets SEQUENCE + 1, so calendars replace the old copy.
-- Local to this desk: it records what left this desk, it is not a shared entity.
CREATE TABLE ics_exports (
    uid          TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL,
    sequence     INTEGER NOT NULL DEFAULT 0,
    exported_at  TEXT NOT NULL
);
