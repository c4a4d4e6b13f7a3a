// eld's n-gram language scores, computed from eld's own data files but without eld's detect() path.
// eld (npm `eld`, Apache-2.0, by Nito T.M.) stores its model as a JS object of ~81,000 n-gram keys, each an object
// of {language index: score}; scoring a text walks those objects with for-in, which costs tens of µs per post and
// ~150 MB of heap. Here the same data sits in typed arrays (a few MB): an open-addressing table from the n-gram,
// packed into two 32-bit integers, to a run of (language, score) pairs. The text goes through the same steps as
// eld's detect() — first 1,000 UTF-16 units, non-letter runs to a space (trailing apostrophes kept), trim, lower
// case, UTF-8 bytes spelt with eld's byte dictionary, cut after ~350/380 bytes, 4-byte n-grams at stride 3 per word,
// each distinct n-gram counted once — so the raw scores, the n-gram count and the normalised scores are the very
// numbers eld computes. Those steps run in one pass over the text without building strings (a lower-case table
// per UTF-16 unit), except for texts with a letter whose lower case needs the whole string (İ, Σ), which go through
// eld's string steps. language-equivalence.test.ts holds both paths to eld.detect() on real and random text.
//
// The data is read from eld's package files (the `eld/small` entry's directory), not imported: importing would keep
// eld's object graph alive. Any surprise in their layout throws at load, naming the file.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** eld's detect() reads only this much of a text (UTF-16 code units). */
const MAX_TEXT = 1000;
/** eld ends its byte string at the first space after this many bytes... */
const CUT_AT_SPACE_AFTER = 350;
/** ...and after any character past this many. */
const CUT_AFTER = 380;
/** Word length (bytes) beyond which eld takes no further inner n-grams. */
const MAX_WORD = 70;
/** eld subtracted this from every score to shrink its files; it adds it back when scoring. */
const BASE_SCORE = 53;
/** eld's scale in its 0..1 score: s = x / (x + 25), x = raw score per n-gram. */
const SCORE_SCALE = 25;

// ---------------------------------------------------------------------------------------------------------------
// Reading eld's files

function eldSourceDir(): string {
  let entry: string;
  if (typeof import.meta.resolve === 'function') {
    entry = fileURLToPath(import.meta.resolve('eld/small'));
  } else {
    // No import.meta.resolve: find the package as Node would, from this file's node_modules search paths.
    const dirs = createRequire(import.meta.url).resolve.paths('eld') ?? [];
    const pkg = dirs.map((d) => path.join(d, 'eld')).find((d) => fs.existsSync(path.join(d, 'package.json')));
    if (!pkg) throw new Error('eld-ngrams: cannot find the eld package');
    entry = path.join(pkg, 'src', 'entries', 'static.small.js');
  }
  // entry: <eld>/src/entries/static.small.js; the data sits in <eld>/src.
  const dir = path.resolve(path.dirname(entry), '..');
  if (!fs.existsSync(path.join(dir, 'ngrams', 'small.js'))) {
    throw new Error(
      `eld-ngrams: no ngrams/small.js beside eld/small's entry (${entry}); eld's layout changed`,
    );
  }
  return dir;
}

/** A strict reader for the JS literals in eld's data files: objects, arrays, quoted strings, numbers, booleans. */
class LiteralReader {
  pos = 0;
  constructor(
    readonly src: string,
    readonly file: string,
  ) {}

  fail(what: string): never {
    const near = JSON.stringify(this.src.slice(this.pos, this.pos + 40));
    throw new Error(
      `eld-ngrams: ${path.basename(this.file)} at ${this.pos}: ${what} (near ${near}); eld's format changed`,
    );
  }

  /** Moves to just after `marker`, which must occur exactly once. */
  seek(marker: string): void {
    const at = this.src.indexOf(marker);
    if (at < 0 || this.src.indexOf(marker, at + 1) >= 0) this.fail(`expected one ${JSON.stringify(marker)}`);
    this.pos = at + marker.length;
  }

