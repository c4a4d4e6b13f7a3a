// Influence over the database: reads the organisation's authors (with their matching mentions and monitors)
// and the engagement edges between them (replies, quotes, reposts and links resolved to the mention they
// point at; @mentions resolved to the author with that handle), scores them (score.ts) and stores score,
// parts and engager count. A periodic job does this for organisations with new mentions (dirty authors).
import { and, eq, inArray, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/connect.ts';
import { defineJob, type JobDefinition } from '../../jobs/definition.ts';
import { authorHandle } from '../stories/index.ts';
import { authors } from '../stories/schema.ts';
import { type EdgeInput, type EngagementKind, scoreAuthors } from './score.ts';

export const INFLUENCE_JOB = 'listening.influence';
/** Engagement older than this is not read (its weight has decayed to almost nothing). */
const HORIZON_MS = 90 * 86_400_000;
const CHUNK = 500;

/** Engagement edges of an organisation (optionally only those towards one author). */
export async function engagementEdges(
  db: DbOrTx,
  orgId: string,
  opts: { since: Date; to?: string },
): Promise<EdgeInput[]> {
  const since = opts.since.toISOString();
  const toFilter = (col: ReturnType<typeof sql.raw>) =>
    opts.to ? sql` and ${col} = ${opts.to}::uuid` : sql``;
  const rows = await queryRows<{ from_id: string; to_id: string; kind: string; at: string }>(
    db,
    sql`select fm.author_id as from_id, tm.author_id as to_id, r.kind,
        (extract(epoch from fm.at) * 1000)::text as at
      from mention_refs r
      join story_members fm on fm.mention_id = r.mention_id
      join mention_refs s on s.org_id = r.org_id and s.target = r.target and s.kind = 'self'
      join story_members tm on tm.mention_id = s.mention_id
      where r.org_id = ${orgId} and r.kind in ('reply', 'quote', 'repost', 'link')
        and fm.at >= ${since}::timestamptz
        and fm.author_id is not null and tm.author_id is not null and fm.author_id <> tm.author_id
        ${toFilter(sql.raw('tm.author_id'))}
      union all
      select fm.author_id as from_id, a.id as to_id, r.kind, (extract(epoch from fm.at) * 1000)::text as at
      from mention_refs r
      join story_members fm on fm.mention_id = r.mention_id
      join authors a on a.org_id = r.org_id and r.target = 'h:' || a.handle
      where r.org_id = ${orgId} and r.kind = 'mention' and fm.at >= ${since}::timestamptz
        and fm.author_id is not null and fm.author_id <> a.id
        ${toFilter(sql.raw('a.id'))}`,
  );
  return rows.map((r) => ({
    from: r.from_id,
    to: r.to_id,
    kind: r.kind as EngagementKind,
    at: Number(r.at),
  }));
}

/** Scores every author of the organisation and stores the result. Returns how many were scored. */
export async function computeInfluence(db: DbOrTx, orgId: string, now = new Date()): Promise<number> {
  // Claimed first: mentions stored while this runs mark their authors dirty again for the next run.
  await db.execute(sql`update ${authors} set dirty = false where org_id = ${orgId} and dirty`);
  const list = await queryRows<{
    id: string;
    followers: number | null;
    last_at: string;
    mentions: number;
    monitors: number;
  }>(
    db,
    sql`select a.id, a.followers, (extract(epoch from a.last_at) * 1000)::text as last_at,
        coalesce(m.mentions, 0)::int as mentions, coalesce(m.monitors, 0)::int as monitors
      from ${authors} a
      left join (
        select sm.author_id, count(distinct mm.mention_id) as mentions, count(distinct mm.monitor_id) as monitors
        from story_members sm join mention_matches mm on mm.mention_id = sm.mention_id
        where sm.org_id = ${orgId} and sm.author_id is not null
        group by sm.author_id
      ) m on m.author_id = a.id
      where a.org_id = ${orgId}`,
  );
  if (list.length === 0) return 0;
  const edges = await engagementEdges(db, orgId, { since: new Date(now.getTime() - HORIZON_MS) });
  const scores = scoreAuthors(
    list.map((a) => ({
      id: a.id,
      mentions: Number(a.mentions),
      monitors: Number(a.monitors),
      lastAt: Number(a.last_at),
      followers: a.followers == null ? null : Number(a.followers),
    })),
    edges,
    now.getTime(),
  );
  const nowIso = now.toISOString();
  for (let i = 0; i < list.length; i += CHUNK) {
    const part = list.slice(i, i + CHUNK);
    await db.execute(
      sql`update ${authors} a set score = v.score, parts = v.parts::jsonb, engagers = v.engagers,
          mention_count = v.mentions, monitor_count = v.monitors, computed_at = ${nowIso}::timestamptz
        from (values ${sql.join(
          part.map((a) => {
            const s = scores.get(a.id)!;
            return sql`(${a.id}::uuid, ${s.score}::float8, ${JSON.stringify(s.parts)}::text, ${s.engagers}::int, ${Number(a.mentions)}::int, ${Number(a.monitors)}::int)`;
          }),
          sql`, `,
        )}) as v(id, score, parts, engagers, mentions, monitors)
        where a.id = v.id and a.org_id = ${orgId}`,
    );
  }
  return list.length;
}

/** Organisations with authors whose score is out of date. */
export async function dirtyOrgs(db: DbOrTx, limit = 50): Promise<string[]> {
  const rows = await queryRows<{ org_id: string }>(
    db,
    sql`select distinct org_id from ${authors} where dirty limit ${limit}`,
  );
  return rows.map((r) => r.org_id);
}

export interface InfluenceJobOptions {
  /** How often the job looks for organisations with new mentions. */
  everyMs?: number;
}

/** The periodic rescoring: every organisation with new mentions since its last run. */
export function influenceJobs(opts: InfluenceJobOptions = {}): JobDefinition<unknown>[] {
  const job = defineJob<Record<string, never>>({
    name: INFLUENCE_JOB,
    every: opts.everyMs ?? 60_000,
    maxAttempts: 3,
    timeoutMs: 10 * 60_000,
    async run(_payload, { db, log }) {
      const orgs = await dirtyOrgs(db);
      let scored = 0;
      for (const orgId of orgs) scored += await computeInfluence(db, orgId);
      if (orgs.length) log.info({ orgs: orgs.length, authors: scored }, 'influence rescored');
    },
  });
  return [job as JobDefinition<unknown>];
}

/**
 * The stored influence score of the authors of some posts (as the pipeline sees them: source and author as
 * written), keyed `source\0author`; authors not scored yet are left out. For storm detection ("influential
 * authors joining") and anything else that weighs posts by who wrote them.
 */
export async function influenceOf(
  db: DbOrTx,
  orgId: string,
  posts: readonly { source: string; author?: string | null | undefined }[],
): Promise<Map<string, number>> {
  const wanted = new Map<string, string>();
  for (const p of posts)
    if (p.author) wanted.set(`${p.source}\u0000${authorHandle(p.author)}`, `${p.source}\u0000${p.author}`);
  const out = new Map<string, number>();
  if (wanted.size === 0) return out;
  const rows = await db
    .select({ source: authors.source, handle: authors.handle, score: authors.score })
    .from(authors)
    .where(
      and(
        eq(authors.orgId, orgId),
        inArray(authors.handle, [...new Set([...wanted.keys()].map((k) => k.split('\u0000')[1]!))]),
      ),
    );
  for (const r of rows) {
    const asWritten = wanted.get(`${r.source}\u0000${r.handle}`);
    if (asWritten && r.score > 0) out.set(asWritten, r.score);
  }
  return out;
}
