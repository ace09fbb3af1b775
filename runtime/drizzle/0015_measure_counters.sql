-- Per-node counters per hour (node_counters, runtime/src/db/schema/measure.ts), kept by
-- statement-level triggers so the canvas statistics read a few hundred rows whatever the number of
-- runs and sends. Entries count run_steps rows (each visit) and, for a node the run left in the
-- same step, its output (`out:<id>`: branch cases, random-split arms). Sends count the transition
-- of an outbox row into sent or failed, once per row however often it was attempted. Rows are
-- written in key order (no deadlock between two statements) on one of 16 shards by transaction id
-- (no single hot row when many workers settle the same node in the same hour).
CREATE FUNCTION node_counters_from_steps() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO node_counters (workspace_id, scenario_id, node_id, metric, hour, shard, n)
  SELECT s.workspace_id, s.scenario_id, s.node_id, m.metric, date_trunc('hour', s.entered_at), (txid_current() % 16)::smallint, count(*)
  FROM steps_new s CROSS JOIN LATERAL (VALUES ('entered'), ('out:' || s.output)) AS m(metric)
  WHERE m.metric IS NOT NULL
  GROUP BY 1, 2, 3, 4, 5 ORDER BY 2, 3, 4, 5
  ON CONFLICT (scenario_id, node_id, metric, hour, shard) DO UPDATE SET n = node_counters.n + excluded.n;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION node_counters_from_sends() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO node_counters (workspace_id, scenario_id, node_id, metric, hour, shard, n)
  SELECT n.workspace_id, n.scenario_id, n.node_id, n.status, date_trunc('hour', coalesce(n.sent_at, n.due_at)), (txid_current() % 16)::smallint, count(*)
  FROM sends_new n JOIN sends_old o ON o.id = n.id
  WHERE n.scenario_id IS NOT NULL AND n.node_id IS NOT NULL AND n.status IN ('sent', 'failed') AND o.status IS DISTINCT FROM n.status
  GROUP BY 1, 2, 3, 4, 5 ORDER BY 2, 3, 4, 5
  ON CONFLICT (scenario_id, node_id, metric, hour, shard) DO UPDATE SET n = node_counters.n + excluded.n;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER run_steps_node_counters AFTER INSERT ON run_steps
  REFERENCING NEW TABLE AS steps_new FOR EACH STATEMENT EXECUTE FUNCTION node_counters_from_steps();
--> statement-breakpoint
CREATE TRIGGER sends_node_counters AFTER UPDATE ON sends
  REFERENCING OLD TABLE AS sends_old NEW TABLE AS sends_new FOR EACH STATEMENT EXECUTE FUNCTION node_counters_from_sends();
--> statement-breakpoint
INSERT INTO node_counters (workspace_id, scenario_id, node_id, metric, hour, shard, n)
  SELECT workspace_id, scenario_id, node_id, 'entered', date_trunc('hour', entered_at), 0, count(*) FROM run_steps GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT INTO node_counters (workspace_id, scenario_id, node_id, metric, hour, shard, n)
  SELECT workspace_id, scenario_id, node_id, status, date_trunc('hour', coalesce(sent_at, due_at)), 0, count(*) FROM sends
  WHERE scenario_id IS NOT NULL AND node_id IS NOT NULL AND status IN ('sent', 'failed') GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT INTO node_clickers (workspace_id, scenario_id, node_id, friend_id, at)
  SELECT c.workspace_id, s.scenario_id, s.node_id, c.friend_id, min(c.at) FROM link_clicks c JOIN sends s ON s.id = c.send_id
  WHERE s.scenario_id IS NOT NULL AND s.node_id IS NOT NULL GROUP BY 1, 2, 3, 4;
