// Renders the plan's blocks as Markdown: plain enough to read as text, structured enough to render nicely.
import type { Block, Span } from './blocks.ts';

/** Text from people goes in as text: characters Markdown would act on are escaped. */
export function escapeMarkdown(value: string): string {
  return value.replace(/([\\`*_{}[\]<>|])/g, '\\$1').replace(/^(\s*)#/gm, '$1\\#');
}

/** In running text, a line that starts like a list item ("- ", "1. ") must not become one. */
function escapeLineStarts(value: string): string {
  return value.replace(/^(\s*)([-+])(\s)/gm, '$1\\$2$3').replace(/^(\s*)(\d+)\.(\s)/gm, '$1$2\\.$3');
}

function cell(value: string): string {
  return (
    escapeMarkdown(value)
      .replace(/\r?\n+/g, ' ')
      .trim() || ' '
  );
}

function spans(list: Span[]): string {
  return list
    .map((s) => {
      const body = escapeLineStarts(escapeMarkdown(s.text));
      // Emphasis markers must hug the text, so surrounding spaces move outside them.
      const [, lead, core, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(body) ?? ['', '', body, ''];
      if (!core) return body;
      if (s.strong) return `${lead}**${core}**${trail}`;
      if (s.muted) return `${lead}_${core}_${trail}`;
      return body;
    })
    .join('')
    .replace(/\r?\n/g, '  \n');
}

function block(b: Block): string {
  switch (b.kind) {
    case 'title':
      return `# ${escapeMarkdown(b.text)}\n\n_${escapeMarkdown(b.subtitle)}_`;
    case 'heading':
      return `${'#'.repeat(b.level)} ${escapeMarkdown(b.text)}`;
    case 'paragraph':
      return spans(b.spans);
    case 'list':
      return b.items.map((item) => `- ${spans(item).replace(/\n/g, '\n  ')}`).join('\n');
    case 'table': {
      const head = `| ${b.head.map((h) => (h ? cell(h) : ' ')).join(' | ')} |`;
      const rule = `|${b.head.map(() => ' --- ').join('|')}|`;
      const rows = b.rows.map(
        (r) =>
          `| ${r.map((c, i) => (b.firstColumnHeads && i === 0 ? `**${cell(c)}**` : cell(c))).join(' | ')} |`,
      );
      return [head, rule, ...rows].join('\n');
    }
  }
}

export function renderMarkdown(blocks: Block[]): string {
  return `${blocks.map(block).join('\n\n')}\n`;
}
