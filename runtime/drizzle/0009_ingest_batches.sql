ALTER TABLE "friends" ADD COLUMN "profile_status" text DEFAULT 'fetched' NOT NULL;--> statement-breakpoint
ALTER TABLE "webhook_events" ADD COLUMN "seq" bigserial NOT NULL;--> statement-breakpoint
ALTER TABLE "webhook_events" ADD COLUMN "set_aside_reason" text;--> statement-breakpoint
ALTER TABLE "webhook_events" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "webhook_events" ADD COLUMN "last_error" text;--> statement-breakpoint
CREATE INDEX "webhook_events_pending" ON "webhook_events" USING btree ("channel_id","seq") WHERE processed_at is null;