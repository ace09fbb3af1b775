-- Fewer writes per send and timeline row (docs/BENCHMARKS.md, cohort): the timeline keeps no key to
-- friends (a trigger below deletes a deleted friend's entries), the outbox none to channels (the
-- friend's key cascades a deleted channel), and sends_batch goes: the sender claims queued rows in
-- write order (sends_queued_seq), so that index was only written, three times a send, never read.
ALTER TABLE "timeline_entries" DROP CONSTRAINT "timeline_entries_friend_id_friends_id_fk";
--> statement-breakpoint
ALTER TABLE "sends" DROP CONSTRAINT "sends_channel_id_channels_id_fk";
--> statement-breakpoint
DROP INDEX "sends_batch";
--> statement-breakpoint
-- ==== hand-written (carry over when this migration is regenerated) ===========================
-- Deleted friends take their timeline with them, once per statement (a workspace or channel deleted
-- cascades to its friends, whose delete fires this).
CREATE FUNCTION timeline_follows_friends() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM timeline_entries t USING friends_old o WHERE t.friend_id = o.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER friends_delete_timeline AFTER DELETE ON friends
  REFERENCING OLD TABLE AS friends_old FOR EACH STATEMENT EXECUTE FUNCTION timeline_follows_friends();
