// The repo event stream (com.atproto.sync.subscribeRepos) of a PDS or relay, through @atproto/sync's Firehose:
// commits are decoded (and their signatures checked against the author's DID key unless turned off), post
// creates become SourcePosts, repost creates SourceReposts, and deletes of either become tombstones. The cursor (seq) is saved after the sink has taken
// the batch, and a reconnect asks for everything after the last event received, so nothing is lost or repeated.
import { type Event, Firehose, type FirehoseOptions } from '@atproto/sync';
import { ActorResolver } from './actors.ts';
import { type BatchEntry, StreamBatcher } from './batcher.ts';
import { guardedLookup, toWebSocketUrl, type UrlPolicy, vetStreamUrl } from './guard.ts';
import { POST_COLLECTION, postUri, type RawPost, REPOST_COLLECTION, repostUri } from './record.ts';
import type { Sink } from './sink.ts';
import type { StreamStateStore } from './state.ts';

export interface RepoStreamOptions extends UrlPolicy {
  /** The PDS or relay: wss://bsky.network, https://pds.example (http(s) is turned into ws(s)). */
  service: string;
  sink: Sink;
  state: StreamStateStore;
  /** Resolves authors; default: DID documents from plcUrl. */
  actors?: ActorResolver;
  plcUrl?: string;
  /** Check each commit's signature against the author's key (one DID lookup per author, cached); default true. */
  verify?: boolean;
  /** The state row; default "bluesky-repos <service>". */
  key?: string;
  batchSize?: number;
  flushMs?: number;
  /** Wait before reconnecting after the stream ended or failed; default 1000 ms. */
  reconnectMs?: number;
  /**
   * Events received but not yet handed on, at most; beyond it the connection is closed until they are, and
   * the stream reconnects from the last event received (a relay does not wait for a slow reader). Default 5000.
   */
  maxPending?: number;
  onError?: (err: unknown) => void;
}

export class RepoStream {
  readonly key: string;
  private readonly batcher: StreamBatcher;
  private readonly actors: ActorResolver;
  private firehose: Firehose | null = null;
  /** The current Firehose's start() has returned (destroying it then would wait forever). */
  private ended = false;
  private running: Promise<void> | null = null;
  private stopped = false;
  /** Events handled in order, one after the other; the seq of the last one received. */
  private chain: Promise<void> = Promise.resolve();
  private lastReceived: number | undefined;
  private staging: BatchEntry | null = null;
  /** Events received but not yet handled; above maxPending the stream stops reading until they are. */
  private pending = 0;
  private overloaded = false;
  /** How many times the stream (re)connected, for tests and status. */
  connections = 0;
  /** How many times it let go of the connection because the sink fell behind. */
  pauses = 0;

  constructor(private readonly opts: RepoStreamOptions) {
    this.key = opts.key ?? `bluesky-repos ${opts.service}`;
    this.actors = opts.actors ?? new ActorResolver(opts.plcUrl ? { plcUrl: opts.plcUrl } : {});
    this.batcher = new StreamBatcher({
      key: this.key,
      kind: 'bluesky-repos',
      sink: opts.sink,
      state: opts.state,
      actors: this.actors,
      ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
      ...(opts.flushMs ? { flushMs: opts.flushMs } : {}),
      ...(opts.onError ? { onError: opts.onError } : {}),
    });
  }

  /** The last seq the sink has and the state holds. */
  get savedCursor(): number | undefined {
    return this.batcher.savedCursor === null ? undefined : Number(this.batcher.savedCursor);
  }

  get delivered(): number {
    return this.batcher.delivered;
  }

  /** Vets the address, loads the saved cursor and starts reading; resolves once the first connection is made. */
  async start(): Promise<void> {
    const url = await vetStreamUrl(this.opts.service, this.opts);
    const saved = await this.opts.state.load(this.key);
    if (saved?.cursor) {
      this.lastReceived = Number(saved.cursor);
      this.batcher.savedCursor = saved.cursor;
    }
    const service = toWebSocketUrl(url.href.replace(/\/+$/, ''));
    this.running = this.loop(service);
  }

