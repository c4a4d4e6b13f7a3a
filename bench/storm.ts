// Storm alert latency: from a post arriving (the `ingest` call) to the storm's alert being stored, on PGlite and
// on PostgreSQL. An organisation with MONITORS monitors and a week of history (HISTORY mentions) gets, for each
// monitor in turn, nine posts of a burst in one batch and then the post that tips it over the bar, alone: that
// last `ingest` call is timed, and the alert row is checked to exist when it returns. The alert is stored inside
// the call (detection runs right after the mentions are stored), so the call's time is the latency.
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { type Database, openPglite, openPostgres, queryRows } from '../src/db/connect.ts';
import { type IncomingPost, ingest } from '../src/listening/pipeline.ts';
import { monitors } from '../src/listening/schema.ts';
import { orgs } from '../src/team/schema.ts';

const MONITORS = Number(process.env.BENCH_STORM_MONITORS ?? 200);
const HISTORY = Number(process.env.BENCH_STORM_HISTORY ?? 20_000);
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DAY = 86_400_000;

const term = (i: number) => `fjordstorm${i}`;
const quiet = [
  'lanserer nytt produkt',
  'holder foredrag i Bergen',
  'reports results on Thursday',
  'åpner kontor',
];
const angry = [
  'er arrogant og helt uakseptabel, for en skandale',
  'is clueless and arrogant, disgraceful',
  'forferdelig og skammelig, jeg er sint',
];

async function seed(database: Database): Promise<string> {
  const [org] = await database.db.insert(orgs).values({ name: 'Bench storm' }).returning();
  await database.db
    .insert(monitors)
    .values(Array.from({ length: MONITORS }, (_, i) => ({ orgId: org!.id, name: `M${i}`, query: term(i) })));
  const now = Date.now();
  const history: IncomingPost[] = Array.from({ length: HISTORY }, (_, i) => ({
    id: `h-${i}`,
    source: 'bluesky',
    text: `${term(i % MONITORS)} ${quiet[i % quiet.length]}`,
    author: `author${i % 997}`,
    // A week back, stopping an hour ago so the current window is quiet.
    publishedAt: new Date(now - 3_600_000 - ((i * 7919) % (7 * DAY - 3_600_000))),
  }));
  for (let i = 0; i < history.length; i += 1000)
    await ingest(database.db, org!.id, history.slice(i, i + 1000));
  return org!.id;
}

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function run(label: string, database: Database): Promise<void> {
  const orgId = await seed(database);
  const latencies: number[] = [];
  const plain: number[] = [];
  for (let m = 0; m < MONITORS; m++) {
    const now = Date.now();
    // For comparison: one quiet post for another monitor, stored and evaluated without a storm.
    const q0 = performance.now();
    await ingest(database.db, orgId, [
      {
        id: `p-${m}`,
        source: 'bluesky',
        text: `${term((m + 1) % MONITORS)} ${quiet[0]}`,
        author: 'plain',
        publishedAt: new Date(now),
      },
    ]);
    plain.push(performance.now() - q0);
    const burst = (k: number): IncomingPost => ({
      id: `b-${m}-${k}`,
      source: 'mastodon',
      text: `${term(m)} ${angry[k % angry.length]}`,
      author: `angry${m}-${k}`,
      publishedAt: new Date(now - (10 - k) * 1000),
    });
    await ingest(
      database.db,
      orgId,
      Array.from({ length: 9 }, (_, k) => burst(k)),
    );
    const t0 = performance.now();
    await ingest(database.db, orgId, [burst(9)]);
    const ms = performance.now() - t0;
    const [row] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from storm_alerts a join monitors mo on mo.id = a.monitor_id
          where a.org_id = ${orgId} and mo.name = ${`M${m}`}`,
    );
    if (row?.n !== 1)
      throw new Error(`monitor M${m}: expected one alert when the tipping post was stored, got ${row?.n}`);
    latencies.push(ms);
  }
  latencies.sort((a, b) => a - b);
  plain.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(10)} alerts=${latencies.length} p50=${pct(latencies, 50).toFixed(1)} ms p99=${pct(latencies, 99).toFixed(1)} ms max=${latencies[latencies.length - 1]!.toFixed(1)} ms; a quiet post's ingest p50=${pct(plain, 50).toFixed(1)} ms p99=${pct(plain, 99).toFixed(1)} ms (monitors=${MONITORS}, history=${HISTORY})`,
  );
}

async function pglite() {
  const database = await openPglite(undefined);
  try {
    await database.migrate();
    await run('PGlite', database);
  } finally {
    await database.close();
  }
}

async function postgres() {
  const name = `stemme_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
  } catch {
    console.log('PostgreSQL  skipped: BENCH_DATABASE_URL does not answer');
    return;
  }
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString());
  try {
    await database.migrate();
    await run('PostgreSQL', database);
  } finally {
    await database.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

await pglite();
await postgres();
