-- Run steps per path (runtime/src/db/schema/runs.ts): one row for all the runs a statement stepped
-- along the same nodes at the same moment, their ids in an array, instead of a row and a key per
-- run. A cohort chunk of 1,000 friends wrote 1,000 rows with two index entries each: now one (at
-- 100,000 friends, PostgreSQL's CPU 72-86 → 69-70 µs a friend; docs/BENCHMARKS.md).
-- Each earlier row becomes a path of its one run.
ALTER TABLE "run_steps" DROP CONSTRAINT "run_steps_run_id_step_seq_pk";--> statement-breakpoint
ALTER TABLE "run_steps" ADD COLUMN "run_ids" uuid[];--> statement-breakpoint
UPDATE "run_steps" SET "run_ids" = ARRAY["run_id"];--> statement-breakpoint
ALTER TABLE "run_steps" ALTER COLUMN "run_ids" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "run_steps" ADD COLUMN "id" bigint PRIMARY KEY NOT NULL GENERATED ALWAYS AS IDENTITY (sequence name "run_steps_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1);--> statement-breakpoint
ALTER TABLE "run_steps" DROP COLUMN "run_id";--> statement-breakpoint
-- ==== hand-written (carry over when this migration is regenerated) ===========================
-- Random ids never compress, and nothing filters on them by statistics (as 0038 and 0039).
ALTER TABLE "run_steps" ALTER COLUMN "run_ids" SET STORAGE EXTERNAL, ALTER COLUMN "run_ids" SET STATISTICS 0;--> statement-breakpoint
-- Counters count runs, no longer rows: each run of a path entered each of its nodes (0037's grouping by path stays).
CREATE OR REPLACE FUNCTION node_counters_from_steps() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO node_counters (workspace_id, scenario_id, node_id, metric, hour, shard, n)
  SELECT p.workspace_id, p.scenario_id, e.node_id, m.metric, p.hour, (txid_current() % 16)::smallint, sum(p.n)::bigint
  FROM (
    SELECT workspace_id, scenario_id, node_ids, outputs, date_trunc('hour', entered_at) AS hour, sum(cardinality(run_ids)) AS n
    FROM steps_new GROUP BY 1, 2, 3, 4, 5
  ) p CROSS JOIN LATERAL unnest(p.node_ids, p.outputs) AS e(node_id, output)
    CROSS JOIN LATERAL (VALUES ('entered'), ('out:' || e.output)) AS m(metric)
  WHERE m.metric IS NOT NULL
  GROUP BY 1, 2, 3, 4, 5 ORDER BY 2, 3, 4, 5
  ON CONFLICT (scenario_id, node_id, metric, hour, shard) DO UPDATE SET n = node_counters.n + excluded.n;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A path names many runs: a run deleted on its own (its friend deleted) leaves its id there, as it
-- leaves its entries in node_counters, and readers join the ids to `runs`. A deleted scenario (its
-- workspace's, too) takes its paths with its runs.
DROP TRIGGER "runs_delete_steps" ON "runs";--> statement-breakpoint
DROP FUNCTION run_steps_follow_runs();--> statement-breakpoint
CREATE OR REPLACE FUNCTION runs_follow_scenarios() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM runs r USING scenarios_old o WHERE r.scenario_id = o.id;
  DELETE FROM run_steps s USING scenarios_old o WHERE s.scenario_id = o.id;
  RETURN NULL;
END $$;
