// Reposts without text of their own (Bluesky app.bsky.feed.repost records) can only be judged by the post they
// repost: for each organisation, a repost whose original that organisation has stored as a mention becomes a
// post of its own — by the reposter, at the repost's time, with the original's text (so the monitors match it as
// they matched the original), repostOf naming the original. The stories step then records it as a 'repost'
// reference: it joins the original's story, and influence counts it for the original's author (not when the
// author reposts themselves). Reposts of posts the organisation never stored are dropped.
import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/connect.ts';
import { pgArray } from '../../db/pg-array.ts';
import type { IncomingPost } from '../pipeline.ts';
import type { SourceRepost } from './bluesky/sink.ts';

type Original = {
  org_id: string;
  source: string;
  external_id: string;
  text: string;
  title: string | null;
  links: string[] | null;
  lang: string;
};

/**
 * The reposts each organisation keeps, as posts to ingest (one query for the whole batch). Call it after the
 * batch's own posts are ingested, so a repost of a post in the same batch finds it.
 */
export async function repostsOfStored(
  db: DbOrTx,
  orgIds: readonly string[],
  reposts: readonly SourceRepost[],
): Promise<Map<string, IncomingPost[]>> {
  const out = new Map<string, IncomingPost[]>();
  if (orgIds.length === 0 || reposts.length === 0) return out;
  const sources = [...new Set(reposts.map((r) => r.source))];
  const subjects = [...new Set(reposts.map((r) => r.subject))];
  // The original by its identity at the source (a Bluesky post's at:// URI is every reader's externalId), on
  // the mentions' unique (org, source, external id) index. Not through the stories step's 'self' references:
  // their key for a Bluesky post is only the record key (another account's post may share it), and on
  // PostgreSQL the planner scanned all of mention_refs for a batch's keys (16 ms at 150,000 rows, growing
  // with them, against 2 ms here).
  const rows = await queryRows<Original>(
    db,
    sql`select org_id, source, external_id, text, title, links, lang from mentions
      where org_id = any(${pgArray(orgIds)}::uuid[]) and source = any(${pgArray(sources)}::text[])
        and external_id = any(${pgArray(subjects)}::text[])`,
  );
  const found = new Map<string, Original>();
  for (const o of rows) found.set(`${o.org_id}\u0000${o.source}\u0000${o.external_id}`, o);
  for (const orgId of orgIds) {
    const posts: IncomingPost[] = [];
    for (const r of reposts) {
      const o = found.get(`${orgId}\u0000${r.source}\u0000${r.subject}`);
      if (!o) continue;
      posts.push({
        source: r.source,
        id: r.externalId,
        text: o.text,
        ...(o.title ? { title: o.title } : {}),
        ...(o.links?.length ? { links: o.links } : {}),
        ...(o.lang && o.lang !== 'und' ? { lang: o.lang } : {}),
        author: r.by,
        // No url: a repost has no page of its own, and the original's address would key the repost as the
        // original itself ('self'), so replies, quotes and other reposts of the original would be counted for
        // every reposter too. The mentions API shows a repost's original address instead.
        publishedAt: r.at,
        repostOf: r.subject,
      });
    }
    if (posts.length) out.set(orgId, posts);
  }
  return out;
}

/** One organisation's reposts to ingest from a batch (none when the batch has none). */
export async function repostsToIngest(
  db: DbOrTx,
  orgId: string,
  reposts: readonly SourceRepost[] | undefined,
): Promise<IncomingPost[]> {
  if (!reposts?.length) return [];
  return (await repostsOfStored(db, [orgId], reposts)).get(orgId) ?? [];
}
