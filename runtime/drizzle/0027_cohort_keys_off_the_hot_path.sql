-- Keys off a cohort's hot path: one enrol request queues a segment in one INSERT … SELECT and a
-- chunk inserts a thousand runs of one scenario; each key was a query per row (docs/BENCHMARKS.md).
ALTER TABLE "pending_enrolments" DROP CONSTRAINT "pending_enrolments_workspace_id_workspaces_workspace_id_fk";
--> statement-breakpoint
ALTER TABLE "pending_enrolments" DROP CONSTRAINT "pending_enrolments_friend_id_friends_id_fk";
--> statement-breakpoint
ALTER TABLE "pending_enrolments" DROP CONSTRAINT "pending_enrolments_scenario_id_scenarios_id_fk";
--> statement-breakpoint
ALTER TABLE "runs" DROP CONSTRAINT "runs_scenario_id_scenarios_id_fk";
--> statement-breakpoint
ALTER TABLE "runs" DROP CONSTRAINT "runs_version_id_scenario_versions_id_fk";
--> statement-breakpoint
-- ==== hand-written (carry over when this migration is regenerated) ===========================
-- Runs keep no key to their scenario (runtime/src/db/schema/runs.ts): a deleted scenario takes its
-- runs with it here, once per statement, as the cascade did (their steps follow by 0021's trigger).
CREATE FUNCTION runs_follow_scenarios() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM runs r USING scenarios_old o WHERE r.scenario_id = o.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER scenarios_delete_runs AFTER DELETE ON scenarios
  REFERENCING OLD TABLE AS scenarios_old FOR EACH STATEMENT EXECUTE FUNCTION runs_follow_scenarios();
