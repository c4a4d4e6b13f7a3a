// The clusterer's memory: per organisation, the recent story members with their keys (LSH bands, links, post
// references, named entities), so a new mention finds its candidates without a database look-up per key.
// It is a cache of `story_members` (keys, minhash, story): loaded on first use for the window the first
// batch needs, topped up from rows other processes stored since (by the members' insertion `seq`, read under
// the clusterer's per-organisation lock), and bounded in size. Story ids held here are hints: the clusterer
// reads the current story of every candidate it joins from the database, so merges and deletions made
// elsewhere are never acted on from a stale copy.
import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/connect.ts';
import { KeyIndex } from './key-index.ts';
import { bytesOf, unpackKeys, unpackSignature } from './packed.ts';

/** Most members kept per organisation; beyond it the oldest are forgotten (they stay stored). */
export const MEMORY_CAP = Number(process.env.STEMME_STORY_MEMORY ?? 200_000);
/** Most recent members looked at per key: a key everybody shares must not make every post a candidate. */
export const PER_KEY = 50;

export interface MemoryMember {
  mentionId: string;
  /** The story when last seen here (a hint; see above). */
  storyId: string;
  minhash: Int32Array | null;
  /** Published at, ms. */
  at: number;
  dead: boolean;
}

export class OrgMemory {
  /** Most members kept (MEMORY_CAP unless a test says otherwise). */
  constructor(readonly cap = MEMORY_CAP) {}

  /** Each key's members by their number here (`held`), newest first, in flat buffers (key-index.ts). */
  private byKey = new KeyIndex();
  /** Members by number: the live ones and those forgotten since the last sweep. */
  private held: MemoryMember[] = [];
  readonly members = new Map<string, MemoryMember>();
  /** Highest `seq` of this organisation's members loaded. */
  lastSeq = 0;
  /** Every member published at or after this (ms) is here, unless forgotten for size. */
  from = Number.POSITIVE_INFINITY;
  private deadCount = 0;

  add(
    mentionId: string,
    storyId: string,
    minhash: Int32Array | null,
    at: number,
    keys: readonly number[],
  ): void {
    if (this.members.has(mentionId)) return;
    const m: MemoryMember = { mentionId, storyId, minhash, at, dead: false };
    this.members.set(mentionId, m);
    const n = this.held.length;
    this.held.push(m);
    for (let i = 0; i < keys.length; i++) this.byKey.add(keys[i]!, n);
  }

  /**
   * Visits the newest live members holding the key, published at or after `since` (ms): at most PER_KEY of them,
   * among the newest 2 × PER_KEY the key was filed for (a key everybody shares costs no more than that).
   */
  candidates(key: number, since: number, visit: (m: MemoryMember) => void): void {
    let visited = 0;
    this.byKey.forEach(
      key,
      (n) => {
        const m = this.held[n]!;
        if (m.dead || m.at < since) return true;
        visit(m);
        return ++visited < PER_KEY;
      },
      PER_KEY * 2,
    );
  }

  /** Members of `from` now belong to `to` (a merge). */
  moveStory(from: string, to: string): void {
    for (const m of this.members.values()) if (m.storyId === from) m.storyId = to;
  }

  forget(mentionId: string): void {
    const m = this.members.get(mentionId);
    if (!m) return;
    m.dead = true;
    this.members.delete(mentionId);
    this.deadCount++;
  }

  /**
   * Drops members published before `before` (ms) and, over the cap, the oldest; rebuilds the key lists when
   * many entries in them are dead.
   */
  trim(before: number): void {
    // Sweeping costs a pass over every member: only when an hour's worth has aged out, or over the cap.
    if (before < this.from + 3_600_000 && this.members.size <= this.cap) return;
    for (const m of this.members.values()) if (m.at < before) this.forget(m.mentionId);
    if (this.members.size > this.cap) {
      // Down to nine tenths of the cap, so the sort is not repeated on every batch that follows.
      const ats = [...this.members.values()].map((m) => m.at).sort((a, b) => a - b);
      const cut = ats[this.members.size - Math.floor(this.cap * 0.9)]!;
      for (const m of this.members.values()) if (m.at < cut) this.forget(m.mentionId);
      before = Math.max(before, cut);
    }
    if (before > this.from) this.from = before;
    if (this.deadCount > this.members.size / 2) {
      // Sweep: the live members are numbered afresh, and the forgotten ones leave the key index.
      const renumber = new Int32Array(this.held.length).fill(-1);
      const live: MemoryMember[] = [];
      this.held.forEach((m, n) => {
        if (m.dead) return;
        renumber[n] = live.length;
        live.push(m);
      });
      this.byKey = this.byKey.remapped((n) => renumber[n]!);
      this.held = live;
      this.deadCount = 0;
    }
  }

