// The texts the equivalence tests run fast paths and their references over: every evaluation post, and the
// seed articles (../shared/seeds) whole, by paragraph and by sentence.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEvalSet } from './evaluation.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const evalTexts = (['lang.dev', 'lang.test', 'sentiment.dev', 'sentiment.test'] as const).flatMap(
  (set) => loadEvalSet(set).map((p) => p.text),
);
const seedDir = path.resolve(repo, '../shared/seeds');
export const seedArticles = fs
  .readdirSync(seedDir)
  .map((f) => fs.readFileSync(path.join(seedDir, f), 'utf8'));
export const seedSentences = seedArticles
  .flatMap((a) => a.split(/\n+|(?<=[.!?])\s+/))
  .filter((s) => s.trim());
export const seedParagraphs = seedArticles.flatMap((a) => a.split(/\n\s*\n/)).filter((s) => s.trim());
/** Every distinct word of the evaluation posts and seed sentences. */
export const corpusWords = [
  ...new Set([...evalTexts, ...seedSentences].flatMap((t) => t.split(/\s+/)).filter(Boolean)),
];
