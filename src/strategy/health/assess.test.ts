// The whole health check: every check registered once, the score, and every finding readable in every language.
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../team/schema.ts';
import { assess, CHECKS, findingId } from './assess.ts';
import { emptySnapshot, healthySnapshot, healthyWith } from './fixtures.ts';
import { describeFinding, fixHref, HEALTH_TEXTS, healthReport } from './report.ts';
import { CHECK_IDS, type Finding, type StrategySnapshot } from './types.ts';

/** A snapshot that makes (nearly) every check speak, with every variant we can reach in one plan. */
function troubled(): StrategySnapshot {
  return healthyWith((s) => {
    s.plan.purpose = '';
    s.plan.leaderBacking = '';
    s.plan.rewards = '';
    s.plan.vision = '';
    s.plan.keyMessages = [];
    s.plan.notAppear = '';
    s.plan.reach = 'closed';
    s.goals[0]!.objective = 'other';
    s.goals[0]!.kpis[0]!.targetDate = '2025-01-01';
    s.goals[0]!.kpis[0]!.baseline = null;
    s.goals[1]!.kpis = [];
    s.audiences[1]!.participation = 'spectators';
    s.audiences[0]!.offer = '';
    s.channels[0]!.contentPlan = '';
    s.channels[1]!.network = 'bluesky';
    s.channels[1]!.reason = '';
    s.channels[1]!.audienceIds = [];
    s.channels[0]!.postsPerWeek = 40;
    s.topics = [{ id: 't', stance: 'in', name: 'Prices', examples: [] }];
    s.watchTerms = [];
    s.responsibilities[0]!.commitment = 'low';
    s.responsibilities[1]!.isMember = false;
    s.signals = {
      monitors: [],
      authorship: { leaderChannels: 1, ownWords: 0, onBehalf: 4 },
      connectedChannels: [],
      guidelines: { version: null, acknowledgedBy: [], ruleKinds: [] },
    };
  });
}

describe('the health check as a whole', () => {
  it('has at least 15 distinct checks, each registered exactly once and each with texts in every language', () => {
    const ids = CHECKS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...CHECK_IDS].sort());
    expect(ids.length).toBeGreaterThanOrEqual(15);
    for (const locale of LOCALES)
      expect(Object.keys(HEALTH_TEXTS[locale]).sort()).toEqual([...CHECK_IDS].sort());
  });

  it('finds nothing in a plan that follows the advice, and scores it 100', () => {
    const result = assess(healthySnapshot());
    expect(result.findings).toEqual([]);
    expect(result.score).toBe(100);
    expect(result.checks.every((c) => c.status === 'passed')).toBe(true);
  });

  it('scores an empty plan low, with criticals first, and does not count what it cannot check', () => {
    const result = assess(emptySnapshot());
    expect(result.score).toBeLessThan(40);
    expect(result.findings[0]!.severity).toBe('critical');
    const severities = result.findings.map((f) => f.severity);
    expect(severities).toEqual(
      [...severities].sort(
        (a, b) => ['critical', 'warning', 'info'].indexOf(a) - ['critical', 'warning', 'info'].indexOf(b),
      ),
    );
    expect(result.checks.find((c) => c.id === 'monitors')?.status).toBe('unavailable');
    expect(result.checks.find((c) => c.id === 'goal-kpis')?.status).toBe('not_applicable');
    expect(
      result.findings
        .filter((f) => f.unavailable)
        .map((f) => f.check)
        .sort(),
    ).toEqual(['guidelines-published', 'monitors']);
  });

  it('fixing one finding raises the score and removes exactly that finding', () => {
    const before = assess(emptySnapshot());
    const fixed = emptySnapshot();
    fixed.plan.purpose = 'Answer customers where they are.';
    const after = assess(fixed);
    expect(after.score).toBeGreaterThan(before.score);
    expect(before.findings.map(findingId)).toContain('purpose');
    expect(after.findings.map(findingId)).toEqual(
      before.findings.map(findingId).filter((id) => id !== 'purpose'),
    );
  });

  it('renders every finding of a troubled plan in every language: no blanks, no placeholders', () => {
    const findings: Finding[] = [...assess(troubled()).findings, ...assess(emptySnapshot()).findings];
    expect(new Set(findings.map((f) => f.check)).size).toBeGreaterThanOrEqual(25);
    for (const locale of LOCALES) {
      for (const f of findings) {
        const d = describeFinding(f, locale, { id: 'p1', personUserId: null });
        for (const [field, text] of Object.entries({
          title: d.title,
          explanation: d.explanation,
          nextStep: d.nextStep,
          source: d.source,
        })) {
          expect(text.trim(), `${locale} ${d.id} ${field}`).not.toBe('');
          expect(text, `${locale} ${d.id} ${field}`).not.toMatch(/undefined|\[object|NaN|“”|«»|„“|»«/);
        }
        expect(d.fix).toMatch(/^\/(strategy|team|listen|publish|settings|guidelines)/);
      }
    }
  });

  it('formats numbers, dates and lists in the reader’s language', () => {
    const s = healthyWith((s) => {
      s.goals[0]!.kpis[0]!.baseline = null;
      s.goals[0]!.kpis[0]!.targetDate = null;
    });
    const [gap] = assess(s).findings;
    expect(describeFinding(gap!, 'en', { id: 'p', personUserId: null }).title).toContain('baseline and date');
    expect(describeFinding(gap!, 'nb', { id: 'p', personUserId: null }).title).toContain(
      'utgangspunkt og dato',
    );
    expect(describeFinding(gap!, 'de', { id: 'p', personUserId: null }).title).toContain(
      'Ausgangswert und Datum',
    );
    const thin = healthyWith((s) => {
      s.responsibilities[0]!.hoursPerWeek = 0.5;
      s.responsibilities[1]!.hoursPerWeek = 1;
    });
    const [budget] = assess(thin).findings;
    expect(describeFinding(budget!, 'de', { id: 'p', personUserId: null }).title).toBe(
      '2 Kanäle mit 1,5 Stunden pro Woche',
    );
  });

  it('links fixes to the plan they belong to', () => {
    expect(fixHref({ section: 'goals', anchor: 'purpose' }, { id: 'p1', personUserId: null })).toBe(
      '/strategy/goals#purpose',
    );
    expect(fixHref({ section: 'team' }, { id: 'p2', personUserId: 'u' })).toBe('/strategy/team?plan=p2');
    expect(fixHref({ area: 'listen' }, { id: 'p2', personUserId: 'u' })).toBe('/listen');
    const report = healthReport(assess(emptySnapshot()), 'da', { id: 'p1', personUserId: null }, new Date(0));
    expect(report.counts.critical).toBeGreaterThan(0);
    expect(report.findings.find((f) => f.check === 'purpose')?.title).toBe('Planen har endnu intet formål');
  });
});
