// Listening's background work: a recurring sweep that polls every feed whose time has come.
import { defineJob, type JobDefinition } from '../jobs/definition.ts';
import { type PollOptions, pollDueFeeds, type UrlPolicy } from './feeds.ts';

export const POLL_FEEDS_JOB = 'listening.poll-feeds';

export interface ListeningJobOptions {
  /** How often the sweep looks for due feeds; each feed keeps its own schedule and backoff. */
  everyMs?: number;
  poll?: PollOptions;
  /** The instance's rule for user-given URLs (STEMME_ALLOW_PRIVATE_NETWORKS). */
  urlPolicy?: UrlPolicy;
}

export function listeningJobs(opts: ListeningJobOptions = {}): JobDefinition<unknown>[] {
  const pollFeeds = defineJob<Record<string, never>>({
    name: POLL_FEEDS_JOB,
    every: opts.everyMs ?? 60_000,
    maxAttempts: 3,
    timeoutMs: 10 * 60_000,
    async run(_payload, { db, log, signal }) {
      const reports = await pollDueFeeds(db, { ...opts.poll, urlPolicy: opts.urlPolicy ?? {}, signal });
      if (reports.length === 0) return;
      const failed = reports.filter((r) => r.status === 'error').length;
      const stored = reports.reduce((n, r) => n + (r.ingest?.stored ?? 0), 0);
      // Items not stored because another feed of the organisation already stored the same article.
      const sameArticle = reports.reduce((n, r) => n + r.sameArticle, 0);
      log.info({ feeds: reports.length, failed, stored, sameArticle }, 'polled due feeds');
    },
  });
  return [pollFeeds as JobDefinition<unknown>];
}
