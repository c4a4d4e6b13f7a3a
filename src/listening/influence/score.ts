// Influence as a pure function: an author counts when OTHER relevant authors — people who themselves post
// mentions matching the organisation's monitors — reply to, quote, repost, link to or @mention them, more so
// when those engagers are themselves engaged with (a PageRank over the engagement graph), more so when it is
// recent; breadth across monitors and their own recent activity add a little, follower count very little.
// Every score comes with its parts, so the UI can say "replied to by 4 relevant authors".
import type { InfluencePart } from '../stories/schema.ts';

export type EngagementKind = 'reply' | 'quote' | 'repost' | 'link' | 'mention';

export interface AuthorInput {
  id: string;
  /** Their mentions that matched a monitor (0: not a relevant author). */
  mentions: number;
  monitors: number;
  /** Epoch ms of their latest mention. */
  lastAt: number;
  followers: number | null;
}

export interface EdgeInput {
  from: string;
  to: string;
  kind: EngagementKind;
  /** Epoch ms. */
  at: number;
}

export interface AuthorScore {
  score: number;
  engagers: number;
  parts: InfluencePart[];
}

export const KIND_WEIGHT: Record<EngagementKind, number> = {
  reply: 1,
  quote: 1,
  link: 0.8,
  repost: 0.7,
  mention: 0.5,
};
const PART_OF: Record<EngagementKind, InfluencePart['key']> = {
  reply: 'replies',
  quote: 'quotes',
  repost: 'reposts',
  link: 'links',
  mention: 'mentionedBy',
};
const HALF_LIFE_MS = 14 * 86_400_000;
const PER_ENGAGER = 8;
const SCALE = 40;
const ITERATIONS = 20;
const DAMPING = 0.85;

const round1 = (x: number) => Math.round(x * 10) / 10;
const decay = (ageMs: number) => 0.5 ** (Math.max(0, ageMs) / HALF_LIFE_MS);

/** PageRank over the weighted engagement graph of relevant authors, normalised so the top one is 1. */
export function networkRank(
  ids: readonly string[],
  edges: readonly EdgeInput[],
  now: number,
): Map<string, number> {
  const n = ids.length;
  const rank = new Map(ids.map((id) => [id, 1 / Math.max(n, 1)]));
  if (n === 0) return rank;
  const out = new Map<string, Map<string, number>>();
  for (const e of edges) {
    const w = KIND_WEIGHT[e.kind] * decay(now - e.at);
    const m = out.get(e.from) ?? new Map<string, number>();
    m.set(e.to, Math.max(m.get(e.to) ?? 0, w));
    out.set(e.from, m);
  }
  for (let it = 0; it < ITERATIONS; it++) {
    const next = new Map(ids.map((id) => [id, (1 - DAMPING) / n]));
    let dangling = 0;
    for (const id of ids) {
      const r = rank.get(id)!;
      const targets = out.get(id);
      const total = targets ? [...targets.values()].reduce((a, b) => a + b, 0) : 0;
      if (!targets || total === 0) {
        dangling += r;
        continue;
      }
      for (const [to, w] of targets) next.set(to, next.get(to)! + (DAMPING * r * w) / total);
    }
    for (const id of ids) next.set(id, next.get(id)! + (DAMPING * dangling) / n);
    for (const [id, r] of next) rank.set(id, r);
  }
  const max = Math.max(...rank.values());
  for (const [id, r] of rank) rank.set(id, max > 0 ? r / max : 0);
  return rank;
}

/** Scores every author; edges from or to authors without relevant mentions, and self-engagement, count not. */
export function scoreAuthors(
  authors: readonly AuthorInput[],
  edges: readonly EdgeInput[],
  now: number,
): Map<string, AuthorScore> {
  const relevant = new Set(authors.filter((a) => a.mentions > 0).map((a) => a.id));
  const valid = edges.filter((e) => e.from !== e.to && relevant.has(e.from) && relevant.has(e.to));
  const rank = networkRank([...relevant], valid, now);
  // Per target: each engager's best edge (weight × recency) and the kinds they engaged by.
  const byTarget = new Map<
    string,
    Map<string, { best: number; bestKind: EngagementKind; kinds: Set<EngagementKind> }>
  >();
  for (const e of valid) {
    const w = KIND_WEIGHT[e.kind] * decay(now - e.at);
    const t = byTarget.get(e.to) ?? new Map();
    const g = t.get(e.from) ?? { best: -1, bestKind: e.kind, kinds: new Set<EngagementKind>() };
    g.kinds.add(e.kind);
    if (w > g.best) {
      g.best = w;
      g.bestKind = e.kind;
    }
    t.set(e.from, g);
    byTarget.set(e.to, t);
  }
  const out = new Map<string, AuthorScore>();
  for (const a of authors) {
    const counts = new Map<InfluencePart['key'], { count: number; points: number }>();
    const part = (k: InfluencePart['key']) => {
      let p = counts.get(k);
      if (!p) {
        p = { count: 0, points: 0 };
        counts.set(k, p);
      }
      return p;
    };
    let raw = 0;
    const engagers = byTarget.get(a.id) ?? new Map();
    for (const [from, g] of engagers) {
      const points = PER_ENGAGER * g.best * (0.5 + 0.5 * (rank.get(from) ?? 0));
      raw += points;
      part(PART_OF[g.bestKind as EngagementKind]).points += points;
      for (const k of g.kinds) part(PART_OF[k as EngagementKind]).count++;
    }
    if (a.monitors > 0) {
      const p = 3 * Math.log2(1 + a.monitors);
      raw += p;
      Object.assign(part('monitors'), { count: a.monitors, points: p });
    }
    if (a.mentions > 0) {
      const p = 2 * Math.log2(1 + a.mentions) * decay(now - a.lastAt);
      raw += p;
      Object.assign(part('activity'), { count: a.mentions, points: p });
    }
    if (a.followers && a.followers > 0) {
      const p = Math.min(3, 0.5 * Math.log10(1 + a.followers));
      raw += p;
      Object.assign(part('followers'), { count: a.followers, points: p });
    }
    const order: InfluencePart['key'][] = [
      'replies',
      'quotes',
      'reposts',
      'links',
      'mentionedBy',
      'monitors',
      'activity',
      'followers',
    ];
    out.set(a.id, {
      score: round1(100 * (1 - Math.exp(-raw / SCALE))),
      engagers: engagers.size,
      parts: order
        .filter((k) => counts.has(k))
        .map((k) => ({ key: k, count: counts.get(k)!.count, points: round1(counts.get(k)!.points) })),
    });
  }
  return out;
}
