CREATE TABLE "authors" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"source" text NOT NULL,
	"handle" text NOT NULL,
	"display" text NOT NULL,
	"followers" integer,
	"score" double precision DEFAULT 0 NOT NULL,
	"parts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"engagers" integer DEFAULT 0 NOT NULL,
	"mention_count" integer DEFAULT 0 NOT NULL,
	"monitor_count" integer DEFAULT 0 NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	"dirty" boolean DEFAULT true NOT NULL,
	"computed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "mention_refs" (
	"org_id" uuid NOT NULL,
	"mention_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"target" text NOT NULL,
	CONSTRAINT "mention_refs_mention_id_kind_target_pk" PRIMARY KEY("mention_id","kind","target")
);
--> statement-breakpoint
CREATE TABLE "stories" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"central_mention_id" uuid,
	"size" integer DEFAULT 0 NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	"sources" text[] DEFAULT '{}'::text[] NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"positive" integer DEFAULT 0 NOT NULL,
	"negative" integer DEFAULT 0 NOT NULL,
	"neutral" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "story_keys" (
	"org_id" uuid NOT NULL,
	"key" bigint NOT NULL,
	"kind" smallint NOT NULL,
	"mention_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "story_keys_mention_id_key_pk" PRIMARY KEY("mention_id","key")
);
--> statement-breakpoint
CREATE TABLE "story_members" (
	"mention_id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid NOT NULL,
	"story_id" uuid NOT NULL,
	"author_id" uuid,
	"minhash" integer[],
	"degree" integer DEFAULT 0 NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "authors" ADD CONSTRAINT "authors_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mention_refs" ADD CONSTRAINT "mention_refs_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mention_refs" ADD CONSTRAINT "mention_refs_mention_id_mentions_id_fk" FOREIGN KEY ("mention_id") REFERENCES "public"."mentions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stories" ADD CONSTRAINT "stories_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stories" ADD CONSTRAINT "stories_central_mention_id_mentions_id_fk" FOREIGN KEY ("central_mention_id") REFERENCES "public"."mentions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_keys" ADD CONSTRAINT "story_keys_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_keys" ADD CONSTRAINT "story_keys_mention_id_mentions_id_fk" FOREIGN KEY ("mention_id") REFERENCES "public"."mentions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_members" ADD CONSTRAINT "story_members_mention_id_mentions_id_fk" FOREIGN KEY ("mention_id") REFERENCES "public"."mentions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_members" ADD CONSTRAINT "story_members_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_members" ADD CONSTRAINT "story_members_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_members" ADD CONSTRAINT "story_members_author_id_authors_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."authors"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "authors_org_source_handle_unique" ON "authors" USING btree ("org_id","source","handle");--> statement-breakpoint
CREATE INDEX "authors_org_score_idx" ON "authors" USING btree ("org_id","score");--> statement-breakpoint
CREATE INDEX "mention_refs_org_target_idx" ON "mention_refs" USING btree ("org_id","target");--> statement-breakpoint
CREATE INDEX "stories_org_last_idx" ON "stories" USING btree ("org_id","last_at");--> statement-breakpoint
CREATE INDEX "stories_org_size_idx" ON "stories" USING btree ("org_id","size");--> statement-breakpoint
CREATE INDEX "story_keys_org_key_idx" ON "story_keys" USING btree ("org_id","key","at");--> statement-breakpoint
CREATE INDEX "story_members_story_idx" ON "story_members" USING btree ("story_id","at");--> statement-breakpoint
CREATE INDEX "story_members_author_idx" ON "story_members" USING btree ("org_id","author_id");