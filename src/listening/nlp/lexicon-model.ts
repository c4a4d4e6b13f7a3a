// The lexicon sentiment model: sums word valences, adjusted for negation, intensifiers, contrast ("but"),
// sarcastic openers, emoji and shouting, then squashes the sum into [-1, 1].
import { emojiValence } from './emoji.ts';
import type { Lexicon } from './lexicon.ts';
import { type Token, tokenize } from './tokens.ts';

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

export function scoreWithLexicon(text: string, lex: Lexicon): SentimentScore {
  const tokens = tokenize(text);
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
