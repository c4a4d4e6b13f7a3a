// Reading stories and authors: the stories list (filters: monitor, time, minimum size), one story with its
// posts, sources, languages and sentiment over time; the authors list by influence (filters: monitor,
// source, name) and one author with their mentions, the score's parts and who engaged with them.
import { and, desc, eq, gte, ilike, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/connect.ts';
import { DomainError } from '../../errors.ts';
import { orgs, users } from '../../team/schema.ts';
import { computeInfluence, engagementEdges } from '../influence/compute.ts';
import type { EngagementKind } from '../influence/score.ts';
import { monitorOf } from '../monitors.ts';
import { mentionMatches, mentions, monitors } from '../schema.ts';
import { authorHandle } from './index.ts';
import {
  type AuthorRow,
  authors,
  type InfluencePart,
  type StoryRow,
  stories,
  storyMembers,
} from './schema.ts';

type Sentiment = 'positive' | 'negative' | 'neutral';

const notFound = (what: 'story' | 'author') =>
  new DomainError('not_found', `${what}_not_found`, `${what}: not found in this organisation`);

export interface StoryView {
  id: string;
  title: string;
  size: number;
  firstAt: string;
  lastAt: string;
  sources: string[];
  languages: string[];
  sentiment: Record<Sentiment, number>;
}

function storyView(r: StoryRow): StoryView {
  return {
    id: r.id,
    title: r.title,
    size: r.size,
    firstAt: r.firstAt.toISOString(),
    lastAt: r.lastAt.toISOString(),
    sources: r.sources,
    languages: r.languages,
    sentiment: { positive: r.positive, negative: r.negative, neutral: r.neutral },
  };
}

export interface StoryFilters {
  monitorId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  minSize?: number | undefined;
  limit?: number | undefined;
}

/** Stories, most recently active first. */
export async function listStories(
  db: DbOrTx,
  orgId: string,
  f: StoryFilters,
): Promise<{ stories: StoryView[] }> {
  if (f.monitorId) await monitorOf(db, orgId, f.monitorId);
  const where: (SQL | undefined)[] = [eq(stories.orgId, orgId), gte(stories.size, f.minSize ?? 1)];
  // A story is in a time range when it was active in it.
  if (f.from) where.push(gte(stories.lastAt, f.from));
  if (f.to) where.push(lt(stories.firstAt, f.to));
  if (f.monitorId)
    where.push(
      sql`exists (select 1 from ${storyMembers} sm join ${mentionMatches} mm on mm.mention_id = sm.mention_id
        where sm.story_id = ${stories.id} and mm.monitor_id = ${f.monitorId})`,
    );
  const rows = await db
    .select()
    .from(stories)
    .where(and(...where))
    .orderBy(desc(stories.lastAt), desc(stories.id))
    .limit(Math.min(Math.max(f.limit ?? 50, 1), 200));
  return { stories: rows.map(storyView) };
}

export interface StoryPost {
  id: string;
  source: string;
  url: string | null;
  title: string | null;
  text: string;
  author: string | null;
  authorId: string | null;
  lang: string;
  sentiment: Sentiment;
  /** Who set the sentiment by hand, and when (as in the mentions list); null while it is the lexicon's. */
  sentimentSetBy: { id: string; name: string } | null;
  sentimentSetAt: string | null;
  at: string;
  central: boolean;
}

export interface StoryDetail extends StoryView {
  posts: StoryPost[];
  bySource: { source: string; count: number }[];
  byLanguage: { lang: string; count: number }[];
  bucket: 'hour' | 'day';
  timeZone: string;
  series: { start: string; positive: number; negative: number; neutral: number }[];
}

const MAX_POSTS = 200;

export async function getStory(db: DbOrTx, orgId: string, storyId: string): Promise<StoryDetail> {
  const [row] = await db
    .select()
    .from(stories)
    .where(and(eq(stories.id, storyId), eq(stories.orgId, orgId)));
  if (!row) throw notFound('story');
  const posts = await db
    .select({
      id: mentions.id,
      source: mentions.source,
      url: mentions.url,
      title: mentions.title,
      text: mentions.text,
      author: mentions.author,
      authorId: storyMembers.authorId,
      lang: mentions.lang,
      sentiment: mentions.sentiment,
      sentimentSetById: mentions.sentimentSetBy,
      sentimentSetByName: users.name,
      sentimentSetAt: mentions.sentimentSetAt,
      at: mentions.at,
    })
    .from(storyMembers)
    .innerJoin(mentions, eq(mentions.id, storyMembers.mentionId))
    .leftJoin(users, eq(users.id, mentions.sentimentSetBy))
    .where(and(eq(storyMembers.storyId, storyId), eq(storyMembers.orgId, orgId)))
    .orderBy(storyMembers.at, storyMembers.mentionId)
    .limit(MAX_POSTS);
  const counts = await queryRows<{ kind: string; value: string; n: number }>(
    db,
    sql`select 'source' as kind, me.source as value, count(*)::int as n
      from story_members sm join mentions me on me.id = sm.mention_id where sm.story_id = ${storyId} group by me.source
      union all
      select 'lang', me.lang, count(*)::int from story_members sm join mentions me on me.id = sm.mention_id
      where sm.story_id = ${storyId} group by me.lang`,
  );
  const [org] = await db.select({ timeZone: orgs.timeZone }).from(orgs).where(eq(orgs.id, orgId));
  const tz = org?.timeZone ?? 'UTC';
  const bucket = row.lastAt.getTime() - row.firstAt.getTime() <= 3 * 86_400_000 ? 'hour' : 'day';
  const unit = sql.raw(bucket === 'hour' ? `'hour'` : `'day'`);
  const series = await queryRows<{ start: string; positive: number; negative: number; neutral: number }>(
    db,
    sql`select to_char((date_trunc(${unit}, sm.at at time zone ${tz}) at time zone ${tz}) at time zone 'UTC',
          'YYYY-MM-DD"T"HH24:MI:SS"Z"') as start,
        (count(*) filter (where me.sentiment = 'positive'))::int as positive,
        (count(*) filter (where me.sentiment = 'negative'))::int as negative,
        (count(*) filter (where me.sentiment = 'neutral'))::int as neutral
      from story_members sm join mentions me on me.id = sm.mention_id
      where sm.story_id = ${storyId}
      group by 1 order by 1`,
  );
  const by = (kind: string) =>
    counts
      .filter((c) => c.kind === kind)
      .map((c) => ({ value: c.value, count: Number(c.n) }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return {
    ...storyView(row),
    posts: posts.map(({ sentimentSetById, sentimentSetByName, sentimentSetAt, ...p }) => ({
      ...p,
      sentimentSetBy: sentimentSetById ? { id: sentimentSetById, name: sentimentSetByName ?? '' } : null,
      sentimentSetAt: sentimentSetAt?.toISOString() ?? null,
      at: p.at.toISOString(),
      central: p.id === row.centralMentionId,
    })),
    bySource: by('source').map((c) => ({ source: c.value, count: c.count })),
    byLanguage: by('lang').map((c) => ({ lang: c.value, count: c.count })),
    bucket,
    timeZone: tz,
    series: series.map((s) => ({
      start: String(s.start),
      positive: Number(s.positive),
      negative: Number(s.negative),
      neutral: Number(s.neutral),
    })),
  };
}

export interface AuthorView {
  id: string;
  source: string;
  handle: string;
  display: string;
  followers: number | null;
  score: number;
  engagers: number;
  mentionCount: number;
  monitorCount: number;
  parts: InfluencePart[];
  firstAt: string;
  lastAt: string;
  computedAt: string | null;
}

function authorView(r: AuthorRow): AuthorView {
  return {
    id: r.id,
    source: r.source,
    handle: r.handle,
    display: r.display,
    followers: r.followers,
    score: r.score,
    engagers: r.engagers,
    mentionCount: r.mentionCount,
    monitorCount: r.monitorCount,
    parts: r.parts,
    firstAt: r.firstAt.toISOString(),
    lastAt: r.lastAt.toISOString(),
    computedAt: r.computedAt?.toISOString() ?? null,
  };
}

export interface AuthorFilters {
  monitorId?: string | undefined;
  sources?: string[] | undefined;
  /** Part of the name or handle. */
  q?: string | undefined;
  /** Exactly this author (as written on a mention, any case, with or without @). */
  handle?: string | undefined;
  limit?: number | undefined;
}

/**
 * Scores are rescored by a periodic job; a reader who comes first (new mentions since the last run) has the
 * organisation rescored on the spot, so what the screen explains is never older than what it lists.
 */
async function freshScores(db: DbOrTx, orgId: string): Promise<void> {
  const [dirty] = await db
    .select({ id: authors.id })
    .from(authors)
    .where(and(eq(authors.orgId, orgId), eq(authors.dirty, true)))
    .limit(1);
  if (dirty) await computeInfluence(db, orgId);
}

/** Authors, most influential first. */
export async function listAuthors(
  db: DbOrTx,
  orgId: string,
  f: AuthorFilters,
): Promise<{ authors: AuthorView[] }> {
  await freshScores(db, orgId);
  if (f.monitorId) await monitorOf(db, orgId, f.monitorId);
  const where: (SQL | undefined)[] = [eq(authors.orgId, orgId)];
  if (f.sources?.length) where.push(inArray(authors.source, f.sources));
  if (f.q) {
    const p = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(authors.display, p), ilike(authors.handle, p)));
  }
  if (f.handle) where.push(eq(authors.handle, authorHandle(f.handle)));
  if (f.monitorId)
    where.push(
      sql`exists (select 1 from ${storyMembers} sm join ${mentionMatches} mm on mm.mention_id = sm.mention_id
        where sm.author_id = ${authors.id} and mm.monitor_id = ${f.monitorId})`,
    );
  const rows = await db
    .select()
    .from(authors)
    .where(and(...where))
    .orderBy(desc(authors.score), desc(authors.lastAt), authors.id)
    .limit(Math.min(Math.max(f.limit ?? 50, 1), 200));
  return { authors: rows.map(authorView) };
}

export interface AuthorDetail extends AuthorView {
  /** Relevant authors who engaged with them, and how. */
  engagedBy: { id: string; display: string; source: string; kinds: EngagementKind[] }[];
  monitors: { id: string; name: string; count: number }[];
  mentions: {
    id: string;
    source: string;
    url: string | null;
    title: string | null;
    text: string;
    lang: string;
    sentiment: Sentiment;
    at: string;
    storyId: string;
  }[];
}

export async function getAuthor(db: DbOrTx, orgId: string, authorId: string): Promise<AuthorDetail> {
  await freshScores(db, orgId);
  const [row] = await db
    .select()
    .from(authors)
    .where(and(eq(authors.id, authorId), eq(authors.orgId, orgId)));
  if (!row) throw notFound('author');
  const list = await db
    .select({
      id: mentions.id,
      source: mentions.source,
      url: mentions.url,
      title: mentions.title,
      text: mentions.text,
      lang: mentions.lang,
      sentiment: mentions.sentiment,
      at: mentions.at,
      storyId: storyMembers.storyId,
    })
    .from(storyMembers)
    .innerJoin(mentions, eq(mentions.id, storyMembers.mentionId))
    .where(and(eq(storyMembers.orgId, orgId), eq(storyMembers.authorId, authorId)))
    .orderBy(desc(storyMembers.at))
    .limit(50);
  const mons = await db
    .select({ id: monitors.id, name: monitors.name, count: sql<number>`count(*)::int` })
    .from(storyMembers)
    .innerJoin(mentionMatches, eq(mentionMatches.mentionId, storyMembers.mentionId))
    .innerJoin(monitors, eq(monitors.id, mentionMatches.monitorId))
    .where(and(eq(storyMembers.orgId, orgId), eq(storyMembers.authorId, authorId)))
    .groupBy(monitors.id, monitors.name)
    .orderBy(monitors.name);
  const edges = await engagementEdges(db, orgId, {
    since: new Date(Date.now() - 90 * 86_400_000),
    to: authorId,
  });
  const kinds = new Map<string, Set<EngagementKind>>();
  for (const e of edges) kinds.set(e.from, (kinds.get(e.from) ?? new Set()).add(e.kind));
  const who = kinds.size
    ? await db
        .select({ id: authors.id, display: authors.display, source: authors.source, score: authors.score })
        .from(authors)
        .where(
          and(eq(authors.orgId, orgId), inArray(authors.id, [...kinds.keys()]), gte(authors.mentionCount, 1)),
        )
        .orderBy(desc(authors.score))
    : [];
  return {
    ...authorView(row),
    engagedBy: who.slice(0, 20).map((w) => ({
      id: w.id,
      display: w.display,
      source: w.source,
      kinds: [...(kinds.get(w.id) ?? [])].sort(),
    })),
    monitors: mons.map((m) => ({ id: m.id, name: m.name, count: Number(m.count) })),
    mentions: list.map((m) => ({ ...m, at: m.at.toISOString() })),
  };
}
