// The sentiment scorer as it was before the fast scanner and the per-word memo (tokens.ts, lexicon.ts and
// lexicon-model.ts at commit 2b7de40, verbatim apart from names): the reference sentiment-equivalence.test.ts
// compares the shipped scorer with, bit for bit. Nothing else imports it.
import { emojiValence } from './emoji.ts';
import type { LexiconSource } from './lexicon.ts';
import { danish } from './lexicons/da.ts';
import { german } from './lexicons/de.ts';
import { english } from './lexicons/en.ts';
import { norwegian } from './lexicons/no.ts';
import { swedish } from './lexicons/sv.ts';

// --- tokens.ts ---

export type TokenKind = 'word' | 'emoji' | 'emoticon' | 'break' | 'stop';

export interface Token {
  kind: TokenKind;
  /** Lower-cased word, emoji without variation selectors or skin tones, or the punctuation itself. */
  text: string;
  /** A word written in capitals (at least 3 letters) while the rest of the post is not: shouting. */
  shouted: boolean;
}

// One alternation, tried left to right at each position; the first group that matched names the kind.
const SCANNER = new RegExp(
  [
    // No alternative may backtrack over a long token (an e-mail pattern like \S+@ did): keep the scan linear.
    String.raw`(?<skip>https?:\/\/\S+|www\.\S+|@[\w.-]+)`,
    // Emoticons need a boundary before them so "8)" in a numbered list or ":(" inside a word stays out.
    String.raw`(?<emoticon>(?<![\p{L}\p{N}])(?:[:;=][-'^o]?[)(\]\[dDpP/\\|*3oO]|[xX][dD]|<\/?3|\^\^|\^_\^)(?![\p{L}\p{N}]))`,
    String.raw`(?<emoji>\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier}|\u200D\p{Extended_Pictographic}\uFE0F?)*)`,
    String.raw`(?<word>[\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:['’-][\p{L}\p{M}\p{N}]+)*)`,
    String.raw`(?<stop>[.!?]+|[;:…]|\s[-–—]\s)`,
    '(?<break>,)',
  ].join('|'),
  'gu',
);

const EMOJI_NOISE = /[\uFE0F\u{1F3FB}-\u{1F3FF}]/gu;

export function referenceTokenize(text: string): Token[] {
  const tokens: Token[] = [];
  // Shouting only means something against a post that is otherwise in normal case.
  const allCaps = text === text.toUpperCase();
  for (const m of text.matchAll(SCANNER)) {
    const g = m.groups!;
    if (g.skip !== undefined) continue;
    if (g.word !== undefined) {
      const raw = g.word;
      tokens.push({
        kind: 'word',
        text: raw.toLowerCase().replace(/’/g, "'"),
        shouted: !allCaps && raw.length >= 3 && raw === raw.toUpperCase() && raw !== raw.toLowerCase(),
      });
    } else if (g.emoji !== undefined) {
      tokens.push({ kind: 'emoji', text: g.emoji.replace(EMOJI_NOISE, ''), shouted: false });
    } else if (g.emoticon !== undefined) {
      tokens.push({ kind: 'emoticon', text: g.emoticon, shouted: false });
    } else if (g.stop !== undefined) {
      tokens.push({ kind: 'stop', text: g.stop.trim(), shouted: false });
    } else if (g.break !== undefined) {
      tokens.push({ kind: 'break', text: ',', shouted: false });
    }
  }
  return tokens;
}

// --- lexicon.ts ---

interface Phrase {
  words: string[];
  valence: number;
}

interface Lexicon {
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

function compileLexicon(source: LexiconSource): Lexicon {
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
    for (const suffix of suffixes) {
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
      const rest = inflected(w.slice(prefix.length).replace(/^-/, ''));
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
      const v = inflected(w.slice(cut).replace(/^-/, ''), MIN_COMPOUND_PART);
      if (v) return v;
    }
    return undefined;
  }

  const cache = new Map<string, number | undefined>();
  function lookup(word: string): number | undefined {
    if (word.length > MAX_WORD) return undefined;
    if (cache.has(word)) return cache.get(word);
    let v = inflected(word);
    if (v === undefined && word.includes('-')) {
      // "kjempe-bra", "Banking-App": the last part first, then the first part.
      const parts = word.split('-').filter(Boolean);
      v = inflected(parts.at(-1) ?? '') ?? inflected(parts[0] ?? '');
    }
    if (v === undefined && compounding && word.length >= MIN_STEM + MIN_COMPOUND_PART) v = compound(word);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(word, v);
    return v;
  }

  return {
    words,
    phrases,
    intensifiers,
    negators: wordSet(source.negators),
    clauseNegators: wordSet(source.clauseNegators),
    never: wordSet(source.never),
    degreeWords: wordSet(source.degreeWords),
    again: wordSet(source.again),
    contrast: wordSet(source.contrast),
    negationCancellers: wordSet(source.negationCancellers),
    lookup,
  };
}

