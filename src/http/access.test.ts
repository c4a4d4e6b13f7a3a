// Walks every route the server registers with no session, with a member of another organisation, and with each
// role, and checks the answer. The route list comes from the server, so a new route is walked without new code.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../test/databases.ts';
import { addMember, Client, onboardAdmin, testApp } from '../../test/http.ts';
import { queryRows } from '../db/connect.ts';
import { ingest } from '../listening/pipeline.ts';
import { createSession } from '../team/auth.ts';
import { can } from '../team/policy.ts';
import type { Role } from '../team/schema.ts';
import { builtInDrills } from '../training/drills.ts';
import type { App } from './app.ts';
import type { RouteRule } from './guard.ts';

/** Valid bodies for routes that need one, so a refusal is the guard's and not the validator's. */
const SAMPLE_BODIES: Record<string, unknown> = {
  'POST /api/setup': { orgName: 'X', name: 'X', email: 'x@example.no', password: 'a long enough password' },
  'POST /api/auth/login': { email: 'x@example.no', password: 'a long enough password' },
  'PUT /api/session/org': { orgId: '00000000-0000-4000-8000-000000000000' },
  'PATCH /api/me': { name: 'Same Name' },
  'POST /api/orgs': { name: '' },
  'PATCH /api/org': {},
  'PATCH /api/team/members/:userId': { role: 'viewer' },
  'POST /api/team/invitations': { role: 'bogus-role' },
  'POST /api/invitations/:token/accept': {},
  'POST /api/channels': { network: 'sandbox' },
  'PUT /api/channels/:channelId/credentials': { network: 'sandbox' },
  'POST /api/posts/preview': { text: 'x', channelIds: ['11111111-1111-4111-8111-111111111111'] },
  'POST /api/posts': { text: 'x', channelIds: ['11111111-1111-4111-8111-111111111111'] },
  'PUT /api/posts/:postId/targets/:targetId/text': { text: 'x' },
  'POST /api/oauth/mastodon/:authorizationId/code': { code: 'x' },
  'POST /api/posts/:postId/send-back': { comment: 'x' },
  'POST /api/posts/:postId/comments': { text: 'x' },
  'PUT /api/channels/:channelId/slots': { slots: [] },
  'POST /api/strategy/plans': { personUserId: '22222222-2222-4222-8222-222222222222' },
  'POST /api/strategy/plans/:planId/goals': { title: 'X', objective: 'loyal_customers' },
  'POST /api/strategy/goals/:goalId/kpis': { kind: 'ambassadors' },
  'POST /api/strategy/plans/:planId/audiences': { name: 'X', participation: 'joiners' },
  'POST /api/strategy/plans/:planId/channels': { network: 'blog', handle: 'x' },
  'POST /api/strategy/plans/:planId/topics': { stance: 'in', name: 'X' },
  'POST /api/strategy/plans/:planId/watch-terms': { kind: 'brand', term: 'X' },
  'POST /api/guidelines/acknowledge': { version: 1 },
  'POST /api/guidelines/proposals': { sections: [] },
  'POST /api/guidelines/proposals/:id/comments': { body: 'X' },
  'POST /api/guidelines/rules': { kind: 'banned_phrase', params: { phrases: [] } },
  'POST /api/guidelines/check': { text: 'x' },
  'POST /api/monitors/validate': { query: 'fjord AND "' },
  'POST /api/monitors/test': { query: 'fjord' },
  'PATCH /api/mentions/:mentionId': { sentiment: 'negative' },
  'POST /api/monitors': { name: 'X', query: '(unclosed' },
  'POST /api/feeds': { url: 'http://127.0.0.1/feed.xml' },
  'PUT /api/monitors/:monitorId/alert-rule': { sensitivity: 'normal', emailRecipients: [], webhookIds: [] },
  'POST /api/alert-webhooks': { name: 'X', url: 'http://127.0.0.1/hook' },
  'PATCH /api/alert-webhooks/:webhookId': { name: 'X' },
  'POST /api/strategy/plans/:planId/responsibilities': {
    userId: '22222222-2222-4222-8222-222222222222',
    responsibility: 'X',
  },
  'POST /api/training/drills': { file: 'x.json', drill: {} },
  'POST /api/training/runs': { drill: 'customer-complaint' },
  'POST /api/training/practice': { text: 'Practice post' },
  'POST /api/training/runs/:runId/check': { text: 'x' },
  'POST /api/training/runs/:runId/replies': { to: '11111111-1111-4111-8111-111111111111', text: 'x' },
  'POST /api/training/runs/:runId/skip': { seconds: 1 },
};

const RANDOM_UUID = '11111111-1111-4111-8111-111111111111';

