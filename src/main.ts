// The `stemme` command line and composition root: config → logger → database → web server and workers.
// Heavy modules (the web server, the database) load inside the commands that need them.
import fs from 'node:fs';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { loadCliConfig, withDatabase } from './cli-support.ts';
import { DomainError, UserFacingError } from './errors.ts';
import { registerDetectCommands } from './listening/nlp/cli.ts';
import { registerQueryCommands } from './listening/query/cli.ts';
import { registerStrategyCommands } from './strategy/cli.ts';
import { registerTeamCommands } from './team/cli.ts';

/** Errors the user can act on end the command with one line and exit code 1; anything else is a bug. */
function fail(err: unknown): never {
  if (err instanceof UserFacingError || err instanceof DomainError || err instanceof InvalidArgumentError) {
    process.stderr.write(`stemme: ${err.message}\n`);
  } else if (
    (err as NodeJS.ErrnoException)?.code === 'ENOENT' ||
    (err as NodeJS.ErrnoException)?.code === 'EACCES'
  ) {
    process.stderr.write(`stemme: ${(err as Error).message}\n`);
  } else if ((err as NodeJS.ErrnoException)?.code === 'EADDRINUSE') {
    process.stderr.write(
      `stemme: the port is already in use (${(err as Error).message}); set PORT to another one\n`,
    );
  } else {
    process.stderr.write(`stemme: unexpected error: ${(err as Error)?.stack ?? String(err)}\n`);
  }
  process.exit(1);
}

async function serve(roles: { web: boolean; worker: boolean }) {
  const cfg = await loadCliConfig();
  const [{ createLogger }, { run }] = await Promise.all([import('./log.ts'), import('./runtime.ts')]);
  const logger = createLogger(cfg.logLevel, {
    pretty: cfg.logFormat === 'pretty' || (cfg.logFormat === 'auto' && process.stdout.isTTY === true),
  });
  const started = performance.now();
  const running = await run(cfg, logger, roles);
  logger.info(
    {
      database: running.database.kind,
      location: running.database.location,
      url: running.url,
      roles,
      startupMs: Math.round(performance.now() - started),
    },
    running.url ? `Stemme is running at http://localhost:${cfg.port}` : 'Stemme worker is running',
  );
  let signals = 0;
  const shutdown = (signal: string) => {
    signals++;
    if (signals > 1) process.exit(1);
    logger.info({ signal }, 'shutting down: finishing running jobs');
    running.stop().then(
      () => process.exit(0),
      (err) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

const program = new Command('stemme')
  .description(
    'Stemme: strategy, publishing, listening, engagement and measurement for a social media presence',
  )
  .showHelpAfterError();

program
  .command('start')
  .description('web server and workers in one process (the default for one machine)')
  .action(() => serve({ web: true, worker: true }));
program
  .command('serve')
  .description('the web server only (stateless; run several against one PostgreSQL)')
  .action(() => serve({ web: true, worker: false }));
program
  .command('worker')
  .description('background jobs only')
  .action(() => serve({ web: false, worker: true }));
program
  .command('migrate')
  .description('apply the database migrations and exit')
  .action(async () => {
    await withDatabase(async () => {});
    process.stdout.write('migrations applied\n');
  });

program
  .command('backup <file>')
  .description('write the embedded database to a .tar.gz file (stop Stemme first; on PostgreSQL use pg_dump)')
  .action(async (file: string) => {
    const cfg = await loadCliConfig();
    if (cfg.databaseUrl)
      throw new InvalidArgumentError('DATABASE_URL is set: back up PostgreSQL with pg_dump');
    const bytes = await withDatabase((_db, database) => database.backup!());
    fs.writeFileSync(file, bytes, { mode: 0o600 });
    process.stdout.write(`wrote ${bytes.length} bytes to ${file}\n`);
  });
program
  .command('restore <file>')
  .description('fill an empty data directory (STEMME_DATA_DIR) from a file written by `stemme backup`')
  .action(async (file: string) => {
    const cfg = await loadCliConfig();
    if (cfg.databaseUrl)
      throw new InvalidArgumentError('DATABASE_URL is set: restore PostgreSQL with pg_restore');
    const { openPglite } = await import('./db/connect.ts');
    if (fs.existsSync(path.join(cfg.dataDir, 'pgdata'))) {
      throw new InvalidArgumentError(
        `${cfg.dataDir} already holds a database: restore into an empty STEMME_DATA_DIR`,
      );
    }
    const database = await openPglite(cfg.dataDir, { restoreFrom: fs.readFileSync(file) });
    try {
      await database.migrate();
    } finally {
      await database.close();
    }
    process.stdout.write(`restored ${file} into ${cfg.dataDir}\n`);
  });

registerTeamCommands(program);
registerStrategyCommands(program);
registerQueryCommands(program);
registerDetectCommands(program);

program.parseAsync(process.argv).catch(fail);
