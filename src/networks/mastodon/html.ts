// Mastodon returns a status as HTML; these turn it back into the plain text we sent, to read posts back and
// to recognise our own status in the account's timeline.
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/p>\s*<p[^>]*>/gi, '\n\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X'))
        return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .trim();
}

/** Mastodon shows a remote mention by its local part, and may reflow whitespace. */
function normalise(text: string): string {
  return text
    .replace(/(^|[^\w@])@(\w+)@[\w.-]+\w/g, '$1@$2')
    .replace(/\s+/g, ' ')
    .trim();
}

export function sameText(rendered: string, sent: string): boolean {
  return normalise(rendered) === normalise(sent);
}
