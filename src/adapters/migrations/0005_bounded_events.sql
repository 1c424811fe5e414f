-- Bounded processed_events (issue 13): the tick prunes event ids by age and keeps at most a
-- fixed count, so the dedupe table stops growing with every webhook delivery. Both prunes read
-- received_at: this index keeps them from scanning the table.
CREATE INDEX IF NOT EXISTS processed_events_received_at ON processed_events (received_at);
