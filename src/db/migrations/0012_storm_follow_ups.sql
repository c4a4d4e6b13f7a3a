CREATE TABLE "storm_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"alert_id" uuid NOT NULL,
	"storm_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"window_count" integer NOT NULL,
	"previous_count" integer,
	"expected" double precision NOT NULL,
	"peak_count" integer NOT NULL,
	"mention_count" integer NOT NULL,
	"negative_share" double precision NOT NULL,
	"email_recipients" text[] NOT NULL,
	"email_status" text DEFAULT 'pending' NOT NULL,
	"email_error" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alert_rules" ADD COLUMN "email_on" text[] DEFAULT '{opened}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "alert_rules" ADD COLUMN "webhook_on" text[] DEFAULT '{opened}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "storms" ADD COLUMN "notified_count" integer;--> statement-breakpoint
ALTER TABLE "storms" ADD COLUMN "escalations" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "storms" ADD COLUMN "update_sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "storm_notices" ADD CONSTRAINT "storm_notices_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "storm_notices" ADD CONSTRAINT "storm_notices_alert_id_storm_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."storm_alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "storm_notices" ADD CONSTRAINT "storm_notices_storm_id_storms_id_fk" FOREIGN KEY ("storm_id") REFERENCES "public"."storms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "storm_notices_alert_idx" ON "storm_notices" USING btree ("alert_id","created_at");