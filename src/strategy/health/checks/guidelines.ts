// Checks on the guidelines the plan leans on: a published version written together, acknowledged by every member,
// and the out-of-bounds topics turned into rules the draft checker applies (004, point 2; BI, advice 6).
import type { Finding, HealthCheck, StrategySnapshot } from '../types.ts';

export function checkGuidelinesPublished(s: StrategySnapshot): Finding[] {
  const g = s.signals.guidelines;
  if (g === null)
    return [
      { check: 'guidelines-published', severity: 'info', unavailable: true, fix: { area: 'guidelines' } },
    ];
  if (g.version !== null) return [];
  return [{ check: 'guidelines-published', severity: 'warning', fix: { path: '/guidelines?tab=proposals' } }];
}

/** Members who have not acknowledged the current version: they may not know what is expected of them. */
export function checkGuidelinesAcknowledged(s: StrategySnapshot): Finding[] {
  const g = s.signals.guidelines;
  if (g === null || g.version === null) return [];
  const acked = new Set(g.acknowledgedBy);
  const missing = s.members.filter((m) => !acked.has(m.userId));
  if (missing.length === 0) return [];
  const leaderMissing = s.plan.leaderUserId !== null && missing.some((m) => m.userId === s.plan.leaderUserId);
  return [
    {
      check: 'guidelines-acknowledged',
      // Half the team or more, or the leader, not having read it is more than a reminder.
      severity: leaderMissing || missing.length * 2 >= s.members.length ? 'warning' : 'info',
      params: {
        version: g.version,
        count: missing.length,
        members: s.members.length,
        names: missing.map((m) => m.name),
      },
      fix: { path: '/guidelines?tab=acknowledgements' },
    },
  ];
}

/** Out-of-bounds topics the draft checker knows nothing about: no banned phrase among the guideline rules. */
export function checkTopicsEnforced(s: StrategySnapshot): Finding[] {
  const g = s.signals.guidelines;
  if (g === null)
    return [{ check: 'topics-enforced', severity: 'info', unavailable: true, fix: { area: 'guidelines' } }];
  if (g.ruleKinds.includes('banned_phrase')) return [];
  const out = s.topics.filter((t) => t.stance === 'out').map((t) => t.name);
  return [
    {
      check: 'topics-enforced',
      severity: 'info',
      params: { topics: out },
      fix: { path: '/guidelines?tab=rules' },
    },
  ];
}

export const GUIDELINE_CHECKS: HealthCheck[] = [
  { id: 'guidelines-published', weight: 2, run: checkGuidelinesPublished },
  {
    id: 'guidelines-acknowledged',
    weight: 2,
    applies: (s) => s.signals.guidelines?.version != null,
    run: checkGuidelinesAcknowledged,
  },
  {
    id: 'topics-enforced',
    weight: 1,
    applies: (s) => s.topics.some((t) => t.stance === 'out'),
    run: checkTopicsEnforced,
  },
];
