// Turns query leaves into plans over post tokens (what to look up, how spans chain), checking wildcards and
// field values on the way. The matcher runs plans; the presearcher reads them for the terms a post must have.
import { type FieldName, type Leaf, QueryError } from './ast.ts';
import { hostOf, normaliseAuthor, normaliseUrl } from './fields.ts';
import { fold, normaliseText } from './text.ts';
import { queryWords, splitCompound } from './words.ts';

export type TokenKind = 'words' | 'hashtags' | 'mentions';

export type Plan =
  /**
   * Tokens of one kind. Exact: the folded `key`. Wildcard: folded keys starting with `key` (the literal
   * stem) that pass `keyTest`. `rawTest` checks each occurrence's surface form (case-sensitive terms).
   */
  | {
      kind: 'token';
      tokens: TokenKind;
      key: string;
      exact: boolean;
      keyTest?: (folded: string) => boolean;
      rawTest?: (raw: string) => boolean;
    }
  /** Consecutive: each item starts where the previous one ended. */
  | { kind: 'seq'; items: Plan[] }
  | { kind: 'union'; items: Plan[] }
  | { kind: 'near'; left: Plan; right: Plan; distance: number; ordered: boolean }
  /** All items, any order, with at most `distance` other words among them ("a b"~5). */
  | { kind: 'prox'; items: Plan[]; distance: number };

export type TokenPlan = Extract<Plan, { kind: 'token' }>;

export const MIN_WILDCARD_STEM = 3;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A compiled wildcard pattern, `*` only at the end; `?` is one letter. */
function wildcardTest(pattern: string): (s: string) => boolean {
  const prefix = pattern.endsWith('*');
  const body = prefix ? pattern.slice(0, -1) : pattern;
  if (!body.includes('?')) return (s) => s.startsWith(body);
  const re = new RegExp(`^${body.split('?').map(escapeRegExp).join('.')}${prefix ? '' : '$'}`, 'u');
  return (s) => re.test(s);
}

/** Checks one written word's wildcards; `at` is where the word starts in the query. */
function checkWildcards(word: string, at: number): void {
  const star = word.indexOf('*');
  if (star >= 0 && star !== word.length - 1)
    throw new QueryError(at + star, 'wildcard * only at the end of a word');
  const { parts } = splitCompound(word);
  parts.forEach((part, i) => {
    const offset = at + word.indexOf(part);
    if (part.startsWith('?')) throw new QueryError(offset, '? cannot start a word');
    if (i === parts.length - 1 && part.endsWith('*') && [...part].length - 1 < MIN_WILDCARD_STEM)
      throw new QueryError(offset, `wildcard needs at least ${MIN_WILDCARD_STEM} letters before *`);
  });
}

function tokenPlan(tokens: TokenKind, written: string, caseSensitive: boolean): Plan {
  const folded = fold(written);
  const cut = folded.search(/[*?]/);
  const rawTest = caseSensitive
    ? cut < 0
      ? (raw: string) => raw === written
      : wildcardTest(written)
    : undefined;
  const plan: TokenPlan =
    cut < 0
      ? { kind: 'token', tokens, key: folded, exact: true }
      : { kind: 'token', tokens, key: folded.slice(0, cut), exact: false };
  if (folded.includes('?')) plan.keyTest = wildcardTest(folded);
  if (rawTest) plan.rawTest = rawTest;
  return plan;
}

/** One written word: its parts in sequence, each hyphen-joined run also matching as one joined word. */
function wordPlan(word: string, caseSensitive: boolean): Plan {
  if (word.startsWith('@')) return tokenPlan('mentions', word.slice(1), caseSensitive);
  const { parts, hyphenRuns } = splitCompound(word);
  if (parts.length === 1) return tokenPlan('words', word, caseSensitive);
  const items: Plan[] = [];
  for (let i = 0; i < parts.length; ) {
    const run = hyphenRuns.find(([from]) => from === i);
    if (!run) items.push(tokenPlan('words', parts[i++]!, caseSensitive));
    else {
      const runParts = parts.slice(run[0], run[1]);
      const seq: Plan = { kind: 'seq', items: runParts.map((p) => tokenPlan('words', p, caseSensitive)) };
      items.push({ kind: 'union', items: [seq, tokenPlan('words', runParts.join(''), caseSensitive)] });
      i = run[1];
    }
  }
  return items.length === 1 ? items[0]! : { kind: 'seq', items };
}