  skipSpace(): void {
    const s = this.src;
    while (this.pos < s.length) {
      const c = s.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff) this.pos++;
      else if (c === 47 && s.charCodeAt(this.pos + 1) === 47) {
        const end = s.indexOf('\n', this.pos);
        this.pos = end < 0 ? s.length : end;
      } else if (c === 47 && s.charCodeAt(this.pos + 1) === 42) {
        const end = s.indexOf('*/', this.pos + 2);
        if (end < 0) this.fail('unterminated comment');
        this.pos = end + 2;
      } else break;
    }
  }

  /** Consumes `ch` (after spaces) if it is next; true if it was. */
  eat(ch: string): boolean {
    this.skipSpace();
    if (this.src[this.pos] === ch) {
      this.pos++;
      return true;
    }
    return false;
  }

  expect(ch: string): void {
    if (!this.eat(ch)) this.fail(`expected ${JSON.stringify(ch)}`);
  }

  string(): string {
    this.skipSpace();
    const s = this.src;
    const quote = s[this.pos];
    if (quote !== "'" && quote !== '"') this.fail('expected a string');
    let out = '';
    let i = this.pos + 1;
    let from = i;
    for (;;) {
      if (i >= s.length) this.fail('unterminated string');
      const c = s[i]!;
      if (c === quote) break;
      if (c === '\n' || c === '\r') this.fail('line break in a string');
      if (c !== '\\') {
        i++;
        continue;
      }
      out += s.slice(from, i);
      const e = s[i + 1];
      const hex = (n: number) => {
        const h = s.slice(i + 2, i + 2 + n);
        if (!/^[0-9a-fA-F]+$/.test(h) || h.length !== n) this.fail('bad escape');
        return String.fromCharCode(Number.parseInt(h, 16));
      };
      if (e === 'x') {
        out += hex(2);
        i += 4;
      } else if (e === 'u' && s[i + 2] !== '{') {
        out += hex(4);
        i += 6;
      } else if (e === "'" || e === '"' || e === '\\') {
        out += e;
        i += 2;
      } else this.fail(`unsupported escape \\${e}`);
      from = i;
    }
    out += s.slice(from, i);
    this.pos = i + 1;
    return out;
  }

  integer(): number {
    this.skipSpace();
    const s = this.src;
    const start = this.pos;
    let n = 0;
    while (this.pos < s.length) {
      const d = s.charCodeAt(this.pos) - 48;
      if (d < 0 || d > 9) break;
      n = n * 10 + d;
      this.pos++;
    }
    if (this.pos === start || this.pos - start > 9) this.fail('expected a small non-negative integer');
    return n;
  }

  /** An object key: quoted, a bare identifier, or a non-negative integer (returned as its string). */
  key(): string {
    this.skipSpace();
    const c = this.src[this.pos];
    if (c === "'" || c === '"') return this.string();
    const start = this.pos;
    const end = this.src.indexOf(':', start);
    if (end < 0) this.fail('expected a key');
    const raw = this.src.slice(start, end).trimEnd();
    if (!/^(?:[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*|0|[1-9][0-9]*)$/u.test(raw))
      this.fail('bad key');
    this.pos = start + raw.length;
    return raw;
  }

  /** Any literal value, as a plain JS value (for the small parts of the files). */
  value(): unknown {
    this.skipSpace();
    const c = this.src[this.pos];
    if (c === '{') {
      this.pos++;
      const obj: Record<string, unknown> = {};
      if (this.eat('}')) return obj;
      do {
        if (this.eat('}')) return obj; // trailing comma
        const k = this.key();
        this.expect(':');
        obj[k] = this.value();
      } while (this.eat(','));
      this.expect('}');
      return obj;
    }
    if (c === '[') {
      this.pos++;
      const arr: unknown[] = [];
      if (this.eat(']')) return arr;
      do {
        if (this.eat(']')) return arr; // trailing comma
        arr.push(this.value());
      } while (this.eat(','));
      this.expect(']');
      return arr;
    }
    if (c === "'" || c === '"') return this.string();
    if (this.src.startsWith('true', this.pos)) {
      this.pos += 4;
      return true;
    }
    if (this.src.startsWith('false', this.pos)) {
      this.pos += 5;
      return false;
    }
    return this.integer();
  }
}

