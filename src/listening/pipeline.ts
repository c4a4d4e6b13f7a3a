// The listening pipeline: every source (RSS now; Bluesky and Mastodon later) hands normalised posts to
// `ingest`, which detects the language (nb/nn split), scores sentiment, matches the organisation's active
// monitors through the presearching index, and stores each mention once per org + source + external id with
// the monitors it matched. Enrichment is pure and synchronous; storage is one batched insert per chunk.
import { and, eq, or, sql } from 'drizzle-orm';
import { type Db, type DbOrTx, isServerDatabase, queryRows } from '../db/connect.ts';
import { liveParents } from '../db/parents.ts';
import { pgArray } from '../db/pg-array.ts';
import { activeMonitors, type MonitorSet } from './monitor-set.ts';
import { detectLanguage, sentiment } from './nlp/index.ts';
import { langCodes } from './query/fields.ts';
import { type Post, tokenize } from './query/index.ts';
import { mentionMatches, mentions } from './schema.ts';
import type { Sink, SourceDelete } from './sources/bluesky/sink.ts';
import { repostsToIngest } from './sources/reposts.ts';
import { refreshStories } from './stories/cluster.ts';
import { afterStored, storiesOfMentions, storyFeatures } from './stories/index.ts';
import type { PostFeatures } from './stories/signature.ts';
import { evaluateStorms } from './storms/detect.ts';

export const SOURCES = ['bluesky', 'mastodon', 'rss'] as const;
export type SourceName = (typeof SOURCES)[number];

/**
 * A post as sources deliver it: the matcher's Post (src/listening/query/post.ts) with `id` the source's own
 * id, plus where it came from and when it was published.
 */
export interface IncomingPost extends Post {
  source: SourceName;
  publishedAt?: Date | null;
  /** RSS: the feed it came from. */
  feedId?: string | null;
  /** The post it replies to, quotes or reposts (the source's id or address), where the source tells. */
  replyTo?: string | null;
  quoteOf?: string | null;
  repostOf?: string | null;
  /** Other addresses of this same post, by which replies and quotes may name it. */
  aliases?: readonly string[] | null;
  /** The author's follower count, where the source tells (shown; weighs little in influence). */
  authorFollowers?: number | null;
}

export interface EnrichedPost {
  post: IncomingPost;
  lang: string;
  langConfidence: number;
  sentiment: 'positive' | 'negative' | 'neutral';
  sentimentScore: number;
  at: Date;
  monitorIds: string[];
  /** What the story clusterer keys the post by, worked out during enrichment (pure CPU, overlapping I/O). */
  features?: PostFeatures;
}

export interface IngestOptions {
  /** The pipeline's clock (tests replay recorded days); defaults to the wall clock. */
  now?: Date;
  /**
   * Store only the posts one of the organisation's active monitors matches (the live streams: a firehose is
   * mostly about other things). Feeds an organisation chose store every item.
   */
  matchedOnly?: boolean;
}

export interface IngestResult {
  received: number;
  /** New mentions stored. */
  stored: number;
  /** Already stored (same org, source and external id). */
  duplicates: number;
  /** Mention–monitor pairs stored. */
  matches: number;
  /** Matched no monitor, so not stored (`matchedOnly`). */
  unmatched?: number;
}

/** What `store` inserted: each new mention's id with its enriched post. */
export interface StoredMention {
  id: string;
  e: EnrichedPost;
}

const MAX_TEXT = 20_000;
const MAX_TITLE = 1_000;
const MAX_LINKS = 50;
const CHUNK = 500;
const NORWEGIAN = new Set(['no', 'nb', 'nn']);
const SCANDINAVIAN = new Set(['da', 'nb', 'nn']);
/** A declared language is trusted over detection below this confidence. */
const TRUST_DETECTION = 0.5;

/** Whether a text holds a control character (\p{Cc}) other than tab and newline. */
function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a) || (c >= 0x7f && c <= 0x9f)) return true;
  }
  return false;
}

