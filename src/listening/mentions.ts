// Reading mentions: the stream with filters (monitor, source, language, sentiment, time, author, text), paged
// newest first by a keyset cursor, and per-monitor volume and sentiment counts by hour or day in the
// organisation's time zone, gaps filled with zeros so charts need no arithmetic.
import { and, desc, eq, getTableColumns, gte, ilike, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../db/connect.ts';
import { pgArray } from '../db/pg-array.ts';
import { fieldError } from '../errors.ts';
import { orgs, users } from '../team/schema.ts';
import { monitorOf } from './monitors.ts';
import { mentionMatches, mentions, monitors } from './schema.ts';

export const SENTIMENTS = ['positive', 'negative', 'neutral'] as const;
export type Sentiment = (typeof SENTIMENTS)[number];

export interface MentionFilters {
  monitorId?: string | undefined;
  sources?: string[] | undefined;
  languages?: string[] | undefined;
  sentiments?: Sentiment[] | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  author?: string | undefined;
  q?: string | undefined;
  cursor?: string | undefined;
  limit?: number | undefined;
}

export interface MentionView {
  id: string;
  source: string;
  externalId: string;
  feedId: string | null;
  /** Its address; a repost without a page of its own (a Bluesky repost) gives its original's. */
  url: string | null;
  title: string | null;
  text: string;
  author: string | null;
  links: string[];
  lang: string;
  langConfidence: number;
  sentiment: Sentiment;
  sentimentScore: number;
  /** The person who set the sentiment by hand, null while it is the lexicon's (or their account is gone). */
  sentimentSetBy: { id: string; name: string } | null;
  /** When a person set it; null while it is the lexicon's. */
  sentimentSetAt: string | null;
  at: string;
  collectedAt: string;
  monitors: { id: string; name: string }[];
  /**
   * A repost (a Mastodon boost, a Bluesky repost): the post it reposts, with its author and address when that post is stored too
   * (null author when it is not). Null for anything that is not a repost.
   */
  repostOf: { author: string | null; url: string | null } | null;
}

/** The reposted post of each repost among some mentions (its mention_refs 'repost' row, resolved by 'self'). */
async function repostsOf(
  db: DbOrTx,
  orgId: string,
  ids: readonly string[],
): Promise<Map<string, NonNullable<MentionView['repostOf']>>> {
  const out = new Map<string, NonNullable<MentionView['repostOf']>>();
  if (ids.length === 0) return out;
  const rows = await queryRows<{ mention_id: string; author: string | null; url: string | null }>(
    db,
    sql`select r.mention_id, o.author, o.url
      from mention_refs r
      left join lateral (
        select m.author, m.url from mention_refs s join ${mentions} m on m.id = s.mention_id
        where s.org_id = r.org_id and s.kind = 'self' and s.target = r.target and s.mention_id <> r.mention_id
        order by m.at limit 1
      ) o on true
      where r.org_id = ${orgId} and r.kind = 'repost' and r.mention_id = any(${pgArray(ids)}::uuid[])`,
  );
  for (const r of rows) out.set(r.mention_id, { author: r.author, url: r.url });
  return out;
}

/** The monitors that matched each of some mentions, by name. */
export async function monitorsOf(
  db: DbOrTx,
  orgId: string,
  ids: readonly string[],
): Promise<Map<string, { id: string; name: string }[]>> {
  const byMention = new Map<string, { id: string; name: string }[]>();
  if (ids.length === 0) return byMention;
  const matched = await db
    .select({ mentionId: mentionMatches.mentionId, id: monitors.id, name: monitors.name })
    .from(mentionMatches)
    .innerJoin(monitors, eq(monitors.id, mentionMatches.monitorId))
    .where(and(eq(mentionMatches.orgId, orgId), inArray(mentionMatches.mentionId, [...ids])))
    .orderBy(monitors.name);
  for (const m of matched) {
    const list = byMention.get(m.mentionId) ?? [];
    list.push({ id: m.id, name: m.name });
    byMention.set(m.mentionId, list);
  }
  return byMention;
}

function likePattern(s: string): string {
  return `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function encodeCursor(at: Date, id: string): string {
  return Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string): { at: Date; id: string } {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const date = new Date(at ?? '');
  if (!id || Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/i.test(id))
    throw fieldError('cursor', 'is not a cursor this API gave out');
  return { at: date, id };
}

/** 'no' stands for both written standards. */
function expandLanguages(langs: string[]): string[] {
  const out = new Set<string>();
  for (const l of langs) {
    const code = l.toLowerCase();
    out.add(code);
    if (code === 'no') {
      out.add('nb');
      out.add('nn');
    }
  }
  return [...out];
}

/** The conditions of the filters (not the cursor); refuses another organisation's monitor with 404. */
export async function mentionConditions(
  db: DbOrTx,
  orgId: string,
  f: MentionFilters,
): Promise<(SQL | undefined)[]> {
  if (f.monitorId) await monitorOf(db, orgId, f.monitorId);
  const where: (SQL | undefined)[] = [eq(mentions.orgId, orgId)];
  if (f.monitorId)
    where.push(
      sql`exists (select 1 from ${mentionMatches} where ${mentionMatches.mentionId} = ${mentions.id} and ${mentionMatches.monitorId} = ${f.monitorId})`,
    );
  if (f.sources?.length) where.push(inArray(mentions.source, f.sources));
  if (f.languages?.length) where.push(inArray(mentions.lang, expandLanguages(f.languages)));
  if (f.sentiments?.length) where.push(inArray(mentions.sentiment, f.sentiments));
  if (f.from) where.push(gte(mentions.at, f.from));
  if (f.to) where.push(lt(mentions.at, f.to));
  if (f.author) where.push(ilike(mentions.author, likePattern(f.author.replace(/^@/, ''))));
  if (f.q) {
    const p = likePattern(f.q);
    where.push(or(ilike(mentions.text, p), ilike(mentions.title, p)));
  }
  return where;
}

export async function listMentions(
  db: DbOrTx,
  orgId: string,
  f: MentionFilters,
): Promise<{ mentions: MentionView[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(f.limit ?? 50, 1), 200);
  const where = await mentionConditions(db, orgId, f);
  if (f.cursor) {
    const c = decodeCursor(f.cursor);
    where.push(or(lt(mentions.at, c.at), and(eq(mentions.at, c.at), lt(mentions.id, c.id))));
  }
  const rows = await db
    .select({ ...getTableColumns(mentions), setByName: users.name })
    .from(mentions)
    .leftJoin(users, eq(users.id, mentions.sentimentSetBy))
    .where(and(...where))
    .orderBy(desc(mentions.at), desc(mentions.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const ids = page.map((r) => r.id);
  const byMention = await monitorsOf(db, orgId, ids);
  const reposts = await repostsOf(db, orgId, ids);
  const last = page[page.length - 1];
  return {
    mentions: page.map((r) => ({
      id: r.id,
      source: r.source,
      externalId: r.externalId,
      feedId: r.feedId,
      url: r.url ?? reposts.get(r.id)?.url ?? null,
      title: r.title,
      text: r.text,
      author: r.author,
      links: r.links,
      lang: r.lang,
      langConfidence: r.langConfidence,
      sentiment: r.sentiment,
      sentimentScore: r.sentimentScore,
      sentimentSetBy: r.sentimentSetBy ? { id: r.sentimentSetBy, name: r.setByName ?? '' } : null,
      sentimentSetAt: r.sentimentSetAt?.toISOString() ?? null,
      at: r.at.toISOString(),
      collectedAt: r.collectedAt.toISOString(),
      monitors: byMention.get(r.id) ?? [],
      repostOf: reposts.get(r.id) ?? null,
    })),
    nextCursor: rows.length > limit && last ? encodeCursor(last.at, last.id) : null,
  };
}

export interface StatsBucket {
  /** Start of the bucket (an instant; the bucket is an hour or a day in the org's time zone). */
  start: string;
  total: number;
  positive: number;
  negative: number;
  neutral: number;
}

export interface MonitorStats {
  monitorId: string;
  bucket: 'hour' | 'day';
  timeZone: string;
  from: string;
  to: string;
  totals: Omit<StatsBucket, 'start'>;
  series: StatsBucket[];
}

const MAX_BUCKETS = 2_000;

export async function monitorStats(
  db: DbOrTx,
  orgId: string,
  monitorId: string,
  opts: { bucket: 'hour' | 'day'; from?: Date | undefined; to?: Date | undefined },
): Promise<MonitorStats> {
  await monitorOf(db, orgId, monitorId);
  const [org] = await db.select({ timeZone: orgs.timeZone }).from(orgs).where(eq(orgs.id, orgId));
  const tz = org?.timeZone ?? 'UTC';
  const to = opts.to ?? new Date();
  const span = opts.bucket === 'hour' ? 3_600_000 : 86_400_000;
  const from = opts.from ?? new Date(to.getTime() - (opts.bucket === 'hour' ? 48 : 30) * span);
  if (from >= to) throw fieldError('from', 'must be before to');
  if ((to.getTime() - from.getTime()) / span > MAX_BUCKETS)
    throw fieldError('from', `the range holds more than ${MAX_BUCKETS} ${opts.bucket}s; pick a wider bucket`);
  const step = opts.bucket === 'hour' ? sql`interval '1 hour'` : sql`interval '1 day'`;
  const unit = opts.bucket === 'hour' ? sql.raw(`'hour'`) : sql.raw(`'day'`);
  const fromIso = from.toISOString();
  const toIso = to.toISOString();
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
    with buckets as (
      select generate_series(
        date_trunc(${unit}, ${fromIso}::timestamptz at time zone ${tz}),
        date_trunc(${unit}, (${toIso}::timestamptz - interval '1 microsecond') at time zone ${tz}),
        ${step}
      ) as b
    ),
    counts as (
      select date_trunc(${unit}, ${mentionMatches.at} at time zone ${tz}) as b,
        count(*)::int as total,
        (count(*) filter (where ${mentionMatches.sentiment} = 'positive'))::int as positive,
        (count(*) filter (where ${mentionMatches.sentiment} = 'negative'))::int as negative,
        (count(*) filter (where ${mentionMatches.sentiment} = 'neutral'))::int as neutral
      from ${mentionMatches}
      where ${mentionMatches.orgId} = ${orgId} and ${mentionMatches.monitorId} = ${monitorId}
        and ${mentionMatches.at} >= ${fromIso}::timestamptz and ${mentionMatches.at} < ${toIso}::timestamptz
      group by 1
    )
    select to_char((buckets.b at time zone ${tz}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as start,
      coalesce(counts.total, 0) as total, coalesce(counts.positive, 0) as positive,
      coalesce(counts.negative, 0) as negative, coalesce(counts.neutral, 0) as neutral
    from buckets left join counts on counts.b = buckets.b
    order by buckets.b`,
  );
  const series = rows.map((r) => ({
    start: String(r.start),
    total: Number(r.total),
    positive: Number(r.positive),
    negative: Number(r.negative),
    neutral: Number(r.neutral),
  }));
  const totals = { total: 0, positive: 0, negative: 0, neutral: 0 };
  for (const s of series) {
    totals.total += s.total;
    totals.positive += s.positive;
    totals.negative += s.negative;
    totals.neutral += s.neutral;
  }
  return {
    monitorId,
    bucket: opts.bucket,
    timeZone: tz,
    from: from.toISOString(),
    to: to.toISOString(),
    totals,
    series,
  };
}