  private async loop(service: string): Promise<void> {
    while (!this.stopped) {
      const firehose = new Firehose({
        service,
        idResolver: this.actors.idResolver,
        filterCollections: [POST_COLLECTION, REPOST_COLLECTION],
        excludeSync: true,
        unauthenticatedCommits: this.opts.verify === false,
        unauthenticatedHandles: true,
        runner: {
          getCursor: () => this.lastReceived,
          trackEvent: (_did, seq, handler) => this.track(seq, handler),
        },
        handleEvent: (evt) => this.handle(evt),
        onError: (err) => this.failed(err),
        subscriptionReconnectDelay: this.opts.reconnectMs ?? 1000,
        // Every (re)connection resolves the host again and refuses private addresses unless allowed.
        lookup: guardedLookup(this.opts),
        onReconnect: () => {
          this.connections++;
        },
      } as FirehoseOptions);
      this.firehose = firehose;
      this.ended = false;
      this.connections++;
      await firehose.start();
      this.ended = true;
      if (this.overloaded) {
        // We let go because the sink fell behind: catch up, then read on from the last event received.
        await this.chain;
        this.overloaded = false;
        continue;
      }
      // The server closed the stream cleanly (a restart, a deploy): connect again from where we are.
      if (!this.stopped) await new Promise((r) => setTimeout(r, this.opts.reconnectMs ?? 1000));
    }
  }

  private failed(err: unknown): void {
    const code = (err as { cause?: { error?: unknown } }).cause?.error;
    if (code === 'FutureCursor') {
      // Our cursor is ahead of the server (a new relay, a reset PDS): its numbering started again. Read on from
      // its present, and say so: what was sequenced in between under the old numbering is not replayed.
      this.lastReceived = undefined;
      const message =
        'The server has no events after our cursor (its numbering was reset); reading on from now';
      void this.opts.state.recordError(this.key, 'bluesky-repos', message).catch(() => {});
    }
    this.opts.onError?.(err);
  }

  private track(seq: number, handler: () => Promise<void>): Promise<void> {
    // Firehose does not wait for this promise; the chain keeps events in order and makes each seq complete
    // (all its operations handled) before its cursor can be saved.
    if (this.overloaded) return Promise.resolve(); // read after we let go: asked for again on reconnect
    this.lastReceived = seq;
    this.pending++;
    if (this.pending > (this.opts.maxPending ?? 5000) && !this.stopped) {
      this.overloaded = true;
      this.pauses++;
      void this.firehose?.destroy();
    }
    this.chain = this.chain.then(async () => {
      try {
        this.staging = { cursor: String(seq), raw: [], rawReposts: [], deletes: [] };
        await handler();
        const entry = this.staging;
        this.staging = null;
        await this.batcher.add(entry);
      } finally {
        this.pending--;
      }
    });
    return this.chain;
  }

  private handle(evt: Event): void {
    const entry = this.staging;
    if (!entry) return;
    entry.eventAt = new Date(evt.time);
    if (evt.event === 'identity') {
      this.actors.forget(evt.did);
      return;
    }
    if (evt.event !== 'create' && evt.event !== 'delete') return;
    const repost = evt.collection === REPOST_COLLECTION;
    if (!repost && evt.collection !== POST_COLLECTION) return;
    if (evt.event === 'create') {
      const raw: RawPost = { did: evt.did, rkey: evt.rkey, record: evt.record, seenAt: new Date(evt.time) };
      if (repost) entry.rawReposts?.push(raw);
      else entry.raw?.push(raw);
    } else {
      entry.deletes?.push({
        source: 'bluesky',
        externalId: (repost ? repostUri : postUri)(evt.did, evt.rkey),
        deletedAt: new Date(evt.time),
      });
    }
  }

  /** Delivers everything received so far (tests, shutdown). */
  async drain(): Promise<void> {
    await this.chain;
    await this.batcher.flush();
  }

  /** Stops reading, hands what was received to the sink, saves the cursor. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    if (this.firehose && !this.ended) await this.firehose.destroy();
    await this.running;
    // Events received before the stop are still delivered: the cursor then covers exactly them.
    await this.chain;
    await this.batcher.flush();
    this.batcher.close();
  }
}
