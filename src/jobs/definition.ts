// What a job is to the code that owns it: a typed definition with its retry policy; it never sees the queue table.
import type { Db } from '../db/connect.ts';

/** Pino-compatible: a pino Logger fits, so does a test spy. Payloads are never passed to it. */
export interface LogMethod {
  (obj: object, msg?: string): void;
  (msg: string): void;
}
export interface JobLogger {
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
  debug: LogMethod;
}

export interface JobContext {
  jobId: string;
  /** null for system jobs that belong to no organisation. */
  orgId: string | null;
  /** 1 on the first try. */
  attempt: number;
  maxAttempts: number;
  /** Aborted on timeout, on worker shutdown, or when the lease was lost to another worker. */
  signal: AbortSignal;
  log: JobLogger;
  /** The worker's database; jobs reach their own tables through services, never the jobs table. */
  db: Db;
}

export interface JobDefinition<P = unknown> {
  readonly name: string;
  readonly maxAttempts: number;
  /** Delay before attempt n+1 after attempt n failed. */
  readonly backoff: (attempt: number) => number;
  readonly timeoutMs: number;
  /** Recurring: the worker keeps exactly one run queued, `every` ms after the previous one finished. */
  readonly every?: number;
  /** Validates the stored payload before run; a payload that fails it is dead at once (it cannot get better). */
  readonly parse?: (raw: unknown) => P;
  // Method syntax on purpose: it lets a JobDefinition<{ draftId: string }> sit in a JobDefinition[] list.
  run(payload: P, ctx: JobContext): Promise<void>;
}

/** Thrown by a job (or a connector it calls) when retrying cannot help: bad content, a deleted target. */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
}

export const silentLogger: JobLogger = { info() {}, warn() {}, error() {}, debug() {} };

/**
 * Exponential backoff with "equal jitter": half the delay is fixed, half random, so a burst of failures
 * (a network outage) does not come back as a synchronised burst of retries.
 */
export function exponentialBackoff(
  opts: { baseMs?: number; maxMs?: number } = {},
): (attempt: number) => number {
  const base = opts.baseMs ?? 10_000;
  const max = opts.maxMs ?? 60 * 60_000;
  return (attempt) => {
    const ceiling = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
    return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
  };
}

const NAME_PATTERN = /^[a-z0-9][a-z0-9._:-]{0,99}$/i;

export function defineJob<P>(spec: {
  name: string;
  maxAttempts?: number;
  backoff?: (attempt: number) => number;
  timeoutMs?: number;
  every?: number;
  parse?: (raw: unknown) => P;
  run: (payload: P, ctx: JobContext) => Promise<void>;
}): JobDefinition<P> {
  if (!NAME_PATTERN.test(spec.name)) {
    throw new Error(`job name "${spec.name}" must be 1-100 letters, digits, '.', '_', ':' or '-'`);
  }
  const maxAttempts = spec.maxAttempts ?? 5;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new Error(`job ${spec.name}: maxAttempts must be a whole number of at least 1`);
  }
  const timeoutMs = spec.timeoutMs ?? 10 * 60_000;
  if (!(timeoutMs > 0)) throw new Error(`job ${spec.name}: timeoutMs must be positive`);
  if (spec.every !== undefined && !(spec.every > 0)) {
    throw new Error(`job ${spec.name}: every must be a positive number of milliseconds`);
  }
  const run = spec.run;
  return {
    name: spec.name,
    maxAttempts,
    backoff: spec.backoff ?? exponentialBackoff(),
    timeoutMs,
    every: spec.every,
    parse: spec.parse,
    run: (payload, ctx) => run(payload, ctx),
  };
}

/** Wraps a logger so each line carries the job's identity; keeps the caller's fields, never the payload. */
export function boundLogger(base: JobLogger, bindings: Record<string, unknown>): JobLogger {
  const bind =
    (level: keyof JobLogger): LogMethod =>
    (objOrMsg: object | string, msg?: string) => {
      if (typeof objOrMsg === 'string') base[level]({ ...bindings }, objOrMsg);
      else base[level]({ ...bindings, ...objOrMsg }, msg);
    };
  return { info: bind('info'), warn: bind('warn'), error: bind('error'), debug: bind('debug') };
}
