ALTER TABLE "mention_matches" DROP CONSTRAINT "mention_matches_org_id_orgs_id_fk";
--> statement-breakpoint
ALTER TABLE "mention_refs" DROP CONSTRAINT "mention_refs_org_id_orgs_id_fk";
--> statement-breakpoint
ALTER TABLE "stories" DROP CONSTRAINT "stories_central_mention_id_mentions_id_fk";
--> statement-breakpoint
ALTER TABLE "story_members" DROP CONSTRAINT "story_members_org_id_orgs_id_fk";
--> statement-breakpoint
ALTER TABLE "story_members" DROP CONSTRAINT "story_members_story_id_stories_id_fk";
--> statement-breakpoint
ALTER TABLE "story_members" DROP CONSTRAINT "story_members_author_id_authors_id_fk";
--> statement-breakpoint
DROP INDEX "mention_matches_mention_idx";--> statement-breakpoint
ALTER TABLE "mention_matches" DROP CONSTRAINT "mention_matches_monitor_id_mention_id_pk";--> statement-breakpoint
ALTER TABLE "mention_matches" ADD CONSTRAINT "mention_matches_mention_id_monitor_id_pk" PRIMARY KEY("mention_id","monitor_id");