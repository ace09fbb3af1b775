CREATE TABLE "cohort_batch_members" (
	"batch_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"friend_ids" uuid[] NOT NULL,
	"run_ids" uuid[] NOT NULL,
	"visits" integer[] NOT NULL,
	"retry_keys" uuid[] NOT NULL,
	"send_ids" uuid[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cohort_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint DEFAULT nextval('sends_seq_seq') NOT NULL,
	"workspace_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"scenario_id" uuid NOT NULL,
	"node_id" text NOT NULL,
	"retry_key" uuid NOT NULL,
	"messages" jsonb NOT NULL,
	"message_digest" text NOT NULL,
	"aggregation_unit" text,
	"due_at" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"lease_until" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "cohort_batch_members" ADD CONSTRAINT "cohort_batch_members_batch_id_cohort_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."cohort_batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cohort_batches" ADD CONSTRAINT "cohort_batches_workspace_id_workspaces_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("workspace_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cohort_batch_members_friends" ON "cohort_batch_members" USING gin ("friend_ids") WITH (fastupdate=false);--> statement-breakpoint
CREATE UNIQUE INDEX "cohort_batches_retry_key" ON "cohort_batches" USING btree ("retry_key");--> statement-breakpoint
CREATE INDEX "cohort_batches_queued" ON "cohort_batches" USING btree ("seq") WHERE status = 'queued';--> statement-breakpoint
CREATE INDEX "cohort_batches_in_flight" ON "cohort_batches" USING btree ("lease_until") WHERE status = 'sending';--> statement-breakpoint
-- ==== hand-written: a cohort batch's settle writes its members' send rows already sent or failed
-- (store/cohort-batches.ts), so the per-node counters count those inserts as they count updates.
CREATE FUNCTION node_counters_from_settled_inserts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO node_counters (workspace_id, scenario_id, node_id, metric, hour, shard, n)
  SELECT n.workspace_id, n.scenario_id, n.node_id, n.status, date_trunc('hour', coalesce(n.sent_at, n.due_at)), (txid_current() % 16)::smallint, count(*)
  FROM sends_new n
  WHERE n.scenario_id IS NOT NULL AND n.node_id IS NOT NULL AND n.status IN ('sent', 'failed')
  GROUP BY 1, 2, 3, 4, 5 ORDER BY 2, 3, 4, 5
  ON CONFLICT (scenario_id, node_id, metric, hour, shard) DO UPDATE SET n = node_counters.n + excluded.n;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER sends_node_counters_inserted AFTER INSERT ON sends
  REFERENCING NEW TABLE AS sends_new FOR EACH STATEMENT EXECUTE FUNCTION node_counters_from_settled_inserts();
