// The live sources as background jobs, feeding the listening pipeline. A stream is global (one relay or
// Jetstream connection serves every organisation); its sink fans each batch out to the organisations whose
// active monitors listen to the source, and runs the whole pipeline (stories, influence, storms included) on
// the posts one of their monitors matches; the rest is never stored. The stream job holds its connection for a while and then ends
// cleanly; being a recurring job with a lease, exactly one worker holds it at a time, and the next run resumes
// from the saved cursor.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '../../../db/connect.ts';
import {
  defineJob,
  type JobDefinition,
  type JobLogger,
  PermanentJobError,
} from '../../../jobs/definition.ts';
import { enqueue } from '../../../jobs/enqueue.ts';
import { ingest, removeMentions } from '../../pipeline.ts';
import { parse, requiredKeys } from '../../query/index.ts';
import { mentions, monitors } from '../../schema.ts';
import { lookForBoosts } from '../mastodon/reblogged-by.ts';
import { MastodonStream } from '../mastodon/streaming.ts';
import { pollTimeline, RecentIds, streamingUrlOf } from '../mastodon/timeline.ts';
import { repostsOfStored, repostsToIngest } from '../reposts.ts';
import { ActorResolver } from './actors.ts';
import { guardedFetch, type UrlPolicy } from './guard.ts';
import { JetstreamStream } from './jetstream.ts';
import { RepoStream } from './repos.ts';
import { backfillSearch } from './search.ts';
import type { Sink, SourceName } from './sink.ts';
import { StreamStateStore } from './state.ts';

export const BLUESKY_STREAM_JOB = 'listening.bluesky-stream';
export const MASTODON_POLL_JOB = 'listening.mastodon-poll';
export const BLUESKY_BACKFILL_JOB = 'listening.bluesky-backfill';
export const MASTODON_STREAM_JOB = 'listening.mastodon-stream';
export const MASTODON_BOOSTS_JOB = 'listening.mastodon-boosts';

export interface LiveSourceConfig {
  /** Jetstream, e.g. wss://jetstream2.us-east.bsky.network (preferred when both are set: lighter). */
  jetstreamUrl?: string;
  /** A relay or PDS repo stream, e.g. wss://bsky.network. */
  relayUrl?: string;
  plcUrl?: string;
  /** For handles and display names, e.g. https://public.api.bsky.app. */
  appviewUrl?: string;
  /** Mastodon instances whose hashtag timelines are polled for the monitors' #hashtags. */
  mastodonInstances?: string[];
  /** Also follow those hashtags on the instances' streaming API (seconds instead of a minute). */
  mastodonStreaming?: boolean;
}

