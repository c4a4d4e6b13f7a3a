// What people write stays their words in the Markdown: nothing they type turns into formatting.
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.ts';

describe('renderMarkdown', () => {
  it('escapes what people type, and keeps emphasis tight around the words', () => {
    const md = renderMarkdown([
      {
        kind: 'paragraph',
        spans: [{ text: 'Vision: ', strong: true }, { text: '*Best* <b>energy</b> | 100% _real_' }],
      },
      { kind: 'paragraph', spans: [{ text: '1. not a list\n- nor this\n# nor a heading' }] },
    ]);
    expect(md).toBe(
      '**Vision:** \\*Best\\* \\<b\\>energy\\</b\\> \\| 100% \\_real\\_\n\n1\\. not a list  \n\\- nor this  \n\\# nor a heading\n',
    );
  });

  it('writes tables with one line per row and bold row heads', () => {
    const md = renderMarkdown([
      { kind: 'heading', level: 3, text: '1. Goal' },
      { kind: 'table', head: ['', 'Personal'], firstColumnHeads: true, rows: [['Public', 'a | b\nc']] },
      {
        kind: 'list',
        items: [
          [
            { text: 'Leader: ', strong: true },
            { text: 'Not decided', muted: true },
          ],
        ],
      },
    ]);
    expect(md).toBe(
      '### 1. Goal\n\n|   | Personal |\n| --- | --- |\n| **Public** | a \\| b c |\n\n- **Leader:** _Not decided_\n',
    );
  });
});
