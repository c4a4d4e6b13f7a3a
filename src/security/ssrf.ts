// SSRF guard for every user-given URL (feeds, webhooks, instance URLs): only http(s), every resolved
// address must be public, the connection goes to the address that was checked, and each redirect is
// checked again. Private networks are reachable only when an admin sets `allowPrivate` explicitly.
import { lookup as dnsLookup } from 'node:dns/promises';
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/** Why an address is refused; shown to the user, so the names are plain. */
export type AddressClass =
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'unique-local'
  | 'carrier-grade NAT'
  | 'multicast'
  | 'broadcast'
  | 'unspecified'
  | 'cloud metadata'
  | 'reserved';

export type UnsafeUrlReason = 'invalid_url' | 'scheme' | 'unresolvable' | 'address' | 'too_many_redirects';

export class UnsafeUrlError extends Error {
  override readonly name = 'UnsafeUrlError';
  constructor(
    readonly reason: UnsafeUrlReason,
    message: string,
    readonly url: string,
    readonly address?: string,
    readonly addressClass?: AddressClass,
  ) {
    super(message);
  }
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to all its addresses; injectable so tests can play DNS. */
export type HostResolver = (host: string) => Promise<ResolvedAddress[]>;

export interface SsrfOptions {
  /** Off by default: allows private, loopback and link-local targets (admins, tests); never metadata. */
  allowPrivate?: boolean;
  /** Exact addresses an admin trusts although they are private (one intranet host, not a whole range). */
  allowedAddresses?: readonly string[];
  resolve?: HostResolver;
}

export interface CheckedUrl {
  url: URL;
  addresses: ResolvedAddress[];
}

// Metadata services answer on addresses that some range tables call plain unicast or reserved;
// naming them makes the refusal readable ("cloud metadata") rather than a generic class.
const METADATA_ADDRESSES = new Set(
  ['169.254.169.254', '169.254.170.2', '100.100.100.200', '192.0.0.192', 'fd00:ec2::254'].map((a) =>
    ipaddr.parse(a).toString(),
  ),
);

const RANGE_CLASS: Record<string, AddressClass> = {
  loopback: 'loopback',
  private: 'private',
  linkLocal: 'link-local',
  uniqueLocal: 'unique-local',
  carrierGradeNat: 'carrier-grade NAT',
  multicast: 'multicast',
  broadcast: 'broadcast',
  unspecified: 'unspecified',
};

function canonical(address: string): string {
  return ipaddr.process(address).toString();
}

/** The class of a non-public address, or null when the address is public unicast. */
export function classifyAddress(address: string): AddressClass | null {
  if (!ipaddr.isValid(address)) return 'reserved';
  // process() turns IPv4-mapped / IPv4-compatible IPv6 (::ffff:10.0.0.1) into the IPv4 it carries.
  const ip = ipaddr.process(address);
  if (METADATA_ADDRESSES.has(ip.toString())) return 'cloud metadata';
  const range = ip.range();
  if (range === 'unicast') return null;
  // Everything else (6to4, Teredo, NAT64, documentation, benchmarking, 240/4 …) can tunnel to or
  // stand for an internal network, so it is refused as reserved.
  return RANGE_CLASS[range] ?? 'reserved';
}

const defaultResolve: HostResolver = async (host) => {
  const found = await dnsLookup(host, { all: true, verbatim: true });
  return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

function hostOf(url: URL): string {
  // WHATWG URL keeps brackets around IPv6 literals and already normalises odd IPv4 forms (0x7f.1).
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

/** Parses and vets a URL; resolves its host and refuses it when any address is not public. */
export async function checkUrl(input: string | URL, opts: SsrfOptions = {}): Promise<CheckedUrl> {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new UnsafeUrlError('invalid_url', `"${String(input)}" is not a valid URL`, String(input));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new UnsafeUrlError('scheme', `Only http and https URLs are allowed, not ${url.protocol}`, url.href);
  }
  const host = hostOf(url);
  let addresses: ResolvedAddress[];
  if (ipaddr.isValid(host)) {
    addresses = [{ address: host, family: ipaddr.parse(host).kind() === 'ipv6' ? 6 : 4 }];
  } else {
    try {
      addresses = await (opts.resolve ?? defaultResolve)(host);
    } catch {
      addresses = [];
    }
    if (addresses.length === 0) {
      throw new UnsafeUrlError('unresolvable', `The host ${host} could not be resolved`, url.href);
    }
  }
  // Every record must pass: an attacker's DNS may mix a public and a private answer.
  const trusted = new Set((opts.allowedAddresses ?? []).filter(ipaddr.isValid).map(canonical));
  for (const { address } of addresses) {
    if (ipaddr.isValid(address) && trusted.has(canonical(address))) continue;
    const cls = classifyAddress(address);
    // Allowing private networks (an intranet feed) must not also hand out cloud credentials, so
    // metadata addresses stay refused unless listed one by one.
    if (!cls || (opts.allowPrivate && cls !== 'cloud metadata')) continue;
    const remedy =
      cls === 'cloud metadata'
        ? 'it is refused even when private networks are allowed'
        : 'such addresses are refused unless an admin allows private networks';
    throw new UnsafeUrlError(
      'address',
      `${url.host} resolves to ${address}, a ${cls} address; ${remedy}`,
      url.href,
      address,
      cls,
    );
  }
  return { url, addresses };
}

/** A lookup that only ever answers with the vetted addresses, so DNS cannot rebind after the check. */
function pinnedLookup(addresses: ResolvedAddress[]): LookupFunction {
  return (_host, options, callback) => {
    // Honour a family hint when we can, but never answer with anything outside the vetted set.
    const fitting = addresses.filter((a) => !options.family || a.family === options.family);
    const answer = fitting.length > 0 ? fitting : addresses;
    const first = answer[0]!;
    if (options.all) callback(null, answer);
    else callback(null, first.address, first.family);
  };
}

export interface SafeRequestOptions extends SsrfOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Redirects followed, each hop re-checked; default 5. */
  maxRedirects?: number;
  signal?: AbortSignal;
}

export interface SafeResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The URL that finally answered, after redirects. */
  url: string;
  /** The response stream, unread: the caller decides how much of it to take. */
  body: IncomingMessage;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
// Credentials meant for one origin must not follow a redirect to another.
const ORIGIN_BOUND_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

function send(
  checked: CheckedUrl,
  opts: SafeRequestOptions,
  method: string,
  body: SafeRequestOptions['body'],
) {
  const { url, addresses } = checked;
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise<IncomingMessage>((resolve, reject) => {
    const req = transport.request(url, {
      method,
      headers: opts.headers,
      lookup: pinnedLookup(addresses),
      signal: opts.signal,
      // No connection reuse: a pooled socket could belong to an address checked for another URL.
      agent: false,
    });
    req.on('response', resolve);
    req.on('error', reject);
    req.end(body);
  });
}

/** An HTTP request to a user-given URL with the SSRF guard applied to the first URL and every redirect. */
export async function safeRequest(input: string | URL, opts: SafeRequestOptions = {}): Promise<SafeResponse> {
  const maxRedirects = opts.maxRedirects ?? 5;
  let method = opts.method ?? 'GET';
  let body = opts.body;
  let headers = { ...opts.headers };
  let current = new URL(input);
  for (let hop = 0; ; hop++) {
    const checked = await checkUrl(current, opts);
    const res = await send(checked, { ...opts, headers }, method, body);
    const status = res.statusCode ?? 0;
    const location = res.headers.location;
    if (!REDIRECTS.has(status) || !location) {
      return { status, headers: res.headers, url: current.href, body: res };
    }
    res.resume(); // discard the redirect's body so the socket closes
    if (hop >= maxRedirects) {
      throw new UnsafeUrlError(
        'too_many_redirects',
        `Gave up after ${maxRedirects} redirects (last to ${location})`,
        current.href,
      );
    }
    const next = new URL(location, current);
    if (next.origin !== current.origin) {
      headers = Object.fromEntries(
        Object.entries(headers).filter(([k]) => !ORIGIN_BOUND_HEADERS.includes(k.toLowerCase())),
      );
    }
    if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
      method = 'GET';
      body = undefined;
    }
    current = next;
  }
}
