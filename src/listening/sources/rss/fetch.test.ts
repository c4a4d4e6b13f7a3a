// fetchFeed against real feeds served over local HTTP, including broken, huge, hostile and mislabelled
// ones. Loopback is allowed explicitly (allowPrivate: true) except where the test proves the refusal.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchFeed } from './fetch.ts';
import { ATOM, BILLION_LAUGHS, latin1Rss, NORDIC_RSS } from './test-feeds.ts';
import type { FeedResult } from './types.ts';

const MB = 1024 * 1024;
let server: http.Server;
let base: string;
let hugeBytesSent = 0;
const zipBomb = zlib.gzipSync(Buffer.alloc(50 * MB));

type Route = (req: http.IncomingMessage, res: http.ServerResponse) => void;
const xml = (body: string | Buffer, type = 'application/rss+xml; charset=utf-8'): Route => {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': type }).end(body);
  };
};

const routes: Record<string, Route> = {
  '/nordic.xml': (req, res) => {
    const etag = '"v1"';
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304).end();
    res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag }).end(NORDIC_RSS);
  },
  '/dated.xml': (req, res) => {
    const lastModified = 'Tue, 03 Jun 2025 06:30:00 GMT';
    if (req.headers['if-modified-since'] === lastModified) return void res.writeHead(304).end();
    res.writeHead(200, { 'last-modified': lastModified, 'content-type': 'text/xml' }).end(NORDIC_RSS);
  },
  '/atom.xml': xml(ATOM, 'application/atom+xml'),
  '/broken.html': xml(
    '<!doctype html><html><body><h1>Oops, this is a web page</h1></body></html>',
    'text/html',
  ),
  '/garbage': xml(Buffer.from([0, 1, 2, 3, 255, 254, 10, 13]), 'application/octet-stream'),
  '/bomb.xml': xml(BILLION_LAUGHS),
  '/latin1.xml': xml(latin1Rss(), 'text/xml'),
  // Mislabelled: the header claims UTF-8, the bytes and the prolog say ISO-8859-1.
  '/mislabelled.xml': xml(latin1Rss(), 'text/xml; charset=utf-8'),
  '/gzip.xml': (_req, res) => {
    res
      .writeHead(200, { 'content-type': 'text/xml', 'content-encoding': 'gzip' })
      .end(zlib.gzipSync(NORDIC_RSS));
  },
  '/huge.xml': (_req, res) => {
    // 100 MB of valid-looking RSS, streamed with backpressure; counts what actually left the server.
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.write('<?xml version="1.0"?><rss version="2.0"><channel><title>huge</title>');
    const chunk = Buffer.from(`<item><title>${'x'.repeat(1000)}</title></item>`.repeat(64));
    const total = 100 * MB;
    const pump = () => {
      while (hugeBytesSent < total) {
        hugeBytesSent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      res.end('</channel></rss>');
    };
    res.on('close', () => res.removeAllListeners('drain'));
    pump();
  },
  '/zip-bomb.xml': (_req, res) => {
    // 50 MB of zeros compress to ~50 kB: the limit must count decompressed bytes.
    res.writeHead(200, { 'content-type': 'text/xml', 'content-encoding': 'gzip' }).end(zipBomb);
  },
  '/stalls.xml': (_req, res) => {
    // Headers and a first chunk, then nothing: the time limit covers the body too.
    res.writeHead(200, { 'content-type': 'text/xml' });
    res.write('<?xml version="1.0"?><rss version="2.0"><channel>');
  },
  '/slow.xml': () => {
    // Never answers: the time limit must end the request.
  },
  '/busy.xml': (_req, res) => {
    res.writeHead(429, { 'retry-after': '120' }).end('slow down');
  },
  '/gone.xml': (_req, res) => {
    res.writeHead(410).end();
  },
  '/to-private': (_req, res) => {
    res.writeHead(301, { location: 'http://192.168.1.1/feed.xml' }).end();
  },
};

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const route = routes[req.url ?? ''];
    if (route) route(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((r) => server.close(() => r()));
});

const local = { allowPrivate: true } as const;

