// A worker process for the lease-recovery test to kill with SIGKILL in the middle of a job.
import { openPostgres } from '../db/connect.ts';
import { defineJob } from './definition.ts';
import { Worker } from './worker.ts';

const url = process.argv[2];
if (!url) throw new Error('usage: crash-worker.fixture.ts <postgres url>');
const database = await openPostgres(url);
const hang = defineJob({
  name: 'test.crash',
  async run(_payload, { jobId }) {
    process.stdout.write(`running ${jobId}\n`);
    await new Promise(() => {});
  },
});
new Worker({ database, jobs: [hang], leaseMs: 600, pollIntervalMs: 50, id: 'doomed' }).start();
