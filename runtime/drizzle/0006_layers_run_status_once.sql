-- A run's status lives in runs.status alone: the copy inside runs.state (engine JSON) is dropped.
-- Where the two disagreed the column was already the truth (blocking, resuming and stop-scenario
-- change only the column), so nothing is lost.
UPDATE "runs" SET "state" = "state" - 'status' WHERE "state" ? 'status';