describeEachDb('access rules on every route', (get) => {
  let app: App;
  let routes: RouteRule[];
  const a: { orgId: string; users: Record<Role, string>; ids: Record<string, string>; markers: string[] } = {
    orgId: '',
    users: { admin: '', editor: '', approver: '', viewer: '' },
    ids: {},
    markers: [],
  };
  let outsider: { userId: string; orgId: string };

  beforeAll(async () => {
    app = await testApp(get());
    const { admin, userId, orgId } = await onboardAdmin(app);
    a.orgId = orgId;
    a.users.admin = userId;
    for (const role of ['editor', 'approver', 'viewer'] as const) {
      a.users[role] = (await addMember(app, admin, role, `${role}@a.example`)).userId;
    }
    const inv = await admin.post<{ id: string; url: string }>('/api/team/invitations', {
      email: 'pending@a.example',
      role: 'viewer',
    });
    const [job] = await queryRows<{ id: string }>(
      get().db,
      sql`insert into jobs (name, org_id, state, last_error) values ('test.dead', ${orgId}, 'dead', 'boom in org A') returning id`,
    );
    const channel = await admin.post<{ id: string }>('/api/channels', {
      network: 'sandbox',
      handle: 'fjord',
    });
    const post = await admin.post<{ id: string; targets: { id: string }[] }>('/api/posts', {
      text: 'Hemmelig lansering',
      channelIds: [channel.body.id],
      scheduledAt: '2099-01-01T09:00:00+01:00',
    });
    expect(post.status).toBe(201);
    // A real plan and goal of organisation A, so the walk tries them and not only random ids.
    const plans = await admin.get<{ plans: { id: string }[] }>('/api/strategy/plans');
    const planId = plans.body.plans[0]!.id;
    const goal = await admin.post<{ id: string }>(`/api/strategy/plans/${planId}/goals`, {
      title: 'Secret goal of org A',
      objective: 'recruitment',
    });
    // A published guideline version of organisation A, so /versions/:number is tried with a real number.
    const proposal = await admin.post<{ id: string }>('/api/guidelines/proposals', {
      sections: [{ title: 'Secret guideline of org A', body: 'Secret guideline text of org A' }],
    });
    expect((await admin.post(`/api/guidelines/proposals/${proposal.body.id}/publish`, {})).status).toBe(201);
    // A monitor and a matched mention of organisation A.
    const monitor = await admin.post<{ id: string }>('/api/monitors', {
      name: 'Secret monitor of org A',
      query: 'hemmelig',
    });
    expect(monitor.status).toBe(201);
    await ingest(get().db, orgId, [
      { id: 'a-1', source: 'rss', text: 'Hemmelig omtale av org A', publishedAt: new Date() },
    ]);
    // A story and an author of organisation A (the pipeline clusters and records authors as it stores).
    await ingest(get().db, orgId, [
      {
        id: 'a-2',
        source: 'rss',
        text: 'Hemmelig sak',
        author: 'Secret author of org A',
        publishedAt: new Date(),
      },
    ]);
    const storyOfA = await admin.get<{ stories: { id: string }[] }>('/api/stories');
    const authorOfA = await admin.get<{ authors: { id: string }[] }>('/api/authors');
    const mentionOfA = await admin.get<{ mentions: { id: string }[] }>('/api/mentions');
    // A team drill and a drill run of organisation A.
    const drill = { ...builtInDrills().get('ambassador-praise')!, slug: 'secret-drill-of-a' };
    drill.title = { ...drill.title, en: 'Secret drill of org A' };
    expect((await admin.post('/api/training/drills', { file: 'a.json', drill })).status).toBe(201);
    const run = await admin.post<{ id: string }>('/api/training/runs', { drill: 'secret-drill-of-a' });
    expect(run.status).toBe(201);
    a.ids = {
      slug: 'secret-drill-of-a',
      runId: run.body.id,
      userId: a.users.editor,
      id: inv.body.id,
      token: inv.body.url.split('/invite/')[1]!,
      jobId: job!.id,
      planId,
      goalId: goal.body.id,
      channelId: channel.body.id,
      postId: post.body.id,
      targetId: post.body.targets[0]!.id,
      number: '1',
      monitorId: monitor.body.id,
      storyId: storyOfA.body.stories[0]!.id,
      authorId: authorOfA.body.authors[0]!.id,
      mentionId: mentionOfA.body.mentions[0]!.id,
    };
    a.markers = [
      'Secret drill of org A',
      run.body.id,
      orgId,
      inv.body.id,
      job!.id,
      'pending@a.example',
      'editor@a.example',
      'Fjordkraft',
      'boom in org A',
      planId,
      'Secret goal of org A',
      'Secret guideline of org A',
      channel.body.id,
      post.body.id,
      'Hemmelig lansering',
      monitor.body.id,
      'Secret monitor of org A',
      'Hemmelig omtale av org A',
      storyOfA.body.stories[0]!.id,
      'Secret author of org A',
    ];
    // Someone who only belongs to organisation B: invited to A, starts B, is removed from A.
    const { client: b, userId: bId } = await addMember(app, admin, 'viewer', 'boss@b.example');
    const created = await b.post<{ org: { id: string } }>('/api/orgs', { name: 'Organisation B' });
    expect((await admin.delete(`/api/team/members/${bId}`)).status).toBe(204);
    outsider = { userId: bId, orgId: created.body.org.id };
    routes = app.routeRules.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'));
  });
  afterAll(async () => app?.close());

  /** One request as a given person (a fresh session each time, so logout cannot spoil the next request). */
  async function call(
    route: RouteRule,
    who: { userId: string; orgId: string } | null,
    params: Record<string, string>,
  ) {
    const url = route.url.replace(
      /:(\w+)/g,
      (_, name: string) =>
        params[name === 'id' && route.url.startsWith('/api/jobs') ? 'jobId' : name] ?? RANDOM_UUID,
    );
    const cookies = ['stemme_csrf=walk'];
    if (who)
      cookies.push(`stemme_session=${await createSession(get().db, who.userId, { orgId: who.orgId })}`);
    const body = SAMPLE_BODIES[`${route.method} ${route.url}`] ?? {};
    const res = await app.inject({
      method: route.method as 'GET',
      url,
      headers: { cookie: cookies.join('; '), 'x-csrf-token': 'walk' },
      ...(route.method !== 'GET' && route.method !== 'DELETE' && { payload: body as object }),
    });
    let error: unknown;
    try {
      error = JSON.parse(res.body).error;
    } catch {
      error = undefined;
    }
    return { status: res.statusCode, text: res.body, error };
  }

  it('the server registers routes and every one of them has an access rule', () => {
    expect(routes.length).toBeGreaterThanOrEqual(20);
    for (const r of routes) expect(r.access, `${r.method} ${r.url}`).toBeDefined();
  });

  it('(a) without a session: 401 on everything that is not public', async () => {
    for (const route of routes) {
      const { status, error } = await call(route, null, a.ids);
      const where = `${route.method} ${route.url} → ${status} ${error}`;
      if (route.access === 'public') {
        expect(error, where).not.toBe('unauthenticated');
        expect(status, where).not.toBe(403);
        expect(status, where).toBeLessThan(500);
      } else {
        expect(status, where).toBe(401);
        expect(error, where).toBe('unauthenticated');
      }
    }
  });

  it('(b) a member of another organisation sees nothing of this one and changes nothing', async () => {
    for (const route of routes) {
      if (route.access === 'public') continue;
      const { status, text } = await call(route, outsider, a.ids);
      const where = `${route.method} ${route.url} → ${status}`;
      if (route.url.includes(':')) expect([403, 404], where).toContain(status);
      for (const marker of a.markers) expect(text, `${where} leaks ${marker}`).not.toContain(marker);
    }
  });

  it('(c) each role gets exactly what the policy gives it', async () => {
    for (const role of ['admin', 'editor', 'approver', 'viewer'] as const) {
      for (const route of routes) {
        if (route.access === 'public') continue;
        // Random ids: the guard's answer is what counts, not what the handler then finds.
        const { status } = await call(route, { userId: a.users[role], orgId: a.orgId }, {});
        const where = `${role}: ${route.method} ${route.url} → ${status}`;
        const allowed = route.access === 'user' || can(role, route.access!);
        if (allowed) expect([401, 403], where).not.toContain(status);
        else expect(status, where).toBe(403);
        expect(status, where).toBeLessThan(500);
      }
    }
  });

  it('nothing of organisation A was changed by the walk', async () => {
    const rows = await queryRows<{ n: number }>(
      get().db,
      sql`select count(*)::int as n from memberships where org_id = ${a.orgId}`,
    );
    expect(rows[0]?.n).toBe(4);
    const published = await queryRows<{ status: string; channel: string }>(
      get().db,
      sql`select t.status, c.status as channel from publish_targets t join channels c on c.id = t.channel_id
          where t.id = ${a.ids.targetId}`,
    );
    expect(published).toEqual([{ status: 'scheduled', channel: 'active' }]);
    const admin = new Client(app);
    await admin.post('/api/auth/login', { email: 'ingrid@example.no', password: 'et langt og godt passord' });
    const pending = await admin.get<{ invitations: { id: string }[] }>('/api/team/invitations');
    expect(pending.body.invitations.map((i) => i.id)).toContain(a.ids.id);
  });
});
