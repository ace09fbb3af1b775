-- One queued enrolment per friend and scenario (runtime/src/db/schema/runs.ts): a pair queued twice
-- by an earlier release keeps its oldest request, which the workers would have applied first.
DELETE FROM "pending_enrolments" p USING "pending_enrolments" q
WHERE p.friend_id = q.friend_id AND p.scenario_id = q.scenario_id AND p.seq > q.seq;
--> statement-breakpoint
CREATE UNIQUE INDEX "pending_enrolments_pair" ON "pending_enrolments" USING btree ("friend_id","scenario_id");
