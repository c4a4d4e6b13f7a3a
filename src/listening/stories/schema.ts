// Tables of stories and influence. A story is a cluster of mentions about the same thing (near-duplicates by
// MinHash, shared links, a shared quoted or replied-to post, shared names across languages); every mention
// belongs to exactly one story (most to a story of one). Each member carries the hashed keys candidates are
// found by (LSH bands, links, post references, named entities). Authors are the people behind mentions, per source
// and handle, with their influence score and its explanation; mention refs are what a mention points at
// (its own addresses, replies, quotes, reposts, links and @mentions), from which engagement is read.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { mentionOrgId, orgId } from '../../db/columns.ts';
import { keysColumn, signatureColumn } from './packed.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true });
/**
 * The mention a row hangs off. No foreign key (a look-up per row): deleting mentions deletes these rows by a
 * statement trigger (migration 0017), and the stories step locks the mentions it writes for (src/db/parents.ts).
 */
const mentionId = () => uuid('mention_id').notNull();

/** One part of an author's score, for the explanation ("replied to by 4 relevant authors"). */
export interface InfluencePart {
  key: 'replies' | 'quotes' | 'reposts' | 'links' | 'mentionedBy' | 'monitors' | 'activity' | 'followers';
  count: number;
  points: number;
}

export const stories = pgTable(
  'stories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    /** The most central post's text (or title), shortened. */
    title: text('title').notNull().default(''),
    /** The most central member (no foreign key: the stories step recounts a story whose members change). */
    centralMentionId: uuid('central_mention_id'),
    size: integer('size').notNull().default(0),
    firstAt: ts('first_at').notNull(),
    lastAt: ts('last_at').notNull(),
    sources: text('sources').array().notNull().default(sql`'{}'::text[]`),
    languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
    positive: integer('positive').notNull().default(0),
    negative: integer('negative').notNull().default(0),
    neutral: integer('neutral').notNull().default(0),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('stories_org_last_idx').on(t.orgId, t.lastAt),
    index('stories_org_size_idx').on(t.orgId, t.size),
  ],
);

export const authors = pgTable(
  'authors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    source: text('source').notNull(),
    /** Normalised handle or name (lower case, no @): the key within the source. */
    handle: text('handle').notNull(),
    /** As last written on a mention. */
    display: text('display').notNull(),
    /** Shown when a source tells it; weighs little in the score. */
    followers: integer('followers'),
    score: doublePrecision('score').notNull().default(0),
    parts: jsonb('parts').$type<InfluencePart[]>().notNull().default([]),
    /** Distinct relevant authors who replied to, quoted, reposted, linked or mentioned them. */
    engagers: integer('engagers').notNull().default(0),
    /** Their mentions that matched a monitor. */
    mentionCount: integer('mention_count').notNull().default(0),
    monitorCount: integer('monitor_count').notNull().default(0),
    firstAt: ts('first_at').notNull(),
    lastAt: ts('last_at').notNull(),
    /** New mentions since the score was last computed. */
    dirty: boolean('dirty').notNull().default(true),
    computedAt: ts('computed_at'),
  },
  (t) => [
    uniqueIndex('authors_org_source_handle_unique').on(t.orgId, t.source, t.handle),
    index('authors_org_score_idx').on(t.orgId, t.score),
  ],
);

export const storyMembers = pgTable(
  'story_members',
  {
    mentionId: mentionId().primaryKey(),
    orgId: mentionOrgId(),
    /**
     * No foreign keys on story and author: the clusterer moves members before it deletes a merged story and
     * deletes only stories left without members; authors go only with their organisation (and its mentions).
     */
    storyId: uuid('story_id').notNull(),
    authorId: uuid('author_id'),
    /** MinHash signature over word shingles (packed.ts); null when the text is too short to have one. */
    minhash: signatureColumn('minhash'),
    /** How many other members it was joined with: the most central one titles the story. */
    degree: integer('degree').notNull().default(0),
    at: ts('at').notNull(),
    /**
     * The hashed keys candidates are found by (LSH bands, links, post references, named entities), packed
     * (packed.ts). The clusterer keeps the recent ones of each organisation in memory
     * (src/listening/stories/memory.ts) and loads them from here.
     */
    keys: keysColumn('keys').notNull().default(sql`''::bytea`),
    /** Insertion order: a clusterer's memory loads what other processes stored after what it has seen. */
    seq: bigint('seq', { mode: 'number' }).generatedByDefaultAsIdentity(),
  },
  (t) => [
    index('story_members_story_idx').on(t.storyId, t.at),
    index('story_members_author_idx').on(t.orgId, t.authorId),
    index('story_members_org_seq_idx').on(t.orgId, t.seq),
  ],
);

export const mentionRefs = pgTable(
  'mention_refs',
  {
    orgId: mentionOrgId(),
    mentionId: mentionId(),
    /** self (the mention's own address or id), reply, quote, repost, link, mention (@handle). */
    kind: text('kind').$type<'self' | 'reply' | 'quote' | 'repost' | 'link' | 'mention'>().notNull(),
    target: text('target').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.mentionId, t.kind, t.target] }),
    index('mention_refs_org_target_idx').on(t.orgId, t.target),
  ],
);

export type StoryRow = typeof stories.$inferSelect;
export type AuthorRow = typeof authors.$inferSelect;
