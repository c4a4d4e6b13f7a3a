// Tables of the strategy workspace: a plan per organisation (and per leader who has their own), with its goals,
// KPIs, audiences, channels on Dutta's matrix, topics, watched names and who does what.
import { sql } from 'drizzle-orm';
import {
  date,
  doublePrecision,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, orgId } from '../db/columns.ts';
import { users } from '../team/schema.ts';
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
} from './vocabulary.ts';

const planId = () =>
  uuid('plan_id')
    .notNull()
    .references(() => strategyPlans.id, { onDelete: 'cascade' });

export const strategyPlans = pgTable(
  'strategy_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    /** null: the organisation's plan; otherwise the member whose personal plan this is. */
    personUserId: uuid('person_user_id').references(() => users.id, { onDelete: 'cascade' }),
    /** Which tasks social media should solve, for whom, to what end (002, advice 1). */
    purpose: text('purpose').notNull().default(''),
    goalOrientation: text('goal_orientation').$type<GoalOrientation>(),
    reach: text('reach').$type<ReachChoice>(),
    /** The leader whose presence and visible backing the plan relies on (004, point 3). */
    leaderUserId: uuid('leader_user_id').references(() => users.id, { onDelete: 'set null' }),
    leaderBacking: text('leader_backing').notNull().default(''),
    rewards: text('rewards').notNull().default(''),
    /** People outside who the team can talk problems through with (004, point 3). */
    peerNetwork: text('peer_network').notNull().default(''),
    /** Offensive presence: the vision and the key messages (003, practice 2). */
    vision: text('vision').notNull().default(''),
    keyMessages: jsonb('key_messages').$type<string[]>().notNull().default([]),
    /** How we do not want to appear (002, advice 5). */
    notAppear: text('not_appear').notNull().default(''),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('strategy_plans_org_unique').on(t.orgId).where(sql`${t.personUserId} is null`),
    uniqueIndex('strategy_plans_person_unique')
      .on(t.orgId, t.personUserId)
      .where(sql`${t.personUserId} is not null`),
  ],
);

export const strategyGoals = pgTable(
  'strategy_goals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    planId: planId(),
    title: text('title').notNull(),
    objective: text('objective').$type<Objective>().notNull(),
    /** Which existing business strategy the goal supports (002, advice 2); required in spirit for `other`. */
    objectiveNote: text('objective_note').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [index('strategy_goals_plan_idx').on(t.planId)],
);

export const strategyKpis = pgTable(
  'strategy_kpis',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    planId: planId(),
    goalId: uuid('goal_id')
      .notNull()
      .references(() => strategyGoals.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<KpiKind>().notNull(),
    params: jsonb('params').$type<KpiParams>().notNull().default({}),
    baseline: doublePrecision('baseline'),
    target: doublePrecision('target'),
    targetDate: date('target_date', { mode: 'string' }),
    createdAt: createdAt(),
  },
  (t) => [index('strategy_kpis_plan_idx').on(t.planId)],
);

export const strategyAudiences = pgTable(
  'strategy_audiences',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    planId: planId(),
    name: text('name').notNull(),
    participation: text('participation').$type<Participation>().notNull(),
    description: text('description').notNull().default(''),
    /** What this audience should get from us: the reason for them to follow (003, practice 1). */
    offer: text('offer').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [index('strategy_audiences_plan_idx').on(t.planId)],
);

export const strategyChannels = pgTable(
  'strategy_channels',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    planId: planId(),
    network: text('network').$type<Network>().notNull(),
    /** The account, page or group: a handle, a URL or a name. */
    handle: text('handle').notNull(),
    /** Position on Dutta's matrix, 0..1 each; null until placed. x: personal → professional, y: private → public. */
    x: doublePrecision('x'),
    y: doublePrecision('y'),
    reason: text('reason').notNull().default(''),
    /** What we will fill it with (002, advice 10: a channel is empty until filled). */
    contentPlan: text('content_plan').notNull().default(''),
    postsPerWeek: doublePrecision('posts_per_week'),
    audienceIds: jsonb('audience_ids').$type<string[]>().notNull().default([]),
    ownerUserId: uuid('owner_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('strategy_channels_plan_idx').on(t.planId)],
);

export const strategyTopics = pgTable(
  'strategy_topics',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    planId: planId(),
    stance: text('stance').$type<TopicStance>().notNull(),
    name: text('name').notNull(),
    examples: jsonb('examples').$type<string[]>().notNull().default([]),
    note: text('note').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [index('strategy_topics_plan_idx').on(t.planId)],
);

export const strategyWatchTerms = pgTable(
  'strategy_watch_terms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    planId: planId(),
    kind: text('kind').$type<WatchKind>().notNull(),
    term: text('term').notNull(),
    note: text('note').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [index('strategy_watch_terms_plan_idx').on(t.planId)],
);

export const strategyResponsibilities = pgTable(
  'strategy_responsibilities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    planId: planId(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    responsibility: text('responsibility').notNull(),
    hoursPerWeek: doublePrecision('hours_per_week'),
    commitment: text('commitment').$type<Commitment>(),
    createdAt: createdAt(),
  },
  (t) => [index('strategy_responsibilities_plan_idx').on(t.planId)],
);
