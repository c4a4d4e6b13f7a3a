// HTTP figures for the foundation: sign-in latency (scrypt-bound by design) and authenticated request throughput
// over real sockets, on PGlite and on PostgreSQL (BENCH_DATABASE_URL, default the local server).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { type Database, openPglite, openPostgres } from '../src/db/connect.ts';
import { buildApp } from '../src/http/app.ts';
import { SecretBox } from '../src/security/secret-box.ts';

const PASSWORD = 'et langt og godt passord';
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function measure(label: string, database: Database) {
  await database.migrate();
  const app = await buildApp({
    database,
    config: { secureCookies: false, publicUrl: undefined, trustProxy: false },
    secretBox: new SecretBox(randomBytes(32)),
    logger: pino({ level: 'silent' }),
  });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const csrf = 'bench';
  const headers = { 'content-type': 'application/json', cookie: `stemme_csrf=${csrf}`, 'x-csrf-token': csrf };
  const setup = await fetch(`${base}/api/setup`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ orgName: 'Bench', name: 'Bench', email: 'bench@example.no', password: PASSWORD }),
  });
  const session = setup.headers
    .getSetCookie()
    .find((c) => c.startsWith('stemme_session='))!
    .split(';')[0]!;

  const logins: number[] = [];
  for (let i = 0; i < 9; i++) {
    const t = performance.now();
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ email: 'bench@example.no', password: PASSWORD }),
    });
    await res.text();
    logins.push(performance.now() - t);
  }
  logins.sort((a, b) => a - b);

  const durationMs = 4000;
  const concurrency = 16;
  const latencies: number[] = [];
  const until = performance.now() + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const t = performance.now();
        const res = await fetch(`${base}/api/team/members`, {
          headers: { cookie: `${session}; stemme_csrf=${csrf}` },
        });
        await res.text();
        if (res.status !== 200) throw new Error(`status ${res.status}`);
        latencies.push(performance.now() - t);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(10)} login p50 ${pct(logins, 50).toFixed(0)} ms p99 ${pct(logins, 99).toFixed(0)} ms | ` +
      `GET /api/team/members (session + role check + query), ${concurrency} clients: ` +
      `${Math.round(latencies.length / (durationMs / 1000))} req/s, p50 ${pct(latencies, 50).toFixed(1)} ms, p99 ${pct(latencies, 99).toFixed(1)} ms`,
  );
  await app.close();
}

await measure('pglite', await openPglite(undefined));

const name = `stemme_bench_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: adminUrl });
try {
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString());
  try {
    await measure('postgres', database);
  } finally {
    await database.close();
  }
} catch (err) {
  console.log(`postgres   skipped: ${(err as Error).message}`);
} finally {
  await admin.query(`drop database if exists ${name} with (force)`).catch(() => {});
  await admin.end().catch(() => {});
}
