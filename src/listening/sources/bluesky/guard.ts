// The SSRF guard for the live sources' user-given addresses (relay, Jetstream, AppView, Mastodon instance):
// WebSocket URLs are vetted like http(s) ones, every (re)connection resolves and vets the host again, and
// HTTP requests go through the pinned, redirect-checking safeRequest.
import { lookup as dnsLookup } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { Readable } from 'node:stream';
import { checkUrl, classifyAddress, safeRequest, UnsafeUrlError } from '../../../security/ssrf.ts';

export interface UrlPolicy {
  /** Explicit admin setting, off by default: allows private and loopback addresses (tests need loopback). */
  allowPrivate?: boolean;
  allowedAddresses?: readonly string[];
}

/** ws:// and wss:// checked as http:// and https://; anything else is refused. */
export async function vetStreamUrl(input: string, policy: UrlPolicy = {}): Promise<URL> {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new UnsafeUrlError('invalid_url', `"${input}" is not a valid URL`, input);
  }
  const scheme = { 'ws:': 'http:', 'wss:': 'https:', 'http:': 'http:', 'https:': 'https:' }[url.protocol];
  if (!scheme)
    throw new UnsafeUrlError(
      'scheme',
      `Only ws, wss, http and https URLs are allowed, not ${url.protocol}`,
      input,
    );
  const asHttp = new URL(url.href.replace(/^[a-z]+:/, scheme));
  await checkUrl(asHttp, policy);
  return url;
}

/** The same URL with a WebSocket scheme (http → ws, https → wss). */
export function toWebSocketUrl(url: string): string {
  return url.replace(/^http(s?):/, 'ws$1:');
}

function allowed(address: string, policy: UrlPolicy): boolean {
  if (policy.allowedAddresses?.includes(address)) return true;
  const cls = classifyAddress(address);
  return cls === null || (policy.allowPrivate === true && cls !== 'cloud metadata');
}

/**
 * A DNS lookup for socket connections that answers only with vetted addresses, so a host that turns private
 * between two reconnections (DNS rebinding) is refused at connect time.
 */
export function guardedLookup(policy: UrlPolicy = {}): LookupFunction {
  return (host, options, callback) => {
    dnsLookup(host, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = addresses as unknown as Array<{ address: string; family: number }>;
      const bad = list.find((a) => !allowed(a.address, policy));
      if (bad || list.length === 0) {
        const why = bad
          ? `${host} resolves to ${bad.address}, a ${classifyAddress(bad.address)} address; such addresses are refused unless an admin allows private networks`
          : `The host ${host} could not be resolved`;
        return callback(Object.assign(new Error(why), { code: 'EUNSAFEADDRESS' }), '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, a: typeof list) => void)(null, list);
      const first = list[0]!;
      callback(null, first.address, first.family);
    });
  };
}

/** A fetch for clients that take one (AtpAgent): every request goes through the SSRF-guarded safeRequest. */
export function guardedFetch(policy: UrlPolicy = {}): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const headers: Record<string, string> = {};
    request.headers.forEach((v, k) => {
      headers[k] = v;
    });
    const body = request.body ? new Uint8Array(await request.arrayBuffer()) : undefined;
    const res = await safeRequest(request.url, {
      method: request.method,
      headers,
      ...(body ? { body } : {}),
      signal: request.signal,
      maxRedirects: 3,
      ...policy,
    });
    const responseHeaders = new Headers();
    for (const [k, v] of Object.entries(res.headers)) {
      if (Array.isArray(v)) for (const one of v) responseHeaders.append(k, one);
      else if (v !== undefined) responseHeaders.set(k, v);
    }
    const noBody = res.status === 204 || res.status === 304 || request.method === 'HEAD';
    if (noBody) res.body.resume();
    return new Response(noBody ? null : (Readable.toWeb(res.body) as ReadableStream<Uint8Array>), {
      status: res.status,
      headers: responseHeaders,
    });
  };
}
