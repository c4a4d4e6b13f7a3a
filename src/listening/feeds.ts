// RSS/Atom feeds an organisation follows: adding one (SSRF-checked; private addresses only where the instance
// allows them), polling due feeds with conditional GET and per-feed backoff, and handing new items to the pipeline.
// A feed's failure is recorded on that feed (visible in the UI) and never stops the others. An article another
// of the organisation's feeds already stored (a front page and a section feed carrying the same link) is not
// stored again: one article, one mention.
import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import { type Db, type DbOrTx, isServerDatabase, queryRows } from '../db/connect.ts';
import { pgArray } from '../db/pg-array.ts';
import { DomainError, fieldError } from '../errors.ts';
import { checkUrl, type SsrfOptions, UnsafeUrlError } from '../security/ssrf.ts';
import { recordAudit } from '../team/audit.ts';
import type { Actor } from '../team/auth.ts';
import { type IncomingPost, type IngestResult, ingest } from './pipeline.ts';
import { type FeedRow, feedItemsSeen, feeds, mentions } from './schema.ts';
import {
  DEFAULT_POLL_POLICY,
  type FeedItem,
  type FetchFeedOptions,
  fetchFeed,
  nextPollAt,
  type PollOutcome,
  type PollPolicy,
} from './sources/rss/index.ts';
import { mentionRefs } from './stories/schema.ts';
import { refKey, storyLink } from './stories/signature.ts';

/** Whether feed URLs may point at private addresses: the instance's STEMME_ALLOW_PRIVATE_NETWORKS. */
export type UrlPolicy = Pick<SsrfOptions, 'allowPrivate' | 'allowedAddresses'>;

export interface FeedView {
  id: string;
  url: string;
  title: string | null;
  status: 'waiting' | 'ok' | 'failing';
  lastError: string | null;
  lastErrorKind: string | null;
  consecutiveFailures: number;
  lastPolledAt: string | null;
  lastSuccessAt: string | null;
  nextPollAt: string;
  itemCount: number;
  /** Items skipped, all told: the same article was already stored from another feed. */
  sameArticleCount: number;
  createdAt: string;
  /** What the poll that returned this view found (only on "poll now"'s answer). */
  lastPoll?: PollSummary;
}

export function presentFeed(f: FeedRow): FeedView {
  return {
    id: f.id,
    url: f.url,
    title: f.title,
    status: f.consecutiveFailures > 0 ? 'failing' : f.lastSuccessAt ? 'ok' : 'waiting',
    lastError: f.lastError,
    lastErrorKind: f.lastErrorKind,
    consecutiveFailures: f.consecutiveFailures,
    lastPolledAt: f.lastPolledAt?.toISOString() ?? null,
    lastSuccessAt: f.lastSuccessAt?.toISOString() ?? null,
    nextPollAt: f.nextPollAt.toISOString(),
    itemCount: f.itemCount,
    sameArticleCount: f.sameArticleCount,
    createdAt: f.createdAt.toISOString(),
  };
}

function feedNotFound(): DomainError {
  return new DomainError('not_found', 'feed_not_found', 'No such feed in this organisation');
}

export async function feedOf(db: DbOrTx, orgId: string, id: string): Promise<FeedRow> {
  const [row] = await db
    .select()
    .from(feeds)
    .where(and(eq(feeds.id, id), eq(feeds.orgId, orgId)));
  if (!row) throw feedNotFound();
  return row;
}

export async function listFeeds(db: DbOrTx, orgId: string): Promise<FeedView[]> {
  const rows = await db.select().from(feeds).where(eq(feeds.orgId, orgId)).orderBy(asc(feeds.createdAt));
  return rows.map(presentFeed);
}

/** Refuses a URL the SSRF guard would refuse, naming the field. */
async function vetUrl(url: string, policy: UrlPolicy): Promise<string> {
  try {
    const checked = await checkUrl(url, { ...policy });
    return checked.url.href;
  } catch (err) {
    if (err instanceof UnsafeUrlError) throw fieldError('url', err.message, 'unsafe_url');
    throw err;
  }
}

