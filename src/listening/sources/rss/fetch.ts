// Fetches one feed: SSRF-guarded conditional GET with size and time limits, decoding and parsing.
// It never throws for a feed's own failure; it returns a typed error so one bad feed stops nothing else.
import type { IncomingMessage } from 'node:http';
import { type HostResolver, safeRequest, UnsafeUrlError } from '../../../security/ssrf.ts';
import { parseRetryAfter } from './backoff.ts';
import { BodyTooLargeError, readLimited } from './body.ts';
import { decodeFeed } from './decode.ts';
import { FeedParseError, parseFeedText } from './normalise.ts';
import type { FeedError, FeedRequest, FeedResult } from './types.ts';

export interface FetchFeedOptions {
  /** Explicit admin setting; off by default. Tests turn it on to reach 127.0.0.1. */
  allowPrivate?: boolean;
  /** Exact private addresses an admin trusts (see the SSRF guard). */
  allowedAddresses?: readonly string[];
  /** Body limit after decompression; default 5 MB. */
  maxBytes?: number;
  /** Whole-request limit including the body; default 30 s. */
  timeoutMs?: number;
  maxRedirects?: number;
  userAgent?: string;
  signal?: AbortSignal;
  resolve?: HostResolver;
}

export const DEFAULT_MAX_FEED_BYTES = 5 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 30_000;
const ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5';

function header(res: IncomingMessage, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function failure(kind: FeedError['kind'], message: string, extra: Partial<FeedError> = {}): FeedError {
  return { status: 'error', kind, message, ...extra };
}

function classify(err: unknown, timedOut: boolean, timeoutMs: number): FeedError {
  if (timedOut) return failure('timeout', `The feed did not answer within ${Math.round(timeoutMs / 1000)} s`);
  if (err instanceof UnsafeUrlError) return failure('unsafe_url', err.message);
  if (err instanceof BodyTooLargeError) return failure('too_large', err.message);
  if (err instanceof FeedParseError) return failure('parse', err.message);
  const code = (err as { code?: unknown }).code;
  const why = typeof code === 'string' ? code : err instanceof Error ? err.message : String(err);
  return failure('network', `Could not reach the feed (${why})`);
}

export async function fetchFeed(feed: FeedRequest, opts: FetchFeedOptions = {}): Promise<FeedResult> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_FEED_BYTES;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  const headers: Record<string, string> = {
    accept: ACCEPT,
    'accept-encoding': 'gzip, deflate, br',
    'user-agent': opts.userAgent ?? 'Stemme feed reader',
  };
  if (feed.etag) headers['if-none-match'] = feed.etag;
  if (feed.lastModified) headers['if-modified-since'] = feed.lastModified;

  try {
    const res = await safeRequest(feed.url, {
      headers,
      signal,
      allowPrivate: opts.allowPrivate ?? false,
      maxRedirects: opts.maxRedirects ?? 5,
      ...(opts.allowedAddresses ? { allowedAddresses: opts.allowedAddresses } : {}),
      ...(opts.resolve ? { resolve: opts.resolve } : {}),
    });
    // The abort signal ends the request, but a body already streaming must be stopped too.
    const stop = () => res.body.destroy(new Error('aborted'));
    signal.addEventListener('abort', stop, { once: true });
    try {
      if (res.status === 304) {
        res.body.resume();
        return { status: 'not_modified' };
      }
      if (res.status < 200 || res.status > 299) {
        res.body.resume();
        const retryAfterMs = parseRetryAfter(header(res.body, 'retry-after'), new Date());
        return failure('http', `The feed answered HTTP ${res.status}`, {
          httpStatus: res.status,
          ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        });
      }
      const bytes = await readLimited(res.body, maxBytes);
      if (bytes.length === 0) return failure('parse', 'The feed answered with an empty body');
      const parsed = parseFeedText(decodeFeed(bytes, header(res.body, 'content-type')));
      return {
        status: 'ok',
        etag: header(res.body, 'etag') ?? null,
        lastModified: header(res.body, 'last-modified') ?? null,
        ...parsed,
      };
    } finally {
      signal.removeEventListener('abort', stop);
    }
  } catch (err) {
    return classify(err, timeout.aborted, timeoutMs);
  }
}
