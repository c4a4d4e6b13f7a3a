// The Mastodon listening source: public and hashtag timelines over REST, the streaming API, status normalisation.
export { normaliseStatus, type ReblogPolicy, type StatusPost, statusPosts } from './status.ts';
export { MastodonStream, type MastodonStreamOptions } from './streaming.ts';
export {
  MastodonApiError,
  type MastodonTimeline,
  pollTimeline,
  RecentIds,
  streamingUrlOf,
  type TimelinePollOptions,
  type TimelinePollResult,
} from './timeline.ts';
