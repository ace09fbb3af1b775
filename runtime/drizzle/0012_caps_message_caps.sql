CREATE TABLE "friend_cap_locks" (
	"friend_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL
);
--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "cap_per_day" integer;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "cap_per_week" integer;--> statement-breakpoint
ALTER TABLE "sends" ADD COLUMN "cap_policy" text DEFAULT 'hold' NOT NULL;--> statement-breakpoint
ALTER TABLE "friend_cap_locks" ADD CONSTRAINT "friend_cap_locks_friend_id_friends_id_fk" FOREIGN KEY ("friend_id") REFERENCES "public"."friends"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "friend_cap_locks" ADD CONSTRAINT "friend_cap_locks_workspace_id_workspaces_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("workspace_id") ON DELETE cascade ON UPDATE no action;