// What an organisation's admins may see and repair of its jobs; system jobs (no org) only through { system: true }.
import { and, count, desc, eq, inArray, isNull, notExists, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../db/connect.ts';
import { DomainError } from '../errors.ts';
import { JOBS_CHANNEL } from './enqueue.ts';
import { JOB_STATES, type JobState, jobs } from './schema.ts';

/**
 * An org's jobs, or the instance's system jobs. There is deliberately no "null means system": a session
 * without an org must not fall through to the maintenance jobs.
 */
export type JobScope = { orgId: string } | { system: true };

/** A job as admins see it; the payload stays out because it may hold secrets. */
export interface JobSummary {
  id: string;
  name: string;
  orgId: string | null;
  state: JobState;
  attempts: number;
  maxAttempts: number;
  runAt: Date;
  lastError: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function inScope(scope: JobScope): SQL {
  if ('system' in scope && scope.system === true) return isNull(jobs.orgId);
  if ('orgId' in scope && typeof scope.orgId === 'string' && UUID.test(scope.orgId)) {
    return eq(jobs.orgId, scope.orgId);
  }
  throw new Error('job scope needs an organisation id or system: true');
}

const summary = {
  id: jobs.id,
  name: jobs.name,
  orgId: jobs.orgId,
  state: jobs.state,
  attempts: jobs.attempts,
  maxAttempts: jobs.maxAttempts,
  runAt: jobs.runAt,
  lastError: jobs.lastError,
  createdAt: jobs.createdAt,
  finishedAt: jobs.finishedAt,
};

/** Newest first. */
export async function listJobs(
  db: DbOrTx,
  opts: JobScope & { state?: JobState; name?: string; limit?: number },
): Promise<JobSummary[]> {
  const limit = Math.min(Math.max(1, Math.floor(opts.limit ?? 100)), 500);
  return db
    .select(summary)
    .from(jobs)
    .where(
      and(
        inScope(opts),
        opts.state ? eq(jobs.state, opts.state) : undefined,
        opts.name ? eq(jobs.name, opts.name) : undefined,
      ),
    )
    .orderBy(desc(jobs.createdAt), desc(jobs.id))
    .limit(limit);
}

export async function getJob(db: DbOrTx, opts: JobScope & { id: string }): Promise<JobSummary | null> {
  if (!UUID.test(opts.id)) return null;
  const [job] = await db
    .select(summary)
    .from(jobs)
    .where(and(inScope(opts), eq(jobs.id, opts.id)));
  return job ?? null;
}

/** Sends a dead job back to the queue with its attempts reset; its last error is kept for the record. */
export async function retryJob(db: DbOrTx, opts: JobScope & { id: string }): Promise<JobSummary> {
  const job = await getJob(db, opts);
  if (!job) throw new DomainError('not_found', 'job_not_found', 'No such job in this organisation');
  if (job.state !== 'dead') {
    throw new DomainError(
      'conflict',
      'job_not_dead',
      `Only a dead job can be retried; this one is ${job.state}`,
      {
        state: job.state,
      },
    );
  }
  // The NOT EXISTS keeps a duplicate from tripping the unique index, which would abort the caller's transaction.
  const active = alias(jobs, 'active');
  const requeued = await db
    .update(jobs)
    .set({
      state: 'queued',
      attempts: 0,
      runAt: sql`now()`,
      finishedAt: null,
      lockedBy: null,
      lockedUntil: null,
    })
    .where(
      and(
        eq(jobs.id, job.id),
        eq(jobs.state, 'dead'),
        notExists(
          db
            .select({ one: sql`1` })
            .from(active)
            .where(
              and(
                eq(active.name, jobs.name),
                eq(active.uniqueKey, jobs.uniqueKey),
                inArray(active.state, ['queued', 'running']),
              ),
            ),
        ),
      ),
    )
    .returning(summary);
  if (requeued.length === 0) {
    const now = await getJob(db, opts);
    if (now && now.state !== 'dead') {
      throw new DomainError(
        'conflict',
        'job_not_dead',
        `Only a dead job can be retried; this one is ${now.state}`,
        {
          state: now.state,
        },
      );
    }
    throw new DomainError(
      'conflict',
      'job_already_queued',
      'A job of the same kind for the same thing is already queued or running',
    );
  }
  await db.execute(sql`select pg_notify(${JOBS_CHANNEL}, ${job.name})`);
  return requeued[0]!;
}

/** How many jobs are in each state; every state is present, zero when empty. */
export async function jobCounts(db: DbOrTx, scope: JobScope): Promise<Record<JobState, number>> {
  const rows = await db
    .select({ state: jobs.state, n: count() })
    .from(jobs)
    .where(inScope(scope))
    .groupBy(jobs.state);
  const counts = Object.fromEntries(JOB_STATES.map((s) => [s, 0])) as Record<JobState, number>;
  for (const r of rows) counts[r.state] = Number(r.n);
  return counts;
}
