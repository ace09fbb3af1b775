-- A batch's member arrays of ids (up to 500 uuids a row, 1,000 in a queued chunk) are random bytes
-- that never compress, yet PostgreSQL tried to (pglz) each time it stored one out of line, and
-- decompression was attempted on every read. EXTERNAL stores them out of line as they are. Measured
-- at 100,000 friends (BENCHMARKS.md): the members' insert 12.5-14.1 → 9.1-9.8 µs a friend, the
-- settle's move into cohort_sends 7.8-8.6 → 4.6-5.6. Visit arrays (mostly 1s) keep compressing.
ALTER TABLE "cohort_batch_members" ALTER COLUMN "friend_ids" SET STORAGE EXTERNAL, ALTER COLUMN "run_ids" SET STORAGE EXTERNAL,
  ALTER COLUMN "retry_keys" SET STORAGE EXTERNAL, ALTER COLUMN "send_ids" SET STORAGE EXTERNAL;
--> statement-breakpoint
ALTER TABLE "cohort_sends" ALTER COLUMN "friend_ids" SET STORAGE EXTERNAL, ALTER COLUMN "run_ids" SET STORAGE EXTERNAL,
  ALTER COLUMN "retry_keys" SET STORAGE EXTERNAL, ALTER COLUMN "send_ids" SET STORAGE EXTERNAL;
--> statement-breakpoint
ALTER TABLE "pending_enrolments" ALTER COLUMN "friend_ids" SET STORAGE EXTERNAL;
--> statement-breakpoint
ALTER TABLE "broadcast_batch_members" ALTER COLUMN "friend_ids" SET STORAGE EXTERNAL;
