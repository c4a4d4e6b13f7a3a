// Tables of storms and alerts: a storm is one episode of unusual activity for a monitor (opens once, grows,
// closes after quiet); an alert is what was sent when it opened (what, how big, why, the top posts); alert
// rules say per monitor who gets email, which webhooks fire and how sensitive detection is; webhooks are
// per-organisation endpoints with a secret sealed at rest, and every delivery is logged.
import { sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { orgId } from '../../db/columns.ts';
import { users } from '../../team/schema.ts';
import { monitors } from '../schema.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true });
const monitorId = () =>
  uuid('monitor_id')
    .notNull()
    .references(() => monitors.id, { onDelete: 'cascade' });

export const SENSITIVITIES = ['low', 'normal', 'high'] as const;
export type Sensitivity = (typeof SENSITIVITIES)[number];

/** What of a storm's course an alert rule emails about: its opening, marked growth, its end. */
export const EMAIL_EVENTS = ['opened', 'escalated', 'closed'] as const;
export type EmailEvent = (typeof EMAIL_EVENTS)[number];
/** What a rule's webhooks receive: storm.opened, storm.updated (throttled; at once on marked growth), storm.closed. */
export const WEBHOOK_EVENTS = ['opened', 'updated', 'closed'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Why an episode counts as a storm; the UI turns each into a sentence in the user's language. */
export type StormReason =
  | { kind: 'volume'; count: number; expected: number; ratio: number; z: number }
  | { kind: 'negative'; share: number; baselineShare: number; negatives: number }
  | { kind: 'influential'; authors: { name: string; weight: number }[] };

export interface TopPost {
  mentionId: string;
  source: string;
  author: string | null;
  text: string;
  url: string | null;
  sentiment: string;
  at: string;
  authorWeight: number;
}

export const storms = pgTable(
  'storms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    monitorId: monitorId(),
    status: text('status').$type<'open' | 'closed'>().notNull().default('open'),
    openedAt: ts('opened_at').notNull(),
    /** The last evaluation at which the surge still held; the storm closes after a quiet spell from here. */
    lastSurgeAt: ts('last_surge_at').notNull(),
    closedAt: ts('closed_at'),
    /** Mentions in the current window at the latest evaluation, and what the baseline expected. */
    windowCount: integer('window_count').notNull(),
    expected: doublePrecision('expected').notNull(),
    peakCount: integer('peak_count').notNull(),
    /** Mentions since the storm opened (its window at opening included). */
    mentionCount: integer('mention_count').notNull(),
    negativeShare: doublePrecision('negative_share').notNull(),
    baselineNegativeShare: doublePrecision('baseline_negative_share').notNull(),
    reasons: jsonb('reasons').$type<StormReason[]>().notNull(),
    topPosts: jsonb('top_posts').$type<TopPost[]>().notNull(),
    updatedAt: ts('updated_at').notNull(),
    /**
     * The window count the last notice was about (the alert's at opening, then each escalation's): the storm
     * escalates when its window reaches twice this. Null on storms opened before escalation existed.
     */
    notifiedCount: integer('notified_count'),
    /** How many times the storm escalated (doubled). */
    escalations: integer('escalations').notNull().default(0),
    /** When the last storm.updated webhook delivery was queued (they are throttled). */
    updateSentAt: ts('update_sent_at'),
  },
  (t) => [
    // At most one open storm per monitor: two ingests racing cannot open it twice.
    uniqueIndex('storms_monitor_open_unique').on(t.monitorId).where(sql`status = 'open'`),
    index('storms_org_opened_idx').on(t.orgId, t.openedAt),
    index('storms_monitor_opened_idx').on(t.monitorId, t.openedAt),
  ],
);

export const stormAlerts = pgTable(
  'storm_alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    stormId: uuid('storm_id')
      .notNull()
      .references(() => storms.id, { onDelete: 'cascade' }),
    monitorId: monitorId(),
    /** What the monitor was called when the alert fired. */
    monitorName: text('monitor_name').notNull(),
    count: integer('count').notNull(),
    expected: doublePrecision('expected').notNull(),
    negativeShare: doublePrecision('negative_share').notNull(),
    baselineNegativeShare: doublePrecision('baseline_negative_share').notNull(),
    reasons: jsonb('reasons').$type<StormReason[]>().notNull(),
    topPosts: jsonb('top_posts').$type<TopPost[]>().notNull(),
    /** none (no recipients), off (the rule does not email the opening), pending, sent, failed, unconfigured. */
    emailStatus: text('email_status').notNull().default('none'),
    emailError: text('email_error'),
    emailRecipients: text('email_recipients').array().notNull().default(sql`'{}'::text[]`),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('storm_alerts_storm_unique').on(t.stormId),
    index('storm_alerts_org_created_idx').on(t.orgId, t.createdAt),
  ],
);

