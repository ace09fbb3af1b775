-- The timeline's key becomes a number in write order (runtime/src/db/schema/friends.ts): a cohort
-- appends a few entries per friend, and a random uuid key wrote a random page of its index for each.
-- A uuid cannot be cast to a number, so the column is replaced; existing entries are numbered in
-- the order they were written (by time, then their old key, which only broke ties before).
ALTER TABLE "timeline_entries" RENAME COLUMN "id" TO "old_id";
--> statement-breakpoint
ALTER TABLE "timeline_entries" DROP CONSTRAINT "timeline_entries_pkey";
--> statement-breakpoint
ALTER TABLE "timeline_entries" ADD COLUMN "id" bigint;
--> statement-breakpoint
UPDATE "timeline_entries" t SET id = n.id
  FROM (SELECT old_id, row_number() OVER (ORDER BY at, old_id) AS id FROM "timeline_entries") n
  WHERE t.old_id = n.old_id;
--> statement-breakpoint
ALTER TABLE "timeline_entries" DROP COLUMN "old_id";
--> statement-breakpoint
ALTER TABLE "timeline_entries" ALTER COLUMN "id" SET NOT NULL;
--> statement-breakpoint
ALTER TABLE "timeline_entries" ADD PRIMARY KEY ("id");
--> statement-breakpoint
ALTER TABLE "timeline_entries" ALTER COLUMN "id" ADD GENERATED ALWAYS AS IDENTITY (sequence name "timeline_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1);
--> statement-breakpoint
SELECT setval('timeline_entries_id_seq', coalesce((SELECT max(id) FROM "timeline_entries"), 0) + 1, false);
