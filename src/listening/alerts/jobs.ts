// Alert delivery on the job queue: the email (nodemailer over STEMME_SMTP_URL) and the follow-up emails
// (escalated, over), each webhook delivery (signed,
// SSRF-guarded, retried with backoff, every attempt written to the delivery log) and the sweep that closes
// storms gone quiet when no posts arrive at all.
import { eq } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { z } from 'zod';
import {
  defineJob,
  exponentialBackoff,
  type JobDefinition,
  PermanentJobError,
} from '../../jobs/definition.ts';
import type { SecretBox } from '../../security/secret-box.ts';
import { safeRequest, UnsafeUrlError } from '../../security/ssrf.ts';
import { orgs } from '../../team/schema.ts';
import { closeQuietStorms } from '../storms/detect.ts';
import { alertWebhooks, stormAlerts, stormNotices, storms, webhookDeliveries } from '../storms/schema.ts';
import { alertEmail } from './email.ts';
import {
  ALERT_EMAIL_JOB,
  EMAIL_MAX_ATTEMPTS,
  NOTICE_EMAIL_JOB,
  STORM_SWEEP_JOB,
  WEBHOOK_DELIVERY_JOB,
  WEBHOOK_MAX_ATTEMPTS,
} from './names.ts';
import { noticeEmail } from './notice-email.ts';
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, sign } from './payload.ts';

export interface MailSettings {
  /** smtp://user:pass@host:port (or smtps://); without it alerts are not emailed. */
  smtpUrl?: string | undefined;
  from?: string | undefined;
}

export interface AlertJobOptions {
  secretBox: SecretBox;
  mail?: MailSettings;
  urlPolicy?: { allowPrivate?: boolean };
  /** Base delay of webhook retries (doubling, with jitter); tests shorten it. */
  webhookBackoffMs?: number;
  /** Public URL of this instance, for links in emails. */
  publicUrl?: string | undefined;
  sweepEveryMs?: number;
  timeoutMs?: number;
}

const WEBHOOK_TIMEOUT_MS = 10_000;

