// Tables for publishing: channels (connected accounts), posts with their media, one publish target per
// (post, channel) with its own status, and every attempt to publish it.
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
import { createdAt, orgId, updatedAt } from '../db/columns.ts';
import type { GuidelineHit } from '../guidelines/check.ts';
import type { FailureClass, RemotePart } from '../networks/types.ts';
import { orgs, users } from '../team/schema.ts';

export const CHANNEL_STATUSES = ['active', 'reconnect_needed', 'disconnected'] as const;
export type ChannelStatus = (typeof CHANNEL_STATUSES)[number];

export const channels = pgTable(
  'channels',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    network: text('network').notNull(),
    name: text('name').notNull(),
    handle: text('handle').notNull(),
    remoteAccountId: text('remote_account_id').notNull(),
    accountUrl: text('account_url').notNull(),
    /** SecretBox-sealed JSON, bound to this row's id; null once disconnected. */
    credentials: text('credentials'),
    /** Non-secret facts from the network (an instance's limits). */
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    status: text('status').$type<ChannelStatus>().notNull().default('active'),
    statusReason: text('status_reason'),
    /** Whose voice the account is (the leader); null for an organisation's own account. */
    ownerUserId: uuid('owner_user_id').references(() => users.id, { onDelete: 'set null' }),
    connectedBy: uuid('connected_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('channels_org_idx').on(t.orgId),
    uniqueIndex('channels_account_unique')
      .on(t.orgId, t.network, t.remoteAccountId)
      .where(sql`${t.status} <> 'disconnected'`),
  ],
);

/**
 * Where a post is in its flow. 'ready': submitted and either approved or not needing approval — its targets are
 * queued. The post's `state` in the API is derived from this and its targets (see POST_STATE_SQL in posts.ts).
 */
export const POST_STAGES = ['draft', 'pending_approval', 'changes_requested', 'ready'] as const;
export type PostStage = (typeof POST_STAGES)[number];

/** A channel's own edit of the post: the parts as the author wants them there. */
export interface VariantEdit {
  channelId: string;
  parts: string[];
}

export const posts = pgTable(
  'posts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    text: text('text').notNull(),
    thread: boolean('thread').notNull().default(false),
    /** null for a draft without a time yet. */
    scheduledAt: timestamp('scheduled_at', { withTimezone: true }),
    stage: text('stage').$type<PostStage>().notNull().default('ready'),
    submittedBy: uuid('submitted_by').references(() => users.id, { onDelete: 'set null' }),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    /** The guideline check's findings at the last save or submit, so an approver sees them. */
    guidelineHits: jsonb('guideline_hits').$type<GuidelineHit[]>().notNull().default([]),
    /** Per-channel edits the author made (kept across later edits of the main text). */
    variantEdits: jsonb('variant_edits').$type<VariantEdit[]>().notNull().default([]),
    /** Whose words these are; compared with the channel's owner for the authorship ledger. */
    writtenBy: uuid('written_by').references(() => users.id, { onDelete: 'set null' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    /** Fixed when the post is submitted (from the organisation's setting); the publish job refuses without approvedBy. */
    requiresApproval: boolean('requires_approval').notNull().default(false),
    approvedBy: uuid('approved_by').references(() => users.id, { onDelete: 'set null' }),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('posts_org_scheduled_idx').on(t.orgId, t.scheduledAt)],
);

export const postMedia = pgTable(
  'post_media',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    mimeType: text('mime_type').notNull(),
    alt: text('alt').notNull(),
    size: integer('size').notNull(),
    /** base64: travels through JSON export unchanged; images are small (networks cap them near 1 MB). */
    data: text('data').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('post_media_post_idx').on(t.postId)],
);

export const TARGET_STATUSES = [
  'scheduled',
  'publishing',
  'published',
  'failed',
  'cancelled',
  'deleted',
] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];

export const AUTHORSHIPS = ['own_words', 'on_behalf', 'organisation'] as const;
export type Authorship = (typeof AUTHORSHIPS)[number];

export interface StoredVariant {
  parts: { text: string; mediaIds: string[] }[];
}

export const publishTargets = pgTable(
  'publish_targets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    variant: jsonb('variant').$type<StoredVariant>().notNull(),
    status: text('status').$type<TargetStatus>().notNull().default('scheduled'),
    /** null while the post is a draft without a time. */
    dueAt: timestamp('due_at', { withTimezone: true }),
    /** Fixed at the first attempt and reused by every retry, so the network can recognise a repeat. */
    idempotencyKey: text('idempotency_key'),
    keyIssuedAt: timestamp('key_issued_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    remoteId: text('remote_id'),
    remoteUrl: text('remote_url'),
    remoteParts: jsonb('remote_parts').$type<RemotePart[]>(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** Went out noticeably after its time (the server was down, or retries took long). */
    late: boolean('late').notNull().default(false),
    errorClass: text('error_class').$type<FailureClass>(),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    authorship: text('authorship').$type<Authorship>().notNull(),
    /** The account it went out on, as it was named then (channels can be renamed or removed later). */
    publishedOnHandle: text('published_on_handle'),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    deletedBy: uuid('deleted_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('publish_targets_post_channel_unique').on(t.postId, t.channelId),
    index('publish_targets_org_due_idx').on(t.orgId, t.dueAt),
    index('publish_targets_open_idx').on(t.dueAt).where(sql`${t.status} in ('scheduled', 'publishing')`),
  ],
);

/** 'interrupted': the worker died during the attempt (seen by the next one); whether it reached the network is unknown. */
export const ATTEMPT_OUTCOMES = [
  'running',
  'interrupted',
  'published',
  'found',
  'failed',
  'will_retry',
] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

export const publishAttempts = pgTable(
  'publish_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    targetId: uuid('target_id')
      .notNull()
      .references(() => publishTargets.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    /** 'running' stays behind when the worker died mid-attempt: the outcome is unknown. */
    outcome: text('outcome').$type<AttemptOutcome>().notNull().default('running'),
    /** The network was asked for the key before publishing (a previous attempt's outcome was unknown). */
    checkedNetwork: boolean('checked_network').notNull().default(false),
    errorClass: text('error_class').$type<FailureClass>(),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    jobId: uuid('job_id'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('publish_attempts_target_number_unique').on(t.targetId, t.number)],
);

/** The organisation's publishing rules. One row per organisation, created on first change. */
export const publishingSettings = pgTable('publishing_settings', {
  orgId: uuid('org_id')
    .primaryKey()
    .references(() => orgs.id, { onDelete: 'cascade' }),
  requireApproval: boolean('require_approval').notNull().default(false),
  /** Approvers may approve posts they wrote or created themselves (admins always may). */
  allowSelfApproval: boolean('allow_self_approval').notNull().default(false),
  updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: updatedAt(),
});

export const COMMENT_KINDS = ['comment', 'submitted', 'approved', 'sent_back', 'approval_reset'] as const;
export type CommentKind = (typeof COMMENT_KINDS)[number];

/** The approval conversation on a post: comments and each step of the flow. */
export const postComments = pgTable(
  'post_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    kind: text('kind').$type<CommentKind>().notNull(),
    text: text('text').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [index('post_comments_post_idx').on(t.postId, t.createdAt)],
);

/** A channel's queue slots: weekday (1 = Monday) and wall-clock time in the organisation's time zone. */
export const channelSlots = pgTable(
  'channel_slots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => channels.id, { onDelete: 'cascade' }),
    weekday: integer('weekday').notNull(),
    /** 'HH:MM', 24-hour. */
    time: text('time').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('channel_slots_unique').on(t.channelId, t.weekday, t.time)],
);
