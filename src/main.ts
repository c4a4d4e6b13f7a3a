// The `stemme` command line and composition root: config → logger → database → web server and workers.
import fs from 'node:fs';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { asc, eq, sql } from 'drizzle-orm';
import { type Config, ConfigError, loadConfig } from './config.ts';
import { DatabaseUnreachableError, openPglite } from './db/connect.ts';
import { DataDirLockedError } from './db/lock.ts';
import { DomainError } from './errors.ts';
import { registerDetectCommands } from './listening/nlp/cli.ts';
import { registerQueryCommands } from './listening/query/cli.ts';
import { createLogger } from './log.ts';
import { openMigrated, run } from './runtime.ts';
import { hashPassword } from './security/passwords.ts';
import { normaliseEmail } from './team/auth.ts';
import { memberships, orgs, ROLES, type Role, users } from './team/schema.ts';
import { exportOrg, importOrg } from './team/transfer.ts';

/** Errors the user can act on end the command with one line and exit code 1; anything else is a bug. */
function fail(err: unknown): never {
  if (err instanceof ConfigError) {
    process.stderr.write(`stemme: invalid configuration: ${err.problems.join('; ')}\n`);
  } else if (
    err instanceof DatabaseUnreachableError ||
    err instanceof DataDirLockedError ||
    err instanceof DomainError ||
    err instanceof InvalidArgumentError
  ) {
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

function config(): Config {
  return loadConfig();
}

async function serve(roles: { web: boolean; worker: boolean }) {
  const cfg = config();
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

/** Runs a data command on a migrated database and closes it afterwards. */
async function withDatabase<T>(
  work: (db: Awaited<ReturnType<typeof openMigrated>>['db']) => Promise<T>,
): Promise<T> {
  const cfg = config();
  const database = await openMigrated(cfg, createLogger('warn'));
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
}

function parseRole(value: string): Role {
  if (!(ROLES as readonly string[]).includes(value))
    throw new InvalidArgumentError(`role must be one of ${ROLES.join(', ')}`);
  return value as Role;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
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
    const cfg = config();
    if (cfg.databaseUrl)
      throw new InvalidArgumentError('DATABASE_URL is set: back up PostgreSQL with pg_dump');
    const database = await openMigrated(cfg, createLogger('warn'));
    try {
      const bytes = await database.backup!();
      fs.writeFileSync(file, bytes, { mode: 0o600 });
      process.stdout.write(`wrote ${bytes.length} bytes to ${file}\n`);
    } finally {
      await database.close();
    }
  });
program
  .command('restore <file>')
  .description('fill an empty data directory (STEMME_DATA_DIR) from a file written by `stemme backup`')
  .action(async (file: string) => {
    const cfg = config();
    if (cfg.databaseUrl)
      throw new InvalidArgumentError('DATABASE_URL is set: restore PostgreSQL with pg_restore');
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

const user = program.command('user').description('people');
user
  .command('create')
  .description('create a person (or reset their password) and add them to an organisation')
  .requiredOption('--email <email>', 'their email address')
  .option('--name <name>', 'their name (defaults to the part of the email before @)')
  .option('--password <password>', 'their password (at least 12 characters); or use --password-stdin')
  .option('--password-stdin', 'read the password from standard input')
  .option('--org <id>', 'organisation id (defaults to the only organisation, when there is one)')
  .option('--role <role>', `one of ${ROLES.join(', ')}`, parseRole, 'editor' as Role)
  .action(
    async (opts: {
      email: string;
      name?: string;
      password?: string;
      passwordStdin?: boolean;
      org?: string;
      role: Role;
    }) => {
      const password = opts.passwordStdin ? (await readStdin()).replace(/\r?\n$/, '') : opts.password;
      if (!password || password.length < 12)
        throw new InvalidArgumentError('password must be at least 12 characters');
      if (!/^[^@\s]+@[^@\s]+$/.test(opts.email))
        throw new InvalidArgumentError('email must be an email address');
      const passwordHash = await hashPassword(password);
      const email = normaliseEmail(opts.email);
      const result = await withDatabase((db) =>
        db.transaction(async (tx) => {
          const all = await tx.select({ id: orgs.id }).from(orgs).orderBy(asc(orgs.createdAt));
          const orgId = opts.org ?? (all.length === 1 ? all[0]!.id : undefined);
          if (!orgId)
            throw new InvalidArgumentError(
              all.length === 0
                ? 'no organisation exists yet: open Stemme in a browser to set it up'
                : '--org is required when there are several organisations',
            );
          if (!all.some((o) => o.id === orgId))
            throw new InvalidArgumentError(`no organisation with id ${orgId}`);
          const [existing] = await tx
            .select({ id: users.id })
            .from(users)
            .where(eq(sql`lower(${users.email})`, email));
          let userId = existing?.id;
          if (userId) {
            await tx
              .update(users)
              .set({ passwordHash, failedLogins: 0, lockedUntil: null })
              .where(eq(users.id, userId));
          } else {
            const [created] = await tx
              .insert(users)
              .values({ email, name: opts.name ?? email.split('@')[0]!, passwordHash })
              .returning({ id: users.id });
            userId = created!.id;
          }
          await tx
            .insert(memberships)
            .values({ orgId, userId, role: opts.role })
            .onConflictDoUpdate({
              target: [memberships.orgId, memberships.userId],
              set: { role: opts.role },
            });
          return { userId, orgId, created: !existing };
        }),
      );
      process.stdout.write(
        `${result.created ? 'created' : 'updated'} ${email} (${result.userId}) as ${opts.role} in ${result.orgId}\n`,
      );
    },
  );

const org = program.command('org').description('organisations');
org
  .command('list')
  .description('list organisations')
  .action(async () => {
    const rows = await withDatabase((db) =>
      db.select({ id: orgs.id, name: orgs.name }).from(orgs).orderBy(asc(orgs.createdAt)),
    );
    for (const r of rows) process.stdout.write(`${r.id}\t${r.name}\n`);
  });
org
  .command('export <orgId>')
  .description('write a whole organisation as one JSON document')
  .option('-o, --output <file>', 'write to a file instead of standard output')
  .option('--include-credentials', 'include password hashes, so people can sign in after an import')
  .action(async (orgId: string, opts: { output?: string; includeCredentials?: boolean }) => {
    const doc = await withDatabase((db) =>
      exportOrg(db, orgId, { includeCredentials: opts.includeCredentials }),
    );
    const text = `${JSON.stringify(doc, null, 2)}\n`;
    if (opts.output) fs.writeFileSync(opts.output, text, { mode: 0o600 });
    else process.stdout.write(text);
  });
org
  .command('import <file>')
  .description(
    'import an organisation from a JSON document written by `stemme org export` (- for standard input)',
  )
  .action(async (file: string) => {
    const text = file === '-' ? await readStdin() : fs.readFileSync(file, 'utf8');
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch (err) {
      throw new InvalidArgumentError(`${file} is not valid JSON: ${(err as Error).message}`);
    }
    const result = await withDatabase((db) => importOrg(db, doc));
    process.stdout.write(
      `imported organisation ${result.orgId}: ${result.users} people, ${result.rows} rows\n`,
    );
  });

registerQueryCommands(program);
registerDetectCommands(program);

program.parseAsync(process.argv).catch(fail);