function ok(result: FeedResult) {
  if (result.status !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(result)}`);
  return result;
}

describe('fetchFeed', () => {
  it('reads an RSS feed with Nordic text and normalises its items', async () => {
    const feed = ok(await fetchFeed({ url: `${base}/nordic.xml` }, local));
    expect(feed.title).toBe('Nyheter fra Østfold & omegn');
    expect(feed.siteUrl).toBe('https://avis.example.no/');
    expect(feed.etag).toBe('"v1"');
    const [first, second, third] = feed.items;
    expect(first).toMatchObject({
      id: 'avis-sak-1',
      url: 'https://avis.example.no/sak/1',
      title: 'Blåbærsyltetøy på Ærø & Åland',
      author: 'Kari Nordmann',
      lang: 'nb',
    });
    expect(first?.text).toBe(
      'Næringslivet i Østfold er bekymret for nettnøytralitet.\nLes mer på neste sak.',
    );
    expect(first?.links).toEqual(['https://avis.example.no/sak/1', 'https://avis.example.no/sak/2']);
    expect(first?.publishedAt?.toISOString()).toBe('2025-06-03T06:30:00.000Z');
    expect(second?.text).toBe('Tekst med ø og å');
    expect(second?.title).toBe('Bare & and entities é');
    expect(third?.id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(third?.url).toBeNull();
  });

  it('reads an Atom feed', async () => {
    const feed = ok(await fetchFeed({ url: `${base}/atom.xml` }, local));
    expect(feed.title).toBe('Svensk blogg');
    expect(feed.siteUrl).toBe('https://blogg.example.se/');
    expect(feed.items[0]).toMatchObject({
      id: 'tag:blogg.example.se,2025:1',
      url: 'https://blogg.example.se/2025/06/raksmorgas',
      title: 'Räksmörgås & kaffe',
      text: 'Det är gött med fika.',
      author: 'Sven Svensson',
    });
    expect(feed.items[0]?.publishedAt?.toISOString()).toBe('2025-06-01T10:00:00.000Z');
  });

  it('sends a conditional GET and reports 304 as not modified', async () => {
    expect(await fetchFeed({ url: `${base}/nordic.xml`, etag: '"v1"' }, local)).toEqual({
      status: 'not_modified',
    });
    const first = ok(await fetchFeed({ url: `${base}/dated.xml` }, local));
    expect(first.lastModified).toBe('Tue, 03 Jun 2025 06:30:00 GMT');
    const again = await fetchFeed({ url: `${base}/dated.xml`, lastModified: first.lastModified }, local);
    expect(again.status).toBe('not_modified');
  });

  it('refuses a broken feed with a clear error', async () => {
    const html = await fetchFeed({ url: `${base}/broken.html` }, local);
    expect(html).toMatchObject({ status: 'error', kind: 'parse' });
    expect(html.status === 'error' && html.message).toMatch(/Not a readable RSS, Atom, RDF or JSON feed/);
    expect(await fetchFeed({ url: `${base}/garbage` }, local)).toMatchObject({
      status: 'error',
      kind: 'parse',
    });
  });

  it('cuts a 100 MB feed off at the limit without reading it all', async () => {
    hugeBytesSent = 0;
    const started = Date.now();
    const result = await fetchFeed({ url: `${base}/huge.xml` }, local); // the default 5 MB limit
    expect(result).toMatchObject({ status: 'error', kind: 'too_large' });
    expect(result.status === 'error' && result.message).toMatch(/larger than the 5\.0 MB limit/);
    expect(Date.now() - started).toBeLessThan(3000);
    // Socket buffers let a little more than the limit leave the server, never the 100 MB.
    await new Promise((r) => setTimeout(r, 50));
    expect(hugeBytesSent).toBeLessThan(20 * MB);
  });

  it('parses an entity bomb quickly without expanding it', async () => {
    const started = Date.now();
    const result = await fetchFeed({ url: `${base}/bomb.xml` }, local);
    expect(Date.now() - started).toBeLessThan(1000);
    if (result.status === 'ok') {
      // Either left as literal text or dropped; never a billion "lol"s.
      expect(JSON.stringify(result).length).toBeLessThan(10_000);
      expect(result.items[0]?.title ?? '').not.toMatch(/(lol){4}/);
    } else {
      expect(result).toMatchObject({ kind: 'parse' });
    }
  });

  it('decodes ISO-8859-1 declared in the XML prolog, even under a wrong UTF-8 header', async () => {
    for (const path of ['/latin1.xml', '/mislabelled.xml']) {
      const feed = ok(await fetchFeed({ url: `${base}${path}` }, local));
      expect(feed.items[0]?.title).toBe('Rødgrød med fløde – æblekage');
      expect(feed.items[0]?.text).toBe('Søndag i Århus: “Gætter” på vejret');
    }
  });

  it('decompresses a gzip feed', async () => {
    const feed = ok(await fetchFeed({ url: `${base}/gzip.xml` }, local));
    expect(feed.items).toHaveLength(3);
  });

  it('counts decompressed bytes against the limit (gzip bomb)', async () => {
    const result = await fetchFeed({ url: `${base}/zip-bomb.xml` }, { ...local, maxBytes: 2 * MB });
    expect(result).toMatchObject({ status: 'error', kind: 'too_large' });
  });

  it('gives up on a body that stalls mid-stream', async () => {
    const result = await fetchFeed({ url: `${base}/stalls.xml` }, { ...local, timeoutMs: 300 });
    expect(result).toMatchObject({ status: 'error', kind: 'timeout' });
  });

  it('gives up after the time limit', async () => {
    const started = Date.now();
    const result = await fetchFeed({ url: `${base}/slow.xml` }, { ...local, timeoutMs: 300 });
    expect(result).toMatchObject({ status: 'error', kind: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('reports HTTP errors with Retry-After for the backoff policy', async () => {
    expect(await fetchFeed({ url: `${base}/busy.xml` }, local)).toMatchObject({
      status: 'error',
      kind: 'http',
      httpStatus: 429,
      retryAfterMs: 120_000,
    });
    expect(await fetchFeed({ url: `${base}/gone.xml` }, local)).toMatchObject({
      kind: 'http',
      httpStatus: 410,
    });
  });

  it('refuses loopback by default', async () => {
    const result = await fetchFeed({ url: `${base}/nordic.xml` });
    expect(result).toMatchObject({ status: 'error', kind: 'unsafe_url' });
    expect(result.status === 'error' && result.message).toMatch(/loopback address/);
  });

  it('refuses a redirect to a private address when private networks are not allowed', async () => {
    // Only the test server's exact address is trusted; the redirect target is a private range.
    const result = await fetchFeed({ url: `${base}/to-private` }, { allowedAddresses: ['127.0.0.1'] });
    expect(result).toMatchObject({ status: 'error', kind: 'unsafe_url' });
    expect(result.status === 'error' && result.message).toMatch(/192\.168\.1\.1, a private address/);
  });

  it('keeps other feeds flowing when one fails', async () => {
    const [bad, slow, good] = await Promise.all([
      fetchFeed({ url: `${base}/broken.html` }, local),
      fetchFeed({ url: `${base}/slow.xml` }, { ...local, timeoutMs: 300 }),
      fetchFeed({ url: `${base}/atom.xml` }, local),
    ]);
    expect(bad.status).toBe('error');
    expect(slow.status).toBe('error');
    expect(ok(good).items).toHaveLength(1);
  });
});
