CREATE TABLE "broadcast_batch_members" (
	"batch_id" uuid PRIMARY KEY NOT NULL,
	"friend_ids" uuid[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "broadcast_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "broadcast_batches_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"occurrence_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"size" integer NOT NULL,
	"blocked" integer DEFAULT 0 NOT NULL,
	"retry_key" uuid DEFAULT gen_random_uuid() NOT NULL,
	"messages" jsonb NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"lease_until" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"detail" jsonb,
	"aggregation_unit" text
);
--> statement-breakpoint
ALTER TABLE "broadcast_occurrences" ADD COLUMN "batched" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "broadcast_batch_members" ADD CONSTRAINT "broadcast_batch_members_batch_id_broadcast_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."broadcast_batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "broadcast_batches" ADD CONSTRAINT "broadcast_batches_occurrence_id_broadcast_occurrences_id_fk" FOREIGN KEY ("occurrence_id") REFERENCES "public"."broadcast_occurrences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "broadcast_batch_members_friends" ON "broadcast_batch_members" USING gin ("friend_ids") WITH (fastupdate=true,gin_pending_list_limit=131072);--> statement-breakpoint
CREATE UNIQUE INDEX "broadcast_batches_retry_key" ON "broadcast_batches" USING btree ("retry_key");--> statement-breakpoint
CREATE INDEX "broadcast_batches_occurrence" ON "broadcast_batches" USING btree ("occurrence_id","status");--> statement-breakpoint
CREATE INDEX "broadcast_batches_queued" ON "broadcast_batches" USING btree ("seq") WHERE status = 'queued';--> statement-breakpoint
CREATE INDEX "broadcast_batches_in_flight" ON "broadcast_batches" USING btree ("lease_until") WHERE status = 'sending';