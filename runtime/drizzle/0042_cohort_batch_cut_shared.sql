-- The claim's look for members blocked since their step is scoped by workspace, as every query is
-- (runtime/src/store/cohort-batches.ts).
DROP INDEX "friends_blocked_since";--> statement-breakpoint
CREATE INDEX "friends_blocked_since" ON "friends" USING btree ("workspace_id","blocked_xid") WHERE status = 'blocked';--> statement-breakpoint
-- ==== hand-written (carry over when this migration is regenerated) ===========================
-- Cutting friends from pending cohort batches, written once: the claim cuts members blocked since
-- their step (from the batches it claims), and deleting friends cuts them from every batch holding
-- them (batches null). Each array of a batch loses the same positions; a batch left with no one is
-- deleted (its members row with it). Returns the members cut, for the claim's `cancelled` send rows.
CREATE FUNCTION cohort_batches_cut(batches uuid[], leaving uuid[])
RETURNS TABLE (batch_id uuid, friend_id uuid, run_id uuid, visit integer, retry_key uuid, send_id uuid, line_user_id text)
LANGUAGE sql VOLATILE AS $$
  WITH members AS (
    SELECT m.batch_id, u.friend_id, u.run_id, u.visit, u.retry_key, u.send_id, u.line_user_id, u.i, u.friend_id = ANY(leaving) AS cut
    FROM cohort_batch_members m CROSS JOIN LATERAL unnest(m.friend_ids, m.run_ids, m.visits, m.retry_keys, m.send_ids, m.line_user_ids)
      WITH ORDINALITY u(friend_id, run_id, visit, retry_key, send_id, line_user_id, i)
    WHERE m.friend_ids && leaving AND (batches IS NULL OR m.batch_id = ANY(batches))),
  kept AS (
    SELECT k.batch_id, array_agg(k.friend_id ORDER BY k.i) FILTER (WHERE NOT k.cut) AS friend_ids,
      array_agg(k.run_id ORDER BY k.i) FILTER (WHERE NOT k.cut) AS run_ids,
      array_agg(k.visit ORDER BY k.i) FILTER (WHERE NOT k.cut) AS visits,
      array_agg(k.retry_key ORDER BY k.i) FILTER (WHERE NOT k.cut) AS retry_keys,
      array_agg(k.send_id ORDER BY k.i) FILTER (WHERE NOT k.cut) AS send_ids,
      array_agg(k.line_user_id ORDER BY k.i) FILTER (WHERE NOT k.cut) AS line_user_ids
    FROM members k GROUP BY k.batch_id),
  emptied AS (DELETE FROM cohort_batches b USING kept k WHERE b.id = k.batch_id AND k.friend_ids IS NULL),
  rewritten AS (
    UPDATE cohort_batch_members m SET friend_ids = k.friend_ids, run_ids = k.run_ids, visits = k.visits,
      retry_keys = k.retry_keys, send_ids = k.send_ids, line_user_ids = k.line_user_ids
    FROM kept k WHERE m.batch_id = k.batch_id AND k.friend_ids IS NOT NULL)
  SELECT c.batch_id, c.friend_id, c.run_id, c.visit, c.retry_key, c.send_id, c.line_user_id FROM members c WHERE c.cut
$$;
--> statement-breakpoint
-- Deleted friends leave the batches that would send to them, once per statement (as in 0041): a
-- deleted channel's (or workspace's) batches go whole; a friend deleted on their own is cut.
CREATE OR REPLACE FUNCTION cohort_batches_follow_friends() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  gone uuid[];
BEGIN
  DELETE FROM cohort_batches b WHERE b.channel_id IN (SELECT DISTINCT o.channel_id FROM friends_old o)
    AND NOT EXISTS (SELECT 1 FROM channels c WHERE c.id = b.channel_id);
  SELECT array_agg(o.id) INTO gone FROM friends_old o WHERE EXISTS (SELECT 1 FROM channels c WHERE c.id = o.channel_id);
  IF gone IS NOT NULL THEN
    PERFORM FROM cohort_batches_cut(NULL, gone);
  END IF;
  RETURN NULL;
END $$;