function reader(dir: string, file: string): LiteralReader {
  const full = path.join(dir, file);
  return new LiteralReader(fs.readFileSync(full, 'utf8'), full);
}

/** eld's byte dictionary: the character that stands for each byte value (ASCII bytes stand for themselves). */
function loadDictionary(dir: string): Uint8Array {
  const r: LiteralReader = reader(dir, 'dictionary.js');
  r.seek('export const dictionary =');
  const list = r.value();
  if (!Array.isArray(list) || list.length !== 256) r.fail('expected an array of 256 strings');
  const codes = new Uint8Array(256);
  list.forEach((ch, b) => {
    if (typeof ch !== 'string' || ch.length !== 1 || ch.charCodeAt(0) > 0xff || ch.charCodeAt(0) === 0) {
      r.fail(`dictionary entry ${b} is not one Latin-1 character`);
    }
    codes[b] = ch.charCodeAt(0);
  });
  return codes;
}

/** eld's letter class (BMP only) as a lookup table by UTF-16 code unit: 1 = letter, kept by eld's separator pass. */
function loadLetters(dir: string): Uint8Array {
  const r: LiteralReader = reader(dir, 'regexPatterns.js');
  r.seek('const unicodeRegex =');
  const patterns = r.value() as { L?: { bmp?: unknown } };
  const bmp = patterns.L?.bmp;
  if (typeof bmp !== 'string' || bmp.length < 100) r.fail('expected unicodeRegex.L.bmp, a letter class');
  // eld builds its separator pattern from this class: new RegExp(`[^${bmp}]+(?<![\x27\x60\u2019])`, 'gu').
  // biome-ignore lint/suspicious/noTemplateCurlyInString: this is eld's source text, looked for verbatim
  r.seek('new RegExp(`[^${unicodeRegex.L.bmp}]+(?<![\\\\x27\\\\x60\\\\u2019])`');
  const letter = new RegExp(`^[${bmp}]$`, 'u');
  const table = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c < 0xe000) continue; // a surrogate is never a BMP letter
    if (letter.test(String.fromCharCode(c))) table[c] = 1;
  }
  return table;
}

// ---------------------------------------------------------------------------------------------------------------
// The n-gram table. An n-gram is eld's key string: 1–6 characters, each a byte spelt through the dictionary
// (code < 256). Packed: lo = chars 0–3 (8 bits each), hi = chars 4–5 | length << 16, so hi is never 0 for a key.

/** The table's fill at most: its size is the first power of two that keeps to this. */
const MAX_LOAD = 0.5;

function hashOf(lo: number, hi: number): number {
  let h = Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi ^ (lo >>> 16), 0x85ebca77);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return h ^ (h >>> 13);
}

interface Model {
  languages: readonly string[];
  dictionary: Uint8Array;
  letters: Uint8Array;
  /** Per slot, 3 ints: lo, hi (0 = empty) and the n-gram's scores: its one pair itself if it has one (>= 0),
   * else ~start, where pairs[start] is the count and the pairs follow. */
  table: Int32Array;
  mask: number;
  /** A pair is (score + BASE_SCORE) << 8 | language index. */
  pairs: Int32Array;
  ngramCount: number;
}

/** A growable Int32Array. */
class Ints {
  data = new Int32Array(1 << 16);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }
}

