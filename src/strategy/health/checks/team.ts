// Checks on who does what: a team rather than one person, a named leader who backs it visibly and puts in time
// of their own, enough hours for the channels (004, point 3; 001: authenticity can't be outsourced; 000, momentum).
import { AUTHORSHIP_DAYS, type Finding, type HealthCheck, type StrategySnapshot } from '../types.ts';
import { plannedHours } from './channels.ts';

/** The people the plan really has: members with a written responsibility. */
export function teamOf(s: StrategySnapshot): Set<string> {
  return new Set(s.responsibilities.filter((r) => r.isMember).map((r) => r.userId));
}

export function checkTeamSize(s: StrategySnapshot): Finding[] {
  // Someone to talk problems through with outside the company softens, but does not cure, a team of one.
  const severity = s.plan.peerNetwork.trim() ? 'warning' : 'critical';
  if (s.members.length <= 1) return [{ check: 'team-size', severity, variant: 'org', fix: { area: 'team' } }];
  if (teamOf(s).size <= 1)
    return [
      {
        check: 'team-size',
        severity,
        variant: 'plan',
        params: { members: s.members.length },
        fix: { section: 'team', anchor: 'responsibilities' },
      },
    ];
  return [];
}

export function checkLeaderNamed(s: StrategySnapshot): Finding[] {
  if (s.plan.leaderUserId !== null) return [];
  return [{ check: 'leader-named', severity: 'warning', fix: { section: 'team', anchor: 'leader' } }];
}

export function checkLeaderBacking(s: StrategySnapshot): Finding[] {
  const findings: Finding[] = [];
  const leader = s.plan.leaderName ?? '';
  if (!s.plan.leaderBacking.trim())
    findings.push({
      check: 'leader-backing',
      severity: 'warning',
      variant: 'backing',
      params: { leader },
      fix: { section: 'team', anchor: 'leader' },
    });
  if (!s.plan.rewards.trim())
    findings.push({
      check: 'leader-backing',
      severity: 'info',
      variant: 'rewards',
      params: { leader },
      fix: { section: 'team', anchor: 'leader' },
    });
  return findings;
}

/** The leader's own time and will: a presence run entirely by others is not the leader's voice (001). */
export function checkLeaderOwnVoice(s: StrategySnapshot): Finding[] {
  const leaderId = s.plan.leaderUserId;
  if (leaderId === null) return [];
  const own = s.responsibilities.filter((r) => r.userId === leaderId && r.isMember);
  const leader = s.plan.leaderName ?? '';
  const fix = { section: 'team' as const, anchor: 'responsibilities' };
  const hours = own.reduce((sum, r) => sum + (r.hoursPerWeek ?? 0), 0);
  if (own.length === 0 || hours === 0)
    return [{ check: 'leader-own-voice', severity: 'warning', variant: 'no-time', params: { leader }, fix }];
  if (own.some((r) => r.commitment === 'low'))
    return [{ check: 'leader-own-voice', severity: 'warning', variant: 'low-will', params: { leader }, fix }];
  return [];
}

/**
 * The authorship ledger over the last 90 days on the leader's own channels: posts in the leader's own words
 * against posts written on their behalf (001: authenticity can't be outsourced).
 */
export function checkAuthorship(s: StrategySnapshot): Finding[] {
  const ledger = s.signals.authorship;
  const leader = s.plan.leaderName ?? '';
  if (ledger === null)
    return [
      {
        check: 'authorship',
        severity: 'info',
        unavailable: true,
        params: { leader },
        fix: { area: 'publish' },
      },
    ];
  if (ledger.leaderChannels === 0)
    // Whose channel an account is, is set when it is connected (Settings → Channels).
    return [
      {
        check: 'authorship',
        severity: 'info',
        variant: 'no-channel',
        params: { leader },
        fix: { area: 'settings' },
      },
    ];
  const posts = ledger.ownWords + ledger.onBehalf;
  if (posts === 0) return [];
  const fix = { path: '/publish/compose' };
  if (ledger.ownWords === 0)
    return [
      {
        check: 'authorship',
        severity: 'warning',
        variant: 'none',
        params: { leader, posts, days: AUTHORSHIP_DAYS },
        fix,
      },
    ];
  const share = ledger.ownWords / posts;
  if (share < 0.25)
    return [
      {
        check: 'authorship',
        severity: 'info',
        variant: 'few',
        params: {
          leader,
          posts,
          own: ledger.ownWords,
          percent: Math.round(share * 100),
          days: AUTHORSHIP_DAYS,
        },
        fix,
      },
    ];
  return [];
}

/** Less than an hour a week per channel, or far more posts than the hours can carry well (000; 002, advice 7). */
export function checkTimeBudget(s: StrategySnapshot): Finding[] {
  const hours = plannedHours(s);
  if (hours === 0) return [];
  const channels = s.channels.length;
  const posts = s.channels.reduce((sum, c) => sum + (c.postsPerWeek ?? 0), 0);
  const fix = { section: 'team' as const, anchor: 'responsibilities' };
  if (hours < channels)
    return [{ check: 'time-budget', severity: 'warning', variant: 'thin', params: { hours, channels }, fix }];
  // Half an hour for a post worth reading, with the replies it brings.
  if (posts > hours * 2)
    return [
      { check: 'time-budget', severity: 'warning', variant: 'too-many-posts', params: { hours, posts }, fix },
    ];
  return [];
}

export function checkFormerMembers(s: StrategySnapshot): Finding[] {
  return s.responsibilities
    .filter((r) => !r.isMember)
    .map((r) => ({
      check: 'former-members',
      severity: 'warning',
      subject: { kind: 'responsibility', id: r.id, name: r.name },
      fix: { section: 'team', anchor: `responsibility-${r.id}` },
    }));
}

export const TEAM_CHECKS: HealthCheck[] = [
  { id: 'team-size', weight: 3, run: checkTeamSize },
  { id: 'leader-named', weight: 2, run: checkLeaderNamed },
  { id: 'leader-backing', weight: 2, applies: (s) => s.plan.leaderUserId !== null, run: checkLeaderBacking },
  {
    id: 'leader-own-voice',
    weight: 2,
    applies: (s) => s.plan.leaderUserId !== null,
    run: checkLeaderOwnVoice,
  },
  { id: 'authorship', weight: 2, applies: (s) => s.plan.leaderUserId !== null, run: checkAuthorship },
  {
    id: 'time-budget',
    weight: 2,
    applies: (s) => plannedHours(s) > 0 && s.channels.length > 0,
    run: checkTimeBudget,
  },
  { id: 'former-members', weight: 2, applies: (s) => s.responsibilities.length > 0, run: checkFormerMembers },
];
