CREATE TABLE "broadcast_occurrences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"broadcast_id" uuid NOT NULL,
	"key" text NOT NULL,
	"status" text NOT NULL,
	"messages" jsonb NOT NULL,
	"personalised" boolean NOT NULL,
	"windows" jsonb NOT NULL,
	"time_zone" text NOT NULL,
	"recipients" integer DEFAULT 0 NOT NULL,
	"held_until" timestamp with time zone,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "broadcast_recipients" (
	"occurrence_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"friend_id" uuid NOT NULL,
	"status" text NOT NULL,
	"skip_reason" text,
	CONSTRAINT "broadcast_recipients_occurrence_id_friend_id_pk" PRIMARY KEY("occurrence_id","friend_id")
);
--> statement-breakpoint
CREATE TABLE "broadcasts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"messages" jsonb NOT NULL,
	"audience" jsonb NOT NULL,
	"exclusions" jsonb NOT NULL,
	"options" jsonb NOT NULL,
	"schedule" jsonb NOT NULL,
	"delivery" jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"next_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "friends" ADD COLUMN "is_tester" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "broadcast_occurrences" ADD CONSTRAINT "broadcast_occurrences_workspace_id_workspaces_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("workspace_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcast_occurrences" ADD CONSTRAINT "broadcast_occurrences_broadcast_id_broadcasts_id_fk" FOREIGN KEY ("broadcast_id") REFERENCES "public"."broadcasts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcast_recipients" ADD CONSTRAINT "broadcast_recipients_occurrence_id_broadcast_occurrences_id_fk" FOREIGN KEY ("occurrence_id") REFERENCES "public"."broadcast_occurrences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcast_recipients" ADD CONSTRAINT "broadcast_recipients_workspace_id_workspaces_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("workspace_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcast_recipients" ADD CONSTRAINT "broadcast_recipients_friend_id_friends_id_fk" FOREIGN KEY ("friend_id") REFERENCES "public"."friends"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcasts" ADD CONSTRAINT "broadcasts_workspace_id_workspaces_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("workspace_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "broadcast_occurrences_key" ON "broadcast_occurrences" USING btree ("broadcast_id","key");--> statement-breakpoint
CREATE INDEX "broadcast_occurrences_running" ON "broadcast_occurrences" USING btree ("started_at") WHERE status = 'running';--> statement-breakpoint
CREATE INDEX "broadcast_recipients_pending" ON "broadcast_recipients" USING btree ("occurrence_id","friend_id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "broadcasts_workspace" ON "broadcasts" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "broadcasts_due" ON "broadcasts" USING btree ("next_at") WHERE status = 'scheduled';