function loadModel(): Model {
  const dir = eldSourceDir();
  const dictionary = loadDictionary(dir);
  const letters = loadLetters(dir);

  const r: LiteralReader = reader(dir, path.join('ngrams', 'small.js'));
  r.seek('export const ngramsData =');
  r.expect('{');
  let languages: string[] | undefined;
  /** Per n-gram: lo, hi, scores (as in the table). */
  const entries = new Ints();
  const pairs = new Ints();
  const run: number[] = [];
  let sawNgrams = false;
  do {
    const field = r.key();
    r.expect(':');
    if (field === 'languages') {
      const langs = r.value() as Record<string, unknown>;
      const keys = Object.keys(langs);
      languages = keys.map((k, i) => {
        const code = langs[k];
        if (k !== String(i) || typeof code !== 'string' || !/^[a-z]{2,3}$/.test(code))
          r.fail('bad languages');
        return code;
      });
      if (languages.length === 0 || languages.length > 256) r.fail('bad number of languages');
    } else if (field === 'ngrams') {
      if (!languages) r.fail('ngrams before languages');
      sawNgrams = true;
      r.expect('{');
      if (!r.eat('}')) {
        do {
          const key = r.key();
          if (key.length < 1 || key.length > 6) r.fail(`n-gram key of length ${key.length}`);
          let lo = 0;
          let hi = key.length << 16;
          for (let i = 0; i < key.length; i++) {
            const c = key.charCodeAt(i);
            if (c === 0 || c > 0xff) r.fail('n-gram key character outside Latin-1');
            if (i < 4) lo |= c << (8 * i);
            else hi |= c << (8 * (i - 4));
          }
          r.expect(':');
          r.expect('{');
          run.length = 0;
          if (!r.eat('}')) {
            do {
              const lang = Number(r.key());
              r.expect(':');
              const score = r.integer();
              if (!Number.isInteger(lang) || lang >= languages.length) r.fail('language index out of range');
              if (score + BASE_SCORE > 0x7fffff) r.fail('score out of range');
              run.push(((score + BASE_SCORE) << 8) | lang);
            } while (r.eat(','));
            r.expect('}');
          }
          entries.push(lo);
          entries.push(hi);
          if (run.length === 1) entries.push(run[0]!);
          else {
            entries.push(~pairs.length);
            pairs.push(run.length);
            for (const v of run) pairs.push(v);
          }
        } while (r.eat(','));
        r.expect('}');
      }
    } else {
      r.value();
    }
  } while (r.eat(','));
  r.expect('}');
  const ngramCount = entries.length / 3;
  if (!languages || !sawNgrams || ngramCount === 0) r.fail('no languages or no n-grams');

  let size = 1024;
  while (ngramCount > size * MAX_LOAD) size *= 2;
  const mask = size - 1;
  const table = new Int32Array(size * 3);
  const e = entries.data;
  for (let i = 0; i < entries.length; i += 3) {
    const lo = e[i]!;
    const hi = e[i + 1]!;
    let slot = hashOf(lo, hi) & mask;
    while (table[slot * 3 + 1] !== 0) {
      if (table[slot * 3] === lo && table[slot * 3 + 1] === hi) r.fail('duplicate n-gram key');
      slot = (slot + 1) & mask;
    }
    table[slot * 3] = lo;
    table[slot * 3 + 1] = hi;
    table[slot * 3 + 2] = e[i + 2]!;
  }
  return {
    languages,
    dictionary,
    letters,
    table,
    mask,
    pairs: pairs.data.slice(0, pairs.length),
    ngramCount,
  };
}

const model = loadModel();
const { dictionary, letters, table, mask: TABLE_MASK, pairs } = model;

/** eld/small's language codes, by index (eld's 'no' is Norwegian, undivided). */
export const ELD_LANGUAGES: readonly string[] = model.languages;
export const ELD_NGRAM_COUNT = model.ngramCount;

// ---------------------------------------------------------------------------------------------------------------
// Scoring

/** The outcome of scoring one text; reused between calls (scoreText overwrites it). */
export interface EldScores {
  /** Raw score per language index: the sum of score + 53 over the distinct n-grams it has. */
  readonly raw: Int32Array;
  /** Distinct n-grams of the text (those eld knows and those it does not). */
  ngrams: number;
  /** Index of the best language (the first on a tie), -1 when no language scored: eld's language ''. */
  top: number;
}

