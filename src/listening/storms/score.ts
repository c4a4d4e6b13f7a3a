// Pure storm scoring: is the current window of a monitor an unusual surge against its own baseline?
//
// Expected volume for the window blends two estimates of the same quantity:
// - the same hour of the week in earlier weeks (seasonality: Monday 09:00 is not Sunday 03:00), weighted by how
//   many earlier weeks there are history for (w = weeks / (weeks + 2));
// - the monitor's recent rate (last 7 days before the window), shrunk toward a prior rate (PRIOR_PER_HOUR over
//   PRIOR_HOURS of pseudo-history), so a new or quiet monitor does not call a storm on its fifth post.
// The window's count is then tested as a Poisson count: z = (observed − expected) / √expected, plus a minimum
// count and a minimum ratio, all three set by the monitor's sensitivity. A rise in negative share and
// influential authors joining are further reasons; negatives surging on their own can also open a storm, and
// influential authors joining lower the bar by one z step.
import type { Sensitivity, StormReason } from './schema.ts';

export const WINDOW_MS = 30 * 60_000;
/** A storm closes after this long without the surge holding. */
export const QUIET_MS = 60 * 60_000;
export const RECENT_MS = 7 * 24 * 3_600_000;
export const WEEK_MS = 7 * 24 * 3_600_000;
export const WEEKS = 4;
export const PRIOR_PER_HOUR = 2;
export const PRIOR_HOURS = 6;
/** Prior negative share, worth PRIOR_NEG_WEIGHT mentions. */
export const PRIOR_NEGATIVE_SHARE = 0.2;
const PRIOR_NEG_WEIGHT = 10;
/** An author with at least this many earlier mentions over the org's monitors (30 days) counts as influential. */
export const INFLUENTIAL_WEIGHT = 5;

export interface Thresholds {
  /** Mentions the window must hold at least. */
  minCount: number;
  /** Poisson z-score the window must reach. */
  z: number;
  /** Observed / expected the window must reach. */
  ratio: number;
}

export const SENSITIVITY: Record<Sensitivity, Thresholds> = {
  low: { minCount: 20, z: 5, ratio: 4 },
  normal: { minCount: 10, z: 4, ratio: 3 },
  high: { minCount: 6, z: 3, ratio: 2 },
};

export interface WindowStats {
  count: number;
  negatives: number;
  /** Authors in the window with their weight (earlier mentions over the org's monitors). */
  authors: { name: string; weight: number }[];
}

export interface Baseline {
  /** Counts in the same window of the week in earlier weeks that have history (newest first). */
  weekly: number[];
  /** Mentions and negatives over the recent history before the window, and how long it covers (ms). */
  recentCount: number;
  recentNegatives: number;
  recentSpanMs: number;
}

export interface Assessment {
  surge: boolean;
  count: number;
  expected: number;
  z: number;
  ratio: number;
  negativeShare: number;
  baselineNegativeShare: number;
  reasons: StormReason[];
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Expected mentions in a window of `windowMs` from the baseline (never below a small floor). */
export function expectedCount(b: Baseline, windowMs = WINDOW_MS): number {
  const hour = 3_600_000;
  const span = Math.max(0, b.recentSpanMs);
  const rate =
    (PRIOR_PER_HOUR * PRIOR_HOURS + Math.max(0, b.recentCount)) / ((PRIOR_HOURS * hour + span) / hour);
  const recent = (rate * windowMs) / hour;
  const weeks = b.weekly.length;
  if (weeks === 0) return Math.max(0.5, recent);
  const seasonal = b.weekly.reduce((s, n) => s + Math.max(0, n), 0) / weeks;
  const w = weeks / (weeks + 2);
  return Math.max(0.5, w * seasonal + (1 - w) * recent);
}

/** The baseline's negative share, shrunk toward the prior share. */
export function baselineNegativeShare(b: Baseline): number {
  return (
    (PRIOR_NEGATIVE_SHARE * PRIOR_NEG_WEIGHT + Math.max(0, b.recentNegatives)) /
    (PRIOR_NEG_WEIGHT + Math.max(0, b.recentCount))
  );
}

export function poissonZ(observed: number, expected: number): number {
  return (observed - expected) / Math.sqrt(Math.max(expected, 1e-9));
}

/** Scores one window of a monitor against its baseline. */
export function assess(win: WindowStats, base: Baseline, t: Thresholds, windowMs = WINDOW_MS): Assessment {
  const expected = expectedCount(base, windowMs);
  const count = Math.max(0, win.count);
  const negatives = Math.min(count, Math.max(0, win.negatives));
  const z = poissonZ(count, expected);
  const ratio = count / expected;
  const negativeShare = count > 0 ? negatives / count : 0;
  const baseShare = baselineNegativeShare(base);
  const influential = win.authors
    .filter((a) => a.weight >= INFLUENTIAL_WEIGHT)
    .sort((a, b) => b.weight - a.weight)
    .slice(0, 5);
  // Influential authors joining lower the bar by one z step (never below 2).
  const zBar = influential.length > 0 ? Math.max(2, t.z - 1) : t.z;
  const volumeSurge = count >= t.minCount && z >= zBar && ratio >= t.ratio;
  // Negatives on their own: a busy monitor whose volume rises a little while the negatives explode.
  const expectedNeg = Math.max(0.5, expected * baseShare);
  const zNeg = poissonZ(negatives, expectedNeg);
  const negativeSurge = negatives >= t.minCount && zNeg >= zBar && negatives / expectedNeg >= t.ratio;
  const negativeRise =
    count >= Math.ceil(t.minCount / 2) && negativeShare >= 0.4 && negativeShare >= baseShare + 0.2;
  const surge = volumeSurge || negativeSurge;
  const reasons: StormReason[] = [];
  if (volumeSurge || (surge && count > expected))
    reasons.push({
      kind: 'volume',
      count,
      expected: round(expected),
      ratio: round(ratio, 1),
      z: round(z, 1),
    });
  if (negativeSurge || negativeRise)
    reasons.push({
      kind: 'negative',
      share: round(negativeShare),
      baselineShare: round(baseShare),
      negatives,
    });
  if (influential.length > 0) reasons.push({ kind: 'influential', authors: influential });
  return {
    surge,
    count,
    expected,
    z,
    ratio,
    negativeShare,
    baselineNegativeShare: baseShare,
    reasons,
  };
}

export type StormStep = 'open' | 'update' | 'close' | 'none';

/**
 * The episode's state machine: a surge opens a storm when none is open, keeps an open one going; an open storm
 * without a surge closes once QUIET_MS have passed since the surge last held.
 */
export function stormStep(
  open: { lastSurgeAt: Date } | null,
  surge: boolean,
  now: Date,
  quietMs = QUIET_MS,
): StormStep {
  if (!open) return surge ? 'open' : 'none';
  if (surge) return 'update';
  return now.getTime() - open.lastSurgeAt.getTime() >= quietMs ? 'close' : 'update';
}

/** Ranks the window's posts for an alert: influential and negative first, strongest sentiment next. */
export function rankTopPosts<
  T extends { authorWeight: number; sentiment: string; sentimentScore: number; at: Date },
>(posts: readonly T[], n = 5): T[] {
  const score = (p: T) =>
    Math.log2(1 + p.authorWeight) * 2 + (p.sentiment === 'negative' ? 2 : 0) + Math.abs(p.sentimentScore);
  return [...posts].sort((a, b) => score(b) - score(a) || b.at.getTime() - a.at.getTime()).slice(0, n);
}
