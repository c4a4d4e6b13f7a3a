// A storm's course after its alert, for the rule's email recipients and webhooks: marked growth (escalation),
// throttled storm.updated webhooks, and the end (a short "storm is over" email, storm.closed webhooks). Decided
// inside the transaction that updates or closes the storm, so a follow-up is queued exactly once with it.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/connect.ts';
import { enqueue } from '../../jobs/enqueue.ts';
import {
  alertRules,
  alertWebhooks,
  type EmailEvent,
  type StormRow,
  stormAlerts,
  stormNotices,
  storms,
  type WebhookEvent,
  webhookDeliveries,
} from '../storms/schema.ts';
import { EMAIL_MAX_ATTEMPTS, NOTICE_EMAIL_JOB, WEBHOOK_DELIVERY_JOB, WEBHOOK_MAX_ATTEMPTS } from './names.ts';
import { stormEventBody } from './payload.ts';

/**
 * The escalation rule. Storms have no severity levels; their size is the count of mentions in the current
 * 30-minute window. A storm escalates when, while the surge holds, that window reaches ESCALATION_FACTOR times
 * the count of its last notice (the alert's count at opening, then the last escalation's). Doubling rather than
 * a fixed step keeps it to a few emails even for a huge storm: 12 → 24 → 48 → 96.
 */
export const ESCALATION_FACTOR = 2;
/** storm.updated webhooks go at most this often per storm, and at once when it escalates. */
export const UPDATE_WEBHOOK_EVERY_MS = 10 * 60_000;

export interface FollowUpRule {
  emailRecipients: string[];
  webhookIds: string[];
  emailOn: EmailEvent[];
  webhookOn: WebhookEvent[];
}

export function escalates(
  storm: Pick<StormRow, 'notifiedCount' | 'peakCount'>,
  windowCount: number,
  surge: boolean,
): boolean {
  // Storms opened before escalation was tracked count from their peak so far: no surprise email on upgrade.
  const base = storm.notifiedCount ?? storm.peakCount;
  return surge && base > 0 && windowCount >= ESCALATION_FACTOR * base;
}

export function webhookUpdateDue(
  rule: FollowUpRule | null,
  storm: Pick<StormRow, 'updateSentAt' | 'openedAt'>,
  now: Date,
  escalated: boolean,
): boolean {
  if (!rule?.webhookOn.includes('updated') || rule.webhookIds.length === 0) return false;
  if (escalated) return true;
  const last = storm.updateSentAt ?? storm.openedAt;
  return now.getTime() - last.getTime() >= UPDATE_WEBHOOK_EVERY_MS;
}

