DROP INDEX "sends_friend";--> statement-breakpoint
ALTER TABLE "friends" ADD COLUMN "clock_offset_ms" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "scenarios" ADD COLUMN "priority" integer DEFAULT 100 NOT NULL;--> statement-breakpoint
CREATE INDEX "sends_friend_seq" ON "sends" USING btree ("friend_id","seq");