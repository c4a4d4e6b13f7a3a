// A storm's follow-ups through the real ingest pipeline on an injected clock, delivered by the real job queue to
// a real SMTP server and a real HTTP receiver, on PGlite and PostgreSQL. A rule that asks for everything gets the
// opening, one escalation when the 30-minute window doubles (two ingests racing over it still queue one), a
// throttled storm.updated, and on close a short "storm is over" email and storm.closed (retried after a failure),
// all signed and in the delivery log; a rule left at its default gets the opening only.

import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../../test/databases.ts';
import { type Client, onboardAdmin, testApp } from '../../../test/http.ts';
import { queryRows } from '../../db/connect.ts';
import type { App } from '../../http/app.ts';
import { Worker } from '../../jobs/worker.ts';
import { SecretBox } from '../../security/secret-box.ts';
import { ingest } from '../pipeline.ts';
import { closeQuietStorms } from '../storms/detect.ts';
import { storms } from '../storms/schema.ts';
import { QUIET_MS } from '../storms/score.ts';
import { followUpdate, UPDATE_WEBHOOK_EVERY_MS } from './follow-ups.ts';
import { alertJobs } from './jobs.ts';
import { verify } from './payload.ts';
import { MailSink, WebhookReceiver } from './test-support.ts';

const MINUTE = 60_000;

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface AlertDetail {
  id: string;
  escalations: number;
  emailStatus: string;
  notices: { kind: string; windowCount: number; previousCount: number | null; emailStatus: string }[];
  deliveries: { webhookName: string; status: string; attempts: number }[];
}

