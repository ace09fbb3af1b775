-- ANALYZE read every element of arrays no query filters or joins on, and summarised them into
-- statistics nothing used:
-- - cohort_sends: a run's, a visit's, a retry key's and a send id's value per member (up to 500 a
--   row, each array toasted apart). At a million friends, 2.8 s of PostgreSQL's CPU inside the
--   cohort, and again each time the table grows by a tenth. friend_ids keeps its statistics: a
--   friend's sends are found by `friend_ids @> array[…]`, which the planner estimates from them.
-- - pending_enrolments: the friends of a queued chunk (1,000 a row), only ever unnested whole by
--   scenario. 1.1 s inside a million-friend cohort, whose queue the autoanalyze caught twice.
ALTER TABLE "cohort_sends" ALTER COLUMN "run_ids" SET STATISTICS 0;
--> statement-breakpoint
ALTER TABLE "cohort_sends" ALTER COLUMN "visits" SET STATISTICS 0;
--> statement-breakpoint
ALTER TABLE "cohort_sends" ALTER COLUMN "retry_keys" SET STATISTICS 0;
--> statement-breakpoint
ALTER TABLE "cohort_sends" ALTER COLUMN "send_ids" SET STATISTICS 0;
--> statement-breakpoint
ALTER TABLE "pending_enrolments" ALTER COLUMN "friend_ids" SET STATISTICS 0;
