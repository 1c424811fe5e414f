-- Cached workflow definitions, one per Workflows row.
CREATE TABLE definitions (
  page_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  state TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  -- WorkflowDefinition JSON; NULL when the row could not be read at all.
  definition_json TEXT,
  -- 1 when the row has no error-level problem and may run.
  runnable INTEGER NOT NULL,
  health TEXT NOT NULL,
  next_run TEXT,
  in_trash INTEGER NOT NULL DEFAULT 0,
  -- Why the last run failed, shown in Health until a run succeeds.
  last_failure TEXT,
  synced_at TEXT NOT NULL
);

-- A schedule slot is claimed once; the unique key is what makes admission exactly-once.
CREATE TABLE schedule_slots (
  workflow_page_id TEXT NOT NULL,
  slot TEXT NOT NULL,
  run_id TEXT NOT NULL,
  claimed_at TEXT NOT NULL,
  PRIMARY KEY (workflow_page_id, slot)
);

-- Runs Baton started, keyed by the deterministic run id.
CREATE TABLE runs (
  run_id TEXT PRIMARY KEY,
  workflow_page_id TEXT NOT NULL,
  run_page_id TEXT,
  trigger_kind TEXT NOT NULL,
  trigger_key TEXT NOT NULL,
  scheduled_for TEXT,
  -- Baton's view of the status (the Notion Status may be edited by people).
  status TEXT NOT NULL,
  -- 0 until the Workflow instance exists; the tick retries admission until it does.
  started INTEGER NOT NULL DEFAULT 0,
  -- While set in the future, one tick is creating the Run row and instance; others keep out.
  start_lease_until TEXT,
  reviewer_id TEXT,
  review_round INTEGER NOT NULL DEFAULT 0,
  definition_json TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (workflow_page_id, trigger_kind, trigger_key)
);
CREATE INDEX runs_by_status ON runs (status);
CREATE INDEX runs_by_page ON runs (run_page_id);

-- Webhook deliveries already handled (Notion may deliver an event more than once).
CREATE TABLE processed_events (
  event_id TEXT PRIMARY KEY,
  received_at TEXT NOT NULL
);

-- Artifacts too large for a Workflow step result (1 MiB): gathered context, drafts.
CREATE TABLE artifacts (
  run_id TEXT NOT NULL,
  name TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (run_id, name)
);
