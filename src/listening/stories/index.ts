// What the pipeline does with new mentions after storing them, for stories and influence: their authors are
// upserted (and marked for rescoring), what they point at is recorded (own addresses, replies, quotes,
// reposts, links, @mentions), and they are clustered into stories.
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { type Db, type DbOrTx, queryRows } from '../../db/connect.ts';
import { liveParents } from '../../db/parents.ts';
import { pgArray } from '../../db/pg-array.ts';
import { type EnrichedPost, type IncomingPost, relaxedCommit } from '../pipeline.ts';
import { normaliseAuthor } from '../query/fields.ts';
import { mentions } from '../schema.ts';
import { type ClusterResult, clusterMentions } from './cluster.ts';
import { authors, mentionRefs, storyMembers } from './schema.ts';
import { features, type PostFeatures, refKey, storyLink } from './signature.ts';

const CHUNK = 500;
const REF_CHUNK = 10_000;

/** What the clusterer keys a post by (its text, title, addresses, links and the posts it refers to). */
export function storyFeatures(p: IncomingPost): PostFeatures {
  return features({
    text: p.text,
    title: p.title,
    url: p.url,
    externalId: p.id,
    aliases: p.aliases ?? undefined,
    links: p.links,
    refs: [p.quoteOf, p.repostOf, p.replyTo],
  });
}

/** @handles in a text (Bluesky handles, Mastodon user@host), lower-cased, without the @. */
export function handlesIn(text: string): string[] {
  const out = new Set<string>();
  for (const m of text.matchAll(
    /(?:^|[^\p{L}\p{N}_@/])@([\p{L}\p{N}_][\p{L}\p{N}_.-]*(?:@[\p{L}\p{N}.-]+)?)/gu,
  ))
    out.add(normaliseAuthor(m[1]!.replace(/[.-]+$/, '')));
  return [...out];
}

/** An author's key within a source. */
export function authorHandle(author: string): string {
  return normaliseAuthor(author);
}

type RefRow = typeof mentionRefs.$inferInsert;

