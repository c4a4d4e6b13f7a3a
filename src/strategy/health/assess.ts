// Runs every check over a snapshot and scores the plan: pure and fast, so it can run on every page view.
import { AUDIENCE_CHECKS } from './checks/audiences.ts';
import { CHANNEL_CHECKS } from './checks/channels.ts';
import { GOAL_CHECKS } from './checks/goals.ts';
import { GUIDELINE_CHECKS } from './checks/guidelines.ts';
import { TEAM_CHECKS } from './checks/team.ts';
import { VOICE_CHECKS } from './checks/voice.ts';
import {
  CHECK_IDS,
  type CheckId,
  type Finding,
  type HealthCheck,
  type Severity,
  type StrategySnapshot,
} from './types.ts';

export const CHECKS: readonly HealthCheck[] = [
  ...GOAL_CHECKS,
  ...AUDIENCE_CHECKS,
  ...CHANNEL_CHECKS,
  ...TEAM_CHECKS,
  ...VOICE_CHECKS,
  ...GUIDELINE_CHECKS,
];

export type CheckStatus = 'passed' | 'advice' | 'warning' | 'critical' | 'not_applicable' | 'unavailable';

export interface Assessment {
  /** 0–100: the weighted share of the checks that could run and found nothing worse than advice. */
  score: number;
  findings: Finding[];
  checks: { id: CheckId; status: CheckStatus }[];
}

const RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };
/** How much of its weight a check keeps, by the worst it found. */
const CREDIT: Record<CheckStatus, number> = {
  passed: 1,
  advice: 1,
  warning: 0.4,
  critical: 0,
  not_applicable: 0,
  unavailable: 0,
};

function statusOf(findings: Finding[]): CheckStatus {
  if (findings.length > 0 && findings.every((f) => f.unavailable)) return 'unavailable';
  if (findings.some((f) => f.severity === 'critical')) return 'critical';
  if (findings.some((f) => f.severity === 'warning')) return 'warning';
  return findings.length > 0 ? 'advice' : 'passed';
}

export function assess(snapshot: StrategySnapshot, checks: readonly HealthCheck[] = CHECKS): Assessment {
  const findings: Finding[] = [];
  const statuses: Assessment['checks'] = [];
  let weight = 0;
  let credit = 0;
  for (const check of checks) {
    if (check.applies && !check.applies(snapshot)) {
      statuses.push({ id: check.id, status: 'not_applicable' });
      continue;
    }
    const found = check.run(snapshot);
    const status = statusOf(found);
    statuses.push({ id: check.id, status });
    findings.push(...found);
    if (status === 'unavailable') continue;
    weight += check.weight;
    credit += check.weight * CREDIT[status];
  }
  const order = (id: CheckId) => CHECK_IDS.indexOf(id);
  findings.sort((a, b) => RANK[a.severity] - RANK[b.severity] || order(a.check) - order(b.check));
  return { score: weight === 0 ? 100 : Math.round((100 * credit) / weight), findings, checks: statuses };
}

/** A stable id for a finding: the same problem keeps its id across runs, so a fix can be seen to remove it. */
export function findingId(f: Finding): string {
  return [f.check, f.variant, f.subject?.id].filter(Boolean).join(':');
}
