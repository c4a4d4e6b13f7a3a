// Mastodon's streaming API (public and hashtag streams) through masto's streaming client, over a WebSocket whose
// every connection is vetted by the SSRF guard. New statuses arrive within a second; deletions name the status by
// its id, which is mapped back to the URI we delivered. The stream has no cursor: pollTimeline fills what a
// disconnect missed, and both share a RecentIds so a status is delivered once.
import { createStreamingAPIClient, type mastodon } from 'masto';
import WebSocket from 'ws';
import { guardedLookup, toWebSocketUrl, type UrlPolicy, vetStreamUrl } from '../bluesky/guard.ts';
import type { Sink, SourceDelete, SourcePost } from '../bluesky/sink.ts';
import { type ReblogPolicy, statusPosts } from './status.ts';
import { type MastodonTimeline, RecentIds } from './timeline.ts';

export interface MastodonStreamOptions extends UrlPolicy {
  /** The streaming base URL (the instance's configuration.urls.streaming), e.g. wss://streaming.mastodon.social. */
  streamingUrl: string;
  /** The instance itself (https://mastodon.social): statuses' local ids are its. */
  instance?: string;
  timeline: MastodonTimeline;
  accessToken?: string;
  sink: Sink;
  reblogs?: ReblogPolicy;
  seen?: RecentIds;
  /** Statuses per batch; default 50. */
  batchSize?: number;
  /** A non-empty batch is delivered at least this often; default 300 ms. */
  flushMs?: number;
  onError?: (err: unknown) => void;
}

/** ws, with the guarded lookup on every connection masto makes. */
function guardedWebSocket(policy: UrlPolicy) {
  return class GuardedWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { lookup: guardedLookup(policy), handshakeTimeout: 15_000 });
    }
  };
}

export class MastodonStream {
  private client: mastodon.streaming.Client | null = null;
  private subscription: mastodon.streaming.Subscription | null = null;
  private loop: Promise<void> | null = null;
  private posts: SourcePost[] = [];
  private deletes: SourceDelete[] = [];
  private timer: NodeJS.Timeout | null = null;
  private tail: Promise<void> = Promise.resolve();
  /** Status id → URI for what we delivered, so a delete event can name it. */
  private readonly uris = new Map<string, string>();
  readonly seen: RecentIds;
  delivered = 0;

  constructor(private readonly opts: MastodonStreamOptions) {
    this.seen = opts.seen ?? new RecentIds();
  }

  async start(): Promise<void> {
    const url = await vetStreamUrl(this.opts.streamingUrl, this.opts);
    this.client = createStreamingAPIClient({
      streamingApiUrl: toWebSocketUrl(url.href.replace(/\/+$/, '')),
      ...(this.opts.accessToken ? { accessToken: this.opts.accessToken } : {}),
      implementation: guardedWebSocket(this.opts),
      retry: true,
      log: 'error',
    });
    const t = this.opts.timeline;
    this.subscription =
      t.kind === 'tag'
        ? (t.local ? this.client.hashtag.local : this.client.hashtag).subscribe({
            tag: t.tag.replace(/^#/, ''),
          })
        : t.local
          ? this.client.public.local.subscribe()
          : t.remote
            ? this.client.public.remote.subscribe()
            : this.client.public.subscribe();
    const sub = this.subscription;
    this.loop = (async () => {
      try {
        for await (const event of sub) this.receive(event);
      } catch (err) {
        this.opts.onError?.(err);
      }
    })();
  }

  private receive(event: mastodon.streaming.Event): void {
    if (event.event === 'update') {
      // A boost is the original and the repost; undoing the boost deletes the repost, not the original.
      const fresh = statusPosts(event.payload, this.opts.reblogs, this.opts.instance).filter(
        ({ post }) => !this.seen.has(post.externalId),
      );
      if (fresh.length === 0) return;
      for (const { statusId, post } of fresh) {
        this.seen.add(post.externalId);
        this.uris.set(statusId, post.externalId);
        if (this.uris.size > 50_000) {
          const first = this.uris.keys().next().value;
          if (first !== undefined) this.uris.delete(first);
        }
        this.posts.push(post);
      }
    } else if (event.event === 'delete') {
      const uri = this.uris.get(event.payload);
      if (!uri) return;
      this.deletes.push({ source: 'mastodon', externalId: uri, deletedAt: new Date() });
    } else {
      return;
    }
    if (this.posts.length + this.deletes.length >= (this.opts.batchSize ?? 50)) void this.flush();
    else
      this.timer ??= setTimeout(() => {
        this.timer = null;
        void this.flush();
      }, this.opts.flushMs ?? 300);
  }

  /** Hands what arrived to the sink, in order; a failed batch is kept for the next flush. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.tail = this.tail.then(async () => {
      if (this.posts.length === 0 && this.deletes.length === 0) return;
      const batch = { posts: this.posts, deletes: this.deletes };
      this.posts = [];
      this.deletes = [];
      try {
        await this.opts.sink.write(batch);
        this.delivered += batch.posts.length + batch.deletes.length;
      } catch (err) {
        this.posts = [...batch.posts, ...this.posts];
        this.deletes = [...batch.deletes, ...this.deletes];
        this.opts.onError?.(err);
        this.timer ??= setTimeout(() => {
          this.timer = null;
          void this.flush();
        }, 1000);
      }
    });
    return this.tail;
  }

  async stop(): Promise<void> {
    this.subscription?.unsubscribe();
    this.client?.close();
    await this.loop;
    await this.flush();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
