// A real local HTTP server that serves feeds for tests: ETag/Last-Modified with 304s, mutable content, and
// broken answers on purpose. It counts requests so tests can see conditional GETs happen.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ServedFeed {
  status?: number;
  contentType?: string;
  body: string | Buffer;
  /** Sent as ETag; a request with a matching If-None-Match gets 304. */
  etag?: string;
}

export class FeedServer {
  readonly feeds = new Map<string, ServedFeed>();
  readonly requests: { path: string; ifNoneMatch: string | undefined }[] = [];
  #server: http.Server | undefined;
  url = '';

  async start(): Promise<this> {
    this.#server = http.createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0]!;
      const ifNoneMatch = req.headers['if-none-match'];
      this.requests.push({ path, ifNoneMatch });
      const feed = this.feeds.get(path);
      if (!feed) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      if (feed.etag && ifNoneMatch === feed.etag) {
        res.writeHead(304, { etag: feed.etag }).end();
        return;
      }
      res
        .writeHead(feed.status ?? 200, {
          'content-type': feed.contentType ?? 'application/rss+xml; charset=utf-8',
          ...(feed.etag ? { etag: feed.etag } : {}),
        })
        .end(feed.body);
    });
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      if (!this.#server) return resolve();
      this.#server.closeAllConnections();
      this.#server.close(() => resolve());
    });
  }
}

export interface RssItem {
  guid: string;
  title: string;
  text: string;
  author?: string;
  link?: string;
  published: Date;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An RSS 2.0 document with the given items. */
export function rss(title: string, language: string, items: RssItem[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>${esc(title)}</title><link>https://feed.example.no/</link><language>${language}</language>
${items
  .map(
    (i) => `<item><title>${esc(i.title)}</title><guid isPermaLink="false">${esc(i.guid)}</guid>
<link>${esc(i.link ?? `https://feed.example.no/${i.guid}`)}</link>
${i.author ? `<dc:creator>${esc(i.author)}</dc:creator>` : ''}
<pubDate>${i.published.toUTCString()}</pubDate><description>${esc(i.text)}</description></item>`,
  )
  .join('\n')}
</channel></rss>`;
}
