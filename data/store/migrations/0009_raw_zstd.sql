-- Loge schema, version 9: raw mail may be stored compressed. codec 0 is the bytes as received,
-- 1 is a zstd frame of them; reading always gives back the exact bytes. Mail text compresses about
-- threefold, and a sync writes every page twice (WAL, then checkpoint): the raw bytes were 60% of
-- what a sync wrote. Rows already stored stay as they are.
ALTER TABLE message_raw ADD COLUMN codec INTEGER NOT NULL DEFAULT 0;
