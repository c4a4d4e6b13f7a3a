// Renders the plan's blocks as an A4 PDF with pdfkit, in DejaVu Sans embedded from the dejavu-fonts-ttf package
// (free to embed: Bitstream Vera licence, DejaVu changes in the public domain). DejaVu covers Latin with every
// diacritic (Łukasz, Ōsaka), Greek, Cyrillic, arrows and maths (≠) and the common emoticons; what it has no glyph
// for is dropped (other emoji, their joiners and variation selectors) or shown as □, never as a wrong letter.
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import type { Block, Span } from './blocks.ts';

const require = createRequire(import.meta.url);
const FONT_FILES = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
  oblique: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Oblique.ttf'),
} as const;
/** pdfkit's names for the fonts once registered on a document. */
const REGULAR = 'Stemme';
const BOLD = 'Stemme-Bold';
const OBLIQUE = 'Stemme-Oblique';

let coverage: fontkit.Font[] | undefined;
/** The three faces, opened once, to ask which characters they can draw. */
function faces(): fontkit.Font[] {
  coverage ??= Object.values(FONT_FILES).map((file) => fontkit.openSync(file) as fontkit.Font);
  return coverage;
}

const INK = '#1b2128';
const MUTED = '#5b6570';
const ACCENT = '#1f4e5f';
const RULE = '#cfd4da';
const HEAD_FILL = '#eef2f4';
const MARGIN = 56;
/** Shown for a letter no face can draw (a Chinese name, say): visibly missing rather than silently wrong. */
export const MISSING_GLYPH = '\u25a1';

/** Joiners, variation selectors and skin tones: parts of emoji sequences with nothing to draw on paper. */
const EMOJI_PARTS = /[\u200d\ufe0e\ufe0f\u20e3]|\p{Emoji_Modifier}|[\u{e0020}-\u{e007f}]/gu;
const DROPPED = '\0';
const DROPPABLE = /\p{Extended_Pictographic}|\p{Regional_Indicator}/u;

/** The text as the embedded font can print it: composed, emoji it cannot draw dropped, other gaps marked. */
export function printable(text: string): string {
  const fonts = faces();
  let out = '';
  for (const ch of text.normalize('NFC').replace(EMOJI_PARTS, '')) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\n' || ch === '\t' || ch === '\r' || fonts.every((f) => f.hasGlyphForCodePoint(cp)))
      out += ch;
    else out += DROPPABLE.test(ch) ? DROPPED : MISSING_GLYPH;
  }
  // A dropped emoji goes with the space that set it apart; spaces people typed (“Vision: ”) stay.
  return out
    .replace(/^\0+ ?/gm, '')
    .replace(/ ?\0+(?= |$)/gm, '')
    .replaceAll(DROPPED, '');
}

function runs(doc: PDFKit.PDFDocument, spans: Span[], options: PDFKit.Mixins.TextOptions = {}): void {
  spans.forEach((s, i) => {
    doc
      .font(s.strong ? BOLD : s.muted ? OBLIQUE : REGULAR)
      .fillColor(s.muted ? MUTED : INK)
      .text(printable(s.text), { ...options, continued: i < spans.length - 1 });
  });
}

function render(doc: PDFKit.PDFDocument, block: Block, width: number): void {
  switch (block.kind) {
    case 'title':
      doc.font(BOLD).fontSize(20).fillColor(ACCENT).text(printable(block.text));
      doc.moveDown(0.2).font(REGULAR).fontSize(10).fillColor(MUTED).text(printable(block.subtitle));
      doc
        .moveDown(0.6)
        .moveTo(MARGIN, doc.y)
        .lineTo(MARGIN + width, doc.y)
        .lineWidth(0.7)
        .strokeColor(RULE)
        .stroke();
      doc.moveDown(0.4);
      return;
    case 'heading':
      if (doc.y > doc.page.height - MARGIN - 80) doc.addPage();
      doc.moveDown(block.level === 2 ? 0.9 : 0.5);
      doc
        .font(BOLD)
        .fontSize(block.level === 2 ? 14 : 11.5)
        .fillColor(block.level === 2 ? ACCENT : INK)
        .text(printable(block.text));
      doc.moveDown(0.25);
      return;
    case 'paragraph':
      doc.fontSize(10);
      runs(doc, block.spans, { lineGap: 2 });
      doc.moveDown(0.4);
      return;
    case 'list':
      doc.fontSize(10);
      for (const item of block.items) {
        const y = doc.y;
        doc
          .font(REGULAR)
          .fillColor(ACCENT)
          .text('•', MARGIN + 2, y, { lineBreak: false });
        doc.x = MARGIN + 14;
        doc.y = y;
        runs(doc, item, { width: width - 14, lineGap: 2 });
        doc.moveDown(0.25);
      }
      doc.x = MARGIN;
      doc.moveDown(0.2);
      return;
    case 'table':
      // A table head alone at the foot of a page reads badly: start the table on the next page instead.
      if (doc.y > doc.page.height - MARGIN - 70) doc.addPage();
      doc.fontSize(9);
      doc.table({
        data: [
          block.head.map((h) => ({
            text: printable(h),
            type: 'TH' as const,
            font: { src: BOLD },
            backgroundColor: HEAD_FILL,
          })),
          ...block.rows.map((row) =>
            row.map((c, i) => ({
              text: printable(c),
              ...(block.firstColumnHeads && i === 0
                ? { font: { src: BOLD }, backgroundColor: HEAD_FILL }
                : { font: { src: REGULAR } }),
            })),
          ),
        ],
        defaultStyle: { border: 0.5, borderColor: RULE, padding: 4, textColor: INK },
        maxWidth: width,
      });
      doc.x = MARGIN;
      doc.moveDown(0.6);
      return;
  }
}

export function renderPdf(blocks: Block[]): Promise<Buffer> {
  const title = blocks.find((b) => b.kind === 'title');
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: title?.kind === 'title' ? printable(title.text) : 'Stemme', Creator: 'Stemme' },
    compress: true,
  });
  doc.registerFont(REGULAR, FONT_FILES.regular);
  doc.registerFont(BOLD, FONT_FILES.bold);
  doc.registerFont(OBLIQUE, FONT_FILES.oblique);
  doc.font(REGULAR);
  const width = doc.page.width - 2 * MARGIN;
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      for (const block of blocks) render(doc, block, width);
      doc.end();
    } catch (err) {
      reject(err);
    }
  });
}
