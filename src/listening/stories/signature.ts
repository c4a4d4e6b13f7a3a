// What a post is clustered by, as pure functions: a MinHash signature over word bigrams with LSH band keys
// (near-duplicates and small edits), its links normalised with tracking parameters stripped, the posts it
// refers to (its own address, the post it quotes, reposts or replies to) and simple named entities
// (capitalised multi-word names, @handles, #tags) that let posts in different languages meet.

/** Hashes in a signature; BANDS × ROWS of them make the LSH band keys. */
export const HASHES = 60;
export const BANDS = 20;
export const ROWS = 3;
/** Fewer shingles than this and a text says too little to be a near-duplicate of anything. */
export const MIN_SHINGLES = 4;
/** Estimated Jaccard similarity above which two posts are the same text, lightly edited. */
export const NEAR_DUPLICATE = 0.5;
/** Distinct named entities two posts must share to be the same story on names alone. */
export const SHARED_ENTITIES = 2;

export const KIND = { band: 1, link: 2, post: 3, entity: 4 } as const;
export type KeyKind = (typeof KIND)[keyof typeof KIND];

/** 32-bit FNV-1a over a string's UTF-16 units. */
export function fnv1a(s: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A strong 32-bit mix (murmur3's finaliser). */
function mix(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A 53-bit key for a string (fits a JavaScript number and a bigint column). */
export function key53(s: string): number {
  const hi = fnv1a(s) & 0x1fffff;
  const lo = fnv1a(s, 0x9747b28c);
  return hi * 0x100000000 + lo;
}

const SEEDS: number[] = Array.from({ length: HASHES }, (_, i) =>
  mix(0x9e3779b9 ^ Math.imul(i + 1, 0x61c88647)),
);
/** Odd multipliers: each signature position hashes the (already mixed) shingle by multiply-xor. */
const MULTIPLIERS: number[] = SEEDS.map((s) => (mix(s ^ 0x27d4eb2f) | 1) >>> 0);
const SEED_ARRAY = Int32Array.from(SEEDS, (s) => s | 0);
const MULTIPLIER_ARRAY = Int32Array.from(MULTIPLIERS, (m) => m | 0);

const URL_RE = /\bhttps?:\/\/\S+/giu;
/** Whether a text may hold a link at all: a plain scan, so most texts skip the link expression. */
const MAY_LINK = /http/i;
const withoutLinks = (text: string, by: string) => (MAY_LINK.test(text) ? text.replace(URL_RE, by) : text);
const WORD_RE = /[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu;

/** Lower-case words of a text, links left out (they are keys of their own). */
export function words(text: string): string[] {
  return withoutLinks(text, ' ').toLowerCase().match(WORD_RE) ?? [];
}

/**
 * Word bigrams, hashed (a one-word text has its word): each word is hashed once and neighbours combined, so no
 * bigram string is ever built.
 */
export function shingles(text: string): Set<number> {
  const w = words(text);
  const out = new Set<number>();
  if (w.length === 1) out.add(fnv1a(w[0]!));
  let prev = w.length ? fnv1a(w[0]!) : 0;
  for (let i = 1; i < w.length; i++) {
    const h = fnv1a(w[i]!);
    out.add(mix(Math.imul(prev, 0x9e3779b1) ^ h));
    prev = h;
  }
  return out;
}

/** MinHash signature of a set of hashed shingles; null when there are too few to say anything. */
export function minhash(sh: ReadonlySet<number>): Int32Array | null {
  if (sh.size < MIN_SHINGLES) return null;
  const bases = Uint32Array.from(sh);
  const sig = new Uint32Array(HASHES);
  // Position by position, the minimum kept in a local: the same values as shingle by shingle, in fewer steps.
  for (let i = 0; i < HASHES; i++) {
    const seed = SEED_ARRAY[i]!;
    const mul = MULTIPLIER_ARRAY[i]!;
    let min = 0xffffffff;
    for (let j = 0; j < bases.length; j++) {
      const x = Math.imul(bases[j]! ^ seed, mul);
      const h = (x ^ (x >>> 15)) >>> 0;
      if (h < min) min = h;
    }
    sig[i] = min;
  }
  // Stored in an int4 column: signed.
  return new Int32Array(sig.buffer);
}

/** Share of equal positions: an estimate of the Jaccard similarity of the shingle sets. */
export function similarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  if (n === 0) return 0;
  let same = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i]) same++;
  return same / n;
}

/** LSH band keys: posts sharing one are candidates. A band's rows and its number, mixed into 53 bits. */
export function bandKeys(sig: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let b = 0; b < BANDS; b++) {
    let hi = mix(0x2545f491 ^ b);
    let lo = mix(0x68e31da4 ^ Math.imul(b + 1, 0x9e3779b9));
    for (let r = 0; r < ROWS; r++) {
      const v = sig[b * ROWS + r]! >>> 0;
      hi = mix(hi ^ v);
      lo = mix(Math.imul(lo, 0x01000193) ^ v);
    }
    out.push((hi & 0x1fffff) * 0x100000000 + lo);
  }
  return out;
}

