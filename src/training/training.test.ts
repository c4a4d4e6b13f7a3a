// Drill runs over real HTTP on PGlite and PostgreSQL: the audience appears in the sandbox network as drill
// time passes (an injected clock, no sleeps), replies are published, timed, checked and deletable, the run
// survives a restart, and the debrief tells what happened. Also: team drills by import, free practice, privacy.
import { and, eq, isNull, like } from 'drizzle-orm';
import pino from 'pino';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDb, freshDatabase } from '../../test/databases.ts';
import { addMember, Client, onboardAdmin } from '../../test/http.ts';
import type { Database } from '../db/connect.ts';
import { type App, buildApp } from '../http/app.ts';
import { sandboxAccounts, sandboxPosts } from '../networks/sandbox/schema.ts';
import { SecretBox } from '../security/secret-box.ts';
import { createSession } from '../team/auth.ts';
import { exportOrg, importOrg } from '../team/transfer.ts';
import type { Debrief } from './debrief.ts';
import { builtInDrills } from './drills.ts';
import { testClockEnabled } from './routes.ts';
import { trainingEvents } from './schema.ts';

interface TimelineItem {
  id: string;
  kind: string;
  author: string;
  name: string;
  persona: string | null;
  atMs: number;
  text: string;
  replyToEventId: string | null;
  quoteOfEventId: string | null;
  sandboxPostId: string | null;
  responseMs: number | null;
  deleted: boolean;
}
interface RunBody {
  id: string;
  title: string;
  elapsedMs: number;
  timeline: TimelineItem[];
  debrief: Debrief | null;
  score: number | null;
  finishedAt: string | null;
}

/** A settable clock shared by every app built on it. */
class TestClock {
  t = Date.parse('2026-03-02T09:00:00Z');
  now = () => new Date(this.t);
  advance(seconds: number) {
    this.t += seconds * 1000;
  }
}

async function appWithClock(database: Database, clock: TestClock, key = Buffer.alloc(32, 1)): Promise<App> {
  const app = await buildApp({
    database,
    config: { secureCookies: false, publicUrl: 'http://stemme.test', trustProxy: false },
    secretBox: new SecretBox(key),
    logger: pino({ level: 'silent' }),
    now: clock.now,
  });
  await app.ready();
  return app;
}

/** The same cookies against another app instance (a restarted server on the same database). */
function sameUser(app: App, client: Client): Client {
  const c = new Client(app);
  for (const [k, v] of client.cookies) c.cookies.set(k, v);
  return c;
}

