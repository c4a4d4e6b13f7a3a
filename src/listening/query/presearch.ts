// MonitorIndex: many monitors against each post, checking only the candidates whose required keys the post
// has (the presearcher idea of Lucene Monitor), plus the few monitors with no required term.
import { compile, type Monitor } from './match.ts';
import { type Post, TokenizedPost, tokenize } from './post.ts';
import { type IndexKey, type KeySpace, requiredKeys } from './required.ts';

/**
 * Slot lists per exact key; prefix keys (wildcard stems, URLs) in buckets by their first BUCKET characters,
 * so a post's word costs one lookup for all the stems that could start it (shorter stems bucket whole).
 */
interface Table {
  exact: Map<string, number[]>;
  buckets: Map<number, PrefixEntry[]>;
  /** Bucket key lengths in use (1 … BUCKET) with their counts; `lengths` ascending. */
  lengthUses: Map<number, number>;
  lengths: number[];
}

interface PrefixEntry {
  stem: string;
  slots: number[];
}

const BUCKET = 3;

/**
 * A bucket's number from a key's first `length` UTF-16 units: no substring to allocate and hash per post word.
 * Different prefixes may share a number; entries are checked with startsWith anyway.
 */
function bucketOf(key: string, length: number): number {
  let h = length;
  for (let i = 0; i < length; i++) h = (h * 1031 + key.charCodeAt(i)) & 0x3fffffff;
  return h;
}

interface Entry<K> {
  id: K;
  monitor: Monitor;
  /** null: checked against every post. */
  keys: IndexKey[] | null;
}

/** The values of a post that keys of a space are looked up with. */
function postKeys(post: TokenizedPost, space: KeySpace): Iterable<string> {
  switch (space) {
    case 'words':
    case 'hashtags':
    case 'mentions':
      return post.body[space].keys();
    case 'author':
      return post.author ? [post.author] : [];
    case 'site':
      return post.hosts;
    case 'url':
      return post.url ? [post.url] : [];
    case 'links':
      return post.links;
    case 'lang':
      return post.langs;
    case 'source':
      return post.source ? [post.source] : [];
  }
}

export class MonitorIndex<K = string> {
  readonly #entries: (Entry<K> | undefined)[] = [];
  readonly #free: number[] = [];
  readonly #slots = new Map<K, number>();
  readonly #always = new Set<number>();
  readonly #tables = new Map<KeySpace, Table>();
  /** Per slot, the last post it became a candidate for: de-duplicates candidates without a Set per post. */
  #seen = new Int32Array(1024);
  #epoch = 0;
  /** Running totals, for benchmarks and monitoring. */
  readonly stats = { posts: 0, candidates: 0 };

  get size(): number {
    return this.#slots.size;
  }

  /** Monitors that have no required term and are checked against every post. */
  get alwaysChecked(): number {
    return this.#always.size;
  }

  has(id: K): boolean {
    return this.#slots.has(id);
  }

