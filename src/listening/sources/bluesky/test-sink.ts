// A Sink for tests: keeps every batch, can be told to fail, and counts how often each post arrived.
import type { Sink, SourceBatch, SourceDelete, SourcePost, SourceRepost } from './sink.ts';

export class CollectingSink implements Sink {
  readonly batches: SourceBatch[] = [];
  private failNext = 0;

  /** The next n writes throw (the pipeline's database is down). */
  fail(n = 1): void {
    this.failNext = n;
  }

  async write(batch: SourceBatch): Promise<void> {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('sink unavailable');
    }
    this.batches.push(batch);
  }

  get posts(): SourcePost[] {
    return this.batches.flatMap((b) => b.posts);
  }

  get deletes(): SourceDelete[] {
    return this.batches.flatMap((b) => b.deletes);
  }

  get reposts(): SourceRepost[] {
    return this.batches.flatMap((b) => b.reposts ?? []);
  }

  /** How many times each external id was delivered. */
  counts(): Map<string, number> {
    const m = new Map<string, number>();
    for (const p of this.posts) m.set(p.externalId, (m.get(p.externalId) ?? 0) + 1);
    return m;
  }

  has(externalId: string): boolean {
    return this.posts.some((p) => p.externalId === externalId);
  }
}
