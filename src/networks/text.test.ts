// The counting and splitting rules, without any network.
import { describe, expect, it } from 'vitest';
import { countGraphemes, measure, splitThread } from './text.ts';
import type { TextLimit } from './types.ts';

const bluesky: TextLimit = { max: 300, unit: 'graphemes' };
const mastodon: TextLimit = { max: 500, unit: 'characters', urlLength: 23 };

describe('counting', () => {
  it('counts a family emoji and a flag as one grapheme each, as Bluesky does', () => {
    expect(countGraphemes('👨‍👩‍👧🇳🇴æ')).toBe(3);
    expect(measure('Blåbær 🫐', bluesky)).toBe(8);
  });

  it('counts links as 23 characters and remote mentions by their local part, as Mastodon does', () => {
    expect(measure(`Se https://example.com/${'a'.repeat(100)}.`, mastodon)).toBe(3 + 23 + 1);
    expect(measure('Hei @ola@fjord.social!', mastodon)).toBe('Hei @ola!'.length);
    expect(measure('e-post: ola@fjord.social', mastodon)).toBe(24);
  });
});

describe('threads', () => {
  it('keeps text that fits as one unnumbered part', () => {
    expect(splitThread('  Kort.  ', bluesky)).toEqual(['Kort.']);
  });

  it('splits on words, numbers the parts, and every part fits with its number', () => {
    const limit: TextLimit = { max: 40, unit: 'graphemes' };
    const text = Array.from({ length: 60 }, (_, i) => `ord${i}`).join(' ');
    const parts = splitThread(text, limit);
    expect(parts.length).toBeGreaterThanOrEqual(10);
    parts.forEach((p, i) => {
      expect(countGraphemes(p)).toBeLessThanOrEqual(40);
      expect(p.endsWith(` ${i + 1}/${parts.length}`)).toBe(true);
    });
    expect(parts.map((p) => p.replace(/ \d+\/\d+$/, '')).join(' ')).toBe(text);
  });

  it('cuts a word longer than a whole part rather than losing it', () => {
    const parts = splitThread('x'.repeat(50), { max: 20, unit: 'graphemes' });
    expect(parts.map((p) => p.replace(/ \d+\/\d+$/, '')).join('')).toBe('x'.repeat(50));
  });
});
