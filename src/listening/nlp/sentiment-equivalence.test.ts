import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { corpusWords, evalTexts, seedArticles, seedParagraphs, seedSentences } from './corpora.ts';
import { compileLexicon, type LexiconSource } from './lexicon.ts';
import { danish } from './lexicons/da.ts';
import { german } from './lexicons/de.ts';
import { english } from './lexicons/en.ts';
import { norwegian } from './lexicons/no.ts';
import { swedish } from './lexicons/sv.ts';
import { sentiment } from './sentiment.ts';
import { referenceLookup, referenceSentiment, referenceTokenize } from './sentiment-reference.ts';
import { tokenize } from './tokens.ts';

const LANGS = ['en', 'nb', 'nn', 'no', 'da', 'sv', 'de', 'fr'] as const;

/** Texts where the scanner's tokens or any language's score differ from the reference, with both answers. */
function differences(texts: readonly string[]) {
  const diffs: { text: string; lang?: string; ours: unknown; theirs: unknown }[] = [];
  for (const text of texts) {
    const ours = tokenize(text);
    const theirs = referenceTokenize(text);
    if (!isDeepStrictEqual(ours, theirs)) diffs.push({ text, ours, theirs });
    for (const lang of LANGS) {
      // isDeepStrictEqual compares numbers with Object.is: bit-identical, -0 ≠ 0. Twice: the second call reads
      // the word memo.
      for (let round = 0; round < 2; round++) {
        const ours = sentiment(text, lang);
        const theirs = referenceSentiment(text, lang);
        if (!isDeepStrictEqual(ours, theirs)) diffs.push({ text, lang, ours, theirs });
      }
    }
  }
  return diffs;
}

/** Tokens only: for the sweeps over every code point, where scores add nothing. */
function tokenDifferences(texts: readonly string[]) {
  const diffs: { text: string; ours: unknown; theirs: unknown }[] = [];
  for (const text of texts) {
    const ours = tokenize(text);
    const theirs = referenceTokenize(text);
    if (!isDeepStrictEqual(ours, theirs)) diffs.push({ text, ours, theirs });
  }
  return diffs;
}

// --- Corpora ---

// Every word the lexicons know (phrases split into their words), in the case they are written and in capitals:
// random runs of them reach negation, intensifiers, phrases, "never … again", contrast and sarcasm.
const lexiconWords = [
  ...new Set(
    [english, norwegian, danish, swedish, german].flatMap((source) =>
      Object.values(source)
        .filter((v): v is string => typeof v === 'string')
        .flatMap((table) => table.split(/[\s_]+/))
        .filter((w) => w && !/^[−-]?\d/.test(w)),
    ),
  ),
];
// The words the scorer's rules turn on, and a few hundred sentiment words: dense runs of them give negated
// negations, "not … but", cancelled negations, "never so good", "never … again", sarcastic openers.
const RULE_TABLES = [
  'intensifiers',
  'negators',
  'clauseNegators',
  'never',
  'degreeWords',
  'again',
  'contrast',
  'negationCancellers',
] as const;
const ruleWordsOf = (source: LexiconSource) =>
  [
    ...new Set([
      ...RULE_TABLES.flatMap((t) => (source[t] ?? '').split(/[\s_]+/)),
      ...source.valences.split(/[\s_]+/).filter((_, i) => i % 12 === 0),
    ]),
  ].filter((w) => w && !/^[−-]?\d/.test(w));
/** Runs of one language's rule words, so that its rules meet each other. */
const ruleRun = fc
  .constantFrom(...[english, norwegian, danish, swedish, german].map(ruleWordsOf))
  .chain((words) => fc.array(fc.constantFrom(...words), { minLength: 2, maxLength: 8 }))
  .map((ws) => ws.join(' '));
const vocabulary = corpusWords;

