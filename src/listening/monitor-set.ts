// The active monitors of an organisation as the pipeline uses them: one presearching MonitorIndex plus each
// monitor's source and language filters. Built once and cached per database handle and organisation; a cheap
// signature query (count and newest change) tells when any monitor changed, in this process or another.
import { and, count, eq, max } from 'drizzle-orm';
import type { DbOrTx } from '../db/connect.ts';
import { langCodes } from './query/fields.ts';
import { MonitorIndex, type TokenizedPost } from './query/index.ts';
import { monitors } from './schema.ts';

export interface MonitorFilter {
  /** null: every source. */
  sources: Set<string> | null;
  /** null: every language; 'no' in the set covers nb and nn. */
  languages: Set<string> | null;
}

export function monitorFilter(sources: readonly string[], languages: readonly string[]): MonitorFilter {
  return {
    sources: sources.length ? new Set(sources.map((s) => s.toLowerCase())) : null,
    languages: languages.length ? new Set(languages.map((l) => l.toLowerCase())) : null,
  };
}

/**
 * Whether a post from `source` in `lang` is within a monitor's sources and languages. The language may be
 * given as a function: it is then worked out only when a monitor filters by language.
 */
export function withinFilter(filter: MonitorFilter, source: string, lang: string | (() => string)): boolean {
  if (filter.sources && !filter.sources.has(source)) return false;
  if (filter.languages) {
    const code = typeof lang === 'function' ? lang() : lang;
    if (!langCodes(code).some((c) => filter.languages!.has(c))) return false;
  }
  return true;
}

export class MonitorSet {
  readonly index = new MonitorIndex<string>();
  readonly filters = new Map<string, MonitorFilter>();

  constructor(
    rows: readonly { id: string; query: string; sources: string[]; languages: string[] }[],
    onBadQuery?: (id: string, err: unknown) => void,
  ) {
    for (const row of rows) {
      try {
        this.index.add(row.id, row.query);
        this.filters.set(row.id, monitorFilter(row.sources, row.languages));
      } catch (err) {
        // Stored queries were validated on save; one that no longer parses must not stop the others.
        onBadQuery?.(row.id, err);
      }
    }
  }

  get size(): number {
    return this.index.size;
  }

  /** Ids of the monitors that match the post and accept its source and language. */
  match(post: TokenizedPost, source: string, lang: string | (() => string)): string[] {
    const out: string[] = [];
    for (const id of this.index.match(post)) {
      if (withinFilter(this.filters.get(id)!, source, lang)) out.push(id);
    }
    return out;
  }
}

interface Cached {
  signature: string;
  set: MonitorSet;
}

const cache = new WeakMap<object, Map<string, Cached>>();

async function signatureOf(db: DbOrTx, orgId: string): Promise<string> {
  const [row] = await db
    .select({ n: count(), newest: max(monitors.updatedAt) })
    .from(monitors)
    .where(eq(monitors.orgId, orgId));
  return `${row?.n ?? 0}:${row?.newest ? new Date(row.newest).getTime() : 0}`;
}

/** The organisation's active monitors, from the cache unless a monitor changed since it was built. */
export async function activeMonitors(db: DbOrTx, orgId: string): Promise<MonitorSet> {
  let perDb = cache.get(db);
  if (!perDb) {
    perDb = new Map();
    cache.set(db, perDb);
  }
  const signature = await signatureOf(db, orgId);
  const hit = perDb.get(orgId);
  if (hit && hit.signature === signature) return hit.set;
  const rows = await db
    .select({
      id: monitors.id,
      query: monitors.query,
      sources: monitors.sources,
      languages: monitors.languages,
    })
    .from(monitors)
    .where(and(eq(monitors.orgId, orgId), eq(monitors.active, true)));
  const set = new MonitorSet(rows);
  perDb.set(orgId, { signature, set });
  return set;
}
