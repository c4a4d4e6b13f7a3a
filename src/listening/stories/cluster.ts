// Incremental story clustering, run by the pipeline right after new mentions are stored. Each new mention
// looks up earlier mentions (within a window) that share a key with it — an LSH band of its MinHash, a link,
// a post reference, a named entity — and joins their story when the match holds: same link or referenced
// post, near-duplicate text (estimated Jaccard ≥ NEAR_DUPLICATE), or SHARED_ENTITIES names in common. A
// mention that joins several stories merges them. Story aggregates (size, times, sources, languages,
// sentiment mix, title from the most central member) are recomputed for the stories that changed.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/connect.ts';
import { stories, storyKeys, storyMembers } from './schema.ts';
import {
  features,
  KIND,
  NEAR_DUPLICATE,
  type PostFeatures,
  SHARED_ENTITIES,
  similarity,
} from './signature.ts';

/** How far apart in time two mentions may be and still meet in a story. */
export const STORY_WINDOW_MS = 3 * 86_400_000;
/** Most recent mentions looked at per key: a key everybody shares must not make every post a candidate. */
const PER_KEY = 50;
const CHUNK = 1_000;

export interface ClusterItem {
  mentionId: string;
  at: Date;
  text: string;
  title?: string | null | undefined;
  url?: string | null | undefined;
  externalId?: string | null | undefined;
  links?: readonly string[] | undefined;
  /** Posts it quotes, reposts or replies to. */
  refs?: readonly (string | null | undefined)[] | undefined;
  authorId?: string | null | undefined;
  /** Source, language and sentiment: a story of this one post is written whole, without a recount. */
  source?: string | undefined;
  lang?: string | undefined;
  sentiment?: string | undefined;
}

/** A story's title: its central post's title or text, whitespace collapsed, at most 140 characters. */
export function storyTitle(title: string | null | undefined, text: string): string {
  const t = (title?.trim() ? title : text).replace(/\s+/g, ' ').trim();
  return t.length > 140 ? `${t.slice(0, 139)}…` : t;
}