// --- lexicon-model.ts ---

interface SentimentScore {
  label: 'positive' | 'negative' | 'neutral';
  /** −1 … 1; |score| below NEUTRAL_BAND is labelled neutral. */
  score: number;
}

interface Hit {
  value: number;
  index: number;
  sentence: number;
  clause: number;
  negated: boolean;
  /** Emoji and verdicts ("never again") are not negated, intensified or reweighted by "but". */
  fixed: boolean;
}

interface Negation {
  at: number;
  /** Words left in the forward scope. */
  left: number;
  clauseWide: boolean;
  /** A "never" word: "never so good" is praise. */
  never: boolean;
  exclamative: boolean;
}

// Forward negation scope in words ("not really very good" still reaches "good").
const NEGATION_SCOPE = 3;
// How far back a negator that found nothing ahead looks: "it works not" word order, "Ich mag das nicht".
const BACKWARD_SCOPE = 3;
// Negating a positive word makes it negative; negating a negative one makes it only mildly positive ("not bad").
const FLIP_POSITIVE = -0.75;
const FLIP_NEGATIVE = -0.5;
const BOOST_SCOPE = 2;
const SHOUT = 1.3;
const BEFORE_CONTRAST = 0.5;
const AFTER_CONTRAST = 1.5;
const NEVER_AGAIN = -2.5;
const NEVER_AGAIN_SPAN = 8;
// How negative the rest of a sentence must be before a lone cheerful opener reads as sarcasm.
const SARCASM_REST = -1;
const EXCLAMATION = 0.3;
// Squashing constant: a single clear word (valence 2) lands at ~0.7, a mild one (1) at ~0.45.
const SQUASH = 4;
const NEUTRAL_BAND = 0.1;

/** Positions of "never" words that pair with an "again" later in the same sentence. */
function neverAgain(tokens: Token[], lex: Lexicon): Set<number> {
  const found = new Set<number>();
  if (lex.again.size === 0) return found;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.kind !== 'word' || !lex.never.has(tokens[i]!.text)) continue;
    for (let j = i + 1; j < tokens.length && j - i <= NEVER_AGAIN_SPAN; j++) {
      const t = tokens[j]!;
      if (t.kind === 'stop') break;
      if (t.kind === 'word' && lex.again.has(t.text)) {
        found.add(i);
        break;
      }
    }
  }
  return found;
}

function phraseAt(tokens: Token[], i: number, lex: Lexicon): { valence: number; length: number } | undefined {
  const candidates = lex.phrases.get(tokens[i]!.text);
  if (!candidates) return undefined;
  for (const p of candidates) {
    let ok = true;
    for (let k = 1; k < p.words.length && ok; k++) {
      const t = tokens[i + k];
      ok = t !== undefined && t.kind === 'word' && t.text === p.words[k];
    }
    if (ok) return { valence: p.valence, length: p.words.length };
  }
  return undefined;
}

