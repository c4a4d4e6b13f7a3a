// The sandbox network lives in our own database: accounts and their posts, so training and demos need no
// outside account and every publish can be inspected.
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgs } from '../../team/schema.ts';

export const sandboxAccounts = pgTable(
  'sandbox_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    handle: text('handle').notNull(),
    displayName: text('display_name').notNull(),
    /** sha256 of the account's token: the sandbox checks it like a real network checks an access token. */
    tokenHash: text('token_hash').notNull(),
    /** Set to make the next publish fail with an auth error (a revoked token), for training and tests. */
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('sandbox_accounts_handle_unique').on(t.orgId, t.handle)],
);

export interface SandboxImage {
  alt: string;
  mimeType: string;
  size: number;
}

export const sandboxPosts = pgTable(
  'sandbox_posts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    accountId: uuid('account_id')
      .notNull()
      .references(() => sandboxAccounts.id, { onDelete: 'cascade' }),
    /** The client's idempotency key and the part of the thread: a second publish with both finds this row. */
    idempotencyKey: text('idempotency_key').notNull(),
    part: integer('part').notNull().default(0),
    replyTo: uuid('reply_to'),
    text: text('text').notNull(),
    images: jsonb('images').$type<SandboxImage[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** The sandbox allows editing a published post, like Mastodon; set on the last edit. */
    editedAt: timestamp('edited_at', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('sandbox_posts_key_unique').on(t.accountId, t.idempotencyKey, t.part),
    index('sandbox_posts_feed_idx').on(t.orgId, t.createdAt).where(sql`${t.deletedAt} is null`),
  ],
);
