// One test per check on who does what.
import { describe, expect, it } from 'vitest';
import { emptySnapshot, healthySnapshot, healthyWith } from '../fixtures.ts';
import {
  checkAuthorship,
  checkFormerMembers,
  checkLeaderBacking,
  checkLeaderNamed,
  checkLeaderOwnVoice,
  checkTeamSize,
  checkTimeBudget,
} from './team.ts';

describe('team-size (004, point 3)', () => {
  it('is critical for an organisation of one, and points at the team page', () => {
    expect(checkTeamSize(emptySnapshot())).toMatchObject([
      { severity: 'critical', variant: 'org', fix: { area: 'team' } },
    ]);
  });
  it('is critical when only one member has a task; a peer network softens it to a warning', () => {
    const s = healthyWith((s) => (s.responsibilities = s.responsibilities.slice(0, 1)));
    expect(checkTeamSize(s)).toMatchObject([
      { severity: 'critical', variant: 'plan', params: { members: 2 } },
    ]);
    s.plan.peerNetwork = 'The comms network of Bergen Næringsråd';
    expect(checkTeamSize(s)).toMatchObject([{ severity: 'warning' }]);
    expect(checkTeamSize(healthySnapshot())).toEqual([]);
  });
});

describe('leader-named (004, point 3)', () => {
  it('warns when no leader is chosen', () => {
    expect(checkLeaderNamed(emptySnapshot())).toMatchObject([
      { severity: 'warning', fix: { anchor: 'leader' } },
    ]);
    expect(checkLeaderNamed(healthySnapshot())).toEqual([]);
  });
});

describe('leader-backing (004, point 3)', () => {
  it('warns without visible backing and advises on rewards', () => {
    const s = healthyWith((s) => {
      s.plan.leaderBacking = '';
      s.plan.rewards = '';
    });
    expect(checkLeaderBacking(s)).toMatchObject([
      { severity: 'warning', variant: 'backing', params: { leader: 'Astrid Berg' } },
      { severity: 'info', variant: 'rewards' },
    ]);
    expect(checkLeaderBacking(healthySnapshot())).toEqual([]);
  });
});

describe('leader-own-voice (001: outsourcing does not count)', () => {
  it('warns when the leader has no hours of their own, or no will', () => {
    const none = healthyWith((s) => (s.responsibilities = s.responsibilities.slice(1)));
    expect(checkLeaderOwnVoice(none)).toMatchObject([{ variant: 'no-time' }]);
    const zero = healthyWith((s) => (s.responsibilities[0]!.hoursPerWeek = 0));
    expect(checkLeaderOwnVoice(zero)).toMatchObject([{ variant: 'no-time' }]);
    const reluctant = healthyWith((s) => (s.responsibilities[0]!.commitment = 'low'));
    expect(checkLeaderOwnVoice(reluctant)).toMatchObject([{ variant: 'low-will' }]);
    expect(checkLeaderOwnVoice(healthySnapshot())).toEqual([]);
  });
});

describe('authorship (001: authenticity cannot be outsourced; from the ledger)', () => {
  it('says it cannot check without an authorship ledger', () => {
    expect(checkAuthorship(emptySnapshot())).toMatchObject([{ severity: 'info', unavailable: true }]);
  });
  it('warns when every post on the leader’s channels in 90 days was written by someone else', () => {
    const s = healthyWith((s) => (s.signals.authorship = { leaderChannels: 1, ownWords: 0, onBehalf: 12 }));
    expect(checkAuthorship(s)).toMatchObject([
      {
        severity: 'warning',
        variant: 'none',
        params: { posts: 12, days: 90 },
        fix: { path: '/publish/compose' },
      },
    ]);
    expect(checkAuthorship(healthySnapshot())).toEqual([]);
  });
  it('advises when only a small share is in the leader’s own words', () => {
    const s = healthyWith((s) => (s.signals.authorship = { leaderChannels: 2, ownWords: 1, onBehalf: 9 }));
    expect(checkAuthorship(s)).toMatchObject([
      { severity: 'info', variant: 'few', params: { own: 1, percent: 10 } },
    ]);
    s.signals.authorship = { leaderChannels: 2, ownWords: 3, onBehalf: 9 };
    expect(checkAuthorship(s)).toEqual([]);
  });
  it('says so when no channel is the leader’s own, and is quiet when nothing went out', () => {
    const s = healthyWith((s) => (s.signals.authorship = { leaderChannels: 0, ownWords: 0, onBehalf: 0 }));
    expect(checkAuthorship(s)).toMatchObject([
      { severity: 'info', variant: 'no-channel', fix: { area: 'settings' } },
    ]);
    s.signals.authorship = { leaderChannels: 1, ownWords: 0, onBehalf: 0 };
    expect(checkAuthorship(s)).toEqual([]);
  });
});

describe('time-budget (000 momentum; BI, advice 7)', () => {
  it('warns when channels get less than an hour a week each', () => {
    const s = healthyWith((s) => {
      s.responsibilities[0]!.hoursPerWeek = 0.5;
      s.responsibilities[1]!.hoursPerWeek = 1;
    });
    expect(checkTimeBudget(s)).toMatchObject([{ variant: 'thin', params: { hours: 1.5, channels: 2 } }]);
  });
  it('warns when the posts planned need more time than there is', () => {
    const s = healthyWith((s) => (s.channels[0]!.postsPerWeek = 30));
    expect(checkTimeBudget(s)).toMatchObject([
      { variant: 'too-many-posts', params: { hours: 10, posts: 31 } },
    ]);
    expect(checkTimeBudget(healthySnapshot())).toEqual([]);
  });
});

describe('former-members (004, point 3)', () => {
  it('finds responsibilities held by people who left', () => {
    const s = healthyWith((s) => (s.responsibilities[1]!.isMember = false));
    expect(checkFormerMembers(s)).toMatchObject([
      { subject: { kind: 'responsibility', id: 'r2', name: 'Jonas Lie' } },
    ]);
    expect(checkFormerMembers(healthySnapshot())).toEqual([]);
  });
});
