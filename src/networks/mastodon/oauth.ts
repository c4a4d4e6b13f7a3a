// Mastodon's OAuth: register an app on the instance, send the person to its authorize page, exchange the code
// for a token. Every request goes through the SSRF guard (the instance URL is user input); the token is then
// checked with verify_credentials by the connector, like a pasted access token.
import { type SsrfOptions, safeRequest, UnsafeUrlError } from '../../security/ssrf.ts';
import { NetworkError } from '../types.ts';

/** The redirect URI that makes the instance show the code instead of redirecting: the paste-the-code fallback. */
export const OOB_REDIRECT = 'urn:ietf:wg:oauth:2.0:oob';
export const SCOPES = 'read write';
const MAX_RESPONSE = 64 * 1024;

export interface OAuthApp {
  clientId: string;
  clientSecret: string;
}

/**
 * "mastodon.social", "https://mastodon.social/" or "https://mastodon.social/@kari" → "https://mastodon.social".
 * Throws UnsafeUrlError('invalid_url') for anything that is not an http(s) address.
 */
export function instanceOrigin(input: string): string {
  const trimmed = input.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new UnsafeUrlError('invalid_url', `"${trimmed}" is not a server address`, trimmed);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new UnsafeUrlError(
      'scheme',
      `Only http and https addresses are allowed, not ${url.protocol}`,
      trimmed,
    );
  if (url.username || url.password)
    throw new UnsafeUrlError('invalid_url', 'The address must not contain a user name or password', trimmed);
  return url.origin;
}

async function readJson(body: NodeJS.ReadableStream): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buf.length;
    if (size > MAX_RESPONSE) throw new NetworkError('permanent', 'the instance sent too large an answer');
    chunks.push(buf);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    throw new NetworkError('permanent', 'the instance did not answer like a Mastodon server', 'not_mastodon');
  }
}

/** A form POST to the instance; answers with the parsed JSON or a classified NetworkError. */
async function post(
  instance: string,
  path: string,
  form: Record<string, string>,
  doing: string,
  policy: SsrfOptions,
  signal?: AbortSignal,
): Promise<Record<string, unknown>> {
  let res: Awaited<ReturnType<typeof safeRequest>>;
  try {
    res = await safeRequest(`${instance}${path}`, {
      ...policy,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form).toString(),
      // A token endpoint that redirects is not one to trust with a client secret.
      maxRedirects: 0,
      ...(signal && { signal }),
    });
  } catch (err) {
    if (err instanceof UnsafeUrlError) throw err;
    const text = err instanceof Error ? err.message : String(err);
    throw new NetworkError('retry', `${doing}: ${text}`, 'network');
  }
  const json = await readJson(res.body).catch((err: unknown) => {
    if (res.status >= 200 && res.status < 300) throw err;
    return {};
  });
  const body = (json && typeof json === 'object' ? json : {}) as Record<string, unknown>;
  if (res.status >= 200 && res.status < 300) return body;
  const said = [body.error, body.error_description].filter((v) => typeof v === 'string').join(': ');
  const message = `${doing}: ${res.status}${said ? ` ${said}` : ''}`;
  if (res.status === 400 || res.status === 401 || res.status === 403)
    return Promise.reject(new NetworkError('auth', message, String(body.error ?? res.status)));
  if (res.status === 429 || res.status >= 500)
    return Promise.reject(new NetworkError('retry', message, String(res.status)));
  return Promise.reject(new NetworkError('permanent', message, String(res.status)));
}

/** POST /api/v1/apps: a client for this authorization, allowed to redirect to our callback or show the code. */
export async function registerApp(
  instance: string,
  opts: { redirectUris: string[]; clientName: string; website?: string },
  policy: SsrfOptions,
): Promise<OAuthApp> {
  const body = await post(
    instance,
    '/api/v1/apps',
    {
      client_name: opts.clientName,
      // One URI per line: every Mastodon version reads this; arrays only since 4.3.
      redirect_uris: opts.redirectUris.join('\n'),
      scopes: SCOPES,
      ...(opts.website && { website: opts.website }),
    },
    'registering Stemme with the instance',
    policy,
  );
  if (typeof body.client_id !== 'string' || typeof body.client_secret !== 'string')
    throw new NetworkError('permanent', 'the instance did not return an app id and secret', 'not_mastodon');
  return { clientId: body.client_id, clientSecret: body.client_secret };
}

/** The instance's page where the person signs in and allows Stemme. */
export function authorizeUrl(
  instance: string,
  opts: { clientId: string; redirectUri: string; state: string },
): string {
  const url = new URL('/oauth/authorize', instance);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: opts.clientId,
    redirect_uri: opts.redirectUri,
    scope: SCOPES,
    state: opts.state,
  }).toString();
  return url.href;
}

/** POST /oauth/token: the code for an access token, with the same redirect URI the authorize page had. */
export async function exchangeCode(
  instance: string,
  opts: OAuthApp & { redirectUri: string; code: string },
  policy: SsrfOptions,
): Promise<string> {
  const body = await post(
    instance,
    '/oauth/token',
    {
      grant_type: 'authorization_code',
      code: opts.code,
      client_id: opts.clientId,
      client_secret: opts.clientSecret,
      redirect_uri: opts.redirectUri,
      scope: SCOPES,
    },
    'exchanging the authorization code',
    policy,
  );
  if (typeof body.access_token !== 'string' || body.access_token.length === 0)
    throw new NetworkError('permanent', 'the instance did not return an access token', 'not_mastodon');
  return body.access_token;
}
