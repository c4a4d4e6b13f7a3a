// What every live source (Bluesky repo stream, Jetstream, search backfill, Mastodon) hands to the listening
// pipeline: one normalised post shape, tombstones for deletions, and a small Sink that takes them in batches.
import type { Post } from '../../query/post.ts';

export type SourceName = 'bluesky' | 'mastodon' | 'rss';

/** A post as the matcher sees it (Post), plus where it came from and who wrote it. */
export interface SourcePost extends Post {
  source: SourceName;
  /** Stable identity at the source: the at:// URI of a Bluesky post, the ActivityPub URI of a status. */
  externalId: string;
  /** Same as externalId: the matcher's id. */
  id: string;
  publishedAt: Date;
  /** The author's display name when known, else their handle. */
  authorDisplay: string | null;
  /** Handles mentioned in the post (without @). */
  mentions: string[];
  /** Hashtags (without #), as written. */
  hashtags: string[];
  /** Every language the post declares (post.lang is the first). */
  langs: string[];
  /** The post this one replies to or quotes, as the source names it (Bluesky: at:// URIs). */
  replyTo?: string | null;
  quoteOf?: string | null;
  /** The post this one reposts (a Mastodon boost names the original status by its URI). */
  repostOf?: string | null;
  /** Other addresses of this same post (a Mastodon status's id on the instance it was read through). */
  aliases?: string[];
}

/** A post removed at the source after we may have stored it. */
export interface SourceDelete {
  source: SourceName;
  externalId: string;
  deletedAt: Date;
}

/**
 * A repost that carries no post of its own (a Bluesky app.bsky.feed.repost record): who reposted what, when.
 * It has no text, so the sink judges it by the original, and only keeps it when the original is stored
 * (src/listening/sources/reposts.ts). Deleting it is a SourceDelete of its externalId.
 */
export interface SourceRepost {
  source: SourceName;
  /** The repost's own identity (Bluesky: the at:// URI of the repost record). */
  externalId: string;
  /** Who reposted: their handle when known, else their DID. */
  by: string;
  /** The reposted post, as the source names it (Bluesky: its at:// URI). */
  subject: string;
  at: Date;
}

export interface SourceBatch {
  posts: SourcePost[];
  deletes: SourceDelete[];
  /** Reposts without text of their own; sources that have none leave this out. */
  reposts?: SourceRepost[];
}

/**
 * Takes batches in order. A source saves its cursor only after write() has resolved, so a crash replays at
 * most the batch in flight: write() should be idempotent by (source, externalId).
 */
export interface Sink {
  write(batch: SourceBatch): Promise<void>;
}