function scoreWithLexicon(text: string, lex: Lexicon): SentimentScore {
  const tokens = referenceTokenize(text);
  const verdicts = neverAgain(tokens, lex);
  const hits: Hit[] = [];
  const contrastAt = new Map<number, number>();
  const clauseWords: number[] = [0];
  let sentence = 0;
  let clause = 0;
  let exclamations = 0;
  let boost = 1;
  let boostLeft = 0;
  let negation: Negation | undefined;

  const closeNegation = () => {
    if (negation && !negation.exclamative && !negation.clauseWide) {
      // Nothing ahead to negate: the negator follows its word ("virker ikke", "funktioniert nicht").
      const at = negation.at;
      const target = hits.findLast((h) => h.clause === clause && !h.fixed && at - h.index <= BACKWARD_SCOPE);
      if (target && !target.negated) {
        target.value *= target.value > 0 ? FLIP_POSITIVE : FLIP_NEGATIVE;
        target.negated = true;
      }
    }
    negation = undefined;
  };
  const nextClause = () => {
    closeNegation();
    clause++;
    clauseWords[clause] = 0;
    boost = 1;
    boostLeft = 0;
  };
  const add = (valence: number, index: number, shouted: boolean) => {
    let value = valence * boost * (shouted ? SHOUT : 1);
    boost = 1;
    boostLeft = 0;
    let negated = false;
    if (negation && !negation.exclamative) {
      value *= value > 0 ? FLIP_POSITIVE : FLIP_NEGATIVE;
      negated = true;
    }
    if (negation && !negation.clauseWide) negation = undefined;
    hits.push({ value, index, sentence, clause, negated, fixed: false });
  };

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'stop') {
      exclamations += t.text.split('!').length - 1;
      nextClause();
      sentence++;
      continue;
    }
    if (t.kind === 'break') {
      nextClause();
      continue;
    }
    if (t.kind === 'emoji' || t.kind === 'emoticon') {
      const v = emojiValence(t.text);
      if (v) hits.push({ value: v, index: i, sentence, clause, negated: false, fixed: true });
      continue;
    }
    const w = t.text;
    clauseWords[clause]!++;
    if (lex.contrast.has(w)) {
      nextClause();
      contrastAt.set(sentence, i);
      continue;
    }
    const phrase = phraseAt(tokens, i, lex);
    if (phrase) {
      // A 0 phrase only keeps its words from being read alone ("kind of" is not "kind").
      if (phrase.valence !== 0) add(phrase.valence, i, false);
      i += phrase.length - 1;
      continue;
    }
    if (verdicts.has(i)) {
      hits.push({ value: NEVER_AGAIN, index: i, sentence, clause, negated: false, fixed: true });
      continue;
    }
    const clauseWide = lex.clauseNegators.has(w);
    if (clauseWide || lex.negators.has(w) || lex.never.has(w) || w.endsWith("n't")) {
      closeNegation();
      const never = lex.never.has(w);
      negation = { at: i, left: NEGATION_SCOPE, clauseWide, never, exclamative: false };
      continue;
    }
    const factor = lex.intensifiers.get(w);
    if (factor !== undefined) {
      boost *= factor;
      boostLeft = BOOST_SCOPE;
      // "never so friendly", "aldri så vennlig": an exclamation of degree, not a negation.
      if (negation?.never && lex.degreeWords.has(w)) negation.exclamative = true;
      continue;
    }
    if (lex.negationCancellers.has(w)) {
      const negated = hits.findLast((h) => h.clause === clause && h.negated);
      if (negated) {
        const original = negated.value / (negated.value > 0 ? FLIP_NEGATIVE : FLIP_POSITIVE);
        negated.value = original * 1.5;
        negated.negated = false;
      }
      continue;
    }
    const v = lex.lookup(w);
    if (v) {
      add(v, i, t.shouted);
      continue;
    }
    if (boostLeft > 0 && --boostLeft === 0) boost = 1;
    if (negation && !negation.clauseWide && --negation.left === 0) closeNegation();
  }
  closeNegation();

  // Sarcasm: a lone positive word opening a sentence that then complains ("Great, another delay.").
  for (const h of hits) {
    if (h.value <= 0 || h.fixed || clauseWords[h.clause]! > 2) continue;
    const first = hits.find((x) => x.sentence === h.sentence);
    if (first !== h) continue;
    const rest = hits.filter((x) => x.sentence === h.sentence && x.clause !== h.clause);
    if (rest.reduce((s, x) => s + x.value, 0) < SARCASM_REST) h.value = -h.value * 0.5;
  }

  let sum = 0;
  for (const h of hits) {
    const c = contrastAt.get(h.sentence);
    const weight = h.fixed || c === undefined ? 1 : h.index < c ? BEFORE_CONTRAST : AFTER_CONTRAST;
    sum += h.value * weight;
  }
  if (sum !== 0) sum += Math.sign(sum) * EXCLAMATION * Math.min(exclamations, 3);
  const score = Math.round((sum / Math.sqrt(sum * sum + SQUASH)) * 1000) / 1000;
  const label = score >= NEUTRAL_BAND ? 'positive' : score <= -NEUTRAL_BAND ? 'negative' : 'neutral';
  return { label, score };
}

// --- sentiment.ts ---

const SOURCES: Record<string, LexiconSource> = {
  en: english,
  nb: norwegian,
  nn: norwegian,
  no: norwegian,
  da: danish,
  sv: swedish,
  de: german,
};

const compiled = new Map<LexiconSource, Lexicon>();
const EMOJI_ONLY: LexiconSource = {
  valences: '',
  intensifiers: '',
  negators: '',
  contrast: '',
  suffixes: '',
};

/** Sentiment of a text as sentiment() gave it before the fast path (the lexicon model, every language). */
export function referenceSentiment(text: string, lang: string): SentimentScore {
  const source = Object.hasOwn(SOURCES, lang) ? SOURCES[lang]! : EMOJI_ONLY;
  let lex = compiled.get(source);
  if (!lex) {
    lex = compileLexicon(source);
    compiled.set(source, lex);
  }
  return scoreWithLexicon(text, lex);
}

/** The old lexicon's lookup() of a word, for the language's lexicon. */
export function referenceLookup(word: string, lang: string): number | undefined {
  const source = Object.hasOwn(SOURCES, lang) ? SOURCES[lang]! : EMOJI_ONLY;
  let lex = compiled.get(source);
  if (!lex) {
    lex = compileLexicon(source);
    compiled.set(source, lex);
  }
  return lex.lookup(word);
}
