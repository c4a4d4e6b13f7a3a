// Job queue figures: enqueue rate (one by one and in batches) and drain throughput of no-op jobs, on PGlite and
// on PostgreSQL (BENCH_DATABASE_URL, default the local server) with one worker and with two worker "processes".
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { type Database, openPglite, openPostgres, queryRows } from '../src/db/connect.ts';
import { defineJob } from '../src/jobs/definition.ts';
import { enqueue, enqueueMany } from '../src/jobs/enqueue.ts';
import { Worker } from '../src/jobs/worker.ts';

const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SINGLE = 2000;
const BATCHED = 20_000;
const BATCH_SIZE = 500;
const DRAIN = 5000;
const CONCURRENCY = 8;

const rate = (n: number, ms: number) => `${Math.round((n / ms) * 1000).toLocaleString('en')} jobs/s`;

/** Empties the table and vacuums, so each figure starts from a clean index rather than the last run's dead rows. */
async function clear(database: Database) {
  await database.db.execute(sql`delete from jobs`);
  await database.db.execute(sql`vacuum analyze jobs`);
}

async function measureEnqueue(label: string, database: Database) {
  let started = performance.now();
  for (let i = 0; i < SINGLE; i++) await enqueue(database.db, 'bench.noop', { i });
  console.log(
    `${label}  enqueue one by one        ${rate(SINGLE, performance.now() - started)}  (${SINGLE} jobs)`,
  );
  await clear(database);

  started = performance.now();
  for (let i = 0; i < BATCHED; i += BATCH_SIZE) {
    await enqueueMany(
      database.db,
      'bench.noop',
      Array.from({ length: BATCH_SIZE }, (_, k) => ({ payload: { i: i + k } })),
    );
  }
  console.log(
    `${label}  enqueue in batches of ${BATCH_SIZE}  ${rate(BATCHED, performance.now() - started)}  (${BATCHED} jobs)`,
  );
  await clear(database);
}

/** Queues DRAIN no-op jobs up front, then times the workers from start until every row is done. */
async function measureDrain(label: string, handles: Database[]) {
  const [first] = handles;
  if (!first) throw new Error('no database');
  let ran = 0;
  const noop = defineJob({
    name: 'bench.noop',
    async run() {
      ran++;
    },
  });
  await enqueueMany(
    first.db,
    noop,
    Array.from({ length: DRAIN }, (_, i) => ({ payload: { i } })),
  );
  const workers = handles.map(
    (database) => new Worker({ database, jobs: [noop], concurrency: CONCURRENCY, pollIntervalMs: 200 }),
  );
  const started = performance.now();
  for (const w of workers) w.start();
  for (;;) {
    await new Promise((r) => setTimeout(r, ran >= DRAIN ? 5 : 50));
    if (ran < DRAIN) continue;
    const [left] = await queryRows<{ n: number }>(
      first.db,
      sql`select count(*)::int as n from jobs where state <> 'done'`,
    );
    if (left?.n === 0) break;
  }
  const elapsed = performance.now() - started;
  await Promise.all(workers.map((w) => w.stop({ graceMs: 1000 })));
  const words = handles.length === 1 ? '1 worker ' : `${handles.length} workers`;
  console.log(
    `${label}  drain, ${words} × ${CONCURRENCY}     ${rate(DRAIN, elapsed)}  (${DRAIN} no-op jobs, ${ran} runs)`,
  );
  await clear(first);
}

async function pglite() {
  const database = await openPglite(undefined);
  try {
    await database.migrate();
    await measureEnqueue('pglite    ', database);
    await measureDrain('pglite    ', [database]);
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
  const one = await openPostgres(url.toString());
  const two = await openPostgres(url.toString());
  try {
    await one.migrate();
    await measureEnqueue('postgres  ', one);
    await measureDrain('postgres  ', [one]);
    await measureDrain('postgres  ', [one, two]);
  } finally {
    await one.close();
    await two.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

await pglite();
await postgres().catch((err: unknown) => {
  console.log(`postgres   skipped: ${(err as Error).message}`);
});
