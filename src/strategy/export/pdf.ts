// Renders the plan's blocks as an A4 PDF with pdfkit (pure JavaScript, built-in Helvetica, which covers the
// Latin letters of en/nb/da/de: æ ø å ä ö ü ß and typographic quotes).
import PDFDocument from 'pdfkit';
import type { Block, Span } from './blocks.ts';

const INK = '#1b2128';
const MUTED = '#5b6570';
const ACCENT = '#1f4e5f';
const RULE = '#cfd4da';
const HEAD_FILL = '#eef2f4';
const MARGIN = 56;

/** Helvetica's encoding has no glyph for a few characters people type; they get a close stand-in. */
function printable(text: string): string {
  return text
    .replace(/[\u2010-\u2012]/g, '-')
    .replace(/\u2212/g, '-')
    .replace(/[\u2192\u21d2]/g, '->')
    .replace(
      /[^\t\n\r\u0020-\u007e\u00a0-\u00ff\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2122]/g,
      '?',
    );
}

function runs(doc: PDFKit.PDFDocument, spans: Span[], options: PDFKit.Mixins.TextOptions = {}): void {
  spans.forEach((s, i) => {
    doc
      .font(s.strong ? 'Helvetica-Bold' : s.muted ? 'Helvetica-Oblique' : 'Helvetica')
      .fillColor(s.muted ? MUTED : INK)
      .text(printable(s.text), { ...options, continued: i < spans.length - 1 });
  });
}

function render(doc: PDFKit.PDFDocument, block: Block, width: number): void {
  switch (block.kind) {
    case 'title':
      doc.font('Helvetica-Bold').fontSize(20).fillColor(ACCENT).text(printable(block.text));
      doc.moveDown(0.2).font('Helvetica').fontSize(10).fillColor(MUTED).text(printable(block.subtitle));
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
        .font('Helvetica-Bold')
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
          .font('Helvetica')
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
            font: { src: 'Helvetica-Bold' },
            backgroundColor: HEAD_FILL,
          })),
          ...block.rows.map((row) =>
            row.map((c, i) => ({
              text: printable(c),
              ...(block.firstColumnHeads && i === 0
                ? { font: { src: 'Helvetica-Bold' }, backgroundColor: HEAD_FILL }
                : { font: { src: 'Helvetica' } }),
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
