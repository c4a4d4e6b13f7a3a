// Runs plans against a post's tokens: where in the text each term, phrase, NEAR or proximity group occurs.
//
// Distances count the words between two matches: "a NEAR/0 b" means adjacent, "a NEAR/3 b" allows three
// words in between, and "a b c"~3 allows three words among a, b and c in any order. Matches may not overlap,
// so "net NEAR/2 net" needs "net" twice.
import type { Plan, TokenKind, TokenPlan } from './plan.ts';
import type { Occurrence, TokenView } from './words.ts';

export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface SpanSource {
  /** Cheap yes/no (stops at the first match). */
  has(view: TokenView): boolean;
  spans(view: TokenView): readonly Span[];
}

const NONE: readonly Span[] = [];

/** An exact word: the commonest test of all, so it gets its own class. */
export class Word implements SpanSource {
  constructor(readonly key: string) {}
  has(v: TokenView): boolean {
    return v.words.has(this.key);
  }
  spans(v: TokenView): readonly Span[] {
    return v.words.get(this.key) ?? NONE;
  }
}

/** Any other token plan: hashtags, mentions, case-sensitive forms, wildcards. */
class Token implements SpanSource {
  readonly tokens: TokenKind;
  readonly key: string;
  readonly exact: boolean;
  readonly keyTest?: (folded: string) => boolean;
  readonly rawTest?: (raw: string) => boolean;

  constructor(plan: TokenPlan) {
    this.tokens = plan.tokens;
    this.key = plan.key;
    this.exact = plan.exact;
    this.keyTest = plan.keyTest;
    this.rawTest = plan.rawTest;
  }

  fits(key: string): boolean {
    return this.exact ? key === this.key : key.startsWith(this.key) && (!this.keyTest || this.keyTest(key));
  }

  /** Occurrences to use from one key's list (all of them, unless the term is case-sensitive). */
  pick(list: Occurrence[]): Occurrence[] {
    const test = this.rawTest;
    return test ? list.filter((o) => test(o.raw)) : list;
  }

  has(v: TokenView): boolean {
    const postings = v[this.tokens];
    if (this.exact) {
      const list = postings.get(this.key);
      return list !== undefined && (!this.rawTest || this.pick(list).length > 0);
    }
    // Wildcards scan the post's distinct words: a few dozen, cheaper than any term dictionary.
    for (const [k, list] of postings)
      if (this.fits(k) && (!this.rawTest || this.pick(list).length > 0)) return true;
    return false;
  }

  spans(v: TokenView): readonly Span[] {
    const postings = v[this.tokens];
    if (this.exact) return this.pick(postings.get(this.key) ?? []);
    const out: Span[] = [];
    for (const [k, list] of postings) if (this.fits(k)) out.push(...this.pick(list));
    return out;
  }
}

class Seq implements SpanSource {
  constructor(readonly items: SpanSource[]) {}
  has(v: TokenView): boolean {
    for (const i of this.items) if (!i.has(v)) return false;
    return this.spans(v).length > 0;
  }
  spans(v: TokenView): readonly Span[] {
    let current = this.items[0]!.spans(v);
    for (let i = 1; i < this.items.length && current.length > 0; i++) {
      const next = this.items[i]!.spans(v);
      const joined: Span[] = [];
      for (const a of current)
        for (const b of next) if (b.start === a.end) joined.push({ start: a.start, end: b.end });
      current = joined;
    }
    return current;
  }
}

class Union implements SpanSource {
  constructor(readonly items: SpanSource[]) {}
  has(v: TokenView): boolean {
    for (const i of this.items) if (i.has(v)) return true;
    return false;
  }
  spans(v: TokenView): readonly Span[] {
    const all = this.items.map((i) => i.spans(v)).filter((s) => s.length > 0);
    return all.length <= 1 ? (all[0] ?? NONE) : all.flat();
  }
}

class Near implements SpanSource {
  constructor(
    readonly left: SpanSource,
    readonly right: SpanSource,
    readonly distance: number,
    readonly ordered: boolean,
  ) {}
  has(v: TokenView): boolean {
    return this.left.has(v) && this.right.has(v) && this.pairs(v, true).length > 0;
  }
  spans(v: TokenView): readonly Span[] {
    return this.pairs(v, false);
  }
  pairs(v: TokenView, first: boolean): Span[] {
    const { distance, ordered } = this;
    const out: Span[] = [];
    const rs = this.right.spans(v);
    for (const a of this.left.spans(v))
      for (const b of rs) {
        if (b.start >= a.end && b.start - a.end <= distance) out.push({ start: a.start, end: b.end });
        else if (!ordered && a.start >= b.end && a.start - b.end <= distance)
          out.push({ start: b.start, end: a.end });
        else continue;
        if (first) return out;
      }
    return out;
  }
}

/** One non-overlapping span per item, with at most `distance` uncovered words in their window. */
function proxWindows(lists: (readonly Span[])[], distance: number, first: boolean): Span[] {
  const out: Span[] = [];
  // Fewest choices first keeps the search small; `slack[j]` bounds what the items after j can still cover.
  const order = lists.map((l, i) => [l.length, i] as const).sort((a, b) => a[0] - b[0]);
  const sorted = order.map(([, i]) => lists[i]!);
  const longest = sorted.map((l) => l.reduce((m, s) => Math.max(m, s.end - s.start), 0));
  const slack = longest.map((_, j) => longest.slice(j + 1).reduce((a, b) => a + b, 0));
  const chosen: Span[] = [];
  const search = (j: number, lo: number, hi: number, covered: number): boolean => {
    if (j === sorted.length) {
      out.push({ start: lo, end: hi });
      return first;
    }
    for (const s of sorted[j]!) {
      if (chosen.some((c) => s.start < c.end && c.start < s.end)) continue;
      const nlo = Math.min(lo, s.start);
      const nhi = Math.max(hi, s.end);
      const ncovered = covered + s.end - s.start;
      if (nhi - nlo - ncovered - slack[j]! > distance) continue;
      chosen.push(s);
      const done = search(j + 1, nlo, nhi, ncovered);
      chosen.pop();
      if (done) return true;
    }
    return false;
  };
  search(0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0);
  return out;
}

class Prox implements SpanSource {
  constructor(
    readonly items: SpanSource[],
    readonly distance: number,
  ) {}
  has(v: TokenView): boolean {
    for (const i of this.items) if (!i.has(v)) return false;
    return this.windows(v, true).length > 0;
  }
  spans(v: TokenView): readonly Span[] {
    return this.windows(v, false);
  }
  windows(v: TokenView, first: boolean): Span[] {
    return proxWindows(
      this.items.map((i) => i.spans(v)),
      this.distance,
      first,
    );
  }
}

export function spanSource(plan: Plan): SpanSource {
  switch (plan.kind) {
    case 'token':
      return plan.exact && plan.tokens === 'words' && !plan.rawTest ? new Word(plan.key) : new Token(plan);
    case 'seq':
      return new Seq(plan.items.map(spanSource));
    case 'union':
      return new Union(plan.items.map(spanSource));
    case 'near':
      return new Near(spanSource(plan.left), spanSource(plan.right), plan.distance, plan.ordered);
    case 'prox':
      return new Prox(plan.items.map(spanSource), plan.distance);
  }
}
