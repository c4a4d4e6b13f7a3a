// Creating a monitor, switching it back on or changing what it asks for queues the Bluesky search backfill
// (in the same transaction as the change), but only when a Bluesky AppView is configured, the monitor listens
// to Bluesky and its query has terms to search for.
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../test/databases.ts';
import { type Client, onboardAdmin, testApp } from '../../test/http.ts';
import type { App } from '../http/app.ts';
import { jobs } from '../jobs/schema.ts';
import { BLUESKY_BACKFILL_JOB } from './sources/bluesky/job.ts';

const APPVIEW = 'STEMME_BLUESKY_APPVIEW_URL';
const saved = process.env[APPVIEW];

afterEach(() => {
  if (saved === undefined) delete process.env[APPVIEW];
  else process.env[APPVIEW] = saved;
});

describeEachDb('monitors queue the Bluesky search backfill', (get) => {
  let app: App;
  let admin: Client;
  let orgId: string;

  beforeAll(async () => {
    app = await testApp(get());
    ({ admin, orgId } = await onboardAdmin(app));
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  const queued = async (monitorId: string) =>
    (
      await get()
        .db.select({ payload: jobs.payload, orgId: jobs.orgId, state: jobs.state })
        .from(jobs)
        .where(and(eq(jobs.name, BLUESKY_BACKFILL_JOB), eq(jobs.uniqueKey, monitorId)))
    ).map((j) => ({ ...j, payload: j.payload as Record<string, unknown> }));

  const create = async (body: Record<string, unknown>) => {
    const res = await admin.post<{ id: string }>('/api/monitors', body);
    expect(res.status).toBe(201);
    return res.body.id;
  };

  it('queues nothing when no AppView is configured', async () => {
    delete process.env[APPVIEW];
    const id = await create({ name: 'Uten AppView', query: 'telenor OR telia' });
    expect(await queued(id)).toEqual([]);
  });

  it('queues a 7-day backfill for a new monitor that listens to Bluesky', async () => {
    process.env[APPVIEW] = 'http://127.0.0.1:2584';
    const id = await create({ name: 'Telenor', query: 'telenor OR telia', sources: ['bluesky', 'rss'] });
    expect(await queued(id)).toEqual([
      { orgId, state: 'queued', payload: { orgId, monitorId: id, days: 7 } },
    ]);
  });

  it('queues nothing for a paused monitor, one not on Bluesky or one with nothing to search for', async () => {
    process.env[APPVIEW] = 'http://127.0.0.1:2584';
    const paused = await create({ name: 'Pause', query: 'fjellvind', active: false });
    const rssOnly = await create({ name: 'RSS', query: 'fjellvind', sources: ['rss'] });
    const fieldsOnly = await create({ name: 'Felt', query: 'lang:nb' });
    expect(await queued(paused)).toEqual([]);
    expect(await queued(rssOnly)).toEqual([]);
    expect(await queued(fieldsOnly)).toEqual([]);

    // Switched on: it missed what came in while paused. Added Bluesky as a source: the same.
    expect((await admin.patch(`/api/monitors/${paused}`, { active: true })).status).toBe(200);
    expect(await queued(paused)).toHaveLength(1);
    expect((await admin.patch(`/api/monitors/${rssOnly}`, { sources: ['rss', 'bluesky'] })).status).toBe(200);
    expect(await queued(rssOnly)).toHaveLength(1);
    // A rename alone asks for nothing new; while one backfill is queued no second one is.
    expect((await admin.patch(`/api/monitors/${paused}`, { name: 'Ikke pause' })).status).toBe(200);
    expect((await admin.patch(`/api/monitors/${rssOnly}`, { query: 'fjellvind OR fjordkraft' })).status).toBe(
      200,
    );
    expect(await queued(paused)).toHaveLength(1);
    expect(await queued(rssOnly)).toHaveLength(1);
  });

  it('queues again when the query changes after the earlier backfill finished', async () => {
    process.env[APPVIEW] = 'http://127.0.0.1:2584';
    const id = await create({ name: 'Endres', query: 'nettnøytralitet' });
    await get().db.update(jobs).set({ state: 'done' }).where(eq(jobs.uniqueKey, id));
    expect((await admin.patch(`/api/monitors/${id}`, { query: 'nettnøytralitet OR telenor' })).status).toBe(
      200,
    );
    const rows = await queued(id);
    expect(rows.map((r) => r.state).sort()).toEqual(['done', 'queued']);
  });
});
