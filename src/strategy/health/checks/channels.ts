// Checks on channels and Dutta's matrix: each channel placed with a reason and filled with content, the three
// decisions made and matching the placements, several networks rather than one (000, 001; 002, advice 8, 10).
import { quadrantOf } from '../../vocabulary.ts';
import { ACTIVITY_WEEKS, type Finding, type HealthCheck, type StrategySnapshot } from '../types.ts';

type Channel = StrategySnapshot['channels'][number];
const label = (c: Channel) => c.handle;

export function checkChannelsExist(s: StrategySnapshot): Finding[] {
  if (s.channels.length > 0) return [];
  return [{ check: 'channels-exist', severity: 'warning', fix: { section: 'channels' } }];
}

export function checkChannelPlaced(s: StrategySnapshot): Finding[] {
  return s.channels.flatMap((c): Finding[] => {
    const subject = { kind: 'channel' as const, id: c.id, name: label(c) };
    const fix = { section: 'channels' as const, anchor: `channel-${c.id}` };
    if (c.x === null || c.y === null)
      return [{ check: 'channel-placed', severity: 'warning', variant: 'unplaced', subject, fix }];
    if (c.reason.trim().length === 0)
      return [{ check: 'channel-placed', severity: 'warning', variant: 'no-reason', subject, fix }];
    return [];
  });
}

export function checkChannelContent(s: StrategySnapshot): Finding[] {
  return s.channels
    .filter((c) => c.contentPlan.trim().length === 0)
    .map((c) => ({
      check: 'channel-content',
      severity: 'warning',
      subject: { kind: 'channel', id: c.id, name: label(c) },
      fix: { section: 'channels', anchor: `channel-${c.id}` },
    }));
}

/** Hours a week the plan has from people, counting only what has been written down. */
export function plannedHours(s: StrategySnapshot): number {
  return s.responsibilities.reduce((sum, r) => sum + (r.isMember ? (r.hoursPerWeek ?? 0) : 0), 0);
}

/** Dutta's three decisions (001): professional or personal goals, closed group or broad public, resources. */
export function checkThreeDecisions(s: StrategySnapshot): Finding[] {
  const missing: string[] = [];
  if (s.plan.goalOrientation === null) missing.push('goals');
  if (s.plan.reach === null) missing.push('audience');
  if (plannedHours(s) === 0) missing.push('resources');
  if (missing.length === 0) return [];
  return [
    {
      check: 'three-decisions',
      severity: 'warning',
      params: { missing },
      fix:
        missing[0] === 'resources'
          ? { section: 'team', anchor: 'responsibilities' }
          : { section: 'channels', anchor: 'decisions' },
    },
  ];
}

/** A decision that every placed channel contradicts: "a closed group", yet every channel is public. */
export function checkDecisionsVsMatrix(s: StrategySnapshot): Finding[] {
  const placed = s.channels.filter((c) => c.x !== null && c.y !== null);
  if (placed.length === 0) return [];
  const quadrants = placed.map((c) => quadrantOf(c.x!, c.y!));
  const all = (part: string) => quadrants.every((q) => q.includes(part));
  const findings: Finding[] = [];
  const mismatch = (variant: string) =>
    findings.push({
      check: 'decisions-vs-matrix',
      severity: 'warning',
      variant,
      fix: { section: 'channels', anchor: 'matrix' },
    });
  if (s.plan.reach === 'closed' && all('public')) mismatch('closed-but-public');
  if (s.plan.reach === 'public' && all('private')) mismatch('public-but-private');
  if (s.plan.goalOrientation === 'professional' && all('personal')) mismatch('professional-but-personal');
  if (s.plan.goalOrientation === 'personal' && all('professional')) mismatch('personal-but-professional');
  return findings;
}

/** Several overlapping networks beat one big one (002, advice 8). */
export function checkOverlappingNetworks(s: StrategySnapshot): Finding[] {
  const networks = new Set(s.channels.map((c) => c.network));
  if (networks.size !== 1) return [];
  return [
    {
      check: 'overlapping-networks',
      severity: 'warning',
      params: { network: [...networks][0]! },
      fix: { section: 'channels', anchor: 'channel-list' },
    },
  ];
}

const sameHandle = (a: string, b: string) =>
  a.trim().replace(/^@/, '').toLowerCase() === b.trim().replace(/^@/, '').toLowerCase();

/** Planned channels that no connected account publishes to. */
export function checkChannelsConnected(s: StrategySnapshot): Finding[] {
  const connected = s.signals.connectedChannels;
  if (connected === null) {
    return [{ check: 'channels-connected', severity: 'info', unavailable: true, fix: { area: 'publish' } }];
  }
  return s.channels
    .filter((c) => !connected.some((k) => k.network === c.network && sameHandle(k.handle, c.handle)))
    .map((c) => ({
      check: 'channels-connected',
      severity: 'info',
      subject: { kind: 'channel', id: c.id, name: label(c) },
      // Accounts are connected in Settings → Channels.
      fix: { area: 'settings' },
    }));
}

/**
 * A channel is empty until it is filled (002, advice 10): a planned channel whose connected account published
 * nothing in the last weeks and has nothing scheduled, or far fewer posts than the plan promised.
 */
export function checkChannelActivity(s: StrategySnapshot): Finding[] {
  const connected = s.signals.connectedChannels;
  if (connected === null)
    return [{ check: 'channel-activity', severity: 'info', unavailable: true, fix: { area: 'publish' } }];
  return s.channels.flatMap((c): Finding[] => {
    // Channels nobody connected are channels-connected's business.
    const account = connected.find((k) => k.network === c.network && sameHandle(k.handle, c.handle));
    if (!account) return [];
    const subject = { kind: 'channel' as const, id: c.id, name: label(c) };
    const fix = { path: `/publish/compose?channel=${encodeURIComponent(account.id)}` };
    const weeks = ACTIVITY_WEEKS;
    if (account.recentPosts === 0 && account.scheduledPosts === 0)
      return [
        { check: 'channel-activity', severity: 'warning', variant: 'empty', subject, params: { weeks }, fix },
      ];
    const perWeek = account.recentPosts / weeks;
    if (
      c.postsPerWeek !== null &&
      c.postsPerWeek > 0 &&
      perWeek < c.postsPerWeek / 2 &&
      account.scheduledPosts === 0
    )
      return [
        {
          check: 'channel-activity',
          severity: 'info',
          variant: 'behind',
          subject,
          params: { weeks, planned: c.postsPerWeek, actual: Math.round(perWeek * 10) / 10 },
          fix,
        },
      ];
    return [];
  });
}

const hasChannels = (s: StrategySnapshot) => s.channels.length > 0;

export const CHANNEL_CHECKS: HealthCheck[] = [
  { id: 'channels-exist', weight: 2, run: checkChannelsExist },
  { id: 'channel-placed', weight: 2, applies: hasChannels, run: checkChannelPlaced },
  { id: 'channel-content', weight: 2, applies: hasChannels, run: checkChannelContent },
  { id: 'three-decisions', weight: 2, run: checkThreeDecisions },
  {
    id: 'decisions-vs-matrix',
    weight: 2,
    applies: (s) =>
      s.channels.some((c) => c.x !== null) && (s.plan.reach !== null || s.plan.goalOrientation !== null),
    run: checkDecisionsVsMatrix,
  },
  { id: 'overlapping-networks', weight: 2, applies: hasChannels, run: checkOverlappingNetworks },
  { id: 'channels-connected', weight: 1, applies: hasChannels, run: checkChannelsConnected },
  { id: 'channel-activity', weight: 2, applies: hasChannels, run: checkChannelActivity },
];
