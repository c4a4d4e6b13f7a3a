// Tables of listening: monitors (named Boolean queries), the RSS/Atom feeds an organisation follows with their
// poll state, the mentions the pipeline stores (one per org + source + external id) and which monitors matched
// them. Whether feed URLs may be private addresses is the instance's STEMME_ALLOW_PRIVATE_NETWORKS, as for
// every user-given URL.
import { sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { mentionOrgId, orgId } from '../db/columns.ts';
import { users } from '../team/schema.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true });

export const monitors = pgTable(
  'monitors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    name: text('name').notNull(),
    query: text('query').notNull(),
    /** Sources it listens to (bluesky, mastodon, rss); empty: all. */
    sources: text('sources').array().notNull().default(sql`'{}'::text[]`),
    /** ISO 639-1 languages (nb, nn, no, da, sv, de, en …); empty: all. */
    languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
    ownerUserId: uuid('owner_user_id').references(() => users.id, { onDelete: 'set null' }),
    active: boolean('active').notNull().default(true),
    createdAt: ts('created_at').notNull().defaultNow(),
    /** Bumped on every change: the pipeline's cached monitor index is rebuilt when it moves. */
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('monitors_org_idx').on(t.orgId)],
);

export const feeds = pgTable(
  'feeds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    url: text('url').notNull(),
    title: text('title'),
    etag: text('etag'),
    lastModified: text('last_modified'),
    nextPollAt: ts('next_poll_at').notNull().defaultNow(),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    lastError: text('last_error'),
    lastErrorKind: text('last_error_kind'),
    lastPolledAt: ts('last_polled_at'),
    lastSuccessAt: ts('last_success_at'),
    /** Items taken in over the feed's life. */
    itemCount: integer('item_count').notNull().default(0),
    /** Items not stored because another of the organisation's feeds had stored the same article. */
    sameArticleCount: integer('same_article_count').notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('feeds_org_url_unique').on(t.orgId, t.url),
    index('feeds_next_poll_idx').on(t.nextPollAt),
  ],
);

/** Item GUIDs a feed has delivered: only new ones go through the pipeline. */
export const feedItemsSeen = pgTable(
  'feed_items_seen',
  {
    orgId: orgId(),
    feedId: uuid('feed_id')
      .notNull()
      .references(() => feeds.id, { onDelete: 'cascade' }),
    guid: text('guid').notNull(),
    seenAt: ts('seen_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.feedId, t.guid] })],
);

export const mentions = pgTable(
  'mentions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    /** bluesky, mastodon, rss. */
    source: text('source').notNull(),
    /** The source's own id (RSS: the feed id and the item's GUID). */
    externalId: text('external_id').notNull(),
    feedId: uuid('feed_id').references(() => feeds.id, { onDelete: 'set null' }),
    url: text('url'),
    title: text('title'),
    text: text('text').notNull(),
    author: text('author'),
    links: text('links').array().notNull().default(sql`'{}'::text[]`),
    lang: text('lang').notNull(),
    langConfidence: doublePrecision('lang_confidence').notNull().default(0),
    sentiment: text('sentiment').$type<'positive' | 'negative' | 'neutral'>().notNull(),
    sentimentScore: doublePrecision('sentiment_score').notNull().default(0),
    /** Who set the sentiment by hand (PATCH /api/mentions/:id); null while it is the lexicon's. Never overwritten by the pipeline. */
    sentimentSetBy: uuid('sentiment_set_by').references(() => users.id, { onDelete: 'set null' }),
    /** When a person set it; stays when that person's account is deleted (the mark that it was corrected). */
    sentimentSetAt: ts('sentiment_set_at'),
    /** When it was published (the source's date), else when we collected it. */
    at: ts('at').notNull(),
    collectedAt: ts('collected_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('mentions_org_source_external_unique').on(t.orgId, t.source, t.externalId),
    index('mentions_org_at_idx').on(t.orgId, t.at),
  ],
);

export const mentionMatches = pgTable(
  'mention_matches',
  {
    orgId: mentionOrgId(),
    // No foreign keys (a look-up per row, and 1.8 matches a stored post): deleting a mention or a monitor deletes
    // its matches by a statement trigger (migration 0017), and writers lock the parents they name once per batch
    // (src/db/parents.ts).
    monitorId: uuid('monitor_id').notNull(),
    mentionId: uuid('mention_id').notNull(),
    /** The mention's time and sentiment, repeated here so per-monitor charts read one table. */
    at: ts('at').notNull(),
    sentiment: text('sentiment').$type<'positive' | 'negative' | 'neutral'>().notNull(),
  },
  (t) => [
    // Mention first: a mention's matches (and its cascade) are found by the key itself, so no third index.
    primaryKey({ columns: [t.mentionId, t.monitorId] }),
    index('mention_matches_monitor_at_idx').on(t.monitorId, t.at),
  ],
);

export type MonitorRow = typeof monitors.$inferSelect;
export type FeedRow = typeof feeds.$inferSelect;
export type MentionRow = typeof mentions.$inferSelect;
