// The strategy as the browser receives it. The vocabulary (objectives, ladder, networks, KPI kinds, the matrix)
// is the server's own module, shared so both sides speak the same words.

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
} from '../../../../src/strategy/vocabulary.ts';
import type { Role } from '../../api.ts';

export * from '../../../../src/strategy/vocabulary.ts';

export interface PlanSummary {
  id: string;
  personUserId: string | null;
  personName: string | null;
  updatedAt: string;
}

export interface Plan {
  id: string;
  personUserId: string | null;
  personName: string | null;
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
  createdAt: string;
  updatedAt: string;
}

export interface Kpi {
  id: string;
  goalId: string;
  kind: KpiKind;
  params: KpiParams;
  baseline: number | null;
  target: number | null;
  targetDate: string | null;
}

export interface Goal {
  id: string;
  title: string;
  objective: Objective;
  objectiveNote: string;
  kpis: Kpi[];
}

export interface Audience {
  id: string;
  name: string;
  participation: Participation;
  description: string;
  offer: string;
}

export interface Channel {
  id: string;
  network: Network;
  handle: string;
  x: number | null;
  y: number | null;
  reason: string;
  contentPlan: string;
  postsPerWeek: number | null;
  audienceIds: string[];
  ownerUserId: string | null;
}

export interface Topic {
  id: string;
  stance: TopicStance;
  name: string;
  examples: string[];
  note: string;
}

export interface WatchTerm {
  id: string;
  kind: WatchKind;
  term: string;
  note: string;
}

export interface Responsibility {
  id: string;
  userId: string;
  name: string;
  isMember: boolean;
  responsibility: string;
  hoursPerWeek: number | null;
  commitment: Commitment | null;
}

export interface PlanMember {
  userId: string;
  name: string;
  email: string;
  role: Role;
}

export interface PlanDocument {
  plan: Plan;
  goals: Goal[];
  audiences: Audience[];
  channels: Channel[];
  topics: Topic[];
  watchTerms: WatchTerm[];
  responsibilities: Responsibility[];
  members: PlanMember[];
}

export type Severity = 'critical' | 'warning' | 'info';

export interface HealthFinding {
  id: string;
  check: string;
  severity: Severity;
  title: string;
  explanation: string;
  source: string;
  nextStep: string;
  fix: string;
  subject: { kind: string; id: string; name: string } | null;
  unavailable: boolean;
}

export interface HealthReport {
  planId: string;
  locale: string;
  score: number;
  checkedAt: string;
  counts: Record<Severity, number>;
  checks: { id: string; status: string }[];
  findings: HealthFinding[];
}

export const SECTIONS = ['health', 'goals', 'audiences', 'channels', 'topics', 'presence', 'team'] as const;
export type Section = (typeof SECTIONS)[number];
