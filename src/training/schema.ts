// Tables of training: a team's own drills, drill runs (with a snapshot of the scenario they play) and what
// happened in each run: audience posts put into the sandbox network and the trainee's replies.
import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { orgId } from '../db/columns.ts';
import { users } from '../team/schema.ts';
import type { Debrief, ReplyCheck } from './debrief.ts';
import type { Scenario } from './scenario.ts';

/** Drills a team wrote or imported, beside the built-in ones from src/training/drills/. */
export const trainingDrills = pgTable(
  'training_drills',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    slug: text('slug').notNull(),
    scenario: jsonb('scenario').$type<Scenario>().notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('training_drills_slug_unique').on(t.orgId, t.slug)],
);

export type RunKind = 'drill' | 'practice';

export const trainingRuns = pgTable(
  'training_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<RunKind>().notNull(),
    /** The drill's slug (practice: 'practice'). */
    drillSlug: text('drill_slug').notNull(),
    /** The scenario as it was when the run started: later edits to the drill do not change a run. */
    scenario: jsonb('scenario').$type<Scenario>().notNull(),
    locale: text('locale').notNull(),
    /** The trainee's sandbox account for this run, and its token sealed with the instance key. */
    sandboxAccountId: uuid('sandbox_account_id').notNull(),
    sandboxHandle: text('sandbox_handle').notNull(),
    sealedCredentials: text('sealed_credentials').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    /** Drill time skipped ahead (the test clock): run time = now − startedAt + skippedMs. */
    skippedMs: integer('skipped_ms').notNull().default(0),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    score: integer('score'),
    debrief: jsonb('debrief').$type<Debrief>(),
  },
  (t) => [index('training_runs_user_idx').on(t.orgId, t.userId, t.startedAt)],
);

export type EventKind = 'audience' | 'reply' | 'opening';

/** One thing in a run's timeline, at its run time (ms after the start). */
export const trainingEvents = pgTable(
  'training_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    runId: uuid('run_id')
      .notNull()
      .references(() => trainingRuns.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<EventKind>().notNull(),
    /** Audience events: the beat; unique per run, so two polls never post a beat twice. */
    beatId: text('beat_id'),
    /** A beat whose condition was not met at its time: recorded, never posted. */
    skipped: boolean('skipped').notNull().default(false),
    atMs: integer('at_ms').notNull(),
    /** The post in the sandbox network (null for a skipped beat). */
    sandboxPostId: uuid('sandbox_post_id'),
    /** Audience: the member's handle in the scenario; replies: the trainee's sandbox handle. */
    author: text('author').notNull(),
    text: text('text').notNull(),
    /** What this event answers (a reply's audience post, an audience reply's target) or quotes. */
    replyToEventId: uuid('reply_to_event_id'),
    quoteOfEventId: uuid('quote_of_event_id'),
    /** Replies: response time from the audience post they answer. */
    responseMs: integer('response_ms'),
    deletedAtMs: integer('deleted_at_ms'),
    check: jsonb('check').$type<ReplyCheck>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('training_events_beat_unique').on(t.runId, t.beatId).where(sql`${t.beatId} is not null`),
    index('training_events_run_idx').on(t.runId, t.atMs),
  ],
);
