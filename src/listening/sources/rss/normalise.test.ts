// Parsing and normalising without HTTP: JSON Feed, RDF, HTML stripping, charset choice.
import { describe, expect, it } from 'vitest';
import { decodeFeed, headerCharset, xmlDeclaredEncoding } from './decode.ts';
import { htmlLinks, htmlToText } from './html-text.ts';
import { FeedParseError, parseFeedText } from './normalise.ts';
import { JSON_FEED, latin1Rss, RDF } from './test-feeds.ts';

describe('parseFeedText', () => {
  it('normalises a JSON Feed', () => {
    const feed = parseFeedText(JSON_FEED);
    expect(feed).toMatchObject({ title: 'Deutscher Feed', siteUrl: 'https://feed.example.de/' });
    expect(feed.items[0]).toMatchObject({
      id: 'de-1',
      url: 'https://feed.example.de/1',
      title: 'Straße und Größe',
      text: 'Grüße aus München',
      author: 'Jörg',
      lang: 'de',
      links: ['https://feed.example.de/1', 'https://x.example.de/'],
    });
    expect(feed.items[0]?.publishedAt?.toISOString()).toBe('2025-05-01T07:00:00.000Z');
  });

  it('normalises an RDF (RSS 1.0) feed with a nynorsk item', () => {
    const feed = parseFeedText(RDF);
    expect(feed.title).toBe('RDF feed');
    expect(feed.items[0]).toMatchObject({
      id: 'https://rdf.example/1',
      title: 'Første',
      text: 'Nynorsk tekst',
      author: 'Ivar',
      lang: 'nn',
    });
  });

  it('tolerates a bare ampersand and HTML entities', () => {
    const feed = parseFeedText(
      '<rss version="2.0"><channel><title>Fisk & chips &aring;</title><item><title>A & B</title><link>https://a.example/</link></item></channel></rss>',
    );
    expect(feed.items[0]?.title).toBe('A & B');
  });

  it('keeps Atom type="text" literally', () => {
    const feed =
      parseFeedText(`<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>x</id><updated>2025-01-01T00:00:00Z</updated>
      <entry><id>e</id><title type="text">a &lt;b&gt; c</title><updated>2025-01-01T00:00:00Z</updated>
      <content type="text">x &lt; y &amp;amp; z</content></entry></feed>`);
    expect(feed.items[0]).toMatchObject({ title: 'a <b> c', text: 'x < y &amp; z' });
  });

  it('throws FeedParseError for non-feeds', () => {
    expect(() => parseFeedText('<html><body>nope</body></html>')).toThrow(FeedParseError);
    expect(() => parseFeedText('')).toThrow(FeedParseError);
  });
});

describe('htmlToText / htmlLinks', () => {
  it('strips tags, scripts and comments and keeps block breaks', () => {
    expect(htmlToText('<h1>Tittel</h1><p>Hei&nbsp;<i>på</i> deg<!-- x --></p><style>p{}</style>')).toBe(
      'Tittel\nHei på deg',
    );
  });

  it('collects absolute http links only', () => {
    expect(
      htmlLinks(
        '<a href="/a">a</a> <a href=\'javascript:alert(1)\'>x</a> <a href=https://b.example/>b</a>',
        'https://s.example/x',
      ),
    ).toEqual(['https://s.example/a', 'https://b.example/']);
  });
});

describe('decodeFeed', () => {
  it('reads charsets from the header and the prolog', () => {
    expect(headerCharset('text/xml; charset="ISO-8859-1"')).toBe('iso-8859-1');
    expect(xmlDeclaredEncoding(latin1Rss())).toBe('iso-8859-1');
  });

  it('honours a BOM, and falls back to windows-1252 for invalid undeclared UTF-8', () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<rss>ø</rss>')]);
    expect(decodeFeed(bom, 'text/xml; charset=iso-8859-1')).toBe('<rss>ø</rss>');
    expect(decodeFeed(Buffer.from([0x3c, 0x61, 0x3e, 0xf8, 0x80]))).toBe('<a>ø€');
  });
});
