// Incremental story clustering, run by the pipeline right after new mentions are stored. Each new mention
// finds earlier mentions (within a window) that share a key with it — an LSH band of its MinHash, a link,
// a post reference, a named entity — in the clusterer's memory of recent members (memory.ts, a cache of
// story_members kept in step across processes), and joins their story when the match holds: same link or referenced
// post, near-duplicate text (estimated Jaccard ≥ NEAR_DUPLICATE), or SHARED_ENTITIES names in common. A
// mention that joins several stories merges them. Story aggregates (size, times, sources, languages,
// sentiment mix, title from the most central member) are recomputed for the stories that changed.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/connect.ts';
import { pgArray } from '../../db/pg-array.ts';
import { KeyIndex } from './key-index.ts';
import { advanceSeq, dropMemory, memoryOf, type OrgMemory, syncMemory } from './memory.ts';
import { packKeys, packSignature } from './packed.ts';
import { stories, storyMembers } from './schema.ts';
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
const CHUNK = 1_000;

export interface ClusterItem {
  mentionId: string;
  at: Date;
  text: string;
  title?: string | null | undefined;
  url?: string | null | undefined;
  externalId?: string | null | undefined;
  /** Other addresses of the post itself. */
  aliases?: readonly string[] | undefined;
  links?: readonly string[] | undefined;
  /** Posts it quotes, reposts or replies to. */
  refs?: readonly (string | null | undefined)[] | undefined;
  authorId?: string | null | undefined;
  /** Its features when already worked out (the pipeline does it while enriching); else from the fields above. */
  features?: PostFeatures | undefined;
  /** Source, language and sentiment: a story of this one post is written whole, without a recount. */
  source?: string | undefined;
  lang?: string | undefined;
  sentiment?: string | undefined;
}

/** A story's title: its central post's title or text, whitespace collapsed, at most 140 characters. */
export function storyTitle(title: string | null | undefined, text: string): string {
  // Only the start matters: collapsing a 20,000-character text to cut it at 140 would be wasted work.
  const t = (title?.trim() ? title : text).slice(0, 400).replace(/\s+/g, ' ').trim();
  return t.length > 140 ? `${t.slice(0, 139)}…` : t;
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
  minhash: ArrayLike<number> | null;
}

interface Match {
  c: Candidate;
  strong: boolean;
  band: boolean;
  /** Named entities in common (a post's keys are distinct, so each shared entity key counts once). */
  entities: number;
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
      m.entities >= SHARED_ENTITIES
    )
      out.push(m.c);
  }
  return out;
}

/** Adds a candidate's key to a post's matches. */
function note(matches: Map<string, Match>, c: Candidate, kind: number): void {
  let m = matches.get(c.mentionId);
  if (!m) {
    m = { c, strong: false, band: false, entities: 0 };
    matches.set(c.mentionId, m);
  }
  if (kind === KIND.link || kind === KIND.post) m.strong = true;
  else if (kind === KIND.band) m.band = true;
  else if (kind === KIND.entity) m.entities++;
}

export interface ClusterOptions {
  windowMs?: number;
  /**
   * The handle the clusterer's memory is kept under (the outer database when `db` is a transaction);
   * defaults to `db` itself.
   */
  memoryHandle?: object;
}

/** Clusters newly stored mentions of one organisation into stories. Call inside or outside a transaction. */
export async function clusterMentions(
  db: DbOrTx,
  orgId: string,
  items: readonly ClusterItem[],
  opts: ClusterOptions = {},
): Promise<ClusterResult> {
  const handle = opts.memoryHandle ?? db;
  try {
    return await cluster(db, orgId, items, opts.windowMs ?? STORY_WINDOW_MS, memoryOf(handle, orgId));
  } catch (err) {
    // The memory may now hold members that were never stored: rebuild it from the database next time.
    dropMemory(handle, orgId);
    throw err;
  }
}

