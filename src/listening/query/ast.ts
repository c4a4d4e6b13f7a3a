// The parsed form of a monitor query, its error type, and `describe`: the normalised text the UI shows back.
import { fold, normaliseText } from './text.ts';

export const FIELDS = ['author', 'site', 'url', 'links', 'lang', 'title', 'source'] as const;
export type FieldName = (typeof FIELDS)[number];

/** The widest NEAR or proximity a query may ask for, in words. */
export const MAX_DISTANCE = 1_000;

/** A bad query: `position` is the 0-based offset into the query text (as a text box's selectionStart). */
export class QueryError extends Error {
  override readonly name = 'QueryError';
  /** A stable name for the reason (see QUERY_ERROR_CODES), for the UI to say it in the user's language. */
  readonly code: QueryErrorCode | 'other';
  /** The reason's variable parts (a field, an operator, a limit), by name. */
  readonly params: Record<string, string>;
  constructor(
    readonly position: number,
    /** The reason alone, e.g. "unclosed quote"; `message` adds " at <position>". */
    readonly reason: string,
  ) {
    super(`${reason} at ${position}`);
    const known = codeOf(reason);
    this.code = known?.code ?? 'other';
    this.params = known?.params ?? {};
  }
}

/**
 * Every reason the parser gives, by code: the English text as a pattern, its variable parts as named groups.
 * The UI translates by code (web/src/i18n/listen/*.json, `listen.queryErrors`); the CLI and the API's message
 * keep the English text.
 */
export const QUERY_ERROR_CODES = {
  unclosedQuote: /^unclosed quote$/,
  emptyPhrase: /^empty phrase$/,
  tildeNumber: /^~ needs a number after the phrase$/,
  proximityMax: /^proximity can be at most (?<max>\d+) words$/,
  unclosedBrace: /^unclosed \{$/,
  emptyBraces: /^empty \{\}$/,
  unmatchedBrace: /^unmatched \}$/,
  minusTerm: /^- must be directly followed by a term$/,
  fieldNeedsValue: /^(?<field>[a-z]+): needs a value$/,
  hashNeedsTag: /^# needs a hashtag after it$/,
  atNeedsName: /^@ needs a name after it$/,
  nearDistance: /^NEAR needs a distance, as in NEAR\/3,?$/,
  nearMax: /^NEAR distance can be at most (?<max>\d+)$/,
  unknownField: /^unknown field (?<field>.*):$/,
  bothSides: /^(?<op>[A-Z]+) needs a term on both sides$/,
  notTerm: /^NOT needs a term after it$/,
  fieldNoNear: /^(?<field>[a-z]+): cannot hold NEAR$/,
  nearOperands: /^NEAR works on words, phrases and OR groups of them, not AND, NOT or fields$/,
  nestedFields: /^fields cannot be nested$/,
  emptyParens: /^empty parentheses$/,
  unclosedParen: /^unclosed \($/,
  unmatchedParen: /^unmatched \)$/,
  endsEarly: /^the query ends too early$/,
  emptyQuery: /^empty query$/,
  unexpectedText: /^unexpected text$/,
  wildcardEnd: /^wildcard \* only at the end of a word$/,
  wildcardEndField: /^wildcard \* only at the end of a (?<field>[a-z]+): value$/,
  questionStart: /^\? cannot start a word$/,
  wildcardStem: /^wildcard needs at least (?<min>\d+) letters before \*$/,
  noLetters: /^term has no letters or digits$/,
  hashtagChars: /^a hashtag holds only letters, digits and _$/,
  mentionChars: /^a mention holds only letters, digits and _ \. - @$/,
  fieldCannotHoldWord: /^(?<field>[a-z]+): cannot hold a word$/,
  fieldCannotHoldPhrase: /^(?<field>[a-z]+): cannot hold a phrase$/,
  fieldCannotHoldCase: /^(?<field>[a-z]+): cannot hold a \{case-sensitive\} term$/,
  fieldCannotHoldHashtag: /^(?<field>[a-z]+): cannot hold a hashtag$/,
  fieldCannotHoldMention: /^(?<field>[a-z]+): cannot hold a mention$/,
  langCode: /^lang: needs a two-letter ISO 639-1 code such as nb, nn, no, da, sv, de, en$/,
  sourceName: /^source: needs a source name such as bluesky, mastodon or rss$/,
  siteDomain: /^site: needs a domain such as nrk\.no$/,
  fieldNeedsAddress: /^(?<field>[a-z]+): needs an address$/,
} as const;

