// Runs jobs: claims due ones, holds their lease while they run, records each outcome, and stops gracefully.
// On PGlite (one connection) concurrency is simply several jobs awaiting at once in this process.
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Database } from '../db/connect.ts';
import {
  boundLogger,
  type JobContext,
  type JobDefinition,
  type JobLogger,
  PermanentJobError,
  silentLogger,
} from './definition.ts';
import { JOBS_CHANNEL } from './enqueue.ts';
import {
  type ClaimedJob,
  claimDue,
  type Outcome,
  recordOutcome,
  recoverExpiredLeases,
  renewLeases,
  scheduleRecurring,
} from './leases.ts';

export interface WorkerOptions {
  database: Database;
  jobs: readonly JobDefinition<unknown>[];
  /** Jobs run at once by this worker. */
  concurrency?: number;
  id?: string;
  /** Fallback when no notification arrives: future run_at, retries, a missed NOTIFY. */
  pollIntervalMs?: number;
  /** How long a claimed job stays ours without renewal; after that another worker takes it back. */
  leaseMs?: number;
  logger?: JobLogger;
}

class WorkerStopping extends Error {
  override name = 'WorkerStopping';
}
class JobTimedOut extends Error {
  override name = 'JobTimedOut';
}
class LeaseLost extends Error {
  override name = 'LeaseLost';
}

/** A job that ignores its abort signal gets this long to settle before the worker moves on without it. */
const ABORT_SETTLE_MS = 1000;
const ERROR_TEXT_LIMIT = 2000;

interface RunningJob {
  job: ClaimedJob;
  controller: AbortController;
  settled: Promise<void>;
  finishing: boolean;
}

export class Worker {
  readonly id: string;
  private readonly database: Database;
  private readonly definitions = new Map<string, JobDefinition<unknown>>();
  private readonly concurrency: number;
  private readonly pollIntervalMs: number;
  private readonly leaseMs: number;
  private readonly log: JobLogger;
  private readonly running = new Map<string, RunningJob>();
  private started = false;
  private stopping = false;
  private stopped: Promise<void> | undefined;
  private loopDone: Promise<void> = Promise.resolve();
  private renewTimer: NodeJS.Timeout | undefined;
  private unlisten: (() => Promise<void>) | undefined;
  private wakePending = false;
  private wakeUp: (() => void) | undefined;
  private mayHaveMore = false;
  private nextUpkeepAt = 0;
  private renewing = false;

  constructor(opts: WorkerOptions) {
    this.database = opts.database;
    for (const def of opts.jobs) {
      if (this.definitions.has(def.name)) throw new Error(`job ${def.name} is defined twice`);
      this.definitions.set(def.name, def);
    }
    this.concurrency = Math.max(1, Math.floor(opts.concurrency ?? 4));
    this.pollIntervalMs = opts.pollIntervalMs ?? 2000;
    this.leaseMs = opts.leaseMs ?? 60_000;
    if (this.leaseMs < 100) throw new Error('leaseMs must be at least 100');
    this.id = opts.id ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.log = boundLogger(opts.logger ?? silentLogger, { worker: this.id });
  }

  /** Jobs running right now, for health pages and tests. */
  get runningCount(): number {
    return this.running.size;
  }

  /** Returns at once; failures to reach the database are logged and retried, never thrown here. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.renewTimer = setInterval(() => void this.renew(), Math.max(50, Math.floor(this.leaseMs / 3)));
    this.loopDone = this.loop();
    this.log.info({ jobs: [...this.definitions.keys()], concurrency: this.concurrency }, 'worker started');
  }

  /**
   * Stops claiming, lets running jobs finish for up to graceMs, then aborts them and hands them back to the
   * queue without counting the attempt.
   */
  stop(opts: { graceMs?: number } = {}): Promise<void> {
    this.stopped ??= this.shutdown(opts.graceMs ?? 30_000);
    return this.stopped;
  }

