// Mastodon's public and hashtag timelines over REST, polled with since_id / max_id: each poll asks for what is
// newer than the last status delivered and pages backwards with max_id until it meets it, so a busy timeline
// leaves no gap (up to maxPages). Requests go through the SSRF guard with the address pinned.
import type { mastodon } from 'masto';
import { safeRequest } from '../../../security/ssrf.ts';
import type { UrlPolicy } from '../bluesky/guard.ts';
import type { Sink, SourcePost } from '../bluesky/sink.ts';
import type { StreamStateStore } from '../bluesky/state.ts';
import { readLimited } from '../rss/body.ts';
import { camelKeys, compareIds, type ReblogPolicy, statusPosts } from './status.ts';

export type MastodonTimeline =
  | { kind: 'public'; local?: boolean; remote?: boolean }
  | { kind: 'tag'; tag: string; local?: boolean };

export interface TimelinePollOptions extends UrlPolicy {
  /** https://mastodon.social */
  instance: string;
  timeline: MastodonTimeline;
  /** Some instances show timelines only to signed-in clients. */
  accessToken?: string;
  sink: Sink;
  state: StreamStateStore;
  key?: string;
  /** Statuses per request; Mastodon allows up to 40. */
  pageSize?: number;
  /** Pages per poll at most; beyond that the oldest part is skipped and reported as a gap. */
  maxPages?: number;
  reblogs?: ReblogPolicy;
  /** Status URIs another reader (the streaming API) already delivered. */
  seen?: RecentIds;
  signal?: AbortSignal;
}

export interface TimelinePollResult {
  requests: number;
  delivered: number;
  cursor: string | null;
  /** More was new than maxPages could reach. */
  gap: boolean;
}

export class MastodonApiError extends Error {
  override readonly name = 'MastodonApiError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A bounded memory of recently delivered ids, shared by the stream and the poller of one timeline. */
export class RecentIds {
  private readonly ids = new Set<string>();
  constructor(private readonly max = 10_000) {}
  has(id: string): boolean {
    return this.ids.has(id);
  }
  add(id: string): void {
    this.ids.add(id);
    if (this.ids.size > this.max) {
      const first = this.ids.values().next().value;
      if (first !== undefined) this.ids.delete(first);
    }
  }
}

export function timelineKey(instance: string, t: MastodonTimeline): string {
  const base = instance.replace(/\/+$/, '');
  if (t.kind === 'tag') return `mastodon ${base} #${t.tag.toLowerCase()}${t.local ? ' local' : ''}`;
  return `mastodon ${base} public${t.local ? ' local' : t.remote ? ' remote' : ''}`;
}

export function timelinePath(t: MastodonTimeline): { path: string; params: Record<string, string> } {
  if (t.kind === 'tag')
    return {
      path: `/api/v1/timelines/tag/${encodeURIComponent(t.tag.replace(/^#/, ''))}`,
      params: t.local ? { local: 'true' } : {},
    };
  return {
    path: '/api/v1/timelines/public',
    params: t.local ? { local: 'true' } : t.remote ? { remote: 'true' } : {},
  };
}

const MAX_BODY = 10 * 1024 * 1024;

async function getStatuses(
  opts: TimelinePollOptions,
  params: Record<string, string>,
): Promise<mastodon.v1.Status[]> {
  const { path, params: fixed } = timelinePath(opts.timeline);
  const url = new URL(`${opts.instance.replace(/\/+$/, '')}${path}`);
  for (const [k, v] of Object.entries({ ...fixed, ...params })) url.searchParams.set(k, v);
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'Stemme listening' };
  if (opts.accessToken) headers.authorization = `Bearer ${opts.accessToken}`;
  const res = await safeRequest(url, {
    headers,
    maxRedirects: 3,
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.allowPrivate ? { allowPrivate: true } : {}),
    ...(opts.allowedAddresses ? { allowedAddresses: opts.allowedAddresses } : {}),
  });
  const body = new TextDecoder().decode(await readLimited(res.body, MAX_BODY));
  if (res.status !== 200) {
    let why = `HTTP ${res.status}`;
    try {
      const e = JSON.parse(body) as { error?: string };
      if (e.error) why += `: ${e.error}`;
    } catch {}
    throw new MastodonApiError(res.status, `${url.host} answered ${why}`);
  }
  const data = JSON.parse(body) as unknown;
  if (!Array.isArray(data))
    throw new MastodonApiError(res.status, `${url.host} did not answer a list of statuses`);
  return camelKeys(data) as mastodon.v1.Status[];
}