function clean(text: string | undefined | null, max: number): string {
  if (!text) return '';
  // Control characters (other than tab and newline) make no sense in a post and NUL breaks PostgreSQL text.
  // (A plain scan finds them first: most texts have none, and the Unicode expression costs more.)
  const t = (
    hasControl(text) ? text.replace(/\p{Cc}/gu, (c) => (c === '\n' || c === '\t' ? c : ' ')) : text
  ).trim();
  return t.length > max ? t.slice(0, max) : t;
}

/** Normalises a post's fields: trimmed, capped, control characters gone. */
export function normalisePost(post: IncomingPost): IncomingPost {
  const title = clean(post.title, MAX_TITLE);
  const author = clean(post.author, 300);
  const url = clean(post.url, 2_000);
  return {
    ...post,
    id: clean(post.id, 1_000),
    text: clean(post.text, MAX_TEXT),
    ...(title ? { title } : { title: undefined }),
    ...(author ? { author } : { author: undefined }),
    ...(url ? { url } : { url: undefined }),
    links: [...new Set((post.links ?? []).map((l) => clean(l, 2_000)).filter(Boolean))].slice(0, MAX_LINKS),
  };
}

/** Language: detection over title and text; a declared language settles short or unclear texts. */
export function languageOf(post: Post): { lang: string; confidence: number } {
  const detected = detectLanguage(post.title ? `${post.title}. ${post.text}` : post.text);
  const declared = post.lang ? langCodes(post.lang)[0] : undefined;
  if (!declared || declared === 'und') return detected;
  if (detected.lang === 'und') return { lang: declared, confidence: 0.5 };
  // Danish and Norwegian are where detection errs most on short texts: a Norwegian declaration (a feed's
  // <language>) settles Danish-or-Norwegian, and detection only splits bokmål from nynorsk ("no" says neither).
  if (NORWEGIAN.has(declared) && SCANDINAVIAN.has(detected.lang)) {
    if (detected.lang === 'nb' || detected.lang === 'nn') return detected;
    return { lang: declared === 'no' ? 'nb' : declared, confidence: 0.5 };
  }
  if (declared === 'da' && SCANDINAVIAN.has(detected.lang) && detected.confidence < 0.8)
    return { lang: 'da', confidence: 0.5 };
  if (detected.confidence < TRUST_DETECTION) return { lang: declared, confidence: 0.5 };
  return detected;
}

/** Language and sentiment of a post: the same for every organisation, so worked out once per post object. */
interface Analysis {
  post: IncomingPost;
  lang?: { lang: string; confidence: number };
  sentiment?: { label: EnrichedPost['sentiment']; score: number };
}
const analyses = new WeakMap<IncomingPost, Analysis>();

function analysisOf(post: IncomingPost): Analysis {
  let a = analyses.get(post);
  if (!a) {
    a = { post: normalisePost(post) };
    analyses.set(post, a);
  }
  return a;
}

function languageOfAnalysed(a: Analysis): { lang: string; confidence: number } {
  a.lang ??= languageOf(a.post);
  return a.lang;
}

function enriched(a: Analysis, monitorIds: string[], now: Date): EnrichedPost {
  const p = a.post;
  const { lang, confidence } = languageOfAnalysed(a);
  if (!a.sentiment) {
    const s = sentiment(p.title ? `${p.title}. ${p.text}` : p.text, lang);
    a.sentiment = { label: s.label, score: s.score };
  }
  return {
    post: p,
    lang,
    langConfidence: confidence,
    sentiment: a.sentiment.label,
    sentimentScore: a.sentiment.score,
    at: p.publishedAt && !Number.isNaN(p.publishedAt.getTime()) && p.publishedAt <= now ? p.publishedAt : now,
    monitorIds,
  };
}

/** Monitors of the set that match the post; its language is detected only if a monitor needs it. */
function matchAnalysed(a: Analysis, monitorSet: MonitorSet | null): string[] {
  if (!monitorSet || monitorSet.size === 0) return [];
  const p = a.post;
  const lang = () => languageOfAnalysed(a).lang;
  // `lang:` terms read the language through this getter, so a post no monitor could match skips detection.
  const matchable: Post = {
    id: p.id,
    text: p.text,
    ...(p.title !== undefined && { title: p.title }),
    ...(p.author !== undefined && { author: p.author }),
    ...(p.url !== undefined && { url: p.url }),
    ...(p.links !== undefined && { links: p.links }),
    source: p.source,
    get lang() {
      return lang();
    },
  };
  return monitorSet.match(tokenize(matchable), p.source, lang);
}

