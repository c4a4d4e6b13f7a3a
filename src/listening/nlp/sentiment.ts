// Sentiment of a post in its language. Models sit behind one interface so a trained model can replace the
// lexicon for some languages later without touching callers; the lexicon model covers en, nb, nn, da, sv, de.
import { compileLexicon, type Lexicon, type LexiconSource } from './lexicon.ts';
import { type SentimentScore, scoreWithLexicon } from './lexicon-model.ts';
import { danish } from './lexicons/da.ts';
import { german } from './lexicons/de.ts';
import { english } from './lexicons/en.ts';
import { norwegian } from './lexicons/no.ts';
import { swedish } from './lexicons/sv.ts';

export type { SentimentScore } from './lexicon-model.ts';

export interface SentimentModel {
  readonly name: string;
  /** Whether this model has anything to say about the language (ISO 639-1, 'nb'/'nn'/'no' for Norwegian). */
  supports(lang: string): boolean;
  score(text: string, lang: string): SentimentScore;
}

// Bokmål and nynorsk share one lexicon with both spellings: posts often mix them, and detection between
// the two is the least certain step.
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

// For languages without a lexicon, only emoji and emoticons are read: an empty lexicon scores exactly those.
const EMOJI_ONLY: LexiconSource = {
  valences: '',
  intensifiers: '',
  negators: '',
  contrast: '',
  suffixes: '',
};

/** Lexicons by language code, for the codes in SOURCES: one look-up a post. */
const byLang = new Map<string, Lexicon>();

/** Compiled on first use, so a process that never scores German never builds the German tables. */
function lexiconFor(lang: string): Lexicon {
  const known = byLang.get(lang);
  if (known !== undefined) return known;
  // hasOwn: a language code like "constructor" must not find what a plain object inherits.
  const source = Object.hasOwn(SOURCES, lang) ? SOURCES[lang]! : EMOJI_ONLY;
  let lex = compiled.get(source);
  if (!lex) {
    lex = compileLexicon(source);
    compiled.set(source, lex);
  }
  if (source !== EMOJI_ONLY) byLang.set(lang, lex);
  return lex;
}

export const lexiconModel: SentimentModel = {
  name: 'lexicon',
  supports: (lang) => Object.hasOwn(SOURCES, lang),
  score: (text, lang) => scoreWithLexicon(text, lexiconFor(lang)),
};

/** Picks the first model that supports the language; the lexicon model is the fallback for every language. */
export function createSentiment(models: readonly SentimentModel[] = []) {
  const chain = [...models];
  return (text: string, lang: string): SentimentScore => {
    // A loop, not find() with a callback: this runs for every post.
    for (let i = 0; i < chain.length; i++) if (chain[i]!.supports(lang)) return chain[i]!.score(text, lang);
    return lexiconModel.score(text, lang);
  };
}

/** Sentiment of a post with the built-in models. */
export const sentiment = createSentiment();
