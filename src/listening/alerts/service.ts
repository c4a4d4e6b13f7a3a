// Reading alerts and storms, and managing alert rules (per monitor: sensitivity, email recipients, webhooks, which
// events of a storm's course each channel gets) and the organisation's webhooks (secret generated here, shown
// once, sealed at rest, rotated on request; edit with the same URL guard; test send; delivery log).
import { randomBytes } from 'node:crypto';
import { and, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/connect.ts';
import { DomainError, fieldError } from '../../errors.ts';
import { enqueue } from '../../jobs/enqueue.ts';
import type { SecretBox } from '../../security/secret-box.ts';
import { checkUrl, UnsafeUrlError } from '../../security/ssrf.ts';
import { recordAudit } from '../../team/audit.ts';
import type { Actor } from '../../team/auth.ts';
import { monitorOf } from '../monitors.ts';
import {
  type AlertRuleRow,
  alertRules,
  alertWebhooks,
  type EmailEvent,
  type Sensitivity,
  type StormAlertRow,
  type StormRow,
  stormAlerts,
  stormNotices,
  storms,
  type WebhookEvent,
  webhookDeliveries,
} from '../storms/schema.ts';
import { WEBHOOK_DELIVERY_JOB, WEBHOOK_MAX_ATTEMPTS } from './names.ts';
import { webhookBody } from './payload.ts';

export function alertView(
  a: StormAlertRow,
  storm?: Pick<StormRow, 'status' | 'closedAt' | 'peakCount' | 'mentionCount'>,
) {
  return {
    id: a.id,
    stormId: a.stormId,
    monitorId: a.monitorId,
    monitorName: a.monitorName,
    count: a.count,
    expected: a.expected,
    negativeShare: a.negativeShare,
    baselineNegativeShare: a.baselineNegativeShare,
    reasons: a.reasons,
    topPosts: a.topPosts,
    emailStatus: a.emailStatus,
    emailError: a.emailError,
    emailRecipients: a.emailRecipients,
    createdAt: a.createdAt.toISOString(),
    storm: storm
      ? {
          status: storm.status,
          closedAt: storm.closedAt?.toISOString() ?? null,
          peakCount: storm.peakCount,
          mentionCount: storm.mentionCount,
        }
      : null,
  };
}

export function stormView(s: StormRow) {
  return {
    id: s.id,
    monitorId: s.monitorId,
    status: s.status,
    openedAt: s.openedAt.toISOString(),
    closedAt: s.closedAt?.toISOString() ?? null,
    lastSurgeAt: s.lastSurgeAt.toISOString(),
    windowCount: s.windowCount,
    expected: s.expected,
    peakCount: s.peakCount,
    mentionCount: s.mentionCount,
    negativeShare: s.negativeShare,
    reasons: s.reasons,
  };
}

export async function listAlerts(
  db: DbOrTx,
  orgId: string,
  f: { monitorId?: string | undefined; before?: Date | undefined; limit: number },
) {
  const rows = await db
    .select({ a: stormAlerts, s: storms })
    .from(stormAlerts)
    .innerJoin(storms, eq(storms.id, stormAlerts.stormId))
    .where(
      and(
        eq(stormAlerts.orgId, orgId),
        f.monitorId ? eq(stormAlerts.monitorId, f.monitorId) : undefined,
        f.before ? lt(stormAlerts.createdAt, f.before) : undefined,
      ),
    )
    .orderBy(desc(stormAlerts.createdAt))
    .limit(f.limit);
  return rows.map((r) => alertView(r.a, r.s));
}

export async function getAlert(db: DbOrTx, orgId: string, alertId: string) {
  const [r] = await db
    .select({ a: stormAlerts, s: storms })
    .from(stormAlerts)
    .innerJoin(storms, eq(storms.id, stormAlerts.stormId))
    .where(and(eq(stormAlerts.orgId, orgId), eq(stormAlerts.id, alertId)));
  if (!r) throw new DomainError('not_found', 'alert_not_found', 'alertId: no such alert');
  const deliveries = await db
    .select({
      id: webhookDeliveries.id,
      webhookId: webhookDeliveries.webhookId,
      event: webhookDeliveries.event,
      webhookName: alertWebhooks.name,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      lastStatusCode: webhookDeliveries.lastStatusCode,
      lastError: webhookDeliveries.lastError,
    })
    .from(webhookDeliveries)
    .innerJoin(alertWebhooks, eq(alertWebhooks.id, webhookDeliveries.webhookId))
    .where(and(eq(webhookDeliveries.orgId, orgId), eq(webhookDeliveries.alertId, alertId)))
    .orderBy(webhookDeliveries.createdAt);
  const notices = await db
    .select()
    .from(stormNotices)
    .where(and(eq(stormNotices.orgId, orgId), eq(stormNotices.alertId, alertId)))
    .orderBy(stormNotices.createdAt);
  return {
    ...alertView(r.a, r.s),
    escalations: r.s.escalations,
    deliveries,
    notices: notices.map((n) => ({
      id: n.id,
      kind: n.kind,
      windowCount: n.windowCount,
      previousCount: n.previousCount,
      peakCount: n.peakCount,
      mentionCount: n.mentionCount,
      emailRecipients: n.emailRecipients,
      emailStatus: n.emailStatus,
      emailError: n.emailError,
      createdAt: n.createdAt.toISOString(),
    })),
  };
}

export async function listStorms(db: DbOrTx, orgId: string, monitorId: string, from?: Date) {
  await monitorOf(db, orgId, monitorId);
  const rows = await db
    .select()
    .from(storms)
    .where(
      and(
        eq(storms.orgId, orgId),
        eq(storms.monitorId, monitorId),
        from
          ? sql`coalesce(${storms.closedAt}, 'infinity'::timestamptz) >= ${from.toISOString()}::timestamptz`
          : undefined,
      ),
    )
    .orderBy(desc(storms.openedAt))
    .limit(200);
  return rows.map(stormView);
}

/** Storm changes of the organisation since a moment (the SSE stream's poll). */
export async function stormsChangedSince(db: DbOrTx, orgId: string, since: Date) {
  return db
    .select({ s: storms, alertId: stormAlerts.id, monitorName: stormAlerts.monitorName })
    .from(storms)
    .leftJoin(stormAlerts, eq(stormAlerts.stormId, storms.id))
    .where(and(eq(storms.orgId, orgId), gte(storms.updatedAt, since)))
    .orderBy(storms.updatedAt)
    .limit(100);
}

function ruleView(monitorId: string, r: AlertRuleRow | undefined) {
  return {
    monitorId,
    sensitivity: (r?.sensitivity ?? 'normal') as Sensitivity,
    emailRecipients: r?.emailRecipients ?? [],
    webhookIds: r?.webhookIds ?? [],
    emailOn: r?.emailOn ?? (['opened'] as EmailEvent[]),
    webhookOn: r?.webhookOn ?? (['opened'] as WebhookEvent[]),
    updatedAt: r?.updatedAt.toISOString() ?? null,
  };
}

export async function getRule(db: DbOrTx, orgId: string, monitorId: string) {
  await monitorOf(db, orgId, monitorId);
  const [r] = await db.select().from(alertRules).where(eq(alertRules.monitorId, monitorId));
  return ruleView(monitorId, r);
}

export async function putRule(
  db: Db,
  actor: Actor,
  monitorId: string,
  input: {
    sensitivity: Sensitivity;
    emailRecipients: string[];
    webhookIds: string[];
    /** Left out: kept as they are (the opening only, for a new rule). */
    emailOn?: EmailEvent[] | undefined;
    webhookOn?: WebhookEvent[] | undefined;
  },
) {
  const monitor = await monitorOf(db, actor.orgId, monitorId);
  const on = <T extends string>(list: T[] | undefined) => (list ? [...new Set(list)] : undefined);
  const emailOn = on(input.emailOn);
  const webhookOn = on(input.webhookOn);
  const emails = [...new Set(input.emailRecipients.map((e) => e.trim().toLowerCase()))];
  const hookIds = [...new Set(input.webhookIds)];
  if (hookIds.length) {
    const found = await db
      .select({ id: alertWebhooks.id })
      .from(alertWebhooks)
      .where(and(eq(alertWebhooks.orgId, actor.orgId), inArray(alertWebhooks.id, hookIds)));
    if (found.length !== hookIds.length)
      throw fieldError('webhookIds', 'names a webhook this organisation does not have');
  }
  return db.transaction(async (tx) => {
    const values = {
      monitorId,
      orgId: actor.orgId,
      sensitivity: input.sensitivity,
      emailRecipients: emails,
      webhookIds: hookIds,
      ...(emailOn && { emailOn }),
      ...(webhookOn && { webhookOn }),
      updatedAt: new Date(),
      updatedBy: actor.userId,
    };
    const [row] = await tx
      .insert(alertRules)
      .values(values)
      .onConflictDoUpdate({ target: alertRules.monitorId, set: values })
      .returning();
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'alerts.rule_updated',
      target: monitorId,
      details: {
        // The monitor's name, so the log reads well after it is renamed or deleted.
        monitor: monitor.name,
        sensitivity: input.sensitivity,
        recipients: emails.length,
        webhooks: hookIds.length,
        emailOn: row!.emailOn.join(', '),
        webhookOn: row!.webhookOn.join(', '),
      },
    });
    return ruleView(monitorId, row);
  });
}

