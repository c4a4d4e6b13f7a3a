// The strategy's words: business objectives, the participation ladder, networks, KPI kinds, Dutta's matrix.
// Pure constants with no imports, shared by the server and the browser UI so both speak the same vocabulary.

/** Business objectives a goal can serve (004, point 1; plus recruitment from 003). */
export const OBJECTIVES = [
  'loyal_customers',
  'visible_customer_service',
  'co_innovation',
  'ambassadors',
  'target_group_visibility',
  'recruitment',
  'other',
] as const;
export type Objective = (typeof OBJECTIVES)[number];

/** The participation ladder (002, advice 3), from those who take no part to those who create. */
export const PARTICIPATION = [
  'inactive',
  'spectators',
  'joiners',
  'collectors',
  'critics',
  'creators',
] as const;
export type Participation = (typeof PARTICIPATION)[number];

export const NETWORKS = [
  'bluesky',
  'mastodon',
  'blog',
  'linkedin',
  'x',
  'facebook',
  'instagram',
  'youtube',
  'threads',
  'internal',
  'newsletter',
  'other',
] as const;
export type Network = (typeof NETWORKS)[number];

/** Dutta's three decisions (001): (a) the goals, (b) the audience. The third, resources, is hours per person. */
export const GOAL_ORIENTATIONS = ['professional', 'personal', 'mixed'] as const;
export type GoalOrientation = (typeof GOAL_ORIENTATIONS)[number];
export const REACH_CHOICES = ['closed', 'public', 'both'] as const;
export type ReachChoice = (typeof REACH_CHOICES)[number];

/** How much a person wants to do it themselves: the "will" beside the time (001). */
export const COMMITMENTS = ['high', 'some', 'low'] as const;
export type Commitment = (typeof COMMITMENTS)[number];

export const TOPIC_STANCES = ['in', 'out'] as const;
export type TopicStance = (typeof TOPIC_STANCES)[number];

/** What we watch: names and brands to protect (defensive), signals to scout (003, practices 2 and 4). */
export const WATCH_KINDS = [
  'leader',
  'brand',
  'product',
  'person',
  'competitor',
  'thought_leader',
  'other',
] as const;
export type WatchKind = (typeof WATCH_KINDS)[number];
export const DEFENSIVE_WATCH_KINDS: readonly WatchKind[] = ['leader', 'brand', 'product', 'person'];
export const SIGNAL_WATCH_KINDS: readonly WatchKind[] = ['competitor', 'thought_leader'];

/**
 * KPI kinds: each names what measurement will compute later from real data, with the parameters it needs.
 * `unit` says how the baseline and target read.
 */
export const KPI_KINDS = {
  mentions_of: { unit: 'per_month', params: ['term'] },
  share_of_voice: { unit: 'percent', params: ['term', 'competitors'] },
  positive_sentiment_share: { unit: 'percent', params: ['term'] },
  median_response_time: { unit: 'minutes', params: ['channelId'] },
  response_rate: { unit: 'percent', params: ['channelId'] },
  followers_in_segment: { unit: 'count', params: ['audienceId', 'channelId'] },
  follower_count: { unit: 'count', params: ['channelId'] },
  posts_per_week: { unit: 'per_week', params: ['channelId'] },
  engagement_rate: { unit: 'percent', params: ['channelId'] },
  ambassadors: { unit: 'count', params: [] },
  qualified_prospects: { unit: 'per_month', params: [] },
  customer_ideas: { unit: 'per_month', params: [] },
  applications_via_social: { unit: 'per_month', params: [] },
  custom: { unit: 'custom', params: ['description', 'unitLabel'] },
} as const satisfies Record<string, { unit: string; params: readonly KpiParamName[] }>;
export type KpiKind = keyof typeof KPI_KINDS;
export const KPI_KIND_NAMES = Object.keys(KPI_KINDS) as KpiKind[];
export type KpiParamName = 'term' | 'competitors' | 'channelId' | 'audienceId' | 'description' | 'unitLabel';
export type KpiUnit = (typeof KPI_KINDS)[KpiKind]['unit'];

/** Counting heads or posts says little about influence (002, advice 7). */
export const VOLUME_KPI_KINDS: readonly KpiKind[] = ['follower_count', 'posts_per_week'];

/** Which parameters a KPI kind cannot be computed without. */
export const REQUIRED_KPI_PARAMS: Partial<Record<KpiKind, readonly KpiParamName[]>> = {
  mentions_of: ['term'],
  share_of_voice: ['term', 'competitors'],
  positive_sentiment_share: ['term'],
  followers_in_segment: ['audienceId'],
  custom: ['description'],
};

export interface KpiParams {
  term?: string | null;
  competitors?: string[] | null;
  channelId?: string | null;
  audienceId?: string | null;
  description?: string | null;
  unitLabel?: string | null;
}

/**
 * Dutta's matrix (000, 001): x runs from personal (0) to professional (1) tone, y from private, a closed
 * network (0), to public (1). A channel's quadrant is the half it sits in on each axis.
 */
export const QUADRANTS = [
  'personal_public',
  'professional_public',
  'personal_private',
  'professional_private',
] as const;
export type Quadrant = (typeof QUADRANTS)[number];

export function quadrantOf(x: number, y: number): Quadrant {
  const tone = x < 0.5 ? 'personal' : 'professional';
  const reach = y < 0.5 ? 'private' : 'public';
  return `${tone}_${reach}`;
}

/** The centre of a quadrant, where a click on it places a channel. */
export function quadrantCentre(q: Quadrant): { x: number; y: number } {
  return { x: q.startsWith('personal') ? 0.25 : 0.75, y: q.endsWith('public') ? 0.75 : 0.25 };
}

/** Where a network usually sits (000/001: blog, Twitter and YouTube personal and public; Facebook personal
 * and private; internal networks such as Yammer professional and private). A hint, never a placement. */
export const TYPICAL_QUADRANT: Record<Network, Quadrant | null> = {
  blog: 'personal_public',
  x: 'personal_public',
  youtube: 'personal_public',
  bluesky: 'personal_public',
  mastodon: 'personal_public',
  threads: 'personal_public',
  instagram: 'personal_public',
  facebook: 'personal_private',
  internal: 'professional_private',
  newsletter: 'professional_private',
  linkedin: 'professional_public',
  other: null,
};

export const TEXT_LIMITS = { short: 200, long: 4000, list: 30 } as const;
