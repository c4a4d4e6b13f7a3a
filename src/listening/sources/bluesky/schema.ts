// Where each live stream stands: its cursor (firehose seq, Jetstream time_us, Mastodon status id), the posts it
// delivered inside the replay window (for deduplication after a rewind) and its last error. Streams are
// server-wide (one relay connection serves every organisation), so the table has no org_id.
import { bigint, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const listeningStreams = pgTable('listening_streams', {
  /** e.g. "bluesky-repos wss://bsky.network", "mastodon-tag https://mastodon.social #nrk". */
  key: text('key').primaryKey(),
  kind: text('kind').notNull(),
  /** Resume point, saved only after the batch before it was handed to the sink. */
  cursor: text('cursor'),
  /** External ids delivered within the rewind window, so a replayed event is not delivered twice. */
  recent: jsonb('recent').$type<string[]>().notNull().default([]),
  delivered: bigint('delivered', { mode: 'number' }).notNull().default(0),
  lastEventAt: timestamp('last_event_at', { withTimezone: true }),
  error: text('error'),
  errorAt: timestamp('error_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
