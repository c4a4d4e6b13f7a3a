import { isDeepStrictEqual } from 'node:util';
import { eld } from 'eld/small';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { corpusWords, evalTexts, seedArticles, seedParagraphs, seedSentences } from './corpora.ts';
import {
  ELD_LANGUAGES,
  ELD_NGRAM_COUNT,
  eldText,
  lookupNgram,
  normalisedScore,
  scoreText,
  scoreTextExact,
} from './eld-ngrams.ts';
import { type DetectedLanguage, detectLanguage } from './language.ts';
import {
  markerWords,
  norwegianVsDanish,
  norwegianVsDanishMemo,
  nynorskVsBokmal,
  nynorskVsBokmalMemo,
  scandinavianScores,
} from './nordic.ts';

// --- The reference: detectLanguage as it was when it called eld.detect() and the plain Nordic marker functions
// (language.ts before eld-ngrams.ts) ---

const REF_NOISE = /https?:\/\/\S+|www\.\S+|@[\w.-]+|#/giu;
const REF_LETTER = /\p{L}/gu;

function referenceDetectLanguage(text: string): DetectedLanguage {
  const logistic = (x: number) => 1 / (1 + Math.exp(-x));
  const round2 = (x: number) => Math.round(x * 100) / 100;
  const clean = text.replace(REF_NOISE, ' ');
  const letters = clean.match(REF_LETTER)?.length ?? 0;
  if (letters < 3) return { lang: 'und', confidence: 0 };
  const result = eld.detect(clean);
  const top = result.language;
  if (!top) return { lang: 'und', confidence: 0 };
  const scores = result.getScores();
  const lengthFactor = Math.min(1, 0.5 + letters / 60);
  if (top !== 'da' && top !== 'no') {
    let runnerUp = 0;
    for (const lang in scores) {
      const s = scores[lang]!;
      if (lang !== top && s > runnerUp) runnerUp = s;
    }
    const margin = (scores[top] ?? 0) - runnerUp;
    return { lang: top, confidence: round2(logistic(margin * 25) * lengthFactor) };
  }
  const words = markerWords(clean.length > 1000 ? clean.slice(0, 1000) : clean);
  const evidence = norwegianVsDanish(words, clean) + ((scores.no ?? 0) - (scores.da ?? 0)) * 20;
  const norwegian = evidence > 0 || (evidence === 0 && top === 'no');
  const scandinavian = logistic(Math.abs(evidence) * 0.8) * lengthFactor;
  if (!norwegian) return { lang: 'da', confidence: round2(scandinavian) };
  const nynorsk = nynorskVsBokmal(words);
  const split = nynorsk === 0 ? 0.6 : logistic(Math.abs(nynorsk) * 0.8);
  return { lang: nynorsk > 0 ? 'nn' : 'nb', confidence: round2(scandinavian * split) };
}

// --- Comparisons ---

/** eld.detect()'s language and getScores(), and ours, in one comparable shape. */
function eldView(text: string) {
  const r = eld.detect(text);
  return { language: r.language, scores: Object.entries(r.getScores() as Record<string, number>) };
}
function ourView(text: string, score = scoreText) {
  const s = score(text);
  const scores: [string, number][] = [];
  for (let l = 0; l < ELD_LANGUAGES.length; l++) {
    const v = normalisedScore(s, l);
    if (v !== undefined) scores.push([ELD_LANGUAGES[l]!, v]);
  }
  // eld lists its scores best first, ties in language order (a stable sort).
  scores.sort((a, b) => b[1] - a[1]);
  return { language: s.top < 0 ? '' : ELD_LANGUAGES[s.top]!, scores: s.top < 0 ? [] : scores };
}