/** Language, sentiment and matching monitors of one post: the CPU part of the pipeline. */
export function enrich(post: IncomingPost, monitorSet: MonitorSet | null, now = new Date()): EnrichedPost {
  const a = analysisOf(post);
  return enriched(a, matchAnalysed(a, monitorSet), now);
}

/**
 * As `enrich`, for a post that is kept only if a monitor matches it: null otherwise, and then its language
 * and sentiment are never worked out (most posts of a firehose match nothing).
 */
export function enrichMatched(
  post: IncomingPost,
  monitorSet: MonitorSet | null,
  now = new Date(),
): EnrichedPost | null {
  const a = analysisOf(post);
  const ids = matchAnalysed(a, monitorSet);
  return ids.length ? enriched(a, ids, now) : null;
}

/** Stores enriched posts: new mentions and their matches; duplicates are skipped. */
export async function store(
  db: Db,
  orgId: string,
  enriched: readonly EnrichedPost[],
  /** Filled with the mentions inserted now (for the stories hook, which then need not look them up). */
  inserted?: StoredMention[],
): Promise<IngestResult> {
  const result: IngestResult = { received: enriched.length, stored: 0, duplicates: 0, matches: 0 };
  for (let i = 0; i < enriched.length; i += CHUNK) {
    // One source may deliver the same id twice in a batch; the first wins, as with stored duplicates.
    const chunk = dedupe(enriched.slice(i, i + CHUNK));
    result.duplicates += Math.min(CHUNK, enriched.length - i) - chunk.length;
    if (chunk.length === 0) continue;
    const r = await db.transaction(async (tx) => {
      await relaxedCommit(db, tx);
      const r = { stored: 0, duplicates: 0, matches: 0, inserted: [] as StoredMention[] };
      // One statement of a few array parameters (unnest) rather than 14 parameters a row: far less work for
      // the query builder, the driver and the server's parser (PGlite especially).
      const rows = await queryRows<{ id: string; source: string; external_id: string }>(
        tx,
        sql`insert into ${mentions} (org_id, source, external_id, feed_id, url, title, text, author, links, lang,
            lang_confidence, sentiment, sentiment_score, at)
          select ${orgId}::uuid, t.source, t.external_id, t.feed_id, t.url, t.title, t.text, t.author,
            t.links::text[], t.lang, t.lang_confidence, t.sentiment, t.sentiment_score, t.at
          from unnest(${pgArray(chunk.map((e) => e.post.source))}::text[],
            ${pgArray(chunk.map((e) => e.post.id))}::text[],
            ${pgArray(chunk.map((e) => e.post.feedId ?? null))}::uuid[],
            ${pgArray(chunk.map((e) => e.post.url ?? null))}::text[],
            ${pgArray(chunk.map((e) => e.post.title ?? null))}::text[],
            ${pgArray(chunk.map((e) => e.post.text))}::text[],
            ${pgArray(chunk.map((e) => e.post.author ?? null))}::text[],
            ${pgArray(chunk.map((e) => pgArray(e.post.links ?? [])))}::text[],
            ${pgArray(chunk.map((e) => e.lang))}::text[],
            ${pgArray(chunk.map((e) => String(e.langConfidence)))}::float8[],
            ${pgArray(chunk.map((e) => e.sentiment))}::text[],
            ${pgArray(chunk.map((e) => String(e.sentimentScore)))}::float8[],
            ${pgArray(chunk.map((e) => e.at.toISOString()))}::timestamptz[])
            as t(source, external_id, feed_id, url, title, text, author, links, lang, lang_confidence, sentiment,
              sentiment_score, at)
          on conflict (org_id, source, external_id) do nothing
          returning id, source, external_id`,
      );
      r.stored = rows.length;
      r.duplicates = chunk.length - rows.length;
      const byKey = new Map(chunk.map((e) => [`${e.post.source}\u0000${e.post.id}`, e]));
      // The monitors are the ones just loaded; one may have been deleted since. They are looked up (and locked,
      // as a foreign key would) once per chunk: a deleted one's matches are skipped, and a delete now waits for
      // this transaction, whose matches its trigger then removes (migration 0017).
      const named = new Set<string>();
      for (const row of rows)
        for (const id of byKey.get(`${row.source}\u0000${row.external_id}`)!.monitorIds) named.add(id);
      const live = await liveParents(tx, 'monitors', named);
      const monitorIds: string[] = [];
      const mentionIds: string[] = [];
      const ats: string[] = [];
      const sentiments: string[] = [];
      for (const row of rows) {
        const e = byKey.get(`${row.source}\u0000${row.external_id}`)!;
        r.inserted.push({ id: row.id, e });
        const at = e.at.toISOString();
        for (let k = 0; k < e.monitorIds.length; k++) {
          const monitorId = e.monitorIds[k]!;
          // A monitor named twice is stored once (the mention is new, so nothing else can conflict).
          if (!live.has(monitorId) || (k > 0 && e.monitorIds.indexOf(monitorId) < k)) continue;
          monitorIds.push(monitorId);
          mentionIds.push(row.id);
          ats.push(at);
          sentiments.push(e.sentiment);
        }
      }
      for (let j = 0; j < monitorIds.length; j += CHUNK * 2) {
        const part = (a: string[]) => pgArray(a.slice(j, j + CHUNK * 2));
        // No conflict clause: the mentions are new in this transaction, so their matches are too.
        await tx.execute(sql`
          insert into ${mentionMatches} (org_id, monitor_id, mention_id, at, sentiment)
          select ${orgId}::uuid, v.monitor_id, v.mention_id, v.at, v.sentiment
          from unnest(${part(monitorIds)}::uuid[], ${part(mentionIds)}::uuid[], ${part(ats)}::timestamptz[],
            ${part(sentiments)}::text[]) as v(monitor_id, mention_id, at, sentiment)`);
      }
      r.matches = monitorIds.length;
      return r;
    });
    result.stored += r.stored;
    result.duplicates += r.duplicates;
    result.matches += r.matches;
    inserted?.push(...r.inserted);
  }
  return result;
}

