-- friends.tag_ids goes: segment SQL reads friend_segment_facts.tag_nums, which the triggers below
-- now keep straight from friend_tags. The copy on the wide friends row cost every tag write a
-- rewrite of that row (and, through its update trigger, of the facts row too).
ALTER TABLE "friends" DROP COLUMN "tag_ids";
--> statement-breakpoint
-- ==== hand-written (carry over when this migration is regenerated) ===========================
-- The friend_tags triggers of migration 0011 kept friends.tag_ids; these keep tag_nums instead,
-- the same way: one multi-row update per statement, incremental (add / remove the statement's
-- numbers) rather than recomputed, because a concurrent writer's update re-reads the row's latest
-- tag_nums but not a subquery's snapshot. Triggers fire in name order, so an UPDATE first removes
-- the old numbers, then adds the new ones.
DROP TRIGGER friend_tags_mirror_insert ON friend_tags;
--> statement-breakpoint
DROP TRIGGER friend_tags_mirror_delete ON friend_tags;
--> statement-breakpoint
DROP TRIGGER friend_tags_mirror_update_1_old ON friend_tags;
--> statement-breakpoint
DROP TRIGGER friend_tags_mirror_update_2_new ON friend_tags;
--> statement-breakpoint
DROP FUNCTION friend_tags_mirror_add();
--> statement-breakpoint
DROP FUNCTION friend_tags_mirror_remove();
--> statement-breakpoint
CREATE FUNCTION friend_segment_facts_tags_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE friend_segment_facts s SET tag_nums = ARRAY(SELECT DISTINCT x FROM unnest(s.tag_nums || n.nums) AS x)
  FROM (SELECT m.friend_id, array_agg(t.num) AS nums FROM facts_tags_new m JOIN tags t ON t.id = m.tag_id GROUP BY m.friend_id) n
  WHERE s.friend_id = n.friend_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A deleted tag's friend_tags go by cascade after the tag's row, when the join finds no number:
-- tags_leave_facts below takes the number out first.
CREATE FUNCTION friend_segment_facts_tags_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE friend_segment_facts s SET tag_nums = ARRAY(SELECT x FROM unnest(s.tag_nums) AS x WHERE x <> ALL (o.nums))
  FROM (SELECT m.friend_id, array_agg(t.num) AS nums FROM facts_tags_old m JOIN tags t ON t.id = m.tag_id GROUP BY m.friend_id) o
  WHERE s.friend_id = o.friend_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER friend_tags_facts_insert AFTER INSERT ON friend_tags
  REFERENCING NEW TABLE AS facts_tags_new FOR EACH STATEMENT EXECUTE FUNCTION friend_segment_facts_tags_add();
--> statement-breakpoint
CREATE TRIGGER friend_tags_facts_delete AFTER DELETE ON friend_tags
  REFERENCING OLD TABLE AS facts_tags_old FOR EACH STATEMENT EXECUTE FUNCTION friend_segment_facts_tags_remove();
--> statement-breakpoint
CREATE TRIGGER friend_tags_facts_update_1_old AFTER UPDATE ON friend_tags
  REFERENCING OLD TABLE AS facts_tags_old FOR EACH STATEMENT EXECUTE FUNCTION friend_segment_facts_tags_remove();
--> statement-breakpoint
CREATE TRIGGER friend_tags_facts_update_2_new AFTER UPDATE ON friend_tags
  REFERENCING NEW TABLE AS facts_tags_new FOR EACH STATEMENT EXECUTE FUNCTION friend_segment_facts_tags_add();
--> statement-breakpoint
CREATE FUNCTION tags_leave_facts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE friend_segment_facts SET tag_nums = array_remove(tag_nums, OLD.num) WHERE tag_nums @> ARRAY[OLD.num];
  RETURN OLD;
END $$;
--> statement-breakpoint
CREATE TRIGGER tags_leave_facts BEFORE DELETE ON tags
  FOR EACH ROW EXECUTE FUNCTION tags_leave_facts();
--> statement-breakpoint
-- The friends triggers of migrations 0020 and 0023 now derive only the fields: a new friend holds
-- no tag yet (its friend_tags need its row first).
CREATE OR REPLACE FUNCTION friend_segment_facts_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO friend_segment_facts (friend_id, workspace_id, set_slots, nums, dates, strs)
  SELECT n.id, n.workspace_id, coalesce(x.set_slots, '{}'), x.nums, x.dates, x.strs
  FROM facts_new n
  LEFT JOIN LATERAL (SELECT * FROM segment_fields_facts(n.workspace_id, n.fields) WHERE n.fields <> '{}') x ON true;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION friend_segment_facts_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE fields_changed boolean;
BEGIN
  -- Only rows whose fields changed. Most friends updates (reactions, blocks, profiles) touch
  -- none: one pass over the two transition tables says so, and no facts row is read (joining
  -- them into the facts update directly cost about 1 s per 20,000 unrelated rows).
  SELECT bool_or(n.fields IS DISTINCT FROM o.fields) INTO fields_changed
  FROM facts_new n JOIN facts_old o ON o.id = n.id;
  IF fields_changed THEN
    UPDATE friend_segment_facts s SET (set_slots, nums, dates, strs) =
      (SELECT x.set_slots, x.nums, x.dates, x.strs FROM segment_fields_facts(n.workspace_id, n.fields) x)
    FROM facts_new n JOIN facts_old o ON o.id = n.id
    WHERE s.friend_id = n.id AND n.fields IS DISTINCT FROM o.fields;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
DROP FUNCTION segment_tag_nums(uuid[]);