/** The instance's streaming API address (GET /api/v2/instance → configuration.urls.streaming). */
export async function streamingUrlOf(
  instance: string,
  policy: UrlPolicy = {},
  signal?: AbortSignal,
): Promise<string> {
  const url = new URL(`${instance.replace(/\/+$/, '')}/api/v2/instance`);
  const res = await safeRequest(url, {
    headers: { accept: 'application/json', 'user-agent': 'Stemme listening' },
    maxRedirects: 3,
    ...(signal ? { signal } : {}),
    ...(policy.allowPrivate ? { allowPrivate: true } : {}),
    ...(policy.allowedAddresses ? { allowedAddresses: policy.allowedAddresses } : {}),
  });
  const body = new TextDecoder().decode(await readLimited(res.body, 1024 * 1024));
  if (res.status !== 200) throw new MastodonApiError(res.status, `${url.host} answered HTTP ${res.status}`);
  const streaming = (JSON.parse(body) as { configuration?: { urls?: { streaming?: unknown } } }).configuration
    ?.urls?.streaming;
  // Older instances leave it out: the streaming API is then on the instance's own address.
  return typeof streaming === 'string' && streaming ? streaming : instance.replace(/^http/, 'ws');
}

export async function pollTimeline(opts: TimelinePollOptions): Promise<TimelinePollResult> {
  const key = opts.key ?? timelineKey(opts.instance, opts.timeline);
  const limit = String(Math.min(40, Math.max(1, opts.pageSize ?? 40)));
  const maxPages = opts.maxPages ?? 10;
  const saved = await opts.state.load(key);
  const since = saved?.cursor ?? null;
  const result: TimelinePollResult = { requests: 0, delivered: 0, cursor: since, gap: false };
  const collected: mastodon.v1.Status[] = [];
  try {
    let maxId: string | undefined;
    for (let page = 0; ; page++) {
      if (page >= maxPages) {
        result.gap = true;
        break;
      }
      result.requests++;
      const statuses = await getStatuses(opts, {
        limit,
        ...(since ? { since_id: since } : {}),
        ...(maxId ? { max_id: maxId } : {}),
      });
      const newer = since ? statuses.filter((s) => compareIds(s.id, since) > 0) : statuses;
      collected.push(...newer);
      // The first poll takes the newest page only; later polls page back until they meet the cursor.
      if (!since || statuses.length < Number(limit) || newer.length < statuses.length) break;
      maxId = statuses.reduce((m, s) => (compareIds(s.id, m) < 0 ? s.id : m), statuses[0]!.id);
    }
  } catch (err) {
    await opts.state.recordError(key, 'mastodon-timeline', err instanceof Error ? err.message : String(err));
    throw err;
  }
  if (collected.length === 0) {
    if (!saved) await opts.state.save(key, 'mastodon-timeline', { cursor: '0', delivered: 0 });
    return { ...result, cursor: since ?? '0' };
  }
  collected.sort((a, b) => compareIds(a.id, b.id));
  const newest = collected[collected.length - 1]!.id;
  const posts: SourcePost[] = [];
  const inPoll = new Set<string>();
  // A boost is two posts (the original and the repost); the cursor is the newest status id all the same.
  for (const s of collected) {
    for (const { post: p } of statusPosts(s, opts.reblogs, opts.instance)) {
      if (inPoll.has(p.externalId) || opts.seen?.has(p.externalId)) continue;
      inPoll.add(p.externalId);
      opts.seen?.add(p.externalId);
      posts.push(p);
    }
  }
  if (posts.length > 0) await opts.sink.write({ posts, deletes: [] });
  await opts.state.save(key, 'mastodon-timeline', {
    cursor: newest,
    delivered: posts.length,
    lastEventAt: posts.at(-1)?.publishedAt ?? null,
  });
  return { requests: result.requests, delivered: posts.length, cursor: newest, gap: result.gap };
}
