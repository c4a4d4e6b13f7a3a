// The word model that posts and query terms share, so a term always means the same thing on both sides:
// tokens are words, hashtags, mentions and emoji, each at a position.
//
// Compounds: "net-neutralitet" gives the parts "net" (position p) and "neutralitet" (p+1), plus the joined
// "netneutralitet" spanning both. So the phrase "net neutralitet", the word netneutralitet and the query term
// net-neutralitet all find it. Other joiners (. ' : _ /) give the parts only: "nrk.no" is "nrk" then "no".
// Unhyphenated compounds ("nettnøytralitet") are not split: that needs a dictionary, and a word tokenizer
// does not split them either. A hashtag's _-separated segments and CamelCase parts are words too:
// #NetNeutralitet holds netneutralitet, net and neutralitet. Mentions are not words: "ola" does not find @ola.
// Posts are tokenized by scan.ts (a hand-written scanner, for speed); query text by the expressions here.

/** One place a token occurs: positions [start, end) and its surface form (NFC) for case-sensitive terms. */
export interface Occurrence {
  readonly start: number;
  readonly end: number;
  readonly raw: string;
}

export type Postings = Map<string, Occurrence[]>;

/** The tokens of one text (a post's title, or its title and text together), keyed by folded form. */
export interface TokenView {
  /** Words, joined compounds, hashtag bodies and their parts, emoji. */
  readonly words: Postings;
  readonly hashtags: Postings;
  readonly mentions: Postings;
}

export function emptyView(): TokenView {
  return { words: new Map(), hashtags: new Map(), mentions: new Map() };
}

const W = '\\p{L}\\p{N}\\p{M}';
export const JOINERS = "-‐‑'’.:_/";
export const HYPHENS = '-‐‑';

/** Words of query text; @mentions too, by the same rule as in posts (so "hei @ola" is a phrase of two). */
const QUERY_WORD = new RegExp(
  `(?<![${W}_.])@[${W}_](?:[${W}_.@-]*[${W}_])?|[${W}*?]+(?:[${JOINERS}][${W}*?]+)*|\\p{Extended_Pictographic}`,
  'gu',
);
const JOINER = new RegExp(`[${JOINERS}]`, 'u');
/** A word's parts, and the index ranges [from, to) of parts joined by hyphens (two or more parts). */
export interface Compound {
  readonly parts: string[];
  readonly hyphenRuns: Array<readonly [number, number]>;
}

export function splitCompound(word: string): Compound {
  if (!JOINER.test(word)) return { parts: [word], hyphenRuns: [] };
  const parts: string[] = [];
  const hyphenRuns: Array<readonly [number, number]> = [];
  let runStart = 0;
  let current = '';
  for (const ch of word) {
    if (!JOINERS.includes(ch)) {
      current += ch;
      continue;
    }
    parts.push(current);
    current = '';
    if (!HYPHENS.includes(ch)) {
      if (parts.length - runStart >= 2) hyphenRuns.push([runStart, parts.length]);
      runStart = parts.length;
    }
  }
  parts.push(current);
  if (parts.length - runStart >= 2) hyphenRuns.push([runStart, parts.length]);
  return { parts, hyphenRuns };
}

/** The words of a query term or phrase, as written (wildcards kept); each may be a compound or an @mention. */
export function queryWords(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(QUERY_WORD)) out.push(m[0]);
  return out;
}
