// A multimap from the clusterer's 53-bit keys to small integers (member numbers), newest first, held in typed
// arrays: an open-addressed table of keys, each pointing at a chain of postings. A Map of arrays costs a boxed
// number per key, an array per key and an object per entry, which the garbage collector then copies; this holds
// a hundred thousand members' keys in a few flat buffers.

const EMPTY = -1;

/** A strong 32-bit mix (murmur3's finaliser) of a key's two halves. */
function slotHash(hi: number, lo: number): number {
  let h = (lo ^ Math.imul(hi, 0x9e3779b1)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export class KeyIndex {
  /** Per slot: the key's halves and its newest posting (EMPTY when the slot is free). */
  private hi: Uint32Array;
  private lo: Uint32Array;
  private head: Int32Array;
  private mask: number;
  /** Slots taken. */
  private keys = 0;
  /** Per posting: its value and the next older posting of the same key. */
  private value: Int32Array;
  private next: Int32Array;
  private postings = 0;

  constructor(expectedKeys = 1024) {
    let slots = 16;
    while (slots < expectedKeys * 2) slots *= 2;
    this.hi = new Uint32Array(slots);
    this.lo = new Uint32Array(slots);
    this.head = new Int32Array(slots).fill(EMPTY);
    this.mask = slots - 1;
    this.value = new Int32Array(Math.max(16, expectedKeys));
    this.next = new Int32Array(this.value.length);
  }

  /** Distinct keys held. */
  get size(): number {
    return this.keys;
  }

  /** Postings held (a key added for two values counts twice). */
  get entries(): number {
    return this.postings;
  }

  /** The slot of a key: where it is, or the free slot where it would go. */
  private slotOf(hi: number, lo: number): number {
    let s = slotHash(hi, lo) & this.mask;
    while (this.head[s] !== EMPTY && (this.lo[s] !== lo || this.hi[s] !== hi)) s = (s + 1) & this.mask;
    return s;
  }

  /** Files `value` under `key` (an integer below 2^53) as its newest. */
  add(key: number, value: number): void {
    const hi = Math.floor(key / 0x100000000) >>> 0;
    const lo = key >>> 0;
    if (this.postings === this.value.length) {
      const value = new Int32Array(this.value.length * 2);
      value.set(this.value);
      this.value = value;
      const next = new Int32Array(this.next.length * 2);
      next.set(this.next);
      this.next = next;
    }
    let s = this.slotOf(hi, lo);
    if (this.head[s] === EMPTY) {
      if ((this.keys + 1) * 2 > this.mask + 1) {
        this.grow();
        s = this.slotOf(hi, lo);
      }
      this.hi[s] = hi;
      this.lo[s] = lo;
      this.keys++;
    }
    const p = this.postings++;
    this.value[p] = value;
    this.next[p] = this.head[s]!;
    this.head[s] = p;
  }

  /**
   * Visits the values filed under `key`, newest first, looking at no more than `limit` of them; stops early
   * when `visit` returns false.
   */
  forEach(key: number, visit: (value: number) => boolean | undefined, limit = Number.MAX_SAFE_INTEGER): void {
    const hi = Math.floor(key / 0x100000000) >>> 0;
    const lo = key >>> 0;
    const s = this.slotOf(hi, lo);
    let seen = 0;
    for (let p = this.head[s]!; p !== EMPTY && seen < limit; p = this.next[p]!, seen++)
      if (visit(this.value[p]!) === false) return;
  }

  /**
   * A new index with every value renumbered by `to` (a negative number drops it), each key's postings in the same
   * order: the sweep after many values went out of use.
   */
  remapped(to: (value: number) => number): KeyIndex {
    const out = new KeyIndex(Math.max(16, this.keys));
    const chain: number[] = [];
    for (let s = 0; s <= this.mask; s++) {
      if (this.head[s] === EMPTY) continue;
      chain.length = 0;
      for (let p = this.head[s]!; p !== EMPTY; p = this.next[p]!) {
        const v = to(this.value[p]!);
        if (v >= 0) chain.push(v);
      }
      const key = this.hi[s]! * 0x100000000 + this.lo[s]!;
      // Oldest first, so the newest ends up at the head again.
      for (let i = chain.length - 1; i >= 0; i--) out.add(key, chain[i]!);
    }
    return out;
  }

  private grow(): void {
    const { hi, lo, head } = this;
    const slots = (this.mask + 1) * 2;
    this.hi = new Uint32Array(slots);
    this.lo = new Uint32Array(slots);
    this.head = new Int32Array(slots).fill(EMPTY);
    this.mask = slots - 1;
    for (let s = 0; s < head.length; s++) {
      if (head[s] === EMPTY) continue;
      const t = this.slotOf(hi[s]!, lo[s]!);
      this.hi[t] = hi[s]!;
      this.lo[t] = lo[s]!;
      this.head[t] = head[s]!;
    }
  }
}
