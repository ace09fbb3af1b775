-- Fewer rows and keys per friend-step (issue 9): a run's step is one run_steps row holding the
-- nodes it entered as arrays (it was one row per node, with a random uuid key), and the foreign
-- keys on the runtime's hottest inserts that only repeated another cascade are gone: runs and
-- timeline_entries keep their friend's key (which cascades a deleted workspace), run_steps keeps
-- none and follows its runs by a statement-level trigger.
ALTER TABLE "timeline_entries" DROP CONSTRAINT "timeline_entries_workspace_id_workspaces_workspace_id_fk";
--> statement-breakpoint
ALTER TABLE "runs" DROP CONSTRAINT "runs_workspace_id_workspaces_workspace_id_fk";
--> statement-breakpoint
ALTER TABLE "run_steps" RENAME TO "run_steps_per_node";
--> statement-breakpoint
CREATE TABLE "run_steps" (
	"workspace_id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"step_seq" integer NOT NULL,
	"scenario_id" uuid NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	"node_ids" text[] NOT NULL,
	"visits" integer[] NOT NULL,
	"outputs" text[] NOT NULL,
	CONSTRAINT "run_steps_run_id_step_seq_pk" PRIMARY KEY("run_id","step_seq")
);
--> statement-breakpoint
-- Earlier rows: the nodes of one step share its entered_at (the writer's now), so they are grouped
-- by it; the order of nodes inside such a step was not recorded (taken by visit, then node id).
-- Counters already hold these rows: the counting trigger is created after this insert.
INSERT INTO "run_steps" (workspace_id, run_id, step_seq, scenario_id, entered_at, node_ids, visits, outputs)
SELECT workspace_id, run_id, (row_number() OVER (PARTITION BY run_id ORDER BY entered_at))::int, scenario_id, entered_at,
  array_agg(node_id ORDER BY visit, node_id), array_agg(visit ORDER BY visit, node_id), array_agg(output ORDER BY visit, node_id)
FROM "run_steps_per_node" GROUP BY workspace_id, run_id, scenario_id, entered_at;
--> statement-breakpoint
DROP TABLE "run_steps_per_node";
--> statement-breakpoint
CREATE INDEX "run_steps_scenario_at" ON "run_steps" USING btree ("scenario_id","entered_at");
--> statement-breakpoint
CREATE OR REPLACE FUNCTION node_counters_from_steps() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO node_counters (workspace_id, scenario_id, node_id, metric, hour, shard, n)
  SELECT s.workspace_id, s.scenario_id, e.node_id, m.metric, date_trunc('hour', s.entered_at), (txid_current() % 16)::smallint, count(*)
  FROM steps_new s CROSS JOIN LATERAL unnest(s.node_ids, s.outputs) AS e(node_id, output)
    CROSS JOIN LATERAL (VALUES ('entered'), ('out:' || e.output)) AS m(metric)
  WHERE m.metric IS NOT NULL
  GROUP BY 1, 2, 3, 4, 5 ORDER BY 2, 3, 4, 5
  ON CONFLICT (scenario_id, node_id, metric, hour, shard) DO UPDATE SET n = node_counters.n + excluded.n;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER run_steps_node_counters AFTER INSERT ON run_steps
  REFERENCING NEW TABLE AS steps_new FOR EACH STATEMENT EXECUTE FUNCTION node_counters_from_steps();
--> statement-breakpoint
-- What the run's foreign key did: deleted runs (a friend, scenario or workspace deleted) take their
-- steps along, one statement per deleting statement.
CREATE FUNCTION run_steps_follow_runs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM run_steps s USING runs_old o WHERE s.run_id = o.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER runs_delete_steps AFTER DELETE ON runs
  REFERENCING OLD TABLE AS runs_old FOR EACH STATEMENT EXECUTE FUNCTION run_steps_follow_runs();
