// When to poll a feed next: a pure function of its poll state and the last outcome, so the scheduler
// stays trivial and the policy is tested without clocks. Success resets; errors back off exponentially.

export interface PollState {
  /** Consecutive failed polls; 0 after a success or a 304. */
  failures: number;
}

export type PollOutcome =
  | { kind: 'ok' }
  | { kind: 'not_modified' }
  | { kind: 'error'; httpStatus?: number; retryAfterMs?: number };

export interface PollPolicy {
  /** The normal interval between polls of a healthy feed. */
  intervalMs: number;
  /** Backoff never waits longer than this. */
  maxBackoffMs: number;
  /** A server's Retry-After is honoured up to this, so a hostile header cannot park a feed forever. */
  maxRetryAfterMs: number;
}

export const DEFAULT_POLL_POLICY: PollPolicy = {
  intervalMs: 15 * 60_000,
  maxBackoffMs: 24 * 60 * 60_000,
  maxRetryAfterMs: 7 * 24 * 60 * 60_000,
};

export interface NextPoll {
  at: Date;
  state: PollState;
}

export function nextPollAt(
  state: PollState,
  outcome: PollOutcome,
  now: Date,
  policy: PollPolicy = DEFAULT_POLL_POLICY,
): NextPoll {
  if (outcome.kind !== 'error') {
    return { at: new Date(now.getTime() + policy.intervalMs), state: { failures: 0 } };
  }
  const failures = state.failures + 1;
  // interval · 2^(failures-1), capped: 15 min, 30 min, 1 h … up to a day by default.
  const backoff = Math.min(policy.intervalMs * 2 ** Math.min(failures - 1, 30), policy.maxBackoffMs);
  const throttled = outcome.httpStatus === 429 || outcome.httpStatus === 503;
  const wait =
    throttled && outcome.retryAfterMs !== undefined
      ? Math.min(Math.max(outcome.retryAfterMs, 0), policy.maxRetryAfterMs)
      : backoff;
  return { at: new Date(now.getTime() + wait), state: { failures } };
}

/** Retry-After as milliseconds from `now`: either delay-seconds or an HTTP date; undefined if unreadable. */
export function parseRetryAfter(value: string | undefined, now: Date): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(at - now.getTime(), 0);
}