/**
 * The pipeline's transactions commit without waiting for their WAL to reach the disk (PostgreSQL's
 * `synchronous_commit = off`, for this transaction only): a crash can lose the last fraction of a second of them,
 * never a part of one. A stream saves its cursor afterwards with a normal commit, which flushes every earlier
 * commit's WAL first, so a saved cursor never points past mentions that were lost; after a crash the stream
 * replays from it. Saves the commit's flush wait and a little server CPU per batch.
 */
export async function relaxedCommit(db: Db, tx: DbOrTx): Promise<void> {
  // PGlite has no WAL flush to wait for: the statement would only cost a round trip.
  if (isServerDatabase(db)) await tx.execute(sql`set local synchronous_commit = off`);
}

function dedupe(chunk: EnrichedPost[]): EnrichedPost[] {
  const seen = new Set<string>();
  return chunk.filter((e) => {
    const key = `${e.post.source}\u0000${e.post.id}`;
    if (seen.has(key) || !e.post.id) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The pipeline's entry point for every source: enrich the posts, match the organisation's active monitors,
 * store the new mentions and their matches.
 */
export async function ingest(
  db: Db,
  orgId: string,
  posts: readonly IncomingPost[],
  opts: IngestOptions = {},
): Promise<IngestResult> {
  if (posts.length === 0) return { received: 0, stored: 0, duplicates: 0, matches: 0 };
  const monitorSet = await activeMonitors(db, orgId);
  const now = opts.now ?? new Date();
  const result: IngestResult = { received: posts.length, stored: 0, duplicates: 0, matches: 0 };
  if (opts.matchedOnly) result.unmatched = 0;
  // Posts already stored (a stream replaying after a reconnect) skip the enrichment; the insert's conflict
  // clause still catches any that arrive meanwhile. Matched-only batches are checked after matching, so only
  // what matched is looked up.
  let input = posts;
  const hit = new Set<string>();
  if (!opts.matchedOnly) {
    const stored = await storedIds(db, orgId, posts);
    if (stored.known.size) {
      input = posts.filter((p) => !stored.known.has(`${p.source}\u0000${p.id}`));
      result.duplicates += posts.length - input.length;
      await repairStories(db, orgId, posts, stored, monitorSet, now, hit);
    }
  }
  // A big batch goes in chunks that flow through three stages: enrichment (language, sentiment, matching; in
  // small slices that let database replies in), the store (mentions and matches) and the stories step
  // (authors, references, clusters). Each stage takes the chunks in order, one at a time, but the stages
  // overlap: while chunk k is clustered, chunk k+1 is stored and chunk k+2 enriched, so the application and
  // the database work at the same time.
  let storing: Promise<unknown> = Promise.resolve();
  let clustering: Promise<unknown> = Promise.resolve();
  for (let i = 0; i < input.length; i += CHUNK) {
    const chunk = input.slice(i, i + CHUNK);
    const enriched: EnrichedPost[] = [];
    for (let j = 0; j < chunk.length; j += SLICE) {
      if (j > 0) await yieldToIo();
      for (const p of chunk.slice(j, j + SLICE)) {
        const e = opts.matchedOnly ? enrichMatched(p, monitorSet, now) : enrich(p, monitorSet, now);
        if (!e) {
          result.unmatched!++;
          continue;
        }
        e.features = storyFeatures(e.post);
        enriched.push(e);
      }
    }
    // At most one chunk waits for the store: enrichment does not run far ahead.
    await storing;
    const stored = storeStage(db, orgId, enriched, result, hit, opts, monitorSet, now);
    const previous = clustering;
    clustering = Promise.all([stored, previous]).then(([s]) => storiesStage(db, orgId, s, hit));
    storing = stored;
    // Awaited later; marked handled now so a failure meanwhile is not reported as unhandled.
    stored.catch(() => {});
    clustering.catch(() => {});
  }
  await storing;
  await clustering;
  // Storms are judged right after the mentions are stored, for the monitors that got new ones.
  if (hit.size > 0) await evaluateStorms(db, orgId, [...hit], now);
  return result;
}

/** Posts enriched between two looks at the event loop (so database replies are handled promptly). */
const SLICE = 50;
const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

interface StoredChunk {
  fresh: EnrichedPost[];
  inserted: StoredMention[];
  matches: number;
}

/**
 * The store stage of a chunk: store mentions and matches. Matched-only batches (the streams) are not looked up
 * first: the insert skips what is stored, and only when it skipped something (a stream replaying after a
 * reconnect) are those posts checked for a stories step that never ran.
 */
async function storeStage(
  db: Db,
  orgId: string,
  chunk: EnrichedPost[],
  result: IngestResult,
  hit: Set<string>,
  opts: IngestOptions,
  monitorSet: MonitorSet,
  now: Date,
): Promise<StoredChunk> {
  if (chunk.length === 0) return { fresh: chunk, inserted: [], matches: 0 };
  const inserted: StoredMention[] = [];
  const r = await store(db, orgId, chunk, inserted);
  result.stored += r.stored;
  result.duplicates += r.duplicates;
  result.matches += r.matches;
  if (opts.matchedOnly && r.duplicates > 0) {
    // Not inserted now: stored before (or twice in this chunk, when the first copy is among the inserted).
    const insertedNow = new Set(inserted.map((m) => `${m.e.post.source}\u0000${m.e.post.id}`));
    const again = chunk.map((e) => e.post).filter((p) => !insertedNow.has(`${p.source}\u0000${p.id}`));
    if (again.length)
      await repairStories(db, orgId, again, await storedIds(db, orgId, again), monitorSet, now, hit);
  }
  return { fresh: inserted.map((m) => m.e), inserted, matches: r.matches };
}

/** The stories stage of a chunk: authors, references and story clusters of the mentions stored now. */
async function storiesStage(db: Db, orgId: string, s: StoredChunk, hit: Set<string>): Promise<void> {
  if (s.inserted.length > 0) await afterStored(db, orgId, s.fresh, s.inserted);
  if (s.matches > 0) for (const id of matchedMonitors(s.fresh)) hit.add(id);
}

function matchedMonitors(enriched: readonly EnrichedPost[]): string[] {
  const ids = new Set<string>();
  for (const e of enriched) for (const id of e.monitorIds) ids.add(id);
  return [...ids];
}

interface Stored {
  /** `source\0externalId` of the posts already stored for the organisation. */
  known: Set<string>;
  /** Of those, the ones without a story: the batch that stored them failed after the store (retried now). */
  unclustered: Set<string>;
}

async function storedIds(db: Db, orgId: string, posts: readonly IncomingPost[]): Promise<Stored> {
  const out: Stored = { known: new Set(), unclustered: new Set() };
  const bySource = new Map<string, string[]>();
  for (const p of posts) {
    const list = bySource.get(p.source);
    if (list) list.push(p.id);
    else bySource.set(p.source, [p.id]);
  }
  for (const [source, ids] of bySource)
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows = await queryRows<{ id: string; clustered: boolean }>(
        db,
        sql`select m.external_id as id,
            exists (select 1 from story_members sm where sm.mention_id = m.id) as clustered
          from ${mentions} m
          where m.org_id = ${orgId} and m.source = ${source}
            and m.external_id = any(${pgArray(ids.slice(i, i + CHUNK))}::text[])`,
      );
      for (const r of rows) {
        const key = `${source}\u0000${r.id}`;
        out.known.add(key);
        if (!r.clustered) out.unclustered.add(key);
      }
    }
  return out;
}

/**
 * Posts that were stored but never reached the stories step (that step failed after the store committed):
 * it runs for them now, so a retried batch leaves no mention outside a story.
 */
async function repairStories(
  db: Db,
  orgId: string,
  posts: readonly IncomingPost[],
  stored: Stored,
  monitorSet: MonitorSet,
  now: Date,
  hit: Set<string>,
): Promise<void> {
  if (stored.unclustered.size === 0) return;
  const again = posts
    .filter((p) => stored.unclustered.has(`${p.source}\u0000${p.id}`))
    .map((p) => enrich(p, monitorSet, now));
  await afterStored(db, orgId, again);
  for (const id of matchedMonitors(again)) hit.add(id);
}

/** Removes mentions their source has deleted (their matches go with them). */
export async function removeMentions(
  db: Db,
  orgId: string,
  deletes: readonly Pick<SourceDelete, 'source' | 'externalId'>[],
): Promise<number> {
  let removed = 0;
  for (let i = 0; i < deletes.length; i += CHUNK) {
    const part = deletes.slice(i, i + CHUNK);
    const where = and(
      eq(mentions.orgId, orgId),
      or(...part.map((d) => and(eq(mentions.source, d.source), eq(mentions.externalId, d.externalId)))),
    );
    // Their stories shrink (or go, when empty): recounted after the delete.
    const stories = await storiesOfMentions(db, where);
    const rows = await db.delete(mentions).where(where).returning({ id: mentions.id });
    if (stories.length) await refreshStories(db, orgId, stories);
    removed += rows.length;
  }
  return removed;
}

/**
 * The pipeline as a live source's Sink (src/listening/sources/bluesky/sink.ts), for one organisation: its posts,
 * then the reposts of posts the organisation has stored (src/listening/sources/reposts.ts), then deletions.
 */
export function pipelineSink(db: Db, orgId: string): Sink {
  return {
    async write(batch) {
      await ingest(db, orgId, batch.posts);
      const reposts = await repostsToIngest(db, orgId, batch.reposts);
      if (reposts.length) await ingest(db, orgId, reposts);
      if (batch.deletes.length) await removeMentions(db, orgId, batch.deletes);
    },
  };
}