/** Texts where ours and eld's differ, with both answers (empty when all agree). */
function differences(texts: readonly string[]) {
  const diffs: { text: string; ours: unknown; theirs: unknown }[] = [];
  for (const text of texts) {
    for (const t of [text, text.replace(REF_NOISE, ' ')]) {
      const theirs = eldView(t);
      // isDeepStrictEqual compares numbers with Object.is: bit-identical, -0 ≠ 0. Both of our paths: the direct
      // one (used unless a letter needs the whole string to lower-case) and the one through strings.
      for (const score of [scoreText, scoreTextExact]) {
        const ours = ourView(t, score);
        if (!isDeepStrictEqual(ours, theirs)) diffs.push({ text: t, ours, theirs });
      }
    }
    const ours = detectLanguage(text);
    const theirs = referenceDetectLanguage(text);
    if (!isDeepStrictEqual(ours, theirs)) diffs.push({ text, ours, theirs });
    // The Nordic markers with remembered word patterns, against the plain ones, on every text (twice: the
    // second call reads the memo).
    const words = markerWords(text);
    for (let round = 0; round < 2; round++) {
      const memo = [norwegianVsDanishMemo(words, text), nynorskVsBokmalMemo(words)];
      const plain = [norwegianVsDanish(words, text), nynorskVsBokmal(words)];
      if (!isDeepStrictEqual(memo, plain)) diffs.push({ text, ours: memo, theirs: plain });
      const both = scandinavianScores(words, text);
      if (!isDeepStrictEqual([both.nd, both.nn], plain)) diffs.push({ text, ours: both, theirs: plain });
    }
  }
  return diffs;
}

// --- Corpora ---

const vocabulary = corpusWords;

const pieces = [
  'https://example.no/sak/123?x=1',
  'www.vg.no/nyheter',
  '@kundeservice',
  '@a.b-c',
  '#ikkje',
  '#',
  '😂',
  '👍🏽',
  '👨‍👩‍👧',
  '🇳🇴',
  '日本語のテキストです',
  '中文文本',
  '한국어 텍스트',
  'ΟΔΟΣ ΣΟΦΙΑΣ',
  'ὈΔΥΣΣΕΎΣ',
  'İSTANBUL İyi',
  'ıi',
  'ǅǈǋ',
  'ÆØÅ æøå ÄÖÜ äöüß',
  'ЁЖИК ёжик',
  'مرحبا',
  'ሰላም ለዓለም',
  'ኢትዮጵያ',
  'नमस्ते',
  "don't",
  "l'homme",
  'it’s',
  '`quoted`',
  "''",
  "!'",
  "'!",
  '’’',
  '12345',
  '3,14',
  '\u0301',
  'e\u0301',
  '\ud83d',
  '\ude00',
  '\ud800\ud800',
  '\u00a0',
  '\u2028',
  '\ufeff',
  'ǀǁ',
  'ͱͲͳ',
  'ܐܒܓ',
  'ހށނ',
  'ߊߋߌ',
  'Ԁԁ',
  '\ue000',
  '𝐀𝐁𝐂',
  '𠀀𠀁',
  'a'.repeat(70),
  'b'.repeat(71),
  'c'.repeat(72),
  'ø'.repeat(36),
  'æ'.repeat(40),
  'x'.repeat(200),
  '漢'.repeat(30),
];
const separator = fc.constantFrom(' ', ' ', ' ', '  ', '\n', ', ', '. ', '! ', '', '\t', ' - ', "' ", ' ’');
const piece = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...vocabulary) },
  { weight: 3, arbitrary: fc.constantFrom(...pieces) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  {
    weight: 1,
    arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }),
  },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(..."abcæøåÆØÅ'’`-. 😀"), maxLength: 12 }) },
);
const text = (maxPieces: number) =>
  fc
    .array(fc.tuple(piece, separator), { maxLength: maxPieces })
    .map((ps) => ps.map(([p, s]) => p + s).join(''));

// --- Tests ---