/** Scratch for a text's bytes, spelt through the dictionary; a word never exceeds ~384 bytes. */
const word = new Uint8Array(512);
/** Per-call set of the distinct n-grams seen: packed keys with a generation stamp instead of clearing. */
const SEEN_SIZE = 1024; // > 2× the most n-grams a text can give (~400 bytes → < 200 n-grams)
const seenLo = new Int32Array(SEEN_SIZE);
const seenHi = new Int32Array(SEEN_SIZE);
const seenStamp = new Int32Array(SEEN_SIZE);
let stamp = 0;
/** Keys longer than 6 characters (only the last n-gram of a word over 71 bytes): counted, never in eld's data. */
const longKeys = new Set<string>();

const out: EldScores = { raw: new Int32Array(ELD_LANGUAGES.length), ngrams: 0, top: -1 };

/** Counts the n-gram (lo, hi) once per text and adds its language scores. */
function addNgram(lo: number, hi: number): void {
  const h = hashOf(lo, hi);
  let s = h & (SEEN_SIZE - 1);
  while (seenStamp[s] === stamp) {
    if (seenLo[s] === lo && seenHi[s] === hi) return;
    s = (s + 1) & (SEEN_SIZE - 1);
  }
  seenStamp[s] = stamp;
  seenLo[s] = lo;
  seenHi[s] = hi;
  out.ngrams++;
  const raw = out.raw;
  for (let slot = h & TABLE_MASK; ; slot = (slot + 1) & TABLE_MASK) {
    const at = slot * 3;
    const kh = table[at + 1]!;
    if (kh === 0) return;
    if (kh === hi && table[at] === lo) {
      const v = table[at + 2]!;
      if (v >= 0) {
        raw[v & 0xff] = raw[v & 0xff]! + (v >> 8);
        return;
      }
      const start = ~v;
      for (let p = start + 1, end = p + pairs[start]!; p < end; p++) {
        const pair = pairs[p]!;
        const lang = pair & 0xff;
        raw[lang] = raw[lang]! + (pair >> 8);
      }
      return;
    }
  }
}

/** The n-gram of `len` word bytes from `from`, with a space before (lead) and/or after (trail), as eld forms it. */
function addKey(from: number, len: number, lead: boolean, trail: boolean): void {
  const total = len + (lead ? 1 : 0) + (trail ? 1 : 0);
  if (total > 6) {
    let key = lead ? ' ' : '';
    for (let i = from; i < from + len; i++) key += String.fromCharCode(word[i]!);
    if (trail) key += ' ';
    if (!longKeys.has(key)) {
      longKeys.add(key);
      out.ngrams++;
    }
    return;
  }
  // Packed as in the table: characters 0–3 in lo, 4–5 in hi. (No closures here: tsx wraps each in a naming call.)
  let lo = 0;
  let hi = total << 16;
  let shift = 0;
  if (lead) {
    lo = 32;
    shift = 8;
  }
  for (let i = from; i < from + len; i++, shift += 8) {
    if (shift < 32) lo |= word[i]! << shift;
    else hi |= word[i]! << (shift - 32);
  }
  if (trail) {
    if (shift < 32) lo |= 32 << shift;
    else hi |= 32 << (shift - 32);
  }
  addNgram(lo, hi);
}

/** eld's n-grams of one word (bytes word[0..len)): 4 bytes at stride 3 over the first 70, then the word's end. */
function addWord(len: number): void {
  const capped = Math.min(len, MAX_WORD);
  let j = 0;
  for (; j + 4 < capped; j += 3) addKey(j, 4, j === 0, false);
  if (j === 0)
    addKey(0, len, true, true); // a word of up to 4 bytes, whole, spaces both sides
  else addKey(capped - 4, len - (capped - 4), false, true);
}

