// A worker process for the kill -9 trials (bench/publish-crash.ts and crash.test.ts): publishes with the real
// connectors and, at the step it is told to die at, says so on stdout and waits there to be SIGKILLed, so the
// kill lands exactly between two steps. 'calling' goes on into the network call, to be killed inside it.
import { openPostgres } from '../db/connect.ts';
import { Worker } from '../jobs/worker.ts';
import { defaultNetworks } from '../networks/registry.ts';
import { parseKey, SecretBox } from '../security/secret-box.ts';
import { publishingJobs } from './jobs.ts';
import type { PublishStep } from './publish.ts';

const [url, killAt] = process.argv.slice(2);
const key = process.env.STEMME_SECRET_KEY;
if (!url || !killAt || !key)
  throw new Error('usage: crash-worker.fixture.ts <postgres url> <step|none> (STEMME_SECRET_KEY set)');
const database = await openPostgres(url, { max: 3 });
const probe = async (step: PublishStep) => {
  if (step !== killAt) return;
  process.stdout.write(`STEP ${step}\n`);
  if (step !== 'calling') await new Promise(() => {});
};
new Worker({
  database,
  jobs: publishingJobs({
    secretBox: new SecretBox(parseKey(key)),
    networks: defaultNetworks,
    // The trials' PDS listens on loopback.
    urlPolicy: { allowPrivate: true },
    probe,
  }),
  leaseMs: 1000,
  pollIntervalMs: 20,
  id: `doomed-${process.pid}`,
}).start();
process.stdout.write('READY\n');
