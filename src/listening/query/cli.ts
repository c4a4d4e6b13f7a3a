// `stemme query test` and `stemme query match`: the monitor query engine on JSON-lines posts from stdin.
// Needs no database or configuration; bad input lines are reported on stderr and skipped.
import fs from 'node:fs';
import readline from 'node:readline';
import type { Command } from 'commander';
import { QueryError } from './ast.ts';
import { compile, type Monitor } from './match.ts';
import { type Post, tokenize } from './post.ts';
import { MonitorIndex } from './presearch.ts';

/** Exit code for a usage error: a bad query or an unreadable monitors file. */
const USAGE = 2;

const optional = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** A post from one JSON line, or the reason it is not one. */
export function parsePost(line: string): Post | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return 'not valid JSON';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a JSON object';
  const o = value as Record<string, unknown>;
  if (typeof o.id !== 'string' && typeof o.id !== 'number') return 'a post needs an "id"';
  return {
    id: String(o.id),
    text: typeof o.text === 'string' ? o.text : '',
    author: optional(o.author),
    lang: optional(o.lang),
    url: optional(o.url),
    links: Array.isArray(o.links) ? o.links.filter((l): l is string => typeof l === 'string') : undefined,
    title: optional(o.title),
    source: optional(o.source),
  };
}

/** The posts on stdin; lines that are no post are reported with their line number. */
async function* posts(): AsyncGenerator<Post> {
  let n = 0;
  for await (const line of readline.createInterface({
    input: process.stdin,
    crlfDelay: Number.POSITIVE_INFINITY,
  })) {
    n++;
    if (!line.trim()) continue;
    const post = parsePost(line);
    if (typeof post === 'string') process.stderr.write(`stemme: stdin line ${n}: ${post}, skipped\n`);
    else yield post;
  }
}

/** Buffered stdout that stops quietly when the reader goes away (`| head`). */
function output() {
  let buffer = '';
  let closed = false;
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    closed = true;
  });
  const flush = () => {
    if (buffer && !closed) process.stdout.write(buffer);
    buffer = '';
  };
  return {
    line(text: string) {
      buffer += `${text}\n`;
      if (buffer.length > 1 << 16) flush();
    },
    flush,
  };
}

function refuseQuery(query: string, err: QueryError): void {
  // Show where: the query, and a caret under the position.
  const shown = query.replace(/\s/g, ' ');
  process.stderr.write(`stemme: bad query: ${err.message}\n  ${shown}\n  ${' '.repeat(err.position)}^\n`);
  process.exitCode = USAGE;
}

async function testQuery(query: string): Promise<void> {
  let monitor: Monitor;
  try {
    monitor = compile(query);
  } catch (err) {
    if (err instanceof QueryError) return refuseQuery(query, err);
    throw err;
  }
  const out = output();
  for await (const post of posts()) if (monitor.test(tokenize(post))) out.line(post.id);
  out.flush();
}

async function matchMonitors(file: string): Promise<void> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    process.stderr.write(`stemme: cannot read the monitors file: ${(err as Error).message}\n`);
    process.exitCode = USAGE;
    return;
  }
  const index = new MonitorIndex<number>();
  // Every non-blank line is a query (a line starting with # is a hashtag query, not a comment).
  text.split('\n').forEach((raw, i) => {
    const query = raw.replace(/\r$/, '');
    if (!query.trim()) return;
    try {
      index.add(i + 1, compile(query));
    } catch (err) {
      if (!(err instanceof QueryError)) throw err;
      process.stderr.write(`stemme: ${file}:${i + 1}: ${err.message}, skipped\n`);
    }
  });
  const out = output();
  let count = 0;
  let matched = 0;
  let ms = 0;
  for await (const post of posts()) {
    // Only tokenizing and matching are timed: not reading, JSON parsing or writing.
    const t0 = performance.now();
    const ids = index.match(tokenize(post));
    ms += performance.now() - t0;
    count++;
    matched += ids.length;
    for (const id of ids.sort((a, b) => a - b)) out.line(`${post.id}\t${id}`);
  }
  out.flush();
  const seconds = ms / 1000;
  const rate = seconds > 0 ? Math.round(count / seconds) : 0;
  process.stderr.write(
    `posts=${count} monitors=${index.size} matches=${matched} seconds=${seconds.toFixed(3)} posts_per_s=${rate}\n`,
  );
}

export function registerQueryCommands(program: Command): void {
  const query = program
    .command('query')
    .description('run monitor queries over posts given as JSON lines on stdin (no database needed)');
  query
    .command('test <query>')
    .description('print the id of each post the query matches; a bad query exits with code 2')
    .action(testQuery);
  query
    .command('match')
    .description('match many monitors at once: prints post_id<TAB>monitor_line per match, timing on stderr')
    .requiredOption('--monitors <file>', 'monitor queries, one a line (a bad line is reported and skipped)')
    .action((options: { monitors: string }) => matchMonitors(options.monitors));
}
