// Connecting Mastodon with OAuth through the real HTTP API, against the Mastodon contract server: app
// registration, the authorize page (redirect back, or a code to paste), the token exchange, verify_credentials,
// the instance's limits — asserting the exact requests — and the guards around it (SSRF, state, expiry, people).
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb } from '../../test/databases.ts';
import { addMember, type Client, onboardAdmin, testApp } from '../../test/http.ts';
import type { App } from '../http/app.ts';
import { maskTokensInUrl } from '../log.ts';
import { MastodonContractServer } from '../networks/mastodon/contract-server.ts';
import { mastodonAuthorizations } from './edit-schema.ts';

const TOKEN = 'oauth-issued-access-token-0123456789abcdef';
const CALLBACK = 'http://stemme.test/api/oauth/mastodon/callback';
const OOB = 'urn:ietf:wg:oauth:2.0:oob';

interface Started {
  id: string;
  instanceUrl: string;
  authorizeUrl: string;
  codeUrl: string;
  expiresAt: string;
}
interface ChannelView {
  id: string;
  network: string;
  handle: string;
  status: string;
  limits: { text: { max: number } };
}

/** What the browser does on the instance's authorize page: follow it and read where it sends us back. */
async function authorize(url: string): Promise<URL> {
  const res = await fetch(url, { redirect: 'manual' });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location')!);
}

/** The oob page shows the code for the person to copy. */
async function codeFromPage(url: string): Promise<string> {
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return /data-testid="oob-code" value="([^"]+)"/.exec(await res.text())![1]!;
}

