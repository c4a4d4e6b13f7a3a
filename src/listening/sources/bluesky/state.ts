// Durable stream positions: each live source reads its cursor on start and saves it after every batch the sink
// has taken, in the listening_streams table.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/connect.ts';
import { listeningStreams } from './schema.ts';

export interface StreamState {
  cursor: string | null;
  recent: string[];
  delivered: number;
  error: string | null;
}

export interface SavePoint {
  cursor: string;
  recent?: string[];
  delivered: number;
  lastEventAt?: Date | null;
}

export class StreamStateStore {
  constructor(private readonly db: Db) {}

  async load(key: string): Promise<StreamState | null> {
    const [row] = await this.db.select().from(listeningStreams).where(eq(listeningStreams.key, key));
    if (!row) return null;
    return { cursor: row.cursor, recent: row.recent, delivered: row.delivered, error: row.error };
  }

  /** Moves the cursor forward and clears the error: the batch before it is with the sink. */
  async save(key: string, kind: string, p: SavePoint): Promise<void> {
    const now = new Date();
    await this.db
      .insert(listeningStreams)
      .values({
        key,
        kind,
        cursor: p.cursor,
        recent: p.recent ?? [],
        delivered: p.delivered,
        lastEventAt: p.lastEventAt ?? null,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: listeningStreams.key,
        set: {
          cursor: p.cursor,
          recent: p.recent ?? [],
          delivered: sql`${listeningStreams.delivered} + ${p.delivered}`,
          ...(p.lastEventAt ? { lastEventAt: p.lastEventAt } : {}),
          error: null,
          errorAt: null,
          updatedAt: now,
        },
      });
  }

  async recordError(key: string, kind: string, message: string): Promise<void> {
    const now = new Date();
    await this.db
      .insert(listeningStreams)
      .values({ key, kind, error: message, errorAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: listeningStreams.key,
        set: { error: message, errorAt: now, updatedAt: now },
      });
  }

  async list(): Promise<Array<typeof listeningStreams.$inferSelect>> {
    return this.db.select().from(listeningStreams).orderBy(listeningStreams.key);
  }
}
