CREATE TABLE "feed_items_seen" (
	"org_id" uuid NOT NULL,
	"feed_id" uuid NOT NULL,
	"guid" text NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feed_items_seen_feed_id_guid_pk" PRIMARY KEY("feed_id","guid")
);
--> statement-breakpoint
CREATE TABLE "feeds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"url" text NOT NULL,
	"title" text,
	"etag" text,
	"last_modified" text,
	"next_poll_at" timestamp with time zone DEFAULT now() NOT NULL,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"last_error_kind" text,
	"last_polled_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"item_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mention_matches" (
	"org_id" uuid NOT NULL,
	"monitor_id" uuid NOT NULL,
	"mention_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"sentiment" text NOT NULL,
	CONSTRAINT "mention_matches_monitor_id_mention_id_pk" PRIMARY KEY("monitor_id","mention_id")
);
--> statement-breakpoint
CREATE TABLE "mentions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"source" text NOT NULL,
	"external_id" text NOT NULL,
	"feed_id" uuid,
	"url" text,
	"title" text,
	"text" text NOT NULL,
	"author" text,
	"links" text[] DEFAULT '{}'::text[] NOT NULL,
	"lang" text NOT NULL,
	"lang_confidence" double precision DEFAULT 0 NOT NULL,
	"sentiment" text NOT NULL,
	"sentiment_score" double precision DEFAULT 0 NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"collected_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"query" text NOT NULL,
	"sources" text[] DEFAULT '{}'::text[] NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"owner_user_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "feed_items_seen" ADD CONSTRAINT "feed_items_seen_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feed_items_seen" ADD CONSTRAINT "feed_items_seen_feed_id_feeds_id_fk" FOREIGN KEY ("feed_id") REFERENCES "public"."feeds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feeds" ADD CONSTRAINT "feeds_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mention_matches" ADD CONSTRAINT "mention_matches_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mention_matches" ADD CONSTRAINT "mention_matches_monitor_id_monitors_id_fk" FOREIGN KEY ("monitor_id") REFERENCES "public"."monitors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mention_matches" ADD CONSTRAINT "mention_matches_mention_id_mentions_id_fk" FOREIGN KEY ("mention_id") REFERENCES "public"."mentions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentions" ADD CONSTRAINT "mentions_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mentions" ADD CONSTRAINT "mentions_feed_id_feeds_id_fk" FOREIGN KEY ("feed_id") REFERENCES "public"."feeds"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitors" ADD CONSTRAINT "monitors_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitors" ADD CONSTRAINT "monitors_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "feeds_org_url_unique" ON "feeds" USING btree ("org_id","url");--> statement-breakpoint
CREATE INDEX "feeds_next_poll_idx" ON "feeds" USING btree ("next_poll_at");--> statement-breakpoint
CREATE INDEX "mention_matches_monitor_at_idx" ON "mention_matches" USING btree ("monitor_id","at");--> statement-breakpoint
CREATE INDEX "mention_matches_mention_idx" ON "mention_matches" USING btree ("mention_id");--> statement-breakpoint
CREATE UNIQUE INDEX "mentions_org_source_external_unique" ON "mentions" USING btree ("org_id","source","external_id");--> statement-breakpoint
CREATE INDEX "mentions_org_at_idx" ON "mentions" USING btree ("org_id","at");--> statement-breakpoint
CREATE INDEX "monitors_org_idx" ON "monitors" USING btree ("org_id");