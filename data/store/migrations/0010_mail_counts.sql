-- Loge schema, version 10: the mail counts from an index. The status bar shows how many messages
-- and how many unread; counting them read every row of messages, whose text sits before the
-- vanished column, so each count walked 100k rows' overflow pages (300 ms on a 100k desk, on every
-- status refresh). This index holds both columns the counts need.
CREATE INDEX messages_live ON messages(vanished, flags);
