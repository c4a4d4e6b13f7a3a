// Checks on purpose, goals and KPIs: strategic anchoring and clear, measured goals (002, advice 1, 2 and 7;
// 004, point 1; 000, the third risk area: measure the benefit).
import { type KpiParamName, REQUIRED_KPI_PARAMS, VOLUME_KPI_KINDS } from '../../vocabulary.ts';
import type { Finding, HealthCheck, StrategySnapshot } from '../types.ts';

const blank = (text: string) => text.trim().length === 0;

export function checkPurpose(s: StrategySnapshot): Finding[] {
  if (!blank(s.plan.purpose)) return [];
  return [{ check: 'purpose', severity: 'critical', fix: { section: 'goals', anchor: 'purpose' } }];
}

export function checkGoalsExist(s: StrategySnapshot): Finding[] {
  if (s.goals.length > 0) return [];
  return [{ check: 'goals-exist', severity: 'critical', fix: { section: 'goals', anchor: 'goals' } }];
}

/** A goal of kind "other" with no word on which business strategy it serves is tied to nothing. */
export function checkGoalObjective(s: StrategySnapshot): Finding[] {
  const untied = s.goals.filter((g) => g.objective === 'other' && blank(g.objectiveNote));
  if (untied.length === 0) return [];
  if (untied.length === s.goals.length) {
    return [
      {
        check: 'goal-objective',
        severity: 'critical',
        variant: 'none',
        params: { count: untied.length },
        fix: { section: 'goals', anchor: `goal-${untied[0]!.id}` },
      },
    ];
  }
  return untied.map((g) => ({
    check: 'goal-objective',
    severity: 'warning',
    variant: 'one',
    subject: { kind: 'goal', id: g.id, name: g.title },
    fix: { section: 'goals', anchor: `goal-${g.id}` },
  }));
}

export function checkGoalKpis(s: StrategySnapshot): Finding[] {
  return s.goals
    .filter((g) => g.kpis.length === 0)
    .map((g) => ({
      check: 'goal-kpis',
      severity: 'warning',
      subject: { kind: 'goal', id: g.id, name: g.title },
      fix: { section: 'goals', anchor: `goal-${g.id}` },
    }));
}

export type KpiGap = 'baseline' | 'target' | 'date' | KpiParamName;

/** What a KPI lacks before measurement can compute it and tell whether the goal was reached. */
export function kpiGaps(kpi: StrategySnapshot['goals'][number]['kpis'][number]): KpiGap[] {
  const gaps: KpiGap[] = [];
  if (kpi.baseline === null) gaps.push('baseline');
  if (kpi.target === null) gaps.push('target');
  if (kpi.targetDate === null) gaps.push('date');
  for (const param of REQUIRED_KPI_PARAMS[kpi.kind] ?? []) {
    const value = kpi.params[param];
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0))
      gaps.push(param);
  }
  return gaps;
}

export function checkKpiComplete(s: StrategySnapshot): Finding[] {
  return s.goals.flatMap((g) =>
    g.kpis.flatMap((k): Finding[] => {
      const gaps = kpiGaps(k);
      if (gaps.length === 0) return [];
      return [
        {
          check: 'kpi-complete',
          severity: 'warning',
          subject: { kind: 'kpi', id: k.id, name: g.title },
          params: { goal: g.title, kind: k.kind, gaps },
          fix: { section: 'goals', anchor: `kpi-${k.id}` },
        },
      ];
    }),
  );
}

/** The date in the snapshot's clock, as YYYY-MM-DD: comparable with a KPI's target date. */
export function isoDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

export function checkKpiOverdue(s: StrategySnapshot): Finding[] {
  const today = isoDay(s.now);
  return s.goals.flatMap((g) =>
    g.kpis
      .filter((k) => k.targetDate !== null && k.targetDate < today)
      .map(
        (k): Finding => ({
          check: 'kpi-overdue',
          severity: 'info',
          subject: { kind: 'kpi', id: k.id, name: g.title },
          params: { goal: g.title, kind: k.kind, date: k.targetDate! },
          fix: { section: 'goals', anchor: `kpi-${k.id}` },
        }),
      ),
  );
}

/** Counting followers or posts only: influence comes from the quality of connections (002, advice 7). */
export function checkQualityOverQuantity(s: StrategySnapshot): Finding[] {
  const kpis = s.goals.flatMap((g) => g.kpis);
  if (kpis.length === 0 || !kpis.every((k) => VOLUME_KPI_KINDS.includes(k.kind))) return [];
  return [
    { check: 'quality-over-quantity', severity: 'warning', fix: { section: 'goals', anchor: 'goals' } },
  ];
}

const hasGoals = (s: StrategySnapshot) => s.goals.length > 0;
const hasKpis = (s: StrategySnapshot) => s.goals.some((g) => g.kpis.length > 0);

export const GOAL_CHECKS: HealthCheck[] = [
  { id: 'purpose', weight: 3, run: checkPurpose },
  { id: 'goals-exist', weight: 3, run: checkGoalsExist },
  { id: 'goal-objective', weight: 3, applies: hasGoals, run: checkGoalObjective },
  { id: 'goal-kpis', weight: 2, applies: hasGoals, run: checkGoalKpis },
  { id: 'kpi-complete', weight: 2, applies: hasKpis, run: checkKpiComplete },
  { id: 'kpi-overdue', weight: 1, applies: hasKpis, run: checkKpiOverdue },
  { id: 'quality-over-quantity', weight: 2, applies: hasKpis, run: checkQualityOverQuantity },
];