const pieces = [
  'https://example.no/sak/123?x=1',
  'http://x',
  'http://',
  'https:/x',
  'HTTPS://NRK.NO',
  'www.vg.no/nyheter',
  'www.',
  '@kundeservice',
  '@a.b-c',
  '@',
  '@_',
  '@ø',
  'mail@nrk.no',
  '#ikkje',
  '#NetNeutralitet',
  '#',
  '😂',
  '👍🏽',
  '👍🏿👍',
  '👨‍👩‍👧',
  '👩🏽‍💻',
  '❤️',
  '❤',
  '♥️',
  '☹️',
  '😮‍💨',
  '🏳️‍🌈',
  '\u200d😀',
  '😀\u200d',
  '😀\u200d\u200d😀',
  '🇳🇴',
  '©',
  '🏻',
  '\ufe0f',
  ':)',
  ':-)',
  ':(',
  ":'(",
  ':D',
  ':-D',
  'xD',
  'XD',
  'xd',
  '=D',
  ';)',
  ':P',
  ':p',
  ':/',
  ':\\',
  ':|',
  ':o)',
  ':oD',
  ':^)',
  ':*',
  '<3',
  '</3',
  '<3<3',
  '^^',
  '^_^',
  '^^^',
  '8)',
  'a:)',
  ':)a',
  '1:(',
  ':(1',
  'NOT',
  'GOOD',
  'VERY BAD',
  'ÆRLIG',
  'BRA!',
  'İSTANBUL',
  'ΣΑΣ',
  'ǅemal',
  'ÆØÅ æøå ÄÖÜ äöüß',
  'Straße STRASSE',
  "don't",
  "DON'T",
  'don’t',
  "can't",
  "isn't",
  'it’s',
  "l'homme",
  "''",
  "'a",
  "a'",
  '’’',
  'kjempe-bra',
  'kjempe-',
  '-bra',
  'Banking-App',
  'a-b-c',
  '--',
  ' - ',
  ' – ',
  ' — ',
  '-',
  '...',
  '!!!',
  '?!?!',
  '!?',
  '…',
  ';',
  ':',
  ',',
  ',,',
  '12345',
  '3,14',
  'e\u0301',
  '\u0301a',
  '\ud83d',
  '\ude00',
  '\ud800\ud800',
  '\u00a0',
  '\u2028',
  '\ufeff',
  '\u3000-\u3000',
  '𝐀𝐁𝐂',
  '𐐀𐐨',
  '日本語',
  'a'.repeat(40),
  'b'.repeat(41),
  'ø'.repeat(45),
  `${'kjempe'.repeat(8)}bra`,
];
const separator = fc.constantFrom(
  ' ',
  ' ',
  ' ',
  ' ',
  ' ',
  ' ',
  '  ',
  '\n',
  ', ',
  '. ',
  '! ',
  '',
  '\t',
  ' - ',
  "' ",
  ' ’',
  '!!! ',
);
const caseOf = (w: string) =>
  fc.constantFrom(w, w.toUpperCase(), w.length ? w[0]!.toUpperCase() + w.slice(1) : w);
const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...lexiconWords).chain(caseOf) },
  { weight: 8, arbitrary: ruleRun },
  { weight: 4, arbitrary: fc.constantFrom(...vocabulary) },
  { weight: 4, arbitrary: fc.constantFrom(...pieces) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  {
    weight: 1,
    arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }),
  },
  {
    weight: 1,
    arbitrary: fc.string({
      unit: fc.constantFrom(..."abcæøåÆØÅX'’-.!?:;=()^_<3/😀🏽\u200d\ufe0f@#, "),
      maxLength: 12,
    }),
  },
);
const text = (maxPieces: number) =>
  fc
    .array(fc.tuple(piece, separator), { maxLength: maxPieces })
    .map((ps) => ps.map(([p, s]) => p + s).join(''));

// --- Tests ---