export async function addFeed(
  db: Db,
  actor: Actor,
  input: { url: string; title?: string | null | undefined },
  policy: UrlPolicy = {},
): Promise<FeedView> {
  const url = await vetUrl(input.url.trim(), policy);
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: feeds.id })
      .from(feeds)
      .where(and(eq(feeds.orgId, actor.orgId), eq(feeds.url, url)));
    if (existing)
      throw new DomainError('conflict', 'feed_exists', 'url: this feed is already followed', {
        fields: { url: 'this feed is already followed' },
        feedId: existing.id,
      });
    const [row] = await tx
      .insert(feeds)
      .values({ orgId: actor.orgId, url, title: input.title?.trim() || null })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'feed.added',
      target: row.id,
      details: { url },
    });
    return presentFeed(row);
  });
}

export async function deleteFeed(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await feedOf(tx, actor.orgId, id);
    await tx.delete(feeds).where(and(eq(feeds.id, id), eq(feeds.orgId, actor.orgId)));
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'feed.removed',
      target: id,
      details: { url: row.url },
    });
  });
}

export interface PollOptions {
  urlPolicy?: UrlPolicy;
  fetch?: Omit<FetchFeedOptions, 'allowPrivate' | 'allowedAddresses'>;
  policy?: PollPolicy;
  now?: () => Date;
}

export interface PollReport {
  feedId: string;
  status: 'ok' | 'not_modified' | 'error';
  /** Items this feed had not delivered before. */
  newItems: number;
  /**
   * Of the new items, those not stored because another of the organisation's feeds already stored the same
   * article (same link, normalised): they count as seen for this feed all the same.
   */
  sameArticle: number;
  ingest?: IngestResult;
  error?: string;
}

/** A poll's outcome as "poll now" answers it. */
export interface PollSummary {
  status: PollReport['status'];
  newItems: number;
  sameArticle: number;
  /** New mentions stored. */
  stored: number;
}

const SEEN_CHUNK = 500;

function itemToPost(feed: FeedRow, item: FeedItem): IncomingPost {
  return {
    id: `${feed.id}:${item.id}`,
    text: item.text,
    source: 'rss',
    feedId: feed.id,
    ...(item.title ? { title: item.title } : {}),
    ...(item.author ? { author: item.author } : {}),
    ...(item.url ? { url: item.url } : {}),
    links: item.links,
    ...(item.lang ? { lang: item.lang } : {}),
    publishedAt: item.publishedAt,
  };
}

/** Item GUIDs of `guids` the feed has not delivered before. */
async function unseen(db: DbOrTx, feedId: string, guids: string[]): Promise<Set<string>> {
  const fresh = new Set(guids);
  for (let i = 0; i < guids.length; i += SEEN_CHUNK) {
    const rows = await db
      .select({ guid: feedItemsSeen.guid })
      .from(feedItemsSeen)
      .where(
        and(eq(feedItemsSeen.feedId, feedId), inArray(feedItemsSeen.guid, guids.slice(i, i + SEEN_CHUNK))),
      );
    for (const r of rows) fresh.delete(r.guid);
  }
  return fresh;
}

/**
 * The article an item is, for telling two feeds' copies apart: its link, normalised; none without a link or
 * with a link to a bare site (some feeds link every item to their homepage).
 */
function articleKey(item: FeedItem): string | null {
  const k = item.url && storyLink(item.url) ? refKey(item.url) : null;
  return k && !k.includes('\u0000') ? k : null;
}

/**
 * Article keys of `keys` the organisation already stored as a mention from a feed other than `feed` (or a
 * feed since removed): one look-up in the mentions' own addresses (mention_refs, kind 'self').
 */
