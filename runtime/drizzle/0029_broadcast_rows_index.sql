-- The outbox's index by run is for broadcast occurrences only (their rows carry the occurrence as
-- run_id and no scenario): a scenario's sends are reached by their friend, and a cohort's rows,
-- each written three times (insert, claim, settle), no longer keep this index too
-- (docs/BENCHMARKS.md, cohort step).
DROP INDEX "sends_run_seq";--> statement-breakpoint
CREATE INDEX "sends_occurrence_seq" ON "sends" USING btree ("run_id","seq") WHERE scenario_id is null;
