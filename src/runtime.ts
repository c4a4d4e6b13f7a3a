// Starts and stops the parts of a running Stemme: database, web server, workers. Used by the CLI and by tests.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import type { Config } from './config.ts';
import { type Database, openMigratedDatabase } from './db/connect.ts';
import { type App, buildApp } from './http/app.ts';
import { systemJobs, vacuumJob } from './jobs/system.ts';
import { Worker } from './jobs/worker.ts';
import { alertJobs } from './listening/alerts/jobs.ts';
import { influenceJobs } from './listening/influence/compute.ts';
import { listeningJobs } from './listening/jobs.ts';
import { liveSourceConfig, liveSourceJobs } from './listening/sources/bluesky/job.ts';
import { defaultNetworks } from './networks/registry.ts';
import { publishingJobs } from './publishing/jobs.ts';
import { loadOrCreateKey, SecretBox } from './security/secret-box.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const webDist = path.join(repoRoot, 'web', 'dist');

export interface Running {
  database: Database;
  app?: App;
  worker?: Worker;
  url?: string;
  stop(): Promise<void>;
}

export async function run(
  config: Config,
  logger: Logger,
  roles: { web: boolean; worker: boolean },
): Promise<Running> {
  const started = performance.now();
  const database = await openMigratedDatabase(config);
  logger.debug({ ms: Math.round(performance.now() - started) }, 'database open and migrated');
  const { key, source } = loadOrCreateKey(config.secretKey, config.dataDir);
  if (source === 'generated')
    logger.info({ dir: config.dataDir }, 'generated a new secret key in the data directory');
  const secretBox = new SecretBox(key);
  let app: App | undefined;
  let worker: Worker | undefined;
  let url: string | undefined;
  try {
    if (roles.web) {
      app = await buildApp({ database, config, secretBox, logger, webDir: webDist });
      url = await app.listen({ port: config.port, host: config.host });
    }
    if (roles.worker) {
      // PostgreSQL has autovacuum; PGlite has none, so there the queue runs VACUUM ANALYZE.
      const system = database.kind === 'postgres' ? systemJobs.filter((j) => j !== vacuumJob) : systemJobs;
      const jobs = [
        ...system,
        ...publishingJobs({
          secretBox,
          networks: defaultNetworks,
          urlPolicy: { allowPrivate: config.allowPrivateNetworks },
        }),
        ...listeningJobs({ urlPolicy: { allowPrivate: config.allowPrivateNetworks } }),
        ...influenceJobs(),
        ...alertJobs({
          secretBox,
          mail: { smtpUrl: config.smtpUrl, from: config.mailFrom },
          urlPolicy: { allowPrivate: config.allowPrivateNetworks },
          publicUrl: config.publicUrl,
        }),
        // Bluesky (Jetstream or a relay) and Mastodon, each off unless its STEMME_* address is set.
        ...liveSourceJobs({
          ...liveSourceConfig(),
          urlPolicy: { allowPrivate: config.allowPrivateNetworks },
        }),
      ];
      worker = new Worker({ database, jobs, concurrency: config.workerConcurrency, logger });
      worker.start();
    }
  } catch (err) {
    await app?.close();
    await database.close();
    throw err;
  }
  let stopping: Promise<void> | undefined;
  return {
    database,
    app,
    worker,
    url,
    stop() {
      stopping ??= (async () => {
        await app?.close();
        await worker?.stop({ graceMs: 10_000 });
        await database.close();
      })();
      return stopping;
    },
  };
}