async function storedFromOtherFeeds(db: DbOrTx, feed: FeedRow, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await queryRows<{ target: string }>(
    db,
    sql`select distinct r.target
      from ${mentionRefs} r join ${mentions} m on m.id = r.mention_id
      where r.org_id = ${feed.orgId} and r.kind = 'self' and r.target = any(${pgArray(keys)}::text[])
        and m.source = 'rss' and m.feed_id is distinct from ${feed.id}::uuid`,
  );
  return new Set(rows.map((r) => r.target));
}

/**
 * Per organisation, the take-in step of the polls under way: one at a time, so that of two feeds polled together
 * carrying the same article, the second sees the first one's mention. In this process by a promise chain; across
 * processes sharing a PostgreSQL server (several workers) also by an advisory lock, held by a transaction of its
 * own while the work runs on other connections (PGlite serves one process only).
 */
const takingIn = new WeakMap<object, Map<string, Promise<unknown>>>();

async function oneAtATime<T>(db: Db, orgId: string, work: () => Promise<T>): Promise<T> {
  const locked = () =>
    isServerDatabase(db)
      ? db.transaction(async (tx) => {
          await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`feeds.take-in:${orgId}`}))`);
          return work();
        })
      : work();
  // The chain is per database handle: one per process (tests play two processes with two handles).
  let chains = takingIn.get(db);
  if (!chains) {
    chains = new Map();
    takingIn.set(db, chains);
  }
  const run = (chains.get(orgId) ?? Promise.resolve()).then(locked);
  const settled = run.catch(() => {});
  chains.set(orgId, settled);
  try {
    return await run;
  } finally {
    if (chains.get(orgId) === settled) chains.delete(orgId);
  }
}

/**
 * A fetched feed's items taken in: the ones it has not delivered before, less the articles another feed of
 * the organisation already stored, through the pipeline; then all of them marked seen for this feed.
 */
async function takeIn(
  db: Db,
  feed: FeedRow,
  fetched: FeedItem[],
): Promise<{ newItems: number; sameArticle: number; result: IngestResult }> {
  const items = fetched.filter((i) => i.id).map((i) => ({ ...i, id: i.id.slice(0, 1_000) }));
  const fresh = await unseen(db, feed.id, [...new Set(items.map((i) => i.id))]);
  const newItems = items.filter((i) => fresh.delete(i.id));
  const elsewhere = await storedFromOtherFeeds(db, feed, [
    ...new Set(newItems.map(articleKey).filter((k): k is string => k !== null)),
  ]);
  const toStore = newItems.filter((i) => {
    const k = articleKey(i);
    return !(k && elsewhere.has(k));
  });
  const result = await ingest(
    db,
    feed.orgId,
    toStore.map((i) => itemToPost(feed, i)),
  );
  // Marked seen only once stored: a crash in between re-reads the items, and mentions de-duplicate them. The
  // skipped ones too, or they would be offered again at every poll.
  for (let i = 0; i < newItems.length; i += SEEN_CHUNK)
    await db
      .insert(feedItemsSeen)
      .values(
        newItems.slice(i, i + SEEN_CHUNK).map((it) => ({ orgId: feed.orgId, feedId: feed.id, guid: it.id })),
      )
      .onConflictDoNothing();
  return { newItems: newItems.length, sameArticle: newItems.length - toStore.length, result };
}

/**
 * Polls one feed: conditional GET, new items through the pipeline, then the feed's state (validators,
 * backoff, error) saved. Never throws for the feed's own failure.
 */
export async function pollFeed(db: Db, feed: FeedRow, opts: PollOptions = {}): Promise<PollReport> {
  const now = opts.now ?? (() => new Date());
  const policy = opts.policy ?? DEFAULT_POLL_POLICY;
  let outcome: PollOutcome;
  let report: PollReport;
  const patch: Partial<typeof feeds.$inferInsert> = {};
  try {
    const res = await fetchFeed(
      { url: feed.url, etag: feed.etag, lastModified: feed.lastModified },
      { ...opts.fetch, ...opts.urlPolicy },
    );
    if (res.status === 'error') {
      outcome = {
        kind: 'error',
        ...(res.httpStatus !== undefined ? { httpStatus: res.httpStatus } : {}),
        ...(res.retryAfterMs !== undefined ? { retryAfterMs: res.retryAfterMs } : {}),
      };
      patch.lastError = res.message;
      patch.lastErrorKind = res.kind;
      report = { feedId: feed.id, status: 'error', newItems: 0, sameArticle: 0, error: res.message };
    } else if (res.status === 'not_modified') {
      outcome = { kind: 'not_modified' };
      report = { feedId: feed.id, status: 'not_modified', newItems: 0, sameArticle: 0 };
    } else {
      const taken = await oneAtATime(db, feed.orgId, () => takeIn(db, feed, res.items));
      const result = taken.result;
      outcome = { kind: 'ok' };
      patch.etag = res.etag;
      patch.lastModified = res.lastModified;
      patch.itemCount = feed.itemCount + result.stored;
      if (taken.sameArticle > 0) patch.sameArticleCount = feed.sameArticleCount + taken.sameArticle;
      if (!feed.title && res.title) patch.title = res.title.slice(0, 500);
      report = {
        feedId: feed.id,
        status: 'ok',
        newItems: taken.newItems,
        sameArticle: taken.sameArticle,
        ingest: result,
      };
    }
  } catch (err) {
    // Anything unexpected (a database hiccup while storing) counts against this feed only.
    outcome = { kind: 'error' };
    const message = `Could not take in the feed's items (${err instanceof Error ? err.message : String(err)})`;
    patch.lastError = message;
    patch.lastErrorKind = 'internal';
    report = { feedId: feed.id, status: 'error', newItems: 0, sameArticle: 0, error: message };
  }
  const at = now();
  const next = nextPollAt({ failures: feed.consecutiveFailures }, outcome, at, policy);
  if (outcome.kind !== 'error') {
    patch.lastError = null;
    patch.lastErrorKind = null;
    patch.lastSuccessAt = at;
  }
  await db
    .update(feeds)
    .set({ ...patch, lastPolledAt: at, nextPollAt: next.at, consecutiveFailures: next.state.failures })
    .where(eq(feeds.id, feed.id));
  return report;
}

