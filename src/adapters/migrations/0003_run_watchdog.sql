-- What the watchdog needs to notice a stranded run, and why a run failed.
-- heartbeat_at: when a step of the run last started (any attempt); a live run moves it.
ALTER TABLE runs ADD COLUMN heartbeat_at TEXT;
-- How many times the watchdog restarted the run's Workflow instance.
ALTER TABLE runs ADD COLUMN restarts INTEGER NOT NULL DEFAULT 0;
-- The plain-words reason a run failed, shown on the Run row and the workflow's Health.
ALTER TABLE runs ADD COLUMN failure_reason TEXT;
-- Model tokens spent, counted once per stored completion.
ALTER TABLE runs ADD COLUMN tokens INTEGER NOT NULL DEFAULT 0;