/** The follow-up settings of the rules of some monitors. */
export async function followUpRules(
  db: DbOrTx,
  monitorIds: readonly string[],
): Promise<Map<string, FollowUpRule>> {
  if (monitorIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(alertRules)
    .where(sql`${alertRules.monitorId} = any(${`{${[...new Set(monitorIds)].join(',')}}`}::uuid[])`);
  return new Map(rows.map((r) => [r.monitorId, r]));
}

async function alertOf(tx: DbOrTx, stormId: string) {
  const [a] = await tx
    .select({ id: stormAlerts.id, monitorName: stormAlerts.monitorName })
    .from(stormAlerts)
    .where(eq(stormAlerts.stormId, stormId));
  return a;
}

async function queueWebhooks(
  tx: DbOrTx,
  storm: StormRow,
  alert: { id: string; monitorName: string },
  rule: FollowUpRule,
  event: 'storm.updated' | 'storm.closed',
  escalated: boolean,
): Promise<number> {
  if (rule.webhookIds.length === 0) return 0;
  const hooks = await tx
    .select({ id: alertWebhooks.id })
    .from(alertWebhooks)
    .where(
      and(
        eq(alertWebhooks.orgId, storm.orgId),
        eq(alertWebhooks.active, true),
        inArray(alertWebhooks.id, rule.webhookIds),
      ),
    );
  if (hooks.length === 0) return 0;
  const body = stormEventBody(event, {
    storm,
    alertId: alert.id,
    monitorName: alert.monitorName,
    escalated,
  });
  for (const h of hooks) {
    const [d] = await tx
      .insert(webhookDeliveries)
      .values({ orgId: storm.orgId, webhookId: h.id, alertId: alert.id, event, body })
      .returning({ id: webhookDeliveries.id });
    await enqueue(
      tx,
      WEBHOOK_DELIVERY_JOB,
      { deliveryId: d!.id },
      { orgId: storm.orgId, maxAttempts: WEBHOOK_MAX_ATTEMPTS },
    );
  }
  return hooks.length;
}

async function queueNotice(
  tx: DbOrTx,
  storm: StormRow,
  alertId: string,
  rule: FollowUpRule,
  kind: 'escalated' | 'closed',
  previousCount: number | null,
  now: Date,
): Promise<void> {
  if (!rule.emailOn.includes(kind) || rule.emailRecipients.length === 0) return;
  const [n] = await tx
    .insert(stormNotices)
    .values({
      orgId: storm.orgId,
      alertId,
      stormId: storm.id,
      kind,
      windowCount: storm.windowCount,
      previousCount,
      expected: storm.expected,
      peakCount: storm.peakCount,
      mentionCount: storm.mentionCount,
      negativeShare: storm.negativeShare,
      emailRecipients: rule.emailRecipients,
      createdAt: now,
    })
    .returning({ id: stormNotices.id });
  await enqueue(
    tx,
    NOTICE_EMAIL_JOB,
    { noticeId: n!.id },
    { orgId: storm.orgId, maxAttempts: EMAIL_MAX_ATTEMPTS },
  );
}

/**
 * After an open storm was updated (inside the same transaction): claims the escalation and/or the throttled
 * webhook update against the values read before, so two ingests racing queue them once, then queues the email
 * notice and the storm.updated deliveries the rule wants. Returns the storm as it now is.
 */
export async function followUpdate(
  tx: DbOrTx,
  updated: StormRow,
  before: Pick<StormRow, 'notifiedCount' | 'updateSentAt'>,
  rule: FollowUpRule | null,
  want: { escalate: boolean; webhook: boolean },
  now: Date,
): Promise<{ storm: StormRow; escalated: boolean }> {
  if (!want.escalate && !want.webhook) return { storm: updated, escalated: false };
  const [claimed] = await tx
    .update(storms)
    .set({
      ...(want.escalate && {
        notifiedCount: updated.windowCount,
        escalations: sql`${storms.escalations} + 1`,
      }),
      ...(want.webhook && { updateSentAt: now }),
    })
    .where(
      and(
        eq(storms.id, updated.id),
        want.escalate
          ? sql`${storms.notifiedCount} is not distinct from ${before.notifiedCount}::int`
          : undefined,
        want.webhook
          ? sql`${storms.updateSentAt} is not distinct from ${before.updateSentAt?.toISOString() ?? null}::timestamptz`
          : undefined,
      ),
    )
    .returning();
  if (!claimed) return { storm: updated, escalated: false };
  if (!rule) return { storm: claimed, escalated: want.escalate };
  const alert = await alertOf(tx, claimed.id);
  if (!alert) return { storm: claimed, escalated: want.escalate };
  if (want.escalate) {
    const previous = before.notifiedCount ?? updated.peakCount;
    await queueNotice(tx, claimed, alert.id, rule, 'escalated', previous, now);
  }
  if (want.webhook) await queueWebhooks(tx, claimed, alert, rule, 'storm.updated', want.escalate);
  return { storm: claimed, escalated: want.escalate };
}

/** After a storm closed (inside the same transaction): the "storm is over" email and storm.closed webhooks. */
export async function followClose(
  tx: DbOrTx,
  closed: StormRow,
  rule: FollowUpRule | null,
  now: Date,
): Promise<void> {
  if (!rule) return;
  const email = rule.emailOn.includes('closed') && rule.emailRecipients.length > 0;
  const hooks = rule.webhookOn.includes('closed') && rule.webhookIds.length > 0;
  if (!email && !hooks) return;
  const alert = await alertOf(tx, closed.id);
  if (!alert) return;
  if (email) await queueNotice(tx, closed, alert.id, rule, 'closed', null, now);
  if (hooks) await queueWebhooks(tx, closed, alert, rule, 'storm.closed', false);
}
