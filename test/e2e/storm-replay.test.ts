// The storm replay on PGlite and PostgreSQL: ten quiet days about an IT company and its CEO, then a burst of
// negative posts about his net-neutrality remark (Norwegian and English), fed tick by tick through the REAL
// ingest pipeline on an injected clock. Exactly one alert fires, in the burst's first minutes and never on the
// baseline; the storm closes after quiet. Delivery runs on the real job queue: the email reaches a real SMTP
// server once, the webhook receiver gets a correctly signed body, a failing receiver is retried until it takes
// it, and the delivery log says so over HTTP. Alert rules, webhooks and the SSRF guard are tested over HTTP too.
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../../src/db/connect.ts';
import type { App } from '../../src/http/app.ts';
import { Worker } from '../../src/jobs/worker.ts';
import { alertJobs } from '../../src/listening/alerts/jobs.ts';
import { verify } from '../../src/listening/alerts/payload.ts';
import { MailSink, WebhookReceiver } from '../../src/listening/alerts/test-support.ts';
import { ingest } from '../../src/listening/pipeline.ts';
import { generateSurge, SURGE_QUERY } from '../../src/listening/storms/surge.ts';
import { SecretBox } from '../../src/security/secret-box.ts';
import { exportOrg, importOrg } from '../../src/team/transfer.ts';
import { describeEachDb, freshDatabase } from '../databases.ts';
import { Client, onboardAdmin, PASSWORD, testApp } from '../http.ts';

const MINUTE = 60_000;

