// Shared by the publishing tests: a sandbox network with scripted failures, a fast worker, waiting on targets.

import type { Client } from '../../test/http.ts';
import type { Database } from '../db/connect.ts';
import { until } from '../jobs/test-support.ts';
import { Worker } from '../jobs/worker.ts';
import type { NetworkKind } from '../networks/kind.ts';
import type { NetworkRegistry } from '../networks/registry.ts';
import { defaultNetworks } from '../networks/registry.ts';
import { sandboxKind } from '../networks/sandbox/network.ts';
import { type Network, NetworkError } from '../networks/types.ts';
import { SecretBox } from '../security/secret-box.ts';
import { publishingJobs } from './jobs.ts';
import type { PublishEngineDeps } from './publish.ts';

/** What the next publish call does: go through, fail before reaching the network, or publish and lose the answer. */
export type Step = 'ok' | 'retry' | 'permanent' | 'auth' | 'lost';

/** The sandbox, with the outcome of each publish call taken from a script (then 'ok' once it runs out). */
export function scriptedSandbox(script: Step[]): NetworkKind & { calls: Step[] } {
  const calls: Step[] = [];
  return {
    ...sandboxKind,
    calls,
    async open(credentials, settings, ctx) {
      const real = await sandboxKind.open(credentials, settings, ctx);
      const wrapped: Network = {
        describe: () => real.describe(),
        adapt: (d) => real.adapt(d),
        check: (v) => real.check(v),
        fetch: (id) => real.fetch(id),
        delete: (p) => real.delete(p),
        ...(real.edit && { edit: real.edit.bind(real) }),
        findByIdempotencyKey: (k, v) => real.findByIdempotencyKey(k, v),
        async publish(variant, key) {
          const step = script.shift() ?? 'ok';
          calls.push(step);
          if (step === 'retry') throw new NetworkError('retry', 'scripted: service unavailable', '503');
          if (step === 'permanent') throw new NetworkError('permanent', 'scripted: content refused', '422');
          if (step === 'auth') throw new NetworkError('auth', 'scripted: token expired', '401');
          const remote = await real.publish(variant, key);
          if (step === 'lost')
            throw new NetworkError('retry', 'scripted: connection reset after sending', 'network');
          return remote;
        },
      };
      return wrapped;
    },
  };
}

export function registryWith(kind: NetworkKind): NetworkRegistry {
  return new Map([...defaultNetworks, [kind.id, kind]]);
}

/** The key testApp seals credentials with, so workers in tests can open them. */
export const testSecretBox = () => new SecretBox(Buffer.alloc(32, 1));

export function startWorker(
  database: Database,
  networks: NetworkRegistry,
  extra: Partial<PublishEngineDeps> = {},
) {
  const worker = new Worker({
    database,
    jobs: publishingJobs(
      { secretBox: testSecretBox(), networks, ...extra },
      { backoff: () => 20, maxAttempts: 4, sweepEveryMs: 60_000 },
    ),
    pollIntervalMs: 20,
    leaseMs: 2000,
    concurrency: 4,
  });
  worker.start();
  return worker;
}

export interface TargetView {
  id: string;
  channelId: string;
  status: string;
  attempts: number;
  late: boolean;
  errorClass: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  remoteId: string | null;
  remoteUrl: string | null;
  authorship: string;
  publishedOnHandle: string | null;
  variant: { parts: { text: string; mediaIds: string[] }[] };
  history: { number: number; outcome: string; checkedNetwork: boolean; errorClass: string | null }[];
}

export async function targetsOf(client: Client, postId: string): Promise<TargetView[]> {
  const res = await client.get<{ targets: TargetView[] }>(`/api/posts/${postId}`);
  if (res.status !== 200) throw new Error(`GET post: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.targets;
}

export async function settled(client: Client, postId: string, timeoutMs = 10_000) {
  await until(
    'targets settled',
    async () =>
      (await targetsOf(client, postId)).every((t) => !['scheduled', 'publishing'].includes(t.status)),
    timeoutMs,
  );
  return targetsOf(client, postId);
}
