// Feed bodies are HTML fragments; matching and language detection need their plain text and links.
// A small tag stripper suffices: we never render this text, we only read words out of it.
import { decodeHTML } from 'entities';

const DROPPED = /<(script|style|noscript|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const COMMENT = /<!--[\s\S]*?-->/g;
const CDATA = /<!\[CDATA\[([\s\S]*?)\]\]>/g;
// Block elements end a line of text, so words on either side do not run together.
const BLOCK_BREAK =
  /<\/?(p|div|br|li|ul|ol|h[1-6]|blockquote|pre|tr|td|th|table|section|article|hr)\b[^>]*>/gi;
const TAG = /<\/?[a-zA-Z][^>]*>/g;
const HREF = /<a\b[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;

/** Plain text of an HTML fragment: tags removed, entities decoded, whitespace collapsed. */
export function htmlToText(html: string): string {
  const text = html
    .replace(CDATA, '$1')
    .replace(COMMENT, ' ')
    .replace(DROPPED, ' ')
    .replace(BLOCK_BREAK, '\n')
    .replace(TAG, '');
  return decodeHTML(text)
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .replace(/ *\n[\s]*/g, '\n')
    .trim();
}

/** Absolute http(s) links from `<a href>` in an HTML fragment, resolved against the item's URL. */
export function htmlLinks(html: string, base: string | null): string[] {
  const links: string[] = [];
  for (const m of html.matchAll(HREF)) {
    const raw = decodeHTML(m[1] ?? m[2] ?? m[3] ?? '').trim();
    const url = absoluteHttpUrl(raw, base);
    if (url) links.push(url);
  }
  return links;
}

export function absoluteHttpUrl(raw: string, base: string | null): string | null {
  try {
    const url = base ? new URL(raw, base) : new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
