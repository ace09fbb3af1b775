CREATE TABLE "friend_job_rows" (
	"job_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"row" jsonb NOT NULL,
	CONSTRAINT "friend_job_rows_job_id_seq_pk" PRIMARY KEY("job_id","seq")
);
--> statement-breakpoint
ALTER TABLE "friend_jobs" ADD COLUMN "lease_token" uuid;--> statement-breakpoint
ALTER TABLE "friend_jobs" ADD COLUMN "lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "friend_jobs" ADD COLUMN "cursor" text;--> statement-breakpoint
ALTER TABLE "friend_job_rows" ADD CONSTRAINT "friend_job_rows_job_id_friend_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."friend_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "friend_jobs_running" ON "friend_jobs" USING btree ("lease_until") WHERE status = 'running';