/** eld's separator pass, then trim and lower case: letter runs kept, each non-letter run (bar trailing ' ` ’) → ' '. */
function eldWords(text: string): string {
  let s = '';
  const n = text.length;
  let i = 0;
  while (i < n) {
    const start = i;
    if (letters[text.charCodeAt(i)] === 1) {
      while (i < n && letters[text.charCodeAt(i)] === 1) i++;
      s += start === 0 && i === n ? text : text.slice(start, i);
      continue;
    }
    while (i < n && letters[text.charCodeAt(i)] !== 1) i++;
    let keep = i;
    for (;;) {
      const c = text.charCodeAt(keep - 1);
      if (keep > start && (c === 0x27 || c === 0x60 || c === 0x2019)) keep--;
      else break;
    }
    if (keep > start) s += ' ';
    if (keep < i) s += text.slice(keep, i);
  }
  return s.trim().toLowerCase();
}

/** Lower case of each letter (by UTF-16 unit) when it is one unit whatever its neighbours; 0 for a letter whose
 * lower case is longer (İ) or depends on context (Σ, final ς), and for non-letters. */
const LOWER = new Uint16Array(0x10000);
for (let c = 0; c < 0x10000; c++) {
  if (letters[c] !== 1 || c === 0x3a3) continue;
  const l = String.fromCharCode(c).toLowerCase();
  if (l.length === 1 && (l.charCodeAt(0) < 0xd800 || l.charCodeAt(0) >= 0xe000)) LOWER[c] = l.charCodeAt(0);
}

// The byte stage: eld's strToUtf8Bytes, one UTF-16 unit at a time — UTF-8 bytes spelt with the dictionary, words
// split at spaces, each word's n-grams added as it ends, and its cut rules.
let wordLength = 0;
let byteCount = 0;

/** Takes the unit c (not a surrogate); false when eld stops reading here. */
function takeUnit(c: number): boolean {
  if (c < 0x80) {
    if (c === 32) {
      if (wordLength > 0) {
        addWord(wordLength);
        wordLength = 0;
      }
      if (byteCount > CUT_AT_SPACE_AFTER) return false;
    } else word[wordLength++] = c;
    byteCount++;
  } else if (c < 0x800) {
    word[wordLength++] = dictionary[0xc0 | (c >> 6)]!;
    word[wordLength++] = dictionary[0x80 | (c & 0x3f)]!;
    byteCount += 2;
  } else {
    word[wordLength++] = dictionary[0xe0 | (c >> 12)]!;
    word[wordLength++] = dictionary[0x80 | ((c >> 6) & 0x3f)]!;
    word[wordLength++] = dictionary[0x80 | (c & 0x3f)]!;
    byteCount += 3;
  }
  return byteCount <= CUT_AFTER;
}

/** Takes the code point of a surrogate unit c and the unit after it (eld pairs them whatever the second is). */
function takePair(c: number, next: number): boolean {
  const cp = 0x10000 + (((c & 0x3ff) << 10) | (next & 0x3ff));
  word[wordLength++] = dictionary[0xf0 | (cp >> 18)]!;
  word[wordLength++] = dictionary[0x80 | ((cp >> 12) & 0x3f)]!;
  word[wordLength++] = dictionary[0x80 | ((cp >> 6) & 0x3f)]!;
  word[wordLength++] = dictionary[0x80 | (cp & 0x3f)]!;
  byteCount += 4;
  return byteCount <= CUT_AFTER;
}

function reset(): void {
  out.raw.fill(0);
  out.ngrams = 0;
  out.top = -1;
  if (++stamp === 0x7fffffff) {
    seenStamp.fill(0);
    stamp = 1;
  }
  if (longKeys.size) longKeys.clear();
  wordLength = 0;
  byteCount = 0;
}

/** The apostrophes eld's separator pattern does not end on: ' ` ’. */
function isApostrophe(c: number): boolean {
  return c === 0x27 || c === 0x60 || c === 0x2019;
}

/** The separator pass, trim, lower case and bytes in one go, without building strings. False (and nothing to
 * keep) when a letter's lower case needs the whole string (İ, Σ): then the exact path below does it. */
