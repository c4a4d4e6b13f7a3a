// The PDF export prints names from anywhere: DejaVu Sans is embedded, and the text read back out of the PDF (through
// the fonts' own ToUnicode maps) is what was written, with emoji the font cannot draw dropped rather than mangled.
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Block } from './blocks.ts';
import { MISSING_GLYPH, printable, renderPdf } from './pdf.ts';

/** A small PDF text extractor for what pdfkit writes: fonts' ToUnicode maps applied to the TJ strings. */
function extractText(pdf: Buffer): { text: string; fonts: string[]; embedded: number } {
  const src = pdf.toString('latin1');
  const objects = new Map<string, { dict: string; stream: string | null }>();
  for (const m of src.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = m[2]!;
    const at = body.indexOf('stream\n');
    if (at < 0) {
      objects.set(m[1]!, { dict: body, stream: null });
      continue;
    }
    const dict = body.slice(0, at);
    const raw = Buffer.from(body.slice(at + 'stream\n'.length, body.lastIndexOf('\nendstream')), 'latin1');
    objects.set(m[1]!, {
      dict,
      stream: (/FlateDecode/.test(dict) ? inflateSync(raw) : raw).toString('latin1'),
    });
  }
  const unicodeOf = new Map<string, Map<number, string>>();
  const fonts: string[] = [];
  for (const { dict } of objects.values()) {
    for (const f of dict.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
      const font = objects.get(f[2]!)!.dict;
      fonts.push(/\/BaseFont \/(\S+)/.exec(font)?.[1] ?? '');
      const cmapRef = /\/ToUnicode (\d+) 0 R/.exec(font)?.[1];
      const map = new Map<number, string>();
      const cmap = cmapRef ? (objects.get(cmapRef)?.stream ?? '') : '';
      for (const r of cmap.matchAll(/<([0-9a-f]+)> <[0-9a-f]+> \[([^\]]*)\]/gi)) {
        const start = Number.parseInt(r[1]!, 16);
        [...r[2]!.matchAll(/<([0-9a-f]+)>/gi)].forEach((u, i) => {
          const units = u[1]!.match(/.{4}/g)!.map((h) => Number.parseInt(h, 16));
          map.set(start + i, String.fromCharCode(...units));
        });
      }
      unicodeOf.set(f[1]!, map);
    }
  }
  const lines: string[] = [];
  for (const { stream } of objects.values()) {
    if (!stream?.includes(' Tf')) continue;
    let font = new Map<number, string>();
    for (const op of stream.matchAll(/\/(F\d+) [\d.]+ Tf|\[([^\]]*)\] TJ/g)) {
      if (op[1]) {
        font = unicodeOf.get(op[1]) ?? new Map();
        continue;
      }
      const glyphs = [...op[2]!.matchAll(/<([0-9a-f]*)>/gi)].flatMap((h) => h[1]!.match(/.{4}/g) ?? []);
      lines.push(glyphs.map((g) => font.get(Number.parseInt(g, 16)) ?? '\ufffd').join(''));
    }
  }
  const embedded = [...objects.values()].filter((o) => /\/FontFile2/.test(o.dict)).length;
  return { text: lines.join('\n'), fonts, embedded };
}

const PLAN: Block[] = [
  { kind: 'title', text: 'Strategi for sosiale medier: Łukasz Wójcik', subtitle: 'Ōsaka-kontoret · 2026' },
  { kind: 'heading', level: 2, text: 'Formål' },
  {
    kind: 'paragraph',
    spans: [
      { text: 'Visjon: ', strong: true },
      { text: 'Pris ≠ verdi 🦄 for Сергей Иванов 👍🏽 og Zoë', muted: true },
    ],
  },
  { kind: 'list', items: [[{ text: 'Reach → trust 🇳🇴 (Ærlig, Øystein, Åse, Straße)' }]] },
  {
    kind: 'table',
    head: ['Kanal', 'Ansvarlig'],
    firstColumnHeads: true,
    rows: [['@łukasz@mastodon.social', 'Ōsaka Team — 大阪']],
  },
];

describe('renderPdf outside Latin-1', () => {
  it('embeds DejaVu Sans and reads back names, maths and Cyrillic exactly', async () => {
    const pdf = await renderPdf(PLAN);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { text, fonts, embedded } = extractText(pdf);
    // Subsets of the three faces, embedded; none of the standard 14 fonts that only know Latin-1.
    expect(new Set(fonts.map((f) => f.replace(/^[A-Z]{6}\+/, '')))).toEqual(
      new Set(['DejaVuSans', 'DejaVuSans-Bold', 'DejaVuSans-Oblique']),
    );
    expect(embedded).toBe(3);
    expect(text).not.toContain('\ufffd');
    for (const words of [
      'Strategi for sosiale medier: Łukasz Wójcik',
      'Ōsaka-kontoret · 2026',
      'Visjon: Pris ≠ verdi for Сергей Иванов og Zoë',
      'Reach → trust (Ærlig, Øystein, Åse, Straße)',
      '@łukasz@mastodon.social',
    ])
      expect(text.replace(/\s+/g, ' ')).toContain(words);
    // Emoji it cannot draw are gone, flags and skin tones with them; a CJK name is marked missing, not mangled.
    expect(text).not.toMatch(/\p{Extended_Pictographic}|\p{Regional_Indicator}/u);
    expect(text).toContain(`Ōsaka Team — ${MISSING_GLYPH}${MISSING_GLYPH}`);
  });

  it('keeps what the font draws, drops what it cannot, and tidies the spaces left behind', () => {
    expect(printable('Zoe\u0308 ≠ Zoë')).toBe('Zoë ≠ Zoë');
    expect(printable('Hei 🦄 der 🇳🇴')).toBe('Hei der');
    expect(printable('Vision: ')).toBe('Vision: ');
    expect(printable('🦄🦄Ja🦄, nei')).toBe('Ja, nei');
    expect(printable('👩‍💻 Kari')).toBe('Kari');
    // DejaVu draws the classic emoticons, in black and white; the skin tone has nothing to print.
    expect(printable('Takk 😀👍🏽')).toBe('Takk 😀');
    expect(printable('王')).toBe(MISSING_GLYPH);
  });
});