async function cluster(
  db: DbOrTx,
  orgId: string,
  items: readonly ClusterItem[],
  windowMs: number,
  mem: OrgMemory,
): Promise<ClusterResult> {
  const result: ClusterResult = { storyIds: [], created: 0, merged: 0, joined: 0 };
  if (items.length === 0) return result;
  const sorted = [...items].sort((a, b) => a.at.getTime() - b.at.getTime());
  const feats = sorted.map(
    (it) =>
      it.features ??
      features({
        text: it.text,
        title: it.title,
        url: it.url,
        externalId: it.externalId,
        aliases: it.aliases,
        links: it.links,
        refs: it.refs,
      }),
  );
  const keyLists = feats.map((f) => f.keys);
  // One clusterer per organisation at a time: two batches must not both create a story for the same thing.
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`stories:${orgId}`}))`);
  const since = new Date(sorted[0]!.at.getTime() - windowMs);
  await syncMemory(db, mem, orgId, since);

  // Earlier members each post would join, from memory; their current story is then read from the database.
  const batchIds = new Set(sorted.map((it) => it.mentionId));
  const remembered: Candidate[][] = sorted.map((item, i) => {
    const matches = new Map<string, Match>();
    const floor = item.at.getTime() - windowMs;
    const { keys, kinds } = feats[i]!;
    for (let k = 0; k < keys.length; k++) {
      const kind = kinds[k]!;
      mem.candidates(keys[k]!, floor, (m) => {
        if (!batchIds.has(m.mentionId)) note(matches, m, kind);
      });
    }
    return joins(feats[i]!, matches.values());
  });
  const wanted = [...new Set(remembered.flatMap((cs) => cs.map((c) => c.mentionId)))];
  const current = new Map<string, string>();
  for (let i = 0; i < wanted.length; i += CHUNK) {
    const rows = await queryRows<{ mention_id: string; story_id: string }>(
      db,
      sql`select mention_id, story_id from ${storyMembers}
        where org_id = ${orgId} and mention_id = any(${`{${wanted.slice(i, i + CHUNK).join(',')}}`}::uuid[])`,
    );
    for (const r of rows) current.set(r.mention_id, r.story_id);
  }
  for (const id of wanted) {
    const story = current.get(id);
    // Deleted at the source since: no longer a candidate.
    if (!story) mem.forget(id);
    else {
      const m = mem.members.get(id);
      if (m) m.storyId = story;
    }
  }

  const uf = new UnionFind();
  const existing = new Set<string>();
  const newStories = new Map<string, { at: Date }>();
  const degreeBump = new Map<string, number>();
  // This batch's members processed so far, by their keys (a member's number in `members`).
  const batchIndex = new KeyIndex(sorted.length * 8);
  const batchHits: number[] = [];
  const members: {
    item: ClusterItem;
    story: string;
    minhash: Int32Array | null;
    degree: number;
    self: Candidate;
  }[] = [];

  sorted.forEach((item, i) => {
    const f = feats[i]!;
    const at = item.at.getTime();
    // Members from memory that this post joins (decided above), with their current story.
    const joined: Candidate[] = [];
    for (const c of remembered[i]!) {
      const story = current.get(c.mentionId);
      if (story) joined.push({ ...c, storyId: story });
    }
    // Members of this batch, processed before it.
    const matches = new Map<string, Match>();
    for (let k = 0; k < f.keys.length; k++) {
      const kind = f.kinds[k]!;
      batchHits.length = 0;
      batchIndex.forEach(f.keys[k]!, (n) => {
        batchHits.push(n);
        return true;
      });
      // Oldest first, as they were processed.
      for (let h = batchHits.length - 1; h >= 0; h--) {
        const b = members[batchHits[h]!]!;
        if (at - b.item.at.getTime() <= windowMs && b.self.mentionId !== item.mentionId)
          note(matches, b.self, kind);
      }
    }
    joined.push(...joins(f, matches.values()));
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
    const n = members.length;
    members.push({ item, story, minhash: f.minhash, degree: joined.length, self });
    for (const key of f.keys) batchIndex.add(key, n);
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
  // Bulk inserts as a few arrays (unnest) rather than thousands of parameters: much cheaper on PGlite.
  for (let i = 0; i < created.length; i += CHUNK) {
    const part = created.slice(i, i + CHUNK).map(([id, s]) => ({ id, at: s.at, it: single.get(id) }));
    const col = (f: (p: (typeof part)[number]) => string | null) => pgArray(part.map(f));
    const count = (p: (typeof part)[number], label: string) =>
      p.it ? (p.it.sentiment === label ? '1' : '0') : '0';
    await db.execute(sql`
      insert into ${stories} (id, org_id, first_at, last_at, size, title, central_mention_id, sources, languages,
        positive, negative, neutral)
      select t.id, ${orgId}::uuid, t.at, t.at, t.size, t.title, t.central, t.sources::text[], t.languages::text[],
        t.pos, t.neg, t.neu
      from unnest(${col((p) => p.id)}::uuid[], ${col((p) => p.at.toISOString())}::timestamptz[],
        ${col((p) => (p.it ? '1' : '0'))}::int[], ${col((p) => (p.it ? storyTitle(p.it.title, p.it.text) : ''))}::text[],
        ${col((p) => p.it?.mentionId ?? null)}::uuid[],
        ${col((p) => pgArray(p.it?.source ? [p.it.source] : []))}::text[],
        ${col((p) => pgArray(p.it?.lang ? [p.it.lang] : []))}::text[],
        ${col((p) => count(p, 'positive'))}::int[], ${col((p) => count(p, 'negative'))}::int[],
        ${col((p) => count(p, 'neutral'))}::int[])
        as t(id, at, size, title, central, sources, languages, pos, neg, neu)`);
  }
  for (const old of mergedAway) {
    await db.execute(
      sql`update ${storyMembers} set story_id = ${rootOf(old)} where org_id = ${orgId} and story_id = ${old}`,
    );
    await db.execute(sql`delete from ${stories} where id = ${old} and org_id = ${orgId}`);
  }
  for (let i = 0; i < members.length; i += CHUNK) {
    const part = members.slice(i, i + CHUNK);
    // members[k] is sorted[k]: its keys are keyLists[k]. Signature and keys go as base64, decoded once.
    await db.execute(sql`
      insert into ${storyMembers} (mention_id, org_id, story_id, author_id, minhash, degree, at, keys)
      select t.m, ${orgId}::uuid, t.s, t.a, decode(t.h, 'base64'), t.d, t.at, decode(t.k, 'base64')
      from unnest(${pgArray(part.map((m) => m.item.mentionId))}::uuid[],
        ${pgArray(part.map((m) => rootOf(m.story)))}::uuid[],
        ${pgArray(part.map((m) => m.item.authorId ?? null))}::uuid[],
        ${pgArray(part.map((m) => (m.minhash ? packSignature(m.minhash).toString('base64') : null)))}::text[],
        ${pgArray(part.map((m) => String(m.degree)))}::int[],
        ${pgArray(part.map((m) => m.item.at.toISOString()))}::timestamptz[],
        ${pgArray(part.map((_, j) => packKeys(keyLists[i + j]!).toString('base64')))}::text[])
        as t(m, s, a, h, d, at, k)
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
  await advanceSeq(db, mem, orgId);

  // The memory learns this batch's members and the merges (stored now; dropped if the transaction fails).
  for (const old of mergedAway) mem.moveStory(old, rootOf(old));
  let latest = 0;
  members.forEach((m, i) => {
    const at = m.item.at.getTime();
    if (at > latest) latest = at;
    mem.add(m.item.mentionId, rootOf(m.story), m.minhash, at, keyLists[i]!);
  });
  // A day's slack behind the window, for posts that arrive late.
  mem.trim(latest - windowMs - 86_400_000);

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
