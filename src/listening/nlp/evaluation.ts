// Per-language accuracy of language detection and sentiment on the labelled sets in eval/ (JSON lines).
// The .dev sets were used while writing the lexicons and markers; the .test sets are held out for reporting.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { detectLanguage } from './language.ts';
import { sentiment } from './sentiment.ts';

export const EVAL_LANGUAGES = ['en', 'nb', 'nn', 'da', 'sv', 'de'] as const;
export type EvalLanguage = (typeof EVAL_LANGUAGES)[number];

export interface LabelledPost {
  text: string;
  lang: EvalLanguage;
  label?: 'positive' | 'negative' | 'neutral';
}

export interface Accuracy {
  correct: number;
  total: number;
  accuracy: number;
  misses: { text: string; expected: string; got: string }[];
}

const EVAL_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'eval');

export function loadEvalSet(
  name: 'lang.dev' | 'lang.test' | 'sentiment.dev' | 'sentiment.test',
): LabelledPost[] {
  return fs
    .readFileSync(path.join(EVAL_DIR, `${name}.jsonl`), 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as LabelledPost);
}

function tally(
  posts: LabelledPost[],
  judge: (p: LabelledPost) => { expected: string; got: string } | undefined,
): Record<EvalLanguage, Accuracy> {
  const out = {} as Record<EvalLanguage, Accuracy>;
  for (const lang of EVAL_LANGUAGES) out[lang] = { correct: 0, total: 0, accuracy: 0, misses: [] };
  for (const post of posts) {
    const verdict = judge(post);
    if (!verdict) continue;
    const acc = out[post.lang];
    acc.total++;
    if (verdict.expected === verdict.got) acc.correct++;
    else acc.misses.push({ text: post.text, ...verdict });
  }
  for (const acc of Object.values(out)) acc.accuracy = acc.total ? acc.correct / acc.total : 0;
  return out;
}

/** Language detection accuracy per language. */
export function languageAccuracy(posts: LabelledPost[]): Record<EvalLanguage, Accuracy> {
  return tally(posts, (p) => ({ expected: p.lang, got: detectLanguage(p.text).lang }));
}

/**
 * Sentiment accuracy per language on the positive and negative posts (the target metric), scored with the
 * post's true language so that detection errors do not count against sentiment.
 */
export function sentimentAccuracy(
  posts: LabelledPost[],
  labels: readonly string[] = ['positive', 'negative'],
): Record<EvalLanguage, Accuracy> {
  return tally(posts, (p) =>
    p.label && labels.includes(p.label)
      ? { expected: p.label, got: sentiment(p.text, p.lang).label }
      : undefined,
  );
}
