-- Event triggers (issue 9): Drive push channels and their change feeds, files seen in watched
-- folders, Notion rows watched for a state, pending Run now requests, and what started a run.

-- What started a run when it was not the clock (TriggerSubject JSON): its first context source
-- and the name of its outputs.
ALTER TABLE runs ADD COLUMN trigger_subject TEXT;

-- The row's problems (RowProblem[] JSON) as the last sync found them, so Health can be rewritten
-- after a trigger fires without reading the row again; and what last started the workflow.
ALTER TABLE definitions ADD COLUMN problems_json TEXT;
ALTER TABLE definitions ADD COLUMN last_trigger_json TEXT;

-- One change feed per drive that holds a watched folder ('my-drive' or a shared drive id).
-- The page token only moves forward, and only while its reader holds the lease.
CREATE TABLE drive_feeds (
  drive_key TEXT PRIMARY KEY,
  page_token TEXT NOT NULL,
  lease_until TEXT,
  -- Set by a notification that arrived while another reader held the lease: read again.
  pending INTEGER NOT NULL DEFAULT 0,
  -- Why push could not be set up for this drive, in words; NULL when it is on (or not wanted).
  push_problem TEXT,
  updated_at TEXT NOT NULL
);

-- Push channels (changes.watch), several per drive while a renewal overlaps the old one.
CREATE TABLE drive_channels (
  channel_id TEXT PRIMARY KEY,
  drive_key TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  -- Random per channel; Google echoes it as X-Goog-Channel-Token and Baton compares in constant time.
  token TEXT NOT NULL,
  -- Unix ms, as Google granted it.
  expiration INTEGER NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX drive_channels_by_drive ON drive_channels (drive_key);

-- A workflow's Watch folder, and whether the files already in it were recorded (so setting up a
-- watch does not run every old file).
CREATE TABLE drive_watches (
  workflow_page_id TEXT PRIMARY KEY,
  folder_id TEXT NOT NULL,
  drive_key TEXT NOT NULL,
  baseline_done INTEGER NOT NULL DEFAULT 0,
  reconciled_at TEXT,
  created_at TEXT NOT NULL
);

-- Files seen in a workflow's Watch folder. 'present': there before the watch began; 'settling':
-- arrived, waiting until its size and modifiedTime stop changing; 'admitted': its run is claimed.
CREATE TABLE drive_files_seen (
  workflow_page_id TEXT NOT NULL,
  file_id TEXT NOT NULL,
  status TEXT NOT NULL,
  size TEXT,
  modified_time TEXT,
  observed_at TEXT NOT NULL,
  PRIMARY KEY (workflow_page_id, file_id)
);
CREATE INDEX drive_files_settling ON drive_files_seen (status);

-- A workflow's Notion row trigger: the data source it watches, and the reconcile's watermark.
CREATE TABLE notion_watches (
  workflow_page_id TEXT PRIMARY KEY,
  -- Hash of (database, property, value): a changed trigger starts a fresh baseline.
  spec_key TEXT NOT NULL,
  data_source_id TEXT NOT NULL,
  baseline_done INTEGER NOT NULL DEFAULT 0,
  checked_until TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX notion_watches_by_source ON notion_watches (data_source_id);

-- Whether a watched row is in the trigger's state, and since when: one run per (workflow, row,
-- time it entered the state). Leaving and coming back is a new entry.
CREATE TABLE notion_row_states (
  workflow_page_id TEXT NOT NULL,
  row_id TEXT NOT NULL,
  in_state INTEGER NOT NULL,
  entered_at TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (workflow_page_id, row_id)
);

-- A Run now checkbox seen ticked: its run is claimed, and Baton still has to clear the box.
-- While a row has one, another tick of the same box starts nothing new.
CREATE TABLE run_now_requests (
  workflow_page_id TEXT PRIMARY KEY,
  -- The manual run's trigger key, so a retry claims the same run.
  trigger_key TEXT NOT NULL,
  created_at TEXT NOT NULL
);
