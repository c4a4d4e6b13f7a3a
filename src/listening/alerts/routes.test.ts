// Webhooks edited and their secrets rotated over HTTP, on PGlite and PostgreSQL, with real deliveries to a real
// receiver: bad input and unsafe addresses are refused as at creation, an edit keeps the secret (a test send
// still verifies with it), a rotation shows the new secret once and signs with it from then on, both are
// audited without the secret, and another organisation can do neither. The live stream allows five open
// streams per person over a real socket; the sixth gets 429 with {error,message} until one closes.
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../../test/databases.ts';
import { addMember, Client, onboardAdmin, testApp } from '../../../test/http.ts';
import { queryRows } from '../../db/connect.ts';
import type { App } from '../../http/app.ts';
import { Worker } from '../../jobs/worker.ts';
import { SecretBox } from '../../security/secret-box.ts';
import { alertJobs } from './jobs.ts';
import { verify } from './payload.ts';
import { MAX_STREAMS_PER_USER } from './routes.ts';
import { WebhookReceiver } from './test-support.ts';

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface Hook {
  id: string;
  name: string;
  url: string;
  active: boolean;
}

describeEachDb('webhook edit, secret rotation and the live-stream cap', (get) => {
  let app: App;
  let strict: App;
  let admin: Client;
  let worker: Worker;
  const hooks = new WebhookReceiver();
  let hook: Hook & { secret: string };

  beforeAll(async () => {
    await hooks.start();
    app = await testApp(get(), { allowPrivateNetworks: true });
    strict = await testApp(get());
    ({ admin } = await onboardAdmin(app));
    const created = await admin.post<Hook & { secret: string }>('/api/alert-webhooks', {
      name: 'Vakt',
      url: `${hooks.url}/first`,
    });
    expect(created.status).toBe(201);
    hook = created.body;
    worker = new Worker({
      database: get(),
      jobs: alertJobs({
        secretBox: new SecretBox(Buffer.alloc(32, 1)),
        urlPolicy: { allowPrivate: true },
        webhookBackoffMs: 100,
      }),
      pollIntervalMs: 50,
      logger: pino({ level: 'silent' }),
    });
    worker.start();
  }, 120_000);

  afterAll(async () => {
    await worker?.stop({ graceMs: 2_000 });
    await app?.close();
    await strict?.close();
    await hooks.stop();
  });

  const sealed = async () =>
    (
      await queryRows<{ s: string }>(
        get().db,
        sql`select secret_sealed as s from alert_webhooks where id = ${hook.id}`,
      )
    )[0]!.s;

  /** A test send to the hook; resolves with what the receiver got at `path`. */
  async function testSend(path: string) {
    const before = hooks.on(path).length;
    expect((await admin.post(`/api/alert-webhooks/${hook.id}/test`, {})).status).toBe(202);
    await until(`a test delivery at ${path}`, () => hooks.on(path).length > before);
    const r = hooks.on(path).at(-1)!;
    return { body: r.body, signature: r.headers['x-stemme-signature'] as string };
  }

  it('refuses bad edits with a message naming the field', async () => {
    const cases: [unknown, RegExp][] = [
      [{}, /give name, url or active/],
      [{ name: '  ' }, /^name: is required/],
      [{ url: '' }, /^url: is required/],
      [{ active: 'yes' }, /^active: /],
      [{ name: 'X', secret: 'whsec_mine' }, /secret/],
      [{ url: 'ftp://example.no/hook' }, /^url: /],
    ];
    for (const [body, message] of cases) {
      const res = await admin.patch<{ error: string; message: string; details: unknown }>(
        `/api/alert-webhooks/${hook.id}`,
        body,
      );
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.message, JSON.stringify(body)).toMatch(message);
      expect(res.body.details).toBeDefined();
    }
    // The SSRF guard as at creation: a loopback address on an instance that does not allow private networks.
    const strictAdmin = new Client(strict);
    for (const [k, v] of admin.cookies) strictAdmin.cookies.set(k, v);
    const unsafe = await strictAdmin.patch<{ error: string; message: string }>(
      `/api/alert-webhooks/${hook.id}`,
      {
        url: 'http://127.0.0.1:9/hook',
      },
    );
    expect(unsafe.status).toBe(400);
    expect(unsafe.body).toMatchObject({ error: 'unsafe_url', message: expect.stringMatching(/^url: /) });
    const unchanged = await admin.get<{ webhooks: Hook[] }>('/api/alert-webhooks');
    expect(unchanged.body.webhooks[0]).toMatchObject({ name: 'Vakt', url: `${hooks.url}/first` });
  });

  it('an edit changes name, address and active, and keeps the secret', async () => {
    const before = await sealed();
    const res = await admin.patch<Hook & { secret?: string }>(`/api/alert-webhooks/${hook.id}`, {
      name: 'Kommunikasjonsvakt',
      url: `${hooks.url}/second`,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Kommunikasjonsvakt', url: `${hooks.url}/second`, active: true });
    expect(res.body.secret).toBeUndefined();
    expect(await sealed()).toBe(before);
    const sent = await testSend('/second');
    expect(verify(hook.secret, sent.body, sent.signature)).toBe(true);
    const paused = await admin.patch<Hook>(`/api/alert-webhooks/${hook.id}`, { active: false });
    expect(paused.body.active).toBe(false);
    const resumed = await admin.patch<Hook>(`/api/alert-webhooks/${hook.id}`, { active: true });
    expect(resumed.body.active).toBe(true);
  });

  it('rotating shows a new secret once and signs with it from then on', async () => {
    const res = await admin.post<Hook & { secret: string }>(
      `/api/alert-webhooks/${hook.id}/rotate-secret`,
      {},
    );
    expect(res.status).toBe(200);
    expect(res.body.secret).toMatch(/^whsec_/);
    expect(res.body.secret).not.toBe(hook.secret);
    const list = await admin.get('/api/alert-webhooks');
    expect(JSON.stringify(list.body)).not.toContain(res.body.secret);
    const sent = await testSend('/second');
    expect(verify(res.body.secret, sent.body, sent.signature)).toBe(true);
    expect(verify(hook.secret, sent.body, sent.signature)).toBe(false);
    const audit = await admin.get<{ entries: { action: string; details: unknown }[] }>('/api/audit?limit=20');
    const actions = audit.body.entries.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['alerts.webhook_updated', 'alerts.webhook_secret_rotated']),
    );
    expect(JSON.stringify(audit.body)).not.toContain(res.body.secret.slice(6));
    hook.secret = res.body.secret;
  });

  it('another organisation can neither edit nor rotate; a viewer may not either', async () => {
    const { client: viewer } = await addMember(app, admin, 'viewer', 'viewer@fjellnett.no');
    expect((await viewer.patch(`/api/alert-webhooks/${hook.id}`, { name: 'Viewer' })).status).toBe(403);
    const { client: other } = await addMember(app, admin, 'viewer', 'sjef@annet.no');
    expect((await other.post('/api/orgs', { name: 'Annet AS' })).status).toBe(201);
    const edit = await other.patch<{ error: string }>(`/api/alert-webhooks/${hook.id}`, { name: 'Stolen' });
    expect(edit.status).toBe(404);
    const rotate = await other.post<{ secret?: string }>(`/api/alert-webhooks/${hook.id}/rotate-secret`, {});
    expect(rotate.status).toBe(404);
    expect(rotate.body.secret).toBeUndefined();
    const sent = await testSend('/second');
    expect(verify(hook.secret, sent.body, sent.signature)).toBe(true);
    const list = await admin.get<{ webhooks: Hook[] }>('/api/alert-webhooks');
    expect(list.body.webhooks[0]!.name).toBe('Kommunikasjonsvakt');
  });

  it(`the live stream: at most ${MAX_STREAMS_PER_USER} open per person, the next refused with 429`, async () => {
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const cookieOf = (c: Client) => [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const open = async (c: Client) => {
      const controller = new AbortController();
      const res = await fetch(`${base}/api/listening/events`, {
        headers: { cookie: cookieOf(c), accept: 'text/event-stream' },
        signal: controller.signal,
      });
      return { res, close: () => controller.abort() };
    };
    const streams = [];
    for (let i = 0; i < MAX_STREAMS_PER_USER; i++) {
      const s = await open(admin);
      expect(s.res.status).toBe(200);
      streams.push(s);
    }
    const refused = await open(admin);
    expect(refused.res.status).toBe(429);
    expect(refused.res.headers.get('content-type')).toContain('application/json');
    const body = (await refused.res.json()) as { error: string; message: string; details: { limit: number } };
    expect(body).toMatchObject({ error: 'too_many_streams', details: { limit: MAX_STREAMS_PER_USER } });
    expect(body.message).toMatch(/at most 5/);
    // Somebody else is not affected.
    const { client: editor } = await addMember(app, admin, 'editor', 'editor@fjellnett.no');
    const theirs = await open(editor);
    expect(theirs.res.status).toBe(200);
    theirs.close();
    // Closing one frees its place once the server sees the socket close.
    streams.pop()!.close();
    let again: Awaited<ReturnType<typeof open>> | undefined;
    await until('a freed place', async () => {
      again = await open(admin);
      if (again.res.status === 200) return true;
      await again.res.body?.cancel();
      return false;
    });
    streams.push(again!);
    for (const s of streams) s.close();
  });
});
