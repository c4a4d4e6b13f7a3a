// The live stream over a real socket: GET /api/listening/events is server-sent events for the session's
// organisation only. A storm opened by the ingest pipeline reaches a member of that organisation within a
// second, and a member of another organisation hears nothing; without Accept: text/event-stream it is refused.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../src/http/app.ts';
import { ingest } from '../../src/listening/pipeline.ts';
import { describeEachDb } from '../databases.ts';
import { Client, onboardAdmin, PASSWORD, testApp } from '../http.ts';

interface Stream {
  events: { event: string; data: Record<string, unknown> }[];
  close(): void;
}

async function openStream(base: string, client: Client): Promise<Stream> {
  const controller = new AbortController();
  const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const res = await fetch(`${base}/api/listening/events`, {
    headers: { cookie, accept: 'text/event-stream' },
    signal: controller.signal,
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const events: Stream['events'] = [];
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let cut = buffer.indexOf('\n\n');
        while (cut >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data) });
          cut = buffer.indexOf('\n\n');
        }
      }
    } catch {
      // aborted
    }
  })();
  return { events, close: () => controller.abort() };
}

describeEachDb('storm events over SSE', (get) => {
  let app: App;
  let base = '';
  let a: Client;
  let b: Client;
  let orgA = '';

  beforeAll(async () => {
    app = await testApp(get());
    base = await app.listen({ port: 0, host: '127.0.0.1' });
    ({ admin: a, orgId: orgA } = await onboardAdmin(app));
    const created = await a.post<{ org: { id: string } }>('/api/orgs', { name: 'Annen organisasjon' });
    expect(created.status).toBe(201);
    // The same person in a second session, switched to organisation B.
    b = new Client(app);
    await b.post('/api/auth/login', { email: 'ingrid@example.no', password: PASSWORD });
    expect((await b.put('/api/session/org', { orgId: created.body.org.id })).status).toBe(200);
    expect((await a.put('/api/session/org', { orgId: orgA })).status).toBe(200);
  });

  afterAll(async () => app?.close());

  it('refuses a plain GET, and streams a new storm to its organisation only', async () => {
    const plain = await a.get<{ error: string }>('/api/listening/events');
    expect(plain.status).toBe(400);
    const monitor = await a.post<{ id: string }>('/api/monitors', {
      name: 'Direktøren',
      query: 'nettnøytralitet',
    });
    expect(monitor.status).toBe(201);
    await a.put(`/api/monitors/${monitor.body.id}/alert-rule`, {
      sensitivity: 'high',
      emailRecipients: [],
      webhookIds: [],
    });
    const streamA = await openStream(base, a);
    const streamB = await openStream(base, b);
    try {
      const now = Date.now();
      const posts = Array.from({ length: 12 }, (_, i) => ({
        id: `live-${i}`,
        source: 'bluesky' as const,
        text: `Direktøren er arrogant om nettnøytralitet, helt forferdelig (${i})`,
        author: `borger${i}`,
        publishedAt: new Date(now - (12 - i) * 10_000),
      }));
      const started = Date.now();
      await ingest(get().db, orgA, posts);
      const deadline = Date.now() + 5_000;
      while (!streamA.events.some((e) => e.event === 'storm.opened') && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      const opened = streamA.events.find((e) => e.event === 'storm.opened');
      expect(opened, JSON.stringify(streamA.events)).toBeDefined();
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(opened!.data).toMatchObject({
        monitorName: 'Direktøren',
        monitorId: monitor.body.id,
        status: 'open',
      });
      expect(opened!.data.alertId).toEqual(expect.any(String));
      await new Promise((r) => setTimeout(r, 3_500)); // past one poll of the stream
      expect(streamB.events.filter((e) => e.event.startsWith('storm.'))).toEqual([]);
      expect(streamA.events.filter((e) => e.event === 'storm.opened')).toHaveLength(1);
    } finally {
      streamA.close();
      streamB.close();
    }
  });
});
