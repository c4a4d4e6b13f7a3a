// The strategy workspace through the real HTTP API, on PGlite and PostgreSQL: plans and their sections, the
// checks on ids and roles, the health check on live data, and the exported document.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../test/databases.ts';
import { addMember, type Client, onboardAdmin, testApp } from '../../test/http.ts';
import type { App } from '../http/app.ts';
import type { HealthReport } from './health/report.ts';
import type { PlanDocument } from './service.ts';

type Plans = { plans: { id: string; personUserId: string | null; personName: string | null }[] };
type Row = { id: string } & Record<string, unknown>;

describeEachDb('strategy workspace', (get) => {
  let app: App;
  let admin: Client;
  let editor: Client;
  let viewer: Client;
  let editorId: string;
  let planId: string;

  beforeAll(async () => {
    app = await testApp(get());
    ({ admin } = await onboardAdmin(app));
    ({ client: editor, userId: editorId } = await addMember(app, admin, 'editor', 'jonas@example.no'));
    ({ client: viewer } = await addMember(app, admin, 'viewer', 'vera@example.no'));
  });
  afterAll(async () => app?.close());

  it('creates the organisation plan on first look, once, even when asked twice at the same time', async () => {
    const [a, b] = await Promise.all([
      admin.get<Plans>('/api/strategy/plans'),
      viewer.get<Plans>('/api/strategy/plans'),
    ]);
    expect(a.status).toBe(200);
    expect(a.body.plans).toHaveLength(1);
    expect(b.body.plans.map((p) => p.id)).toEqual(a.body.plans.map((p) => p.id));
    expect(a.body.plans[0]!.personUserId).toBeNull();
    planId = a.body.plans[0]!.id;
    const doc = await viewer.get<PlanDocument>(`/api/strategy/plans/${planId}`);
    expect(doc.body).toMatchObject({ goals: [], audiences: [], channels: [], plan: { purpose: '' } });
    expect(doc.body.members).toHaveLength(3);
  });

  it('fills every section, and the plan document holds them all', async () => {
    const patched = await editor.patch<PlanDocument>(`/api/strategy/plans/${planId}`, {
      purpose: 'Answer customers where they are.',
      reach: 'public',
      keyMessages: ['We answer', '', 'We answer', 'Plain words'],
      leaderUserId: editorId,
    });
    expect(patched.status).toBe(200);
    expect(patched.body.plan).toMatchObject({
      reach: 'public',
      keyMessages: ['We answer', 'Plain words'],
      leaderName: 'editor person',
    });
    const audience = await editor.post<Row>(`/api/strategy/plans/${planId}/audiences`, {
      name: 'Households',
      participation: 'spectators',
    });
    expect(audience.status).toBe(201);
    const channel = await editor.post<Row>(`/api/strategy/plans/${planId}/channels`, {
      network: 'bluesky',
      handle: '@fjellvind.no',
      x: 0.8,
      y: 0.9,
      audienceIds: [audience.body.id],
    });
    expect(channel.status).toBe(201);
    const goal = await editor.post<Row>(`/api/strategy/plans/${planId}/goals`, {
      title: 'Visible service',
      objective: 'visible_customer_service',
    });
    const kpi = await editor.post<Row>(`/api/strategy/goals/${goal.body.id}/kpis`, {
      kind: 'median_response_time',
      params: { channelId: channel.body.id },
      baseline: 240,
      target: 60,
      targetDate: '2027-06-30',
    });
    expect(kpi.status).toBe(201);
    await editor.post(`/api/strategy/plans/${planId}/topics`, {
      stance: 'out',
      name: 'Politics',
      examples: ['Vote for'],
    });
    await editor.post(`/api/strategy/plans/${planId}/watch-terms`, { kind: 'brand', term: 'Fjellvind' });
    const resp = await editor.post<Row>(`/api/strategy/plans/${planId}/responsibilities`, {
      userId: editorId,
      responsibility: 'Answers customers',
      hoursPerWeek: 5,
      commitment: 'high',
    });
    expect(resp.status).toBe(201);
    const doc = (await viewer.get<PlanDocument>(`/api/strategy/plans/${planId}`)).body;
    expect(doc.goals[0]!.kpis[0]).toMatchObject({
      kind: 'median_response_time',
      baseline: 240,
      targetDate: '2027-06-30',
    });
    expect(doc.channels[0]).toMatchObject({ x: 0.8, y: 0.9, audienceIds: [audience.body.id], reason: '' });
    expect(doc.topics[0]).toMatchObject({ stance: 'out', examples: ['Vote for'] });
    expect(doc.responsibilities[0]).toMatchObject({ name: 'editor person', isMember: true, hoursPerWeek: 5 });
    expect(new Date(doc.plan.updatedAt).getTime()).toBeGreaterThan(new Date(doc.plan.createdAt).getTime());

    // Moving a channel on the matrix is a patch of x and y; deleting an audience unlinks it everywhere.
    const moved = await editor.patch<Row>(`/api/strategy/channels/${channel.body.id}`, {
      x: 0.2,
      y: 0.1,
      reason: 'Closed group',
    });
    expect(moved.body).toMatchObject({ x: 0.2, y: 0.1, reason: 'Closed group' });
    expect((await editor.delete(`/api/strategy/audiences/${audience.body.id}`)).status).toBe(204);
    expect((await editor.delete(`/api/strategy/channels/${channel.body.id}`)).status).toBe(204);
    const after = (await viewer.get<PlanDocument>(`/api/strategy/plans/${planId}`)).body;
    expect(after.audiences).toEqual([]);
    expect(after.goals[0]!.kpis[0]!.params.channelId).toBeNull();
  });

  it('refuses bad input with the field named, and ids from outside the plan', async () => {
    const bad = await editor.post(`/api/strategy/plans/${planId}/goals`, {
      title: '',
      objective: 'world_domination',
    });
    expect(bad.status).toBe(400);
    expect(Object.keys((bad.body.details as { fields: object }).fields)).toEqual(
      expect.arrayContaining(['title', 'objective']),
    );
    const half = await editor.post(`/api/strategy/plans/${planId}/channels`, {
      network: 'x',
      handle: '@a',
      x: 0.5,
    });
    expect(half.status).toBe(400);
    expect(half.body.details).toMatchObject({ fields: { x: expect.stringContaining('together') } });
    const range = await editor.post(`/api/strategy/plans/${planId}/channels`, {
      network: 'x',
      handle: '@a',
      x: 2,
      y: 0,
    });
    expect(range.body.details).toMatchObject({ fields: { x: 'must be between 0 and 1' } });
    const goal = (await viewer.get<PlanDocument>(`/api/strategy/plans/${planId}`)).body.goals[0]!;
    const foreign = await editor.post(`/api/strategy/goals/${goal.id}/kpis`, {
      kind: 'follower_count',
      params: { channelId: '11111111-1111-4111-8111-111111111111' },
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.details).toMatchObject({
      fields: { 'params.channelId': 'is not a channel of this plan' },
    });
    const stranger = await editor.post(`/api/strategy/plans/${planId}/responsibilities`, {
      userId: '11111111-1111-4111-8111-111111111111',
      responsibility: 'Ghost writing',
    });
    expect(stranger.body).toMatchObject({
      error: 'not_a_member',
      details: { fields: { userId: expect.any(String) } },
    });
    const hours = await editor.post(`/api/strategy/plans/${planId}/responsibilities`, {
      userId: editorId,
      responsibility: 'Too much',
      hoursPerWeek: 200,
    });
    expect(hours.body.details).toMatchObject({ fields: { hoursPerWeek: expect.stringContaining('168') } });
  });

  it('lets viewers read and not write, and shows another organisation nothing', async () => {
    expect((await viewer.patch(`/api/strategy/plans/${planId}`, { purpose: 'x' })).status).toBe(403);
    const { client: outsider } = await addMember(app, admin, 'viewer', 'out@example.no');
    await outsider.post('/api/orgs', { name: 'Other org' });
    const goalId = (await viewer.get<PlanDocument>(`/api/strategy/plans/${planId}`)).body.goals[0]!.id;
    expect((await outsider.get(`/api/strategy/plans/${planId}`)).status).toBe(404);
    expect((await outsider.get(`/api/strategy/plans/${planId}/health`)).status).toBe(404);
    expect((await outsider.get(`/api/strategy/plans/${planId}/export.md`)).status).toBe(404);
    expect((await outsider.patch(`/api/strategy/goals/${goalId}`, { title: 'Mine now' })).status).toBe(404);
    expect((await outsider.delete(`/api/strategy/goals/${goalId}`)).status).toBe(404);
    expect((await outsider.post(`/api/strategy/goals/${goalId}/kpis`, { kind: 'ambassadors' })).status).toBe(
      404,
    );
    const theirs = await outsider.get<Plans>('/api/strategy/plans');
    expect(theirs.body.plans.map((p) => p.id)).not.toContain(planId);
  });

  it('keeps personal plans apart from the organisation plan', async () => {
    const created = await admin.post<PlanDocument>('/api/strategy/plans', { personUserId: editorId });
    expect(created.status).toBe(201);
    expect(created.body.plan).toMatchObject({
      personUserId: editorId,
      personName: 'editor person',
      leaderUserId: editorId,
    });
    expect((await admin.post('/api/strategy/plans', { personUserId: editorId })).body.error).toBe(
      'plan_exists',
    );
    const plans = (await admin.get<Plans>('/api/strategy/plans')).body.plans;
    expect(plans.map((p) => p.personName)).toEqual([null, 'editor person']);
    const health = await admin.get<HealthReport>(`/api/strategy/plans/${created.body.plan.id}/health`);
    expect(health.body.findings.find((f) => f.check === 'purpose')?.fix).toBe(
      `/strategy/goals?plan=${created.body.plan.id}#purpose`,
    );
    expect((await admin.delete(`/api/strategy/plans/${planId}`)).body.error).toBe('org_plan_kept');
    expect((await admin.delete(`/api/strategy/plans/${created.body.plan.id}`)).status).toBe(204);
  });

  it('health-checks the live plan in the asked language, and a fix makes its finding go away', async () => {
    await editor.patch(`/api/strategy/plans/${planId}`, { notAppear: '' });
    const before = await viewer.get<HealthReport>(`/api/strategy/plans/${planId}/health?locale=nb`);
    expect(before.status).toBe(200);
    const notAppear = before.body.findings.find((f) => f.check === 'not-appear')!;
    expect(notAppear).toMatchObject({
      severity: 'warning',
      title: 'Ingenting om hvordan dere ikke vil fremstå',
      source: 'BI, råd 5: vær profesjonell',
      fix: '/strategy/topics#not-appear',
    });
    // Listening is real now: with no monitors at all, the check looks and finds nothing covering the names.
    expect(before.body.checks.find((c) => c.id === 'monitors')?.status).not.toBe('unavailable');
    expect(before.body.findings.filter((f) => f.unavailable)).toEqual([]);
    await editor.patch(`/api/strategy/plans/${planId}`, { notAppear: 'Never smug.' });
    const after = await viewer.get<HealthReport>(`/api/strategy/plans/${planId}/health?locale=nb`);
    expect(after.body.findings.map((f) => f.id)).not.toContain('not-appear');
    expect(after.body.score).toBeGreaterThan(before.body.score);
    expect((await viewer.get(`/api/strategy/plans/${planId}/health?locale=xx`)).status).toBe(400);
  });

  it('exports the plan as Markdown and PDF a board can read, headings in the chosen language', async () => {
    const md = await viewer.get<string>(`/api/strategy/plans/${planId}/export.md?locale=de`);
    expect(md.status).toBe(200);
    expect(md.headers['content-type']).toMatch(/^text\/markdown/);
    expect(md.headers['content-disposition']).toMatch(
      /attachment; filename="strategy-fjordkraft-kommunikasjon-\d{4}-\d{2}-\d{2}\.md"/,
    );
    expect(md.body).toContain('# Social-Media-Strategie: Fjordkraft Kommunikasjon');
    for (const heading of [
      '## Zweck',
      '## Ziele und Kennzahlen',
      '## Kanäle in der Matrix',
      '## Wer macht was',
      '## Gesundheitscheck',
    ])
      expect(md.body).toContain(heading);
    expect(md.body).toContain('| Median der Antwortzeit |');
    const pdf = await app.inject({
      method: 'GET',
      url: `/api/strategy/plans/${planId}/export.pdf?locale=nb`,
      cookies: Object.fromEntries(viewer.cookies),
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.length).toBeGreaterThan(2000);
  });

  it('writes every change to the plan into the audit log with a readable action', async () => {
    type Entry = {
      action: string;
      target: string | null;
      details: Record<string, unknown>;
      actor: { id: string; name: string } | null;
    };
    const since = async (n: number) => {
      const log = await admin.get<{ entries: Entry[] }>('/api/audit?limit=500');
      return log.body.entries
        .filter((e) => e.action.startsWith('strategy.'))
        .slice(0, n)
        .reverse();
    };
    await editor.patch(`/api/strategy/plans/${planId}`, {
      vision: 'Energy advice anyone can act on.',
      reach: 'public',
    });
    const goal = await editor.post<{ id: string }>(`/api/strategy/plans/${planId}/goals`, {
      title: 'Customers hear from Łukasz',
      objective: 'loyal_customers',
    });
    const kpi = await editor.post<{ id: string }>(`/api/strategy/goals/${goal.body.id}/kpis`, {
      kind: 'ambassadors',
    });
    await editor.patch(`/api/strategy/goals/${goal.body.id}`, { title: 'Customers hear from Łukasz Nowak' });
    await editor.delete(`/api/strategy/kpis/${kpi.body.id}`);
    await editor.delete(`/api/strategy/goals/${goal.body.id}`);
    const personal = await admin.post<{ plan: { id: string } }>('/api/strategy/plans', {
      personUserId: editorId,
    });
    await editor.post(`/api/strategy/plans/${personal.body.plan.id}/watch-terms`, {
      kind: 'leader',
      term: 'Jonas',
    });
    await admin.delete(`/api/strategy/plans/${personal.body.plan.id}`);
    const entries = await since(9);
    expect(entries.map((e) => [e.action, e.target])).toEqual([
      ['strategy.plan_updated', ''],
      ['strategy.item_added', 'Customers hear from Łukasz'],
      ['strategy.item_added', 'Customers hear from Łukasz'],
      ['strategy.item_changed', 'Customers hear from Łukasz Nowak'],
      ['strategy.item_removed', 'Customers hear from Łukasz Nowak'],
      ['strategy.item_removed', 'Customers hear from Łukasz Nowak'],
      ['strategy.personal_plan_created', editorId],
      ['strategy.item_added', 'Jonas'],
      ['strategy.personal_plan_deleted', editorId],
    ]);
    expect(entries[0]!.details).toMatchObject({ planId, parts: ['decisions', 'presence'] });
    expect(entries[0]!.actor).toEqual({ id: editorId, name: 'editor person' });
    expect(entries[2]!.details).toMatchObject({ section: 'kpis', kind: 'ambassadors' });
    expect(entries[3]!.details).toMatchObject({ section: 'goals', fields: ['title'] });
    expect(entries[7]!.details).toMatchObject({ section: 'watchTerms', person: 'editor person' });
    expect(entries[8]!.details).toMatchObject({ person: 'editor person' });
  });
});
