-- A cohort batch carries its recipients (runtime/src/db/schema/cohort-batches.ts): the members'
-- LINE user ids as the step read them, and the oldest transaction that read could not see. The
-- claim then reads no friend row per member (seven tenths of its time at a million friends,
-- docs/BENCHMARKS.md): members who blocked since the step are the few blocked friends whose
-- blocking transaction is that old or newer, found by friends_blocked_since; members deleted since
-- are cut from the batch by the trigger below when they are deleted.
ALTER TABLE "friends" ADD COLUMN "blocked_xid" "xid8";--> statement-breakpoint
ALTER TABLE "cohort_batch_members" ADD COLUMN "line_user_ids" text[];--> statement-breakpoint
ALTER TABLE "cohort_batches" ADD COLUMN "friends_read_xmin" "xid8" DEFAULT '1'::xid8 NOT NULL;--> statement-breakpoint
CREATE INDEX "friends_blocked_since" ON "friends" USING btree ("blocked_xid") WHERE status = 'blocked';--> statement-breakpoint
-- ==== hand-written (carry over when this migration is regenerated) ===========================
-- Friends blocked before this migration count as blocked by it: a batch written before it reads
-- from the first transaction (the column's default), so its claim finds every one of them.
UPDATE "friends" SET "blocked_xid" = pg_current_xact_id() WHERE status = 'blocked';--> statement-breakpoint
-- Whoever blocks a friend (the webhook, an import, a statement by hand), the transaction is noted.
CREATE FUNCTION friends_note_block() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.blocked_xid := pg_current_xact_id();
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER friends_block_noted_on_insert BEFORE INSERT ON friends
  FOR EACH ROW WHEN (NEW.status = 'blocked') EXECUTE FUNCTION friends_note_block();
--> statement-breakpoint
CREATE TRIGGER friends_block_noted BEFORE UPDATE OF status ON friends
  FOR EACH ROW WHEN (NEW.status = 'blocked' AND OLD.status <> 'blocked') EXECUTE FUNCTION friends_note_block();
--> statement-breakpoint
-- Pending batches get their members' LINE ids; a member whose friend is gone is cut (as the claim
-- did), and a batch left with no one is deleted.
UPDATE "cohort_batch_members" m SET friend_ids = k.friend_ids, run_ids = k.run_ids, visits = k.visits,
  retry_keys = k.retry_keys, send_ids = k.send_ids, line_user_ids = k.line_user_ids
FROM (
  SELECT m2.batch_id, array_agg(u.friend_id ORDER BY u.i) AS friend_ids, array_agg(u.run_id ORDER BY u.i) AS run_ids,
    array_agg(u.visit ORDER BY u.i) AS visits, array_agg(u.retry_key ORDER BY u.i) AS retry_keys,
    array_agg(u.send_id ORDER BY u.i) AS send_ids, array_agg(f.line_user_id ORDER BY u.i) AS line_user_ids
  FROM "cohort_batch_members" m2
    CROSS JOIN LATERAL unnest(m2.friend_ids, m2.run_ids, m2.visits, m2.retry_keys, m2.send_ids) WITH ORDINALITY u(friend_id, run_id, visit, retry_key, send_id, i)
    JOIN "friends" f ON f.id = u.friend_id
  GROUP BY m2.batch_id
) k WHERE k.batch_id = m.batch_id;--> statement-breakpoint
DELETE FROM "cohort_batches" b WHERE NOT EXISTS (
  SELECT 1 FROM "cohort_batch_members" m WHERE m.batch_id = b.id AND m.line_user_ids IS NOT NULL);--> statement-breakpoint
ALTER TABLE "cohort_batch_members" ALTER COLUMN "line_user_ids" SET NOT NULL;--> statement-breakpoint
-- Never filtered on, and each batch writes them once (as 0038 and 0039 for the ids).
ALTER TABLE "cohort_batch_members" ALTER COLUMN "line_user_ids" SET STORAGE EXTERNAL, ALTER COLUMN "line_user_ids" SET STATISTICS 0;--> statement-breakpoint
-- Deleted friends leave the batches that would send to them, once per statement: a deleted channel's
-- (or workspace's) batches go whole; a friend deleted on their own is cut from every array of the
-- batches holding them (found by the members' index), and a batch left with no one goes. A step
-- writing a batch holds its members' runs (inserted, with the key check's lock on the friend, or
-- locked), so a delete either waits for it and finds its batch here, or comes first and the step
-- finds no friend.
CREATE FUNCTION cohort_batches_follow_friends() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  gone uuid[];
BEGIN
  DELETE FROM cohort_batches b WHERE b.channel_id IN (SELECT DISTINCT o.channel_id FROM friends_old o)
    AND NOT EXISTS (SELECT 1 FROM channels c WHERE c.id = b.channel_id);
  SELECT array_agg(o.id) INTO gone FROM friends_old o WHERE EXISTS (SELECT 1 FROM channels c WHERE c.id = o.channel_id);
  IF gone IS NULL THEN RETURN NULL; END IF;
  WITH members AS (
    SELECT m.batch_id, u.*
    FROM cohort_batch_members m CROSS JOIN LATERAL unnest(m.friend_ids, m.run_ids, m.visits, m.retry_keys, m.send_ids, m.line_user_ids)
      WITH ORDINALITY u(friend_id, run_id, visit, retry_key, send_id, line_user_id, i)
    WHERE m.friend_ids && gone),
  kept AS (
    SELECT batch_id, array_agg(friend_id ORDER BY i) FILTER (WHERE NOT friend_id = ANY(gone)) AS friend_ids,
      array_agg(run_id ORDER BY i) FILTER (WHERE NOT friend_id = ANY(gone)) AS run_ids,
      array_agg(visit ORDER BY i) FILTER (WHERE NOT friend_id = ANY(gone)) AS visits,
      array_agg(retry_key ORDER BY i) FILTER (WHERE NOT friend_id = ANY(gone)) AS retry_keys,
      array_agg(send_id ORDER BY i) FILTER (WHERE NOT friend_id = ANY(gone)) AS send_ids,
      array_agg(line_user_id ORDER BY i) FILTER (WHERE NOT friend_id = ANY(gone)) AS line_user_ids
    FROM members GROUP BY batch_id),
  emptied AS (DELETE FROM cohort_batches b USING kept k WHERE b.id = k.batch_id AND k.friend_ids IS NULL)
  UPDATE cohort_batch_members m SET friend_ids = k.friend_ids, run_ids = k.run_ids, visits = k.visits,
    retry_keys = k.retry_keys, send_ids = k.send_ids, line_user_ids = k.line_user_ids
  FROM kept k WHERE m.batch_id = k.batch_id AND k.friend_ids IS NOT NULL;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER friends_delete_cohort_members AFTER DELETE ON friends
  REFERENCING OLD TABLE AS friends_old FOR EACH STATEMENT EXECUTE FUNCTION cohort_batches_follow_friends();
