// `stemme detect` as a user runs it: lines in on stdin, one JSON line out per line, no database needed.
import { describe, expect, it } from 'vitest';
import { runStemme, tempDir } from '../../../test/process.ts';

describe('stemme detect', () => {
  it('prints language and sentiment for each input line, blank lines included', async () => {
    const input = [
      'Absolutely loved the keynote this morning',
      'Eg er ikkje nøgd med svaret frå kundeservice',
      '',
      'Die App stürzt ständig ab, total enttäuscht 😡',
      'Hvad synes I om den nye hjemmeside?',
    ].join('\n');
    const dataDir = tempDir();
    const r = await runStemme(['detect'], { STEMME_DATA_DIR: dataDir }, `${input}\n`);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    const out = lines.map((l) => JSON.parse(l));
    for (const o of out) {
      expect(Object.keys(o)).toEqual(['lang', 'confidence', 'sentiment']);
      expect(Object.keys(o.sentiment)).toEqual(['label', 'score']);
      expect(o.confidence).toBeGreaterThanOrEqual(0);
      expect(o.confidence).toBeLessThanOrEqual(1);
    }
    expect(out[0]).toMatchObject({ lang: 'en', sentiment: { label: 'positive' } });
    expect(out[1]).toMatchObject({ lang: 'nn', sentiment: { label: 'negative' } });
    expect(out[2]).toEqual({ lang: 'und', confidence: 0, sentiment: { label: 'neutral', score: 0 } });
    expect(out[3]).toMatchObject({ lang: 'de', sentiment: { label: 'negative' } });
    expect(out[4]).toMatchObject({ lang: 'da', sentiment: { label: 'neutral' } });
  });

  it('handles input without a final newline, and an empty input', async () => {
    const env = { STEMME_DATA_DIR: tempDir() };
    const one = await runStemme(['detect'], env, 'Veldig bra jobbet!');
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout)).toMatchObject({ lang: 'nb', sentiment: { label: 'positive' } });
    const none = await runStemme(['detect'], env, '');
    expect(none.code).toBe(0);
    expect(none.stdout).toBe('');
  });

  it('keeps up with a few thousand lines', async () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `Post ${i}: veldig bra, men appen krasjer`);
    const r = await runStemme(['detect'], { STEMME_DATA_DIR: tempDir() }, lines.join('\n'));
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(5000);
  });
});
