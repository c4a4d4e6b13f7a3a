CREATE TABLE "training_drills" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"scenario" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"beat_id" text,
	"skipped" boolean DEFAULT false NOT NULL,
	"at_ms" integer NOT NULL,
	"sandbox_post_id" uuid,
	"author" text NOT NULL,
	"text" text NOT NULL,
	"reply_to_event_id" uuid,
	"quote_of_event_id" uuid,
	"response_ms" integer,
	"deleted_at_ms" integer,
	"check" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "training_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"drill_slug" text NOT NULL,
	"scenario" jsonb NOT NULL,
	"locale" text NOT NULL,
	"sandbox_account_id" uuid NOT NULL,
	"sandbox_handle" text NOT NULL,
	"sealed_credentials" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"skipped_ms" integer DEFAULT 0 NOT NULL,
	"finished_at" timestamp with time zone,
	"score" integer,
	"debrief" jsonb
);
--> statement-breakpoint
ALTER TABLE "training_drills" ADD CONSTRAINT "training_drills_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_drills" ADD CONSTRAINT "training_drills_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_events" ADD CONSTRAINT "training_events_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_events" ADD CONSTRAINT "training_events_run_id_training_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."training_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_runs" ADD CONSTRAINT "training_runs_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_runs" ADD CONSTRAINT "training_runs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "training_drills_slug_unique" ON "training_drills" USING btree ("org_id","slug");--> statement-breakpoint
CREATE UNIQUE INDEX "training_events_beat_unique" ON "training_events" USING btree ("run_id","beat_id") WHERE "training_events"."beat_id" is not null;--> statement-breakpoint
CREATE INDEX "training_events_run_idx" ON "training_events" USING btree ("run_id","at_ms");--> statement-breakpoint
CREATE INDEX "training_runs_user_idx" ON "training_runs" USING btree ("org_id","user_id","started_at");