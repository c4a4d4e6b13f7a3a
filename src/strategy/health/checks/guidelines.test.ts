// One test per check on guidelines: published, acknowledged by every member, topics turned into rules.
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../assess.ts';
import { emptySnapshot, healthySnapshot, healthyWith } from '../fixtures.ts';
import { checkGuidelinesAcknowledged, checkGuidelinesPublished, checkTopicsEnforced } from './guidelines.ts';

describe('guidelines-published (004, point 2; BI, advice 6)', () => {
  it('says it cannot check when the guidelines cannot be read', () => {
    expect(checkGuidelinesPublished(emptySnapshot())).toMatchObject([
      { severity: 'info', unavailable: true },
    ]);
  });
  it('warns when no version has been published, and links to the proposals', () => {
    const s = healthyWith(
      (s) => (s.signals.guidelines = { version: null, acknowledgedBy: [], ruleKinds: [] }),
    );
    expect(checkGuidelinesPublished(s)).toMatchObject([
      { severity: 'warning', fix: { path: '/guidelines?tab=proposals' } },
    ]);
    expect(checkGuidelinesPublished(healthySnapshot())).toEqual([]);
  });
});

describe('guidelines-acknowledged (004, point 2)', () => {
  const check = CHECKS.find((c) => c.id === 'guidelines-acknowledged')!;
  it('names the members who have not acknowledged the current version', () => {
    const s = healthyWith((s) => {
      s.members.push({ userId: 'u3', name: 'Łukasz Nowak' }, { userId: 'u4', name: 'Mette Ø' });
      s.signals.guidelines!.acknowledgedBy = [s.members[0]!.userId, s.members[1]!.userId, 'u4'];
    });
    expect(checkGuidelinesAcknowledged(s)).toMatchObject([
      {
        severity: 'info',
        params: { version: 2, count: 1, members: 4, names: ['Łukasz Nowak'] },
        fix: { path: '/guidelines?tab=acknowledgements' },
      },
    ]);
    expect(checkGuidelinesAcknowledged(healthySnapshot())).toEqual([]);
  });
  it('warns when the leader or half the team has not acknowledged it', () => {
    const s = healthyWith((s) => (s.signals.guidelines!.acknowledgedBy = [s.members[1]!.userId]));
    expect(checkGuidelinesAcknowledged(s)).toMatchObject([
      { severity: 'warning', params: { names: ['Astrid Berg'] } },
    ]);
  });
  it('does not apply before a version exists or when the guidelines cannot be read', () => {
    expect(check.applies!(healthySnapshot())).toBe(true);
    expect(check.applies!(emptySnapshot())).toBe(false);
    expect(
      check.applies!(
        healthyWith((s) => (s.signals.guidelines = { version: null, acknowledgedBy: [], ruleKinds: [] })),
      ),
    ).toBe(false);
  });
});

describe('topics-enforced (000, risk area 2; 004, point 2)', () => {
  it('advises banned phrases when out-of-bounds topics have no rule in the draft checker', () => {
    const s = healthyWith((s) => (s.signals.guidelines!.ruleKinds = ['caps']));
    expect(checkTopicsEnforced(s)).toMatchObject([
      { severity: 'info', params: { topics: ['Party politics'] }, fix: { path: '/guidelines?tab=rules' } },
    ]);
    expect(checkTopicsEnforced(healthySnapshot())).toEqual([]);
    expect(checkTopicsEnforced(emptySnapshot())).toMatchObject([{ unavailable: true }]);
  });
});
