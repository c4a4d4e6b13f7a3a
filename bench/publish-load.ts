// Publishing figures on the sandbox network: latency after the due time (p50/p99 over 200 posts scheduled a
// tenth of a second apart, one worker with the default settings) on PGlite and PostgreSQL, and throughput of
// 1,000 posts due at the same moment with two workers (separate pools, one process) on PostgreSQL.
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { type Database, openPglite, openPostgres, queryRows } from '../src/db/connect.ts';
import { Worker } from '../src/jobs/worker.ts';
import { defaultNetworks } from '../src/networks/registry.ts';
import { connectChannel } from '../src/publishing/channels.ts';
import { publishingJobs } from '../src/publishing/jobs.ts';
import { createPost } from '../src/publishing/posts.ts';
import { SecretBox } from '../src/security/secret-box.ts';

const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const deps = { secretBox: new SecretBox(randomBytes(32)), networks: defaultNetworks };
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;

async function setup(database: Database) {
  await database.migrate();
  const { db } = database;
  const [org] = await queryRows<{ id: string }>(
    db,
    sql`insert into orgs (name) values ('Bench') returning id`,
  );
  const [user] = await queryRows<{ id: string }>(
    db,
    sql`insert into users (email, name) values (${`b${randomBytes(3).toString('hex')}@example.no`}, 'Bench') returning id`,
  );
  await db.execute(
    sql`insert into memberships (org_id, user_id, role) values (${org!.id}, ${user!.id}, 'admin')`,
  );
  const actor = { orgId: org!.id, userId: user!.id, role: 'admin' as const };
  const channel = await connectChannel(db, deps, actor, { network: 'sandbox', handle: 'bench' });
  return { actor, channelId: channel.id };
}

async function schedule(
  database: Database,
  ctx: Awaited<ReturnType<typeof setup>>,
  dueAt: (i: number) => Date,
  n: number,
) {
  for (let i = 0; i < n; i++) {
    await createPost(database.db, deps, ctx.actor, {
      text: `Bench post ${i} ${randomBytes(3).toString('hex')}`,
      thread: false,
      images: [],
      channelIds: [ctx.channelId],
      variants: [],
      scheduledAt: dueAt(i),
    });
  }
}

async function waitAllPublished(database: Database, n: number) {
  for (;;) {
    const [row] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from publish_targets where status = 'published'`,
    );
    if (row!.n >= n) return;
    await pause(50);
  }
}

async function delays(database: Database): Promise<number[]> {
  const rows = await queryRows<{ ms: number }>(
    database.db,
    sql`select (extract(epoch from published_at - due_at) * 1000)::float8 as ms from publish_targets`,
  );
  return rows.map((r) => Number(r.ms));
}

function worker(database: Database, concurrency = 4) {
  const w = new Worker({ database, jobs: publishingJobs(deps), concurrency });
  w.start();
  return w;
}

async function latency(label: string, database: Database) {
  const ctx = await setup(database);
  const w = worker(database);
  const start = Date.now() + 5000;
  await schedule(database, ctx, (i) => new Date(start + i * 100), 200);
  await waitAllPublished(database, 200);
  await w.stop();
  const d = await delays(database);
  console.log(
    `${label}  latency after due time, 200 posts 100 ms apart, 1 worker: p50 ${Math.round(pct(d, 0.5))} ms  p99 ${Math.round(pct(d, 0.99))} ms  max ${Math.round(Math.max(...d))} ms`,
  );
}

async function freshPostgres(): Promise<{ database: Database; url: string; drop: () => Promise<void> }> {
  const name = `stemme_pubbench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString());
  return {
    database,
    url: url.toString(),
    async drop() {
      await database.close();
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

const pglite = await openPglite(undefined);
await latency('PGlite    ', pglite);
await pglite.close();

const pgLatency = await freshPostgres();
await latency('PostgreSQL', pgLatency.database);
await pgLatency.drop();

// Throughput: 1,000 due at one moment; two workers with their own pools, as two `stemme worker` would have.
const first = await freshPostgres();
const ctx = await setup(first.database);
const second = await openPostgres(first.url);
const dueAt = new Date(Date.now() + 30_000);
const created = performance.now();
await schedule(first.database, ctx, () => dueAt, 1000);
console.log(`PostgreSQL  created 1,000 posts in ${Math.round(performance.now() - created)} ms`);
const workers = [worker(first.database, 8), worker(second, 8)];
await pause(Math.max(0, dueAt.getTime() - Date.now()));
await waitAllPublished(first.database, 1000);
const [span] = await queryRows<{ ms: number }>(
  first.database.db,
  sql`select (extract(epoch from max(published_at) - min(due_at)) * 1000)::float8 as ms from publish_targets`,
);
await Promise.all(workers.map((w) => w.stop()));
const d = await delays(first.database);
const [dups] = await queryRows<{ n: number }>(
  first.database.db,
  sql`select count(*)::int as n from (select idempotency_key from sandbox_posts group by idempotency_key having count(*) > 1) x`,
);
console.log(
  `PostgreSQL  1,000 posts due at once, 2 workers × 8: all out ${Math.round(Number(span!.ms))} ms after due → ${Math.round(1000 / (Number(span!.ms) / 1000))} posts/s; delay p50 ${Math.round(pct(d, 0.5))} ms p99 ${Math.round(pct(d, 0.99))} ms; duplicates ${dups!.n}`,
);
await second.close();
await first.drop();
