// Snapshots for tests: an empty plan, and a healthy one that every check passes. Tests change one thing at a time.
import type { StrategySnapshot } from './types.ts';

export const NOW = new Date('2026-03-02T10:00:00Z');
const LEADER = '00000000-0000-4000-8000-00000000000a';
const EDITOR = '00000000-0000-4000-8000-00000000000b';

export function emptySnapshot(): StrategySnapshot {
  return {
    now: NOW,
    plan: {
      personUserId: null,
      purpose: '',
      goalOrientation: null,
      reach: null,
      leaderUserId: null,
      leaderName: null,
      leaderBacking: '',
      rewards: '',
      peerNetwork: '',
      vision: '',
      keyMessages: [],
      notAppear: '',
    },
    goals: [],
    audiences: [],
    channels: [],
    topics: [],
    watchTerms: [],
    responsibilities: [],
    members: [{ userId: LEADER, name: 'Astrid Berg' }],
    signals: { monitors: null, authorship: null, connectedChannels: null, guidelines: null },
  };
}

/** A plan that follows every piece of advice, with Listening and Publishing reporting in. */
export function healthySnapshot(): StrategySnapshot {
  return {
    now: NOW,
    plan: {
      personUserId: null,
      purpose: 'Show how we answer customers, and find the ideas they have for the next version.',
      goalOrientation: 'professional',
      reach: 'public',
      leaderUserId: LEADER,
      leaderName: 'Astrid Berg',
      leaderBacking: 'Astrid opens every Monday meeting with what customers said online last week.',
      rewards: 'The best answer of the month is shown at the all-hands.',
      peerNetwork: '',
      vision: 'Energy advice anyone can act on.',
      keyMessages: ['We answer within the hour', 'Your bill, explained'],
      notAppear: 'Never smug, never defensive, never in jargon.',
    },
    goals: [
      {
        id: 'g1',
        title: 'Customers see us answer',
        objective: 'visible_customer_service',
        objectiveNote: '',
        kpis: [
          {
            id: 'k1',
            kind: 'median_response_time',
            params: { channelId: 'c1' },
            baseline: 240,
            target: 60,
            targetDate: '2026-12-31',
          },
        ],
      },
      {
        id: 'g2',
        title: 'Ideas from customers',
        objective: 'co_innovation',
        objectiveNote: 'Product roadmap 2026',
        kpis: [
          { id: 'k2', kind: 'customer_ideas', params: {}, baseline: 2, target: 10, targetDate: '2026-09-30' },
        ],
      },
    ],
    audiences: [
      {
        id: 'a1',
        name: 'Households in Bergen',
        participation: 'spectators',
        offer: 'Quick answers about bills.',
      },
      { id: 'a2', name: 'Energy nerds', participation: 'creators', offer: 'Early looks at new features.' },
    ],
    channels: [
      {
        id: 'c1',
        network: 'bluesky',
        handle: '@fjellvind.no',
        x: 0.7,
        y: 0.8,
        reason: 'Where the energy debate is public.',
        contentPlan: 'Answers and tips, daily.',
        postsPerWeek: 5,
        audienceIds: ['a1'],
      },
      {
        id: 'c2',
        network: 'mastodon',
        handle: '@fjellvind@mastodon.social',
        x: 0.3,
        y: 0.7,
        reason: 'The open-source crowd lives here.',
        contentPlan: 'Roadmap questions, weekly.',
        postsPerWeek: 1,
        audienceIds: ['a2'],
      },
    ],
    topics: [
      { id: 't1', stance: 'in', name: 'Saving energy', examples: ['Turn the heat down one degree'] },
      { id: 't2', stance: 'out', name: 'Party politics', examples: ['Vote for'] },
    ],
    watchTerms: [
      { id: 'w1', kind: 'leader', term: 'Astrid Berg' },
      { id: 'w2', kind: 'brand', term: 'Fjellvind' },
      { id: 'w3', kind: 'competitor', term: 'Havkraft' },
    ],
    responsibilities: [
      {
        id: 'r1',
        userId: LEADER,
        name: 'Astrid Berg',
        isMember: true,
        responsibility: 'Writes her own posts',
        hoursPerWeek: 2,
        commitment: 'high',
      },
      {
        id: 'r2',
        userId: EDITOR,
        name: 'Jonas Lie',
        isMember: true,
        responsibility: 'Answers customers',
        hoursPerWeek: 8,
        commitment: 'high',
      },
    ],
    members: [
      { userId: LEADER, name: 'Astrid Berg' },
      { userId: EDITOR, name: 'Jonas Lie' },
    ],
    signals: {
      monitors: [
        {
          id: 'm1',
          name: 'Our names',
          query: '"Astrid Berg" OR fjellvind OR @astrid.fjellvind.no',
          active: true,
        },
      ],
      authorship: { leaderChannels: 1, ownWords: 7, onBehalf: 3 },
      connectedChannels: [
        {
          id: 'c1',
          network: 'bluesky',
          handle: 'fjellvind.no',
          ownerUserId: null,
          recentPosts: 20,
          scheduledPosts: 3,
        },
        {
          id: 'c2',
          network: 'mastodon',
          handle: '@fjellvind@mastodon.social',
          ownerUserId: null,
          recentPosts: 4,
          scheduledPosts: 1,
        },
        {
          id: 'c3',
          network: 'bluesky',
          handle: 'astrid.fjellvind.no',
          ownerUserId: LEADER,
          recentPosts: 6,
          scheduledPosts: 0,
        },
      ],
      guidelines: { version: 2, acknowledgedBy: [LEADER, EDITOR], ruleKinds: ['banned_phrase', 'caps'] },
    },
  };
}

/** A healthy snapshot with one change applied. */
export function healthyWith(change: (s: StrategySnapshot) => void): StrategySnapshot {
  const s = healthySnapshot();
  change(s);
  return s;
}
