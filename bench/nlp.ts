// Language detection and sentiment figures: texts/s on one core over a realistic mix (seed-article sentences
// and the evaluation posts, repeated), and held-out language-ID accuracy of eld alone, eld settled by cld3-asm
// (the approach we were pointed to) and eld settled by our spelling markers (what ships).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MIN_MS = 2000;

const rssBefore = process.memoryUsage().rss;
const importStarted = performance.now();
const { detectLanguage } = await import('../src/listening/nlp/language.ts');
const { sentiment } = await import('../src/listening/nlp/sentiment.ts');
const { detect } = await import('../src/listening/nlp/detect.ts');
const { EVAL_LANGUAGES, loadEvalSet, languageAccuracy } = await import('../src/listening/nlp/evaluation.ts');
const importMs = performance.now() - importStarted;

/** Sentences of the seed articles (beside the repo in ../shared/seeds), cut to post length. */
function seedSentences(): string[] {
  const dir = path.join(root, '..', 'shared', 'seeds');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .flatMap((f) => fs.readFileSync(path.join(dir, f), 'utf8').split(/\n+|(?<=[.!?])\s+/))
    .map((s) => s.trim())
    .filter((s) => s.length >= 20 && s.length <= 300);
}

const evalPosts = [
  ...loadEvalSet('lang.dev'),
  ...loadEvalSet('lang.test'),
  ...loadEvalSet('sentiment.dev'),
  ...loadEvalSet('sentiment.test'),
];
const corpus = [...seedSentences(), ...evalPosts.map((p) => p.text)];
const langs = corpus.map((t) => detectLanguage(t).lang);
const avgChars = Math.round(corpus.reduce((n, t) => n + t.length, 0) / corpus.length);

/** Runs fn over the corpus, round after round, for at least MIN_MS after a warm-up round; texts per second. */
function throughput(fn: (text: string, i: number) => unknown): number {
  for (let i = 0; i < corpus.length; i++) fn(corpus[i]!, i);
  let n = 0;
  const started = performance.now();
  let elapsed = 0;
  do {
    for (let i = 0; i < corpus.length; i++) fn(corpus[i]!, i);
    n += corpus.length;
    elapsed = performance.now() - started;
  } while (elapsed < MIN_MS);
  return (n / elapsed) * 1000;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en');

console.log(
  `corpus: ${corpus.length} texts (seed sentences + evaluation posts), ${avgChars} characters on average`,
);
console.log(
  `load: ${Math.round(importMs)} ms, +${Math.round((process.memoryUsage().rss - rssBefore) / 1e6)} MB resident`,
);
console.log(`detectLanguage          ${fmt(throughput((t) => detectLanguage(t)))} texts/s`);
console.log(`sentiment (known lang)  ${fmt(throughput((t, i) => sentiment(t, langs[i]!)))} texts/s`);
const { referenceSentiment } = await import('../src/listening/nlp/sentiment-reference.ts');
console.log(
  `sentiment, old scorer   ${fmt(throughput((t, i) => referenceSentiment(t, langs[i]!)))} texts/s (reference)`,
);
console.log(`detect (both, as CLI)   ${fmt(throughput((t) => detect(t)))} texts/s`);

// Accuracy of the alternatives on the held-out posts: the language set, and the sentiment set's posts as
// further short texts. eld's "no" is split into nb/nn by the same markers in every variant.
const { eld } = await import('eld/small');
console.log(`eld.detect, eld's own     ${fmt(throughput((t) => eld.detect(t).getScores()))} texts/s`);
const { loadModule } = await import('cld3-asm');
const { markerWords, nynorskVsBokmal } = await import('../src/listening/nlp/nordic.ts');
const cld3 = (await loadModule()).create(0, 512);

function splitNorwegian(text: string, lang: string): string {
  if (lang !== 'no') return lang;
  return nynorskVsBokmal(markerWords(text)) > 0 ? 'nn' : 'nb';
}
const eldAlone = (text: string) => splitNorwegian(text, eld.detect(text).language || 'und');
const eldWithCld3 = (text: string) => {
  const first = eld.detect(text).language || 'und';
  if (first !== 'da' && first !== 'no') return first;
  const second = cld3.findLanguage(text).language;
  return splitNorwegian(text, second === 'da' || second === 'no' ? second : first);
};

for (const set of ['lang.test', 'sentiment.test'] as const) {
  const posts = loadEvalSet(set);
  const rows: [string, (t: string) => string][] = [
    ['eld/small alone', eldAlone],
    ['eld + cld3-asm on da/no', eldWithCld3],
    ['eld + markers (ships)', (t) => detectLanguage(t).lang],
  ];
  console.log(`\nlanguage ID on ${set} (held out): ${EVAL_LANGUAGES.join('  ')}`);
  for (const [name, fn] of rows) {
    const cells = EVAL_LANGUAGES.map((lang) => {
      const mine = posts.filter((p) => p.lang === lang);
      const ok = mine.filter((p) => fn(p.text) === lang).length;
      return `${((ok / mine.length) * 100).toFixed(0)}%`.padStart(4);
    });
    console.log(`  ${name.padEnd(26)} ${cells.join(' ')}`);
  }
}
const shipped = languageAccuracy(loadEvalSet('lang.test'));
console.log(
  `\nshipped, lang.test: ${EVAL_LANGUAGES.map((l) => `${l} ${shipped[l].correct}/${shipped[l].total}`).join(', ')}`,
);
console.log(
  `cld3-asm alone on the same mix: ${fmt(throughput((t) => cld3.findLanguage(t)))} texts/s (eld + markers above)`,
);
cld3.dispose();
