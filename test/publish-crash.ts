// Kill -9 trials, shared by bench/publish-crash.ts (many trials) and src/publishing/crash.test.ts (one per step):
// a worker process publishing to a real local Bluesky PDS is SIGKILLed at a step of a publish, another worker
// takes over, and the PDS is asked how many posts exist for the trial. Needs PostgreSQL (two processes).
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { AtpAgent } from '@atproto/api';
import { sql } from 'drizzle-orm';
import { type Database, queryRows } from '../src/db/connect.ts';
import { Worker } from '../src/jobs/worker.ts';
import { TINY_PNG } from '../src/networks/contract.ts';
import { defaultNetworks } from '../src/networks/registry.ts';
import { connectChannel } from '../src/publishing/channels.ts';
import { publishingJobs } from '../src/publishing/jobs.ts';
import { createPost } from '../src/publishing/posts.ts';
import type { PublishStep } from '../src/publishing/publish.ts';
import { SecretBox } from '../src/security/secret-box.ts';
import type { LocalPds } from './bluesky.ts';
import { repoRoot } from './process.ts';

/** 'in-flight': killed the moment the PDS receives the create, which the PDS then carries out for nobody. */
export type CrashStep = PublishStep | 'in-flight';
export const CRASH_STEPS: CrashStep[] = ['claimed', 'calling', 'in-flight', 'answered', 'committed'];

export interface Trial {
  step: CrashStep;
  /** Posts with the trial's text on the PDS afterwards: exactly one is right. */
  records: number;
  status: string;
  /** The attempts' outcomes, e.g. running→found. */
  outcomes: string;
  recoveryMs: number;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const fixture = path.join(repoRoot, 'src', 'publishing', 'crash-worker.fixture.ts');

export async function crashTrials(opts: {
  database: Database;
  /** The same database's URL, for the worker process. */
  url: string;
  pds: LocalPds;
  trials: number;
  onTrial?: (trial: Trial, index: number) => void;
}): Promise<Trial[]> {
  const { database, pds } = opts;
  const { db } = database;
  const keyHex = randomBytes(32).toString('hex');
  const deps = {
    secretBox: new SecretBox(Buffer.from(keyHex, 'hex')),
    networks: defaultNetworks,
    urlPolicy: { allowPrivate: true },
  };
  const [org] = await queryRows<{ id: string }>(
    db,
    sql`insert into orgs (name) values ('Crash') returning id`,
  );
  const [user] = await queryRows<{ id: string }>(
    db,
    sql`insert into users (email, name) values (${`crash-${keyHex.slice(0, 6)}@example.no`}, 'Crash') returning id`,
  );
  await db.execute(
    sql`insert into memberships (org_id, user_id, role) values (${org!.id}, ${user!.id}, 'admin')`,
  );
  const actor = { orgId: org!.id, userId: user!.id, role: 'admin' as const };
  const account = await pds.createAccount('crash');
  const channel = await connectChannel(db, deps, actor, {
    network: 'bluesky',
    service: pds.url,
    handle: account.handle,
    appPassword: account.appPassword,
  });
  const reader = new AtpAgent({ service: pds.url });
  let armed: ChildProcess | null = null;
  pds.onRequest((method, url) => {
    if (armed && method === 'POST' && url.startsWith('/xrpc/com.atproto.repo.createRecord')) {
      armed.kill('SIGKILL');
      armed = null;
    }
  });

  async function recordsWithText(text: string): Promise<number> {
    let n = 0;
    let cursor: string | undefined;
    do {
      const page = await reader.com.atproto.repo.listRecords({
        repo: account.did,
        collection: 'app.bsky.feed.post',
        limit: 100,
        cursor,
      });
      n += page.data.records.filter((r) => (r.value as { text?: string }).text === text).length;
      cursor = page.data.records.length === 100 ? page.data.cursor : undefined;
    } while (cursor);
    return n;
  }

  /** Runs the doomed worker until it reaches the step, then kills it with SIGKILL. */
  async function killAt(step: CrashStep): Promise<void> {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fixture, opts.url, step === 'in-flight' ? 'none' : step],
      { env: { ...process.env, STEMME_SECRET_KEY: keyHex }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    if (step === 'in-flight') {
      armed = child;
    } else {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`worker never reached ${step}`)), 30_000);
        child.stdout.on('data', (chunk: Buffer) => {
          if (chunk.toString().includes(`STEP ${step}`)) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      // During the call: a random moment inside the mention lookup, the blob upload or the record create.
      if (step === 'calling') await pause(Math.random() * 20);
      child.kill('SIGKILL');
    }
    await exited;
  }

  const trials: Trial[] = [];
  for (let i = 0; i < opts.trials; i++) {
    const step = CRASH_STEPS[i % CRASH_STEPS.length]!;
    const text = `Crash trial ${i} (${step}) ${keyHex.slice(0, 6)} https://example.com/t/${i}`;
    const { id: postId } = await createPost(db, deps, actor, {
      text,
      thread: false,
      images: [{ data: TINY_PNG.toString('base64'), mimeType: 'image/png', alt: `Trial ${i}` }],
      channelIds: [channel.id],
      variants: [],
    });
    const [target] = await queryRows<{ id: string }>(
      db,
      sql`select id from publish_targets where post_id = ${postId}`,
    );
    await killAt(step);
    const killedAt = performance.now();
    const survivor = new Worker({
      database,
      jobs: publishingJobs(deps, { backoff: () => 100 }),
      leaseMs: 1000,
      pollIntervalMs: 20,
    });
    survivor.start();
    let status = '';
    for (let waited = 0; waited < 30_000; waited += 20) {
      const [row] = await queryRows<{ status: string; busy: number }>(
        db,
        sql`select status, (select count(*)::int from jobs where state in ('queued', 'running')
              and name = 'publishing.publish') as busy from publish_targets where id = ${target!.id}`,
      );
      status = row?.status ?? '';
      // Also wait for a job killed after its commit to finish its re-run, so the next trial starts clean.
      if ((status === 'published' || status === 'failed') && row?.busy === 0) break;
      await pause(20);
    }
    const recoveryMs = Math.round(performance.now() - killedAt);
    await survivor.stop();
    const attempts = await queryRows<{ outcome: string }>(
      db,
      sql`select outcome from publish_attempts where target_id = ${target!.id} order by number`,
    );
    const trial: Trial = {
      step,
      records: await recordsWithText(text),
      status,
      outcomes: attempts.map((a) => a.outcome).join('→'),
      recoveryMs,
    };
    trials.push(trial);
    opts.onTrial?.(trial, i);
  }
  return trials;
}
