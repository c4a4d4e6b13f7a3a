// Kill -9 trials against a real local Bluesky PDS (see test/publish-crash.ts for the steps): prints, per step,
// how many trials left exactly one post, duplicates and losses. PostgreSQL (BENCH_DATABASE_URL), TRIALS (100).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPostgres } from '../src/db/connect.ts';
import { startLocalPds } from '../test/bluesky.ts';
import { CRASH_STEPS, crashTrials } from '../test/publish-crash.ts';

const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TRIALS = Number(process.env.TRIALS ?? 100);

const dbName = `stemme_crash_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`create database ${dbName}`);
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;
const database = await openPostgres(url.toString());
await database.migrate();
const pds = await startLocalPds();

console.log(`${TRIALS} trials, a worker process SIGKILLed at each step in turn; PDS ${pds.url}`);
const trials = await crashTrials({
  database,
  url: url.toString(),
  pds,
  trials: TRIALS,
  onTrial: (t, i) =>
    process.stdout.write(
      `  ${String(i + 1).padStart(3)} ${t.step.padEnd(9)} records=${t.records} ${t.status} [${t.outcomes}] ${t.recoveryMs} ms\n`,
    ),
});

const ok = (t: (typeof trials)[number]) => t.records === 1 && t.status === 'published';
const lost = (t: (typeof trials)[number]) => t.records === 0 || t.status !== 'published';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
console.log('\nstep       trials  exactly-one  duplicates  losses  median recovery');
for (const step of CRASH_STEPS) {
  const t = trials.filter((x) => x.step === step);
  const cols = [t.length, t.filter(ok).length, t.filter((x) => x.records > 1).length, t.filter(lost).length];
  console.log(
    `${step.padEnd(10)} ${cols.map((c, i) => String(c).padStart([6, 11, 10, 6][i]!)).join('  ')}  ${median(t.map((x) => x.recoveryMs))} ms`,
  );
}
const duplicates = trials.filter((x) => x.records > 1).length;
const losses = trials.filter(lost).length;
console.log(`\ntotal: ${trials.length} trials, ${duplicates} duplicates, ${losses} losses`);

await pds.stop();
await database.close();
await admin.query(`drop database if exists ${dbName} with (force)`);
await admin.end();
process.exit(duplicates + losses > 0 ? 1 : 0);
