// Onboarding, sign-in, lockout, invitations, roles and organisations through the real HTTP API.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../../test/databases.ts';
import { addMember, Client, onboardAdmin, PASSWORD, testApp } from '../../test/http.ts';
import type { App } from '../http/app.ts';

describeEachDb('team', (get) => {
  let app: App;
  let admin: Client;
  let orgId: string;

  beforeAll(async () => {
    app = await testApp(get());
    expect((await new Client(app).get('/api/setup')).body).toEqual({ needsOnboarding: true });
    ({ admin, orgId } = await onboardAdmin(app));
  });
  afterAll(async () => app?.close());

  it('onboarding creates the org and its admin, and nobody can onboard twice', async () => {
    const me = await admin.get<{
      role: string;
      org: { name: string };
      user: { email: string; locale: string };
    }>('/api/session');
    expect(me.status).toBe(200);
    expect(me.body.role).toBe('admin');
    expect(me.body.org.name).toBe('Fjordkraft Kommunikasjon');
    expect(me.body.user).toMatchObject({ email: 'ingrid@example.no', locale: 'nb' });
    expect((await new Client(app).get('/api/setup')).body).toEqual({ needsOnboarding: false });
    const again = await new Client(app).post('/api/setup', {
      orgName: 'Kapring AS',
      name: 'Mallory',
      email: 'mallory@example.com',
      password: PASSWORD,
    });
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('already_onboarded');
  });

  it('refuses bad input with the field named, and stores nothing', async () => {
    const res = await admin.post('/api/team/invitations', { email: 'not-an-email', role: 'boss' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      error: 'validation',
      details: { fields: { role: expect.stringContaining('admin, editor') } },
    });
    expect(Object.keys((res.body.details as { fields: object }).fields)).toEqual(
      expect.arrayContaining(['email', 'role']),
    );
    const malformed = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json', cookie: 'stemme_csrf=x', 'x-csrf-token': 'x' },
      payload: '{"email": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(JSON.parse(malformed.body)).toMatchObject({ error: 'bad_request', message: expect.any(String) });
    expect(
      (await admin.get<{ invitations: unknown[] }>('/api/team/invitations')).body.invitations,
    ).toHaveLength(0);
  });

  it('logs in and out; a wrong password is refused without telling which part was wrong', async () => {
    const c = new Client(app);
    expect((await c.get('/api/session')).status).toBe(401);
    const wrong = await c.post('/api/auth/login', {
      email: 'ingrid@example.no',
      password: 'feil passord her',
    });
    expect(wrong.status).toBe(401);
    const unknown = await c.post('/api/auth/login', {
      email: 'nobody@example.no',
      password: 'feil passord her',
    });
    expect(unknown.body.message).toBe(wrong.body.message);
    const ok = await c.post('/api/auth/login', { email: 'INGRID@example.no', password: PASSWORD });
    expect(ok.status).toBe(200);
    expect(ok.headers['set-cookie']?.toString()).toMatch(/stemme_session=[^;]+;.*HttpOnly/i);
    expect(ok.headers['set-cookie']?.toString()).toMatch(/SameSite=Lax/i);
    expect((await c.get('/api/session')).status).toBe(200);
    expect((await c.post('/api/auth/logout')).status).toBe(204);
    expect((await c.get('/api/session')).status).toBe(401);
  });

  it('rejects state-changing requests without the CSRF header', async () => {
    const noCsrf = new Client(app, { csrf: false });
    const res = await noCsrf.post('/api/auth/login', { email: 'ingrid@example.no', password: PASSWORD });
    expect(res.status).toBe(403);
    expect(res.body.error).toBe('csrf');
    admin.cookies.set('stemme_csrf', 'forged');
    const forged = await app.inject({
      method: 'POST',
      url: '/api/team/invitations',
      headers: {
        cookie: `stemme_session=${admin.cookies.get('stemme_session')}; stemme_csrf=abc`,
        'x-csrf-token': 'xyz',
      },
      payload: { role: 'viewer' },
    });
    expect(forged.statusCode).toBe(403);
    admin.cookies.delete('stemme_csrf');
  });

  it('locks an account after five wrong passwords, even for the right one, and records it', async () => {
    const { userId: lasse } = await addMember(app, admin, 'viewer', 'lasse@example.dk');
    const c = new Client(app);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push(
        (await c.post('/api/auth/login', { email: 'lasse@example.dk', password: `forkert ${i} kodeord` }))
          .status,
      );
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const right = await c.post('/api/auth/login', { email: 'lasse@example.dk', password: PASSWORD });
    expect(right.status).toBe(429);
    expect(right.body).toMatchObject({ error: 'locked', details: { retryAfterSeconds: expect.any(Number) } });
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(800);
    const audit = await admin.get<{ entries: { action: string; actor: { id: string } | null }[] }>(
      '/api/audit',
    );
    const actions = audit.body.entries.filter((e) => e.actor?.id === lasse).map((e) => e.action);
    expect(actions).toContain('auth.locked');
    expect(actions.filter((a) => a === 'auth.login_failed')).toHaveLength(4);
  });

  it('rate-limits login attempts from one address', async () => {
    const c = new Client(app, { ip: '203.0.113.9' });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push(
        (await c.post('/api/auth/login', { email: `x${i}@example.no`, password: 'whatever it is' })).status,
      );
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
  });

  it('invites by link: the link works once, for its role, and is audited', async () => {
    const inv = await admin.post<{ url: string; role: string }>('/api/team/invitations', {
      email: 'sven@example.de',
      role: 'approver',
    });
    expect(inv.status).toBe(201);
    expect(inv.body.url).toMatch(/^http:\/\/stemme\.test\/invite\/[\w-]{40,}$/);
    const token = inv.body.url.split('/invite/')[1]!;
    const visitor = new Client(app);
    const info = await visitor.get(`/api/invitations/${token}`);
    expect(info.body).toMatchObject({
      orgName: 'Fjordkraft Kommunikasjon',
      role: 'approver',
      email: 'sven@example.de',
    });
    const wrongEmail = await visitor.post(`/api/invitations/${token}/accept`, {
      name: 'Sven',
      email: 'other@example.de',
      password: PASSWORD,
    });
    expect(wrongEmail.status).toBe(400);
    expect(wrongEmail.body.details).toMatchObject({ fields: { email: expect.any(String) } });
    const missing = await visitor.post(`/api/invitations/${token}/accept`, { name: 'Sven' });
    expect(missing.status).toBe(400);
    expect(missing.body.details).toMatchObject({ fields: { email: 'is required', password: 'is required' } });
    const ok = await visitor.post<{ role: string }>(`/api/invitations/${token}/accept`, {
      name: 'Sven',
      email: 'sven@example.de',
      password: PASSWORD,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.role).toBe('approver');
    const reuse = await new Client(app).post(`/api/invitations/${token}/accept`, {
      name: 'Eve',
      email: 'sven@example.de',
      password: PASSWORD,
    });
    expect(reuse.status).toBe(410);
    const members = await admin.get<{ members: { email: string; role: string }[] }>('/api/team/members');
    expect(members.body.members).toContainEqual(
      expect.objectContaining({ email: 'sven@example.de', role: 'approver' }),
    );
    const audit = await admin.get<{ entries: { action: string }[] }>('/api/audit');
    expect(audit.body.entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(['invitation.created', 'invitation.accepted']),
    );
  });

  it('revoked invitations stop working and vanish from the pending list', async () => {
    const inv = await admin.post<{ id: string; url: string }>('/api/team/invitations', { role: 'viewer' });
    expect((await admin.delete(`/api/team/invitations/${inv.body.id}`)).status).toBe(204);
    const token = inv.body.url.split('/invite/')[1]!;
    expect((await new Client(app).get(`/api/invitations/${token}`)).status).toBe(404);
    const pending = await admin.get<{ invitations: { id: string }[] }>('/api/team/invitations');
    expect(pending.body.invitations.map((i) => i.id)).not.toContain(inv.body.id);
  });

  it('changes roles, keeps at least one admin, and a removed member loses access at once', async () => {
    const { client: ed, userId: edId } = await addMember(app, admin, 'editor', 'erik@example.no');
    const me = await admin.get<{ user: { id: string } }>('/api/session');
    const lastAdmin = await admin.patch(`/api/team/members/${me.body.user.id}`, { role: 'viewer' });
    expect(lastAdmin.status).toBe(409);
    expect(lastAdmin.body.error).toBe('last_admin');
    expect((await ed.get('/api/team/invitations')).status).toBe(403);
    const promoted = await admin.patch<{ role: string }>(`/api/team/members/${edId}`, { role: 'admin' });
    expect(promoted.body.role).toBe('admin');
    expect((await ed.get('/api/team/invitations')).status).toBe(200);
    expect((await admin.delete(`/api/team/members/${edId}`)).status).toBe(204);
    const after = await ed.get('/api/team/members');
    expect(after.status).toBe(403);
    expect(after.body.error).toBe('no_organisation');
    const audit = await admin.get<{ entries: { action: string; details: Record<string, unknown> }[] }>(
      '/api/audit',
    );
    expect(audit.body.entries).toContainEqual(
      expect.objectContaining({
        action: 'member.role_changed',
        details: { from: 'editor', to: 'admin', name: 'editor person', email: 'erik@example.no' },
      }),
    );
    expect(audit.body.entries.map((e) => e.action)).toContain('member.removed');
  });

  it('a person can belong to several organisations and switch between them', async () => {
    const created = await admin.post<{
      org: { id: string; name: string };
      orgs: { id: string }[];
      role: string;
    }>('/api/orgs', {
      name: 'Ærlig Øl & Å',
      timeZone: 'Europe/Copenhagen',
    });
    expect(created.status).toBe(201);
    expect(created.body.org.name).toBe('Ærlig Øl & Å');
    expect(created.body.role).toBe('admin');
    expect(created.body.orgs).toHaveLength(2);
    expect((await admin.get<{ members: unknown[] }>('/api/team/members')).body.members).toHaveLength(1);
    const back = await admin.put<{ org: { id: string } }>('/api/session/org', { orgId });
    expect(back.body.org.id).toBe(orgId);
    const stranger = await admin.put('/api/session/org', { orgId: '00000000-0000-4000-8000-000000000000' });
    expect(stranger.status).toBe(404);
  });

  it('saves the language and name of a person, and org settings for admins', async () => {
    const me = await admin.patch<{ user: { locale: string; name: string } }>('/api/me', {
      locale: 'da',
      name: 'Ingrid A.',
    });
    expect(me.body.user).toMatchObject({ locale: 'da', name: 'Ingrid A.' });
    const bad = await admin.patch('/api/me', { locale: 'sv' });
    expect(bad.status).toBe(400);
    const org = await admin.patch<{ timeZone: string }>('/api/org', { timeZone: 'Europe/Berlin' });
    expect(org.body.timeZone).toBe('Europe/Berlin');
    const badZone = await admin.patch('/api/org', { timeZone: 'Mars/Olympus' });
    expect(badZone.status).toBe(400);
    expect(badZone.body.details).toMatchObject({ fields: { timeZone: expect.stringContaining('IANA') } });
  });
});
