// The poll policy as a pure function: success resets, errors back off exponentially to a cap,
// 429/503 honour Retry-After.
import { describe, expect, it } from 'vitest';
import { nextPollAt, type PollPolicy, parseRetryAfter } from './backoff.ts';

const MIN = 60_000;
const policy: PollPolicy = {
  intervalMs: 15 * MIN,
  maxBackoffMs: 6 * 60 * MIN,
  maxRetryAfterMs: 24 * 60 * MIN,
};
const now = new Date('2025-06-01T12:00:00Z');
const inMs = (ms: number) => new Date(now.getTime() + ms);

describe('nextPollAt', () => {
  it('polls at the normal interval after success or 304, and resets failures', () => {
    expect(nextPollAt({ failures: 4 }, { kind: 'ok' }, now, policy)).toEqual({
      at: inMs(15 * MIN),
      state: { failures: 0 },
    });
    expect(nextPollAt({ failures: 2 }, { kind: 'not_modified' }, now, policy).state.failures).toBe(0);
  });

  it('backs off exponentially on errors, up to the cap', () => {
    let state = { failures: 0 };
    const waits: number[] = [];
    for (let i = 0; i < 8; i++) {
      const next = nextPollAt(state, { kind: 'error' }, now, policy);
      waits.push((next.at.getTime() - now.getTime()) / MIN);
      state = next.state;
    }
    expect(waits).toEqual([15, 30, 60, 120, 240, 360, 360, 360]);
    expect(state.failures).toBe(8);
  });

  it('never overflows after very many failures', () => {
    const next = nextPollAt({ failures: 5000 }, { kind: 'error' }, now, policy);
    expect(next.at).toEqual(inMs(6 * 60 * MIN));
  });

  it('honours Retry-After on 429 and 503, within a bound', () => {
    const r429 = nextPollAt(
      { failures: 0 },
      { kind: 'error', httpStatus: 429, retryAfterMs: 3 * 60 * MIN },
      now,
      policy,
    );
    expect(r429.at).toEqual(inMs(3 * 60 * MIN));
    const r503 = nextPollAt(
      { failures: 0 },
      { kind: 'error', httpStatus: 503, retryAfterMs: 99 * 24 * 60 * MIN },
      now,
      policy,
    );
    expect(r503.at).toEqual(inMs(24 * 60 * MIN));
    // A Retry-After on another status is not a throttling signal: normal backoff applies.
    const r500 = nextPollAt(
      { failures: 0 },
      { kind: 'error', httpStatus: 500, retryAfterMs: 3 * 60 * MIN },
      now,
      policy,
    );
    expect(r500.at).toEqual(inMs(15 * MIN));
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Sun, 01 Jun 2025 12:05:00 GMT', now)).toBe(5 * MIN);
    expect(parseRetryAfter('Sun, 01 Jun 2025 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
