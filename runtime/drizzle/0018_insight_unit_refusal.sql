ALTER TABLE "insight_units" ADD COLUMN "refusal" text;--> statement-breakpoint
ALTER TABLE "insight_units" ADD COLUMN "refused_at" timestamp with time zone;