function webhookView(w: typeof alertWebhooks.$inferSelect) {
  return { id: w.id, name: w.name, url: w.url, active: w.active, createdAt: w.createdAt.toISOString() };
}

export async function listWebhooks(db: DbOrTx, orgId: string) {
  const rows = await db
    .select()
    .from(alertWebhooks)
    .where(eq(alertWebhooks.orgId, orgId))
    .orderBy(alertWebhooks.createdAt);
  return rows.map(webhookView);
}

async function webhookOf(db: DbOrTx, orgId: string, id: string) {
  const [w] = await db
    .select()
    .from(alertWebhooks)
    .where(and(eq(alertWebhooks.orgId, orgId), eq(alertWebhooks.id, id)));
  if (!w) throw new DomainError('not_found', 'webhook_not_found', 'webhookId: no such webhook');
  return w;
}

/** The SSRF guard of webhook addresses, at creation and on every change of the address. */
async function safeWebhookUrl(raw: string, urlPolicy: { allowPrivate?: boolean }): Promise<URL> {
  try {
    return (await checkUrl(raw, { allowPrivate: urlPolicy.allowPrivate ?? false })).url;
  } catch (err) {
    if (err instanceof UnsafeUrlError) throw fieldError('url', err.message, 'unsafe_url');
    throw err;
  }
}

const newSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;

export async function createWebhook(
  db: Db,
  actor: Actor,
  secretBox: SecretBox,
  input: { name: string; url: string },
  urlPolicy: { allowPrivate?: boolean },
) {
  const url = await safeWebhookUrl(input.url, urlPolicy);
  const secret = newSecret();
  const id = crypto.randomUUID();
  return db.transaction(async (tx) => {
    const [w] = await tx
      .insert(alertWebhooks)
      .values({
        id,
        orgId: actor.orgId,
        name: input.name,
        url: url.href,
        secretSealed: secretBox.encrypt(secret, id),
        createdBy: actor.userId,
      })
      .returning();
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'alerts.webhook_created',
      target: id,
      details: { name: input.name, host: url.host },
    });
    return { ...webhookView(w!), secret };
  });
}

/**
 * Changes a webhook's name, address (guarded as at creation) or whether it is active. The secret stays: only
 * rotateWebhookSecret changes it. Deliveries still pending go to the new address on their next attempt.
 */
export async function updateWebhook(
  db: Db,
  actor: Actor,
  id: string,
  input: { name?: string | undefined; url?: string | undefined; active?: boolean | undefined },
  urlPolicy: { allowPrivate?: boolean },
) {
  const w = await webhookOf(db, actor.orgId, id);
  // The same address sent back (the edit form sends every field) needs no new DNS check.
  const url =
    input.url !== undefined && input.url !== w.url ? await safeWebhookUrl(input.url, urlPolicy) : undefined;
  const set = {
    ...(input.name !== undefined && input.name !== w.name && { name: input.name }),
    ...(url && url.href !== w.url && { url: url.href }),
    ...(input.active !== undefined && input.active !== w.active && { active: input.active }),
  };
  if (Object.keys(set).length === 0) return webhookView(w);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(alertWebhooks)
      .set(set)
      .where(and(eq(alertWebhooks.orgId, actor.orgId), eq(alertWebhooks.id, id)))
      .returning();
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'alerts.webhook_updated',
      target: id,
      details: {
        name: row!.name,
        ...(set.name !== undefined && { renamedFrom: w.name }),
        ...(set.url !== undefined && { host: new URL(set.url).host }),
        ...(set.active !== undefined && { active: set.active }),
      },
    });
    return webhookView(row!);
  });
}