const TRACKING = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'msclkid',
  'mc_cid',
  'mc_eid',
  'igshid',
  'ref',
  'ref_src',
  'ref_url',
  'si',
  's',
  'share',
  'smid',
  'cmpid',
  'yclid',
  '_hsenc',
  '_hsmi',
  'mkt_tok',
  'spm',
]);

/**
 * A link as a story key: scheme, `www.`, fragment, trailing slash and tracking parameters (utm_*, fbclid …)
 * gone, remaining parameters sorted, host lower-cased. Null for what is not an http(s) link.
 */
export function normaliseLink(link: string): string | null {
  let u: URL;
  try {
    u = new URL(link.trim());
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  const host = u.hostname
    .toLowerCase()
    .replace(/^www\./, '')
    .replace(/^m\./, '');
  const params = [...u.searchParams.entries()]
    .filter(([k]) => !k.toLowerCase().startsWith('utm_') && !TRACKING.has(k.toLowerCase()))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  let path = u.pathname.replace(/\/+$/, '');
  if (path === '') path = '';
  const query = params.length ? `?${new URLSearchParams(params).toString()}` : '';
  const port = u.port && u.port !== '80' && u.port !== '443' ? `:${u.port}` : '';
  return `${host}${port}${path}${query}`;
}

/** A link worth clustering by: one with a path (a bare homepage says nothing about what a post is about). */
export function storyLink(link: string): string | null {
  const n = normaliseLink(link);
  if (!n) return null;
  const slash = n.indexOf('/');
  return slash > 0 && n.length > slash + 1 ? n : null;
}

/** Capitalised words that start sentences rather than names, in the languages we listen in. */
const NOT_NAMES = new Set(
  (
    'the a an this that these those it its in on at of for to and or but if when as by with from is are was ' +
    'i we you he she they my our your his her their there here what why how who breaking update ' +
    'der die das ein eine einen dem den des und oder aber wenn im am zu mit von für ist sind war ich wir sie er es ' +
    'det den de en et ei og eller men når hvis på i til med av for er var jeg vi du han hun dei eit ein ikkje ikke ' +
    'nå no her der hva hvorfor hvordan hvem kva korleis kven så også jo nok bare mye'
  ).split(' '),
);

const NAME_WORD = /^\p{Lu}[\p{L}'’-]*$/u;

/**
 * Named entities, lower-cased: runs of two or more capitalised words (leading sentence words such as "The"
 * or "Det" dropped), @handles and #tags.
 */
export function entities(text: string): string[] {
  const out = new Set<string>();
  // (Most texts hold neither sign: a plain search saves them the expression.)
  if (text.includes('@') || text.includes('#'))
    for (const m of text.matchAll(
      /(?:^|[^\p{L}\p{N}_@#])([@#])([\p{L}\p{N}_][\p{L}\p{N}_.-]*[\p{L}\p{N}_])/gu,
    ))
      out.add(`${m[1]}${m[2]!.toLowerCase()}`);
  const tokens = withoutLinks(text, ' . ').split(/(\s+|[.,;:!?()«»"“”„[\]{}…–—/]+)/u);
  let run: string[] = [];
  const flush = () => {
    while (run.length && NOT_NAMES.has(run[0]!.toLowerCase())) run.shift();
    if (run.length >= 2) out.add(run.join(' ').toLowerCase());
    run = [];
  };
  for (const tok of tokens) {
    if (/^\s+$/u.test(tok)) continue;
    if (NAME_WORD.test(tok) && !tok.startsWith('@')) run.push(tok.replace(/['’]s$/u, ''));
    else flush();
  }
  flush();
  return [...out].slice(0, 20);
}

/** What a post offers the clusterer. */
export interface PostFeatures {
  minhash: Int32Array | null;
  /**
   * Keys (bands, links, post references, entities), distinct, and each one's kind at the same position: two flat
   * arrays rather than an object a key, as every stored post carries some twenty-five of them.
   */
  keys: number[];
  kinds: KeyKind[];
}

export interface FeatureInput {
  text: string;
  title?: string | null | undefined;
  url?: string | null | undefined;
  externalId?: string | null | undefined;
  /** Other addresses of the post itself. */
  aliases?: readonly string[] | undefined;
  links?: readonly string[] | undefined;
  /** Posts it quotes, reposts or replies to (ids or addresses). */
  refs?: readonly (string | null | undefined)[] | undefined;
}

/**
 * A post's address or id as a key: a Bluesky post by its record key whether named by at:// URI or bsky.app
 * address (by handle or DID), other addresses normalised like links, anything else as it is.
 */
export function refKey(ref: string): string | null {
  const r = ref.trim();
  if (!r) return null;
  const bsky =
    /^at:\/\/[^/]+\/app\.bsky\.feed\.post\/([^/?#]+)$/.exec(r) ??
    /^https?:\/\/(?:www\.)?bsky\.app\/profile\/[^/]+\/post\/([^/?#]+)/i.exec(r);
  if (bsky) return `bsky:${bsky[1]}`;
  if (/^https?:\/\//i.test(r)) {
    const n = normaliseLink(r);
    return n ? `u:${n}` : null;
  }
  return `p:${r}`;
}

export function features(p: FeatureInput): PostFeatures {
  const text = p.title ? `${p.title}. ${p.text}` : p.text;
  const sig = minhash(shingles(text));
  const keys: number[] = [];
  const kinds: KeyKind[] = [];
  const seen = new Set<number>();
  const add = (key: number, kind: KeyKind) => {
    if (seen.has(key)) return;
    seen.add(key);
    keys.push(key);
    kinds.push(kind);
  };
  if (sig) for (const k of bandKeys(sig)) add(k, KIND.band);
  // Shared links, the post's own address and the posts it quotes or answers share one key space: an article
  // and a post linking to it meet, so do a post and its quotes.
  const inText = (MAY_LINK.test(text) && text.match(URL_RE)) || [];
  for (const l of [...(p.links ?? []), ...inText]) {
    const link = l.replace(/[).,;:!?»”"']+$/u, '');
    if (!storyLink(link)) continue;
    const k = refKey(link);
    if (k) add(key53(k), k.startsWith('u:') ? KIND.link : KIND.post);
  }
  for (const r of [p.url, p.externalId, ...(p.aliases ?? []), ...(p.refs ?? [])]) {
    const k = r ? refKey(r) : null;
    if (k) add(key53(k), KIND.post);
  }
  for (const e of entities(text)) add(key53(`e:${e}`), KIND.entity);
  return { minhash: sig, keys, kinds };
}
