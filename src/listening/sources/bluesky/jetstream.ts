// Jetstream's JSON stream (wss://<host>/subscribe?wantedCollections=app.bsky.feed.post&wantedCollections=
// app.bsky.feed.repost&cursor=<time_us>): the firehose without CBOR or signatures. Post creates become
// SourcePosts, repost creates SourceReposts, deletes of either tombstones, identity events refresh the author's
// handle. On reconnect (and restart) the stream rewinds a few seconds before the last event,
// as Jetstream recommends, and drops what it already delivered by URI.
import WebSocket from 'ws';
import { ActorResolver } from './actors.ts';
import { type BatchEntry, parseRecent, StreamBatcher } from './batcher.ts';
import { guardedLookup, type UrlPolicy, vetStreamUrl } from './guard.ts';
import { POST_COLLECTION, postUri, REPOST_COLLECTION, repostUri } from './record.ts';
import type { Sink } from './sink.ts';
import type { StreamStateStore } from './state.ts';

export interface JetstreamOptions extends UrlPolicy {
  /** wss://jetstream2.us-east.bsky.network (the /subscribe path is added when missing). */
  url: string;
  sink: Sink;
  state: StreamStateStore;
  actors?: ActorResolver;
  plcUrl?: string;
  /** Only these authors (Jetstream's wantedDids); default all. */
  wantedDids?: string[];
  /** How far to rewind the cursor on reconnect; default 5 s. */
  rewindMs?: number;
  key?: string;
  batchSize?: number;
  flushMs?: number;
  reconnectMs?: number;
  onError?: (err: unknown) => void;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export class JetstreamStream {
  readonly key: string;
  private readonly batcher: StreamBatcher;
  private readonly actors: ActorResolver;
  private readonly rewindUs: number;
  private ws: WebSocket | null = null;
  private stopped = false;
  private lastReceived: number | undefined;
  /** Keys (operation and URI) delivered within the rewind window. */
  private readonly seen = new Map<string, number>();
  private chain: Promise<void> = Promise.resolve();
  private base: URL | null = null;
  private retry: NodeJS.Timeout | null = null;
  private failures = 0;
  connections = 0;
  /** The URL of every connection made, for status and tests. */
  readonly requested: string[] = [];

  constructor(private readonly opts: JetstreamOptions) {
    this.key = opts.key ?? `jetstream ${opts.url}`;
    this.rewindUs = (opts.rewindMs ?? 5000) * 1000;
    this.actors = opts.actors ?? new ActorResolver(opts.plcUrl ? { plcUrl: opts.plcUrl } : {});
    this.batcher = new StreamBatcher({
      key: this.key,
      kind: 'jetstream',
      sink: opts.sink,
      state: opts.state,
      actors: this.actors,
      recentWindow: this.rewindUs * 2,
      ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
      ...(opts.flushMs ? { flushMs: opts.flushMs } : {}),
      ...(opts.onError ? { onError: opts.onError } : {}),
    });
  }

  get savedCursor(): number | undefined {
    return this.batcher.savedCursor === null ? undefined : Number(this.batcher.savedCursor);
  }

  get delivered(): number {
    return this.batcher.delivered;
  }

  async start(): Promise<void> {
    const url = await vetStreamUrl(this.opts.url, this.opts);
    if (!url.pathname.endsWith('/subscribe')) url.pathname = `${url.pathname.replace(/\/+$/, '')}/subscribe`;
    this.base = url;
    const saved = await this.opts.state.load(this.key);
    if (saved?.cursor) {
      this.lastReceived = Number(saved.cursor);
      this.batcher.savedCursor = saved.cursor;
      const recent = parseRecent(saved.recent);
      this.batcher.seedRecent(recent);
      for (const r of recent) this.seen.set(r.id, r.at);
    }
    this.connect();
  }

  /** The subscribe URL for the next connection: rewound a few seconds before the last event received. */
  subscribeUrl(): string {
    if (!this.base) throw new Error('not started');
    const u = new URL(this.base);
    u.searchParams.delete('wantedCollections');
    u.searchParams.append('wantedCollections', POST_COLLECTION);
    u.searchParams.append('wantedCollections', REPOST_COLLECTION);
    for (const did of this.opts.wantedDids ?? []) u.searchParams.append('wantedDids', did);
    if (this.lastReceived !== undefined)
      u.searchParams.set('cursor', String(Math.max(0, this.lastReceived - this.rewindUs)));
    return u.href;
  }

  private connect(): void {
    if (this.stopped) return;
    const href = this.subscribeUrl();
    this.requested.push(href);
    const ws = new WebSocket(href, { lookup: guardedLookup(this.opts), handshakeTimeout: 15_000 });
    this.ws = ws;
    ws.on('open', () => {
      this.connections++;
      this.failures = 0;
    });
    ws.on('message', (data) => {
      const text = Array.isArray(data)
        ? Buffer.concat(data).toString('utf8')
        : Buffer.from(data as ArrayBuffer).toString('utf8');
      this.chain = this.chain.then(async () => {
        const wait = this.receive(text);
        if (wait) {
          // The sink is behind: stop reading from the socket until the batch is taken.
          ws.pause();
          await wait;
          ws.resume();
        }
      });
    });
    ws.on('error', (err) => this.opts.onError?.(err));
    ws.on('close', () => {
      if (this.ws === ws) this.ws = null;
      if (this.stopped) return;
      const delay = Math.min(30_000, (this.opts.reconnectMs ?? 1000) * 2 ** Math.min(this.failures++, 5));
      this.retry = setTimeout(() => {
        this.retry = null;
        // Reconnect only after everything already received is handled, so the rewind starts from it.
        void this.chain.then(() => this.connect());
      }, delay);
    });
  }

  /** Handles one message; returns a promise when a flush became due. */
  private receive(text: string): Promise<void> | undefined {
    let evt: unknown;
    try {
      evt = JSON.parse(text);
    } catch {
      this.opts.onError?.(new Error('Jetstream sent a message that is not JSON'));
      return undefined;
    }
    if (!isObj(evt) || typeof evt.time_us !== 'number' || typeof evt.did !== 'string') return undefined;
    const timeUs = evt.time_us;
    const did = evt.did;
    if (this.lastReceived === undefined || timeUs > this.lastReceived) this.lastReceived = timeUs;
    const at = new Date(Math.floor(timeUs / 1000));
    const entry: BatchEntry = {
      cursor: String(this.lastReceived),
      eventAt: at,
      raw: [],
      rawReposts: [],
      deletes: [],
      recent: [],
    };
    if (evt.kind === 'identity' && isObj(evt.identity)) {
      const handle = evt.identity.handle;
      if (typeof handle === 'string' && handle) this.actors.remember(did, { handle });
      else this.actors.forget(did);
    } else if (
      evt.kind === 'commit' &&
      isObj(evt.commit) &&
      (evt.commit.collection === POST_COLLECTION || evt.commit.collection === REPOST_COLLECTION)
    ) {
      const c = evt.commit;
      const repost = c.collection === REPOST_COLLECTION;
      const rkey = typeof c.rkey === 'string' ? c.rkey : '';
      const op = c.operation;
      if (rkey && (op === 'create' || op === 'delete')) {
        const uri = (repost ? repostUri : postUri)(did, rkey);
        const key = `${op} ${uri}`;
        if (!this.seen.has(key)) {
          this.seen.set(key, timeUs);
          entry.recent?.push({ id: key, at: timeUs });
          const raw = { did, rkey, record: c.record, seenAt: at };
          if (op === 'delete') entry.deletes?.push({ source: 'bluesky', externalId: uri, deletedAt: at });
          else if (repost) entry.rawReposts?.push(raw);
          else entry.raw?.push(raw);
        }
      }
    }
    this.prune();
    return this.batcher.add(entry);
  }

  private prune(): void {
    if (this.lastReceived === undefined || this.seen.size < 1000) return;
    const oldest = this.lastReceived - this.rewindUs * 2;
    for (const [k, t] of this.seen) if (t < oldest) this.seen.delete(k);
  }

  /** Delivers everything received so far. */
  async drain(): Promise<void> {
    await this.chain;
    await this.batcher.flush();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    const ws = this.ws;
    if (ws && ws.readyState !== WebSocket.CLOSED) {
      await new Promise<void>((resolve) => {
        ws.once('close', () => resolve());
        ws.close();
        setTimeout(() => {
          ws.terminate();
          resolve();
        }, 2000).unref();
      });
    }
    await this.chain;
    await this.batcher.flush();
    this.batcher.close();
  }
}
