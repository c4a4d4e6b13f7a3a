// The shapes the RSS/Atom source hands to the listening pipeline: normalised items and per-feed outcomes.

export interface FeedItem {
  /** Stable identity within the feed: guid / Atom id / JSON Feed id, else the link, else a content hash. */
  id: string;
  url: string | null;
  title: string | null;
  /** The item's body with HTML stripped to plain text. */
  text: string;
  author: string | null;
  publishedAt: Date | null;
  /** Links found in the item's HTML and its own link, deduplicated. */
  links: string[];
  /** ISO 639-1 language when the item or feed declares one (lower-case, region dropped). */
  lang?: string;
}

export interface ParsedFeed {
  title: string | null;
  siteUrl: string | null;
  items: FeedItem[];
}

export interface FeedRequest {
  url: string;
  etag?: string | null;
  lastModified?: string | null;
}

export type FeedErrorKind =
  | 'unsafe_url' // refused by the SSRF guard (private address, bad scheme, too many redirects)
  | 'network' // connection refused, DNS failure, reset
  | 'timeout'
  | 'http' // a non-2xx answer
  | 'too_large'
  | 'parse'; // not a feed, or malformed beyond repair

export interface FeedError {
  status: 'error';
  kind: FeedErrorKind;
  /** Readable for the UI's per-feed error. */
  message: string;
  httpStatus?: number;
  /** From Retry-After on 429/503, for the backoff policy. */
  retryAfterMs?: number;
}

export type FeedResult =
  | { status: 'not_modified' }
  | ({ status: 'ok'; etag: string | null; lastModified: string | null } & ParsedFeed)
  | FeedError;
