// Tokenizes post text in one pass over its characters (several times faster than a regular expression with
// Unicode classes and look-behinds, and this runs once for every post that arrives).
// It follows the word model in words.ts exactly: words are runs of letters, digits and marks, joined into
// compounds by single joiners; #hashtags, @mentions, links and emoji are tokens of their own.
import { fold } from './text.ts';
import type { Postings, TokenView } from './words.ts';

const WORD = 1;
const PICTOGRAPHIC = 2;
const OTHER = 3;
/** Character classes by code point, filled in as characters are first seen. */
const kinds = new Uint8Array(0x110000);
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;
const EMOJI = /\p{Extended_Pictographic}/u;

function kindOf(cp: number): number {
  let k = kinds[cp]!;
  if (k === 0) {
    const ch = String.fromCodePoint(cp);
    k = WORD_CHAR.test(ch) ? WORD : EMOJI.test(ch) ? PICTOGRAPHIC : OTHER;
    kinds[cp] = k;
  }
  return k;
}

const UNDERSCORE = 95;
const HASH = 35;
const AT = 64;
const isHyphen = (c: number) => c === 45 || c === 0x2010 || c === 0x2011;
/** - ‐ ‑ ' ’ . : _ / — the JOINERS of words.ts. */
const isJoiner = (c: number) =>
  isHyphen(c) || c === 39 || c === 0x2019 || c === 46 || c === 58 || c === UNDERSCORE || c === 47;
const URL_END = /[\s<>"']/g;
const URL_TAIL = /[.,;:!?)\]}]+$/;
const CAMEL =
  /\p{Lu}+(?=\p{Lu}[\p{Ll}\p{M}])|\p{Lu}?[\p{Ll}\p{M}]+|\p{Lu}+|\p{N}+|[^\p{Lu}\p{Ll}\p{M}\p{N}]+/gu;

function add(map: Postings, key: string, start: number, end: number, raw: string): void {
  const list = map.get(key);
  const occurrence = { start, end, raw };
  if (list) list.push(occurrence);
  else map.set(key, [occurrence]);
}

class Scanner {
  readonly n: number;
  i = 0;

  constructor(
    readonly text: string,
    readonly view: TokenView,
    public pos: number,
    readonly links: string[],
  ) {
    this.n = text.length;
  }

