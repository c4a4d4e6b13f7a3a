// A sentiment lexicon for one language: the data each language file writes as compact text tables, and the
// word lookup (exact, spelling variant, inflection, compound) that the scorer calls for every word.
import { WORD_SLOTS, wordTableGeneration } from './tokens.ts';

/** What a language file writes. Tables are lines of "<number> word word multi_word_phrase". */
export interface LexiconSource {
  /** Valence −3 (worst) … +3 (best). A 0 entry blocks a wrong guess from inflection or compound rules. */
  valences: string;
  /** Multipliers for the next sentiment word: "very" 1.5, "slightly" 0.6. */
  intensifiers: string;
  /** Words that flip the sentiment word after them (or, in V2 word order, just before them). */
  negators: string;
  /** Negators that are the subject of their clause ("nobody", "ingen"): their scope is the whole clause. */
  clauseNegators?: string;
  /** "never" words: "never so good" is praise, not a negation (with degreeWords), and "never … again" a verdict. */
  never?: string;
  degreeWords?: string;
  again?: string;
  /** "but": the clause before counts half, the clause after one and a half. */
  contrast: string;
  /** "can't recommend it enough": this word after a negated sentiment word undoes the negation. */
  negationCancellers?: string;
  /** Inflection endings, tried longest first, to find the base form listed in valences. */
  suffixes: string;
  /** Whether an unknown stem may gain an "e" back (English: loving → love). */
  restoreE?: boolean;
  /** Compounding languages: prefixes that intensify the rest ("kjempebra") as "<multiplier> prefix". */
  compoundBoosts?: string;
  /** Prefixes with a valence of their own when the rest is neutral ("drittjobb", "Traumjob"). */
  compoundValences?: string;
  /** Prefixes that turn the rest into its opposite ("misfornøyd", "unfreundlich"). */
  negatingPrefixes?: string;
  /** Spelling variants mapped onto the listed form (nynorsk -leg → bokmål -lig). */
  rewrites?: [RegExp, string][];
}

export interface Phrase {
  words: string[];
  valence: number;
}

/** What the scorer asks about a word, found once and remembered (wordInfo). */
export interface WordInfo {
  /** CONTRAST, NEGATES, CLAUSE_NEGATOR, NEVER, DEGREE, CANCELLER bits. */
  readonly flags: number;
  /** Intensifier multiplier. */
  readonly factor: number | undefined;
  /** lookup(word). */
  readonly value: number | undefined;
  /** Phrases starting with the word, longest first. */
  readonly phrases: Phrase[] | undefined;
}

export const CONTRAST = 1;
/** A negator of any kind: a clause negator, a negator, a "never" word or a word ending in "n't". */
export const NEGATES = 2;
export const CLAUSE_NEGATOR = 4;
export const NEVER = 8;
export const DEGREE = 16;
export const CANCELLER = 32;

export interface Lexicon {
  words: Map<string, number>;
  phrases: Map<string, Phrase[]>;
  intensifiers: Map<string, number>;
  negators: Set<string>;
  clauseNegators: Set<string>;
  never: Set<string>;
  degreeWords: Set<string>;
  again: Set<string>;
  contrast: Set<string>;
  negationCancellers: Set<string>;
  lookup(word: string): number | undefined;
  /** The word's sets, intensifier, phrases and lookup() in one remembered answer. */
  wordInfo(word: string): WordInfo;
  /** wordInfo(word) for a word the scanner put in slot `slot` of its word table (-1: not in the table). */
  wordInfoAt(slot: number, word: string): WordInfo;
}

function table(source: string | undefined): [number, string[]][] {
  const rows: [number, string[]][] = [];
  for (const line of (source ?? '').split('\n')) {
    const [head, ...rest] = line.trim().split(/\s+/);
    if (!head || rest.length === 0) continue;
    const value = Number(head.replace('−', '-'));
    if (Number.isNaN(value)) throw new Error(`lexicon line without a number: ${line}`);
    rows.push([value, rest]);
  }
  return rows;
}

function wordSet(source: string | undefined): Set<string> {
  return new Set((source ?? '').split(/\s+/).filter(Boolean));
}

