import { sql } from 'drizzle-orm';
import pino from 'pino';
import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/databases.ts';
import type { Database } from '../db/connect.ts';
import { DomainError } from '../errors.ts';
import { getJob, jobCounts, listJobs, retryJob } from './admin.ts';
import {
  defineJob,
  type JobContext,
  type JobDefinition,
  type JobLogger,
  PermanentJobError,
} from './definition.ts';
import { enqueue, enqueueMany } from './enqueue.ts';
import { createOrg, jobRow, pause, statesOf, until } from './test-support.ts';
import { Worker, type WorkerOptions } from './worker.ts';

async function withWorker(
  database: Database,
  jobs: JobDefinition<unknown>[],
  body: (worker: Worker) => Promise<void>,
  opts: Partial<WorkerOptions> = {},
) {
  const worker = new Worker({ database, jobs, concurrency: 2, pollIntervalMs: 50, ...opts });
  worker.start();
  try {
    await body(worker);
  } finally {
    await worker.stop({ graceMs: 1000 });
  }
}

describeEachDb('job queue', (get) => {
  it('runs an enqueued job once with its payload, org and attempt number', async () => {
    const { db } = get();
    const orgId = await createOrg(db);
    const seen: { payload: { draftId: string }; ctx: JobContext }[] = [];
    const publish = defineJob<{ draftId: string }>({
      name: 'test.publish',
      async run(payload, ctx) {
        seen.push({ payload, ctx });
      },
    });
    const job = await enqueue(db, publish, { draftId: 'd-1' }, { orgId });
    expect(job?.id).toBeTruthy();
    await withWorker(get(), [publish], async () => {
      await until('job done', async () => (await jobRow(db, job!.id)).state === 'done');
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.payload).toEqual({ draftId: 'd-1' });
    expect(seen[0]?.ctx).toMatchObject({ jobId: job!.id, orgId, attempt: 1, maxAttempts: 5 });
    expect(await jobRow(db, job!.id)).toMatchObject({ attempts: 1, locked_by: null });
  });

  it('does not run a job before its time, and runs it after', async () => {
    const { db } = get();
    let ranAt = 0;
    const later = defineJob({
      name: 'test.later',
      async run() {
        ranAt = Date.now();
      },
    });
    const runAt = new Date(Date.now() + 700);
    await withWorker(get(), [later], async () => {
      await enqueue(db, later, {}, { runAt });
      await pause(400);
      expect(ranAt).toBe(0);
      await until('job ran', () => ranAt > 0);
    });
    expect(ranAt).toBeGreaterThanOrEqual(runAt.getTime() - 50);
  });

  it('wakes the worker at once on a new job instead of waiting for the next poll', async () => {
    const { db } = get();
    let ranAt = 0;
    const prompt = defineJob({
      name: 'test.prompt',
      async run() {
        ranAt = Date.now();
      },
    });
    await withWorker(
      get(),
      [prompt],
      async () => {
        await pause(300); // the worker's first poll and LISTEN are behind it
        const enqueuedAt = Date.now();
        await enqueue(db, prompt, {});
        await until('job ran', () => ranAt > 0, 3000);
        expect(ranAt - enqueuedAt).toBeLessThan(1000);
      },
      { pollIntervalMs: 60_000 },
    );
  });

  it('retries with backoff, then marks the job dead with its last error; retryJob brings it back', async () => {
    const { db } = get();
    const orgId = await createOrg(db);
    const attempts: number[] = [];
    let healthy = false;
    const flaky = defineJob({
      name: 'test.flaky',
      maxAttempts: 3,
      backoff: () => 150,
      async run(_p, { attempt }) {
        attempts.push(Date.now());
        if (!healthy) throw new Error(`network down (attempt ${attempt})`);
      },
    });
    const job = await enqueue(db, flaky, {}, { orgId });
    await withWorker(get(), [flaky], async () => {
      await until('job dead', async () => (await jobRow(db, job!.id)).state === 'dead');
      expect(attempts).toHaveLength(3);
      expect(attempts[1]! - attempts[0]!).toBeGreaterThanOrEqual(140);
      expect(attempts[2]! - attempts[1]!).toBeGreaterThanOrEqual(140);
      const dead = await jobRow(db, job!.id);
      expect(dead).toMatchObject({ attempts: 3, last_error: 'network down (attempt 3)' });
      await pause(300);
      expect(attempts).toHaveLength(3);

      healthy = true;
      const requeued = await retryJob(db, { orgId, id: job!.id });
      expect(requeued).toMatchObject({ state: 'queued', attempts: 0 });
      await until('job done after retry', async () => (await jobRow(db, job!.id)).state === 'done');
    });
    expect(await jobRow(db, job!.id)).toMatchObject({ attempts: 1 });
  });

  it('gives up at once on a permanent failure and on a payload its parser rejects', async () => {
    const { db } = get();
    let runs = 0;
    const strict = defineJob<{ n: number }>({
      name: 'test.strict',
      parse(raw) {
        const n = (raw as { n?: unknown }).n;
        if (typeof n !== 'number') throw new Error('n must be a number');
        return { n };
      },
      async run({ n }) {
        runs++;
        if (n < 0) throw new PermanentJobError('negative amounts cannot be published');
      },
    });
    const negative = await enqueue(db, strict, { n: -1 });
    const malformed = await enqueue(db, 'test.strict', { n: 'x' });
    await withWorker(get(), [strict], async () => {
      await until('both dead', async () => (await statesOf(db, 'test.strict')).every((s) => s === 'dead'));
    });
    expect(runs).toBe(1);
    expect(await jobRow(db, negative!.id)).toMatchObject({
      attempts: 1,
      last_error: 'PermanentJobError: negative amounts cannot be published',
    });
    expect(await jobRow(db, malformed!.id)).toMatchObject({
      attempts: 1,
      last_error: 'PermanentJobError: payload rejected: n must be a number',
    });
  });

  it('aborts a job that runs past its timeout and records why', async () => {
    const { db } = get();
    const slow = defineJob({
      name: 'test.slow',
      maxAttempts: 1,
      timeoutMs: 150,
      run: (_p, { signal }) =>
        new Promise<void>((_, reject) =>
          signal.addEventListener('abort', () => reject(new Error('aborted'))),
        ),
    });
    const job = await enqueue(db, slow, {});
    await withWorker(get(), [slow], async () => {
      await until('job dead', async () => (await jobRow(db, job!.id)).state === 'dead');
    });
    expect((await jobRow(db, job!.id)).last_error).toBe('JobTimedOut: timed out after 150 ms');
  });

  it('refuses a second job with the same unique key while one is queued or running, allows it after', async () => {
    const { db } = get();
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const sync = defineJob<{ feed: string }>({
      name: 'test.sync',
      async run() {
        await gate;
      },
    });
    const first = await enqueue(db, sync, { feed: 'a' }, { uniqueKey: 'feed-a' });
    expect(first).not.toBeNull();
    expect(await enqueue(db, sync, { feed: 'a' }, { uniqueKey: 'feed-a' })).toBeNull();
    expect(await enqueue(db, sync, { feed: 'b' }, { uniqueKey: 'feed-b' })).not.toBeNull();
    // The key is per job name: another kind of job may use the same key.
    expect(await enqueue(db, 'test.other', {}, { uniqueKey: 'feed-a' })).not.toBeNull();
    await withWorker(get(), [sync], async () => {
      await until('first running', async () => (await jobRow(db, first!.id)).state === 'running');
      expect(await enqueue(db, sync, { feed: 'a' }, { uniqueKey: 'feed-a' })).toBeNull();
      release();
      await until('first done', async () => (await jobRow(db, first!.id)).state === 'done');
    });
    expect(await enqueue(db, sync, { feed: 'a' }, { uniqueKey: 'feed-a' })).not.toBeNull();
    const ids = await enqueueMany(db, sync, [
      { payload: { feed: 'a' }, uniqueKey: 'feed-a' },
      { payload: { feed: 'c' }, uniqueKey: 'feed-c' },
      { payload: { feed: 'c' }, uniqueKey: 'feed-c' },
    ]);
    expect(ids).toHaveLength(1);
  });

  it('enqueues inside the caller’s transaction: a rollback leaves no job, a commit leaves one', async () => {
    const { db } = get();
    const orgId = await createOrg(db);
    const note = defineJob({ name: 'test.tx', async run() {} });
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`update orgs set name = 'renamed' where id = ${orgId}`);
        const job = await enqueue(tx, note, {}, { orgId, uniqueKey: 'k' });
        expect(job).not.toBeNull();
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await statesOf(db, 'test.tx')).toEqual([]);
    await db.transaction(async (tx) => {
      await enqueue(tx, note, {}, { orgId, uniqueKey: 'k' });
      expect(await enqueue(tx, note, {}, { orgId, uniqueKey: 'k' })).toBeNull();
    });
    expect(await statesOf(db, 'test.tx')).toEqual(['queued']);
  });

  it('shows admins only their organisation’s jobs; system jobs only to the system scope', async () => {
    const { db } = get();
    const ours = await createOrg(db, 'Ours');
    const theirs = await createOrg(db, 'Theirs');
    const mine = await enqueue(db, 'test.admin', { secret: 'token-123' }, { orgId: ours });
    const other = await enqueue(db, 'test.admin', {}, { orgId: theirs });
    const system = await enqueue(db, 'test.admin', {});
    await db.execute(sql`update jobs set state = 'dead', last_error = 'gone' where id = ${other!.id}`);

    const listed = await listJobs(db, { orgId: ours });
    expect(listed.map((j) => j.id)).toEqual([mine!.id]);
    expect(JSON.stringify(listed)).not.toContain('token-123');
    expect((await listJobs(db, { system: true, name: 'test.admin' })).map((j) => j.id)).toEqual([system!.id]);
    expect(await listJobs(db, { orgId: theirs, state: 'queued' })).toEqual([]);
    expect(await jobCounts(db, { orgId: theirs })).toEqual({ queued: 0, running: 0, done: 0, dead: 1 });
    expect(await getJob(db, { orgId: ours, id: other!.id })).toBeNull();

    await expect(retryJob(db, { orgId: ours, id: other!.id })).rejects.toMatchObject({ kind: 'not_found' });
    await expect(retryJob(db, { orgId: ours, id: 'not-a-uuid' })).rejects.toMatchObject({
      kind: 'not_found',
    });
    await expect(retryJob(db, { orgId: ours, id: mine!.id })).rejects.toMatchObject({
      kind: 'conflict',
      code: 'job_not_dead',
    });
    // @ts-expect-error a missing org must not widen the scope to every job
    await expect(listJobs(db, { orgId: null })).rejects.toThrow(/scope/);
    expect(await retryJob(db, { orgId: theirs, id: other!.id })).toMatchObject({ state: 'queued' });
  });

  it('logs each failure with the job’s identity and never its payload; a pino logger fits', async () => {
    const { db } = get();
    const lines: string[] = [];
    const spy = (level: string) => (obj: object | string, msg?: string) => {
      lines.push(JSON.stringify({ level, obj, msg }));
    };
    const logger: JobLogger = {
      info: spy('info'),
      warn: spy('warn'),
      error: spy('error'),
      debug: spy('debug'),
    };
    const typed: JobLogger = pino({ level: 'silent' });
    expect(typed).toBeTruthy();
    const leaky = defineJob<{ token: string }>({
      name: 'test.leaky',
      maxAttempts: 1,
      async run(_p, { log }) {
        log.info({ step: 'posting' }, 'posting');
        throw new Error('rejected by the network');
      },
    });
    const job = await enqueue(db, leaky, { token: 'hemmelig-123' });
    await withWorker(
      get(),
      [leaky],
      async () => {
        await until('dead', async () => (await jobRow(db, job!.id)).state === 'dead');
      },
      { logger },
    );
    expect(lines.join('\n')).not.toContain('hemmelig-123');
    const failure = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'job failed for good');
    expect(failure).toMatchObject({
      level: 'error',
      obj: { job: 'test.leaky', jobId: job!.id, attempt: 1, err: 'rejected by the network' },
    });
    expect(lines.some((l) => l.includes('"step":"posting"') && l.includes(job!.id))).toBe(true);
  });

  it('does not retry a dead job while another with its unique key is active', async () => {
    const { db } = get();
    const orgId = await createOrg(db);
    const dead = await enqueue(db, 'test.dup', {}, { orgId, uniqueKey: 'x' });
    await db.execute(sql`update jobs set state = 'dead' where id = ${dead!.id}`);
    await enqueue(db, 'test.dup', {}, { orgId, uniqueKey: 'x' });
    const error = await retryJob(db, { orgId, id: dead!.id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ kind: 'conflict', code: 'job_already_queued' });
    expect(await jobRow(db, dead!.id)).toMatchObject({ state: 'dead' });
  });
});
