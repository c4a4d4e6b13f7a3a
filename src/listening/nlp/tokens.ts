// Splits a post into the tokens sentiment scoring looks at: words, emoji, emoticons and clause punctuation.
// Links and @handles are dropped; a hashtag counts as its word.
//
// The definition is one regular expression, tried left to right at each position (the first alternative that
// matches names the kind; where none does, the scan moves on by one code point):
//
//   skip      https?:\/\/\S+ | www\.\S+ | @[\w.-]+
//   emoticon  (?<![\p{L}\p{N}])(?:[:;=][-'^o]?[)(\]\[dDpP/\\|*3oO]|[xX][dD]|<\/?3|\^\^|\^_\^)(?![\p{L}\p{N}])
//   emoji     \p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier}|\u200D\p{Extended_Pictographic}\uFE0F?)*
//   word      [\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:['’-][\p{L}\p{M}\p{N}]+)*
//   stop      [.!?]+ | [;:…] | \s[-–—]\s
//   break     ,
//
// (with the u flag). The scanner below repeats it over char codes, for speed: matchAll with named groups
// allocated a match and a groups object per token and was a third of sentiment's time. It writes the tokens
// into reused parallel arrays instead of objects; the character classes come from the same Unicode
// properties, looked up once per code point and kept in a table. sentiment-equivalence.test.ts compares
// it with the regular expression (sentiment-reference.ts) on every UTF-16 unit and on random text.

export type TokenKind = 'word' | 'emoji' | 'emoticon' | 'break' | 'stop';

export interface Token {
  kind: TokenKind;
  /** Lower-cased word, emoji without variation selectors or skin tones, or the punctuation itself. */
  text: string;
  /** A word written in capitals (at least 3 letters) while the rest of the post is not: shouting. */
  shouted: boolean;
}

export const WORD = 0;
export const EMOJI = 1;
export const EMOTICON = 2;
export const BREAK = 3;
export const STOP = 4;
const KIND_NAMES: readonly TokenKind[] = ['word', 'emoji', 'emoticon', 'break', 'stop'];

/** The tokens of the last scan(), as parallel arrays reused from text to text: read them before the next scan. */
export const scanned = {
  kinds: new Uint8Array(256),
  /** Shouted words (see Token.shouted): 1, else 0. */
  shouted: new Uint8Array(256),
  /** For a stop, how many "!" it holds. */
  bangs: new Int32Array(256),
  /** For a word, its slot in the word table (wordSlots), or -1 for a word too long to keep there. */
  ids: new Int32Array(256),
  /** Token.text; a word is the table's copy, the same string each time it comes back. */
  texts: [] as string[],
};

// --- The word table: each lower-cased word once, found from the text's char codes without cutting it out ---
// A feed repeats its words. Keeping one string per word saves the slice and the hashing a Map lookup needs for
// every word of every post, and gives each word a slot number that a lexicon files its answer under
// (Lexicon.wordInfoAt). Open addressing, at most INTERN_LIMIT words (load < 0.4), then it starts over and
// wordTableGeneration() changes, so that whatever was filed under the old slots is dropped.

const INTERN_SLOTS = 1 << 17;
const INTERN_MASK = INTERN_SLOTS - 1;
const INTERN_LIMIT = 50_000;
/** Longer words are links or keyboard mashing: not kept. */
const INTERN_MAX_LENGTH = 40;
const internKeys: (string | undefined)[] = new Array(INTERN_SLOTS).fill(undefined);
const internHashes = new Int32Array(INTERN_SLOTS);
let internSize = 0;
let internGeneration = 0;
// FNV-1a over UTF-16 units.
const FNV_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Number of slots in the word table: slot numbers are below it. */
export const WORD_SLOTS = INTERN_SLOTS;

/** Changes whenever the word table starts over. */
export function wordTableGeneration(): number {
  return internGeneration;
}

/** A copy of text[i..j) that does not keep text alive (a slice of 13 units or more points into its text). */
function copyOf(text: string, i: number, j: number): string {
  if (j - i < 13) return text.slice(i, j);
  let s = '';
  for (let k = i; k < j; k++) s += text[k];
  return s;
}

function internReset(): void {
  internKeys.fill(undefined);
  internHashes.fill(0);
  internSize = 0;
  internGeneration++;
}

