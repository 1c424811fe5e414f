-- Notion pages Baton found inside the allowed pages (issue 13), kept so a run need not walk a
-- page's ancestry again while Notion webhooks are healthy: any page.moved / page.deleted event
-- (or database.moved / data_source.moved …) for an id in `chain_json` drops the row
-- (registry/allowed-roots.ts says when a row is trusted). Only "allowed" is kept: a page refused
-- for any reason is walked again at every read, so a fix (sharing it, moving it back) shows at once.
CREATE TABLE IF NOT EXISTS notion_standings (
  page_id TEXT PRIMARY KEY,      -- dashless, lower case
  roots_key TEXT NOT NULL,       -- the ALLOWED_NOTION_PAGES the walk was made against
  chain_json TEXT NOT NULL,      -- JSON string[]: the page and every page, database and data source walked above it
  edited_time TEXT,              -- the page's last_edited_time (later: the timestamp of its last edit event)
  checked_at TEXT NOT NULL       -- wall-clock time of the walk
);

-- Ids a move or deletion event named, kept a day: a walk that began before such an event is not
-- remembered (it may have read the page where it was), even if it ends after the event was handled.
CREATE TABLE IF NOT EXISTS notion_moves (
  id TEXT PRIMARY KEY,           -- dashless, lower case
  at TEXT NOT NULL               -- wall-clock time the event was handled
);