export type QueryErrorCode = keyof typeof QUERY_ERROR_CODES;

function codeOf(reason: string): { code: QueryErrorCode; params: Record<string, string> } | null {
  for (const [code, pattern] of Object.entries(QUERY_ERROR_CODES) as [QueryErrorCode, RegExp][]) {
    const m = pattern.exec(reason);
    if (m) return { code, params: { ...m.groups } };
  }
  return null;
}

/** Leaves keep the text as written; what it matches is decided when compiling. `at` is the leaf's offset. */
export type Leaf =
  /** A bare word: may hold wildcards (* at the end, ?) and joiners (net-neutralitet). */
  | { kind: 'term'; text: string; at: number }
  /** "exact phrase", or with `slop` the proximity form "a b"~5. */
  | { kind: 'phrase'; text: string; slop?: number; at: number }
  /** {BT}: matches only this exact case (one word or several). */
  | { kind: 'case'; text: string; at: number }
  | { kind: 'hashtag'; text: string; at: number }
  | { kind: 'mention'; text: string; at: number };

export type QueryNode =
  | Leaf
  | { kind: 'and'; children: QueryNode[] }
  | { kind: 'or'; children: QueryNode[] }
  | { kind: 'not'; child: QueryNode }
  /** a NEAR/3 b: at most `distance` words between them; `ordered` (NEAR/3f, ONEAR/3): a comes first. */
  | { kind: 'near'; left: QueryNode; right: QueryNode; distance: number; ordered: boolean }
  /** field:value or field:(…); `value`'s leaves are compared with the field instead of the text. */
  | { kind: 'field'; field: FieldName; value: QueryNode; at: number };

const clean = (text: string) => normaliseText(text).trim().replace(/\s+/g, ' ');

function leafText(node: Leaf): string {
  switch (node.kind) {
    case 'term':
      return fold(clean(node.text));
    case 'phrase':
      return `"${fold(clean(node.text))}"${node.slop === undefined ? '' : `~${node.slop}`}`;
    case 'case':
      return `{${clean(node.text)}}`;
    case 'hashtag':
      return `#${fold(clean(node.text))}`;
    case 'mention':
      return `@${fold(clean(node.text))}`;
  }
}

/** Parentheses only where precedence (NOT > AND > OR; NEAR binds tightest) needs them. */
function inner(node: QueryNode, parent: 'and' | 'not' | 'near'): string {
  const text = describe(node);
  const needs =
    node.kind === 'or' ||
    (node.kind === 'and' && parent !== 'and') ||
    (node.kind === 'not' && parent === 'near') ||
    (node.kind === 'field' && parent === 'near');
  return needs ? `(${text})` : text;
}

/**
 * The normalised query: canonical operators (NOT for -term, NEAR/3f for ONEAR/3), folded terms,
 * minimal parentheses. Parsing it again gives the same query.
 */
export function describe(node: QueryNode): string {
  switch (node.kind) {
    case 'and':
      return node.children.map((c) => inner(c, 'and')).join(' AND ');
    case 'or':
      return node.children.map(describe).join(' OR ');
    case 'not':
      return `NOT ${inner(node.child, 'not')}`;
    case 'near': {
      const op = `NEAR/${node.distance}${node.ordered ? 'f' : ''}`;
      const right = node.right.kind === 'near' ? `(${describe(node.right)})` : inner(node.right, 'near');
      return `${inner(node.left, 'near')} ${op} ${right}`;
    }
    case 'field': {
      const value = node.value;
      return `${node.field}:${isLeaf(value) ? describe(value) : `(${describe(value)})`}`;
    }
    default:
      return leafText(node);
  }
}

export function isLeaf(node: QueryNode): node is Leaf {
  return (
    node.kind === 'term' ||
    node.kind === 'phrase' ||
    node.kind === 'case' ||
    node.kind === 'hashtag' ||
    node.kind === 'mention'
  );
}

/** True for the nodes that stand for places in the text (what NEAR and proximity can work with). */
export function isPositional(node: QueryNode): boolean {
  if (isLeaf(node)) return true;
  switch (node.kind) {
    case 'near':
      return isPositional(node.left) && isPositional(node.right);
    case 'or':
      return node.children.every(isPositional);
    default:
      return false;
  }
}