/** Reads the live-source settings from the environment; every source is off unless its address is set. */
export function liveSourceConfig(env: Record<string, string | undefined> = process.env): LiveSourceConfig {
  const v = (k: string) => env[k]?.trim() || undefined;
  const instances = (v('STEMME_MASTODON_INSTANCES') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const out: LiveSourceConfig = {};
  const jetstream = v('STEMME_BLUESKY_JETSTREAM_URL');
  const relay = v('STEMME_BLUESKY_RELAY_URL');
  const plc = v('STEMME_BLUESKY_PLC_URL');
  const appview = v('STEMME_BLUESKY_APPVIEW_URL');
  if (jetstream) out.jetstreamUrl = jetstream;
  if (relay) out.relayUrl = relay;
  if (plc) out.plcUrl = plc;
  if (appview) out.appviewUrl = appview;
  if (instances.length) out.mastodonInstances = instances;
  if (v('STEMME_MASTODON_STREAMING') === 'true') out.mastodonStreaming = true;
  return out;
}

/** Organisations with an active monitor that listens to the source (no sources listed: all of them). */
async function listeningOrgs(db: Db, source: SourceName): Promise<string[]> {
  const rows = await db
    .selectDistinct({ orgId: monitors.orgId })
    .from(monitors)
    .where(
      and(
        eq(monitors.active, true),
        sql`(cardinality(${monitors.sources}) = 0 or ${source} = any(${monitors.sources}))`,
      ),
    );
  return rows.map((r) => r.orgId);
}

export interface FanOutResult {
  orgs: number;
  stored: number;
  removed: number;
}

/**
 * The pipeline as the Sink of a global stream: per organisation listening to the source, the posts some
 * monitor matches are stored (language, sentiment, matches as the pipeline does them), then the reposts of
 * posts it has stored (src/listening/sources/reposts.ts); deletions are removed.
 */
export function fanOutSink(db: Db, source: SourceName, onBatch?: (r: FanOutResult) => void): Sink {
  return {
    async write(batch) {
      const orgs = await listeningOrgs(db, source);
      const result: FanOutResult = { orgs: orgs.length, stored: 0, removed: 0 };
      const now = new Date();
      for (const orgId of orgs) {
        // The whole pipeline (stories, influence, storms) for what the org's monitors match; a post's language
        // and sentiment are worked out once, for the first org whose monitors match it.
        if (batch.posts.length)
          result.stored += (await ingest(db, orgId, batch.posts, { now, matchedOnly: true })).stored;
      }
      // After the posts, so a repost of a post in this same batch finds it; one look-up for every org.
      const reposts = batch.reposts?.length ? await repostsOfStored(db, orgs, batch.reposts) : null;
      for (const orgId of orgs) {
        const kept = reposts?.get(orgId);
        if (kept) result.stored += (await ingest(db, orgId, kept, { now, matchedOnly: true })).stored;
        if (batch.deletes.length) result.removed += await removeMentions(db, orgId, batch.deletes);
      }
      onBatch?.(result);
    },
  };
}

/** Hashtags the active monitors listening to Mastodon ask for (`#tag` terms in their queries). */
export async function monitoredHashtags(db: Db): Promise<string[]> {
  const rows = await db
    .select({ query: monitors.query })
    .from(monitors)
    .where(
      and(
        eq(monitors.active, true),
        sql`(cardinality(${monitors.sources}) = 0 or 'mastodon' = any(${monitors.sources}))`,
      ),
    );
  const tags = new Set<string>();
  for (const { query } of rows) {
    // Inside quotes a # is part of a phrase, not a hashtag term.
    const unquoted = query.replace(/"[^"]*"/g, ' ');
    for (const m of unquoted.matchAll(/(?:^|[\s(])#([\p{L}\p{N}_]+)/gu)) tags.add(m[1]!.toLowerCase());
  }
  return [...tags].sort();
}

/**
 * What to search for to find every post a monitor can match: the presearcher's required keys (every matching
 * post has at least one of them). Words, #hashtags and @mentions become search terms; a query whose required
 * keys are only fields (author:, site:, lang: …) or that has none (only NOT) gives nothing to search for.
 */
export function searchKeywords(query: string): string[] {
  let required: ReturnType<typeof requiredKeys>;
  try {
    required = requiredKeys(parse(query));
  } catch {
    return [];
  }
  const out = new Set<string>();
  for (const k of required?.keys ?? []) {
    const key = k.key.replace(/[*?].*$/, '');
    if (key.length < (k.prefix ? 3 : 1)) continue;
    if (k.space === 'words') out.add(key);
    else if (k.space === 'hashtags') out.add(`#${key}`);
    else if (k.space === 'mentions') out.add(`@${key}`);
  }
  return [...out];
}

/** The pipeline as the Sink of one organisation's backfill: only posts one of its active monitors matches. */
export function matchedOnlySink(db: Db, orgId: string): Sink {
  return {
    async write(batch) {
      if (batch.posts.length) await ingest(db, orgId, batch.posts, { matchedOnly: true });
      const reposts = await repostsToIngest(db, orgId, batch.reposts);
      if (reposts.length) await ingest(db, orgId, reposts, { matchedOnly: true });
    },
  };
}

const backfillPayload = z.object({
  orgId: z.uuid(),
  monitorId: z.uuid(),
  days: z.number().int().min(1).max(30).default(7),
});

/** Queues a Bluesky search backfill for a monitor (once at a time per monitor). */
export function enqueueBlueskyBackfill(db: DbOrTx, orgId: string, monitorId: string, days = 7) {
  return enqueue(db, BLUESKY_BACKFILL_JOB, { orgId, monitorId, days }, { orgId, uniqueKey: monitorId });
}

/** Runs a stream until the signal aborts or the hold time is over, then stops it cleanly (cursor saved). */
export async function holdStream(
  stream: { start(): Promise<void>; stop(): Promise<void> },
  signal: AbortSignal,
  holdMs: number,
): Promise<void> {
  await stream.start();
  try {
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(done, holdMs);
      if (signal.aborted) done();
      signal.addEventListener('abort', done, { once: true });
    });
  } finally {
    await stream.stop();
  }
}

export interface LiveSourceJobOptions extends LiveSourceConfig {
  urlPolicy?: UrlPolicy;
  /** How long one run holds the stream before ending cleanly; default 10 minutes. */
  holdMs?: number;
  /** How often Mastodon is polled; default 60 s. */
  pollEveryMs?: number;
  /** How often Mastodon is asked who boosted the recent statuses stored; default 10 minutes. */
  boostsEveryMs?: number;
}

function logErrors(log: JobLogger, what: string) {
  let last = 0;
  return (err: unknown) => {
    // A reconnecting stream can fail many times a minute: one line every 10 s is enough.
    if (Date.now() - last < 10_000) return;
    last = Date.now();
    log.warn({ err: err instanceof Error ? err.message : String(err) }, what);
  };
}

/** The jobs for the configured live sources; none when nothing is configured. */
export function liveSourceJobs(opts: LiveSourceJobOptions = {}): JobDefinition<unknown>[] {
  const jobs: JobDefinition<unknown>[] = [];
  const policy = opts.urlPolicy ?? {};
  const holdMs = opts.holdMs ?? 10 * 60_000;
  if (opts.jetstreamUrl || opts.relayUrl) {
    const actors = new ActorResolver({
      ...(opts.appviewUrl ? { appview: opts.appviewUrl, fetch: guardedFetch(policy) } : {}),
      ...(opts.plcUrl ? { plcUrl: opts.plcUrl } : {}),
    });
    jobs.push(
      defineJob<Record<string, never>>({
        name: BLUESKY_STREAM_JOB,
        every: 1000,
        maxAttempts: 3,
        timeoutMs: holdMs + 60_000,
        async run(_payload, { db, log, signal }) {
          const state = new StreamStateStore(db);
          const sink = fanOutSink(db, 'bluesky');
          const onError = logErrors(log, 'Bluesky stream error');
          const common = {
            sink,
            state,
            actors,
            onError,
            ...policy,
            ...(opts.plcUrl ? { plcUrl: opts.plcUrl } : {}),
          };
          const stream = opts.jetstreamUrl
            ? new JetstreamStream({ url: opts.jetstreamUrl, ...common })
            : new RepoStream({ service: opts.relayUrl!, ...common });
          await holdStream(stream, signal, holdMs);
          log.info({ delivered: stream.delivered, cursor: stream.savedCursor }, 'Bluesky stream run ended');
        },
      }) as JobDefinition<unknown>,
    );
  }
  if (opts.appviewUrl) {
    const appview = opts.appviewUrl;
    jobs.push(
      defineJob({
        name: BLUESKY_BACKFILL_JOB,
        maxAttempts: 3,
        timeoutMs: 10 * 60_000,
        parse: (raw) => backfillPayload.parse(raw),
        async run({ orgId, monitorId, days }, { db, log, signal }) {
          const [monitor] = await db
            .select({ query: monitors.query, sources: monitors.sources })
            .from(monitors)
            .where(and(eq(monitors.id, monitorId), eq(monitors.orgId, orgId)));
          if (!monitor) throw new PermanentJobError('the monitor is gone');
          if (monitor.sources.length > 0 && !monitor.sources.includes('bluesky')) return;
          const keywords = searchKeywords(monitor.query);
          if (keywords.length === 0) return;
          const until = new Date();
          const result = await backfillSearch({
            appview,
            ...policy,
            keywords,
            since: new Date(until.getTime() - days * 86400_000),
            until,
            sink: matchedOnlySink(db, orgId),
            signal,
            known: async (ids) => {
              const rows = await db
                .select({ id: mentions.externalId })
                .from(mentions)
                .where(
                  and(
                    eq(mentions.orgId, orgId),
                    eq(mentions.source, 'bluesky'),
                    inArray(mentions.externalId, ids),
                  ),
                );
              return new Set(rows.map((r) => r.id));
            },
          });
          log.info({ monitorId, keywords: keywords.length, ...result }, 'Bluesky search backfill done');
        },
      }) as JobDefinition<unknown>,
    );
  }
  const instances = opts.mastodonInstances ?? [];
  if (instances.length) {
    jobs.push(
      defineJob<Record<string, never>>({
        name: MASTODON_POLL_JOB,
        every: opts.pollEveryMs ?? 60_000,
        maxAttempts: 3,
        timeoutMs: 10 * 60_000,
        async run(_payload, { db, log, signal }) {
          const tags = await monitoredHashtags(db);
          const state = new StreamStateStore(db);
          const sink = fanOutSink(db, 'mastodon');
          let delivered = 0;
          let failed = 0;
          for (const instance of instances) {
            for (const tag of tags) {
              try {
                const r = await pollTimeline({
                  instance,
                  timeline: { kind: 'tag', tag },
                  sink,
                  state,
                  maxPages: 5,
                  signal,
                  ...policy,
                });
                delivered += r.delivered;
              } catch (err) {
                // One instance or tag failing (its error is in the stream state) stops none of the others.
                failed++;
                log.warn(
                  { instance, tag, err: err instanceof Error ? err.message : String(err) },
                  'Mastodon poll failed',
                );
              }
            }
          }
          if (tags.length)
            log.info(
              { instances: instances.length, tags: tags.length, delivered, failed },
              'polled Mastodon',
            );
        },
      }) as JobDefinition<unknown>,
    );
  }
  if (instances.length) {
    // Boosts are on none of the timelines read above: asked for per recent stored status (reblogged-by.ts).
    jobs.push(
      defineJob<Record<string, never>>({
        name: MASTODON_BOOSTS_JOB,
        every: opts.boostsEveryMs ?? 10 * 60_000,
        maxAttempts: 2,
        timeoutMs: 10 * 60_000,
        async run(_payload, { db, log, signal }) {
          for (const instance of instances) {
            try {
              const r = await lookForBoosts({ db, instance, signal, ...policy });
              if (r.statuses || r.failed) log.info({ instance, ...r }, 'looked for Mastodon boosts');
            } catch (err) {
              log.warn(
                { instance, err: err instanceof Error ? err.message : String(err) },
                'looking for Mastodon boosts failed',
              );
            }
          }
        },
      }) as JobDefinition<unknown>,
    );
  }
  if (instances.length && opts.mastodonStreaming) {
    jobs.push(
      defineJob<Record<string, never>>({
        name: MASTODON_STREAM_JOB,
        every: 1000,
        maxAttempts: 3,
        timeoutMs: holdMs + 60_000,
        async run(_payload, { db, log, signal }) {
          const tags = await monitoredHashtags(db);
          if (tags.length === 0) return;
          const sink = fanOutSink(db, 'mastodon');
          const onError = logErrors(log, 'Mastodon stream error');
          const streams: MastodonStream[] = [];
          for (const instance of instances) {
            let streamingUrl: string;
            try {
              streamingUrl = await streamingUrlOf(instance, policy, signal);
            } catch (err) {
              onError(err);
              continue;
            }
            const seen = new RecentIds();
            for (const tag of tags)
              streams.push(
                new MastodonStream({
                  streamingUrl,
                  instance,
                  timeline: { kind: 'tag', tag },
                  sink,
                  seen,
                  onError,
                  ...policy,
                }),
              );
          }
          await holdStream(
            {
              start: async () => {
                await Promise.all(streams.map((s) => s.start()));
              },
              stop: async () => {
                await Promise.all(streams.map((s) => s.stop()));
              },
            },
            signal,
            holdMs,
          );
          const delivered = streams.reduce((n, s) => n + s.delivered, 0);
          log.info({ streams: streams.length, delivered }, 'Mastodon stream run ended');
        },
      }) as JobDefinition<unknown>,
    );
  }
  return jobs;
}
