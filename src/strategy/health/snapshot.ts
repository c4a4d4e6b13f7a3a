// Builds the health check's snapshot from a plan document and what other capabilities know.
import type { PlanDocument } from '../service.ts';
import { type ExternalSignals, NOTHING_BUILT_YET, type StrategySnapshot } from './types.ts';

export function snapshotOf(
  doc: PlanDocument,
  opts: { now?: Date; signals?: ExternalSignals } = {},
): StrategySnapshot {
  return {
    now: opts.now ?? new Date(),
    plan: doc.plan,
    goals: doc.goals,
    audiences: doc.audiences,
    channels: doc.channels,
    topics: doc.topics,
    watchTerms: doc.watchTerms,
    responsibilities: doc.responsibilities,
    members: doc.members,
    signals: opts.signals ?? NOTHING_BUILT_YET,
  };
}
