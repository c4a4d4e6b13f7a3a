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
  /** Awaited before answering (e.g. to answer two feeds' requests at the same moment). */
  before?: () => Promise<void>;
}

export class FeedServer {
  readonly feeds = new Map<string, ServedFeed>();
  readonly requests: { path: string; ifNoneMatch: string | undefined }[] = [];
  #server: http.Server | undefined;
  url = '';

  async start(): Promise<this> {
    this.#server = http.createServer(async (req, res) => {
      const path = (req.url ?? '/').split('?')[0]!;
      const ifNoneMatch = req.headers['if-none-match'];
      this.requests.push({ path, ifNoneMatch });
      const feed = this.feeds.get(path);
      if (!feed) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      await feed.before?.();
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
  /** Defaults to https://feed.example.no/<guid>; null: the item has no link. */
  link?: string | null;
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
${i.link === null ? '' : `<link>${esc(i.link ?? `https://feed.example.no/${i.guid}`)}</link>`}
${i.author ? `<dc:creator>${esc(i.author)}</dc:creator>` : ''}
<pubDate>${i.published.toUTCString()}</pubDate><description>${esc(i.text)}</description></item>`,
  )
  .join('\n')}
</channel></rss>`;
}

/** The article both of `newspaperFeeds` carry, as the front page links it. */
export const SHARED_ARTICLE = 'https://www.avis.example.no/nyheter/fjellvind-kutter-prisene';
export const NO_LINK_ITEM = { title: 'Kort fortalt', text: 'Strømmen er tilbake i hele byen etter natten.' };

/**
 * A newspaper's front page and business section feeds: the same article under their own GUIDs (the
 * section's link spelt without www, with a trailing slash and tracking parameters), an article of each
 * feed's own, an item without a link in both, and in both an item of its own linking only to the homepage.
 */
export function newspaperFeeds(now = new Date()): { front: string; section: string } {
  const ago = (hours: number) => new Date(now.getTime() - hours * 3_600_000);
  const item = (guid: string, link: string | null, title: string, text: string, hours: number): RssItem => ({
    guid,
    link,
    title,
    text,
    published: ago(hours),
  });
  return {
    front: rss('Avisa – forsiden', 'nb-NO', [
      item(
        'forside-1',
        SHARED_ARTICLE,
        'Fjellvind kutter prisene',
        'Fjellvind kutter strømprisene for alle kunder fra neste måned.',
        1,
      ),
      item(
        'forside-2',
        'https://avis.example.no/sport/seier-i-kveld',
        'Seier i kveld',
        'Laget vant 3–1 på hjemmebane i kveld.',
        2,
      ),
      item('forside-3', null, NO_LINK_ITEM.title, NO_LINK_ITEM.text, 3),
      item('forside-4', 'https://avis.example.no/', 'Dagens sitat', '«Strøm er ferskvare.»', 4),
    ]),
    section: rss('Avisa – økonomi', 'nb-NO', [
      item(
        'okonomi-77',
        'https://avis.example.no/nyheter/fjellvind-kutter-prisene/?utm_source=rss&utm_medium=okonomi',
        'Fjellvind kutter prisene',
        'Strømselskapet Fjellvind senker prisene. Økonomiredaksjonen har regnet på hva det betyr.',
        1,
      ),
      item(
        'okonomi-78',
        'https://avis.example.no/okonomi/renten-uendret',
        'Renten uendret',
        'Norges Bank holder renten uendret denne gangen.',
        2,
      ),
      item('okonomi-79', null, NO_LINK_ITEM.title, NO_LINK_ITEM.text, 3),
      item('okonomi-80', 'https://www.avis.example.no/', 'Børsen i dag', 'Oslo Børs steg svakt i dag.', 4),
    ]),
  };
}
