CREATE TABLE "template_clones" (
	"scenario_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"template_id" uuid NOT NULL,
	"template_version" integer NOT NULL,
	"unmapped" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "template_mappings" (
	"workspace_id" uuid NOT NULL,
	"template_id" uuid NOT NULL,
	"reference_key" text NOT NULL,
	"target_id" uuid NOT NULL,
	CONSTRAINT "template_mappings_workspace_id_template_id_reference_key_pk" PRIMARY KEY("workspace_id","template_id","reference_key")
);
--> statement-breakpoint
CREATE TABLE "template_rollout_targets" (
	"rollout_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"target_workspace_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"status" text NOT NULL,
	"mapping" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"error" jsonb,
	"scenario_id" uuid,
	"published_version" integer,
	"updated_existing" boolean DEFAULT false NOT NULL,
	"impact" jsonb,
	"attempts" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "template_rollout_targets_rollout_id_target_workspace_id_pk" PRIMARY KEY("rollout_id","target_workspace_id")
);
--> statement-breakpoint
CREATE TABLE "template_rollouts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"template_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"cancel_requested" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "template_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"template_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"graph" jsonb NOT NULL,
	"references" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"category" text DEFAULT 'other' NOT NULL,
	"latest_version" integer DEFAULT 1 NOT NULL,
	"source" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "template_clones" ADD CONSTRAINT "template_clones_scenario_id_scenarios_id_fk" FOREIGN KEY ("scenario_id") REFERENCES "public"."scenarios"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_clones" ADD CONSTRAINT "template_clones_workspace_id_workspaces_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("workspace_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_clones" ADD CONSTRAINT "template_clones_template_id_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_mappings" ADD CONSTRAINT "template_mappings_workspace_id_workspaces_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("workspace_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_mappings" ADD CONSTRAINT "template_mappings_template_id_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_rollout_targets" ADD CONSTRAINT "template_rollout_targets_rollout_id_template_rollouts_id_fk" FOREIGN KEY ("rollout_id") REFERENCES "public"."template_rollouts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_rollout_targets" ADD CONSTRAINT "template_rollout_targets_workspace_id_workspaces_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("workspace_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_rollouts" ADD CONSTRAINT "template_rollouts_workspace_id_workspaces_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("workspace_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_rollouts" ADD CONSTRAINT "template_rollouts_template_id_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_versions" ADD CONSTRAINT "template_versions_template_id_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "templates" ADD CONSTRAINT "templates_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "template_clones_workspace_template" ON "template_clones" USING btree ("workspace_id","template_id");--> statement-breakpoint
CREATE INDEX "template_rollouts_workspace" ON "template_rollouts" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "template_versions_number" ON "template_versions" USING btree ("template_id","version");--> statement-breakpoint
CREATE INDEX "templates_organization" ON "templates" USING btree ("organization_id");