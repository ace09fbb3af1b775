-- The per-node "entered" and output counters (migration 0016) from a statement's steps, grouped by
-- path first: the steps one statement writes for a cohort walk the same nodes at the same moment,
-- so each distinct path is unnested once with its count, not once per step (unnesting every step
-- cost about 10 ms a chunk of 1,000 friends). Counts as before: each node entered, each visit.
CREATE OR REPLACE FUNCTION node_counters_from_steps() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO node_counters (workspace_id, scenario_id, node_id, metric, hour, shard, n)
  SELECT p.workspace_id, p.scenario_id, e.node_id, m.metric, p.hour, (txid_current() % 16)::smallint, sum(p.n)::bigint
  FROM (
    SELECT workspace_id, scenario_id, node_ids, outputs, date_trunc('hour', entered_at) AS hour, sum(n) AS n
    FROM (SELECT workspace_id, scenario_id, node_ids, outputs, entered_at, count(*) AS n FROM steps_new GROUP BY 1, 2, 3, 4, 5) AS same_moment
    GROUP BY 1, 2, 3, 4, 5
  ) p CROSS JOIN LATERAL unnest(p.node_ids, p.outputs) AS e(node_id, output)
    CROSS JOIN LATERAL (VALUES ('entered'), ('out:' || e.output)) AS m(metric)
  WHERE m.metric IS NOT NULL
  GROUP BY 1, 2, 3, 4, 5 ORDER BY 2, 3, 4, 5
  ON CONFLICT (scenario_id, node_id, metric, hour, shard) DO UPDATE SET n = node_counters.n + excluded.n;
  RETURN NULL;
END $$;
