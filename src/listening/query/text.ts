// Case and diacritic folding shared by query terms and post tokens, so both sides agree on what "the same word" is.
//
// Folding lowercases and drops accents (é → e, ñ → n), but the Nordic and German letters æ ø å ä ö ü ß are
// letters of their own in our users' languages, not accented variants: "øl" (beer) must never match "ol",
// nor "Bär" match "bar". Text is NFC-normalised first so a decomposed "å" (a + ring) equals the composed one.

/** Letters kept as they are when folding (after lowercasing). */
const KEPT = new Set(['æ', 'ø', 'å', 'ä', 'ö', 'ü', 'ß']);

/**
 * Invisible characters that split or glue words without meaning anything: soft hyphen, zero-width space, BOM,
 * and the variation selectors that pick text or emoji style (a heart is a heart either way).
 */
const INVISIBLE = /\u00ad|\u200b|\ufeff|\ufe0e|\ufe0f/g;

const ASCII = /^[\t\n\r -~]*$/;
/** True when a lowercased string has no letter that folding would change. */
const PLAIN = /^[\t\n\r -~æøåäöüß]*$/;
/** Combining diacritics of Latin, Greek and Cyrillic letters; other scripts' marks are part of the letter. */
const MARKS = /[\u0300-\u036f]/g;

const foldedChars = new Map<string, string>();

function foldChar(ch: string): string {
  let out = foldedChars.get(ch);
  if (out === undefined) {
    out = KEPT.has(ch) ? ch : ch.normalize('NFD').replace(MARKS, '');
    foldedChars.set(ch, out);
  }
  return out;
}

/** The folded form of one NFC word: lowercase, accents dropped except on the kept letters. */
export function fold(word: string): string {
  const lower = word.toLowerCase();
  if (PLAIN.test(lower)) return lower;
  let out = '';
  for (const ch of lower) out += foldChar(ch);
  return out;
}

/** Prepares raw text for tokenizing: NFC, without invisible characters. Cheap for plain ASCII. */
export function normaliseText(text: string): string {
  if (ASCII.test(text)) return text;
  return text.normalize('NFC').replace(INVISIBLE, '');
}
