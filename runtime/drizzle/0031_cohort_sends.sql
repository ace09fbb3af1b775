CREATE TABLE "cohort_sends" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"workspace_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"scenario_id" uuid NOT NULL,
	"node_id" text NOT NULL,
	"retry_key" uuid NOT NULL,
	"messages" jsonb NOT NULL,
	"message_digest" text NOT NULL,
	"aggregation_unit" text,
	"due_at" timestamp with time zone NOT NULL,
	"status" text NOT NULL,
	"attempts" integer NOT NULL,
	"error" jsonb,
	"retry_key_replayed" boolean NOT NULL,
	"sent_at" timestamp with time zone,
	"failed_at" timestamp with time zone,
	"friend_ids" uuid[] NOT NULL,
	"run_ids" uuid[] NOT NULL,
	"visits" integer[] NOT NULL,
	"retry_keys" uuid[] NOT NULL,
	"send_ids" uuid[] NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cohort_sends" ADD CONSTRAINT "cohort_sends_workspace_id_workspaces_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("workspace_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cohort_sends_friends" ON "cohort_sends" USING gin ("friend_ids");--> statement-breakpoint
CREATE INDEX "cohort_sends_node" ON "cohort_sends" USING btree ("scenario_id","node_id");--> statement-breakpoint
-- ==== hand-written: a settled cohort batch is its members' sends (store/cohort-batches.ts), so the
-- per-node counters count its members, as they count send rows inserted or settled in place.
CREATE FUNCTION node_counters_from_cohort_sends() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO node_counters (workspace_id, scenario_id, node_id, metric, hour, shard, n)
  SELECT n.workspace_id, n.scenario_id, n.node_id, n.status, date_trunc('hour', coalesce(n.sent_at, n.due_at)), (txid_current() % 16)::smallint,
    sum(cardinality(n.friend_ids))
  FROM cohort_sends_new n
  GROUP BY 1, 2, 3, 4, 5 ORDER BY 2, 3, 4, 5
  ON CONFLICT (scenario_id, node_id, metric, hour, shard) DO UPDATE SET n = node_counters.n + excluded.n;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER cohort_sends_node_counters AFTER INSERT ON cohort_sends
  REFERENCING NEW TABLE AS cohort_sends_new FOR EACH STATEMENT EXECUTE FUNCTION node_counters_from_cohort_sends();