// Words the scorer sees are at most this long; longer tokens are links or keyboard mashing.
const MAX_WORD = 40;
const MIN_STEM = 3;
// A compound's last part must be this long to count: shorter tails match by accident (Protokoll → toll).
const MIN_COMPOUND_PART = 5;
const CACHE_LIMIT = 50_000;

const SLOT_UNKNOWN = 0;
const SLOT_NOTHING = 1;
const SLOT_FILED = 2;
/** The answer for every word the scorer does nothing with. */
const NOTHING: WordInfo = { flags: 0, factor: undefined, value: undefined, phrases: undefined };

/** s.replace(/^-/, ''). */
function withoutLeadingHyphen(s: string): string {
  return s.charCodeAt(0) === 0x2d ? s.slice(1) : s;
}

export function compileLexicon(source: LexiconSource): Lexicon {
  const words = new Map<string, number>();
  const phrases = new Map<string, Phrase[]>();
  for (const [valence, entries] of table(source.valences)) {
    for (const entry of entries) {
      if (!entry.includes('_')) {
        words.set(entry, valence);
        continue;
      }
      const parts = entry.split('_');
      const list = phrases.get(parts[0]!) ?? [];
      list.push({ words: parts, valence });
      // Longest phrase first, so "takk for ingenting" wins over "takk for".
      list.sort((a, b) => b.words.length - a.words.length);
      phrases.set(parts[0]!, list);
    }
  }
  const intensifiers = new Map<string, number>();
  for (const [factor, entries] of table(source.intensifiers))
    for (const e of entries) intensifiers.set(e, factor);
  const boosts = table(source.compoundBoosts).flatMap(([f, ps]) => ps.map((p) => [p, f] as const));
  const prefixValences = table(source.compoundValences).flatMap(([v, ps]) => ps.map((p) => [p, v] as const));
  const negatingPrefixes = [...wordSet(source.negatingPrefixes)];
  const suffixes = [...wordSet(source.suffixes)].sort((a, b) => b.length - a.length);
  // The suffixes by their last unit, each list in the order above: a word tries only those it can end with.
  const suffixesByLast = new Map<number, string[]>();
  for (const suffix of suffixes) {
    const last = suffix.charCodeAt(suffix.length - 1);
    const list = suffixesByLast.get(last);
    if (list) list.push(suffix);
    else suffixesByLast.set(last, [suffix]);
  }
  const NO_SUFFIXES: string[] = [];
  const rewrites = source.rewrites ?? [];
  const compounding = boosts.length > 0 || prefixValences.length > 0 || negatingPrefixes.length > 0;

  const exact = (w: string): number | undefined => words.get(w);

  /** Exact form, a spelling variant, or the form with one inflection ending removed. */
  function inflected(w: string, minStem = MIN_STEM): number | undefined {
    const direct = exact(w);
    if (direct !== undefined) return direct;
    for (const [re, to] of rewrites) {
      if (!re.test(w)) continue;
      const v = exact(w.replace(re, to));
      if (v !== undefined) return v;
    }
    for (const suffix of suffixesByLast.get(w.charCodeAt(w.length - 1)) ?? NO_SUFFIXES) {
      if (!w.endsWith(suffix) || w.length - suffix.length < minStem) continue;
      const stem = w.slice(0, -suffix.length);
      const v = exact(stem) ?? (source.restoreE ? exact(`${stem}e`) : undefined);
      if (v !== undefined) return v;
      for (const [re, to] of rewrites) {
        if (!re.test(stem)) continue;
        const r = exact(stem.replace(re, to));
        if (r !== undefined) return r;
      }
    }
    return undefined;
  }

  /** Germanic compounds: an intensifying or valenced prefix, a negating prefix, or a known last part. */
  function compound(w: string): number | undefined {
    for (const [prefix, factor] of boosts) {
      if (!w.startsWith(prefix) || w.length - prefix.length < MIN_STEM) continue;
      const rest = inflected(withoutLeadingHyphen(w.slice(prefix.length)));
      if (rest) return rest * factor;
    }
    for (const [prefix, valence] of prefixValences) {
      if (w.startsWith(prefix) && w.length - prefix.length >= MIN_STEM) return valence;
    }
    for (const prefix of negatingPrefixes) {
      if (!w.startsWith(prefix) || w.length - prefix.length < 5) continue;
      const rest = inflected(w.slice(prefix.length));
      if (rest && rest > 0) return -rest;
    }
    // The last part of a compound carries its meaning: "Zeitverschwendung", "datalekkasje".
    for (let cut = 3; cut <= w.length - MIN_COMPOUND_PART; cut++) {
      const v = inflected(withoutLeadingHyphen(w.slice(cut)), MIN_COMPOUND_PART);
      if (v) return v;
    }
    return undefined;
  }

  function lookupWord(word: string): number | undefined {
    if (word.length > MAX_WORD) return undefined;
    let v = inflected(word);
    if (v === undefined && word.includes('-')) {
      // "kjempe-bra", "Banking-App": the last part first, then the first part.
      const parts = word.split('-').filter(Boolean);
      v = inflected(parts.at(-1) ?? '') ?? inflected(parts[0] ?? '');
    }
    if (v === undefined && compounding && word.length >= MIN_STEM + MIN_COMPOUND_PART) v = compound(word);
    return v;
  }

  const negators = wordSet(source.negators);
  const clauseNegators = wordSet(source.clauseNegators);
  const never = wordSet(source.never);
  const degreeWords = wordSet(source.degreeWords);
  const contrast = wordSet(source.contrast);
  const negationCancellers = wordSet(source.negationCancellers);

  function describe(w: string): WordInfo {
    let flags = 0;
    if (contrast.has(w)) flags |= CONTRAST;
    if (clauseNegators.has(w)) flags |= CLAUSE_NEGATOR;
    if (never.has(w)) flags |= NEVER;
    if (clauseNegators.has(w) || negators.has(w) || never.has(w) || w.endsWith("n't")) flags |= NEGATES;
    if (degreeWords.has(w)) flags |= DEGREE;
    if (negationCancellers.has(w)) flags |= CANCELLER;
    return { flags, factor: intensifiers.get(w), value: lookupWord(w), phrases: phrases.get(w) };
  }

  // A feed repeats its words: each one's answer is kept, up to CACHE_LIMIT words, then the memo starts over.
  const memo = new Map<string, WordInfo>();
  function wordInfo(word: string): WordInfo {
    let info = memo.get(word);
    if (info === undefined) {
      info = describe(word);
      // Longer tokens are links or keyboard mashing: not worth keeping.
      if (word.length <= MAX_WORD) {
        if (memo.size >= CACHE_LIMIT) memo.clear();
        memo.set(word, info);
      }
    }
    return info;
  }

  // The same answers filed under the scanner's word-table slots. Most words are nothing to the scorer (no
  // flag, intensifier, phrase or value): a byte per slot says so, and a byte array stays in cache where an array
  // of objects a slot does not. The rest are read from bySlot.
  let slotState = new Uint8Array(0);
  let bySlot: (WordInfo | undefined)[] = [];
  let bySlotGeneration = -1;
  function wordInfoAt(slot: number, word: string): WordInfo {
    if (slot < 0) return wordInfo(word);
    const generation = wordTableGeneration();
    if (generation !== bySlotGeneration) {
      if (slotState.length === 0) {
        slotState = new Uint8Array(WORD_SLOTS);
        bySlot = new Array(WORD_SLOTS).fill(undefined);
      } else slotState.fill(SLOT_UNKNOWN);
      bySlotGeneration = generation;
    }
    const state = slotState[slot]!;
    if (state === SLOT_NOTHING) return NOTHING;
    if (state === SLOT_FILED) return bySlot[slot]!;
    const info = wordInfo(word);
    if (
      info.flags === 0 &&
      info.factor === undefined &&
      info.value === undefined &&
      info.phrases === undefined
    ) {
      slotState[slot] = SLOT_NOTHING;
    } else {
      bySlot[slot] = info;
      slotState[slot] = SLOT_FILED;
    }
    return info;
  }

  return {
    words,
    phrases,
    intensifiers,
    negators,
    clauseNegators,
    never,
    degreeWords,
    again: wordSet(source.again),
    contrast,
    negationCancellers,
    lookup: (word) => wordInfo(word).value,
    wordInfo,
    wordInfoAt,
  };
}