/** A PostgreSQL array literal of text values (NULL for null), for `unnest(…::type[])`. */
export function pgArray(values: readonly (string | null)[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`)).join(',')}}`;
}

export interface ClusterResult {
  /** Stories the items went to (after merges). */
  storyIds: string[];
  /** Stories created. */
  created: number;
  /** Existing stories merged into another. */
  merged: number;
  /** Items that joined a story with other mentions. */
  joined: number;
}

interface Candidate {
  mentionId: string;
  storyId: string;
  minhash: number[] | null;
}

interface Match {
  c: Candidate;
  strong: boolean;
  band: boolean;
  entities: Set<number>;
}

class UnionFind {
  readonly parent = new Map<string, string>();
  find(x: string): string {
    let p = this.parent.get(x) ?? x;
    if (p === x) return x;
    p = this.find(p);
    this.parent.set(x, p);
    return p;
  }
  union(keep: string, other: string): void {
    const a = this.find(keep);
    const b = this.find(other);
    if (a !== b) this.parent.set(b, a);
  }
}

/** Decides which candidates a post joins: the rule of the whole clusterer, as a pure function. */
export function joins(post: PostFeatures, matches: Iterable<Match>): Candidate[] {
  const out: Candidate[] = [];
  for (const m of matches) {
    if (
      m.strong ||
      (m.band && post.minhash && m.c.minhash && similarity(post.minhash, m.c.minhash) >= NEAR_DUPLICATE) ||
      m.entities.size >= SHARED_ENTITIES
    )
      out.push(m.c);
  }
  return out;
}

async function loadCandidates(
  db: DbOrTx,
  orgId: string,
  keys: number[],
  since: Date,
): Promise<Map<number, { c: Candidate; kind: number }[]>> {
  const byKey = new Map<number, { c: Candidate; kind: number }[]>();
  for (let i = 0; i < keys.length; i += CHUNK) {
    const part = keys.slice(i, i + CHUNK);
    const rows = await queryRows<{
      key: string;
      kind: number;
      mention_id: string;
      story_id: string;
      minhash: number[] | null;
    }>(
      db,
      sql`select q.key::text as key, c.kind, c.mention_id, m.story_id, m.minhash
        from unnest(${`{${part.join(',')}}`}::bigint[]) as q(key)
        cross join lateral (
          select k.mention_id, k.kind from ${storyKeys} k
          where k.org_id = ${orgId} and k.key = q.key and k.at >= ${since.toISOString()}::timestamptz
          order by k.at desc limit ${PER_KEY}
        ) c
        join ${storyMembers} m on m.mention_id = c.mention_id`,
    );
    for (const r of rows) {
      const k = Number(r.key);
      const list = byKey.get(k) ?? [];
      list.push({
        c: {
          mentionId: r.mention_id,
          storyId: r.story_id,
          minhash: r.minhash ? r.minhash.map(Number) : null,
        },
        kind: Number(r.kind),
      });
      byKey.set(k, list);
    }
  }
  return byKey;
}

/** Clusters newly stored mentions of one organisation into stories. Call inside or outside a transaction. */
export async function clusterMentions(
  db: DbOrTx,
  orgId: string,
  items: readonly ClusterItem[],
  opts: { windowMs?: number } = {},
): Promise<ClusterResult> {
  const result: ClusterResult = { storyIds: [], created: 0, merged: 0, joined: 0 };
  if (items.length === 0) return result;
  const windowMs = opts.windowMs ?? STORY_WINDOW_MS;
  const sorted = [...items].sort((a, b) => a.at.getTime() - b.at.getTime());
  const feats = sorted.map((it) =>
    features({
      text: it.text,
      title: it.title,
      url: it.url,
      externalId: it.externalId,
      links: it.links,
      refs: it.refs,
    }),
  );
  // One clusterer per organisation at a time: two batches must not both create a story for the same thing.
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`stories:${orgId}`}))`);
  const allKeys = [...new Set(feats.flatMap((f) => f.keys.map((k) => k.key)))];
  const since = new Date(sorted[0]!.at.getTime() - windowMs);
  const stored = await loadCandidates(db, orgId, allKeys, since);

  const uf = new UnionFind();
  const existing = new Set<string>();
  const newStories = new Map<string, { at: Date }>();
  const degreeBump = new Map<string, number>();
  const batchIndex = new Map<number, { c: Candidate; kind: number; at: number }[]>();
  const members: { item: ClusterItem; story: string; minhash: number[] | null; degree: number }[] = [];

  sorted.forEach((item, i) => {
    const f = feats[i]!;
    const matches = new Map<string, Match>();
    const at = item.at.getTime();
    for (const { key, kind } of f.keys) {
      const fromBatch = (batchIndex.get(key) ?? []).filter((b) => at - b.at <= windowMs);
      for (const { c } of [...(stored.get(key) ?? []), ...fromBatch]) {
        if (c.mentionId === item.mentionId) continue;
        let m = matches.get(c.mentionId);
        if (!m) {
          m = { c, strong: false, band: false, entities: new Set() };
          matches.set(c.mentionId, m);
        }
        if (kind === KIND.link || kind === KIND.post) m.strong = true;
        else if (kind === KIND.band) m.band = true;
        else if (kind === KIND.entity) m.entities.add(key);
      }
    }
    const joined = joins(f, matches.values());
    let story: string;
    if (joined.length === 0) {
      story = randomUUID();
      newStories.set(story, { at: item.at });
    } else {
      result.joined++;
      // An existing story stays the root when there is one: fewer members move.
      const first = joined.find((c) => !newStories.has(uf.find(c.storyId))) ?? joined[0]!;
      story = uf.find(first.storyId);
      for (const c of joined) {
        if (!newStories.has(c.storyId)) existing.add(c.storyId);
        uf.union(story, c.storyId);
        degreeBump.set(c.mentionId, (degreeBump.get(c.mentionId) ?? 0) + 1);
      }
      story = uf.find(story);
    }
    const self: Candidate = { mentionId: item.mentionId, storyId: story, minhash: f.minhash };
    members.push({ item, story, minhash: f.minhash, degree: joined.length });
    for (const { key, kind } of f.keys) {
      const list = batchIndex.get(key) ?? [];
      list.push({ c: self, kind, at });
      batchIndex.set(key, list);
    }
  });

  // Existing stories that now point at another root are merged into it.
  const mergedAway = [...existing].filter((s) => uf.find(s) !== s);
  const rootOf = (s: string) => uf.find(s);
  const created = [...newStories.entries()].filter(([id]) => rootOf(id) === id);
  // A new story of one post (most of them) is written whole; only stories that grew are recomputed.
  const perRoot = new Map<string, number>();
  for (const m of members) perRoot.set(rootOf(m.story), (perRoot.get(rootOf(m.story)) ?? 0) + 1);
  const single = new Map<string, ClusterItem>();
  for (const m of members)
    if (newStories.has(rootOf(m.story)) && perRoot.get(rootOf(m.story)) === 1)
      single.set(rootOf(m.story), m.item);
  for (let i = 0; i < created.length; i += CHUNK)
    await db.insert(stories).values(
      created.slice(i, i + CHUNK).map(([id, s]) => {
        const it = single.get(id);
        if (!it) return { id, orgId, firstAt: s.at, lastAt: s.at };
        return {
          id,
          orgId,
          firstAt: s.at,
          lastAt: s.at,
          size: 1,
          title: storyTitle(it.title, it.text),
          centralMentionId: it.mentionId,
          sources: it.source ? [it.source] : [],
          languages: it.lang ? [it.lang] : [],
          positive: it.sentiment === 'positive' ? 1 : 0,
          negative: it.sentiment === 'negative' ? 1 : 0,
          neutral: it.sentiment === 'neutral' ? 1 : 0,
        };
      }),
    );
  for (const old of mergedAway) {
    await db.execute(
      sql`update ${storyMembers} set story_id = ${rootOf(old)} where org_id = ${orgId} and story_id = ${old}`,
    );
    await db.execute(sql`delete from ${stories} where id = ${old} and org_id = ${orgId}`);
  }
  // Bulk inserts as a few arrays (unnest) rather than thousands of parameters: much cheaper on PGlite.
  for (let i = 0; i < members.length; i += CHUNK) {
    const part = members.slice(i, i + CHUNK);
    await db.execute(sql`
      insert into ${storyMembers} (mention_id, org_id, story_id, author_id, minhash, degree, at)
      select t.m, ${orgId}::uuid, t.s, t.a, t.h::int[], t.d, t.at
      from unnest(${pgArray(part.map((m) => m.item.mentionId))}::uuid[],
        ${pgArray(part.map((m) => rootOf(m.story)))}::uuid[],
        ${pgArray(part.map((m) => m.item.authorId ?? null))}::uuid[],
        ${pgArray(part.map((m) => (m.minhash ? `{${m.minhash.join(',')}}` : null)))}::text[],
        ${pgArray(part.map((m) => String(m.degree)))}::int[],
        ${pgArray(part.map((m) => m.item.at.toISOString()))}::timestamptz[]) as t(m, s, a, h, d, at)
      on conflict do nothing`);
  }
  // Members a new mention joined are more central now (this batch's own members included).
  const bumps = [...degreeBump.entries()];
  for (let i = 0; i < bumps.length; i += CHUNK)
    await db.execute(
      sql`update ${storyMembers} s set degree = s.degree + v.n
        from unnest(${pgArray(bumps.slice(i, i + CHUNK).map(([id]) => id))}::uuid[],
          ${pgArray(bumps.slice(i, i + CHUNK).map(([, n]) => String(n)))}::int[]) as v(id, n)
        where s.mention_id = v.id`,
    );
  const keys: string[] = [];
  const kinds: string[] = [];
  const owners: string[] = [];
  const ats: string[] = [];
  members.forEach((m, i) => {
    const at = m.item.at.toISOString();
    for (const k of feats[i]!.keys) {
      keys.push(String(k.key));
      kinds.push(String(k.kind));
      owners.push(m.item.mentionId);
      ats.push(at);
    }
  });
  const KEY_CHUNK = 10_000;
  for (let i = 0; i < keys.length; i += KEY_CHUNK)
    await db.execute(sql`
      insert into ${storyKeys} (org_id, key, kind, mention_id, at)
      select ${orgId}::uuid, t.k, t.kd, t.m, t.at
      from unnest(${pgArray(keys.slice(i, i + KEY_CHUNK))}::bigint[], ${pgArray(kinds.slice(i, i + KEY_CHUNK))}::int2[],
        ${pgArray(owners.slice(i, i + KEY_CHUNK))}::uuid[], ${pgArray(ats.slice(i, i + KEY_CHUNK))}::timestamptz[])
        as t(k, kd, m, at)
      on conflict do nothing`);

  const touched = [...new Set(members.map((m) => rootOf(m.story)))];
  await refreshStories(
    db,
    orgId,
    touched.filter((id) => !single.has(id)),
  );
  result.storyIds = touched;
  result.created = created.length;
  result.merged = mergedAway.length;
  return result;
}

/** Recomputes size, times, sources, languages, sentiment mix and title of the given stories. */
export async function refreshStories(db: DbOrTx, orgId: string, storyIds: readonly string[]): Promise<void> {
  for (let i = 0; i < storyIds.length; i += CHUNK) {
    const ids = `{${storyIds.slice(i, i + CHUNK).join(',')}}`;
    await db.execute(sql`
      update ${stories} s set size = a.size, first_at = a.first_at, last_at = a.last_at, sources = a.sources,
        languages = a.languages, positive = a.positive, negative = a.negative, neutral = a.neutral,
        central_mention_id = c.mention_id, title = c.title, updated_at = now()
      from (
        select m.story_id, count(*)::int as size, min(m.at) as first_at, max(m.at) as last_at,
          array_agg(distinct me.source order by me.source) as sources,
          array_agg(distinct me.lang order by me.lang) as languages,
          (count(*) filter (where me.sentiment = 'positive'))::int as positive,
          (count(*) filter (where me.sentiment = 'negative'))::int as negative,
          (count(*) filter (where me.sentiment = 'neutral'))::int as neutral
        from story_members m join mentions me on me.id = m.mention_id
        where m.org_id = ${orgId} and m.story_id = any(${ids}::uuid[])
        group by m.story_id
      ) a
      join (
        select distinct on (m.story_id) m.story_id, m.mention_id,
          regexp_replace(coalesce(nullif(me.title, ''), me.text), '\\s+', ' ', 'g') as title
        from story_members m join mentions me on me.id = m.mention_id
        where m.org_id = ${orgId} and m.story_id = any(${ids}::uuid[])
        order by m.story_id, m.degree desc, m.at asc, m.mention_id
      ) c on c.story_id = a.story_id
      where s.id = a.story_id and s.org_id = ${orgId}`);
    await db.execute(sql`
      update ${stories} set title = left(title, 139) || '…'
      where org_id = ${orgId} and id = any(${ids}::uuid[]) and length(title) > 140`);
    // Stories whose members are all gone (deleted at the source) go too.
    await db.execute(sql`
      delete from ${stories} s where s.org_id = ${orgId} and s.id = any(${ids}::uuid[])
        and not exists (select 1 from story_members m where m.story_id = s.id)`);
  }
}