/** What a mention points at, as mention_refs rows. */
export function refsOf(orgId: string, mentionId: string, e: EnrichedPost): RefRow[] {
  const rows = new Map<string, RefRow>();
  const add = (kind: RefRow['kind'], target: string | null) => {
    if (!target) return;
    rows.set(`${kind}\u0000${target}`, { orgId, mentionId, kind, target });
  };
  const p = e.post;
  const own = new Set<string>();
  for (const s of [p.url, p.id, ...(p.aliases ?? [])]) {
    const k = s ? refKey(s) : null;
    if (k) {
      own.add(k);
      add('self', k);
    }
  }
  if (p.replyTo) add('reply', refKey(p.replyTo));
  if (p.quoteOf) add('quote', refKey(p.quoteOf));
  if (p.repostOf) add('repost', refKey(p.repostOf));
  const inText = (/http/i.test(p.text) && p.text.match(/\bhttps?:\/\/[^\s<>"]+/giu)) || [];
  for (const raw of [...(p.links ?? []), ...inText]) {
    const l = raw.replace(/[).,;:!?»”"']+$/u, '');
    if (!storyLink(l)) continue;
    const k = refKey(l);
    // A Bluesky quote shows as a link to the quoted post.
    if (k && !own.has(k)) add(k.startsWith('bsky:') ? 'quote' : 'link', k);
  }
  // A repost carries its original's text: the @handles in it are the original author's mentions, not the
  // reposter's.
  const self = p.author ? authorHandle(p.author) : '';
  if (!p.repostOf) for (const h of handlesIn(p.text)) if (h !== self) add('mention', `h:${h}`);
  return [...rows.values()].slice(0, 60);
}

/** Upserts the authors of the posts; returns `source\0handle` → author id. */
async function upsertAuthors(
  db: DbOrTx,
  orgId: string,
  enriched: readonly EnrichedPost[],
): Promise<Map<string, string>> {
  const byKey = new Map<
    string,
    { source: string; handle: string; display: string; first: Date; last: Date; followers: number | null }
  >();
  for (const e of enriched) {
    if (!e.post.author) continue;
    const handle = authorHandle(e.post.author);
    if (!handle) continue;
    const k = `${e.post.source}\u0000${handle}`;
    const a = byKey.get(k);
    const followers =
      typeof e.post.authorFollowers === 'number' ? Math.max(0, Math.round(e.post.authorFollowers)) : null;
    if (!a)
      byKey.set(k, {
        source: e.post.source,
        handle,
        display: e.post.author,
        first: e.at,
        last: e.at,
        followers,
      });
    else {
      if (e.at < a.first) a.first = e.at;
      if (e.at > a.last) a.last = e.at;
      a.followers = followers ?? a.followers;
    }
  }
  const ids = new Map<string, string>();
  const list = [...byKey.values()];
  for (let i = 0; i < list.length; i += CHUNK) {
    const part = list.slice(i, i + CHUNK);
    const col = (f: (a: (typeof part)[number]) => string | null) => pgArray(part.map(f));
    // A few array parameters (unnest) rather than seven a row: much cheaper to build, send and parse.
    const rows = await queryRows<{ id: string; source: string; handle: string }>(
      db,
      sql`insert into ${authors} (org_id, source, handle, display, followers, first_at, last_at)
        select ${orgId}::uuid, t.source, t.handle, t.display, t.followers, t.first_at, t.last_at
        from unnest(${col((a) => a.source)}::text[], ${col((a) => a.handle)}::text[],
          ${col((a) => a.display.slice(0, 300))}::text[],
          ${col((a) => (a.followers === null ? null : String(a.followers)))}::int[],
          ${col((a) => a.first.toISOString())}::timestamptz[], ${col((a) => a.last.toISOString())}::timestamptz[])
          as t(source, handle, display, followers, first_at, last_at)
        on conflict (org_id, source, handle) do update set
          display = excluded.display,
          followers = coalesce(excluded.followers, ${authors}.followers),
          first_at = least(${authors}.first_at, excluded.first_at),
          last_at = greatest(${authors}.last_at, excluded.last_at),
          dirty = true
        returning id, source, handle`,
    );
    for (const r of rows) ids.set(`${r.source}\u0000${r.handle}`, r.id);
  }
  return ids;
}

/**
 * The pipeline's hook after new mentions are stored: authors, references and stories for the ones stored
 * now (posts that were duplicates are skipped: they already have theirs).
 */
export async function afterStored(
  db: Db,
  orgId: string,
  enriched: readonly EnrichedPost[],
  /** The mentions the caller has just inserted (ids known): no need to look them up. */
  inserted?: readonly { id: string; e: EnrichedPost }[],
  /** Whose clusterer memory to use (one per process; tests play two processes): the database by default. */
  opts: { memoryHandle?: object } = {},
): Promise<ClusterResult | null> {
  if (enriched.length === 0) return null;
  const byKey = new Map(enriched.map((e) => [`${e.post.source}\u0000${e.post.id}`, e]));
  let stored: { id: string; e: EnrichedPost }[] = inserted ? [...inserted] : [];
  const bySource = new Map<string, string[]>();
  if (!inserted)
    for (const e of enriched) {
      const list = bySource.get(e.post.source);
      if (list) list.push(e.post.id);
      else bySource.set(e.post.source, [e.post.id]);
    }
  for (const [source, ids] of bySource)
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows = await db
        .select({ id: mentions.id, externalId: mentions.externalId })
        .from(mentions)
        .where(
          and(
            eq(mentions.orgId, orgId),
            eq(mentions.source, source),
            sql`${mentions.externalId} = any(${pgArray(ids.slice(i, i + CHUNK))}::text[])`,
            sql`not exists (select 1 from story_members sm where sm.mention_id = ${mentions.id})`,
          ),
        );
      for (const r of rows) {
        const e = byKey.get(`${source}\u0000${r.externalId}`);
        if (e) stored.push({ id: r.id, e });
      }
    }
  if (stored.length === 0) return null;
  return db.transaction(async (tx) => {
    await relaxedCommit(db, tx);
    // A mention deleted at its source since it was stored gets no rows here; the others are locked until this
    // commits, so a delete waits and its trigger then removes what was written for it (migration 0017).
    const live = await liveParents(
      tx,
      'mentions',
      stored.map((s) => s.id),
    );
    if (live.size < stored.length) stored = stored.filter((s) => live.has(s.id));
    if (stored.length === 0) return null;
    const authorIds = await upsertAuthors(
      tx,
      orgId,
      stored.map((s) => s.e),
    );
    const refs = stored.flatMap((s) => refsOf(orgId, s.id, s.e));
    // A few array parameters (unnest) rather than four a row: much cheaper to build, send and parse.
    for (let i = 0; i < refs.length; i += REF_CHUNK) {
      const part = refs.slice(i, i + REF_CHUNK);
      await tx.execute(sql`
        insert into ${mentionRefs} (org_id, mention_id, kind, target)
        select ${orgId}::uuid, t.m, t.k, t.t
        from unnest(${pgArray(part.map((r) => r.mentionId))}::uuid[], ${pgArray(part.map((r) => r.kind))}::text[],
          ${pgArray(part.map((r) => r.target))}::text[]) as t(m, k, t)
        on conflict do nothing`);
    }
    return clusterMentions(
      tx,
      orgId,
      stored.map(({ id, e }) => ({
        mentionId: id,
        at: e.at,
        text: e.post.text,
        title: e.post.title,
        url: e.post.url,
        externalId: e.post.id,
        links: e.post.links,
        refs: [e.post.quoteOf, e.post.repostOf, e.post.replyTo],
        aliases: e.post.aliases ?? undefined,
        ...(e.features && { features: e.features }),
        source: e.post.source,
        lang: e.lang,
        sentiment: e.sentiment,
        authorId: e.post.author
          ? (authorIds.get(`${e.post.source}\u0000${authorHandle(e.post.author)}`) ?? null)
          : null,
      })),
      { memoryHandle: opts.memoryHandle ?? db },
    );
  });
}

/** Stories holding the mentions that match a condition (before those mentions are deleted). */
export async function storiesOfMentions(db: DbOrTx, where: SQL | undefined): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: storyMembers.storyId })
    .from(storyMembers)
    .innerJoin(mentions, eq(mentions.id, storyMembers.mentionId))
    .where(where);
  return rows.map((r) => r.id);
}