  get size(): number {
    return this.members.size;
  }
}

const memories = new WeakMap<object, Map<string, OrgMemory>>();

/** The organisation's memory for a database handle (created empty). */
export function memoryOf(handle: object, orgId: string): OrgMemory {
  let byOrg = memories.get(handle);
  if (!byOrg) {
    byOrg = new Map();
    memories.set(handle, byOrg);
  }
  let mem = byOrg.get(orgId);
  if (!mem) {
    mem = new OrgMemory();
    byOrg.set(orgId, mem);
  }
  return mem;
}

/** Forgets an organisation's memory (after a failed batch: it is rebuilt from what was stored). */
export function dropMemory(handle: object, orgId: string): void {
  memories.get(handle)?.delete(orgId);
}

type MemberRow = {
  mention_id: string;
  story_id: string;
  minhash: unknown;
  keys: unknown;
  at: Date | string;
  seq: number | string;
};

function addRows(mem: OrgMemory, rows: readonly MemberRow[]): void {
  for (const r of rows) {
    mem.add(
      r.mention_id,
      r.story_id,
      r.minhash == null ? null : unpackSignature(bytesOf(r.minhash)),
      new Date(r.at).getTime(),
      unpackKeys(bytesOf(r.keys)),
    );
    const seq = Number(r.seq);
    if (seq > mem.lastSeq) mem.lastSeq = seq;
  }
}

const COLUMNS = sql.raw('mention_id, story_id, minhash, keys, at, seq');

/**
 * Brings the memory up to date for a batch whose candidates may be published from `since` on: members other
 * processes stored since the last look, and older members when the batch reaches further back than memory.
 * Call under the clusterer's per-organisation lock.
 */
export async function syncMemory(db: DbOrTx, mem: OrgMemory, orgId: string, since: Date): Promise<void> {
  const sinceMs = since.getTime();
  if (mem.from === Number.POSITIVE_INFINITY) {
    // First use: the newest members of the window, then everything after them by seq.
    const rows = await queryRows<MemberRow>(
      db,
      sql`select ${COLUMNS} from story_members
        where org_id = ${orgId} and at >= ${since.toISOString()}::timestamptz
        order by at desc limit ${mem.cap}`,
    );
    addRows(mem, rows);
    const [top] = await queryRows<{ seq: string | number | null }>(
      db,
      sql`select max(seq) as seq from story_members where org_id = ${orgId}`,
    );
    mem.lastSeq = Math.max(mem.lastSeq, Number(top?.seq ?? 0));
    mem.from = rows.length >= mem.cap ? new Date(rows[rows.length - 1]!.at).getTime() : sinceMs;
    return;
  }
  const fresh = await queryRows<MemberRow>(
    db,
    sql`select ${COLUMNS} from story_members where org_id = ${orgId} and seq > ${mem.lastSeq} order by seq`,
  );
  addRows(mem, fresh);
  if (sinceMs < mem.from) {
    // A batch from further back (a backfill): load that stretch too.
    const older = await queryRows<MemberRow>(
      db,
      sql`select ${COLUMNS} from story_members
        where org_id = ${orgId} and at >= ${since.toISOString()}::timestamptz
          and at < ${new Date(mem.from).toISOString()}::timestamptz
        order by at desc limit ${mem.cap}`,
    );
    addRows(mem, older);
    mem.from = older.length >= mem.cap ? new Date(older[older.length - 1]!.at).getTime() : sinceMs;
  }
}

/** Records the highest seq after this process stored members (so the next sync does not load them back). */
export async function advanceSeq(db: DbOrTx, mem: OrgMemory, orgId: string): Promise<void> {
  const [top] = await queryRows<{ seq: string | number | null }>(
    db,
    sql`select max(seq) as seq from story_members where org_id = ${orgId}`,
  );
  mem.lastSeq = Math.max(mem.lastSeq, Number(top?.seq ?? 0));
}
