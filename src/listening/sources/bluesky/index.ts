// The Bluesky listening source: the repo event stream, Jetstream, search backfill, and the jobs that feed the
// pipeline; plus the Sink and SourcePost shapes every live source shares.
export { type ActorInfo, ActorResolver } from './actors.ts';
export { guardedFetch, guardedLookup, type UrlPolicy, vetStreamUrl } from './guard.ts';
export { type JetstreamOptions, JetstreamStream } from './jetstream.ts';
export {
  BLUESKY_BACKFILL_JOB,
  BLUESKY_STREAM_JOB,
  enqueueBlueskyBackfill,
  fanOutSink,
  type LiveSourceConfig,
  liveSourceConfig,
  liveSourceJobs,
  MASTODON_BOOSTS_JOB,
  MASTODON_POLL_JOB,
  MASTODON_STREAM_JOB,
  searchKeywords,
} from './job.ts';
export { normalisePostRecord, parsePostUri, postUrl } from './record.ts';
export { RepoStream, type RepoStreamOptions } from './repos.ts';
export { backfillSearch, type SearchBackfillOptions, type SearchBackfillResult } from './search.ts';
export type { Sink, SourceBatch, SourceDelete, SourceName, SourcePost, SourceRepost } from './sink.ts';
export { type StreamState, StreamStateStore } from './state.ts';