interface Alert {
  id: string;
  monitorName: string;
  count: number;
  expected: number;
  negativeShare: number;
  reasons: { kind: string }[];
  topPosts: { text: string; author: string | null; sentiment: string }[];
  createdAt: string;
  emailStatus: string;
  storm: { status: string; closedAt: string | null; peakCount: number } | null;
  deliveries?: { webhookName: string; status: string; attempts: number; lastStatusCode: number | null }[];
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describeEachDb('storm replay through the real pipeline', (get) => {
  let app: App;
  let admin: Client;
  let orgId: string;
  let worker: Worker;
  const mail = new MailSink();
  const hooks = new WebhookReceiver();
  let monitorId: string;
  let goodSecret = '';
  let goodId = '';
  let flakyId = '';

  beforeAll(async () => {
    await Promise.all([mail.start(), hooks.start()]);
    app = await testApp(get(), { allowPrivateNetworks: true });
    ({ admin, orgId } = await onboardAdmin(app));
    const monitor = await admin.post<{ id: string }>('/api/monitors', {
      name: 'Henrik Dahl og Fjellnett',
      query: SURGE_QUERY,
    });
    expect(monitor.status).toBe(201);
    monitorId = monitor.body.id;
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
  }, 120_000);

  afterAll(async () => {
    await worker?.stop({ graceMs: 2_000 });
    await app?.close();
    await Promise.all([mail.stop(), hooks.stop()]);
  });

  it('webhooks: a one-time secret, sealed at rest; private addresses refused unless the instance allows them', async () => {
    const good = await admin.post<{ id: string; secret: string; url: string }>('/api/alert-webhooks', {
      name: 'Kommunikasjonsvakt',
      url: `${hooks.url}/good`,
    });
    expect(good.status).toBe(201);
    expect(good.body.secret).toMatch(/^whsec_/);
    goodSecret = good.body.secret;
    goodId = good.body.id;
    const flaky = await admin.post<{ id: string }>('/api/alert-webhooks', {
      name: 'Ustabil',
      url: `${hooks.url}/flaky`,
    });
    flakyId = flaky.body.id;
    const list = await admin.get<{ webhooks: Record<string, unknown>[] }>('/api/alert-webhooks');
    expect(list.body.webhooks).toHaveLength(2);
    expect(JSON.stringify(list.body)).not.toContain(goodSecret);
    const [stored] = await queryRows<{ secret_sealed: string }>(
      get().db,
      sql`select secret_sealed from alert_webhooks where id = ${goodId}`,
    );
    expect(stored!.secret_sealed).not.toContain(goodSecret.slice(6));

    const strict = await testApp(get());
    try {
      const other = new Client(strict);
      expect(
        (await other.post('/api/auth/login', { email: 'ingrid@example.no', password: PASSWORD })).status,
      ).toBe(200);
      const refused = await other.post<{ error: string; message: string }>('/api/alert-webhooks', {
        name: 'Loopback',
        url: `${hooks.url}/x`,
      });
      expect(refused.status).toBe(400);
      expect(refused.body.message).toMatch(/^url: /);
    } finally {
      await strict.close();
    }
  });

  it('alert rule per monitor: recipients, webhooks of this organisation only, sensitivity', async () => {
    const bad = await admin.put(`/api/monitors/${monitorId}/alert-rule`, {
      sensitivity: 'normal',
      emailRecipients: ['not-an-email'],
      webhookIds: [],
    });
    expect(bad.status).toBe(400);
    const foreign = await admin.put<{ message: string }>(`/api/monitors/${monitorId}/alert-rule`, {
      sensitivity: 'normal',
      emailRecipients: [],
      webhookIds: ['11111111-1111-4111-8111-111111111111'],
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.message).toMatch(/^webhookIds: /);
    const ok = await admin.put<{ emailRecipients: string[]; webhookIds: string[] }>(
      `/api/monitors/${monitorId}/alert-rule`,
      {
        sensitivity: 'normal',
        emailRecipients: ['Kommunikasjon@Fjellnett.no'],
        webhookIds: [goodId, flakyId],
      },
    );
    expect(ok.status).toBe(200);
    expect(ok.body.emailRecipients).toEqual(['kommunikasjon@fjellnett.no']);
    expect((await admin.get(`/api/monitors/${monitorId}/alert-rule`)).body).toMatchObject({
      sensitivity: 'normal',
    });
  });

  it('replay: no alert on ten quiet days, exactly one in the burst’s first minutes, closed after quiet', async () => {
    hooks.failures.set('/flaky', [500, 503]);
    const { ticks, burstStart } = generateSurge({
      start: new Date('2026-02-20T00:00:00Z'),
      baselineDays: 10,
    });
    const alertsAt = async () =>
      (
        await queryRows<{ n: number }>(
          get().db,
          sql`select count(*)::int as n from storm_alerts where org_id = ${orgId}`,
        )
      )[0]!.n;
    let stored = 0;
    let firstAlertTick: Date | null = null;
    for (const tick of ticks) {
      if (tick.posts.length) stored += (await ingest(get().db, orgId, tick.posts, { now: tick.now })).stored;
      if (tick.phase === 'baseline' && tick.now.getTime() === burstStart.getTime())
        expect(await alertsAt(), 'no alert during the quiet baseline').toBe(0);
      if (!firstAlertTick && tick.phase !== 'baseline' && (await alertsAt()) > 0) firstAlertTick = tick.now;
    }
    expect(stored).toBeGreaterThan(400);
    expect(firstAlertTick, 'an alert fired').not.toBeNull();
    expect(firstAlertTick!.getTime() - burstStart.getTime()).toBeLessThanOrEqual(5 * MINUTE);
    expect(await alertsAt()).toBe(1);

    const list = await admin.get<{ alerts: Alert[] }>('/api/alerts');
    expect(list.body.alerts).toHaveLength(1);
    const alert = list.body.alerts[0]!;
    expect(alert.monitorName).toBe('Henrik Dahl og Fjellnett');
    expect(new Date(alert.createdAt).getTime()).toBe(firstAlertTick!.getTime());
    expect(alert.count).toBeGreaterThanOrEqual(10);
    expect(alert.count / alert.expected).toBeGreaterThanOrEqual(3);
    expect(alert.reasons.map((r) => r.kind)).toEqual(expect.arrayContaining(['volume', 'negative']));
    expect(alert.negativeShare).toBeGreaterThan(0.5);
    expect(alert.topPosts.length).toBeGreaterThan(0);
    expect(alert.topPosts[0]!.sentiment).toBe('negative');
    // The storm grew after the alert and closed after an hour of quiet.
    expect(alert.storm!.status).toBe('closed');
    expect(alert.storm!.peakCount).toBeGreaterThan(alert.count);
    const storms = await admin.get<{ storms: { status: string }[] }>(`/api/monitors/${monitorId}/storms`);
    expect(storms.body.storms).toHaveLength(1);

    // Delivery on the real queue.
    worker.start();
    await until('the email arrives', () => mail.messages.length >= 1);
    await until('the good webhook is called', () => hooks.on('/good').length >= 1);
    await until('the flaky webhook takes it on the third try', () => hooks.on('/flaky').length >= 3);
    await until('deliveries are logged as delivered', async () => {
      const d = await admin.get<Alert>(`/api/alerts/${alert.id}`);
      return (
        (d.body.deliveries ?? []).every((x) => x.status === 'delivered') && d.body.emailStatus === 'sent'
      );
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(mail.messages).toHaveLength(1);
    const message = mail.messages[0]!;
    expect(message.envelopeTo).toEqual(['kommunikasjon@fjellnett.no']);
    expect(message.subject).toContain('Henrik Dahl og Fjellnett');
    expect(message.text).toContain(String(alert.count));
    expect(message.text).toContain(`http://stemme.test/listen/alerts/${alert.id}`);

    expect(hooks.on('/good')).toHaveLength(1);
    const call = hooks.on('/good')[0]!;
    expect(call.headers['x-stemme-event']).toBe('storm.opened');
    expect(verify(goodSecret, call.body, call.headers['x-stemme-signature'] as string)).toBe(true);
    expect(verify(goodSecret, `${call.body} `, call.headers['x-stemme-signature'] as string)).toBe(false);
    const payload = JSON.parse(call.body);
    expect(payload.alert).toMatchObject({
      id: alert.id,
      monitor: { id: monitorId, name: 'Henrik Dahl og Fjellnett' },
    });
    const flaky = hooks.on('/flaky');
    expect(flaky).toHaveLength(3);
    expect(new Set(flaky.map((f) => f.body)).size).toBe(1);
    const detail = await admin.get<Alert>(`/api/alerts/${alert.id}`);
    expect(detail.body.deliveries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          webhookName: 'Ustabil',
          status: 'delivered',
          attempts: 3,
          lastStatusCode: 200,
        }),
        expect.objectContaining({ webhookName: 'Kommunikasjonsvakt', status: 'delivered', attempts: 1 }),
      ]),
    );
    const log = await admin.get<{ deliveries: { status: string; attempts: number }[] }>(
      `/api/alert-webhooks/${flakyId}/deliveries`,
    );
    expect(log.body.deliveries).toEqual([expect.objectContaining({ status: 'delivered', attempts: 3 })]);
  }, 240_000);

  it('test send: a signed webhook.test delivery lands in the log', async () => {
    const sent = await admin.post<{ id: string }>(`/api/alert-webhooks/${goodId}/test`, {});
    expect(sent.status).toBe(202);
    await until('the test delivery arrives', () =>
      hooks.on('/good').some((r) => r.headers['x-stemme-event'] === 'webhook.test'),
    );
    const call = hooks.on('/good').find((r) => r.headers['x-stemme-event'] === 'webhook.test')!;
    expect(verify(goodSecret, call.body, call.headers['x-stemme-signature'] as string)).toBe(true);
    await until('logged as delivered', async () => {
      const log = await admin.get<{ deliveries: { id: string; status: string }[] }>(
        `/api/alert-webhooks/${goodId}/deliveries`,
      );
      return log.body.deliveries.some((d) => d.id === sent.body.id && d.status === 'delivered');
    });
  });

  it('travels through org export and import: storms, alerts, rules, webhooks (still signing) and deliveries', async () => {
    const exported = await exportOrg(get().db, orgId);
    const other = await freshDatabase('pglite');
    try {
      await importOrg(other.db, JSON.parse(JSON.stringify(exported)));
      for (const t of ['storms', 'storm_alerts', 'alert_rules', 'alert_webhooks', 'webhook_deliveries']) {
        const [row] = await queryRows<{ n: number }>(
          other.db,
          sql`select count(*)::int as n from ${sql.raw(t)} where org_id = ${orgId}`,
        );
        expect(row!.n, t).toBe(exported.tables[t]?.length);
        expect(row!.n, t).toBeGreaterThan(0);
      }
      const [hook] = await queryRows<{ id: string; secret_sealed: string }>(
        other.db,
        sql`select id, secret_sealed from alert_webhooks where id = ${goodId}`,
      );
      expect(new SecretBox(Buffer.alloc(32, 1)).decrypt(hook!.secret_sealed, hook!.id)).toBe(goodSecret);
    } finally {
      await other.close();
    }
  });
});
