// Putting work on the queue, inside the caller's transaction when it has one, so a job exists iff its row does.
import { type SQL, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../db/connect.ts';
import type { JobDefinition } from './definition.ts';

/** Workers LISTEN here; the payload is the job name, so a worker can ignore jobs it does not run. */
export const JOBS_CHANNEL = 'stemme_jobs';

export interface EnqueueOptions {
  orgId?: string | null;
  /** Not before this moment; defaults to now. */
  runAt?: Date;
  /** While a job with the same name and key is queued or running, a second enqueue returns null. */
  uniqueKey?: string;
  maxAttempts?: number;
}

export interface EnqueueItem<P> extends EnqueueOptions {
  payload: P;
}

// Bounds one INSERT well under PostgreSQL's 65535 parameters.
const BATCH_ROWS = 1000;

function jobRow(name: string, defaultMaxAttempts: number, item: EnqueueItem<unknown>): SQL {
  if (item.runAt !== undefined && Number.isNaN(item.runAt.getTime())) {
    throw new Error(`enqueue ${name}: runAt is not a valid date`);
  }
  const maxAttempts = item.maxAttempts ?? defaultMaxAttempts;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new Error(`enqueue ${name}: maxAttempts must be a whole number of at least 1`);
  }
  const payload = JSON.stringify(item.payload ?? {});
  const runAt = item.runAt ? item.runAt.toISOString() : null;
  return sql`(${name}, ${item.orgId ?? null}::uuid, ${payload}::jsonb, ${item.uniqueKey ?? null}::text,
    coalesce(${runAt}::timestamptz, now()), ${maxAttempts}::int)`;
}

/**
 * One statement: insert, skip duplicates through the partial unique index, and notify workers only about
 * rows that are due now. Inside a transaction the notification is delivered at commit, and not at all on
 * rollback, so a worker never wakes for a job that does not exist.
 */
async function insertJobs(db: DbOrTx, name: string, rows: SQL[]): Promise<string[]> {
  const inserted = await queryRows<{ id: string }>(
    db,
    sql`
    with inserted as (
      insert into jobs (name, org_id, payload, unique_key, run_at, max_attempts)
      values ${sql.join(rows, sql`, `)}
      on conflict (name, unique_key) where unique_key is not null and state in ('queued', 'running')
      do nothing
      returning id, run_at <= now() as due
    )
    select id, (select pg_notify(${JOBS_CHANNEL}, ${name}) where exists (select 1 from inserted where due))
    from inserted`,
  );
  return inserted.map((r) => r.id);
}

function resolve(job: JobDefinition<unknown> | string): { name: string; maxAttempts: number } {
  return typeof job === 'string' ? { name: job, maxAttempts: 5 } : job;
}

/** Returns null when a job with the same name and uniqueKey is already queued or running. */
export function enqueue<P>(
  db: DbOrTx,
  job: JobDefinition<P>,
  payload: P,
  opts?: EnqueueOptions,
): Promise<{ id: string } | null>;
export function enqueue(
  db: DbOrTx,
  job: string,
  payload: unknown,
  opts?: EnqueueOptions,
): Promise<{ id: string } | null>;
export async function enqueue(
  db: DbOrTx,
  job: JobDefinition<unknown> | string,
  payload: unknown,
  opts: EnqueueOptions = {},
): Promise<{ id: string } | null> {
  const { name, maxAttempts } = resolve(job);
  const [id] = await insertJobs(db, name, [jobRow(name, maxAttempts, { ...opts, payload })]);
  return id ? { id } : null;
}

/** Many jobs of one kind in few statements; returns the ids of those inserted (duplicates are skipped). */
export function enqueueMany<P>(db: DbOrTx, job: JobDefinition<P>, items: EnqueueItem<P>[]): Promise<string[]>;
export function enqueueMany(db: DbOrTx, job: string, items: EnqueueItem<unknown>[]): Promise<string[]>;
export async function enqueueMany(
  db: DbOrTx,
  job: JobDefinition<unknown> | string,
  items: EnqueueItem<unknown>[],
): Promise<string[]> {
  const { name, maxAttempts } = resolve(job);
  const ids: string[] = [];
  for (let i = 0; i < items.length; i += BATCH_ROWS) {
    const rows = items.slice(i, i + BATCH_ROWS).map((item) => jobRow(name, maxAttempts, item));
    ids.push(...(await insertJobs(db, name, rows)));
  }
  return ids;
}
