// Kill -9 at every step of a publish to a real Bluesky PDS, one trial per step: exactly one post each time.
// Two processes share the data, so this runs on PostgreSQL only; bench/publish-crash.ts runs a hundred trials.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalPds, startLocalPds } from '../../test/bluesky.ts';
import { dbKinds, freshDatabase } from '../../test/databases.ts';
import { CRASH_STEPS, crashTrials } from '../../test/publish-crash.ts';
import type { Database } from '../db/connect.ts';

describe.runIf(dbKinds.includes('postgres'))('kill -9 during a publish [postgres]', () => {
  let pds: LocalPds;
  let database: Database & { url?: string };
  beforeAll(async () => {
    pds = await startLocalPds();
    database = await freshDatabase('postgres');
  }, 60_000);
  afterAll(async () => {
    await pds?.stop();
    await database?.close();
  });

  it('leaves exactly one post on the network whichever step the worker dies at', async () => {
    const trials = await crashTrials({ database, url: database.url!, pds, trials: CRASH_STEPS.length });
    expect(trials.map((t) => [t.step, t.records, t.status])).toEqual(
      CRASH_STEPS.map((step) => [step, 1, 'published']),
    );
    // Where the network may have the post, the next attempt found it by its key instead of publishing again.
    expect(trials.find((t) => t.step === 'in-flight')?.outcomes).toBe('interrupted→found');
    expect(trials.find((t) => t.step === 'answered')?.outcomes).toBe('interrupted→found');
  }, 120_000);
});
