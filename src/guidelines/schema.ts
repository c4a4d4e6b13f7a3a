// Tables for the guidelines: published versions (each a list of sections), proposals that members write and
// comment on, who acknowledged which version, and the machine-checkable rules tied to a section.
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, orgId } from '../db/columns.ts';
import { users } from '../team/schema.ts';

/** One section of the guidelines; `key` stays the same across versions so rules can point at it. */
export interface GuidelineSection {
  key: string;
  title: string;
  body: string;
}

export const PROPOSAL_STATUSES = ['open', 'published', 'withdrawn'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

export const RULE_KINDS = ['banned_phrase', 'disclosure', 'caps', 'exclamations', 'frequency'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export const SEVERITIES = ['block', 'warn'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Per kind: banned phrases; trigger words that need a disclosure tag; tone limits; posts per channel and window. */
export interface RuleParams {
  phrases?: string[];
  triggers?: string[];
  tags?: string[];
  /** caps: the highest allowed share (0..1) of ALL-CAPS words, counted once a text has `minWords` words. */
  maxShare?: number;
  minWords?: number;
  /** exclamations: the most '!' a text may have; frequency: the most posts per channel in the window. */
  max?: number;
  window?: 'day' | 'week';
  /** frequency: only these channels (empty: every channel). */
  channelIds?: string[];
}

export const guidelineProposals = pgTable(
  'guideline_proposals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    /** The version this proposal was written against; null before the first version. */
    baseVersion: integer('base_version'),
    title: text('title').notNull(),
    /** What changes and why, in the proposer's words; becomes the version's change summary. */
    summary: text('summary').notNull().default(''),
    sections: jsonb('sections').$type<GuidelineSection[]>().notNull(),
    status: text('status').$type<ProposalStatus>().notNull().default('open'),
    publishedVersion: integer('published_version'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('guideline_proposals_org_idx').on(t.orgId, t.createdAt)],
);

export const guidelineVersions = pgTable(
  'guideline_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    number: integer('number').notNull(),
    sections: jsonb('sections').$type<GuidelineSection[]>().notNull(),
    summary: text('summary').notNull().default(''),
    proposalId: uuid('proposal_id').references(() => guidelineProposals.id, { onDelete: 'set null' }),
    /** Who wrote the proposal, and the admin who published it. */
    proposedBy: uuid('proposed_by').references(() => users.id, { onDelete: 'set null' }),
    publishedBy: uuid('published_by').references(() => users.id, { onDelete: 'set null' }),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('guideline_versions_org_number_unique').on(t.orgId, t.number)],
);

export const guidelineComments = pgTable(
  'guideline_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    proposalId: uuid('proposal_id')
      .notNull()
      .references(() => guidelineProposals.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    /** The section the comment is about, when it is about one. */
    sectionKey: text('section_key'),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('guideline_comments_proposal_idx').on(t.proposalId, t.createdAt)],
);

export const guidelineAcks = pgTable(
  'guideline_acks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('guideline_acks_unique').on(t.orgId, t.userId, t.version)],
);

export const guidelineRules = pgTable(
  'guideline_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    kind: text('kind').$type<RuleKind>().notNull(),
    severity: text('severity').$type<Severity>().notNull().default('warn'),
    /** The guideline section the rule comes from (GuidelineSection.key); null when it stands alone. */
    sectionKey: text('section_key'),
    params: jsonb('params').$type<RuleParams>().notNull().default({}),
    /** A line for the writer: why the rule is there. */
    note: text('note').notNull().default(''),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('guideline_rules_org_idx').on(t.orgId)],
);