/** Polls every feed that is due (all organisations), a few at a time. */
export async function pollDueFeeds(
  db: Db,
  opts: PollOptions & { limit?: number; concurrency?: number; signal?: AbortSignal } = {},
): Promise<PollReport[]> {
  const now = opts.now ?? (() => new Date());
  const due = await db
    .select()
    .from(feeds)
    .where(lte(feeds.nextPollAt, now()))
    .orderBy(asc(feeds.nextPollAt))
    .limit(opts.limit ?? 100);
  const reports: PollReport[] = [];
  let next = 0;
  const worker = async () => {
    while (next < due.length && !opts.signal?.aborted) {
      const feed = due[next++]!;
      try {
        reports.push(
          await pollFeed(db, feed, {
            ...opts,
            fetch: { ...opts.fetch, ...(opts.signal ? { signal: opts.signal } : {}) },
          }),
        );
      } catch (err) {
        // Even saving the feed's state failed (the database went away): report it, go on with the others.
        reports.push({ feedId: feed.id, status: 'error', newItems: 0, sameArticle: 0, error: String(err) });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency ?? 4, due.length) }, worker));
  return reports;
}

/** Polls one feed now, whatever its schedule ("poll now" in the UI), and says what the poll found. */
export async function pollFeedNow(
  db: Db,
  orgId: string,
  id: string,
  opts: PollOptions = {},
): Promise<FeedView> {
  const feed = await feedOf(db, orgId, id);
  const report = await pollFeed(db, feed, opts);
  return {
    ...presentFeed(await feedOf(db, orgId, id)),
    lastPoll: {
      status: report.status,
      newItems: report.newItems,
      sameArticle: report.sameArticle,
      stored: report.ingest?.stored ?? 0,
    },
  };
}
