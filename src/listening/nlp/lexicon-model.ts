// The lexicon sentiment model: sums word valences, adjusted for negation, intensifiers, contrast ("but"),
// sarcastic openers, emoji and shouting, then squashes the sum into [-1, 1].
import { emojiValence } from './emoji.ts';
import {
  CANCELLER,
  CLAUSE_NEGATOR,
  CONTRAST,
  DEGREE,
  type Lexicon,
  NEGATES,
  NEVER,
  type Phrase,
} from './lexicon.ts';
import { BREAK, STOP, scan, scanned, WORD } from './tokens.ts';

export interface SentimentScore {
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
export const NEUTRAL_BAND = 0.1;

/** Whether the "never" word at i pairs with an "again" later in the same sentence ("never … again"). */
function neverAgainAt(i: number, count: number, kinds: Uint8Array, texts: string[], lex: Lexicon): boolean {
  for (let j = i + 1; j < count && j - i <= NEVER_AGAIN_SPAN; j++) {
    const k = kinds[j]!;
    if (k === STOP) break;
    if (k === WORD && lex.again.has(texts[j]!)) return true;
  }
  return false;
}

// The scorer's state while it reads one text: module-level, so that reading a text allocates no closures.
let hits: Hit[] = [];
let clause = 0;
let sentence = 0;
let boost = 1;
let boostLeft = 0;
let negation: Negation | undefined;
/** Words in each clause, by clause number (reused; a clause's count is set to 0 when it starts). */
let clauseWords = new Int32Array(64);

function closeNegation(): void {
  if (negation && !negation.exclamative && !negation.clauseWide) {
    // Nothing ahead to negate: the negator follows its word ("virker ikke", "funktioniert nicht").
    const at = negation.at;
    let target: Hit | undefined;
    for (let h = hits.length - 1; h >= 0; h--) {
      const x = hits[h]!;
      if (x.clause === clause && !x.fixed && at - x.index <= BACKWARD_SCOPE) {
        target = x;
        break;
      }
    }
    if (target && !target.negated) {
      target.value *= target.value > 0 ? FLIP_POSITIVE : FLIP_NEGATIVE;
      target.negated = true;
    }
  }
  negation = undefined;
}

function nextClause(): void {
  closeNegation();
  clause++;
  clauseWords[clause] = 0;
  boost = 1;
  boostLeft = 0;
}

function add(valence: number, index: number, shout: boolean): void {
  let value = valence * boost * (shout ? SHOUT : 1);
  boost = 1;
  boostLeft = 0;
  let negated = false;
  if (negation && !negation.exclamative) {
    value *= value > 0 ? FLIP_POSITIVE : FLIP_NEGATIVE;
    negated = true;
  }
  if (negation && !negation.clauseWide) negation = undefined;
  hits.push({ value, index, sentence, clause, negated, fixed: false });
}

// The tokens come from scan() as parallel arrays and each word's sets, phrases and lookup from one remembered
// answer (lex.wordInfoAt, by the word's slot in the scanner's word table); the arithmetic is the same, step for step, as the scorer that read Token objects and asked
// each set in turn (sentiment-reference.ts; sentiment-equivalence.test.ts holds them to the same bits).
export function scoreWithLexicon(text: string, lex: Lexicon): SentimentScore {
  const count = scan(text);
  const { kinds, texts, shouted, bangs, ids } = scanned;
  hits = [];
  clause = 0;
  sentence = 0;
  boost = 1;
  boostLeft = 0;
  negation = undefined;
  let contrastAt: Map<number, number> | undefined;
  // At most one clause a token, and the first.
  if (clauseWords.length < count + 2) clauseWords = new Int32Array(count * 2 + 2);
  clauseWords[0] = 0;
  let exclamations = 0;

  for (let i = 0; i < count; i++) {
    const kind = kinds[i]!;
    if (kind === STOP) {
      exclamations += bangs[i]!;
      nextClause();
      sentence++;
      continue;
    }
    if (kind === BREAK) {
      nextClause();
      continue;
    }
    if (kind !== WORD) {
      const v = emojiValence(texts[i]!);
      if (v) hits.push({ value: v, index: i, sentence, clause, negated: false, fixed: true });
      continue;
    }
    const info = lex.wordInfoAt(ids[i]!, texts[i]!);
    const flags = info.flags;
    clauseWords[clause]!++;
    if ((flags & CONTRAST) !== 0) {
      nextClause();
      contrastAt ??= new Map();
      contrastAt.set(sentence, i);
      continue;
    }
    const candidates = info.phrases;
    if (candidates !== undefined) {
      let phrase: Phrase | undefined;
      for (const p of candidates) {
        let ok = true;
        for (let k = 1; k < p.words.length && ok; k++) {
          const j = i + k;
          ok = j < count && kinds[j] === WORD && texts[j] === p.words[k];
        }
        if (ok) {
          phrase = p;
          break;
        }
      }
      if (phrase) {
        // A 0 phrase only keeps its words from being read alone ("kind of" is not "kind").
        if (phrase.valence !== 0) add(phrase.valence, i, false);
        i += phrase.words.length - 1;
        continue;
      }
    }
    if ((flags & NEVER) !== 0 && neverAgainAt(i, count, kinds, texts, lex)) {
      hits.push({ value: NEVER_AGAIN, index: i, sentence, clause, negated: false, fixed: true });
      continue;
    }
    if ((flags & NEGATES) !== 0) {
      closeNegation();
      negation = {
        at: i,
        left: NEGATION_SCOPE,
        clauseWide: (flags & CLAUSE_NEGATOR) !== 0,
        never: (flags & NEVER) !== 0,
        exclamative: false,
      };
      continue;
    }
    const factor = info.factor;
    if (factor !== undefined) {
      boost *= factor;
      boostLeft = BOOST_SCOPE;
      // "never so friendly", "aldri så vennlig": an exclamation of degree, not a negation.
      if (negation?.never && (flags & DEGREE) !== 0) negation.exclamative = true;
      continue;
    }
    if ((flags & CANCELLER) !== 0) {
      let negated: Hit | undefined;
      for (let h = hits.length - 1; h >= 0; h--) {
        const x = hits[h]!;
        if (x.clause === clause && x.negated) {
          negated = x;
          break;
        }
      }
      if (negated) {
        const original = negated.value / (negated.value > 0 ? FLIP_NEGATIVE : FLIP_POSITIVE);
        negated.value = original * 1.5;
        negated.negated = false;
      }
      continue;
    }
    const v = info.value;
    if (v) {
      add(v, i, shouted[i] === 1);
      continue;
    }
    if (boostLeft > 0 && --boostLeft === 0) boost = 1;
    if (negation && !negation.clauseWide && --negation.left === 0) closeNegation();
  }
  closeNegation();
  const found = hits;
  hits = [];

  // Sarcasm: a lone positive word opening a sentence that then complains ("Great, another delay.").
  for (const h of found) {
    if (h.value <= 0 || h.fixed || clauseWords[h.clause]! > 2) continue;
    let first: Hit | undefined;
    for (const x of found) {
      if (x.sentence === h.sentence) {
        first = x;
        break;
      }
    }
    if (first !== h) continue;
    // The rest of the sentence, summed in order from 0 as the reduce() over a filter() did.
    let rest = 0;
    for (const x of found) if (x.sentence === h.sentence && x.clause !== h.clause) rest = rest + x.value;
    if (rest < SARCASM_REST) h.value = -h.value * 0.5;
  }

  let sum = 0;
  for (const h of found) {
    const c = contrastAt?.get(h.sentence);
    const weight = h.fixed || c === undefined ? 1 : h.index < c ? BEFORE_CONTRAST : AFTER_CONTRAST;
    sum += h.value * weight;
  }
  if (sum !== 0) sum += Math.sign(sum) * EXCLAMATION * Math.min(exclamations, 3);
  const score = Math.round((sum / Math.sqrt(sum * sum + SQUASH)) * 1000) / 1000;
  const label = score >= NEUTRAL_BAND ? 'positive' : score <= -NEUTRAL_BAND ? 'negative' : 'neutral';
  return { label, score };
}
