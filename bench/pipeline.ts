// The whole listening pipeline: posts/s through normalise → language → sentiment → match (presearched
// MonitorIndex) → store (mentions + mention_matches, batched, de-duplicated) on PGlite and on PostgreSQL,
// on the shared generated data (gen-listening.mjs). Also the CPU part alone, so the storage share is visible.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import inspector from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { type Database, openPglite, openPostgres, queryRows } from '../src/db/connect.ts';
import { activeMonitors } from '../src/listening/monitor-set.ts';
import { enrich, type IncomingPost, ingest, type SourceName } from '../src/listening/pipeline.ts';
import type { Post } from '../src/listening/query/index.ts';
import { validate } from '../src/listening/query/index.ts';
import { monitors } from '../src/listening/schema.ts';
import { orgs } from '../src/team/schema.ts';

const POSTS = Number(process.env.BENCH_POSTS ?? 20_000);
const MONITORS = Number(process.env.BENCH_MONITORS ?? 1_000);
/** Posts per ingest call: what a feed poll or a stream batch hands over at once. */
const BATCH = Number(process.env.BENCH_BATCH ?? 500);
/**
 * Posts per ingest call in the firehose run: a stream's batcher hands over what queued while the previous batch
 * was written, so under a firehose's load its batches are that large (5,700 posts/s × the write time).
 */
const FIREHOSE_BATCH = Number(process.env.BENCH_FIREHOSE_BATCH ?? 2_000);
/**
 * Which runs: `stored` (every post stored, then again as duplicates), `firehose`, `selective` (the firehose with
 * the common-word monitors left out), `sweep` (the firehose with the selective monitors and more and more of the
 * common-word ones: how the cost grows with the share of posts stored; only when asked for), or all but the sweep
 * (unset).
 */