function wordsPlan(text: string, at: number, caseSensitive: boolean, slop?: number): Plan {
  const written = normaliseText(text);
  const words = queryWords(written);
  if (words.length === 0) throw new QueryError(at, 'term has no letters or digits');
  let from = 0;
  for (const w of words) {
    // Offsets in the NFC text can drift from the query's for decomposed input; close enough to point at it.
    from = written.indexOf(w, from);
    checkWildcards(w, at + from);
    from += w.length;
  }
  const items = words.map((w) => wordPlan(w, caseSensitive));
  if (slop !== undefined && items.length > 1) return { kind: 'prox', items, distance: slop };
  return items.length === 1 ? items[0]! : { kind: 'seq', items };
}

const HASHTAG = /^[\p{L}\p{N}\p{M}_]+\*?$/u;
const MENTION = /^[\p{L}\p{N}\p{M}_][\p{L}\p{N}\p{M}_.@-]*\*?$/u;

/** The plan of a leaf searched in text (the body, or the title for `title:`). Throws QueryError. */
export function leafPlan(leaf: Leaf): Plan {
  switch (leaf.kind) {
    case 'term':
      return wordsPlan(leaf.text, leaf.at, false);
    case 'phrase':
      return wordsPlan(leaf.text, leaf.at + 1, false, leaf.slop);
    case 'case':
      return wordsPlan(leaf.text, leaf.at + 1, true);
    case 'hashtag':
    case 'mention': {
      const text = normaliseText(leaf.text);
      if (!(leaf.kind === 'hashtag' ? HASHTAG : MENTION).test(text))
        throw new QueryError(
          leaf.at,
          leaf.kind === 'hashtag'
            ? 'a hashtag holds only letters, digits and _'
            : 'a mention holds only letters, digits and _ . - @',
        );
      checkWildcards(text, leaf.at + 1);
      return tokenPlan(leaf.kind === 'hashtag' ? 'hashtags' : 'mentions', text, false);
    }
  }
}

/** A field's value, normalised the way the post side is; `prefix` when it ends in a wildcard. */
export interface FieldValue {
  field: Exclude<FieldName, 'title'>;
  value: string;
  prefix: boolean;
}

const what: Record<Leaf['kind'], string> = {
  term: 'a word',
  phrase: 'a phrase',
  case: 'a {case-sensitive} term',
  hashtag: 'a hashtag',
  mention: 'a mention',
};

/** Checks and normalises the value of author:, site:, url:, links:, lang: or source:. Throws QueryError. */
export function fieldValue(field: Exclude<FieldName, 'title'>, leaf: Leaf): FieldValue {
  const allowed =
    leaf.kind === 'term' || leaf.kind === 'phrase' || (leaf.kind === 'mention' && field === 'author');
  if (!allowed) throw new QueryError(leaf.at, `${field}: cannot hold ${what[leaf.kind]}`);
  const text = normaliseText(leaf.text).trim();
  const fail = (reason: string): never => {
    throw new QueryError(leaf.at, reason);
  };
  switch (field) {
    case 'lang':
      if (!/^[a-z]{2}$/i.test(text))
        fail('lang: needs a two-letter ISO 639-1 code such as nb, nn, no, da, sv, de, en');
      return { field, value: text.toLowerCase(), prefix: false };
    case 'source':
      if (!/^[a-z0-9_.-]+$/i.test(text)) fail('source: needs a source name such as bluesky, mastodon or rss');
      return { field, value: text.toLowerCase(), prefix: false };
    case 'site': {
      const host = normaliseUrl(text);
      if (!/^[\p{L}\p{N}.-]+\.[\p{L}\p{N}-]+$/u.test(host) || hostOf(host) !== host)
        fail('site: needs a domain such as nrk.no');
      return { field, value: host, prefix: false };
    }
    case 'url':
    case 'links': {
      const star = text.indexOf('*');
      if (star >= 0 && star !== text.length - 1) fail(`wildcard * only at the end of a ${field}: value`);
      const value = normaliseUrl(text.endsWith('*') ? text.slice(0, -1) : text);
      if (!value) fail(`${field}: needs an address`);
      return { field, value, prefix: text.endsWith('*') };
    }
    case 'author': {
      const value = normaliseAuthor(text);
      const star = value.indexOf('*');
      if (star < 0) return { field, value, prefix: false };
      if (star !== value.length - 1) fail('wildcard * only at the end of a word');
      if ([...value].length - 1 < MIN_WILDCARD_STEM)
        fail(`wildcard needs at least ${MIN_WILDCARD_STEM} letters before *`);
      return { field, value: value.slice(0, -1), prefix: true };
    }
  }
}
