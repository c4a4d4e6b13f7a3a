// The RSS/Atom/RDF/JSON Feed source: fetch a feed, and decide when to poll it next.
export {
  DEFAULT_POLL_POLICY,
  type NextPoll,
  nextPollAt,
  type PollOutcome,
  type PollPolicy,
  type PollState,
  parseRetryAfter,
} from './backoff.ts';
export { DEFAULT_MAX_FEED_BYTES, type FetchFeedOptions, fetchFeed } from './fetch.ts';
export { FeedParseError, parseFeedText } from './normalise.ts';
export type { FeedError, FeedErrorKind, FeedItem, FeedRequest, FeedResult, ParsedFeed } from './types.ts';