describeEachDb('training drills over HTTP', (get) => {
  const clock = new TestClock();
  let app: App;
  let admin: Client;
  let viewer: Client;
  let viewerId: string;
  let orgId: string;

  beforeAll(async () => {
    app = await appWithClock(get(), clock);
    ({ admin, orgId } = await onboardAdmin(app));
    ({ client: viewer, userId: viewerId } = await addMember(app, admin, 'viewer', 'vera@example.no'));
    // An out-of-bounds topic gives the guideline checker something to find.
    const plans = await admin.get<{ plans: { id: string; personUserId: string | null }[] }>(
      '/api/strategy/plans',
    );
    const plan = plans.body.plans.find((p) => p.personUserId === null)!;
    const topic = await admin.post(`/api/strategy/plans/${plan.id}/topics`, {
      stance: 'out',
      name: 'Competitors',
      examples: ['Telenor'],
    });
    expect(topic.status).toBe(201);
  });

  it('every member sees the drills with their length, in their language', async () => {
    const res = await viewer.get<{
      drills: { slug: string; title: string; durationSeconds: number; source: string }[];
    }>('/api/training/drills?locale=nb');
    expect(res.status).toBe(200);
    const complaint = res.body.drills.find((d) => d.slug === 'customer-complaint')!;
    expect(complaint).toMatchObject({ title: 'En kundeklage som eskalerer', source: 'builtin' });
    expect(complaint.durationSeconds).toBe(160 + 45);
  });

  it('a viewer runs "a customer complaint that escalates": post, reply, delete, reply again, finish, debrief', async () => {
    const db = get().db;
    const start = await viewer.post<RunBody>('/api/training/runs', {
      drill: 'customer-complaint',
      locale: 'en',
    });
    expect(start.status).toBe(201);
    const runId = start.body.id;
    expect(start.body.timeline.map((i) => i.author)).toEqual(['marte_k']);
    const complaint = start.body.timeline[0]!;
    // The audience post is a real row in the org's sandbox network, from the simulated member's account.
    const [row] = await db
      .select({ text: sandboxPosts.text, handle: sandboxAccounts.handle })
      .from(sandboxPosts)
      .innerJoin(sandboxAccounts, eq(sandboxAccounts.id, sandboxPosts.accountId))
      .where(eq(sandboxPosts.id, complaint.sandboxPostId!));
    expect(row).toMatchObject({ handle: 'sim.marte_k', text: expect.stringContaining('Day three') });

    // Before sending: the check shows the guideline hit and the tone.
    const check = await viewer.post<{ guidelineHits: { kind: string; match: string }[]; expected: string[] }>(
      `/api/training/runs/${runId}/check`,
      { text: 'Calm down, Telenor is worse.' },
    );
    expect(check.status).toBe(200);
    expect(check.body.guidelineHits[0]).toMatchObject({ kind: 'out_of_bounds_topic', match: 'Telenor' });

    clock.advance(8);
    const wrong = await viewer.post<{ reply: { id: string; responseMs: number; sandboxPostId: string } }>(
      `/api/training/runs/${runId}/replies`,
      { to: complaint.id, text: 'Calm down, Telenor is worse.' },
    );
    expect(wrong.status).toBe(201);
    expect(wrong.body.reply.responseMs).toBe(8000);
    const [published] = await db
      .select()
      .from(sandboxPosts)
      .where(eq(sandboxPosts.id, wrong.body.reply.sandboxPostId));
    expect(published).toMatchObject({
      replyTo: complaint.sandboxPostId,
      text: 'Calm down, Telenor is worse.',
      deletedAt: null,
    });

    clock.advance(4);
    const del = await viewer.delete<{ deletedAtMs: number }>(
      `/api/training/runs/${runId}/replies/${wrong.body.reply.id}`,
    );
    expect(del.status).toBe(200);
    expect(del.body.deletedAtMs).toBe(12_000);
    const [gone] = await db
      .select()
      .from(sandboxPosts)
      .where(eq(sandboxPosts.id, wrong.body.reply.sandboxPostId));
    expect(gone!.deletedAt).not.toBeNull();

    // The deleted reply does not count as an answer: at 30 s Marte gets louder.
    clock.advance(18);
    const at30 = await viewer.get<RunBody>(`/api/training/runs/${runId}`);
    expect(at30.body.timeline.map((i) => [i.author, i.deleted])).toEqual([
      ['marte_k', false],
      [expect.stringMatching(/^trainee\./), true],
      ['marte_k', false],
    ]);
    const louder = at30.body.timeline[2]!;
    expect(louder.replyToEventId).toBe(complaint.id);

    clock.advance(5);
    const good = await viewer.post<{
      reply: { id: string; responseMs: number; check: { expected: string[] } };
    }>(`/api/training/runs/${runId}/replies`, {
      to: louder.id,
      text: 'We are so sorry, Marte. A cable fault; it will be fixed tomorrow at 12:00 and you get compensation. Send us your customer number in a direct message.',
    });
    expect(good.status).toBe(201);
    expect(good.body.reply.responseMs).toBe(5000);
    expect(good.body.reply.check.expected.sort()).toEqual(['apology', 'compensation', 'private', 'when']);

    // Two polls at once after the script has played out: every beat exactly once.
    clock.advance(200);
    const [p1, p2] = await Promise.all([
      viewer.get<RunBody>(`/api/training/runs/${runId}`),
      viewer.get<RunBody>(`/api/training/runs/${runId}`),
    ]);
    expect(p1.status).toBe(200);
    expect(p2.status).toBe(200);
    const events = await db.select().from(trainingEvents).where(eq(trainingEvents.runId, runId));
    const beats = events.filter((e) => e.kind === 'audience').map((e) => e.beatId);
    expect(new Set(beats).size).toBe(beats.length);
    expect(beats.length).toBe(builtInDrills().get('customer-complaint')!.beats.length);
    const audiencePosts = await db
      .select({ id: sandboxPosts.id })
      .from(sandboxPosts)
      .where(and(eq(sandboxPosts.orgId, orgId), like(sandboxPosts.idempotencyKey, `training:${runId}:%`)));
    expect(audiencePosts.length).toBe(events.filter((e) => e.kind === 'audience' && !e.skipped).length);
    // "when" answered with compensation? No: the good reply answered "louder", so "when" went unanswered → angrier.
    const final = p1.body.timeline.map((i) => i.text);
    expect(final.some((t) => t.startsWith('So I pay full price'))).toBe(true);
    expect(final.some((t) => t.startsWith('OK, thanks for the update'))).toBe(false);

    const fin = await viewer.post<RunBody>(`/api/training/runs/${runId}/finish`);
    expect(fin.status).toBe(200);
    const d = fin.body.debrief!;
    expect(fin.body.score).toBe(d.score);
    expect(d.deletedReplies.map((r) => r.text)).toEqual(['Calm down, Telenor is worse.']);
    expect(d.deletedReplies[0]!.check!.guidelineHits[0]!.match).toBe('Telenor');
    expect(d.deletedReplies[0]!.check!.forbidden.map((f) => f.id)).toEqual(['calm-down']);
    const complaintBeat = d.beats.find((b) => b.beatId === 'complaint')!;
    expect(complaintBeat.answers.map((a) => [a.responseMs, a.deleted])).toEqual([[8000, true]]);
    expect(d.beats.find((b) => b.beatId === 'calmer')!.skipped).toBe(true);
    const codes = d.reasons.map((r) => r.code);
    expect(codes).toContain('unanswered'); // Jonas, the press and "when"
    expect(codes).toContain('deleted');
    expect(codes).not.toContain('forbidden_used'); // the forbidden words were deleted in time
    expect(d.medianResponseMs).toBe(5000);
    expect(d.score).toBe(100 + d.reasons.reduce((s, r) => s + r.points, 0));

    // Finished is finished: no more replies; the debrief stays as it was.
    const late = await viewer.post(`/api/training/runs/${runId}/replies`, { to: louder.id, text: 'Hello?' });
    expect(late.status).toBe(409);
    clock.advance(600);
    const again = await viewer.get<RunBody>(`/api/training/runs/${runId}`);
    expect(again.body.debrief!.elapsedMs).toBe(d.elapsedMs);
  });

  it('a run carries on after a restart: a new server on the same database posts the beats it missed', async () => {
    const start = await viewer.post<RunBody>('/api/training/runs', {
      drill: 'net-neutrality-storm',
      locale: 'de',
    });
    const runId = start.body.id;
    expect(start.body.timeline[0]!.text).toContain('Netzneutralität');
    await app.close();
    clock.advance(50);
    app = await appWithClock(get(), clock);
    viewer = sameUser(app, viewer);
    admin = sameUser(app, admin);
    const after = await viewer.get<RunBody>(`/api/training/runs/${runId}`);
    expect(after.status).toBe(200);
    expect(after.body.timeline.map((i) => i.author)).toEqual([
      'lina_studerer',
      'aapent_nett',
      'tek_journalist',
    ]);
    // The storm reads as a storm: the audience's mood, scored by the listening sentiment model, is negative.
    const mood = (after.body as unknown as { mood: { score: number }[] }).mood;
    expect(mood).toHaveLength(3);
    expect(mood.every((m) => m.score <= 0)).toBe(true);
    expect(mood.reduce((a, m) => a + m.score, 0) / mood.length).toBeLessThan(-0.2);
    const quote = after.body.timeline[1]!;
    expect(quote.quoteOfEventId).toBe(after.body.timeline[0]!.id);
    // Replies still go out through the run's sandbox account after the restart.
    const r = await viewer.post(`/api/training/runs/${runId}/replies`, {
      to: after.body.timeline[2]!.id,
      text: 'Danke für die berechtigte Frage. Unsere Position: Wir unterstützen die Netzneutralität. Henrik Aas meldet sich heute.',
    });
    expect(r.status).toBe(201);
  });

  it('runs are private to the trainee: another member of the organisation gets 404', async () => {
    const start = await viewer.post<RunBody>('/api/training/runs', {
      drill: 'ambassador-praise',
      locale: 'da',
    });
    const runId = start.body.id;
    expect((await admin.get(`/api/training/runs/${runId}`)).status).toBe(404);
    expect((await admin.post(`/api/training/runs/${runId}/finish`)).status).toBe(404);
    const runs = await viewer.get<{ runs: { id: string }[] }>('/api/training/runs');
    expect(runs.body.runs.map((r) => r.id)).toContain(runId);
    expect((await admin.get<{ runs: unknown[] }>('/api/training/runs')).body.runs).toEqual([]);
  });

  it('teams add their own drill as JSON: errors name the file and field; viewers may run but not add', async () => {
    const mine = structuredClone(builtInDrills().get('ambassador-praise')!) as unknown as Record<
      string,
      unknown
    >;
    mine.slug = 'our-launch';
    const broken = { ...mine, beats: [{ ...(mine.beats as object[])[0], member: 'ghost' }] };
    const bad = await admin.post<{ message: string; details: { problems: string[] } }>(
      '/api/training/drills',
      {
        file: 'launch.json',
        drill: broken,
      },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('launch.json: beats[0].member: no audience member "ghost"');
    const taken = await admin.post('/api/training/drills', {
      file: 'x.json',
      drill: builtInDrills().get('ambassador-praise'),
    });
    expect(taken.status).toBe(409);
    expect((await viewer.post('/api/training/drills', { file: 'launch.json', drill: mine })).status).toBe(
      403,
    );
    const ok = await admin.post('/api/training/drills', { file: 'launch.json', drill: mine });
    expect(ok.status).toBe(201);
    expect((await admin.post('/api/training/drills', { file: 'launch.json', drill: mine })).status).toBe(200);
    const list = await viewer.get<{ drills: { slug: string; source: string }[] }>('/api/training/drills');
    expect(list.body.drills.find((d) => d.slug === 'our-launch')?.source).toBe('org');
    const run = await viewer.post<RunBody>('/api/training/runs', { drill: 'our-launch', locale: 'en' });
    expect(run.status).toBe(201);
    expect((await admin.delete('/api/training/drills/our-launch')).status).toBe(204);
    expect((await admin.delete('/api/training/drills/customer-complaint')).status).toBe(403);
    // The run that started from it keeps its own copy of the scenario.
    expect((await viewer.get(`/api/training/runs/${run.body.id}`)).status).toBe(200);
  });

  it('free practice: simulated members answer the trainee’s own post in its language', async () => {
    const start = await viewer.post<RunBody>('/api/training/practice', {
      text: 'I dag lanserer vi et nytt fiberabonnement for hytteeiere, og vi gleder oss veldig!',
      locale: 'en',
    });
    expect(start.status).toBe(201);
    const opening = start.body.timeline[0]!;
    expect(opening.kind).toBe('opening');
    const [own] = await get()
      .db.select()
      .from(sandboxPosts)
      .where(and(eq(sandboxPosts.id, opening.sandboxPostId!), isNull(sandboxPosts.deletedAt)));
    expect(own!.text).toContain('fiberabonnement');
    clock.advance(16);
    const later = await viewer.get<RunBody>(`/api/training/runs/${start.body.id}`);
    const [fan, customer] = later.body.timeline.slice(1);
    expect(fan).toMatchObject({ persona: 'fan', replyToEventId: opening.id });
    expect(customer!.text).toBe('Kjapt spørsmål: hva betyr fiberabonnement for oss som allerede er kunder?');
    const [fanPost] = await get()
      .db.select()
      .from(sandboxPosts)
      .where(eq(sandboxPosts.id, fan!.sandboxPostId!));
    expect(fanPost!.replyTo).toBe(opening.sandboxPostId);
    const r = await viewer.post<{ reply: { responseMs: number } }>(
      `/api/training/runs/${start.body.id}/replies`,
      {
        to: customer!.id,
        text: 'Takk for spørsmålet! Ingenting endres for deg. Ta kontakt på melding om du vil vite mer.',
      },
    );
    expect(r.body.reply.responseMs).toBe(1000);
    const fin = await viewer.post<RunBody>(`/api/training/runs/${start.body.id}/finish`);
    expect(fin.body.debrief!.expected.every((e) => e.met)).toBe(true);
  });

  it('bad input is a 4xx naming the field, never a 500', async () => {
    expect((await viewer.post('/api/training/runs', { drill: 'no-such-drill' })).status).toBe(404);
    const start = await viewer.post<RunBody>('/api/training/runs', { drill: 'customer-complaint' });
    const runId = start.body.id;
    const empty = await viewer.post<{ message: string }>(`/api/training/runs/${runId}/replies`, {
      to: start.body.timeline[0]!.id,
      text: '   ',
    });
    expect(empty.status).toBe(400);
    const stranger = await viewer.post<{ message: string }>(`/api/training/runs/${runId}/replies`, {
      to: '11111111-1111-4111-8111-111111111111',
      text: 'hi',
    });
    expect(stranger.status).toBe(400);
    expect(stranger.body.message).toMatch(/^to:/);
    const long = await viewer.post<{ message: string }>(`/api/training/runs/${runId}/replies`, {
      to: start.body.timeline[0]!.id,
      text: 'x'.repeat(600),
    });
    expect(long.status).toBe(400);
    expect(long.body.message).toMatch(/^text:/);
  });

  it('runs travel with an org export: on another instance (another key) the run signs in again and goes on', async () => {
    const start = await viewer.post<RunBody>('/api/training/runs', {
      drill: 'customer-complaint',
      locale: 'nb',
    });
    const exported = await exportOrg(get().db, orgId);
    expect(exported.tables.training_runs!.length).toBeGreaterThan(0);
    const other = await freshDatabase('pglite');
    try {
      await importOrg(other.db, JSON.parse(JSON.stringify(exported)));
      const elsewhere = await appWithClock(other, clock, Buffer.alloc(32, 7));
      // Exports carry no passwords: a session on the other instance stands in for signing in there.
      const vera = new Client(elsewhere);
      vera.cookies.set('stemme_session', await createSession(other.db, viewerId, { orgId }));
      const run = await vera.get<RunBody>(`/api/training/runs/${start.body.id}`);
      expect(run.status).toBe(200);
      const reply = await vera.post(`/api/training/runs/${start.body.id}/replies`, {
        to: run.body.timeline[0]!.id,
        text: 'Vi beklager! Feilen er rettet i morgen klokken 12.',
      });
      expect(reply.status).toBe(201);
      await elsewhere.close();
    } finally {
      await other.close();
    }
  });

  it('the test clock route is registered only for tests, never in production', () => {
    expect(testClockEnabled({ NODE_ENV: 'test' })).toBe(true);
    expect(testClockEnabled({ STEMME_TEST_CLOCK: '1' })).toBe(true);
    expect(testClockEnabled({ NODE_ENV: 'production' })).toBe(false);
    expect(testClockEnabled({})).toBe(false);
  });

  it('a drill downloads as its file and imports again under a new slug', async () => {
    const file = await viewer.get<Record<string, unknown>>('/api/training/drills/net-neutrality-storm');
    expect(file.status).toBe(200);
    expect(file.body.format).toBe('stemme-drill');
    const copy = await admin.post('/api/training/drills', {
      file: 'storm-copy.json',
      drill: { ...file.body, slug: 'storm-copy' },
    });
    expect(copy.status).toBe(201);
  });

  it('the test clock route exists under NODE_ENV=test and moves only that run', async () => {
    const start = await viewer.post<RunBody>('/api/training/runs', { drill: 'customer-complaint' });
    const skipped = await viewer.post<RunBody>(`/api/training/runs/${start.body.id}/skip`, { seconds: 46 });
    expect(skipped.status).toBe(200);
    expect(skipped.body.timeline.map((i) => i.author)).toEqual(['marte_k', 'marte_k', 'jonas_h']);
  });
});
