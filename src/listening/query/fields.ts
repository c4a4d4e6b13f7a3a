// What the fields author:, site:, url:, links:, lang: and source: compare: normalised values on both sides.
import { fold, normaliseText } from './text.ts';

/**
 * A URL as the url:, links: and site: fields see it: lowercase, no scheme, no "www.", no trailing slash, so
 * `url:nrk.no/sport` finds https://www.NRK.no/sport/.
 */
export function normaliseUrl(url: string): string {
  let u = url.trim().toLowerCase();
  u = u.replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/^www\./, '');
  while (u.endsWith('/')) u = u.slice(0, -1);
  return u;
}

/** The host of a normalised URL, without user or port. */
export function hostOf(normalisedUrl: string): string {
  const end = normalisedUrl.search(/[/?#]/);
  let host = end < 0 ? normalisedUrl : normalisedUrl.slice(0, end);
  host = host.slice(host.lastIndexOf('@') + 1);
  const port = host.indexOf(':');
  return port < 0 ? host : host.slice(0, port);
}

/** A host and the domains above it, so `site:nrk.no` also finds tv.nrk.no: ["tv.nrk.no", "nrk.no"]. */
export function hostAndParents(host: string): string[] {
  const out = [host];
  for (let i = host.indexOf('.'); i >= 0; i = host.indexOf('.', i + 1)) {
    const rest = host.slice(i + 1);
    if (rest.includes('.')) out.push(rest);
  }
  return out;
}

/**
 * Whether a normalised URL is at or under `value` (also normalised): `nrk.no/sport` covers nrk.no/sport and
 * nrk.no/sport/123 but not nrk.no/sportsnytt. With `prefix` (the value ended in *) any continuation counts.
 */
export function urlMatches(value: string, prefix: boolean, url: string): boolean {
  if (!url.startsWith(value)) return false;
  if (prefix) return true;
  const next = url[value.length];
  return next === undefined || next === '/' || next === '?' || next === '#';
}

const THREE_LETTER: Record<string, string> = { nob: 'nb', nno: 'nn', nor: 'no', dan: 'da', swe: 'sv' };

/** The ISO 639-1 codes a post's language tag answers to: "nb-NO" → nb and no (Norwegian covers both). */
export function langCodes(tag: string | undefined): string[] {
  if (!tag) return [];
  let code = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  code = THREE_LETTER[code] ?? code;
  return code === 'nb' || code === 'nn' ? [code, 'no'] : [code];
}

/** Author handles compare without a leading @, folded like words. */
export function normaliseAuthor(author: string): string {
  return fold(normaliseText(author.trim().replace(/^@/, '')));
}