export const alertRules = pgTable(
  'alert_rules',
  {
    monitorId: monitorId().primaryKey(),
    orgId: orgId(),
    sensitivity: text('sensitivity').$type<Sensitivity>().notNull().default('normal'),
    emailRecipients: text('email_recipients').array().notNull().default(sql`'{}'::text[]`),
    webhookIds: uuid('webhook_ids').array().notNull().default(sql`'{}'::uuid[]`),
    emailOn: text('email_on').array().$type<EmailEvent[]>().notNull().default(sql`'{opened}'::text[]`),
    webhookOn: text('webhook_on').array().$type<WebhookEvent[]>().notNull().default(sql`'{opened}'::text[]`),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('alert_rules_org_idx').on(t.orgId)],
);

export const alertWebhooks = pgTable(
  'alert_webhooks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    name: text('name').notNull(),
    url: text('url').notNull(),
    /** The signing secret, sealed with the instance key (SecretBox, bound to the webhook id). */
    secretSealed: text('secret_sealed').notNull(),
    active: boolean('active').notNull().default(true),
    createdAt: ts('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('alert_webhooks_org_idx').on(t.orgId)],
);

export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    webhookId: uuid('webhook_id')
      .notNull()
      .references(() => alertWebhooks.id, { onDelete: 'cascade' }),
    alertId: uuid('alert_id').references(() => stormAlerts.id, { onDelete: 'set null' }),
    /** storm.opened, storm.updated, storm.closed or webhook.test. */
    event: text('event').notNull(),
    /** The exact JSON sent on every attempt (the signature covers it with the attempt's timestamp). */
    body: text('body').notNull(),
    /** pending, delivered, failed (gave up). */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastAttemptAt: ts('last_attempt_at'),
    deliveredAt: ts('delivered_at'),
  },
  (t) => [index('webhook_deliveries_webhook_idx').on(t.webhookId, t.createdAt)],
);

/**
 * A follow-up email about a storm after its alert: it escalated (its window doubled) or it is over. The figures
 * are those of the moment, so the email says what was true when it was decided.
 */
export const stormNotices = pgTable(
  'storm_notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: orgId(),
    alertId: uuid('alert_id')
      .notNull()
      .references(() => stormAlerts.id, { onDelete: 'cascade' }),
    stormId: uuid('storm_id')
      .notNull()
      .references(() => storms.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<'escalated' | 'closed'>().notNull(),
    windowCount: integer('window_count').notNull(),
    /** For an escalation: the window count it doubled from. */
    previousCount: integer('previous_count'),
    expected: doublePrecision('expected').notNull(),
    peakCount: integer('peak_count').notNull(),
    mentionCount: integer('mention_count').notNull(),
    negativeShare: doublePrecision('negative_share').notNull(),
    emailRecipients: text('email_recipients').array().notNull(),
    /** pending, sent, failed, unconfigured (no SMTP on this instance). */
    emailStatus: text('email_status').notNull().default('pending'),
    emailError: text('email_error'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [index('storm_notices_alert_idx').on(t.alertId, t.createdAt)],
);

export type StormRow = typeof storms.$inferSelect;
export type StormNoticeRow = typeof stormNotices.$inferSelect;
export type StormAlertRow = typeof stormAlerts.$inferSelect;
export type AlertRuleRow = typeof alertRules.$inferSelect;
