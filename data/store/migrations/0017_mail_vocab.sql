-- Loge schema, version 17: the mail index's vocabulary, for searching a prefix word by word.
--
-- A "confirm"* query makes FTS5 merge the doclists of every term the prefix starts, positions
-- included, before it can walk the newest mail (27 ms at 250,000 mails). The same terms asked
-- whole, "confirm" OR "confirmation" OR "confirmons", walk newest first and stop at the limit
-- (0.3 ms); listing them from this table costs 12 ms. An fts5vocab table stores nothing: it reads
-- messages_fts's own index.
CREATE VIRTUAL TABLE messages_vocab USING fts5vocab(messages_fts, 'row');
