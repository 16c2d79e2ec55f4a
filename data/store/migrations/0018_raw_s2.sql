-- Loge schema, version 18: new raw mail is stored with codec 2, its CRC-32C then an S2 block of
-- it (rawcodec.go), instead of zstd: compressing was a third of an initial sync's CPU. Rows stored
-- before keep codec 1 and read as they always did. No table changes; the version tells an older
-- Loge, which cannot read codec 2, that this desk is newer than it.
SELECT 1;
