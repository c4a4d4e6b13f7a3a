-- A story member's MinHash signature and keys as bytes (src/listening/stories/packed.ts): big-endian, as
-- int4send / int8send write them. The arrays stored before are converted (a new column, filled, renamed: a
-- column type change may not read through a subquery). The kinds, which nothing read, go.
ALTER TABLE "story_members" ADD COLUMN "minhash_packed" bytea;--> statement-breakpoint
ALTER TABLE "story_members" ADD COLUMN "keys_packed" bytea DEFAULT ''::bytea NOT NULL;--> statement-breakpoint
UPDATE "story_members" SET
  "minhash_packed" = (select string_agg(int4send(u.x), ''::bytea order by u.o) from unnest("minhash") with ordinality as u(x, o)),
  "keys_packed" = coalesce((select string_agg(int8send(u.k), ''::bytea order by u.o) from unnest("keys") with ordinality as u(k, o)), ''::bytea);--> statement-breakpoint
ALTER TABLE "story_members" DROP COLUMN "minhash";--> statement-breakpoint
ALTER TABLE "story_members" DROP COLUMN "keys";--> statement-breakpoint
ALTER TABLE "story_members" DROP COLUMN "kinds";--> statement-breakpoint
ALTER TABLE "story_members" RENAME COLUMN "minhash_packed" TO "minhash";--> statement-breakpoint
ALTER TABLE "story_members" RENAME COLUMN "keys_packed" TO "keys";
