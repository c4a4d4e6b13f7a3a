// Pure text rules shared by the connectors: counting as each network counts, splitting into a numbered thread,
// and checking a variant against limits. No I/O, so the composer's live preview can run them on every key.
import type { Draft, NetworkLimits, Problem, TextLimit, Variant, VariantPart } from './types.ts';

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

// Trailing punctuation is sentence punctuation, not part of the link (as the networks' own parsers decide).
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]'’]/g;
// Mastodon counts a remote mention by its local part only: @ola@example.social costs as much as @ola.
const REMOTE_MENTION = /(^|[^\w@])@(\w+)@[\w.-]+\w/g;

export function countGraphemes(text: string): number {
  let n = 0;
  for (const _ of graphemes.segment(text)) n++;
  return n;
}

/** The length of text as a network with this limit counts it. */
export function measure(text: string, limit: TextLimit): number {
  if (limit.unit === 'graphemes') return countGraphemes(text);
  let counted = text.replace(REMOTE_MENTION, '$1@$2');
  if (limit.urlLength !== undefined) counted = counted.replace(URL_PATTERN, 'x'.repeat(limit.urlLength));
  return [...counted].length;
}

export function findUrls(text: string): string[] {
  return text.match(URL_PATTERN) ?? [];
}

/** The suffix that numbers part i of n; its length is reserved in every part. */
export function threadMarker(i: number, n: number): string {
  return ` ${i}/${n}`;
}

/** Cuts a word that alone exceeds the budget into grapheme slices (a long link cannot be helped). */
function hardSplit(word: string, budget: number, limit: TextLimit): string[] {
  const out: string[] = [];
  let current = '';
  for (const { segment } of graphemes.segment(word)) {
    if (current && measure(current + segment, limit) > budget) {
      out.push(current);
      current = '';
    }
    current += segment;
  }
  if (current) out.push(current);
  return out;
}

function greedyChunks(text: string, budget: number, limit: TextLimit): string[] {
  const chunks: string[] = [];
  let current = '';
  // Split on whitespace but keep it, so paragraphs survive inside a part.
  for (const token of text.split(/(\s+)/)) {
    if (token === '') continue;
    const candidate = current + token;
    if (measure(candidate.trimEnd(), limit) <= budget) {
      current = candidate;
      continue;
    }
    if (current.trim()) chunks.push(current.trim());
    current = '';
    if (/^\s+$/.test(token)) continue;
    if (measure(token, limit) <= budget) current = token;
    else {
      const slices = hardSplit(token, budget, limit);
      chunks.push(...slices.slice(0, -1));
      current = slices.at(-1) ?? '';
    }
  }
  if (current.trim()) chunks.push(current.trim());
  return chunks;
}

/** Splits text into numbered parts that each fit; one part (unnumbered) when the text already fits. */
export function splitThread(text: string, limit: TextLimit): string[] {
  const trimmed = text.trim();
  if (measure(trimmed, limit) <= limit.max) return [trimmed];
  // The marker's length depends on how many parts there are; grow the guess until it is stable.
  let digits = 1;
  for (;;) {
    const reserve = measure(threadMarker(10 ** digits - 1, 10 ** digits - 1), limit);
    const chunks = greedyChunks(trimmed, Math.max(1, limit.max - reserve), limit);
    if (String(chunks.length).length <= digits) {
      return chunks.map((c, i) => c + threadMarker(i + 1, chunks.length));
    }
    digits++;
  }
}

function unitName(limit: TextLimit): string {
  return limit.unit === 'graphemes' ? 'characters (graphemes)' : 'characters';
}

/** Everything that keeps a variant from being published on a network with these limits. */
export function checkVariant(variant: Variant, limits: NetworkLimits): Problem[] {
  const problems: Problem[] = [];
  const { parts } = variant;
  if (parts.length > 1 && !limits.threads.supported) {
    problems.push({
      code: 'thread_unsupported',
      message: `${limits.label} does not support threads; shorten the text to one post`,
    });
  } else if (parts.length > limits.threads.maxParts) {
    problems.push({
      code: 'thread_too_long',
      message: `${limits.label} threads have at most ${limits.threads.maxParts} parts; this one has ${parts.length}`,
    });
  }
  for (const [i, part] of parts.entries()) problems.push(...checkPart(part, i, parts.length, limits));
  return problems;
}

/** The text rules alone, for an edit of a published part (its images are already out there). */
export function checkText(text: string, limits: NetworkLimits, hasImages = false): Problem[] {
  return checkPart({ text, images: [] }, 0, 1, limits).filter((p) => p.code !== 'text_empty' || !hasImages);
}

function checkPart(part: VariantPart, i: number, total: number, limits: NetworkLimits): Problem[] {
  const problems: Problem[] = [];
  const where = total > 1 ? `Part ${i + 1}: ` : '';
  const at = total > 1 ? { part: i } : {};
  const length = measure(part.text, limits.text);
  if (length === 0 && part.images.length === 0) {
    problems.push({ code: 'text_empty', message: `${where}the text is empty`, ...at });
  }
  if (length > limits.text.max) {
    problems.push({
      code: 'text_too_long',
      message: `${where}${length} ${unitName(limits.text)}; ${limits.label} allows ${limits.text.max}`,
      ...at,
    });
  }
  if (part.images.length > limits.media.maxImages) {
    problems.push({
      code: 'too_many_images',
      message: `${where}${part.images.length} images; ${limits.label} allows ${limits.media.maxImages} per post`,
      ...at,
    });
  }
  part.images.forEach((image, j) => {
    const name = `${where}image ${j + 1}`;
    if (!limits.media.mimeTypes.includes(image.mimeType)) {
      problems.push({
        code: 'image_type',
        message: `${name} is ${image.mimeType}; ${limits.label} takes ${limits.media.mimeTypes.join(', ')}`,
        ...at,
      });
    }
    if (image.bytes.byteLength > limits.media.maxImageBytes) {
      problems.push({
        code: 'image_too_large',
        message: `${name} is ${image.bytes.byteLength} bytes; ${limits.label} allows ${limits.media.maxImageBytes}`,
        ...at,
      });
    }
    if (!image.alt.trim()) {
      problems.push({
        code: 'alt_text_missing',
        message: `${name} needs alt text (a description for people who cannot see it) before it can be published`,
        ...at,
      });
    } else if (countGraphemes(image.alt) > limits.media.maxAltText) {
      problems.push({
        code: 'alt_text_too_long',
        message: `${name}: alt text is longer than ${limits.media.maxAltText} characters`,
        ...at,
      });
    }
  });
  return problems;
}

/** The default adaptation: thread when asked and supported, images on the first part, never truncated. */
export function adaptDraft(draft: Draft, limits: NetworkLimits): { variant: Variant; problems: Problem[] } {
  const texts =
    draft.thread && limits.threads.supported ? splitThread(draft.text, limits.text) : [draft.text.trim()];
  const variant: Variant = {
    parts: texts.map((text, i) => ({ text, images: i === 0 ? draft.images : [] })),
  };
  return { variant, problems: checkVariant(variant, limits) };
}
