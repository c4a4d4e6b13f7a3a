// The pipeline's pure parts: a post's fields cleaned as before the control-character fast path.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalisePost } from './pipeline.ts';

const reference = (text: string) =>
  text.replace(/\p{Cc}/gu, (c) => (c === '\n' || c === '\t' ? c : ' ')).trim();

describe('normalisePost', () => {
  it('replaces control characters other than tab and newline, whatever the text', () => {
    const chars = fc.oneof(
      fc.constantFrom(
        '\0',
        '\x07',
        '\b',
        '\t',
        '\n',
        '\x0b',
        '\r',
        '\x1b',
        '\x7f',
        '\x85',
        '\x9f',
        '\xa0',
        'ø',
        ' ',
      ),
      fc.string({ unit: 'binary', maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        expect(normalisePost({ id: 'x', text, source: 'rss' }).text).toBe(reference(text));
      }),
      { numRuns: 2_000 },
    );
    expect(normalisePost({ id: 'x', text: 'a\0b\r\nc\td\x85', source: 'rss' }).text).toBe('a b \nc\td');
  });
});
