// The health check's terms: the snapshot it reads (plain data, no I/O), the findings it makes, and a check.
import type {
  Commitment,
  GoalOrientation,
  KpiKind,
  KpiParams,
  Network,
  Objective,
  Participation,
  ReachChoice,
  TopicStance,
  WatchKind,
} from '../vocabulary.ts';

export const SEVERITIES = ['critical', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * What other capabilities know about the plan's reality. `null` means Stemme could not find out (the capability
 * is missing or its data could not be read), and the checks that need it say so instead of guessing.
 */
export interface ExternalSignals {
  /** Listening's monitors with their Boolean queries, paused ones included. */
  monitors: { id: string; name: string; query: string; active: boolean }[] | null;
  /**
   * Publishing's authorship ledger over the last 90 days, for what went out on channels the leader owns:
   * how many posts were the leader's own words and how many were written on their behalf.
   */
  authorship: { leaderChannels: number; ownWords: number; onBehalf: number } | null;
  /** Network accounts connected for publishing, with who owns each and what went out on it lately. */
  connectedChannels:
    | {
        id: string;
        network: Network;
        handle: string;
        ownerUserId: string | null;
        /** Posts published in the last ACTIVITY_WEEKS weeks. */
        recentPosts: number;
        /** Posts scheduled ahead (or being published now). */
        scheduledPosts: number;
      }[]
    | null;
  /** Guidelines: the current published version, who acknowledged it, and the machine-checkable rules. */
  guidelines: { version: number | null; acknowledgedBy: string[]; ruleKinds: string[] } | null;
}

/** How far back "has this channel been filled lately" looks. */
export const ACTIVITY_WEEKS = 4;
/** How far back the authorship ledger is read for the leader's posts. */
export const AUTHORSHIP_DAYS = 90;

export const NOTHING_BUILT_YET: ExternalSignals = {
  monitors: null,
  authorship: null,
  connectedChannels: null,
  guidelines: null,
};

export interface StrategySnapshot {
  now: Date;
  plan: {
    personUserId: string | null;
    purpose: string;
    goalOrientation: GoalOrientation | null;
    reach: ReachChoice | null;
    leaderUserId: string | null;
    leaderName: string | null;
    leaderBacking: string;
    rewards: string;
    peerNetwork: string;
    vision: string;
    keyMessages: string[];
    notAppear: string;
  };
  goals: {
    id: string;
    title: string;
    objective: Objective;
    objectiveNote: string;
    kpis: {
      id: string;
      kind: KpiKind;
      params: KpiParams;
      baseline: number | null;
      target: number | null;
      targetDate: string | null;
    }[];
  }[];
  audiences: { id: string; name: string; participation: Participation; offer: string }[];
  channels: {
    id: string;
    network: Network;
    handle: string;
    x: number | null;
    y: number | null;
    reason: string;
    contentPlan: string;
    postsPerWeek: number | null;
    audienceIds: string[];
  }[];
  topics: { id: string; stance: TopicStance; name: string; examples: string[] }[];
  watchTerms: { id: string; kind: WatchKind; term: string }[];
  responsibilities: {
    id: string;
    userId: string;
    name: string;
    isMember: boolean;
    responsibility: string;
    hoursPerWeek: number | null;
    commitment: Commitment | null;
  }[];
  members: { userId: string; name: string }[];
  signals: ExternalSignals;
}

/** A place in the strategy workspace, or another area of the app, where a finding is fixed. */
export type FixTarget =
  | { section: 'goals' | 'audiences' | 'channels' | 'topics' | 'presence' | 'team'; anchor?: string }
  | { area: 'team' | 'listen' | 'publish' | 'settings' | 'guidelines' }
  /** A page elsewhere in the app with its query, e.g. /listen/monitors/new?query=… */
  | { path: string };

export type SubjectKind = 'goal' | 'kpi' | 'audience' | 'channel' | 'topic' | 'responsibility' | 'watch';

export type FindingParams = Readonly<Record<string, string | number | readonly string[]>>;

/** A finding as a check makes it: facts only. Words in the reader's language are added afterwards. */
export interface Finding {
  check: CheckId;
  severity: Severity;
  subject?: { kind: SubjectKind; id: string; name: string };
  /** A variant of the check's message, when one check can fail in more than one way. */
  variant?: string;
  params?: FindingParams;
  fix: FixTarget;
  /** The check could not look, because what it needs does not exist in Stemme yet. */
  unavailable?: boolean;
}

export const CHECK_IDS = [
  'purpose',
  'goals-exist',
  'goal-objective',
  'goal-kpis',
  'kpi-complete',
  'kpi-overdue',
  'quality-over-quantity',
  'audiences-exist',
  'audience-offer',
  'audience-reached',
  'participation-fit',
  'channels-exist',
  'channel-placed',
  'channel-content',
  'three-decisions',
  'decisions-vs-matrix',
  'overlapping-networks',
  'channels-connected',
  'team-size',
  'leader-named',
  'leader-backing',
  'leader-own-voice',
  'authorship',
  'time-budget',
  'former-members',
  'topics-out',
  'topics-in',
  'topic-examples',
  'not-appear',
  'offensive',
  'defensive',
  'leader-name-watched',
  'monitors',
  'signals',
  'channel-activity',
  'guidelines-published',
  'guidelines-acknowledged',
  'topics-enforced',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export interface HealthCheck {
  id: CheckId;
  /** How much the check counts in the score: 3 for what the seeds call critical, 1 for advice. */
  weight: 1 | 2 | 3;
  /** False when the plan has nothing for the check to look at (no goals: no goal can lack a KPI). */
  applies?: (s: StrategySnapshot) => boolean;
  run: (s: StrategySnapshot) => Finding[];
}