describe('sentiment gives what it gave before the fast path', () => {
  it('on every text of the evaluation sets', () => {
    expect(evalTexts.length).toBeGreaterThan(900);
    expect(differences(evalTexts)).toEqual([]);
    // The same posts as one shouted post, and with the words' case swapped.
    expect(differences(evalTexts.map((t) => t.toUpperCase()))).toEqual([]);
  });

  it('on the seed articles, cut into sentences and paragraphs, and whole', () => {
    expect(seedSentences.length).toBeGreaterThan(100);
    expect(differences([...seedSentences, ...seedParagraphs, ...seedArticles])).toEqual([]);
  });

  it('on random posts: lexicon words, emoji, emoticons, links, handles, capitals, Nordic letters, punctuation', () => {
    fc.assert(
      fc.property(text(40), (t) => {
        expect(differences([t])).toEqual([]);
      }),
      { numRuns: 4000 },
    );
  });

  it('on random long texts', () => {
    fc.assert(
      fc.property(text(400), (t) => {
        expect(differences([t])).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('past the word table and memo limits (they start over, also in the middle of a text) and on one huge token', () => {
    // 60,000 new words with sentiment words between them: the table starts over inside the text, and the
    // slots of the words before that point are given to other words after it.
    const valenced = lexiconWords.filter(
      (w) => english.valences.includes(w) || norwegian.valences.includes(w),
    );
    // (Every 20th: the sarcasm rule is quadratic in a text's hits, here and in the reference.)
    const long = Array.from({ length: 60_000 }, (_, i) =>
      i % 20 === 0 ? `ord${i.toString(36)} ${valenced[(i / 20) % valenced.length]}` : `ord${i.toString(36)}`,
    );
    expect(
      differences([long.join(' '), long.join('. '), 'x'.repeat(100_000), `${'a.b@c'.repeat(2000)} good`]),
    ).toEqual([]);
    // Posts after that, each with words seen before and after the table started over.
    expect(differences(evalTexts.slice(0, 100))).toEqual([]);
  });
});

describe('the lexicon look-up gives what it gave', () => {
  const SOURCES: [string, LexiconSource][] = [
    ['en', english],
    ['nb', norwegian],
    ['da', danish],
    ['sv', swedish],
    ['de', german],
  ];
  /** Words whose look-up differs, per language (a fresh lexicon each time, so nothing is remembered yet). */
  function lookupDifferences(words: readonly string[]) {
    const diffs: { word: string; lang: string; ours: unknown; theirs: unknown }[] = [];
    for (const [lang, source] of SOURCES) {
      const lex = compileLexicon(source);
      for (const word of words) {
        const ours = lex.lookup(word);
        const theirs = referenceLookup(word, lang);
        if (!Object.is(ours, theirs)) diffs.push({ word, lang, ours, theirs });
      }
    }
    return diffs;
  }
  const pieces = (source: LexiconSource) =>
    Object.values(source)
      .filter((v): v is string => typeof v === 'string')
      .flatMap((t) => t.split(/[\s_]+/))
      .filter((w) => w && !/^[−-]?\d/.test(w));

  it('on the words of the evaluation posts and seed articles, and the lexicons with endings and prefixes', () => {
    const words = new Set(
      [...evalTexts, ...seedSentences]
        .flatMap((t) => t.toLowerCase().split(/[^\p{L}\p{N}'’-]+/u))
        .filter(Boolean),
    );
    const endings = [
      '',
      'e',
      'en',
      'er',
      'ene',
      'et',
      'ar',
      'ane',
      'te',
      'de',
      'est',
      'este',
      'aste',
      's',
      'ing',
      'ed',
      'ly',
      'leg',
      'lege',
      'ande',
      'n',
      'ste',
    ];
    for (const [, source] of SOURCES) {
      const own = pieces(source);
      for (const w of own) for (const e of endings) words.add(w + e);
      // Compounds: every prefix-like entry in front of a sample of the words, with and without a hyphen.
      const sample = own.filter((_, i) => i % 5 === 0);
      for (const p of own.filter((w) => w.length <= 8))
        for (const w of sample.slice(0, 40)) words.add(p + w).add(`${p}-${w}`);
    }
    expect(words.size).toBeGreaterThan(20_000);
    expect(lookupDifferences([...words])).toEqual([]);
  });

  it('on random words', () => {
    const letters = fc.string({
      unit: fc.constantFrom(..."abdeiklmnorstuæøåäöü-'"),
      minLength: 1,
      maxLength: 24,
    });
    fc.assert(
      fc.property(fc.array(letters, { maxLength: 50 }), (words) => {
        expect(lookupDifferences(words)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('the scanner reads characters as the regular expression does', () => {
  // Each unit in the places that decide something: inside and around words, before and after emoticons, in
  // links and handles, around a dash, next to emoji.
  const contexts = (ch: string) => [
    `a${ch}b ${ch}Xy ${ch}${ch} AB${ch}CD ${ch}a'${ch} a-${ch} a’${ch}b`,
    `:)${ch} ${ch}:D x${ch}d ${ch}xD ${ch}<3 :${ch} ;-${ch} ^${ch}^ ${ch}^_^${ch}`,
    `${ch}- ${ch}—${ch} ${ch}-${ch}x www.${ch} http://${ch} @${ch}a 😀${ch}👍 ${ch}\u200d😀 😀\u200d${ch}`,
    `${ch}HEY ${ch}.${ch}!${ch}? ${ch},${ch}`,
  ];

  it('for every UTF-16 unit, lone surrogates included', () => {
    const texts: string[] = [];
    for (let c = 0; c < 0x10000; c++) texts.push(...contexts(String.fromCharCode(c)));
    expect(tokenDifferences(texts)).toEqual([]);
  });

  it('for every code point of the assigned planes past the BMP (1-3, 14), and a sample of the rest', () => {
    const texts: string[] = [];
    for (let cp = 0x10000; cp <= 0x10ffff; cp++) {
      // Planes 4-13 hold nothing, 15-16 only private use: every 97th of them.
      if (cp >= 0x40000 && (cp < 0xe0000 || cp > 0xeffff) && cp % 97 !== 0) continue;
      const ch = String.fromCodePoint(cp);
      texts.push(`a${ch}b ${ch}X :)${ch} ${ch}:D 😀${ch}\u200d${ch}`);
    }
    expect(tokenDifferences(texts)).toEqual([]);
  });
});
