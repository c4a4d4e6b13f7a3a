// The pure storm scoring: expected volume from a thin or rich baseline, the Poisson test with minimum counts,
// negative share and influential authors as reasons, and the episode state machine.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assess,
  type Baseline,
  expectedCount,
  INFLUENTIAL_WEIGHT,
  QUIET_MS,
  rankTopPosts,
  SENSITIVITY,
  stormStep,
  WINDOW_MS,
} from './score.ts';

const HOUR = 3_600_000;
const empty: Baseline = { weekly: [], recentCount: 0, recentNegatives: 0, recentSpanMs: 0 };
const normal = SENSITIVITY.normal;
const win = (count: number, negatives = 0, authors: { name: string; weight: number }[] = []) => ({
  count,
  negatives,
  authors,
});

describe('expected volume', () => {
  it('a monitor with no history expects the prior (2 an hour, so 1 in a 30-minute window)', () => {
    expect(expectedCount(empty)).toBeCloseTo(1, 5);
  });

  it('a week of history at 10 an hour dominates the prior', () => {
    const b = { ...empty, recentCount: 10 * 168, recentSpanMs: 168 * HOUR };
    expect(expectedCount(b)).toBeGreaterThan(4.8);
    expect(expectedCount(b)).toBeLessThan(5.1);
  });

  it('the same hour in earlier weeks pulls the estimate toward that hour', () => {
    const flat = { ...empty, recentCount: 2 * 168, recentSpanMs: 168 * HOUR };
    const busyHour = { ...flat, weekly: [30, 28, 32, 30] };
    expect(expectedCount(busyHour)).toBeGreaterThan(15);
    expect(expectedCount(flat)).toBeLessThan(1.5);
  });
});

describe('assess', () => {
  it('a fresh monitor does not call its first few posts a storm (minimum count)', () => {
    for (let n = 0; n < normal.minCount; n++) expect(assess(win(n, n), empty, normal).surge).toBe(false);
  });

  it('a burst far above the baseline is a storm with the volume reason', () => {
    const base = { ...empty, recentCount: 3 * 168, recentNegatives: 60, recentSpanMs: 168 * HOUR };
    const a = assess(win(25, 20), base, normal);
    expect(a.surge).toBe(true);
    expect(a.reasons.map((r) => r.kind)).toEqual(['volume', 'negative']);
    const volume = a.reasons[0]!;
    expect(volume.kind === 'volume' && volume.count).toBe(25);
  });

  it('the usual busy hour is not a storm', () => {
    const base = { ...empty, recentCount: 2 * 168, recentSpanMs: 168 * HOUR, weekly: [40, 38, 42, 40] };
    expect(assess(win(45, 5), base, normal).surge).toBe(false);
  });

  it('negatives surging in a busy monitor open a storm although the volume rises less', () => {
    const base = { ...empty, recentCount: 40 * 168, recentNegatives: 4 * 168, recentSpanMs: 168 * HOUR };
    const a = assess(win(35, 25), base, normal);
    expect(a.ratio).toBeLessThan(normal.ratio);
    expect(a.surge).toBe(true);
    expect(a.reasons.some((r) => r.kind === 'negative')).toBe(true);
  });

  it('influential authors joining are a reason and lower the bar by one z step', () => {
    const base = { ...empty, recentCount: 3 * 168, recentSpanMs: 168 * HOUR };
    // Expected ≈ 1.5: 7 posts give z ≈ 4.5 (≥ 4); 6 posts z ≈ 3.7, a storm only with an influential author.
    const high = SENSITIVITY.high;
    const plain = assess(win(6), base, { ...high, z: 4 });
    const joined = assess(win(6, 0, [{ name: 'Kjent Stemme', weight: INFLUENTIAL_WEIGHT + 3 }]), base, {
      ...high,
      z: 4,
    });
    expect(plain.surge).toBe(false);
    expect(joined.surge).toBe(true);
    expect(joined.reasons.find((r) => r.kind === 'influential')).toEqual({
      kind: 'influential',
      authors: [{ name: 'Kjent Stemme', weight: INFLUENTIAL_WEIGHT + 3 }],
    });
  });

  const baseline = fc.record({
    weekly: fc.array(fc.nat(500), { maxLength: 4 }),
    recentCount: fc.nat(20_000),
    recentNegatives: fc.nat(20_000),
    recentSpanMs: fc.nat(168 * HOUR),
  });

  it('property: more mentions in the window never end a surge', () => {
    fc.assert(
      fc.property(baseline, fc.nat(300), fc.nat(300), (b, n, extra) => {
        const t = normal;
        if (assess(win(n, 0), b, t).surge) expect(assess(win(n + extra, 0), b, t).surge).toBe(true);
      }),
    );
  });

  it('property: a window at or below the expected volume is never a volume storm, below the minimum never', () => {
    fc.assert(
      fc.property(baseline, fc.constantFrom('low', 'normal', 'high' as const), (b, s) => {
        const t = SENSITIVITY[s];
        const e = expectedCount(b);
        expect(assess(win(Math.floor(e), 0), b, t).surge).toBe(false);
        expect(assess(win(t.minCount - 1, t.minCount - 1), b, t).surge).toBe(false);
      }),
    );
  });

  it('property: higher sensitivity fires whenever lower sensitivity does', () => {
    fc.assert(
      fc.property(baseline, fc.nat(400), fc.nat(400), (b, n, neg) => {
        const w = win(n, Math.min(n, neg));
        if (assess(w, b, SENSITIVITY.low).surge) expect(assess(w, b, SENSITIVITY.normal).surge).toBe(true);
        if (assess(w, b, SENSITIVITY.normal).surge) expect(assess(w, b, SENSITIVITY.high).surge).toBe(true);
      }),
    );
  });
});

describe('the episode', () => {
  const t0 = new Date('2026-03-02T09:00:00Z');
  const at = (ms: number) => new Date(t0.getTime() + ms);
  it('opens once, keeps going while the surge holds and through a short lull, closes after quiet', () => {
    expect(stormStep(null, false, t0)).toBe('none');
    expect(stormStep(null, true, t0)).toBe('open');
    const open = { lastSurgeAt: t0 };
    expect(stormStep(open, true, at(60_000))).toBe('update');
    expect(stormStep(open, false, at(QUIET_MS - 1))).toBe('update');
    expect(stormStep(open, false, at(QUIET_MS))).toBe('close');
    expect(WINDOW_MS).toBeLessThan(QUIET_MS);
  });

  it('top posts: influential and negative first', () => {
    const p = (id: string, authorWeight: number, sentiment: string, sentimentScore = 0) => ({
      id,
      authorWeight,
      sentiment,
      sentimentScore,
      at: t0,
    });
    const ranked = rankTopPosts(
      [p('a', 0, 'neutral'), p('b', 20, 'negative', -0.8), p('c', 0, 'negative', -0.5)],
      2,
    );
    expect(ranked.map((r) => r.id)).toEqual(['b', 'c']);
  });
});
