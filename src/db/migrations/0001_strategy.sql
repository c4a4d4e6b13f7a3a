CREATE TABLE "strategy_audiences" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"name" text NOT NULL,
	"participation" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"offer" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "strategy_channels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"network" text NOT NULL,
	"handle" text NOT NULL,
	"x" double precision,
	"y" double precision,
	"reason" text DEFAULT '' NOT NULL,
	"content_plan" text DEFAULT '' NOT NULL,
	"posts_per_week" double precision,
	"audience_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"owner_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "strategy_goals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"title" text NOT NULL,
	"objective" text NOT NULL,
	"objective_note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "strategy_kpis" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"goal_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"baseline" double precision,
	"target" double precision,
	"target_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "strategy_plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"person_user_id" uuid,
	"purpose" text DEFAULT '' NOT NULL,
	"goal_orientation" text,
	"reach" text,
	"leader_user_id" uuid,
	"leader_backing" text DEFAULT '' NOT NULL,
	"rewards" text DEFAULT '' NOT NULL,
	"peer_network" text DEFAULT '' NOT NULL,
	"vision" text DEFAULT '' NOT NULL,
	"key_messages" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"not_appear" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "strategy_responsibilities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"responsibility" text NOT NULL,
	"hours_per_week" double precision,
	"commitment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "strategy_topics" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"stance" text NOT NULL,
	"name" text NOT NULL,
	"examples" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "strategy_watch_terms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"term" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "strategy_audiences" ADD CONSTRAINT "strategy_audiences_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_audiences" ADD CONSTRAINT "strategy_audiences_plan_id_strategy_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."strategy_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_channels" ADD CONSTRAINT "strategy_channels_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_channels" ADD CONSTRAINT "strategy_channels_plan_id_strategy_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."strategy_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_channels" ADD CONSTRAINT "strategy_channels_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_goals" ADD CONSTRAINT "strategy_goals_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_goals" ADD CONSTRAINT "strategy_goals_plan_id_strategy_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."strategy_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_kpis" ADD CONSTRAINT "strategy_kpis_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_kpis" ADD CONSTRAINT "strategy_kpis_plan_id_strategy_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."strategy_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_kpis" ADD CONSTRAINT "strategy_kpis_goal_id_strategy_goals_id_fk" FOREIGN KEY ("goal_id") REFERENCES "public"."strategy_goals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_plans" ADD CONSTRAINT "strategy_plans_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_plans" ADD CONSTRAINT "strategy_plans_person_user_id_users_id_fk" FOREIGN KEY ("person_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_plans" ADD CONSTRAINT "strategy_plans_leader_user_id_users_id_fk" FOREIGN KEY ("leader_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_responsibilities" ADD CONSTRAINT "strategy_responsibilities_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_responsibilities" ADD CONSTRAINT "strategy_responsibilities_plan_id_strategy_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."strategy_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_responsibilities" ADD CONSTRAINT "strategy_responsibilities_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_topics" ADD CONSTRAINT "strategy_topics_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_topics" ADD CONSTRAINT "strategy_topics_plan_id_strategy_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."strategy_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_watch_terms" ADD CONSTRAINT "strategy_watch_terms_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "strategy_watch_terms" ADD CONSTRAINT "strategy_watch_terms_plan_id_strategy_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."strategy_plans"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "strategy_audiences_plan_idx" ON "strategy_audiences" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "strategy_channels_plan_idx" ON "strategy_channels" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "strategy_goals_plan_idx" ON "strategy_goals" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "strategy_kpis_plan_idx" ON "strategy_kpis" USING btree ("plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "strategy_plans_org_unique" ON "strategy_plans" USING btree ("org_id") WHERE "strategy_plans"."person_user_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "strategy_plans_person_unique" ON "strategy_plans" USING btree ("org_id","person_user_id") WHERE "strategy_plans"."person_user_id" is not null;--> statement-breakpoint
CREATE INDEX "strategy_responsibilities_plan_idx" ON "strategy_responsibilities" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "strategy_topics_plan_idx" ON "strategy_topics" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "strategy_watch_terms_plan_idx" ON "strategy_watch_terms" USING btree ("plan_id");