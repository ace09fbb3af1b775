CREATE TABLE "inflow_arrivals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"inflow_route_id" uuid NOT NULL,
	"friend_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inflow_login_states" (
	"state" text PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"inflow_route_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"nonce" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "login_channel_id" text;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "login_channel_secret_enc" text;--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "basic_id" text;--> statement-breakpoint
ALTER TABLE "inflow_routes" ADD COLUMN "channel_id" uuid;--> statement-breakpoint
ALTER TABLE "inflow_routes" ADD COLUMN "actions" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "inflow_routes" ADD COLUMN "created_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "inflow_routes" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "inflow_arrivals" ADD CONSTRAINT "inflow_arrivals_workspace_id_workspaces_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("workspace_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inflow_arrivals" ADD CONSTRAINT "inflow_arrivals_inflow_route_id_inflow_routes_id_fk" FOREIGN KEY ("inflow_route_id") REFERENCES "public"."inflow_routes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inflow_arrivals" ADD CONSTRAINT "inflow_arrivals_friend_id_friends_id_fk" FOREIGN KEY ("friend_id") REFERENCES "public"."friends"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inflow_login_states" ADD CONSTRAINT "inflow_login_states_workspace_id_workspaces_workspace_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("workspace_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inflow_login_states" ADD CONSTRAINT "inflow_login_states_inflow_route_id_inflow_routes_id_fk" FOREIGN KEY ("inflow_route_id") REFERENCES "public"."inflow_routes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inflow_login_states" ADD CONSTRAINT "inflow_login_states_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inflow_arrivals_route_at" ON "inflow_arrivals" USING btree ("inflow_route_id","at");--> statement-breakpoint
CREATE INDEX "inflow_arrivals_friend" ON "inflow_arrivals" USING btree ("friend_id","inflow_route_id");--> statement-breakpoint
ALTER TABLE "inflow_routes" ADD CONSTRAINT "inflow_routes_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE set null ON UPDATE no action;