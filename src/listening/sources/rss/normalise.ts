// Parses a decoded feed with feedsmith (RSS 2.0, Atom, RDF, JSON Feed) and normalises every item to
// one FeedItem shape. feedsmith tolerates bare `&` and HTML entities and never expands DTD entities.
import { createHash } from 'node:crypto';
import { type AnyFeed, type AtomFeed, type JsonFeed, parseFeed, type RdfFeed, type RssFeed } from 'feedsmith';
import { absoluteHttpUrl, htmlLinks, htmlToText } from './html-text.ts';
import type { FeedItem, ParsedFeed } from './types.ts';

/** Raised when the text is not a feed feedsmith recognises, or is malformed beyond its tolerance. */
export class FeedParseError extends Error {
  override readonly name = 'FeedParseError';
}

interface ItemParts {
  id?: string | undefined;
  url?: string | undefined;
  title?: string | undefined;
  html?: string | undefined;
  author?: string | undefined;
  date?: string | undefined;
  lang?: string | undefined;
  extraLinks?: Array<string | undefined>;
}

/** Plain text made safe to pass through the HTML-to-text step unchanged. */
function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

function toDate(value: string | undefined): Date | null {
  if (!value) return null;
  const d = new Date(value.trim());
  return Number.isNaN(d.getTime()) ? null : d;
}

/** ISO 639-1 from a tag such as `nb-NO` or `en_US`; anything else is dropped rather than guessed. */
function toLang(tag: string | undefined): string | undefined {
  const primary = tag?.trim().toLowerCase().split(/[-_]/)[0];
  return primary && /^[a-z]{2}$/.test(primary) ? primary : undefined;
}

function clean(s: string | undefined): string | undefined {
  const t = s?.trim();
  return t ? t : undefined;
}

function toItem(p: ItemParts, base: string | null, feedLang: string | undefined): FeedItem {
  const url = p.url ? absoluteHttpUrl(p.url.trim(), base) : null;
  const html = p.html ?? '';
  const text = htmlToText(html);
  const title = clean(p.title) ? htmlToText(p.title ?? '') : null;
  const links = [
    ...new Set([
      url,
      ...(p.extraLinks ?? []).map((l) => (l ? absoluteHttpUrl(l, base) : null)),
      ...htmlLinks(html, url ?? base),
    ]),
  ].filter((l): l is string => l !== null);
  // Items without guid or link still need a stable id, so repeated polls do not duplicate them.
  const id =
    clean(p.id) ??
    url ??
    `sha256:${createHash('sha256')
      .update(`${title ?? ''}\n${text}`)
      .digest('hex')}`;
  const lang = toLang(p.lang) ?? feedLang;
  return {
    id,
    url,
    title,
    text,
    author: clean(p.author) ?? null,
    publishedAt: toDate(p.date),
    links,
    ...(lang ? { lang } : {}),
  };
}

function fromRss(feed: RssFeed.Feed<string>): ParsedFeed {
  const siteUrl = clean(feed.link) ?? null;
  const feedLang = toLang(feed.language ?? feed.dc?.languages?.[0]);
  const items = (feed.items ?? []).map((it) => {
    const guid = clean(it.guid?.value);
    // A guid is a permalink unless it says otherwise (RSS 2.0 default).
    const guidUrl = guid && it.guid?.isPermaLink !== false ? absoluteHttpUrl(guid, null) : null;
    return toItem(
      {
        id: guid,
        url: it.link ?? guidUrl ?? undefined,
        title: it.title,
        html: it.content?.encoded ?? it.description,
        author: it.dc?.creators?.[0] ?? it.authors?.[0]?.name,
        date: it.pubDate ?? it.dc?.dates?.[0],
        lang: it.dc?.languages?.[0],
      },
      siteUrl,
      feedLang,
    );
  });
  return { title: clean(feed.title) ?? null, siteUrl, items };
}

function atomLink(links: AtomFeed.Link<string>[] | undefined): string | undefined {
  return (links ?? []).find((l) => !l.rel || l.rel === 'alternate')?.href;
}

function fromAtom(feed: AtomFeed.Feed<string>): ParsedFeed {
  const siteUrl = clean(atomLink(feed.links)) ?? null;
  const feedLang = toLang(feed.dc?.languages?.[0]);
  const items = (feed.entries ?? []).map((e) => {
    const body = e.content?.value ?? e.summary?.value;
    const isText = (e.content?.value ? e.content.type : e.summary?.type) === 'text';
    return toItem(
      {
        id: e.id,
        url: atomLink(e.links),
        title: e.title?.type === 'text' ? escapeText(e.title.value) : e.title?.value,
        // Explicit `type="text"` is literal text (a `<` is a character, not a tag). Untyped content is
        // treated as HTML: in real feeds it usually is, whatever the spec's default says.
        html: isText && body ? escapeText(body) : body,
        author: e.authors?.[0]?.name ?? e.dc?.creators?.[0],
        date: e.published ?? e.updated,
        lang: e.dc?.languages?.[0],
        extraLinks: (e.links ?? []).filter((l) => l.rel === 'related').map((l) => l.href),
      },
      siteUrl,
      feedLang,
    );
  });
  return { title: clean(feed.title?.value) ?? null, siteUrl, items };
}

function fromRdf(feed: RdfFeed.Feed<string>): ParsedFeed {
  const siteUrl = clean(feed.link) ?? null;
  const feedLang = toLang(feed.dc?.languages?.[0]);
  const items = (feed.items ?? []).map((it) =>
    toItem(
      {
        url: it.link,
        title: it.title,
        html: it.content?.encoded ?? it.description,
        author: it.dc?.creators?.[0],
        date: it.dc?.dates?.[0],
        lang: it.dc?.languages?.[0],
      },
      siteUrl,
      feedLang,
    ),
  );
  return { title: clean(feed.title) ?? null, siteUrl, items };
}

function fromJson(feed: JsonFeed.Feed<string>): ParsedFeed {
  const siteUrl = clean(feed.home_page_url) ?? null;
  const feedLang = toLang(feed.language);
  const items = (feed.items ?? []).map((it) =>
    toItem(
      {
        id: it.id,
        url: it.url,
        title: it.title,
        html: it.content_html ?? escapeText(it.content_text ?? it.summary ?? ''),
        author: it.authors?.[0]?.name,
        date: it.date_published ?? it.date_modified,
        lang: it.language,
        extraLinks: [it.external_url],
      },
      siteUrl,
      feedLang,
    ),
  );
  return { title: clean(feed.title) ?? null, siteUrl, items };
}

/** Parses feed text of any supported format into a ParsedFeed; throws FeedParseError when it is no feed. */
export function parseFeedText(text: string): ParsedFeed {
  let parsed: AnyFeed;
  try {
    parsed = parseFeed<string>(text);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new FeedParseError(`Not a readable RSS, Atom, RDF or JSON feed (${why})`);
  }
  switch (parsed.format) {
    case 'rss':
      return fromRss(parsed.feed);
    case 'atom':
      return fromAtom(parsed.feed);
    case 'rdf':
      return fromRdf(parsed.feed);
    case 'json':
      return fromJson(parsed.feed);
  }
}
