// Collects what a stream delivers, hands it to the sink in batches (one at a time, in order), and saves the
// stream's cursor only after the sink has taken the batch. A failed batch stays queued and is retried.
import type { ActorInfo, ActorResolver } from './actors.ts';
import { normalisePostRecord, normaliseRepostRecord, type RawPost } from './record.ts';
import type { Sink, SourceDelete, SourcePost, SourceRepost } from './sink.ts';
import type { StreamStateStore } from './state.ts';

/** What one event (or one page) contributed, and the cursor that is safe once it is delivered. */
export interface BatchEntry {
  cursor: string;
  /** Bluesky posts whose authors are resolved at flush time. */
  raw?: RawPost[];
  /** Bluesky repost records, their reposters resolved at flush time like posts' authors. */
  rawReposts?: RawPost[];
  posts?: SourcePost[];
  deletes?: SourceDelete[];
  /** External ids to remember in the state's `recent` list (for dedup after a rewind), with their time. */
  recent?: Array<{ id: string; at: number }>;
  eventAt?: Date;
}

export interface BatcherOptions {
  key: string;
  kind: string;
  sink: Sink;
  state: StreamStateStore;
  actors?: ActorResolver;
  /** Posts per batch before a flush is due; default 200. */
  batchSize?: number;
  /** A non-empty buffer is flushed at least this often; default 500 ms. */
  flushMs?: number;
  /** How far back (in the cursor's unit) `recent` reaches; entries older than the newest minus this are dropped. */
  recentWindow?: number;
  onError?: (err: unknown) => void;
}

export class StreamBatcher {
  private pending: BatchEntry[] = [];
  private size = 0;
  private tail: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private recent: Array<{ id: string; at: number }> = [];
  /** Posts, reposts and deletions delivered since start. */
  delivered = 0;
  /** The last cursor saved. */
  savedCursor: string | null = null;
  private failures = 0;

  constructor(private readonly opts: BatcherOptions) {}

  /** Seeds the dedup memory from the saved state. */
  seedRecent(entries: Array<{ id: string; at: number }>): void {
    this.recent = entries;
  }

  get recentEntries(): ReadonlyArray<{ id: string; at: number }> {
    return this.recent;
  }

  get buffered(): number {
    return this.size;
  }

  /** Queues an entry; when that made a flush due, returns a promise that settles once the flush has run. */
  add(entry: BatchEntry): Promise<void> | undefined {
    this.pending.push(entry);
    this.size +=
      (entry.raw?.length ?? 0) +
      (entry.rawReposts?.length ?? 0) +
      (entry.posts?.length ?? 0) +
      (entry.deletes?.length ?? 0);
    if (this.size >= (this.opts.batchSize ?? 200)) return this.flush();
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.opts.flushMs ?? 500);
    return undefined;
  }

  /** Flushes everything queued so far; resolves once delivered (or once the attempt failed and was reported). */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.tail = this.tail.then(() => this.flushOnce());
    return this.tail;
  }

  private async flushOnce(): Promise<void> {
    if (this.pending.length === 0) return;
    const entries = this.pending;
    const size = this.size;
    this.pending = [];
    this.size = 0;
    try {
      const raw = entries.flatMap((e) => [...(e.raw ?? []), ...(e.rawReposts ?? [])]);
      let actors = new Map<string, ActorInfo>();
      if (raw.length > 0 && this.opts.actors)
        actors = await this.opts.actors.resolveMany(raw.map((r) => r.did));
      const posts: SourcePost[] = [];
      const reposts: SourceRepost[] = [];
      for (const e of entries) {
        for (const r of e.raw ?? []) {
          const p = normalisePostRecord(r, actors.get(r.did));
          if (p) posts.push(p);
        }
        posts.push(...(e.posts ?? []));
        for (const r of e.rawReposts ?? []) {
          const p = normaliseRepostRecord(r, actors.get(r.did));
          if (p) reposts.push(p);
        }
      }
      const deletes = entries.flatMap((e) => e.deletes ?? []);
      if (posts.length > 0 || deletes.length > 0 || reposts.length > 0)
        await this.opts.sink.write({ posts, deletes, ...(reposts.length ? { reposts } : {}) });
      const last = entries[entries.length - 1]!;
      const recent = this.updateRecent(entries);
      const eventAt = entries.reduce<Date | undefined>((a, e) => e.eventAt ?? a, undefined);
      await this.opts.state.save(this.opts.key, this.opts.kind, {
        cursor: last.cursor,
        delivered: posts.length + deletes.length + reposts.length,
        ...(recent ? { recent } : {}),
        ...(eventAt ? { lastEventAt: eventAt } : {}),
      });
      this.savedCursor = last.cursor;
      this.delivered += posts.length + deletes.length + reposts.length;
      this.failures = 0;
    } catch (err) {
      // Put the entries back in front, so order and the cursor stay right, and try again later.
      this.pending = [...entries, ...this.pending];
      this.size += size;
      this.failures++;
      this.opts.onError?.(err);
      const message = err instanceof Error ? err.message : String(err);
      await this.opts.state.recordError(this.opts.key, this.opts.kind, message).catch(() => {});
      const delay = Math.min(30_000, 250 * 2 ** Math.min(this.failures, 7));
      this.timer ??= setTimeout(() => {
        this.timer = null;
        void this.flush();
      }, delay);
    }
  }

  private updateRecent(entries: BatchEntry[]): string[] | undefined {
    const window = this.opts.recentWindow;
    if (window === undefined) return undefined;
    for (const e of entries) this.recent.push(...(e.recent ?? []));
    const newest = this.recent.reduce((m, r) => Math.max(m, r.at), 0);
    this.recent = this.recent.filter((r) => r.at >= newest - window);
    return this.recent.map((r) => `${r.at} ${r.id}`);
  }

  /** Waits for every flush in progress; what is still queued stays queued (call flush() first to deliver it). */
  async idle(): Promise<void> {
    await this.tail;
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

/** Parses the saved `recent` list ("<at> <id>") back into entries. */
export function parseRecent(saved: string[]): Array<{ id: string; at: number }> {
  const out: Array<{ id: string; at: number }> = [];
  for (const s of saved) {
    const space = s.indexOf(' ');
    const at = Number(s.slice(0, space));
    if (space > 0 && Number.isFinite(at)) out.push({ at, id: s.slice(space + 1) });
  }
  return out;
}