/** Slot of the word text[i..j) (already its own lower case, with ' only; h its hash), added if new. */
function internPlain(text: string, i: number, j: number, h: number): number {
  const length = j - i;
  let slot = h & INTERN_MASK;
  for (;;) {
    const key = internKeys[slot];
    if (key === undefined) break;
    if (internHashes[slot] === h && key.length === length) {
      let k = 0;
      while (k < length && key.charCodeAt(k) === text.charCodeAt(i + k)) k++;
      if (k === length) return slot;
    }
    slot = (slot + 1) & INTERN_MASK;
  }
  if (internSize >= INTERN_LIMIT) {
    internReset();
    return internPlain(text, i, j, h);
  }
  internKeys[slot] = copyOf(text, i, j);
  internHashes[slot] = h;
  internSize++;
  return slot;
}

/** Slot of a word, added if new. */
function internString(word: string): number {
  let h = FNV_BASIS;
  for (let k = 0; k < word.length; k++) h = Math.imul(h ^ word.charCodeAt(k), FNV_PRIME);
  let slot = h & INTERN_MASK;
  for (;;) {
    const key = internKeys[slot];
    if (key === undefined) break;
    if (internHashes[slot] === h && key === word) return slot;
    slot = (slot + 1) & INTERN_MASK;
  }
  if (internSize >= INTERN_LIMIT) {
    internReset();
    return internString(word);
  }
  internKeys[slot] = copyOf(word, 0, word.length);
  internHashes[slot] = h;
  internSize++;
  return slot;
}

// --- Character classes: one byte a code point, filled in on first sight ---

const L = 1;
const M = 2;
const N = 4;
const PICTOGRAPHIC = 8;
const EMOJI_MODIFIER = 16;
const SPACE = 32;
/** toLowerCase() changes the code point (it is upper or title case). */
const CASED_UPPER = 64;
const KNOWN = 128;
const LMN = L | M | N;

const CLASSES = new Uint8Array(0x110000);
const IS_L = /\p{L}/u;
const IS_M = /\p{M}/u;
const IS_N = /\p{N}/u;
const IS_PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
const IS_EMOJI_MODIFIER = /\p{Emoji_Modifier}/u;
const IS_SPACE = /\s/u;

function classify(cp: number): number {
  // A lone surrogate stays a one-unit string, as the regular expression sees it.
  const s = String.fromCodePoint(cp);
  let c = KNOWN;
  if (IS_L.test(s)) c |= L;
  if (IS_M.test(s)) c |= M;
  if (IS_N.test(s)) c |= N;
  if (IS_PICTOGRAPHIC.test(s)) c |= PICTOGRAPHIC;
  if (IS_EMOJI_MODIFIER.test(s)) c |= EMOJI_MODIFIER;
  if (IS_SPACE.test(s)) c |= SPACE;
  if (s.toLowerCase() !== s) c |= CASED_UPPER;
  return c;
}

function classOf(cp: number): number {
  const c = CLASSES[cp]!;
  if (c !== 0) return c;
  const computed = classify(cp);
  CLASSES[cp] = computed;
  return computed;
}

/** The code point starting at i (i < text.length): a surrogate pair read as one, a lone surrogate as itself. */
function codePointAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
  }
  return c;
}