describeEachDb('mastodon oauth', (get) => {
  let app: App;
  let strict: App;
  let server: MastodonContractServer;
  let admin: Client;
  let channelId: string;

  beforeAll(async () => {
    server = new MastodonContractServer(TOKEN, 640);
    await server.start();
    app = await testApp(get(), { allowPrivateNetworks: true });
    ({ admin } = await onboardAdmin(app));
  });
  afterAll(async () => {
    await app?.close();
    await strict?.close();
    expect(server.unexpected).toEqual([]);
    await server.stop();
  });

  it('refuses an instance on a private or loopback address unless private networks are allowed', async () => {
    strict = await testApp(get());
    const other = new (admin.constructor as typeof Client)(strict);
    await other.post('/api/auth/login', { email: 'ingrid@example.no', password: 'et langt og godt passord' });
    const before = server.requests.length;
    const res = await other.post<{ error: string; message: string; details: { fields: object } }>(
      '/api/oauth/mastodon',
      { instanceUrl: server.url },
    );
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('unsafe_url');
    expect(res.body.message).toMatch(/^instanceUrl: .*127\.0\.0\.1, a loopback address/);
    expect(res.body.details.fields).toHaveProperty('instanceUrl');
    // The access-token path is guarded too.
    const token = await other.post<{ error: string }>('/api/channels', {
      network: 'mastodon',
      instanceUrl: server.url,
      accessToken: TOKEN,
    });
    expect(token.status).toBe(400);
    expect(token.body.error).toBe('unsafe_url');
    expect(server.requests.length).toBe(before);
    const bad = await other.post<{ error: string }>('/api/oauth/mastodon', {
      instanceUrl: 'ftp://x.example',
    });
    expect(bad.status).toBe(400);
  });

  it('registers the app, redirects back with a code, exchanges it and connects the channel', async () => {
    server.requests.length = 0;
    const start = await admin.post<Started>('/api/oauth/mastodon', { instanceUrl: `${server.url}/@kari` });
    expect(start.status).toBe(201);
    expect(start.body.instanceUrl).toBe(server.url);
    const [register] = server.requests;
    expect(register).toEqual({
      method: 'POST',
      path: '/api/v1/apps',
      query: {},
      authorization: undefined,
      idempotencyKey: undefined,
      contentType: 'application/x-www-form-urlencoded',
      body: {
        client_name: 'Stemme',
        redirect_uris: `${CALLBACK}\n${OOB}`,
        scopes: 'read write',
        website: 'http://stemme.test',
      },
    });
    const clientId = [...server.apps.keys()].at(-1)!;
    const clientSecret = server.apps.get(clientId)!.secret;
    const authorizeUrl = new URL(start.body.authorizeUrl);
    expect(authorizeUrl.origin + authorizeUrl.pathname).toBe(`${server.url}/oauth/authorize`);
    const state = authorizeUrl.searchParams.get('state')!;
    expect(Object.fromEntries(authorizeUrl.searchParams)).toEqual({
      response_type: 'code',
      client_id: clientId,
      redirect_uri: CALLBACK,
      scope: 'read write',
      state,
    });
    expect(state.length).toBeGreaterThanOrEqual(32);
    expect(new URL(start.body.codeUrl).searchParams.get('redirect_uri')).toBe(OOB);

    // The client secret is stored sealed, never in the clear; the state only as a hash.
    const [row] = await get().db.select().from(mastodonAuthorizations);
    expect(row?.clientSecret).not.toContain(clientSecret);
    expect(row?.stateHash).not.toContain(state);

    const back = await authorize(start.body.authorizeUrl);
    expect(back.origin + back.pathname).toBe(CALLBACK);
    expect(back.searchParams.get('state')).toBe(state);
    const code = back.searchParams.get('code')!;
    server.requests.length = 0;
    const done = await admin.get(`${back.pathname}${back.search}`);
    expect(done.status).toBe(302);
    const location = new URL(String(done.headers.location), 'http://stemme.test');
    expect(location.pathname).toBe('/settings');
    expect(location.hash).toBe('#channels');
    expect(location.searchParams.get('mastodon')).toBe('connected');
    channelId = location.searchParams.get('channel')!;

    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /oauth/token',
      'GET /api/v1/accounts/verify_credentials',
      'GET /api/v2/instance',
    ]);
    const [token, verify] = server.requests;
    expect(token?.authorization).toBeUndefined();
    expect(token?.contentType).toBe('application/x-www-form-urlencoded');
    expect(token?.body).toEqual({
      grant_type: 'authorization_code',
      code,
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uri: CALLBACK,
      scope: 'read write',
    });
    expect(verify?.authorization).toBe(`Bearer ${TOKEN}`);

    const channel = await admin.get<ChannelView>(`/api/channels/${channelId}`);
    expect(channel.body).toMatchObject({ network: 'mastodon', status: 'active' });
    expect(channel.body.handle).toBe(`@kari@${new URL(server.url).host}`);
    expect(channel.body.limits.text.max).toBe(640);
    const audit = await admin.get<{ entries: { action: string }[] }>('/api/audit');
    expect(audit.body.entries.map((e) => e.action)).toContain('channel.connect');
  });

  it('a state works once; a refused authorization connects nothing', async () => {
    const start = await admin.post<Started>('/api/oauth/mastodon', { instanceUrl: server.url });
    const back = await authorize(start.body.authorizeUrl);
    const first = await admin.get(`${back.pathname}${back.search}`);
    expect(String(first.headers.location)).toContain('mastodon=reconnected');
    const again = await admin.get(`${back.pathname}${back.search}`);
    const failed = new URL(String(again.headers.location), 'http://stemme.test');
    expect(failed.searchParams.get('mastodon')).toBe('failed');
    expect(failed.searchParams.get('reason')).toBe('authorization_used');

    const unknown = await admin.get('/api/oauth/mastodon/callback?state=forged-state&code=x');
    expect(String(unknown.headers.location)).toContain('reason=authorization_not_found');

    const denied = await admin.post<Started>('/api/oauth/mastodon', { instanceUrl: server.url });
    server.denyNext();
    const refusal = await authorize(denied.body.authorizeUrl);
    expect(refusal.searchParams.get('error')).toBe('access_denied');
    server.requests.length = 0;
    const res = await admin.get(`${refusal.pathname}${refusal.search}`);
    const where = new URL(String(res.headers.location), 'http://stemme.test');
    expect(where.searchParams.get('reason')).toBe('authorization_denied');
    expect(where.searchParams.get('message')).toMatch(/did not authorize Stemme: The resource owner/);
    expect(server.requests).toEqual([]);
  });

  it('only the person who started it, in that organisation, can finish it; an expired one is gone', async () => {
    const { client: otherAdmin } = await addMember(app, admin, 'admin', 'sigrid@example.no');
    const { client: editor } = await addMember(app, admin, 'editor', 'edvard@example.no');
    const start = await admin.post<Started>('/api/oauth/mastodon', { instanceUrl: server.url });
    const back = await authorize(start.body.authorizeUrl);
    const theirs = await otherAdmin.get(`${back.pathname}${back.search}`);
    expect(String(theirs.headers.location)).toContain('reason=authorization_elsewhere');
    expect((await editor.get(`${back.pathname}${back.search}`)).status).toBe(403);
    expect((await editor.post('/api/oauth/mastodon', { instanceUrl: server.url })).status).toBe(403);
    const code = back.searchParams.get('code')!;
    const pasted = await otherAdmin.post(`/api/oauth/mastodon/${start.body.id}/code`, { code });
    expect(pasted.status).toBe(403);

    await get()
      .db.update(mastodonAuthorizations)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(mastodonAuthorizations.id, start.body.id));
    const late = await admin.get(`${back.pathname}${back.search}`);
    expect(String(late.headers.location)).toContain('reason=authorization_expired');
  });

  it('the paste-the-code fallback: a wrong code can be corrected, the right one reconnects the channel', async () => {
    await get().db.execute(
      sql`update channels set status = 'reconnect_needed', status_reason = 'token revoked' where id = ${channelId}`,
    );
    const start = await admin.post<Started>('/api/oauth/mastodon', { instanceUrl: server.url, channelId });
    expect(start.status).toBe(201);
    const code = await codeFromPage(start.body.codeUrl);
    const wrong = await admin.post<{ error: string; message: string }>(
      `/api/oauth/mastodon/${start.body.id}/code`,
      { code: 'not-the-code' },
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toBe('code_refused');
    expect(wrong.body.message).toMatch(/^code: .* refused this code \(.*invalid_grant/);
    server.requests.length = 0;
    const ok = await admin.post<{ channel: ChannelView; reconnected: boolean }>(
      `/api/oauth/mastodon/${start.body.id}/code`,
      { code: ` ${code} ` },
    );
    expect(ok.status).toBe(200);
    expect(ok.body.reconnected).toBe(true);
    expect(ok.body.channel).toMatchObject({ id: channelId, status: 'active' });
    expect(server.requests[0]?.body).toMatchObject({ code, redirect_uri: OOB });
    const reused = await admin.post(`/api/oauth/mastodon/${start.body.id}/code`, { code });
    expect(reused.status).toBe(410);
    const channels = await admin.get<{ channels: ChannelView[] }>('/api/channels');
    expect(channels.body.channels.filter((c) => c.network === 'mastodon')).toHaveLength(1);
  });

  it('reconnecting a Sandbox channel through Mastodon OAuth is refused', async () => {
    const sandbox = await admin.post<{ id: string }>('/api/channels', { network: 'sandbox', handle: 'sb' });
    const res = await admin.post<{ message: string }>('/api/oauth/mastodon', {
      instanceUrl: server.url,
      channelId: sandbox.body.id,
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('channelId: is not a Mastodon channel');
  });
});

describe('logs', () => {
  it('never carry the OAuth code or state of a callback', () => {
    expect(maskTokensInUrl('/api/oauth/mastodon/callback?code=abc123&state=xyz')).toBe(
      '/api/oauth/mastodon/callback?code=***&state=***',
    );
    expect(maskTokensInUrl('/api/oauth/mastodon/callback?state=s&error=access_denied')).toBe(
      '/api/oauth/mastodon/callback?state=***&error=access_denied',
    );
    expect(maskTokensInUrl('/api/posts?limit=5')).toBe('/api/posts?limit=5');
  });
});