describe('eld-ngrams reads eld/small exactly', () => {
  it('holds every n-gram of eld/small with its scores, and no others', async () => {
    const dataUrl = new URL('../ngrams/small.js', import.meta.resolve('eld/small'));
    const { ngramsData } = (await import(dataUrl.href)) as {
      ngramsData: { languages: Record<string, string>; ngrams: Record<string, Record<string, number>> };
    };
    expect(ELD_LANGUAGES).toEqual(Object.values(ngramsData.languages));
    const keys = Object.keys(ngramsData.ngrams);
    expect(ELD_NGRAM_COUNT).toBe(keys.length);
    const wrong = keys.filter((k) => {
      const expected = Object.entries(ngramsData.ngrams[k]!).map(([l, s]) => [Number(l), s]);
      return !isDeepStrictEqual(lookupNgram(k), expected);
    });
    expect(wrong).toEqual([]);
    expect(lookupNgram(' zzz~')).toBeUndefined();
  });

  it("keeps and drops the same characters as eld's separator pattern, for every UTF-16 unit", async () => {
    const patternsUrl = new URL('../regexPatterns.js', import.meta.resolve('eld/small'));
    const { separators } = (await import(patternsUrl.href)) as { separators: RegExp };
    const eldProcessed = (t: string) => t.replace(separators, ' ').trim().toLowerCase();
    const wrong: number[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const t = `a${String.fromCharCode(c)}b ${String.fromCharCode(c)}'’x`;
      if (eldText(t) !== eldProcessed(t)) wrong.push(c);
    }
    expect(wrong).toEqual([]);
    // The direct path (no strings, a lower-case table) against the string path, every unit inside words.
    const view = (s: { raw: Int32Array; ngrams: number; top: number }) => [[...s.raw], s.ngrams, s.top];
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      const t = `the${ch}re ${ch}und ${ch}${ch}er og${ch}`;
      if (!isDeepStrictEqual(view(scoreText(t)), view(scoreTextExact(t)))) wrong.push(c);
    }
    expect(wrong).toEqual([]);
    fc.assert(
      fc.property(text(30), (t) => {
        expect(eldText(t)).toBe(eldProcessed(t));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('detectLanguage gives what eld.detect() gave', () => {
  it('on every text of the evaluation sets', () => {
    expect(evalTexts.length).toBeGreaterThan(900);
    expect(differences(evalTexts)).toEqual([]);
  });

  it('on the seed articles, cut into sentences and paragraphs, and whole', () => {
    expect(seedSentences.length).toBeGreaterThan(100);
    expect(seedArticles.some((a) => a.length > 1000)).toBe(true);
    expect(differences([...seedSentences, ...seedParagraphs, ...seedArticles])).toEqual([]);
  });

  it('on random posts: words, links, emoji, CJK, Nordic letters, surrogates, apostrophes', () => {
    fc.assert(
      fc.property(text(40), (t) => {
        expect(differences([t])).toEqual([]);
      }),
      { numRuns: 3000 },
    );
  });

  it('on random long texts, past the 1,000 units and ~380 bytes eld reads', () => {
    fc.assert(
      fc.property(text(400), fc.nat(2000), (t, cut) => {
        const long = t.length >= 1000 ? t : t.repeat(Math.ceil((1000 + cut) / Math.max(1, t.length)));
        expect(differences([long, long.slice(0, 1000 + (cut % 50) - 25)])).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('on edge cases: empty, spaces only, long words, cuts inside a surrogate pair', () => {
    const edge = [
      '',
      ' ',
      "'",
      "a'",
      'ab',
      'abc',
      'abcd',
      'abcde',
      'a'.repeat(70),
      'a'.repeat(71),
      'a'.repeat(72),
      `${'ø'.repeat(35)}a`,
      'ø'.repeat(36),
      `${'x'.repeat(999)}😀 hei`,
      `${'hei '.repeat(249)}abc😀`,
      `${'word '.repeat(69)}abcdefghij`,
      `${'æ '.repeat(200)}`,
      'ΣΑΣ ΣΑΣ. Σ',
      'İİİ iii',
      'the weather ሰላም',
      'hello ሰላም ለዓለም world',
      'Jeg har constructor igen, hvad nu',
      "ΌΣΟΣ ΣΊΣΥΦΟΣ Σ'Σ ΣΑΣ’",
    ];
    expect(differences(edge)).toEqual([]);
  });

  it("at eld's cuts: the 1,000th unit, the 350th byte's space, the 380th byte in a word", () => {
    const texts: string[] = [];
    for (let n = 990; n <= 1002; n++) {
      // Non-letters up to the cut, so that the words after it are what decides.
      texts.push(`${'1'.repeat(n)} nation hei`, `${'😀'.repeat(n >> 1)}${n & 1 ? 'x' : ''}tion ja`);
    }
    for (let off = 0; off < 12; off++) {
      const prefix = `${'a'.repeat(off)} ${'ab '.repeat(110)}`;
      texts.push(`${prefix}${'tion'.repeat(20)}`, `${prefix}${'ødel'.repeat(12)} hei`, `${prefix}nation og`);
    }
    expect(differences(texts)).toEqual([]);
  });
});