/** Class of the code point ending at i (i > 0), as a lookbehind reads it. */
function classBefore(text: string, i: number): number {
  const d = text.charCodeAt(i - 1);
  if (d >= 0xdc00 && d <= 0xdfff && i >= 2) {
    const c = text.charCodeAt(i - 2);
    if (c >= 0xd800 && c <= 0xdbff) return classOf((c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000);
  }
  return classOf(d);
}

/** (?![\p{L}\p{N}]) at i. */
function noLetterAt(text: string, i: number): boolean {
  return i >= text.length || (classOf(codePointAt(text, i)) & (L | N)) === 0;
}

// --- The alternatives that need more than one look ---

/** End of \S+ from i, or 0 when there is no non-space unit at i. Spaces are all single units. */
function nonSpaceEnd(text: string, i: number, n: number): number {
  let j = i;
  while (j < n && (classOf(text.charCodeAt(j)) & SPACE) === 0) j++;
  return j > i ? j : 0;
}

/** End of a link or @handle at i (c = its first unit), or 0. */
function skipEnd(text: string, i: number, c: number, n: number): number {
  if (c === 0x68 /* h */) {
    if (!text.startsWith('http', i)) return 0;
    const j = text.charCodeAt(i + 4) === 0x73 /* s */ ? i + 5 : i + 4;
    return text.startsWith('://', j) ? nonSpaceEnd(text, j + 3, n) : 0;
  }
  if (c === 0x77 /* w */) return text.startsWith('www.', i) ? nonSpaceEnd(text, i + 4, n) : 0;
  // @[\w.-]+ (\w is ASCII only without the i flag)
  let j = i + 1;
  while (j < n) {
    const u = text.charCodeAt(j);
    if (
      (u >= 0x61 && u <= 0x7a) ||
      (u >= 0x41 && u <= 0x5a) ||
      (u >= 0x30 && u <= 0x39) ||
      u === 0x5f ||
      u === 0x2e ||
      u === 0x2d
    )
      j++;
    else break;
  }
  return j > i + 1 ? j : 0;
}

/** [)(\]\[dDpP/\\|*3oO] */
function isEmoticonMouth(u: number): boolean {
  switch (u) {
    case 0x29:
    case 0x28:
    case 0x5d:
    case 0x5b:
    case 0x64:
    case 0x44:
    case 0x70:
    case 0x50:
    case 0x2f:
    case 0x5c:
    case 0x7c:
    case 0x2a:
    case 0x33:
    case 0x6f:
    case 0x4f:
      return true;
    default:
      return false;
  }
}

/** End of an emoticon at i (c = its first unit), or 0; each way the pattern can match, in the order it tries them. */
function emoticonEnd(text: string, i: number, c: number, n: number): number {
  if (i > 0 && (classBefore(text, i) & (L | N)) !== 0) return 0;
  const u1 = i + 1 < n ? text.charCodeAt(i + 1) : -1;
  const u2 = i + 2 < n ? text.charCodeAt(i + 2) : -1;
  if (c === 0x3a || c === 0x3b || c === 0x3d) {
    // [:;=][-'^o]?[mouth]: with the nose first, then without.
    if (
      (u1 === 0x2d || u1 === 0x27 || u1 === 0x5e || u1 === 0x6f) &&
      isEmoticonMouth(u2) &&
      noLetterAt(text, i + 3)
    )
      return i + 3;
    if (isEmoticonMouth(u1) && noLetterAt(text, i + 2)) return i + 2;
    return 0;
  }
  if (c === 0x78 || c === 0x58) return (u1 === 0x64 || u1 === 0x44) && noLetterAt(text, i + 2) ? i + 2 : 0;
  if (c === 0x3c /* < */) {
    if (u1 === 0x2f && u2 === 0x33 && noLetterAt(text, i + 3)) return i + 3;
    return u1 === 0x33 && noLetterAt(text, i + 2) ? i + 2 : 0;
  }
  // c is ^: \^\^ then \^_\^
  if (u1 === 0x5e && noLetterAt(text, i + 2)) return i + 2;
  return u1 === 0x5f && u2 === 0x5e && noLetterAt(text, i + 3) ? i + 3 : 0;
}

const EMOJI_NOISE = /[\uFE0F\u{1F3FB}-\u{1F3FF}]/gu;
const CURLY_APOSTROPHE = /’/g;
const STOP_TEXTS: Record<number, string> = {
  46: '.',
  33: '!',
  63: '?',
  59: ';',
  58: ':',
  8230: '…',
  45: '-',
  8211: '–',
  8212: '—',
};

/** [-–—] */
function isDash(u: number): boolean {
  return u === 0x2d || u === 0x2013 || u === 0x2014;
}

function grow(size: number): void {
  if (size <= scanned.kinds.length) return;
  const kinds = new Uint8Array(size * 2);
  kinds.set(scanned.kinds);
  const ids = new Int32Array(size * 2);
  ids.set(scanned.ids);
  scanned.ids = ids;
  const shouted = new Uint8Array(size * 2);
  shouted.set(scanned.shouted);
  const bangs = new Int32Array(size * 2);
  bangs.set(scanned.bangs);
  scanned.kinds = kinds;
  scanned.shouted = shouted;
  scanned.bangs = bangs;
}

/**
 * The word table started over in the middle of a text: the slots of the words before are no longer theirs, so
 * those words go without one (-1). Returns the table's new generation.
 */
function forgetSlots(count: number): number {
  for (let k = 0; k < count; k++) scanned.ids[k] = -1;
  return internGeneration;
}

/** Tokenizes text into `scanned`; returns the number of tokens. */
export function scan(text: string): number {
  const n = text.length;
  const texts = scanned.texts;
  let count = 0;
  // Shouting only means something against a post that is otherwise in normal case; asked only for a word in capitals.
  let allCaps = -1;
  let generation = internGeneration;
  let i = 0;
  while (i < n) {
    // One token at most per unit, so the arrays hold whatever this step adds.
    if (count >= scanned.kinds.length) grow(count + 1);
    const c = text.charCodeAt(i);
    // A space starts no token but " - " (below, for every kind of space): the commonest unit, decided here.
    if (c === 0x20 && !(i + 2 < n && isDash(text.charCodeAt(i + 1)))) {
      i++;
      continue;
    }
    if (c === 0x68 || c === 0x77 || c === 0x40) {
      const end = skipEnd(text, i, c, n);
      if (end !== 0) {
        i = end;
        continue;
      }
    }
    if (c === 0x3a || c === 0x3b || c === 0x3d || c === 0x78 || c === 0x58 || c === 0x3c || c === 0x5e) {
      const end = emoticonEnd(text, i, c, n);
      if (end !== 0) {
        scanned.kinds[count] = EMOTICON;
        scanned.shouted[count] = 0;
        texts[count++] = text.slice(i, end);
        i = end;
        continue;
      }
    }
    const cp = codePointAt(text, i);
    const width = cp > 0xffff ? 2 : 1;
    const cls = classOf(cp);
    if ((cls & PICTOGRAPHIC) !== 0) {
      let j = i + width;
      while (j < n) {
        const u = text.charCodeAt(j);
        if (u === 0xfe0f) {
          j++;
          continue;
        }
        if (u === 0x200d) {
          if (j + 1 < n) {
            const next = codePointAt(text, j + 1);
            if ((classOf(next) & PICTOGRAPHIC) !== 0) {
              j += next > 0xffff ? 3 : 2;
              if (j < n && text.charCodeAt(j) === 0xfe0f) j++;
              continue;
            }
          }
          break;
        }
        const next = codePointAt(text, j);
        if ((classOf(next) & EMOJI_MODIFIER) === 0) break;
        j += next > 0xffff ? 2 : 1;
      }
      scanned.kinds[count] = EMOJI;
      scanned.shouted[count] = 0;
      // A lone pictograph has no variation selector or skin tone to drop (unless it is one of the tones itself).
      texts[count++] =
        j === i + width && (cp < 0x1f3fb || cp > 0x1f3ff)
          ? text.slice(i, j)
          : text.slice(i, j).replace(EMOJI_NOISE, '');
      i = j;
      continue;
    }
    if ((cls & (L | M)) !== 0) {
      // Upper: a unit that toLowerCase() changes (without one, the word is its own lower case and not shouted);
      // curly: a ’ to turn into '. A word with neither is taken as it stands.
      let upper = (cls & CASED_UPPER) !== 0;
      let curly = false;
      // The word table's hash of the word's units, as internString() computes it, taken along.
      let h = Math.imul(FNV_BASIS ^ c, FNV_PRIME);
      if (width === 2) h = Math.imul(h ^ text.charCodeAt(i + 1), FNV_PRIME);
      let j = i + width;
      for (;;) {
        while (j < n) {
          const u = text.charCodeAt(j);
          if (u < 0x80) {
            if ((u >= 0x61 && u <= 0x7a) || (u >= 0x30 && u <= 0x39)) {
              h = Math.imul(h ^ u, FNV_PRIME);
              j++;
            } else if (u >= 0x41 && u <= 0x5a) {
              upper = true;
              j++;
            } else break;
            continue;
          }
          const next = codePointAt(text, j);
          const k = classOf(next);
          if ((k & LMN) === 0) break;
          if ((k & CASED_UPPER) !== 0) upper = true;
          h = Math.imul(h ^ u, FNV_PRIME);
          if (next > 0xffff) {
            h = Math.imul(h ^ text.charCodeAt(j + 1), FNV_PRIME);
            j += 2;
          } else j++;
        }
        // ['’-] followed by at least one letter, mark or digit continues the word.
        if (j + 1 < n) {
          const u = text.charCodeAt(j);
          if ((u === 0x27 || u === 0x2019 || u === 0x2d) && (classOf(codePointAt(text, j + 1)) & LMN) !== 0) {
            if (u === 0x2019) curly = true;
            h = Math.imul(h ^ u, FNV_PRIME);
            j++;
            continue;
          }
        }
        break;
      }
      const plain = !upper && !curly;
      scanned.kinds[count] = WORD;
      if (plain) {
        scanned.shouted[count] = 0;
        if (j - i <= INTERN_MAX_LENGTH) {
          const slot = internPlain(text, i, j, h);
          if (internGeneration !== generation) generation = forgetSlots(count);
          scanned.ids[count] = slot;
          texts[count++] = internKeys[slot]!;
        } else {
          scanned.ids[count] = -1;
          texts[count++] = text.slice(i, j);
        }
      } else {
        const raw = text.slice(i, j);
        const lower = upper ? raw.toLowerCase() : raw;
        let shouted = false;
        if (upper && raw.length >= 3) {
          if (allCaps < 0) allCaps = text === text.toUpperCase() ? 1 : 0;
          shouted = allCaps === 0 && raw === raw.toUpperCase() && raw !== lower;
        }
        scanned.shouted[count] = shouted ? 1 : 0;
        const word = curly ? lower.replace(CURLY_APOSTROPHE, "'") : lower;
        if (word.length <= INTERN_MAX_LENGTH) {
          const slot = internString(word);
          if (internGeneration !== generation) generation = forgetSlots(count);
          scanned.ids[count] = slot;
          texts[count++] = internKeys[slot]!;
        } else {
          scanned.ids[count] = -1;
          texts[count++] = word;
        }
      }
      i = j;
      continue;
    }
    if (c === 0x2e || c === 0x21 || c === 0x3f) {
      let j = i + 1;
      let bangs = c === 0x21 ? 1 : 0;
      while (j < n) {
        const u = text.charCodeAt(j);
        if (u === 0x21) bangs++;
        else if (u !== 0x2e && u !== 0x3f) break;
        j++;
      }
      scanned.kinds[count] = STOP;
      scanned.shouted[count] = 0;
      scanned.bangs[count] = bangs;
      texts[count++] = j === i + 1 ? STOP_TEXTS[c]! : text.slice(i, j);
      i = j;
      continue;
    }
    if (c === 0x3b || c === 0x3a || c === 0x2026) {
      scanned.kinds[count] = STOP;
      scanned.shouted[count] = 0;
      scanned.bangs[count] = 0;
      texts[count++] = STOP_TEXTS[c]!;
      i++;
      continue;
    }
    if ((cls & SPACE) !== 0 && i + 2 < n) {
      const dash = text.charCodeAt(i + 1);
      if (
        (dash === 0x2d || dash === 0x2013 || dash === 0x2014) &&
        (classOf(text.charCodeAt(i + 2)) & SPACE) !== 0
      ) {
        scanned.kinds[count] = STOP;
        scanned.shouted[count] = 0;
        scanned.bangs[count] = 0;
        texts[count++] = STOP_TEXTS[dash]!;
        i += 3;
        continue;
      }
    }
    if (c === 0x2c) {
      scanned.kinds[count] = BREAK;
      scanned.shouted[count] = 0;
      texts[count++] = ',';
    }
    i += width;
  }
  return count;
}

/** The tokens of a text as objects (the scorer reads `scanned` directly). */
export function tokenize(text: string): Token[] {
  const count = scan(text);
  const tokens: Token[] = [];
  for (let t = 0; t < count; t++) {
    tokens.push({
      kind: KIND_NAMES[scanned.kinds[t]!]!,
      text: scanned.texts[t]!,
      shouted: scanned.shouted[t] === 1,
    });
  }
  return tokens;
}