/** A new signing secret, shown in this answer only; every delivery from now on is signed with it. */
export async function rotateWebhookSecret(db: Db, actor: Actor, secretBox: SecretBox, id: string) {
  const w = await webhookOf(db, actor.orgId, id);
  const secret = newSecret();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(alertWebhooks)
      .set({ secretSealed: secretBox.encrypt(secret, w.id) })
      .where(and(eq(alertWebhooks.orgId, actor.orgId), eq(alertWebhooks.id, id)))
      .returning();
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'alerts.webhook_secret_rotated',
      target: id,
      details: { name: w.name },
    });
    return { ...webhookView(row!), secret };
  });
}

export async function deleteWebhook(db: Db, actor: Actor, id: string) {
  const w = await webhookOf(db, actor.orgId, id);
  await db.transaction(async (tx) => {
    await tx.delete(alertWebhooks).where(eq(alertWebhooks.id, id));
    // Rules that named it stop naming it.
    await tx
      .update(alertRules)
      .set({ webhookIds: sql`array_remove(${alertRules.webhookIds}, ${id}::uuid)` })
      .where(and(eq(alertRules.orgId, actor.orgId), sql`${id}::uuid = any(${alertRules.webhookIds})`));
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'alerts.webhook_deleted',
      target: id,
      details: { name: w.name },
    });
  });
}

export async function testWebhook(db: Db, actor: Actor, id: string) {
  const w = await webhookOf(db, actor.orgId, id);
  return db.transaction(async (tx) => {
    const [d] = await tx
      .insert(webhookDeliveries)
      .values({
        orgId: actor.orgId,
        webhookId: w.id,
        event: 'webhook.test',
        body: webhookBody('webhook.test', { webhook: { id: w.id, name: w.name } }),
      })
      .returning();
    await enqueue(
      tx,
      WEBHOOK_DELIVERY_JOB,
      { deliveryId: d!.id },
      { orgId: actor.orgId, maxAttempts: WEBHOOK_MAX_ATTEMPTS },
    );
    return deliveryView(d!);
  });
}

function deliveryView(d: typeof webhookDeliveries.$inferSelect) {
  return {
    id: d.id,
    webhookId: d.webhookId,
    alertId: d.alertId,
    event: d.event,
    status: d.status,
    attempts: d.attempts,
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    createdAt: d.createdAt.toISOString(),
    lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
  };
}

export async function listDeliveries(db: DbOrTx, orgId: string, webhookId: string) {
  await webhookOf(db, orgId, webhookId);
  const rows = await db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.orgId, orgId), eq(webhookDeliveries.webhookId, webhookId)))
    .orderBy(desc(webhookDeliveries.createdAt))
    .limit(100);
  return rows.map(deliveryView);
}