describeEachDb('storm follow-ups: escalation, updates and the end', (get) => {
  let app: App;
  let admin: Client;
  let orgId = '';
  let worker: Worker;
  const mail = new MailSink();
  const hooks = new WebhookReceiver();
  const secrets: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    await Promise.all([mail.start(), hooks.start()]);
    app = await testApp(get(), { allowPrivateNetworks: true });
    ({ admin, orgId } = await onboardAdmin(app));
    for (const [key, name, query] of [
      ['dahl', 'Henrik Dahl', '"Henrik Dahl"'],
      ['quiet', 'Fjellnett', '"Fjellnett"'],
    ] as const) {
      const m = await admin.post<{ id: string }>('/api/monitors', { name, query });
      expect(m.status).toBe(201);
      ids[key] = m.body.id;
    }
    for (const [key, path] of [
      ['all', '/all'],
      ['opening', '/opening'],
    ] as const) {
      const h = await admin.post<{ id: string; secret: string }>('/api/alert-webhooks', {
        name: key,
        url: `${hooks.url}${path}`,
      });
      expect(h.status).toBe(201);
      ids[key] = h.body.id;
      secrets[key] = h.body.secret;
    }
    worker = new Worker({
      database: get(),
      jobs: alertJobs({
        secretBox: new SecretBox(Buffer.alloc(32, 1)),
        mail: { smtpUrl: mail.url, from: 'Stemme <varsel@stemme.test>' },
        urlPolicy: { allowPrivate: true },
        webhookBackoffMs: 100,
        publicUrl: 'http://stemme.test',
      }),
      pollIntervalMs: 50,
      concurrency: 2,
      logger: pino({ level: 'silent' }),
    });
    worker.start();
  }, 120_000);

  afterAll(async () => {
    await worker?.stop({ graceMs: 2_000 });
    await app?.close();
    await Promise.all([mail.stop(), hooks.stop()]);
  });

  const posts = (who: string, prefix: string, at: Date, n: number) =>
    Array.from({ length: n }, (_, i) => ({
      id: `${prefix}-${i}`,
      source: 'bluesky' as const,
      text: `${who} er arrogant og helt uakseptabel, en skandale (${prefix} ${i})`,
      author: `borger ${prefix} ${i}`,
      publishedAt: new Date(at.getTime() - (n - i) * 3_000),
    }));
  const events = (path: string) => hooks.on(path).map((r) => String(r.headers['x-stemme-event']));

  it('rules say which events each channel gets, validated', async () => {
    const bad = await admin.put<{ message: string }>(`/api/monitors/${ids.dahl}/alert-rule`, {
      sensitivity: 'normal',
      emailRecipients: [],
      webhookIds: [],
      emailOn: ['opened', 'updated'],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/^emailOn\.1: must be among opened, escalated, closed/);
    const fresh = await admin.get<{ emailOn: string[]; webhookOn: string[] }>(
      `/api/monitors/${ids.quiet}/alert-rule`,
    );
    expect(fresh.body).toMatchObject({ emailOn: ['opened'], webhookOn: ['opened'] });
    const all = await admin.put<{ emailOn: string[]; webhookOn: string[] }>(
      `/api/monitors/${ids.dahl}/alert-rule`,
      {
        sensitivity: 'normal',
        emailRecipients: ['vakt@fjellnett.no'],
        webhookIds: [ids.all],
        emailOn: ['opened', 'escalated', 'closed', 'closed'],
        webhookOn: ['opened', 'updated', 'closed'],
      },
    );
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({
      emailOn: ['opened', 'escalated', 'closed'],
      webhookOn: ['opened', 'updated', 'closed'],
    });
    // Left out, the events stay as they were.
    const again = await admin.put<{ emailOn: string[] }>(`/api/monitors/${ids.dahl}/alert-rule`, {
      sensitivity: 'normal',
      emailRecipients: ['vakt@fjellnett.no'],
      webhookIds: [ids.all],
    });
    expect(again.body.emailOn).toEqual(['opened', 'escalated', 'closed']);
    const quiet = await admin.put(`/api/monitors/${ids.quiet}/alert-rule`, {
      sensitivity: 'normal',
      emailRecipients: ['leder@fjellnett.no'],
      webhookIds: [ids.opening],
    });
    expect(quiet.status).toBe(200);
  });

  it('opening, one escalation when the window doubles, a throttled update, then the end', async () => {
    const t0 = new Date('2026-03-02T09:00:00Z');
    const at = (min: number) => new Date(t0.getTime() + min * MINUTE);
    await ingest(get().db, orgId, posts('Henrik Dahl', 'a', at(0), 12), { now: at(0) });
    await ingest(get().db, orgId, posts('Fjellnett', 'q', at(0), 12), { now: at(0) });
    // Grows, but not yet twice the 12 of the alert: no follow-up.
    await ingest(get().db, orgId, posts('Henrik Dahl', 'b', at(3), 6), { now: at(3) });
    // Two ingests at once past 24: one escalation.
    const c = posts('Henrik Dahl', 'c', at(6), 14);
    await Promise.all([
      ingest(get().db, orgId, c.slice(0, 7), { now: at(6) }),
      ingest(get().db, orgId, c.slice(7), { now: at(6) }),
    ]);
    await ingest(get().db, orgId, posts('Henrik Dahl', 'd', at(8), 2), { now: at(8) });
    // Ten minutes after the escalation's update, the next one goes out (not escalated).
    const due = 6 + UPDATE_WEBHOOK_EVERY_MS / MINUTE;
    await ingest(get().db, orgId, posts('Henrik Dahl', 'e', at(due), 2), { now: at(due) });

    await until('opening, escalation and update reach the receiver', () => hooks.on('/all').length >= 3);
    await until(
      'two emails for Dahl',
      () => mail.messages.filter((m) => m.envelopeTo.includes('vakt@fjellnett.no')).length >= 2,
    );
    expect(events('/all')).toEqual(['storm.opened', 'storm.updated', 'storm.updated']);
    const [, escalation, update] = hooks.on('/all').map((r) => {
      expect(verify(secrets.all!, r.body, r.headers['x-stemme-signature'] as string)).toBe(true);
      return JSON.parse(r.body);
    });
    expect(escalation.storm).toMatchObject({ escalated: true, escalations: 1, status: 'open' });
    expect(escalation.storm.windowCount).toBeGreaterThanOrEqual(25);
    expect(escalation.storm.monitor).toEqual({ id: ids.dahl, name: 'Henrik Dahl' });
    expect(update.storm).toMatchObject({ escalated: false, escalations: 1 });
    const toDahl = mail.messages.filter((m) => m.envelopeTo.includes('vakt@fjellnett.no'));
    expect(toDahl.map((m) => m.subject)).toEqual([
      expect.stringMatching(/^Stormvarsel: Henrik Dahl \(12 omtaler/),
      expect.stringMatching(/^Stormen vokser: Henrik Dahl \((2[5-9]|3[0-2]) omtaler på 30 minutter\)$/),
    ]);
    expect(toDahl[1]!.text).toMatch(/opp fra 12 ved forrige varsel/);

    // The end: the sweep closes it after an hour of quiet; the receiver fails once and gets it on the retry.
    hooks.failures.set('/all', [503]);
    expect(await closeQuietStorms(get().db, new Date(at(due).getTime() + QUIET_MS))).toBe(2);
    await until('storm.closed delivered on the second try', () => hooks.on('/all').length >= 5);
    await until('the end is emailed', () =>
      mail.messages.some((m) => m.subject?.startsWith('Stormen er over: Henrik Dahl')),
    );
    const closed = hooks.on('/all').slice(3);
    expect(closed.map((r) => r.headers['x-stemme-event'])).toEqual(['storm.closed', 'storm.closed']);
    expect(closed[0]!.body).toBe(closed[1]!.body);
    expect(JSON.parse(closed[1]!.body).storm).toMatchObject({ status: 'closed', escalations: 1 });
    const over = mail.messages.find((m) => m.subject?.startsWith('Stormen er over'))!;
    expect(over.text).toMatch(/Stormen rundt «Henrik Dahl» er over/);
    expect(over.text).toMatch(/Toppen var 36 omtaler på 30 minutter, 36 omtaler i alt/);

    const list = await admin.get<{ alerts: { id: string; monitorId: string }[] }>('/api/alerts');
    const alertId = list.body.alerts.find((a) => a.monitorId === ids.dahl)!.id;
    expect(over.text).toContain(`http://stemme.test/listen/alerts/${alertId}`);
    await until('everything logged as sent and delivered', async () => {
      const d = (await admin.get<AlertDetail>(`/api/alerts/${alertId}`)).body;
      return (
        d.notices.every((n) => n.emailStatus === 'sent') &&
        d.deliveries.every((x) => x.status === 'delivered')
      );
    });
    const detail = (await admin.get<AlertDetail>(`/api/alerts/${alertId}`)).body;
    expect(detail.escalations).toBe(1);
    expect(detail.notices.map((n) => [n.kind, n.previousCount])).toEqual([
      ['escalated', 12],
      ['closed', null],
    ]);
    expect(detail.deliveries.map((d) => d.attempts)).toEqual([1, 1, 1, 2]);
    const log = await admin.get<{ deliveries: { event: string; status: string }[] }>(
      `/api/alert-webhooks/${ids.all}/deliveries`,
    );
    expect(log.body.deliveries.map((d) => d.event).sort()).toEqual([
      'storm.closed',
      'storm.opened',
      'storm.updated',
      'storm.updated',
    ]);

    // The rule left at its default: the opening only, by email and webhook.
    await new Promise((r) => setTimeout(r, 300));
    expect(events('/opening')).toEqual(['storm.opened']);
    expect(mail.messages.filter((m) => m.envelopeTo.includes('leder@fjellnett.no'))).toHaveLength(1);
    expect(mail.messages).toHaveLength(4);
  }, 120_000);

  it('two evaluations that read the storm before either wrote queue one escalation', async () => {
    const m = await admin.post<{ id: string }>('/api/monitors', { name: 'Race', query: '"Kappløp"' });
    const rule = {
      sensitivity: 'normal',
      emailRecipients: ['race@fjellnett.no'],
      webhookIds: [ids.all],
      emailOn: ['escalated'],
      webhookOn: ['updated'],
    } as const;
    expect((await admin.put(`/api/monitors/${m.body.id}/alert-rule`, rule)).status).toBe(200);
    const now = new Date('2026-03-09T09:00:00Z');
    await ingest(get().db, orgId, posts('Kappløp', 'r', now, 12), { now });
    const [storm] = await get().db.select().from(storms).where(sql`${storms.monitorId} = ${m.body.id}`);
    expect(storm!.notifiedCount).toBe(12);
    // Recipients, but the rule leaves the opening out: no email at the start, and the alert says why.
    const alerts = await admin.get<{ alerts: { emailStatus: string }[] }>(`/api/alerts?monitor=${m.body.id}`);
    expect(alerts.body.alerts.map((a) => a.emailStatus)).toEqual(['off']);
    const grown = { ...storm!, windowCount: 30 };
    const follow = () =>
      get().db.transaction((tx) =>
        followUpdate(
          tx,
          grown,
          storm!,
          {
            emailRecipients: [...rule.emailRecipients],
            webhookIds: [ids.all!],
            emailOn: ['escalated'],
            webhookOn: ['updated'],
          },
          { escalate: true, webhook: false },
          now,
        ),
      );
    const results = await Promise.all([follow(), follow()]);
    expect(results.map((r) => r.escalated).sort()).toEqual([false, true]);
    const [counts] = await queryRows<{ notices: number; deliveries: number; escalations: number }>(
      get().db,
      sql`select (select count(*)::int from storm_notices where storm_id = ${storm!.id}) as notices,
            (select count(*)::int from webhook_deliveries d join storm_alerts a on a.id = d.alert_id
              where a.storm_id = ${storm!.id}) as deliveries,
            (select escalations from storms where id = ${storm!.id}) as escalations`,
    );
    expect(counts).toEqual({ notices: 1, deliveries: 0, escalations: 1 });
  });
});
