-- Bounded processed_events (issue 13): the tick prunes event ids by age and keeps at most a
-- fixed count, so the dedupe table stops growing with every webhook delivery. Both prunes read
-- received_at: this index keeps them from scanning the table.
CREATE INDEX IF NOT EXISTS processed_events_received_at ON processed_events (received_at);

-- The accepted lessons of each workflow page as Baton last had the page in hand (the sync's read,
-- or the learn step's own write, which Notion answers with the page): a run takes them from here
-- while webhooks are healthy instead of reading the page again (JSON string[]; NULL = unknown).
ALTER TABLE definitions ADD COLUMN page_lessons_json TEXT;
