-- Keys off the webhook's hot path (docs/BENCHMARKS.md, ingest): a new friend and a taken webhook event
-- each checked a key to the workspace, a query per row taking a share lock on the one workspace row
-- every concurrent transaction of the channel locks too. Their channel's key stays, and it cascades a
-- deleted workspace (channels -> workspaces), so nothing is left behind.
ALTER TABLE "friends" DROP CONSTRAINT "friends_workspace_id_workspaces_workspace_id_fk";
--> statement-breakpoint
ALTER TABLE "webhook_events" DROP CONSTRAINT "webhook_events_workspace_id_workspaces_workspace_id_fk";
