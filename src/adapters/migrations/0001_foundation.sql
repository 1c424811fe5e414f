-- Baton's own index. Notion and Drive stay the record; D1 holds what the worker needs to
-- decide quickly and exactly once.

-- Small key/value facts: last tick, last registry sync, the Notion bot user id.
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
