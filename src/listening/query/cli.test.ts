// `stemme query test` and `stemme query match` as a user runs them: the real command, stdin, stdout, exit code.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runStemme, tempDir } from '../../../test/process.ts';
import { parsePost } from './cli.ts';

const posts = [
  { id: 'p1', text: 'Telenor og net-neutralitet', lang: 'nb', source: 'rss' },
  { id: 'p2', text: 'Kald øl i sola #sommer', lang: 'nn', author: '@ola' },
  { id: 'p3', text: 'Telia svarer Telenor', lang: 'sv', links: ['https://www.nrk.no/x'] },
  { id: 4, text: 'ol og brus' },
];
const jsonl = `${posts.map((p) => JSON.stringify(p)).join('\n')}\n`;
/** No database, no configuration: the query commands must run without either. */
const env = () => ({ STEMME_DATA_DIR: tempDir() });

// Each test spawns its own process with its own data dir, so they can run side by side.
describe.concurrent('stemme query test', () => {
  it('prints the ids of matching posts, one a line', async () => {
    const r = await runStemme(['query', 'test', 'telenor OR øl'], env(), jsonl);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('p1\np2\np3\n');
  });

  it('uses fields and the Nordic letters', async () => {
    const r = await runStemme(
      ['query', 'test', '"net neutralitet" OR (lang:no -author:ola) OR site:nrk.no'],
      env(),
      jsonl,
    );
    expect(r.stdout).toBe('p1\np3\n');
    const ol = await runStemme(['query', 'test', 'ol'], env(), jsonl);
    expect(ol.stdout).toBe('4\n');
  });

  it('exits 2 with the position and reason for a bad query', async () => {
    const r = await runStemme(['query', 'test', 'telenor AND "net'], env(), jsonl);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('bad query: unclosed quote at 12');
    expect(r.stderr).toContain(`\n  ${' '.repeat(12)}^\n`);
  });

  it('reports lines that are not posts and goes on', async () => {
    const input = `not json\n${JSON.stringify({ text: 'telenor' })}\n\n[1]\n${JSON.stringify(posts[0])}`;
    const r = await runStemme(['query', 'test', 'telenor'], env(), input);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('p1\n');
    expect(r.stderr).toContain('stdin line 1: not valid JSON, skipped');
    expect(r.stderr).toContain('stdin line 2: a post needs an "id", skipped');
    expect(r.stderr).toContain('stdin line 4: not a JSON object, skipped');
  });
});

describe.concurrent('stemme query match', () => {
  it('prints post_id<TAB>monitor_line for each match, skipping bad lines, with timing on stderr', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'monitors.txt');
    fs.writeFileSync(file, 'telenor\n"unclosed\n\n#sommer\nNOT telenor\r\nøl OR ol\n');
    const r = await runStemme(['query', 'match', '--monitors', file], { STEMME_DATA_DIR: dir }, jsonl);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean)).toEqual([
      'p1\t1',
      'p2\t4',
      'p2\t5',
      'p2\t6',
      'p3\t1',
      '4\t5',
      '4\t6',
    ]);
    expect(r.stderr).toContain(`${file}:2: unclosed quote at 0, skipped`);
    const summary = r.stderr.trim().split('\n').at(-1)!;
    expect(summary).toMatch(/^posts=4 monitors=4 matches=7 seconds=\d+\.\d{3} posts_per_s=\d+$/);
  });

  it('exits 2 when the monitors file cannot be read', async () => {
    const r = await runStemme(['query', 'match', '--monitors', '/nonexistent/monitors.txt'], env(), jsonl);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot read the monitors file');
  });
});

describe('parsePost', () => {
  it('keeps the known fields and ignores wrong types', () => {
    expect(parsePost('{"id":7,"text":"x","links":["a",3],"lang":5,"extra":true}')).toEqual({
      id: '7',
      text: 'x',
      author: undefined,
      lang: undefined,
      url: undefined,
      links: ['a'],
      title: undefined,
      source: undefined,
    });
  });
});
