// The matching under the draft checker: whole words and phrases, case-insensitive, Nordic and German letters kept
// apart; tone measures; the line diff.
import { describe, expect, it } from 'vitest';
import { guidelineTemplate } from './templates.ts';
import { capsMeasure, diffLines, exclamations, findAll } from './text.ts';

const at = (text: string, phrase: string) =>
  findAll(text, phrase).map((s) => text.slice(s.index, s.index + s.length));

describe('findAll', () => {
  it('matches whole words and phrases case-insensitively (Norwegian)', () => {
    expect(at('Dette er GARANTERT gevinst for alle', 'garantert gevinst')).toEqual(['GARANTERT gevinst']);
    expect(at('Garantert\n  gevinst!', 'garantert gevinst')).toEqual(['Garantert\n  gevinst']);
    expect(at('ugarantert gevinst', 'garantert gevinst')).toEqual([]);
    expect(at('garantert gevinsten', 'garantert gevinst')).toEqual([]);
    expect(at('garantertgevinst', 'garantert gevinst')).toEqual([]);
  });

  it('keeps ø, å and æ apart from o, a and e', () => {
    expect(at('Du bor i Bergen', 'bør')).toEqual([]);
    expect(at('Du BØR lese dette', 'bør')).toEqual(['BØR']);
    expect(at('Vi seiler på sjøen', 'sjoen')).toEqual([]);
    expect(at('Blåbær og bläbar', 'blåbær')).toEqual(['Blåbær']);
    expect(at('Ærlig talt', 'aerlig')).toEqual([]);
    expect(at('ÆRLIG TALT, ærlig talt', 'ærlig talt')).toEqual(['ÆRLIG TALT', 'ærlig talt']);
  });

  it('treats Nordic letters as word letters at the edges (Danish)', () => {
    // "gratis" must not match inside "gratisø" nor "øgratis"; å, æ and ø are letters like any other.
    expect(at('Besøg gratisø i dag', 'gratis')).toEqual([]);
    expect(at('Helt gratis. Gratis!', 'gratis')).toEqual(['gratis', 'Gratis']);
    expect(at('Det er købt og betalt', 'købt og betalt')).toEqual(['købt og betalt']);
    expect(at('Det er kobt og betalt', 'købt og betalt')).toEqual([]);
  });

  it('keeps umlauts and ß apart (German)', () => {
    expect(at('Ein echtes Schnäppchen!', 'schnäppchen')).toEqual(['Schnäppchen']);
    expect(at('Ein echtes Schnappchen', 'schnäppchen')).toEqual([]);
    expect(at('Die Straße ist frei', 'strasse')).toEqual([]);
    expect(at('Die STRASSE ist frei', 'straße')).toEqual([]);
    expect(at('Jetzt zuschlagen', 'zuschlagen')).toEqual(['zuschlagen']);
  });

  it('finds hashtags and English phrases', () => {
    expect(at('Thanks to Acme #ad', '#ad')).toEqual(['#ad']);
    expect(at('Thanks to Acme #adventure', '#ad')).toEqual([]);
    expect(at('Free money, FREE MONEY', 'free money')).toEqual(['Free money', 'FREE MONEY']);
    expect(at('carefree money', 'free money')).toEqual([]);
    expect(at('anything', '   ')).toEqual([]);
  });

  it('gives offsets into the original text', () => {
    const text = 'Å ja — GRATIS lån';
    const [span] = findAll(text, 'gratis lån');
    expect(span).toEqual({ index: 7, length: 10 });
    // İ lower-cases to two code units; offsets still point into the original.
    expect(at('İzmir: GRATIS lån', 'gratis lån')).toEqual(['GRATIS lån']);
  });
});

describe('tone', () => {
  it('counts words in capitals, Nordic ones included, and ignores one-letter words', () => {
    const m = capsMeasure('STOPP NÅ, dette er VIKTIG for ÆRLIGE folk. I og A');
    expect(m.words).toBe(9);
    expect(m.caps).toBe(4);
  });
  it('counts exclamation marks', () => {
    expect(exclamations('Hei! Hallo!! ¡Hola!')).toHaveLength(4);
  });
});

describe('diffLines', () => {
  it('marks removed and added lines and keeps the rest', () => {
    expect(diffLines('a\nb\nc', 'a\nB\nc\nd')).toEqual([
      { op: 'same', text: 'a' },
      { op: 'remove', text: 'b' },
      { op: 'add', text: 'B' },
      { op: 'same', text: 'c' },
      { op: 'add', text: 'd' },
    ]);
    expect(diffLines('', 'x')).toEqual([{ op: 'add', text: 'x' }]);
    expect(diffLines('x', 'x')).toEqual([{ op: 'same', text: 'x' }]);
  });

  it('stays fast on a huge rewrite: the changed middle shows as removed, then added', () => {
    const before = Array.from({ length: 5000 }, (_, i) => `old ${i}`);
    const after = Array.from({ length: 5000 }, (_, i) => `new ${i}`);
    const started = performance.now();
    const diff = diffLines(['top', ...before, 'end'].join('\n'), ['top', ...after, 'end'].join('\n'));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(diff).toHaveLength(10_002);
    expect(diff[0]).toEqual({ op: 'same', text: 'top' });
    expect(diff[1]).toEqual({ op: 'remove', text: 'old 0' });
    expect(diff[5001]).toEqual({ op: 'add', text: 'new 0' });
    expect(diff.at(-1)).toEqual({ op: 'same', text: 'end' });
  });
});

describe('template', () => {
  it('has the same sections in all four languages, each saying something', () => {
    const keys = guidelineTemplate('en').map((s) => s.key);
    for (const locale of ['nb', 'da', 'de'] as const) {
      const t = guidelineTemplate(locale);
      expect(t.map((s) => s.key)).toEqual(keys);
      for (const s of t) expect(s.body.length).toBeGreaterThan(60);
    }
    expect(guidelineTemplate('nb')[0]!.title).toBe('Hva vi vil oppnå');
    expect(guidelineTemplate('de')[3]!.body).toContain('#Anzeige');
  });
});
