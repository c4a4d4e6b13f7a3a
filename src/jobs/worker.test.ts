import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/databases.ts';
import { type Database, openPostgres, queryRows } from '../db/connect.ts';
import { defineJob } from './definition.ts';
import { enqueue, enqueueMany } from './enqueue.ts';
import { vacuumJob } from './system.ts';
import { jobRow, pause, statesOf, until } from './test-support.ts';
import { Worker } from './worker.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Another "process": a second pool on the same PostgreSQL database; PGlite has only the one handle. */
async function secondHandle(database: Database): Promise<{ database: Database; close(): Promise<void> }> {
  const url = (database as Database & { url?: string }).url;
  if (database.kind === 'pglite' || !url) return { database, close: async () => {} };
  const other = await openPostgres(url);
  return { database: other, close: () => other.close() };
}

describeEachDb('job worker', (get, kind) => {
  it('takes back a job whose worker died (expired lease) and runs it again', async () => {
    const { db } = get();
    let runs = 0;
    const orphan = defineJob({
      name: 'test.orphan',
      maxAttempts: 3,
      async run() {
        runs++;
      },
    });
    const revived = await enqueue(db, orphan, {});
    const exhausted = await enqueue(db, orphan, {}, { maxAttempts: 1 });
    // What a kill -9 leaves behind: running, attempt counted, lease in the past.
    await db.execute(sql`update jobs set state = 'running', attempts = 1, locked_by = 'ghost',
      locked_until = now() - interval '1 second' where name = 'test.orphan'`);
    const worker = new Worker({ database: get(), jobs: [orphan], pollIntervalMs: 50 });
    worker.start();
    try {
      await until('orphan done', async () => (await jobRow(db, revived!.id)).state === 'done');
    } finally {
      await worker.stop();
    }
    expect(runs).toBe(1);
    expect(await jobRow(db, revived!.id)).toMatchObject({
      attempts: 2,
      last_error: expect.stringMatching(/ghost/),
    });
    // Its one attempt was the run that died with the worker: dead, not retried forever.
    expect(await jobRow(db, exhausted!.id)).toMatchObject({
      state: 'dead',
      last_error: 'lease expired: worker ghost stopped renewing it',
    });
  });

  it('leaves alone a running job whose lease is still valid, however long it runs', async () => {
    const { db } = get();
    let runs = 0;
    const long = defineJob({
      name: 'test.long',
      async run() {
        runs++;
        await pause(900);
      },
    });
    const job = await enqueue(db, long, {});
    const a = new Worker({ database: get(), jobs: [long], pollIntervalMs: 30, leaseMs: 300, id: 'a' });
    const b = new Worker({ database: get(), jobs: [long], pollIntervalMs: 30, leaseMs: 300, id: 'b' });
    a.start();
    await until('running', async () => (await jobRow(db, job!.id)).state === 'running');
    b.start();
    try {
      await until('done', async () => (await jobRow(db, job!.id)).state === 'done', 3000);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
    expect(runs).toBe(1);
    expect(await jobRow(db, job!.id)).toMatchObject({ attempts: 1, last_error: null });
  });

  it('aborts a job whose lease was taken away and drops its outcome', async () => {
    const { db } = get();
    let aborted = false;
    const stuck = defineJob({
      name: 'test.stuck',
      run: (_p, { signal }) =>
        new Promise<void>((resolve) =>
          signal.addEventListener('abort', () => {
            aborted = true;
            resolve(); // claims success, but the job is no longer this worker's to finish
          }),
        ),
    });
    const job = await enqueue(db, stuck, {});
    const worker = new Worker({ database: get(), jobs: [stuck], pollIntervalMs: 30, leaseMs: 300 });
    worker.start();
    try {
      await until('running', async () => (await jobRow(db, job!.id)).state === 'running');
      await db.execute(sql`update jobs set locked_by = 'usurper' where id = ${job!.id}`);
      await until('aborted', () => aborted);
      await until('settled', () => worker.runningCount === 0);
    } finally {
      await worker.stop();
    }
    expect(await jobRow(db, job!.id)).toMatchObject({ state: 'running', locked_by: 'usurper' });
    await db.execute(sql`update jobs set state = 'done' where id = ${job!.id}`);
  });

  it('on stop, lets short jobs finish and hands unfinished ones back to the queue without counting them', async () => {
    const { db } = get();
    const seen: string[] = [];
    const quick = defineJob({
      name: 'test.quick',
      async run() {
        await pause(100);
        seen.push('quick');
      },
    });
    const endless = defineJob({
      name: 'test.endless',
      run: (_p, { signal }) =>
        new Promise<void>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
    });
    const q = await enqueue(db, quick, {});
    const e = await enqueue(db, endless, {});
    const worker = new Worker({
      database: get(),
      jobs: [quick, endless],
      pollIntervalMs: 30,
      concurrency: 2,
    });
    worker.start();
    await until('both running', () => worker.runningCount === 2);
    const stopping = performance.now();
    await worker.stop({ graceMs: 400 });
    expect(performance.now() - stopping).toBeLessThan(1500);
    expect(seen).toEqual(['quick']);
    expect(await jobRow(db, q!.id)).toMatchObject({ state: 'done' });
    expect(await jobRow(db, e!.id)).toMatchObject({ state: 'queued', attempts: 0, locked_by: null });
    await db.execute(sql`delete from jobs where id = ${e!.id}`);
  });

  it('keeps one recurring job queued however many workers run, and runs it on schedule', async () => {
    const { db } = get();
    const second = await secondHandle(get());
    const runs: number[] = [];
    const tick = defineJob({
      name: 'test.tick',
      every: 150,
      async run() {
        runs.push(Date.now());
      },
    });
    const workers = [get(), second.database, get()].map(
      (database, i) => new Worker({ database, jobs: [tick], pollIntervalMs: 20, leaseMs: 200, id: `w${i}` }),
    );
    const started = Date.now();
    for (const w of workers) w.start();
    let mostActive = 0;
    try {
      while (Date.now() - started < 1500) {
        const active = (await statesOf(db, 'test.tick')).filter((s) => s === 'queued' || s === 'running');
        mostActive = Math.max(mostActive, active.length);
        await pause(15);
      }
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
      await second.close();
    }
    expect(mostActive).toBe(1);
    // One chain of runs 150 ms apart, not one per worker.
    expect(runs.length).toBeGreaterThanOrEqual(4);
    expect(runs.length).toBeLessThanOrEqual(10);
    for (let i = 1; i < runs.length; i++) expect(runs[i]! - runs[i - 1]!).toBeGreaterThanOrEqual(140);
  });

  it('runs the built-in vacuum job', async () => {
    const { db } = get();
    const job = await enqueue(db, vacuumJob, {});
    const worker = new Worker({ database: get(), jobs: [vacuumJob], pollIntervalMs: 30 });
    worker.start();
    try {
      await until('vacuum done', async () => (await jobRow(db, job!.id)).state === 'done', 10_000);
    } finally {
      await worker.stop();
    }
    // Finishing it queued the next one, six hours on.
    const [next] = await queryRows<{ hours: number }>(
      db,
      sql`select round(extract(epoch from run_at - now()) / 3600)::int as hours
        from jobs where name = 'maintenance.vacuum' and state = 'queued'`,
    );
    expect(next?.hours).toBe(6);
  });

  if (kind === 'postgres') {
    it('two processes drain 500 jobs between them and no job runs twice', async () => {
      const { db } = get();
      const second = await secondHandle(get());
      const ranBy = new Map<string, string[]>();
      const make = (workerId: string) =>
        defineJob<{ n: number }>({
          name: 'test.drain',
          async run(_p, { jobId }) {
            ranBy.set(jobId, [...(ranBy.get(jobId) ?? []), workerId]);
            await pause(Math.random() * 3);
          },
        });
      const ids = await enqueueMany(
        db,
        'test.drain',
        Array.from({ length: 500 }, (_, n) => ({ payload: { n } })),
      );
      const a = new Worker({
        database: get(),
        jobs: [make('a')],
        concurrency: 4,
        pollIntervalMs: 50,
        id: 'a',
      });
      const b = new Worker({
        database: second.database,
        jobs: [make('b')],
        concurrency: 4,
        pollIntervalMs: 50,
        id: 'b',
      });
      a.start();
      b.start();
      try {
        await until(
          'all done',
          async () => (await statesOf(db, 'test.drain')).every((s) => s === 'done'),
          20_000,
        );
      } finally {
        await Promise.all([a.stop(), b.stop()]);
        await second.close();
      }
      expect(ranBy.size).toBe(500);
      expect(new Set(ids)).toEqual(new Set(ranBy.keys()));
      const twice = [...ranBy].filter(([, by]) => by.length !== 1);
      expect(twice).toEqual([]);
      const byA = [...ranBy.values()].filter((by) => by[0] === 'a').length;
      expect(byA).toBeGreaterThan(0);
      expect(byA).toBeLessThan(500);
    });

    it('recovers the job of a worker process killed with SIGKILL mid-run', async () => {
      const { db } = get();
      const url = (get() as Database & { url?: string }).url!;
      const job = await enqueue(db, 'test.crash', {});
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', path.join(here, 'crash-worker.fixture.ts'), url],
        {
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      try {
        await new Promise<void>((resolve, reject) => {
          child.stdout.on('data', (chunk: Buffer) => {
            if (chunk.toString().includes(`running ${job!.id}`)) resolve();
          });
          child.on('exit', (code) => reject(new Error(`worker process exited early (${code})`)));
        });
        expect(await jobRow(db, job!.id)).toMatchObject({ state: 'running', locked_by: 'doomed' });
      } finally {
        child.kill('SIGKILL');
      }
      let attempt = 0;
      const crash = defineJob({
        name: 'test.crash',
        async run(_p, ctx) {
          attempt = ctx.attempt;
        },
      });
      const survivor = new Worker({ database: get(), jobs: [crash], pollIntervalMs: 50, leaseMs: 400 });
      survivor.start();
      try {
        await until('recovered and done', async () => (await jobRow(db, job!.id)).state === 'done', 5000);
      } finally {
        await survivor.stop();
      }
      expect(attempt).toBe(2);
      expect((await jobRow(db, job!.id)).last_error).toMatch(/lease expired: worker doomed/);
    });
  }
});