  private async shutdown(graceMs: number): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.loopDone;
    await this.unlisten?.().catch(() => {});
    const settledAll = () => Promise.allSettled([...this.running.values()].map((r) => r.settled));
    let graceTimer: NodeJS.Timeout | undefined;
    await Promise.race([settledAll(), new Promise((r) => (graceTimer = setTimeout(r, graceMs)))]);
    clearTimeout(graceTimer);
    if (this.running.size > 0) {
      this.log.warn(
        { jobs: this.running.size },
        'grace period over: aborting running jobs and releasing them',
      );
      for (const r of this.running.values()) r.controller.abort(new WorkerStopping('worker is stopping'));
      await settledAll();
    }
    clearInterval(this.renewTimer);
    if (this.started) this.log.info({}, 'worker stopped');
  }

  private wake(): void {
    if (this.wakeUp) this.wakeUp();
    else this.wakePending = true;
  }

  private sleep(ms: number): Promise<void> {
    if (this.wakePending || this.stopping) {
      this.wakePending = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.wakeUp?.(), ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
    });
  }

  private async subscribe(): Promise<void> {
    try {
      this.unlisten = await this.database.listen(JOBS_CHANNEL, (name) => {
        if (this.definitions.has(name) && this.running.size < this.concurrency) this.wake();
      });
    } catch (err) {
      this.log.warn({ err: describe(err) }, 'could not listen for new jobs; polling only');
    }
  }

  private async loop(): Promise<void> {
    await this.subscribe();
    const names = [...this.definitions.keys()];
    while (!this.stopping) {
      let failed = false;
      try {
        await this.upkeep();
        const free = this.concurrency - this.running.size;
        if (free > 0 && !this.stopping) {
          const claimed = await claimDue(this.database.db, {
            workerId: this.id,
            names,
            limit: free,
            leaseMs: this.leaseMs,
          });
          this.mayHaveMore = claimed.length === free;
          for (const job of claimed) this.launch(job);
          if (claimed.length > 0) this.log.debug({ claimed: claimed.length }, 'claimed jobs');
        }
      } catch (err) {
        failed = true;
        this.log.error({ err: describe(err) }, 'could not claim jobs; trying again');
      }
      if (this.stopping) break;
      // With all slots busy only a finishing job (or the poll) can make room, so there is nothing to claim now.
      await this.sleep(failed ? Math.max(this.pollIntervalMs, 1000) : this.pollIntervalMs);
    }
  }

  /** Work that need not run every tick: take back dead workers' jobs, keep recurring jobs scheduled. */
  private async upkeep(): Promise<void> {
    if (Date.now() < this.nextUpkeepAt) return;
    this.nextUpkeepAt = Date.now() + Math.min(this.leaseMs / 2, 10_000);
    for (const job of await recoverExpiredLeases(this.database.db)) {
      this.log.warn(
        { job: job.name, jobId: job.id, state: job.state, previousWorker: job.previousWorker },
        'took back a job whose lease expired',
      );
    }
    await scheduleRecurring(this.database.db, [...this.definitions.values()]);
  }

  private launch(job: ClaimedJob): void {
    const controller = new AbortController();
    const key = `${job.id}#${job.attempt}`;
    const entry: RunningJob = { job, controller, settled: Promise.resolve(), finishing: false };
    entry.settled = this.execute(entry).finally(() => {
      this.running.delete(key);
      if (this.mayHaveMore && !this.stopping) this.wake();
    });
    this.running.set(key, entry);
  }

  private async execute(entry: RunningJob): Promise<void> {
    const { job, controller } = entry;
    // Claims only ask for names this worker defines.
    const def = this.definitions.get(job.name)!;
    const log = boundLogger(this.log, { job: job.name, jobId: job.id, attempt: job.attempt });
    const timer = setTimeout(
      () => controller.abort(new JobTimedOut(`timed out after ${def.timeoutMs} ms`)),
      def.timeoutMs,
    );
    const started = performance.now();
    let outcome: Outcome;
    try {
      const payload = def.parse ? parsePayload(def, job.payload) : job.payload;
      const ctx: JobContext = {
        jobId: job.id,
        orgId: job.orgId,
        attempt: job.attempt,
        maxAttempts: job.maxAttempts,
        signal: controller.signal,
        log,
        db: this.database.db,
      };
      await settleOrGiveUp(
        Promise.resolve().then(() => def.run(payload, ctx)),
        controller.signal,
      );
      outcome = { kind: 'done' };
      log.debug({ ms: Math.round(performance.now() - started) }, 'job done');
    } catch (err) {
      outcome = this.failure(def, job, controller.signal, err);
    } finally {
      clearTimeout(timer);
    }
    entry.finishing = true;
    if (outcome.kind === 'retry')
      log.warn({ err: outcome.error, retryInMs: outcome.delayMs }, 'job failed; will retry');
    if (outcome.kind === 'dead') log.error({ err: outcome.error }, 'job failed for good');
    try {
      if (!(await recordOutcome(this.database.db, this.id, job, def, outcome))) {
        log.warn({}, 'job was taken back by another worker before it finished; outcome dropped');
      }
    } catch (err) {
      // The lease runs out and the job is handed out again: at-least-once, never lost.
      log.error({ err: describe(err) }, 'could not record the outcome of a job');
    }
  }

  private failure(def: JobDefinition<unknown>, job: ClaimedJob, signal: AbortSignal, err: unknown): Outcome {
    const reason: unknown = signal.aborted ? signal.reason : undefined;
    if (reason instanceof WorkerStopping) return { kind: 'released' };
    const error = truncate(
      describe(reason instanceof JobTimedOut || reason instanceof LeaseLost ? reason : err),
    );
    if (err instanceof PermanentJobError || job.attempt >= job.maxAttempts) return { kind: 'dead', error };
    return { kind: 'retry', error, delayMs: Math.max(0, def.backoff(job.attempt)) };
  }

  private async renew(): Promise<void> {
    const entries = [...this.running.values()];
    // A slow database must not pile renewals on top of each other.
    if (entries.length === 0 || this.renewing) return;
    this.renewing = true;
    try {
      const kept = await renewLeases(
        this.database.db,
        this.id,
        entries.map((e) => e.job.id),
        this.leaseMs,
      );
      for (const e of entries) {
        if (!kept.has(e.job.id) && !e.finishing && !e.controller.signal.aborted) {
          this.log.warn({ job: e.job.name, jobId: e.job.id }, 'lost the lease on a running job; aborting it');
          e.controller.abort(new LeaseLost('lease lost: another worker took the job back'));
        }
      }
    } catch (err) {
      this.log.error({ err: describe(err) }, 'could not renew job leases');
    } finally {
      this.renewing = false;
    }
  }
}

function parsePayload(def: JobDefinition<unknown>, raw: unknown): unknown {
  try {
    return def.parse?.(raw);
  } catch (err) {
    throw new PermanentJobError(`payload rejected: ${describe(err)}`);
  }
}

/** Resolves with the job; after an abort, gives it ABORT_SETTLE_MS to notice before rejecting with the reason. */
function settleOrGiveUp(work: Promise<void>, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let giveUp: NodeJS.Timeout | undefined;
    const onAbort = () => {
      giveUp = setTimeout(() => reject(signal.reason), ABORT_SETTLE_MS);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => {
      clearTimeout(giveUp);
      signal.removeEventListener('abort', onAbort);
    });
  });
}

function describe(err: unknown): string {
  if (err instanceof Error)
    return err.name && err.name !== 'Error' ? `${err.name}: ${err.message}` : err.message;
  return String(err);
}

function truncate(text: string): string {
  return text.length > ERROR_TEXT_LIMIT ? `${text.slice(0, ERROR_TEXT_LIMIT)}…` : text;
}
