// The worker's statements on the jobs table: claim under a lease, renew it, record the outcome, take back
// jobs whose worker died. Every write after the claim is fenced by (locked_by, attempts), so a worker that
// lost its lease can never overwrite the outcome of the run that replaced it.
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { type Db, type DbOrTx, queryRows } from '../db/connect.ts';
import type { JobDefinition } from './definition.ts';
import { type JobState, jobs } from './schema.ts';

export interface ClaimedJob {
  id: string;
  name: string;
  orgId: string | null;
  payload: unknown;
  /** attempts after the claim: the attempt number of this run and the fencing token of its writes. */
  attempt: number;
  maxAttempts: number;
}

const millis = (ms: number): SQL => sql`(${Math.max(0, Math.round(ms))}::int * interval '1 millisecond')`;

/**
 * The CTE is MATERIALIZED so the locked selection is computed exactly once; an IN (subquery ... LIMIT)
 * may be re-evaluated by the planner and claim more rows than asked for. Counting the attempt at claim
 * time means a job that kills its worker (out of memory) still runs out of attempts instead of looping.
 */
export async function claimDue(
  db: Db,
  opts: { workerId: string; names: string[]; limit: number; leaseMs: number },
): Promise<ClaimedJob[]> {
  if (opts.names.length === 0 || opts.limit < 1) return [];
  const rows = await queryRows<{
    id: string;
    name: string;
    org_id: string | null;
    payload: unknown;
    attempts: number;
    max_attempts: number;
  }>(
    db,
    sql`
    with due as materialized (
      select id from jobs
      where state = 'queued' and run_at <= now() and name in ${opts.names}
      order by run_at
      limit ${opts.limit}
      for update skip locked
    )
    update jobs set state = 'running', attempts = jobs.attempts + 1, locked_by = ${opts.workerId},
      locked_until = now() + ${millis(opts.leaseMs)}
    from due where jobs.id = due.id
    returning jobs.id, jobs.name, jobs.org_id, jobs.payload, jobs.attempts, jobs.max_attempts`,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    orgId: r.org_id,
    payload: typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload,
    attempt: Number(r.attempts),
    maxAttempts: Number(r.max_attempts),
  }));
}

const heldBy = (job: ClaimedJob, workerId: string) =>
  and(
    eq(jobs.id, job.id),
    eq(jobs.lockedBy, workerId),
    eq(jobs.attempts, job.attempt),
    eq(jobs.state, 'running'),
  );

/** Returns the ids still held; the others were taken back by lease recovery and must be abandoned. */
export async function renewLeases(
  db: Db,
  workerId: string,
  ids: string[],
  leaseMs: number,
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const kept = await db
    .update(jobs)
    .set({ lockedUntil: sql`now() + ${millis(leaseMs)}` })
    .where(and(inArray(jobs.id, ids), eq(jobs.lockedBy, workerId), eq(jobs.state, 'running')))
    .returning({ id: jobs.id });
  return new Set(kept.map((r) => r.id));
}

/** Keeps exactly one run of each recurring job queued; the partial unique index makes this safe to race. */
export async function scheduleRecurring(db: DbOrTx, defs: JobDefinition<unknown>[]): Promise<void> {
  const recurring = defs.filter((d) => d.every !== undefined);
  if (recurring.length === 0) return;
  const rows = recurring.map(
    (d) => sql`(${d.name}, '{}'::jsonb, ${d.name}, now() + ${millis(d.every ?? 0)}, ${d.maxAttempts}::int)`,
  );
  await db.execute(sql`
    insert into jobs (name, payload, unique_key, run_at, max_attempts)
    values ${sql.join(rows, sql`, `)}
    on conflict (name, unique_key) where unique_key is not null and state in ('queued', 'running')
    do nothing`);
}

export type Outcome =
  | { kind: 'done' }
  | { kind: 'retry'; error: string; delayMs: number }
  | { kind: 'dead'; error: string }
  | { kind: 'released' };

/**
 * Writes the outcome of one run; false when the job is no longer ours. A recurring job's next run is queued
 * in the same transaction that finishes this one, so a crash in between cannot lose the schedule.
 */
export async function recordOutcome(
  db: Db,
  workerId: string,
  job: ClaimedJob,
  def: JobDefinition<unknown>,
  outcome: Outcome,
): Promise<boolean> {
  const unlocked = { lockedBy: null, lockedUntil: null };
  let change: PgUpdateSetSource<typeof jobs>;
  switch (outcome.kind) {
    case 'done':
      change = { ...unlocked, state: 'done', finishedAt: sql`now()` };
      break;
    case 'retry':
      change = {
        ...unlocked,
        state: 'queued',
        lastError: outcome.error,
        runAt: sql`now() + ${millis(outcome.delayMs)}`,
      };
      break;
    case 'dead':
      change = { ...unlocked, state: 'dead', lastError: outcome.error, finishedAt: sql`now()` };
      break;
    case 'released':
      // Shutdown is not the job's fault: the attempt is handed back.
      change = { ...unlocked, state: 'queued', attempts: sql`${jobs.attempts} - 1` };
      break;
  }
  const finishes = outcome.kind === 'done' || outcome.kind === 'dead';
  const write = async (tx: DbOrTx) => {
    const updated = await tx.update(jobs).set(change).where(heldBy(job, workerId)).returning({ id: jobs.id });
    if (updated.length > 0 && finishes && def.every !== undefined) await scheduleRecurring(tx, [def]);
    return updated.length > 0;
  };
  return finishes && def.every !== undefined ? db.transaction(write) : write(db);
}

export interface RecoveredJob {
  id: string;
  name: string;
  state: JobState;
  previousWorker: string | null;
}

/**
 * Takes back running jobs whose lease ran out: their worker was killed or stalled. They go back to the queue,
 * or to dead when that run was their last attempt.
 */
export async function recoverExpiredLeases(db: Db): Promise<RecoveredJob[]> {
  const rows = await queryRows<{ id: string; name: string; state: JobState; previous_worker: string | null }>(
    db,
    sql`
    with expired as materialized (
      select id, locked_by from jobs
      where state = 'running' and locked_until < now()
      for update skip locked
    )
    update jobs set
      state = case when jobs.attempts >= jobs.max_attempts then 'dead' else 'queued' end,
      finished_at = case when jobs.attempts >= jobs.max_attempts then now() end,
      last_error = 'lease expired: worker ' || coalesce(expired.locked_by, '?') || ' stopped renewing it',
      locked_by = null, locked_until = null
    from expired where jobs.id = expired.id
    returning jobs.id, jobs.name, jobs.state, expired.locked_by as previous_worker`,
  );
  return rows.map((r) => ({ id: r.id, name: r.name, state: r.state, previousWorker: r.previous_worker }));
}
