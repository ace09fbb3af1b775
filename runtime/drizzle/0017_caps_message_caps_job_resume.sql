CREATE TABLE "friend_cap_locks" (
	"friend_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "friend_job_rows" (
	"job_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"row" jsonb NOT NULL,
	CONSTRAINT "friend_job_rows_job_id_seq_pk" PRIMARY KEY("job_id","seq")
);
--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "cap_per_day" integer;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "cap_per_week" integer;--> statement-breakpoint
ALTER TABLE "sends" ADD COLUMN "cap_policy" text DEFAULT 'hold' NOT NULL;--> statement-breakpoint
ALTER TABLE "friend_jobs" ADD COLUMN "lease_token" uuid;--> statement-breakpoint
ALTER TABLE "friend_jobs" ADD COLUMN "lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "friend_jobs" ADD COLUMN "cursor" text;--> statement-breakpoint
ALTER TABLE "friend_cap_locks" ADD CONSTRAINT "friend_cap_locks_friend_id_friends_id_fk" FOREIGN KEY ("friend_id") REFERENCES "public"."friends"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "friend_cap_locks" ADD CONSTRAINT "friend_cap_locks_workspace_id_workspaces_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("workspace_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "friend_job_rows" ADD CONSTRAINT "friend_job_rows_job_id_friend_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."friend_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "friend_job_rows" ADD CONSTRAINT "friend_job_rows_workspace_id_workspaces_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("workspace_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "friend_jobs_running" ON "friend_jobs" USING btree ("lease_until") WHERE status = 'running';