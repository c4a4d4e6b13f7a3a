// Jobs the instance runs for itself (no organisation): housekeeping that PGlite, without autovacuum, needs.
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/connect.ts';
import { defineJob, type JobDefinition } from './definition.ts';

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;
/** Finished jobs kept for admins to look at; dead ones longer, because someone may still want to retry them. */
export const DONE_RETENTION_DAYS = 7;
export const DEAD_RETENTION_DAYS = 30;
// Deletes in slices so PGlite's single connection is never held for long.
const PRUNE_SLICE = 5000;

/** PGlite has no autovacuum; on PostgreSQL this is merely redundant with it. */
export const vacuumJob = defineJob<Record<string, never>>({
  name: 'maintenance.vacuum',
  every: 6 * HOUR,
  maxAttempts: 3,
  timeoutMs: 2 * HOUR,
  async run(_payload, { db, log }) {
    const started = performance.now();
    // VACUUM cannot run inside a transaction; db here is the plain handle, never a transaction.
    await db.execute(sql`vacuum analyze`);
    log.info({ ms: Math.round(performance.now() - started) }, 'vacuum analyze done');
  },
});

export const pruneJobsJob = defineJob<Record<string, never>>({
  name: 'maintenance.prune-jobs',
  every: HOUR,
  maxAttempts: 3,
  async run(_payload, { db, log, signal }) {
    let pruned = 0;
    for (const [state, days] of [
      ['done', DONE_RETENTION_DAYS],
      ['dead', DEAD_RETENTION_DAYS],
    ] as const) {
      for (;;) {
        signal.throwIfAborted();
        const gone = await queryRows<{ id: string }>(
          db,
          sql`delete from jobs where id in (
            select id from jobs where state = ${state} and finished_at < now() - ${days * DAY}::bigint * interval '1 millisecond'
            limit ${PRUNE_SLICE}
          ) returning id`,
        );
        pruned += gone.length;
        if (gone.length < PRUNE_SLICE) break;
      }
    }
    if (pruned > 0) log.info({ pruned }, 'pruned finished jobs');
  },
});

/** For the composition root: every worker runs these besides the capabilities' jobs. */
export const systemJobs: JobDefinition<unknown>[] = [vacuumJob, pruneJobsJob];
