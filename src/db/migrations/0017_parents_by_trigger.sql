ALTER TABLE "mention_matches" DROP CONSTRAINT "mention_matches_monitor_id_monitors_id_fk";
--> statement-breakpoint
ALTER TABLE "mention_matches" DROP CONSTRAINT "mention_matches_mention_id_mentions_id_fk";
--> statement-breakpoint
ALTER TABLE "mention_refs" DROP CONSTRAINT "mention_refs_mention_id_mentions_id_fk";
--> statement-breakpoint
ALTER TABLE "story_members" DROP CONSTRAINT "story_members_mention_id_mentions_id_fk";
--> statement-breakpoint
-- The rows that hang off a mention (matches, story membership, references) and a monitor's matches go with their
-- parent as before, but by one statement-level trigger per delete rather than a foreign key checked per
-- inserted row. Writers lock the parents they name once per batch (src/db/parents.ts).
CREATE FUNCTION "stemme_mentions_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "mention_matches" WHERE "mention_id" IN (SELECT "id" FROM "gone");
  DELETE FROM "story_members" WHERE "mention_id" IN (SELECT "id" FROM "gone");
  DELETE FROM "mention_refs" WHERE "mention_id" IN (SELECT "id" FROM "gone");
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "mentions_deleted" AFTER DELETE ON "mentions" REFERENCING OLD TABLE AS "gone"
  FOR EACH STATEMENT EXECUTE FUNCTION "stemme_mentions_deleted"();
--> statement-breakpoint
CREATE FUNCTION "stemme_monitors_deleted"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "mention_matches" WHERE "monitor_id" IN (SELECT "id" FROM "gone");
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "monitors_deleted" AFTER DELETE ON "monitors" REFERENCING OLD TABLE AS "gone"
  FOR EACH STATEMENT EXECUTE FUNCTION "stemme_monitors_deleted"();
