-- A settled send is its friend's timeline entry (runtime/src/store/send-timeline.ts), and a run its
-- start and finish (store/run-timeline.ts): a cohort's steps and settles write no timeline row per
-- friend. A batch's rows are found by their ids, so the batch key loses its index (docs/BENCHMARKS.md).
DROP INDEX "sends_batch_key";--> statement-breakpoint
ALTER TABLE "sends" ADD COLUMN "failed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sends" ADD COLUMN "retry_key_replayed" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- ==== hand-written (carry over when this migration is regenerated) ===========================
-- The entries written so far move onto their rows: a failure's time, a replayed retry key. A
-- failed row whose entry is missing is dated by when it was due.
UPDATE "sends" s SET "failed_at" = t."at"
FROM "timeline_entries" t
WHERE t."kind" = 'send_failed' AND t."detail"->>'sendId' = s."id"::text AND s."status" = 'failed';--> statement-breakpoint
UPDATE "sends" SET "failed_at" = "due_at" WHERE "status" = 'failed' AND "failed_at" IS NULL;--> statement-breakpoint
UPDATE "sends" s SET "retry_key_replayed" = true
FROM "timeline_entries" t
WHERE t."kind" = 'message_sent' AND t."detail"->>'retryKeyReplayed' = 'true' AND t."detail"->>'sendId' = s."id"::text;--> statement-breakpoint
DELETE FROM "timeline_entries" WHERE "kind" IN ('message_sent', 'send_failed');
--> statement-breakpoint
-- The runs' own rows say when they started and finished; the copies go.
DELETE FROM "timeline_entries" WHERE "kind" IN ('run_started', 'run_finished');