export function alertJobs(opts: AlertJobOptions): JobDefinition<unknown>[] {
  const transport = opts.mail?.smtpUrl ? nodemailer.createTransport(opts.mail.smtpUrl) : null;
  const from = opts.mail?.from ?? 'Stemme <stemme@localhost>';

  const email = defineJob<{ alertId: string }>({
    name: ALERT_EMAIL_JOB,
    maxAttempts: EMAIL_MAX_ATTEMPTS,
    backoff: exponentialBackoff({ baseMs: 30_000 }),
    timeoutMs: 60_000,
    parse: (raw) => z.object({ alertId: z.uuid() }).parse(raw),
    async run({ alertId }, { db, attempt, maxAttempts, log }) {
      const [row] = await db
        .select({ alert: stormAlerts, locale: orgs.defaultLocale, timeZone: orgs.timeZone })
        .from(stormAlerts)
        .innerJoin(orgs, eq(orgs.id, stormAlerts.orgId))
        .where(eq(stormAlerts.id, alertId));
      if (!row) return;
      const { alert } = row;
      if (alert.emailStatus === 'sent' || alert.emailRecipients.length === 0) return;
      if (!transport) {
        await db
          .update(stormAlerts)
          .set({ emailStatus: 'unconfigured', emailError: 'STEMME_SMTP_URL is not set on this instance' })
          .where(eq(stormAlerts.id, alertId));
        return;
      }
      const message = alertEmail(alert, row.locale, row.timeZone, opts.publicUrl);
      try {
        await transport.sendMail({ from, to: alert.emailRecipients, ...message });
      } catch (err) {
        const text = err instanceof Error ? err.message : String(err);
        await db
          .update(stormAlerts)
          .set({ emailStatus: attempt >= maxAttempts ? 'failed' : 'pending', emailError: text.slice(0, 500) })
          .where(eq(stormAlerts.id, alertId));
        throw err;
      }
      await db
        .update(stormAlerts)
        .set({ emailStatus: 'sent', emailError: null })
        .where(eq(stormAlerts.id, alertId));
      log.info({ alertId, recipients: alert.emailRecipients.length }, 'alert email sent');
    },
  });

  const notice = defineJob<{ noticeId: string }>({
    name: NOTICE_EMAIL_JOB,
    maxAttempts: EMAIL_MAX_ATTEMPTS,
    backoff: exponentialBackoff({ baseMs: 30_000 }),
    timeoutMs: 60_000,
    parse: (raw) => z.object({ noticeId: z.uuid() }).parse(raw),
    async run({ noticeId }, { db, attempt, maxAttempts, log }) {
      const [row] = await db
        .select({
          notice: stormNotices,
          monitorName: stormAlerts.monitorName,
          openedAt: storms.openedAt,
          lastSurgeAt: storms.lastSurgeAt,
          locale: orgs.defaultLocale,
          timeZone: orgs.timeZone,
        })
        .from(stormNotices)
        .innerJoin(stormAlerts, eq(stormAlerts.id, stormNotices.alertId))
        .innerJoin(storms, eq(storms.id, stormNotices.stormId))
        .innerJoin(orgs, eq(orgs.id, stormNotices.orgId))
        .where(eq(stormNotices.id, noticeId));
      if (!row || row.notice.emailStatus === 'sent' || row.notice.emailRecipients.length === 0) return;
      const set = (values: { emailStatus: string; emailError: string | null }) =>
        db.update(stormNotices).set(values).where(eq(stormNotices.id, noticeId));
      if (!transport) {
        await set({ emailStatus: 'unconfigured', emailError: 'STEMME_SMTP_URL is not set on this instance' });
        return;
      }
      const message = noticeEmail(row.notice, row, row.locale, row.timeZone, opts.publicUrl);
      try {
        await transport.sendMail({ from, to: row.notice.emailRecipients, ...message });
      } catch (err) {
        const text = err instanceof Error ? err.message : String(err);
        await set({
          emailStatus: attempt >= maxAttempts ? 'failed' : 'pending',
          emailError: text.slice(0, 500),
        });
        throw err;
      }
      await set({ emailStatus: 'sent', emailError: null });
      log.info(
        { noticeId, kind: row.notice.kind, recipients: row.notice.emailRecipients.length },
        'storm notice sent',
      );
    },
  });

  const webhook = defineJob<{ deliveryId: string }>({
    name: WEBHOOK_DELIVERY_JOB,
    maxAttempts: WEBHOOK_MAX_ATTEMPTS,
    backoff: exponentialBackoff({ baseMs: opts.webhookBackoffMs ?? 15_000, maxMs: 30 * 60_000 }),
    timeoutMs: WEBHOOK_TIMEOUT_MS + 5_000,
    parse: (raw) => z.object({ deliveryId: z.uuid() }).parse(raw),
    async run({ deliveryId }, { db, attempt, maxAttempts, signal }) {
      const [row] = await db
        .select({ d: webhookDeliveries, hook: alertWebhooks })
        .from(webhookDeliveries)
        .innerJoin(alertWebhooks, eq(alertWebhooks.id, webhookDeliveries.webhookId))
        .where(eq(webhookDeliveries.id, deliveryId));
      if (!row || row.d.status === 'delivered') return;
      const secret = opts.secretBox.decrypt(row.hook.secretSealed, row.hook.id);
      const timestamp = Math.floor(Date.now() / 1000);
      const record = async (set: Partial<typeof webhookDeliveries.$inferInsert>) => {
        await db
          .update(webhookDeliveries)
          .set({ attempts: attempt, lastAttemptAt: new Date(), ...set })
          .where(eq(webhookDeliveries.id, deliveryId));
      };
      let status = 0;
      try {
        const res = await safeRequest(row.hook.url, {
          method: 'POST',
          body: row.d.body,
          headers: {
            'content-type': 'application/json',
            'user-agent': 'Stemme-Webhooks/1',
            [SIGNATURE_HEADER]: sign(secret, row.d.body, timestamp),
            [EVENT_HEADER]: row.d.event,
            [DELIVERY_HEADER]: row.d.id,
          },
          allowPrivate: opts.urlPolicy?.allowPrivate ?? false,
          maxRedirects: 0,
          signal: AbortSignal.any([signal, AbortSignal.timeout(WEBHOOK_TIMEOUT_MS)]),
        });
        status = res.status;
        res.body.resume();
      } catch (err) {
        const text = err instanceof Error ? err.message : String(err);
        const last = attempt >= maxAttempts || err instanceof UnsafeUrlError;
        await record({
          status: last ? 'failed' : 'pending',
          lastError: text.slice(0, 500),
          lastStatusCode: null,
        });
        if (err instanceof UnsafeUrlError) throw new PermanentJobError(text);
        throw err;
      }
      if (status >= 200 && status < 300) {
        await record({
          status: 'delivered',
          lastStatusCode: status,
          lastError: null,
          deliveredAt: new Date(),
        });
        return;
      }
      const last = attempt >= maxAttempts;
      await record({
        status: last ? 'failed' : 'pending',
        lastStatusCode: status,
        lastError: `the receiver answered HTTP ${status}`,
      });
      throw new Error(`webhook answered HTTP ${status}`);
    },
  });

  const sweep = defineJob<Record<string, never>>({
    name: STORM_SWEEP_JOB,
    every: opts.sweepEveryMs ?? 60_000,
    maxAttempts: 3,
    timeoutMs: 60_000,
    async run(_payload, { db, log }) {
      const closed = await closeQuietStorms(db);
      if (closed) log.info({ closed }, 'closed quiet storms');
    },
  });

  return [email, notice, webhook, sweep] as JobDefinition<unknown>[];
}
