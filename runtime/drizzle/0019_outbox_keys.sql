ALTER TABLE "sends" DROP CONSTRAINT "sends_workspace_id_workspaces_workspace_id_fk";
--> statement-breakpoint
ALTER TABLE "broadcast_recipients" DROP CONSTRAINT "broadcast_recipients_workspace_id_workspaces_workspace_id_fk";
--> statement-breakpoint
ALTER TABLE "broadcast_recipients" DROP CONSTRAINT "broadcast_recipients_friend_id_friends_id_fk";
