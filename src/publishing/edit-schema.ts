// Edits after publishing: every change to a published post's text, with who made it and when, so the history
// shows what readers saw before. Pending Mastodon authorizations live here too: the OAuth flow's short-lived
// state (a registered app's sealed secret, bound to the organisation and the person who started it).
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgs, users } from '../team/schema.ts';
import { channels, posts, publishTargets } from './schema.ts';

export const postRevisions = pgTable(
  'post_revisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    targetId: uuid('target_id')
      .notNull()
      .references(() => publishTargets.id, { onDelete: 'cascade' }),
    /** Which part of a thread was edited (0 for a single post). */
    part: integer('part').notNull().default(0),
    oldText: text('old_text').notNull(),
    newText: text('new_text').notNull(),
    editedBy: uuid('edited_by').references(() => users.id, { onDelete: 'set null' }),
    editedAt: timestamp('edited_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('post_revisions_target_idx').on(t.targetId, t.editedAt)],
);

export const mastodonAuthorizations = pgTable(
  'mastodon_authorizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    /** Who started it: only they can finish it. */
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    instanceUrl: text('instance_url').notNull(),
    /** Our callback URL as registered with the instance (the token exchange must repeat it). */
    redirectUri: text('redirect_uri').notNull(),
    clientId: text('client_id').notNull(),
    /** SecretBox-sealed, bound to this row's id. */
    clientSecret: text('client_secret').notNull(),
    /** sha256 of the `state` sent to the instance; the callback is matched by it. */
    stateHash: text('state_hash').notNull(),
    /** Reconnecting this channel rather than connecting a new one. */
    channelId: uuid('channel_id').references(() => channels.id, { onDelete: 'cascade' }),
    ownerUserId: uuid('owner_user_id').references(() => users.id, { onDelete: 'set null' }),
    name: text('name'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('mastodon_authorizations_state_unique').on(t.stateHash)],
);