const RUN = process.env.BENCH_RUN;
const runs = (name: 'stored' | 'firehose' | 'selective') => !RUN || RUN === name;
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const generator =
  process.env.GEN_LISTENING ??
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../shared/bench/gen-listening.mjs');
if (!fs.existsSync(generator)) {
  console.error(`gen-listening.mjs not found at ${generator}: set GEN_LISTENING to its path`);
  process.exit(1);
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stemme-bench-pipeline-'));
execFileSync(process.execPath, [generator, dir, String(POSTS), String(MONITORS)], { stdio: 'ignore' });
const SOURCES = new Set<SourceName>(['bluesky', 'mastodon', 'rss']);
const now = new Date();
const posts: IncomingPost[] = fs
  .readFileSync(path.join(dir, 'posts.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l, i) => {
    const p = JSON.parse(l) as Post & { source?: string };
    const source = SOURCES.has(p.source as SourceName) ? (p.source as SourceName) : 'bluesky';
    // Spread over the last day, as a stream would deliver them.
    return { ...p, source, publishedAt: new Date(now.getTime() - (i % 86_400) * 1000) };
  });
const queries = fs
  .readFileSync(path.join(dir, 'monitors.txt'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .filter((q) => validate(q).ok);
fs.rmSync(dir, { recursive: true, force: true });
// A sweep's points run as child processes of the sweep, which has said this already.
if (!process.env.BENCH_QUIET)
  console.log(
    `data: ${posts.length} posts, ${queries.length} monitors, batches of ${BATCH} (Node ${process.version}, ${os.cpus().length} cores)`,
  );

const fmt = (n: number) => Math.round(n).toLocaleString('en');

/** CPU seconds this process has used: on a shared machine, wall time also counts other people's work. */
const cpuS = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

/**
 * CPU seconds the PostgreSQL server spent for one database: the backends connected to it, read from
 * /proc/<pid>/stat (the server runs on this machine). Sampled every 250 ms so a backend that closes
 * meanwhile still counts up to its last sample. Shared server processes (WAL writer, checkpointer) are not
 * included. Returns null where /proc cannot be read (another host, another OS).
 */
function serverCpu(admin: pg.Client, dbName: string) {
  const ticks = 100; // USER_HZ on Linux
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  const read = (pid: number): number | null => {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(f[11]) + Number(f[12])) / ticks;
    } catch {
      return null;
    }
  };
  let readable = true;
  const sample = async () => {
    const { rows } = await admin.query<{ pid: number }>(
      'select pid from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [dbName],
    );
    for (const { pid } of rows) {
      const c = read(pid);
      if (c === null) {
        readable = false;
        continue;
      }
      if (!first.has(pid)) first.set(pid, started ? 0 : c);
      last.set(pid, c);
    }
  };
  let started = false;
  let timer: NodeJS.Timeout | undefined;
  return {
    async start() {
      await sample();
      started = true;
      timer = setInterval(() => void sample().catch(() => {}), 250);
    },
    /** CPU seconds since start(), or null when /proc was not readable. */
    async stop(): Promise<number | null> {
      clearInterval(timer);
      await sample();
      if (!readable || last.size === 0) return null;
      let sum = 0;
      for (const [pid, c] of last) sum += c - (first.get(pid) ?? 0);
      first.clear();
      last.clear();
      started = false;
      return sum;
    },
  };
}

/**
 * The generator's common-word monitors (`common AND (word OR rare)`, 5% of them): with every post made of the
 * same 200 most frequent words, they match most posts, which real monitors on a real firehose do not.
 */
const COMMON_WORD = /^\S+ AND \(\S+ OR \S+\)$/;
const selective = queries.filter((q) => !COMMON_WORD.test(q));
const commonWord = queries.filter((q) => COMMON_WORD.test(q));
/** The sweep's monitor sets: the selective ones plus more and more of the common-word ones, then all of them. */
const sweepSets = [0, 4, 5, 6, 7, 8, 16, commonWord.length].map((k) => ({
  label: `+${k} common-word`,
  list: [...selective, ...commonWord.slice(0, k)],
}));

async function seed(database: Database, list = queries): Promise<string> {
  const [org] = await database.db.insert(orgs).values({ name: 'Bench' }).returning({ id: orgs.id });
  for (let i = 0; i < list.length; i += 1_000)
    await database.db
      .insert(monitors)
      .values(list.slice(i, i + 1_000).map((query, j) => ({ orgId: org!.id, name: `m${i + j}`, query })));
  return org!.id;
}

/** Enrichment and matching alone (no storage), on one core. */
async function cpuOnly(database: Database, orgId: string): Promise<void> {
  const set = await activeMonitors(database.db, orgId);
  for (const p of fresh().slice(0, 500)) enrich(p, set, now);
  const input = fresh();
  const t0 = performance.now();
  const c0 = cpuS();
  let matched = 0;
  for (const p of input) matched += enrich(p, set, now).monitorIds.length;
  const s = (performance.now() - t0) / 1000;
  const c = cpuS() - c0;
  console.log(
    `no storage parse→language→sentiment→match  ${fmt(posts.length / c)} posts per CPU s, ${fmt(posts.length / s)} posts/s wall  (${fmt(matched)} matches)`,
  );
}

type ServerCpu = ReturnType<typeof serverCpu>;

/**
 * Fresh copies of the posts: the pipeline remembers each post object's language and sentiment (so a stream's
 * post is analysed once for all organisations), and a run must not profit from an earlier one.
 */
const fresh = () => posts.map((p) => ({ ...p }));

/**
 * A running stream is in its steady state: its code compiled and optimised, and the per-word memos of language
 * ID and sentiment filled with the words it keeps seeing. A first pass warms both: every post enriched once
 * (fresh copies, so no post's own analysis is kept), and 4,000 of them (with ids of their own, in an organisation
 * of their own) through the whole pipeline. Without it, the first run pays for V8's start-up and for every word's
 * first sight, and the runs do not compare.
 */
async function warmUp(database: Database): Promise<void> {
  const orgId = await seed(database);
  const set = await activeMonitors(database.db, orgId);
  for (const p of fresh()) enrich(p, set, now);
  const warm = posts.slice(0, 4_000).map((p) => ({ ...p, id: `warm-${p.id}` }));
  await ingest(database.db, orgId, warm.slice(0, 2_000));
  await ingest(database.db, orgId, warm.slice(2_000), { matchedOnly: true });
}

/**
 * BENCH_PROFILE=DIR: a V8 CPU profile of each measured run alone (not the warm-up or the seeding), written to
 * DIR as a .cpuprofile that Chrome's DevTools opens. Returns the function that stops it and writes the file.
 */
async function startProfile(): Promise<((name: string) => Promise<void>) | null> {
  const out = process.env.BENCH_PROFILE;
  if (!out) return null;
  const session = new inspector.Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async (name) => {
    const { profile } = await session.post('Profiler.stop');
    fs.mkdirSync(out, { recursive: true });
    const file = path.join(out, `${name}-${Date.now()}.cpuprofile`);
    fs.writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
    console.log(`profile: ${file}`);
  };
}

async function whole(
  label: string,
  database: Database,
  orgId: string,
  server?: ServerCpu,
  opts: { matchedOnly?: boolean; monitorsLabel?: string } = {},
): Promise<void> {
  const batch = opts.matchedOnly ? FIREHOSE_BATCH : BATCH;
  // The monitor index is built on first use and cached; build it outside the measurement like a running worker.
  await activeMonitors(database.db, orgId);
  const input = fresh();
  await server?.start();
  const profile = await startProfile();
  const t0 = performance.now();
  const c0 = cpuS();
  let stored = 0;
  let matches = 0;
  for (let i = 0; i < input.length; i += batch) {
    const r = await ingest(database.db, orgId, input.slice(i, i + batch), opts);
    stored += r.stored;
    matches += r.matches;
  }
  const s = (performance.now() - t0) / 1000;
  const c = cpuS() - c0;
  const sc = (await server?.stop()) ?? null;
  await profile?.(`${label.trim()}-${opts.matchedOnly ? 'firehose' : 'stored'}`);
  const [count] = await queryRows<{ n: number }>(
    database.db,
    sql`select count(*)::int as n from mention_matches where org_id = ${orgId}`,
  );
  console.log(
    `${label} ${opts.matchedOnly ? `firehose${opts.monitorsLabel ? ` (${opts.monitorsLabel})` : ''}, matches stored, batches of ${batch}` : `every post stored, batches of ${batch}`}  ${fmt(posts.length / s)} posts/s wall, ${fmt(posts.length / c)} posts per CPU s of this process${
      sc !== null
        ? `, ${fmt(posts.length / sc)} per CPU s of the server (${sc.toFixed(1)} s), ${fmt(posts.length / (c + sc))} per CPU s of both`
        : server
          ? ', server CPU not readable'
          : ' (server in-process)'
    }  (${fmt(stored)} mentions: ${((100 * stored) / posts.length).toFixed(1)}% of the posts; ${fmt(matches)} matches; ${fmt(count?.n ?? 0)} in the table; ${s.toFixed(1)} s)`,
  );
  if (opts.matchedOnly) return;
  // The same posts again: every one is a duplicate, so this is the cost of the de-duplication path.
  const again = fresh();
  await server?.start();
  const t1 = performance.now();
  const c1 = cpuS();
  let duplicates = 0;
  for (let i = 0; i < posts.length; i += BATCH)
    duplicates += (await ingest(database.db, orgId, again.slice(i, i + BATCH))).duplicates;
  const s1 = (performance.now() - t1) / 1000;
  const cd = cpuS() - c1;
  const sd = (await server?.stop()) ?? null;
  console.log(
    `${label} the same posts again (duplicates)   ${fmt(posts.length / s1)} posts/s wall, ${fmt(posts.length / cd)} per CPU s of this process${
      sd !== null ? `, ${fmt(posts.length / (cd + sd))} per CPU s of both` : ''
    }  (${fmt(duplicates)} skipped)`,
  );
}

async function pglite() {
  const database = await openPglite(undefined);
  try {
    await database.migrate();
    const orgId = await seed(database);
    if (!RUN) await cpuOnly(database, orgId);
    if (runs('stored')) await whole('pglite    ', database, orgId);
    if (runs('firehose'))
      await whole('pglite    ', database, await seed(database), undefined, { matchedOnly: true });
    if (runs('selective'))
      await whole('pglite    ', database, await seed(database, selective), undefined, {
        matchedOnly: true,
        monitorsLabel: `${selective.length} selective monitors`,
      });
    if (RUN === 'sweep-point') {
      const set = sweepSets[Number(process.env.BENCH_SWEEP_POINT)]!;
      await whole('pglite    ', database, await seed(database, set.list), undefined, {
        matchedOnly: true,
        monitorsLabel: set.label,
      });
    }
  } finally {
    await database.close();
  }
}

async function postgres() {
  const name = `stemme_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString());
  try {
    await database.migrate();
    await warmUp(database);
    const orgId = await seed(database);
    if (runs('stored')) await whole('postgres  ', database, orgId, serverCpu(admin, name));
    if (runs('firehose'))
      await whole('postgres  ', database, await seed(database), serverCpu(admin, name), {
        matchedOnly: true,
      });
    if (runs('selective'))
      await whole('postgres  ', database, await seed(database, selective), serverCpu(admin, name), {
        matchedOnly: true,
        monitorsLabel: `${selective.length} selective monitors`,
      });
    if (RUN === 'sweep-point') {
      const set = sweepSets[Number(process.env.BENCH_SWEEP_POINT)]!;
      await whole('postgres  ', database, await seed(database, set.list), serverCpu(admin, name), {
        matchedOnly: true,
        monitorsLabel: set.label,
      });
    }
  } finally {
    await database.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

// BENCH_DB=pglite or BENCH_DB=postgres runs one of them.
const only = process.env.BENCH_DB;
if (RUN === 'sweep') {
  // Each point in a process of its own, after the same warm-up: no point profits from an earlier one's.
  for (let i = 0; i < sweepSets.length; i++)
    execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, BENCH_RUN: 'sweep-point', BENCH_SWEEP_POINT: String(i), BENCH_QUIET: '1' },
    });
} else {
  if (only !== 'postgres') await pglite();
  if (only !== 'pglite')
    await postgres().catch((err: unknown) => {
      console.log(`postgres   skipped: ${(err as Error).message}`);
    });
}
