-- friends.tag_ids mirrors friend_tags so segment tag tests are per-row array tests (see
-- runtime/src/db/schema/friends.ts). Statement-level triggers keep it, one multi-row update per
-- statement. Incremental (add / remove the statement's ids) rather than recomputed, because a
-- concurrent writer's update re-reads the row's latest tag_ids but not a subquery's snapshot.
-- Triggers fire in name order, so an UPDATE first removes the old ids, then adds the new ones.
CREATE FUNCTION friend_tags_mirror_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE friends f SET tag_ids = ARRAY(SELECT DISTINCT x FROM unnest(f.tag_ids || n.ids) AS x)
  FROM (SELECT friend_id, array_agg(tag_id) AS ids FROM mirror_new GROUP BY friend_id) n
  WHERE f.id = n.friend_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION friend_tags_mirror_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE friends f SET tag_ids = ARRAY(SELECT x FROM unnest(f.tag_ids) AS x WHERE x <> ALL (o.ids))
  FROM (SELECT friend_id, array_agg(tag_id) AS ids FROM mirror_old GROUP BY friend_id) o
  WHERE f.id = o.friend_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER friend_tags_mirror_insert AFTER INSERT ON friend_tags
  REFERENCING NEW TABLE AS mirror_new FOR EACH STATEMENT EXECUTE FUNCTION friend_tags_mirror_add();
--> statement-breakpoint
CREATE TRIGGER friend_tags_mirror_delete AFTER DELETE ON friend_tags
  REFERENCING OLD TABLE AS mirror_old FOR EACH STATEMENT EXECUTE FUNCTION friend_tags_mirror_remove();
--> statement-breakpoint
CREATE TRIGGER friend_tags_mirror_update_1_old AFTER UPDATE ON friend_tags
  REFERENCING OLD TABLE AS mirror_old FOR EACH STATEMENT EXECUTE FUNCTION friend_tags_mirror_remove();
--> statement-breakpoint
CREATE TRIGGER friend_tags_mirror_update_2_new AFTER UPDATE ON friend_tags
  REFERENCING NEW TABLE AS mirror_new FOR EACH STATEMENT EXECUTE FUNCTION friend_tags_mirror_add();
--> statement-breakpoint
UPDATE friends f SET tag_ids = t.ids
  FROM (SELECT friend_id, array_agg(tag_id) AS ids FROM friend_tags GROUP BY friend_id) t
  WHERE f.id = t.friend_id;
