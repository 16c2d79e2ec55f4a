-- Loge schema, version 19: the mail index's terms read one by one instead of counted.
--
-- Version 17 listed the terms a prefix starts from an fts5vocab 'row' table, which counts each
-- term's documents on the way: "confirm" at 250,000 mails spent 11 ms walking the doclists of
-- confirm, confirmation and confirmons. An 'instance' table over the same index finds the first
-- term at or after a string with one seek and stops there (LIMIT 1); mailMatch steps from term to
-- term that way, about 0.1 ms a term. Neither table stores anything.
DROP TABLE messages_vocab;
CREATE VIRTUAL TABLE messages_terms USING fts5vocab(messages_fts, 'instance');
