-- Queued enrolments in chunks (runtime/src/db/schema/runs.ts): a row per chunk of up to 1,000
-- friends instead of a row per friend. A segment of a million friends was a million rows inserted,
-- then deleted, with an entry in two indexes each: about 30 µs a friend of a cohort's enrolment.
-- Rows queued by the earlier release become chunks of their scenario, in queue order (each friend
-- was queued once per scenario, as a chunk's friends must be).
ALTER TABLE "pending_enrolments" ADD COLUMN "friend_ids" uuid[];--> statement-breakpoint
ALTER TABLE "pending_enrolments" ALTER COLUMN "friend_id" DROP NOT NULL;--> statement-breakpoint
DROP INDEX "pending_enrolments_pair";--> statement-breakpoint
INSERT INTO "pending_enrolments" ("workspace_id", "scenario_id", "friend_ids", "requested_at")
SELECT workspace_id, scenario_id, array_agg(friend_id ORDER BY seq), min(requested_at)
FROM (
  SELECT *, (row_number() OVER (PARTITION BY scenario_id ORDER BY seq) - 1) / 1000 AS chunk
  FROM "pending_enrolments" WHERE "friend_ids" IS NULL
) earlier
GROUP BY workspace_id, scenario_id, chunk
ORDER BY min(seq);--> statement-breakpoint
DELETE FROM "pending_enrolments" WHERE "friend_ids" IS NULL;--> statement-breakpoint
ALTER TABLE "pending_enrolments" DROP COLUMN "friend_id";--> statement-breakpoint
ALTER TABLE "pending_enrolments" ALTER COLUMN "friend_ids" SET NOT NULL;--> statement-breakpoint
CREATE INDEX "pending_enrolments_scenario" ON "pending_enrolments" USING btree ("scenario_id");
