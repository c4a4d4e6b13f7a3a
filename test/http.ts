// Drives the real Fastify app in-process like a browser would: cookies kept, CSRF header echoed.
import pino from 'pino';
import type { Database } from '../src/db/connect.ts';
import { type App, buildApp } from '../src/http/app.ts';
import type { NetworkRegistry } from '../src/networks/registry.ts';
import { SecretBox } from '../src/security/secret-box.ts';

export async function testApp(
  database: Database,
  opts: { webDir?: string; networks?: NetworkRegistry; allowPrivateNetworks?: boolean } = {},
): Promise<App> {
  const app = await buildApp({
    database,
    config: {
      secureCookies: false,
      publicUrl: 'http://stemme.test',
      trustProxy: false,
      allowPrivateNetworks: opts.allowPrivateNetworks ?? false,
    },
    secretBox: new SecretBox(Buffer.alloc(32, 1)),
    logger: pino({ level: 'silent' }),
    webDir: opts.webDir,
    ...(opts.networks && { networks: opts.networks }),
  });
  await app.ready();
  return app;
}

export interface Reply<T = unknown> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export class Client {
  readonly cookies = new Map<string, string>();

  constructor(
    readonly app: App,
    readonly opts: { csrf?: boolean; ip?: string } = {},
  ) {}

  async request<T = Record<string, unknown>>(method: Method, url: string, body?: unknown): Promise<Reply<T>> {
    if (!this.cookies.has('stemme_csrf') && method !== 'GET') await this.request('GET', '/api/setup');
    const headers: Record<string, string> = {};
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (this.opts.csrf !== false && this.cookies.has('stemme_csrf'))
      headers['x-csrf-token'] = this.cookies.get('stemme_csrf')!;
    const res = await this.app.inject({
      method,
      url,
      headers,
      remoteAddress: this.opts.ip ?? '127.0.0.1',
      ...(body !== undefined && { payload: body as object }),
    });
    for (const c of res.cookies) {
      if (c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const text = res.body;
    let parsed: unknown = text;
    if ((res.headers['content-type'] ?? '').toString().includes('json') && text) parsed = JSON.parse(text);
    return { status: res.statusCode, body: parsed as T, headers: res.headers };
  }

  get = <T = Record<string, unknown>>(url: string) => this.request<T>('GET', url);
  post = <T = Record<string, unknown>>(url: string, body?: unknown) =>
    this.request<T>('POST', url, body ?? {});
  put = <T = Record<string, unknown>>(url: string, body?: unknown) => this.request<T>('PUT', url, body ?? {});
  patch = <T = Record<string, unknown>>(url: string, body?: unknown) =>
    this.request<T>('PATCH', url, body ?? {});
  delete = <T = Record<string, unknown>>(url: string) => this.request<T>('DELETE', url);
}

export const PASSWORD = 'et langt og godt passord';

/** Onboards the first organisation through the API; returns the admin's client. */
export async function onboardAdmin(app: App, over: Partial<Record<string, string>> = {}) {
  const admin = new Client(app);
  const res = await admin.post<{ user: { id: string }; org: { id: string } }>('/api/setup', {
    orgName: 'Fjordkraft Kommunikasjon',
    name: 'Ingrid Admin',
    email: 'ingrid@example.no',
    password: PASSWORD,
    locale: 'nb',
    timeZone: 'Europe/Oslo',
    ...over,
  });
  if (res.status !== 201) throw new Error(`onboarding failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { admin, userId: res.body.user.id, orgId: res.body.org.id };
}

/** Invites someone with a role and signs them up through the link; returns their client. */
export async function addMember(app: App, admin: Client, role: string, email: string) {
  const inv = await admin.post<{ url: string }>('/api/team/invitations', { email, role });
  if (inv.status !== 201) throw new Error(`invite failed: ${inv.status} ${JSON.stringify(inv.body)}`);
  const token = inv.body.url.split('/invite/')[1]!;
  const member = new Client(app);
  const res = await member.post<{ user: { id: string } }>(`/api/invitations/${token}/accept`, {
    name: `${role} person`,
    email,
    password: PASSWORD,
  });
  if (res.status !== 200) throw new Error(`accept failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { client: member, userId: res.body.user.id };
}

/** The onboarded admin signed in a second time, in a second organisation of theirs: to see nothing leaks across. */
export async function adminInAnotherOrg(app: App, orgName = 'Annen Org'): Promise<Client> {
  const other = new Client(app);
  const login = await other.post('/api/auth/login', { email: 'ingrid@example.no', password: PASSWORD });
  if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
  const org = await other.post('/api/orgs', { name: orgName });
  if (org.status !== 201)
    throw new Error(`second organisation failed: ${org.status} ${JSON.stringify(org.body)}`);
  return other;
}
