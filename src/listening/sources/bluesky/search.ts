// Backfill through search (app.bsky.feed.searchPosts on an AppView): a monitor's keywords over a time window,
// newest first, page by page with the cursor, each post once — across keywords and against what the live
// stream already delivered.
import { type AppBskyFeedDefs, AtpAgent } from '@atproto/api';
import type { ActorResolver } from './actors.ts';
import { guardedFetch, type UrlPolicy, vetStreamUrl } from './guard.ts';
import { normalisePostRecord } from './record.ts';
import type { Sink, SourcePost } from './sink.ts';

export interface SearchBackfillOptions extends UrlPolicy {
  /** The AppView, e.g. https://public.api.bsky.app; or pass an agent (signed in, through a PDS) instead. */
  appview?: string;
  agent?: AtpAgent;
  /** Replaces the SSRF-guarded fetch (tests record the requests through it). */
  fetch?: typeof fetch;
  /** Each keyword (or phrase) is one search; a post matching several is delivered once. */
  keywords: string[];
  since: Date;
  until: Date;
  /** Only posts the author marked with this language (the API's lang filter). */
  lang?: string;
  sink: Sink;
  /** Of these external ids, which does the store already have (the stream delivered them)? */
  known?: (externalIds: string[]) => Promise<Set<string>> | Set<string>;
  actors?: ActorResolver;
  /** Posts per request; the API allows 1–100. Default 100. */
  pageSize?: number;
  /** Stop a keyword after this many posts; default 1000. */
  maxPerKeyword?: number;
  signal?: AbortSignal;
}

export interface SearchBackfillResult {
  requests: number;
  /** Posts the searches returned inside the window. */
  found: number;
  delivered: number;
  /** Dropped because another keyword or the stream already had them. */
  duplicates: number;
}

/** A phrase is searched as a phrase. */
function searchTerm(keyword: string): string {
  const k = keyword.trim();
  return /\s/.test(k) && !k.startsWith('"') ? `"${k.replace(/"/g, '')}"` : k;
}

/** The time the search sorts by: the earlier of createdAt and indexedAt (the AppView's sortAt). */
function sortAt(view: AppBskyFeedDefs.PostView): Date {
  const indexed = new Date(view.indexedAt);
  const created = new Date(String((view.record as { createdAt?: unknown }).createdAt ?? ''));
  if (Number.isNaN(created.getTime())) return indexed;
  return created < indexed ? created : indexed;
}

function toSourcePost(view: AppBskyFeedDefs.PostView): SourcePost | null {
  const m = /^at:\/\/([^/]+)\/app\.bsky\.feed\.post\/([^/]+)$/.exec(view.uri);
  if (!m) return null;
  return normalisePostRecord(
    { did: m[1]!, rkey: m[2]!, record: view.record, seenAt: new Date(view.indexedAt) },
    { handle: view.author.handle, displayName: view.author.displayName?.trim() || null },
  );
}

export async function backfillSearch(opts: SearchBackfillOptions): Promise<SearchBackfillResult> {
  let agent = opts.agent;
  if (!agent) {
    if (!opts.appview) throw new Error('appview: an AppView URL (or an agent) is required');
    await vetStreamUrl(opts.appview, opts);
    agent = new AtpAgent({ service: opts.appview, fetch: opts.fetch ?? guardedFetch(opts) });
  }
  const pageSize = Math.min(100, Math.max(1, opts.pageSize ?? 100));
  const max = opts.maxPerKeyword ?? 1000;
  const seen = new Set<string>();
  const result: SearchBackfillResult = { requests: 0, found: 0, delivered: 0, duplicates: 0 };

  for (const keyword of opts.keywords) {
    if (!keyword.trim()) continue;
    let cursor: string | undefined;
    let taken = 0;
    for (;;) {
      opts.signal?.throwIfAborted();
      result.requests++;
      const res = await agent.app.bsky.feed.searchPosts(
        {
          q: searchTerm(keyword),
          sort: 'latest',
          since: opts.since.toISOString(),
          until: opts.until.toISOString(),
          limit: pageSize,
          ...(opts.lang ? { lang: opts.lang } : {}),
          ...(cursor ? { cursor } : {}),
        },
        opts.signal ? { signal: opts.signal } : {},
      );
      const views = res.data.posts;
      // Not every AppView applies since/until: the window is also enforced here. Newest first, so a page
      // that reaches below `since` is the last one needed.
      let older = false;
      const page: SourcePost[] = [];
      for (const v of views) {
        const at = sortAt(v);
        if (at < opts.since) {
          older = true;
          continue;
        }
        if (at >= opts.until) continue;
        opts.actors?.remember(v.author.did, {
          handle: v.author.handle,
          displayName: v.author.displayName?.trim() || null,
        });
        const post = toSourcePost(v);
        if (!post) continue;
        result.found++;
        taken++;
        if (seen.has(post.externalId)) {
          result.duplicates++;
          continue;
        }
        seen.add(post.externalId);
        page.push(post);
      }
      const known = page.length > 0 && opts.known ? await opts.known(page.map((p) => p.externalId)) : null;
      const fresh = known ? page.filter((p) => !known.has(p.externalId)) : page;
      result.duplicates += page.length - fresh.length;
      if (fresh.length > 0) {
        await opts.sink.write({ posts: fresh, deletes: [] });
        result.delivered += fresh.length;
      }
      cursor = res.data.cursor;
      if (!cursor || views.length === 0 || older || taken >= max) break;
    }
  }
  return result;
}