function takeDirect(text: string, n: number): boolean {
  let space = false; // a separator run replaced by a space, written before the next character
  let started = false; // trim: no space before the first character
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (letters[c] === 1) {
      const l = LOWER[c]!;
      if (l === 0) return false;
      if (space) {
        space = false;
        if (started && !takeUnit(32)) return true;
      }
      started = true;
      if (!takeUnit(l)) return true;
      i++;
      continue;
    }
    let end = i + 1;
    while (end < n && letters[text.charCodeAt(end)] !== 1) end++;
    let keep = end;
    while (keep > i && isApostrophe(text.charCodeAt(keep - 1))) keep--;
    if (keep > i) space = true;
    for (let k = keep; k < end; k++) {
      if (space) {
        space = false;
        if (started && !takeUnit(32)) return true;
      }
      started = true;
      if (!takeUnit(text.charCodeAt(k))) return true; // ' ` ’ are their own lower case
    }
    i = end;
  }
  return true;
}

/** The same through strings, as eld does it: separator pass, trim(), toLowerCase(), then the bytes. */
function takeExact(text: string): void {
  const str = eldWords(text);
  const n = str.length;
  for (let i = 0; i < n; i++) {
    const c = str.charCodeAt(i);
    if (c >= 0xd800 && c < 0xe000) {
      // Never after the separator pass (it drops every surrogate), but this is what eld would do.
      i++;
      if (!takePair(c, str.charCodeAt(i))) break;
    } else if (!takeUnit(c)) break;
  }
}

/** Scores a text as eld/small's detect() does (no subset, text cleanup off). The result is reused: read it before
 * the next call. */
export function scoreText(text: string): EldScores {
  reset();
  const n = Math.min(text.length, MAX_TEXT);
  if (!takeDirect(text, n)) {
    reset();
    takeExact(n < text.length ? text.substring(0, n) : text);
  }
  return finish();
}

/** scoreText through strings only (eld's own steps), for the tests. */
export function scoreTextExact(text: string): EldScores {
  reset();
  takeExact(text.length > MAX_TEXT ? text.substring(0, MAX_TEXT) : text);
  return finish();
}

/** The last word's n-grams, and the best language: the first with the highest raw score, if any scored. */
function finish(): EldScores {
  if (wordLength > 0) addWord(wordLength);
  const raw = out.raw;
  let best = 0;
  for (let l = 0; l < raw.length; l++) {
    if (raw[l]! > best) {
      best = raw[l]!;
      out.top = l;
    }
  }
  return out;
}

/** eld's 0..1 score of a language (getScores()), or undefined where eld lists none (a raw score of 0). */
export function normalisedScore(scores: EldScores, lang: number): number | undefined {
  const r = lang >= 0 ? scores.raw[lang]! : 0;
  if (!(r > 0)) return undefined;
  const x = r / scores.ngrams;
  return x / (x + SCORE_SCALE);
}

// ---------------------------------------------------------------------------------------------------------------
// For the equivalence tests

/** The text eld turns into bytes: its separator pass, trimmed and lower-cased (eld's textProcessor before bytes). */
export function eldText(text: string): string {
  return eldWords(text);
}

/** The (language index, score as stored in eld's file) pairs of an n-gram key, or undefined if eld has none. */
export function lookupNgram(key: string): [number, number][] | undefined {
  if (key.length < 1 || key.length > 6) return undefined;
  let lo = 0;
  let hi = key.length << 16;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c > 0xff) return undefined;
    if (i < 4) lo |= c << (8 * i);
    else hi |= c << (8 * (i - 4));
  }
  for (let slot = hashOf(lo, hi) & TABLE_MASK; table[slot * 3 + 1] !== 0; slot = (slot + 1) & TABLE_MASK) {
    if (table[slot * 3] === lo && table[slot * 3 + 1] === hi) {
      const v = table[slot * 3 + 2]!;
      const run = v >= 0 ? [v] : [...pairs.subarray(~v + 1, ~v + 1 + pairs[~v]!)];
      return run.map((pair) => [pair & 0xff, (pair >> 8) - BASE_SCORE]);
    }
  }
  return undefined;
}
