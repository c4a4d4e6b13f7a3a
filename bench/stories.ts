// Story clustering and author bookkeeping: what the pipeline's stories hook costs per post. On the shared
// generated posts (gen-listening.mjs) with a fifth of them turned into small edits of earlier posts and a
// tenth sharing one of 200 article links, it times (1) the pure features (MinHash over bigrams, LSH band keys,
// links, entities) on one core, and (2) on PGlite and PostgreSQL the store step alone vs the stories hook
// (authors upsert, mention refs, candidate lookup, clustering, key rows, story aggregates), per post.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { type Database, openPglite, openPostgres, queryRows } from '../src/db/connect.ts';
import { computeInfluence } from '../src/listening/influence/compute.ts';
import { activeMonitors } from '../src/listening/monitor-set.ts';
import { enrich, type IncomingPost, type SourceName, store } from '../src/listening/pipeline.ts';
import type { Post } from '../src/listening/query/index.ts';
import { validate } from '../src/listening/query/index.ts';
import { monitors } from '../src/listening/schema.ts';
import { afterStored } from '../src/listening/stories/index.ts';
import { features } from '../src/listening/stories/signature.ts';
import { orgs } from '../src/team/schema.ts';

const POSTS = Number(process.env.BENCH_POSTS ?? 10_000);
const MONITORS = Number(process.env.BENCH_MONITORS ?? 100);
const BATCH = Number(process.env.BENCH_BATCH ?? 500);
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const generator =
  process.env.GEN_LISTENING ??
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../shared/bench/gen-listening.mjs');
if (!fs.existsSync(generator)) {
  console.error(`gen-listening.mjs not found at ${generator}: set GEN_LISTENING to its path`);
  process.exit(1);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stemme-bench-stories-'));
execFileSync(process.execPath, [generator, dir, String(POSTS), String(MONITORS)], { stdio: 'ignore' });
const SOURCES = new Set<SourceName>(['bluesky', 'mastodon', 'rss']);
const now = new Date();
const raw = fs
  .readFileSync(path.join(dir, 'posts.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Post & { source?: string });
const posts: IncomingPost[] = raw.map((p, i) => {
  const source = SOURCES.has(p.source as SourceName) ? (p.source as SourceName) : 'bluesky';
  let text = p.text;
  // Every fifth post a small edit of an earlier one; every tenth shares one of 200 article links.
  if (i % 5 === 4 && i > 50) {
    const words = raw[i - 1 - ((i * 7) % 40)]!.text.split(' ');
    words[(i * 7) % words.length] = 'endret';
    text = words.join(' ');
  }
  const links = i % 10 === 3 ? [`https://news.example.no/sak/${i % 200}?utm_source=x`] : (p.links ?? []);
  return {
    ...p,
    text,
    links,
    source,
    author: p.author ?? `user${i % 2000}`,
    publishedAt: new Date(now.getTime() - (POSTS - i) * 1000),
  };
});
const queries = fs
  .readFileSync(path.join(dir, 'monitors.txt'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .filter((q) => validate(q).ok);
fs.rmSync(dir, { recursive: true, force: true });
console.log(
  `data: ${posts.length} posts, ${queries.length} monitors, batches of ${BATCH} (Node ${process.version})`,
);
const fmt = (n: number) => Math.round(n).toLocaleString('en');
const cpuS = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

// 1. Pure features.
for (const p of posts.slice(0, 500)) features({ text: p.text, links: p.links, url: p.url, externalId: p.id });
{
  const c0 = cpuS();
  let n = 0;
  while (cpuS() - c0 < 2)
    for (const p of posts) {
      features({ text: p.text, title: p.title, links: p.links, url: p.url, externalId: p.id });
      n++;
    }
  const s = cpuS() - c0;
  console.log(
    `features (pure)  ${fmt(n / s)} posts/s, ${((s / n) * 1e6).toFixed(1)} µs/post (one core, CPU time)`,
  );
}

async function run(label: string, database: Database): Promise<void> {
  const [org] = await database.db.insert(orgs).values({ name: 'Bench' }).returning({ id: orgs.id });
  const orgId = org!.id;
  await database.db.insert(monitors).values(queries.map((query, j) => ({ orgId, name: `m${j}`, query })));
  const set = await activeMonitors(database.db, orgId);
  let storeMs = 0;
  let hookMs = 0;
  for (let i = 0; i < posts.length; i += BATCH) {
    const enriched = posts.slice(i, i + BATCH).map((p) => enrich(p, set, now));
    const t0 = performance.now();
    await store(database.db, orgId, enriched);
    const t1 = performance.now();
    await afterStored(database.db, orgId, enriched);
    hookMs += performance.now() - t1;
    storeMs += t1 - t0;
  }
  const t2 = performance.now();
  const scored = await computeInfluence(database.db, orgId);
  const influenceMs = performance.now() - t2;
  const [stats] = await queryRows<{ stories: number; multi: number; biggest: number; keys: number }>(
    database.db,
    sql`select (select count(*)::int from stories where org_id = ${orgId}) as stories,
      (select count(*)::int from stories where org_id = ${orgId} and size > 1) as multi,
      (select max(size)::int from stories where org_id = ${orgId}) as biggest,
      (select coalesce(sum(length(keys)) / 8, 0)::int from story_members where org_id = ${orgId}) as keys`,
  );
  console.log(
    `${label} store ${((storeMs / posts.length) * 1000).toFixed(0)} µs/post; stories hook ${((hookMs / posts.length) * 1000).toFixed(0)} µs/post (${fmt((posts.length / hookMs) * 1000)} posts/s); ` +
      `${stats!.stories} stories (${stats!.multi} with 2+ posts, biggest ${stats!.biggest}), ${(stats!.keys / posts.length).toFixed(1)} keys/post; ` +
      `influence for ${scored} authors ${fmt(influenceMs)} ms`,
  );
}

{
  const database = await openPglite(undefined);
  try {
    await database.migrate();
    await run('pglite    ', database);
  } finally {
    await database.close();
  }
}
try {
  const name = `stemme_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString());
  try {
    await database.migrate();
    await run('postgres  ', database);
  } finally {
    await database.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
} catch (err) {
  console.log(`postgres   skipped: ${(err as Error).message}`);
}
