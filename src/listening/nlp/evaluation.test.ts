// Held-out accuracy per language: fails when language detection or sentiment drops under its floor.
// The floors are what the held-out sets reach today, rounded down; the sentiment target is the product's 85%.
import { describe, expect, it } from 'vitest';
import {
  type Accuracy,
  EVAL_LANGUAGES,
  languageAccuracy,
  loadEvalSet,
  sentimentAccuracy,
} from './evaluation.ts';

const LANGUAGE_FLOOR = { en: 0.95, nb: 0.9, nn: 0.9, da: 0.95, sv: 0.95, de: 0.95 } as const;
const SENTIMENT_TARGET = 0.85;

function report(title: string, results: Record<string, Accuracy>): string {
  return [
    title,
    ...Object.entries(results).map(([lang, a]) => `${lang} ${a.correct}/${a.total}`),
    ...Object.entries(results).flatMap(([lang, a]) =>
      a.misses.map((m) => `  ${lang} expected ${m.expected} got ${m.got}: ${m.text}`),
    ),
  ].join('\n');
}

describe('held-out evaluation', () => {
  it('has at least 40 posts per language, and for sentiment half of them negative', () => {
    const langSet = loadEvalSet('lang.test');
    const sentimentSet = loadEvalSet('sentiment.test');
    for (const lang of EVAL_LANGUAGES) {
      expect(langSet.filter((p) => p.lang === lang).length).toBeGreaterThanOrEqual(40);
      const polar = sentimentSet.filter((p) => p.lang === lang && p.label !== 'neutral');
      expect(polar.length).toBeGreaterThanOrEqual(40);
      expect(polar.filter((p) => p.label === 'negative').length).toBe(polar.length / 2);
    }
  });

  it('detects the language of each held-out post above the per-language floor', () => {
    const results = languageAccuracy(loadEvalSet('lang.test'));
    const text = report('language ID (lang.test)', results);
    for (const lang of EVAL_LANGUAGES)
      expect(results[lang].accuracy, text).toBeGreaterThanOrEqual(LANGUAGE_FLOOR[lang]);
  });

  it('labels positive and negative held-out posts correctly at least 85% of the time in every language', () => {
    const results = sentimentAccuracy(loadEvalSet('sentiment.test'));
    const text = report('sentiment (sentiment.test, positive/negative)', results);
    for (const lang of EVAL_LANGUAGES)
      expect(results[lang].accuracy, text).toBeGreaterThanOrEqual(SENTIMENT_TARGET);
  });

  it('keeps the held-out neutral posts neutral', () => {
    const results = sentimentAccuracy(loadEvalSet('sentiment.test'), ['neutral']);
    for (const lang of EVAL_LANGUAGES) expect(results[lang].accuracy, report('neutral', results)).toBe(1);
  });
});
