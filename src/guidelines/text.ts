// Text helpers for the guidelines: whole-word, case-insensitive phrase search that keeps Nordic and German
// letters distinct (ø ≠ o, å ≠ a, ß ≠ ss), tone measures, and a line diff between two versions.
import type { GuidelineSection } from './schema.ts';

/**
 * Lower case with offsets kept: a character whose lower case has another length (rare: İ) stays as it is, so an
 * offset in the folded text is an offset in the original. The last text is remembered, since one check folds
 * the same draft once per phrase.
 */
function foldChars(s: string): string {
  const out = s.toLowerCase();
  if (out.length === s.length) return out;
  let kept = '';
  for (const ch of s) {
    const lower = ch.toLowerCase();
    kept += lower.length === ch.length ? lower : ch;
  }
  return kept;
}

let lastText = '';
let lastFolded = '';
function foldText(s: string): string {
  if (s !== lastText) {
    lastFolded = foldChars(s);
    lastText = s;
  }
  return lastFolded;
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}_]/u;

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && ch !== '' && WORD_CHAR.test(ch);
}

/** Collapses runs of spaces in a phrase, so "gratis  lån" is the phrase "gratis lån". */
export function cleanPhrase(phrase: string): string {
  return phrase.normalize('NFC').trim().replace(/\s+/gu, ' ');
}

export interface Span {
  index: number;
  length: number;
}

/**
 * Every place where `phrase` stands as whole words in `text`, case-insensitively. A phrase of several words
 * matches across any run of white space. Letters are never folded to others: "bør" does not match "bor".
 */
export function findAll(text: string, phrase: string): Span[] {
  const p = cleanPhrase(phrase);
  if (!p) return [];
  const t = foldText(text);
  const words = foldChars(p).split(' ');
  const spans: Span[] = [];
  let from = 0;
  while (from < t.length) {
    const start = t.indexOf(words[0]!, from);
    if (start < 0) break;
    let end = start + words[0]!.length;
    let ok = !isWordChar(t[start - 1]) || !isWordChar(words[0]![0]);
    for (let w = 1; ok && w < words.length; w++) {
      let gap = end;
      while (gap < t.length && /\s/u.test(t[gap]!)) gap++;
      if (gap === end || !t.startsWith(words[w]!, gap)) ok = false;
      else end = gap + words[w]!.length;
    }
    const last = words[words.length - 1]!;
    if (ok && isWordChar(last[last.length - 1]) && isWordChar(t[end])) ok = false;
    if (ok) {
      spans.push({ index: start, length: end - start });
      from = end;
    } else from = start + 1;
  }
  return spans;
}

export function containsPhrase(text: string, phrase: string): boolean {
  return findAll(text, phrase).length > 0;
}

/** Words with at least two letters, and which of them are written in capitals only (NRK, STOPP, ÆRLIG). */
export function capsMeasure(text: string): { words: number; caps: number; examples: Span[] } {
  let words = 0;
  let caps = 0;
  const examples: Span[] = [];
  for (const m of text.matchAll(/[\p{L}\p{M}]+/gu)) {
    const w = m[0];
    const letters = [...w].filter((c) => /\p{L}/u.test(c));
    if (letters.length < 2) continue;
    words++;
    if (letters.every((c) => c === c.toLocaleUpperCase('und') && c !== c.toLocaleLowerCase('und'))) {
      caps++;
      examples.push({ index: m.index, length: w.length });
    }
  }
  return { words, caps, examples };
}

export function exclamations(text: string): Span[] {
  return [...text.matchAll(/[!‼]/gu)].map((m) => ({ index: m.index, length: m[0].length }));
}

/** The guidelines as plain text, a heading per section, as the diff and the export show them. */
export function sectionsToText(sections: GuidelineSection[]): string {
  return sections.map((s) => `## ${s.title}\n\n${s.body.trim()}`).join('\n\n');
}

export interface DiffLine {
  op: 'same' | 'add' | 'remove';
  text: string;
}

/** Beyond this many cells the LCS table is not built: the changed middle shows as removed, then added. */
const MAX_DIFF_CELLS = 2_000_000;

/**
 * Line diff: the common start and end are kept, the middle is diffed by longest common subsequence (guidelines
 * are short; a huge rewrite falls back to "all removed, all added" rather than a huge table).
 */
export function diffLines(before: string, after: string): DiffLine[] {
  const a = before ? before.split('\n') : [];
  const b = after ? after.split('\n') : [];
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  const out: DiffLine[] = a.slice(0, head).map((text) => ({ op: 'same', text }));
  const x = a.slice(head, a.length - tail);
  const y = b.slice(head, b.length - tail);
  const n = x.length;
  const m = y.length;
  if (n * m > MAX_DIFF_CELLS) {
    out.push(
      ...x.map((text) => ({ op: 'remove' as const, text })),
      ...y.map((text) => ({ op: 'add' as const, text })),
    );
  } else {
    const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i]![j] = x[i] === y[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (x[i] === y[j]) {
        out.push({ op: 'same', text: x[i]! });
        i++;
        j++;
      } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) out.push({ op: 'remove', text: x[i++]! });
      else out.push({ op: 'add', text: y[j++]! });
    }
    while (i < n) out.push({ op: 'remove', text: x[i++]! });
    while (j < m) out.push({ op: 'add', text: y[j++]! });
  }
  out.push(...a.slice(a.length - tail).map((text) => ({ op: 'same' as const, text })));
  return out;
}
