// One test per check on audiences.
import { describe, expect, it } from 'vitest';
import { emptySnapshot, healthySnapshot, healthyWith } from '../fixtures.ts';
import {
  checkAudienceOffer,
  checkAudienceReached,
  checkAudiencesExist,
  checkParticipationFit,
} from './audiences.ts';

describe('audiences-exist (BI, advice 1 and 3; 003, practice 1)', () => {
  it('is critical without an audience', () => {
    expect(checkAudiencesExist(emptySnapshot())).toMatchObject([
      { severity: 'critical', fix: { section: 'audiences' } },
    ]);
    expect(checkAudiencesExist(healthySnapshot())).toEqual([]);
  });
});

describe('audience-offer (003, practice 1)', () => {
  it('asks what each audience without an offer gets from us', () => {
    const s = healthyWith((s) => (s.audiences[1]!.offer = ''));
    expect(checkAudienceOffer(s)).toMatchObject([
      { severity: 'warning', subject: { kind: 'audience', id: 'a2', name: 'Energy nerds' } },
    ]);
    expect(checkAudienceOffer(healthySnapshot())).toEqual([]);
  });
});

describe('audience-reached (BI, advice 3)', () => {
  it('finds audiences no channel is meant for', () => {
    const s = healthyWith((s) => (s.channels[1]!.audienceIds = []));
    expect(checkAudienceReached(s)).toMatchObject([{ subject: { id: 'a2' }, fix: { section: 'channels' } }]);
    expect(checkAudienceReached(healthySnapshot())).toEqual([]);
  });
});

describe('participation-fit (BI, advice 3; 004, point 1)', () => {
  it('warns when co-innovation has only readers to work with', () => {
    const s = healthyWith((s) => (s.audiences[1]!.participation = 'joiners'));
    expect(checkParticipationFit(s)).toMatchObject([
      {
        severity: 'warning',
        subject: { id: 'g2' },
        params: { objective: 'co_innovation', needed: 'critics' },
      },
    ]);
    s.audiences[1]!.participation = 'critics';
    expect(checkParticipationFit(s)).toEqual([]);
  });
  it('asks ambassadors of at least joiners', () => {
    const s = healthyWith((s) => {
      s.goals[1]!.objective = 'ambassadors';
      for (const a of s.audiences) a.participation = 'spectators';
    });
    expect(checkParticipationFit(s)).toMatchObject([
      { params: { objective: 'ambassadors', needed: 'joiners' } },
    ]);
  });
});
