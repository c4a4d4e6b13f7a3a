// One test per check on purpose, goals and KPIs: it fires on the problem, and is quiet on a healthy plan.
import { describe, expect, it } from 'vitest';
import { emptySnapshot, healthySnapshot, healthyWith } from '../fixtures.ts';
import {
  checkGoalKpis,
  checkGoalObjective,
  checkGoalsExist,
  checkKpiComplete,
  checkKpiOverdue,
  checkPurpose,
  checkQualityOverQuantity,
  kpiGaps,
} from './goals.ts';

describe('purpose (BI, advice 1)', () => {
  it('is critical when nobody wrote what social media should solve, and blank space does not count', () => {
    expect(checkPurpose(emptySnapshot())).toMatchObject([
      { severity: 'critical', fix: { section: 'goals' } },
    ]);
    expect(checkPurpose(healthyWith((s) => (s.plan.purpose = '   \n')))).toHaveLength(1);
    expect(checkPurpose(healthySnapshot())).toEqual([]);
  });
});

describe('goals-exist (BI, advice 2)', () => {
  it('is critical without goals', () => {
    expect(checkGoalsExist(emptySnapshot())).toMatchObject([{ check: 'goals-exist', severity: 'critical' }]);
    expect(checkGoalsExist(healthySnapshot())).toEqual([]);
  });
});

describe('goal-objective (004, point 1)', () => {
  it('is critical when no goal serves a business objective', () => {
    const s = healthyWith((s) => {
      for (const g of s.goals) {
        g.objective = 'other';
        g.objectiveNote = '';
      }
    });
    expect(checkGoalObjective(s)).toMatchObject([
      { severity: 'critical', variant: 'none', params: { count: 2 } },
    ]);
  });
  it('warns about the one goal that is tied to nothing, and accepts "other" with a named strategy', () => {
    const s = healthyWith((s) => (s.goals[0]!.objective = 'other'));
    expect(checkGoalObjective(s)).toMatchObject([{ severity: 'warning', subject: { id: 'g1' } }]);
    s.goals[0]!.objectiveNote = 'Customer service strategy 2026';
    expect(checkGoalObjective(s)).toEqual([]);
    expect(checkGoalObjective(healthySnapshot())).toEqual([]);
  });
});

describe('goal-kpis (BI, advice 2)', () => {
  it('names each goal without a KPI', () => {
    const s = healthyWith((s) => (s.goals[1]!.kpis = []));
    expect(checkGoalKpis(s)).toMatchObject([
      { severity: 'warning', subject: { kind: 'goal', id: 'g2' }, fix: { anchor: 'goal-g2' } },
    ]);
    expect(checkGoalKpis(healthySnapshot())).toEqual([]);
  });
});

describe('kpi-complete (BI, advice 2; 000 momentum)', () => {
  it('lists what a KPI lacks: baseline, target, date and the parameters its kind needs', () => {
    const s = healthyWith((s) => {
      s.goals[0]!.kpis = [
        {
          id: 'k9',
          kind: 'share_of_voice',
          params: { term: 'Fjellvind' },
          baseline: null,
          target: 30,
          targetDate: null,
        },
      ];
    });
    expect(checkKpiComplete(s)).toMatchObject([
      {
        severity: 'warning',
        params: { gaps: ['baseline', 'date', 'competitors'] },
        fix: { anchor: 'kpi-k9' },
      },
    ]);
    expect(
      kpiGaps({
        id: 'x',
        kind: 'custom',
        params: { description: ' ' },
        baseline: 0,
        target: 1,
        targetDate: '2026-01-01',
      }),
    ).toEqual([]);
    expect(checkKpiComplete(healthySnapshot())).toEqual([]);
  });
});

describe('kpi-overdue (000 momentum)', () => {
  it('points at KPIs whose date has passed, as advice', () => {
    const s = healthyWith((s) => (s.goals[0]!.kpis[0]!.targetDate = '2026-03-01'));
    expect(checkKpiOverdue(s)).toMatchObject([{ severity: 'info', params: { date: '2026-03-01' } }]);
    s.goals[0]!.kpis[0]!.targetDate = '2026-03-02';
    expect(checkKpiOverdue(s)).toEqual([]);
  });
});

describe('quality-over-quantity (BI, advice 7)', () => {
  it('warns when followers and post counts are the only KPIs', () => {
    const s = healthyWith((s) => {
      s.goals[0]!.kpis[0]!.kind = 'follower_count';
      s.goals[1]!.kpis[0]!.kind = 'posts_per_week';
    });
    expect(checkQualityOverQuantity(s)).toMatchObject([
      { check: 'quality-over-quantity', severity: 'warning' },
    ]);
    s.goals[1]!.kpis[0]!.kind = 'engagement_rate';
    expect(checkQualityOverQuantity(s)).toEqual([]);
  });
});
