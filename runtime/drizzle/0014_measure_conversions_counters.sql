CREATE TABLE "conversion_points" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"default_value" numeric(14, 2),
	"urls" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"add_tag_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"attribution_days" integer DEFAULT 7 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "insight_units" (
	"workspace_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"unit" text NOT NULL,
	"scenario_id" uuid,
	"node_id" text,
	"broadcast_id" uuid,
	"first_sent_at" timestamp with time zone NOT NULL,
	"unique_impression" bigint,
	"unique_click" bigint,
	"impression" bigint,
	"fetched_at" timestamp with time zone,
	CONSTRAINT "insight_units_channel_id_unit_pk" PRIMARY KEY("channel_id","unit")
);
--> statement-breakpoint
CREATE TABLE "node_clickers" (
	"workspace_id" uuid NOT NULL,
	"scenario_id" uuid NOT NULL,
	"node_id" text NOT NULL,
	"friend_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "node_clickers_scenario_id_node_id_friend_id_pk" PRIMARY KEY("scenario_id","node_id","friend_id")
);
--> statement-breakpoint
CREATE TABLE "node_counters" (
	"workspace_id" uuid NOT NULL,
	"scenario_id" uuid NOT NULL,
	"node_id" text NOT NULL,
	"metric" text NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"shard" smallint NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "node_counters_scenario_id_node_id_metric_hour_shard_pk" PRIMARY KEY("scenario_id","node_id","metric","hour","shard")
);
--> statement-breakpoint
CREATE TABLE "rfm_settings" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"settings" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "split_winners" (
	"workspace_id" uuid NOT NULL,
	"scenario_id" uuid NOT NULL,
	"node_id" text NOT NULL,
	"branch_id" text NOT NULL,
	"by" text NOT NULL,
	"decided_at" timestamp with time zone NOT NULL,
	CONSTRAINT "split_winners_scenario_id_node_id_pk" PRIMARY KEY("scenario_id","node_id")
);
--> statement-breakpoint
ALTER TABLE "run_steps" ADD COLUMN "output" text;--> statement-breakpoint
ALTER TABLE "conversions" ADD COLUMN "point_id" uuid;--> statement-breakpoint
ALTER TABLE "conversions" ADD COLUMN "value" numeric(14, 2);--> statement-breakpoint
ALTER TABLE "conversions" ADD COLUMN "order_id" text;--> statement-breakpoint
ALTER TABLE "conversions" ADD COLUMN "source" text DEFAULT 'manual' NOT NULL;--> statement-breakpoint
ALTER TABLE "conversions" ADD COLUMN "scenario_id" uuid;--> statement-breakpoint
ALTER TABLE "conversions" ADD COLUMN "node_id" text;--> statement-breakpoint
ALTER TABLE "conversions" ADD COLUMN "broadcast_id" uuid;--> statement-breakpoint
ALTER TABLE "conversions" ADD COLUMN "attributed_via" text;--> statement-breakpoint
ALTER TABLE "sends" ADD COLUMN "aggregation_unit" text;--> statement-breakpoint
ALTER TABLE "conversion_points" ADD CONSTRAINT "conversion_points_workspace_id_workspaces_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("workspace_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insight_units" ADD CONSTRAINT "insight_units_workspace_id_workspaces_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("workspace_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "node_clickers" ADD CONSTRAINT "node_clickers_workspace_id_workspaces_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("workspace_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rfm_settings" ADD CONSTRAINT "rfm_settings_workspace_id_workspaces_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("workspace_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "split_winners" ADD CONSTRAINT "split_winners_workspace_id_workspaces_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("workspace_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "conversion_points_name" ON "conversion_points" USING btree ("workspace_id","name") WHERE deleted_at is null;--> statement-breakpoint
CREATE INDEX "insight_units_node" ON "insight_units" USING btree ("scenario_id","node_id");--> statement-breakpoint
CREATE INDEX "node_clickers_at" ON "node_clickers" USING btree ("scenario_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "conversions_order" ON "conversions" USING btree ("workspace_id","order_id") WHERE order_id is not null;--> statement-breakpoint
CREATE INDEX "conversions_node" ON "conversions" USING btree ("scenario_id","node_id","at");--> statement-breakpoint
CREATE INDEX "conversions_workspace_at" ON "conversions" USING btree ("workspace_id","at");