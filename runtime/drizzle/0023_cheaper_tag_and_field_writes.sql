-- friend_tags keeps no key to workspaces (the friend's cascades a deleted workspace), and
-- friends.tag_ids no GIN index: segment SQL reads friend_segment_facts.tag_nums (migration 0020).
-- Each cost a cohort's tag write a check or an index entry per row.
ALTER TABLE "friend_tags" DROP CONSTRAINT "friend_tags_workspace_id_workspaces_workspace_id_fk";
--> statement-breakpoint
DROP INDEX "friends_tag_ids";
--> statement-breakpoint
-- ==== hand-written (carry over when this migration is regenerated) ===========================
-- A defined field gets its segment slot (migration 0020's segment_field_slot) when it is created,
-- not the first time a friend holds a value: the first set-field of a cohort then finds the slot
-- and no writer of the workspace waits on the numbering lock. Keys written without a definition
-- (friends.fields is open) still get theirs at first write.
CREATE FUNCTION fields_segment_slot() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM segment_field_slot(NEW.workspace_id, NEW.id::text);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER fields_segment_slot AFTER INSERT ON fields
  FOR EACH ROW EXECUTE FUNCTION fields_segment_slot();
--> statement-breakpoint
SELECT segment_field_slot(workspace_id, id::text) FROM fields ORDER BY workspace_id, name;
--> statement-breakpoint
-- The facts triggers of migration 0020, set-based: a changed friend's tag numbers come from one join
-- of the transition table with tags (segment_tag_nums, a SQL function called per row, cost about
-- 90 µs a friend: most of a cohort's tag write), and a friend inserted with no fields calls no
-- PL/pgSQL (segment_fields_facts is gated off by a pseudo-constant filter).
CREATE OR REPLACE FUNCTION friend_segment_facts_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO friend_segment_facts (friend_id, workspace_id, tag_nums, set_slots, nums, dates, strs)
  SELECT n.id, n.workspace_id, coalesce(t.nums, '{}'), coalesce(x.set_slots, '{}'), x.nums, x.dates, x.strs
  FROM facts_new n
  LEFT JOIN (
    SELECT u.id, array_agg(tg.num) AS nums
    FROM (SELECT n2.id, unnest(n2.tag_ids) AS tag FROM facts_new n2) u JOIN tags tg ON tg.id = u.tag
    GROUP BY u.id
  ) t ON t.id = n.id
  LEFT JOIN LATERAL (SELECT * FROM segment_fields_facts(n.workspace_id, n.fields) WHERE n.fields <> '{}') x ON true;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION friend_segment_facts_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE tags_changed boolean; fields_changed boolean;
BEGIN
  -- Only rows whose tags or fields changed. Most friends updates (reactions, blocks, profiles)
  -- touch neither: one pass over the two transition tables says so, and no facts row is read.
  SELECT bool_or(n.tag_ids IS DISTINCT FROM o.tag_ids), bool_or(n.fields IS DISTINCT FROM o.fields)
    INTO tags_changed, fields_changed
  FROM facts_new n JOIN facts_old o ON o.id = n.id;
  IF tags_changed THEN
    UPDATE friend_segment_facts s SET tag_nums = c.nums
    FROM (
      SELECT n.id, coalesce(array_agg(tg.num) FILTER (WHERE tg.num IS NOT NULL), '{}') AS nums
      FROM facts_new n JOIN facts_old o ON o.id = n.id
      LEFT JOIN LATERAL unnest(n.tag_ids) u(tag) ON true
      LEFT JOIN tags tg ON tg.id = u.tag
      WHERE n.tag_ids IS DISTINCT FROM o.tag_ids
      GROUP BY n.id
    ) c
    WHERE s.friend_id = c.id;
  END IF;
  IF fields_changed THEN
    UPDATE friend_segment_facts s SET (set_slots, nums, dates, strs) =
      (SELECT x.set_slots, x.nums, x.dates, x.strs FROM segment_fields_facts(n.workspace_id, n.fields) x)
    FROM facts_new n JOIN facts_old o ON o.id = n.id
    WHERE s.friend_id = n.id AND n.fields IS DISTINCT FROM o.fields;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- A friend row is updated many times in its life (tags, fields, reactions, profile): room left on
-- each page lets PostgreSQL update it in place (HOT) without an entry in each of its indexes. A
-- cohort's tag write then costs about half. Applies to pages written from now on.
ALTER TABLE friends SET (fillfactor = 80);
--> statement-breakpoint
ALTER TABLE friend_segment_facts SET (fillfactor = 80);
