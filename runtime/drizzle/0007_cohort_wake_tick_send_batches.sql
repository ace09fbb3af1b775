CREATE TABLE "pending_enrolments" (
	"seq" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "pending_enrolments_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"workspace_id" uuid NOT NULL,
	"friend_id" uuid NOT NULL,
	"scenario_id" uuid NOT NULL,
	"requested_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "line_rate_budget" (
	"channel_key" text NOT NULL,
	"endpoint" text NOT NULL,
	"slot" bigint NOT NULL,
	"used" integer NOT NULL,
	CONSTRAINT "line_rate_budget_channel_key_endpoint_slot_pk" PRIMARY KEY("channel_key","endpoint","slot")
);
--> statement-breakpoint
ALTER TABLE "sends" ADD COLUMN "lease_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "pending_enrolments" ADD CONSTRAINT "pending_enrolments_workspace_id_workspaces_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("workspace_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pending_enrolments" ADD CONSTRAINT "pending_enrolments_friend_id_friends_id_fk" FOREIGN KEY ("friend_id") REFERENCES "public"."friends"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pending_enrolments" ADD CONSTRAINT "pending_enrolments_scenario_id_scenarios_id_fk" FOREIGN KEY ("scenario_id") REFERENCES "public"."scenarios"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "runs_due" ON "runs" USING btree ("wake_at") WHERE status = 'waiting';--> statement-breakpoint
CREATE INDEX "sends_queued_seq" ON "sends" USING btree ("seq") WHERE status = 'queued';--> statement-breakpoint
CREATE INDEX "sends_in_flight" ON "sends" USING btree ("lease_until") WHERE status = 'sending';