  /** Adds or replaces a monitor. A query string is compiled (throws QueryError). */
  add(id: K, monitor: Monitor | string): Monitor {
    const compiled = typeof monitor === 'string' ? compile(monitor) : monitor;
    const keys = requiredKeys(compiled.ast)?.keys ?? null;
    this.remove(id);
    const slot = this.#free.pop() ?? this.#entries.length;
    this.#entries[slot] = { id, monitor: compiled, keys };
    this.#slots.set(id, slot);
    if (slot >= this.#seen.length) {
      const grown = new Int32Array(this.#seen.length * 2);
      grown.set(this.#seen);
      this.#seen = grown;
    }
    if (!keys) this.#always.add(slot);
    else for (const k of keys) this.#link(slot, k);
    return compiled;
  }

  remove(id: K): boolean {
    const slot = this.#slots.get(id);
    if (slot === undefined) return false;
    const entry = this.#entries[slot]!;
    if (!entry.keys) this.#always.delete(slot);
    else for (const k of entry.keys) this.#unlink(slot, k);
    this.#entries[slot] = undefined;
    this.#slots.delete(id);
    this.#free.push(slot);
    return true;
  }

  /** Ids of the monitors that match the post, in no particular order. */
  match(post: Post | TokenizedPost): K[] {
    const p = post instanceof TokenizedPost ? post : tokenize(post);
    const candidates = this.#candidates(p);
    this.stats.posts++;
    this.stats.candidates += candidates.length;
    const out: K[] = [];
    for (const slot of candidates) {
      const entry = this.#entries[slot]!;
      if (entry.monitor.test(p)) out.push(entry.id);
    }
    return out;
  }

  /** Ids of the monitors the presearcher would check against a post (a superset of those that match). */
  candidates(post: Post | TokenizedPost): K[] {
    const p = post instanceof TokenizedPost ? post : tokenize(post);
    return this.#candidates(p).map((slot) => this.#entries[slot]!.id);
  }

  /** Slots of the monitors worth checking against a post. */
  #candidates(post: TokenizedPost): number[] {
    if (++this.#epoch === 0x7fffffff) {
      this.#seen.fill(0);
      this.#epoch = 1;
    }
    const epoch = this.#epoch;
    const seen = this.#seen;
    const out = [...this.#always];
    const visit = (slots: number[] | undefined) => {
      if (slots)
        for (const s of slots)
          if (seen[s] !== epoch) {
            seen[s] = epoch;
            out.push(s);
          }
    };
    for (const slot of out) seen[slot] = epoch;
    for (const [space, table] of this.#tables) {
      const { exact, buckets, lengths } = table;
      for (const key of postKeys(post, space)) {
        if (exact.size > 0) visit(exact.get(key));
        for (const length of lengths) {
          if (length > key.length) break;
          const bucket = buckets.get(bucketOf(key, length));
          if (bucket) for (const e of bucket) if (key.startsWith(e.stem)) visit(e.slots);
        }
      }
    }
    return out;
  }

  #table(space: KeySpace): Table {
    let table = this.#tables.get(space);
    if (!table) {
      table = { exact: new Map(), buckets: new Map(), lengthUses: new Map(), lengths: [] };
      this.#tables.set(space, table);
    }
    return table;
  }

  #link(slot: number, { space, key, prefix }: IndexKey): void {
    const table = this.#table(space);
    if (!prefix) {
      const list = table.exact.get(key);
      if (list) list.push(slot);
      else table.exact.set(key, [slot]);
      return;
    }
    // Bucket lengths count UTF-16 units, as post keys are sliced.
    const length = Math.min(key.length, BUCKET);
    const name = bucketOf(key, length);
    const bucket = table.buckets.get(name);
    const entry = bucket?.find((e) => e.stem === key);
    if (entry) entry.slots.push(slot);
    else if (bucket) bucket.push({ stem: key, slots: [slot] });
    else table.buckets.set(name, [{ stem: key, slots: [slot] }]);
    const uses = table.lengthUses.get(length) ?? 0;
    table.lengthUses.set(length, uses + 1);
    if (uses === 0) table.lengths = [...table.lengthUses.keys()].sort((a, b) => a - b);
  }

  #unlink(slot: number, { space, key, prefix }: IndexKey): void {
    const table = this.#tables.get(space)!;
    if (!prefix) {
      const list = table.exact.get(key)!;
      list.splice(list.indexOf(slot), 1);
      if (list.length === 0) table.exact.delete(key);
    } else {
      const length = Math.min(key.length, BUCKET);
      const name = bucketOf(key, length);
      const bucket = table.buckets.get(name)!;
      const at = bucket.findIndex((e) => e.stem === key);
      const slots = bucket[at]!.slots;
      slots.splice(slots.indexOf(slot), 1);
      if (slots.length === 0) bucket.splice(at, 1);
      if (bucket.length === 0) table.buckets.delete(name);
      const uses = table.lengthUses.get(length)! - 1;
      if (uses > 0) table.lengthUses.set(length, uses);
      else {
        table.lengthUses.delete(length);
        table.lengths = [...table.lengthUses.keys()].sort((a, b) => a - b);
      }
    }
    if (table.exact.size === 0 && table.buckets.size === 0) this.#tables.delete(space);
  }
}