  cpAt(i: number): number {
    const c = this.text.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < this.n) {
      const d = this.text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d < 0xe000) return ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
    }
    return c;
  }

  cpBefore(i: number): number {
    if (i === 0) return 32;
    const d = this.text.charCodeAt(i - 1);
    return d >= 0xdc00 && d < 0xe000 && i >= 2 ? this.cpAt(i - 2) : d;
  }

  isWordAt(i: number): boolean {
    return i < this.n && kindOf(this.cpAt(i)) === WORD;
  }

  run(): number {
    const n = this.n;
    while (this.i < n) {
      const i = this.i;
      const cp = this.cpAt(i);
      const kind = kindOf(cp);
      if (kind === WORD) {
        if ((cp === 104 || cp === 119) && this.linkAt(i)) this.link();
        else this.compound();
      } else if (cp === HASH && this.hashtagAt(i)) this.hashtag();
      else if (cp === AT && this.mentionAt(i)) this.mention();
      else {
        if (kind === PICTOGRAPHIC) {
          const raw = String.fromCodePoint(cp);
          add(this.view.words, raw, this.pos, this.pos + 1, raw);
          this.pos++;
        }
        this.i += cp > 0xffff ? 2 : 1;
      }
    }
    return this.pos;
  }

  linkAt(i: number): boolean {
    const t = this.text;
    return (
      t.startsWith('www.', i) ||
      (t.startsWith('http', i) && (t.startsWith('://', i + 4) || t.startsWith('s://', i + 4)))
    );
  }

  /** `&#39;` and `C#` hold no hashtag: the # must not follow a letter, _, & or /. */
  hashtagAt(i: number): boolean {
    const before = this.cpBefore(i);
    if (kindOf(before) === WORD || before === UNDERSCORE || before === 38 || before === 47) return false;
    return this.isWordAt(i + 1) || this.text.charCodeAt(i + 1) === UNDERSCORE;
  }

  /** ola@nrk.no is an e-mail address, not a mention: the @ must not follow a letter, _ or a dot. */
  mentionAt(i: number): boolean {
    const before = this.cpBefore(i);
    if (kindOf(before) === WORD || before === UNDERSCORE || before === 46) return false;
    return this.isWordAt(i + 1) || this.text.charCodeAt(i + 1) === UNDERSCORE;
  }

  /** Advances over letters, digits, marks (and `extra` characters); returns where they end. */
  skipWord(j: number, extra: (c: number) => boolean): number {
    while (j < this.n) {
      const cp = this.cpAt(j);
      if (kindOf(cp) !== WORD && !extra(cp)) break;
      if (cp >= 128) this.seen = 2;
      else if (cp <= 90 && cp >= 65 && this.seen === 0) this.seen = 1;
      j += cp > 0xffff ? 2 : 1;
    }
    return j;
  }

  link(): void {
    URL_END.lastIndex = this.i;
    const end = URL_END.exec(this.text)?.index ?? this.n;
    this.links.push(this.text.slice(this.i, end).replace(URL_TAIL, ''));
    this.i = end;
    this.pos++;
  }

  /** Set by skipWord: 1 when an ASCII capital was seen, 2 when a non-ASCII character was: what fold must do. */
  seen = 0;

  /** The folded key of text[start, end), skipping fold's work for plain lowercase ASCII. */
  key(raw: string): string {
    return this.seen === 0 ? raw : this.seen === 1 ? raw.toLowerCase() : fold(raw);
  }

  compound(): void {
    const { text, view } = this;
    const start = this.i;
    this.seen = 0;
    let j = this.skipWord(start, () => false);
    const c = text.charCodeAt(j);
    if (!(j + 1 < this.n && isJoiner(c) && this.isWordAt(j + 1))) {
      // One plain word: by far the most common case.
      const raw = text.slice(start, j);
      add(view.words, this.key(raw), this.pos, ++this.pos, raw);
      this.i = j;
      return;
    }
    const bounds = [start, j];
    const hyphenAfter: boolean[] = [];
    for (;;) {
      const c = text.charCodeAt(j);
      if (!(j + 1 < this.n && isJoiner(c) && this.isWordAt(j + 1))) break;
      hyphenAfter.push(isHyphen(c));
      const next = j + 1;
      j = this.skipWord(next, () => false);
      bounds.push(next, j);
    }
    this.i = j;
    const parts = bounds.length / 2;
    for (let k = 0; k < parts; k++) {
      const raw = text.slice(bounds[2 * k], bounds[2 * k + 1]);
      add(view.words, fold(raw), this.pos + k, this.pos + k + 1, raw);
    }
    // Hyphen-joined runs also count as one word: net-neutralitet is netneutralitet too.
    for (let from = 0; from < parts - 1; ) {
      let to = from;
      while (to < parts - 1 && hyphenAfter[to]) to++;
      if (to > from) {
        let raw = '';
        for (let k = from; k <= to; k++) raw += text.slice(bounds[2 * k], bounds[2 * k + 1]);
        add(view.words, fold(raw), this.pos + from, this.pos + to + 1, raw);
      }
      from = to + 1;
    }
    this.pos += parts;
  }

  hashtag(): void {
    const end = this.skipWord(this.i + 1, (c) => c === UNDERSCORE);
    const body = this.text.slice(this.i + 1, end);
    this.i = end;
    const { view } = this;
    const start = this.pos;
    // Words inside a hashtag follow the query word model: each _-separated segment is a word, and its
    // CamelCase parts are words within it, so #NetNeutralitet holds netneutralitet, net and neutralitet.
    for (const segment of body.split('_')) {
      if (!segment) continue;
      const parts = segment.match(CAMEL) ?? [segment];
      const at = this.pos;
      add(view.words, fold(segment), at, at + parts.length, segment);
      if (parts.length > 1)
        for (const [k, raw] of parts.entries()) add(view.words, fold(raw), at + k, at + k + 1, raw);
      this.pos += parts.length;
    }
    // A hashtag of underscores only holds no word, so it takes no position either.
    add(view.hashtags, fold(body), start, Math.max(this.pos, start + 1), body);
  }

  mention(): void {
    let end = this.skipWord(this.i + 1, (c) => c === UNDERSCORE || c === 46 || c === AT || c === 45);
    // A handle ends on a letter, digit or _: "@ola." is @ola.
    for (let c = this.cpBefore(end); kindOf(c) !== WORD && c !== UNDERSCORE; c = this.cpBefore(end))
      end -= c > 0xffff ? 2 : 1;
    const raw = this.text.slice(this.i + 1, end);
    this.i = end;
    const key = fold(raw);
    add(this.view.mentions, key, this.pos, this.pos + 1, raw);
    // @ola@mastodon.social is also @ola: people name Mastodon users by their local part.
    const at = key.indexOf('@');
    if (at > 0) add(this.view.mentions, key.slice(0, at), this.pos, this.pos + 1, raw);
    this.pos++;
  }
}

/**
 * Tokenizes NFC text into `view`, starting at position `pos`; returns the next free position.
 * Links found in the text are appended to `links` (they are not words).
 */
export function tokenizeInto(text: string, view: TokenView, pos: number, links: string[]): number {
  return new Scanner(text, view, pos, links).run();
}
