// Opens the one database: embedded PGlite in the data dir by default, PostgreSQL when DATABASE_URL is set.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { SQL } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { UserFacingError } from '../errors.ts';
import { lockDataDir } from './lock.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
/** A transaction handle; inside a transaction always use it, never the outer db (PGlite would hang). */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Where the data lives, for messages: a directory or a URL without its password. */
  location: string;
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** The whole embedded database as a gzipped tarball (PGlite only; PostgreSQL has pg_dump). */
  backup?(): Promise<Uint8Array>;
  /** LISTEN on PostgreSQL; on PGlite (one process) a local subscription. Returns an unsubscribe. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
}

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
// Serialises migrations when several processes start at once against one PostgreSQL.
const MIGRATION_LOCK_ID = 7_316_001;

export class DatabaseUnreachableError extends UserFacingError {}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

const serverDatabases = new WeakSet<object>();

/** Whether a database handle is a PostgreSQL server's (not PGlite's, which runs in this process). */
export function isServerDatabase(db: Db): boolean {
  return serverDatabases.has(db);
}

export async function openPostgres(url: string, opts: { max?: number } = {}): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10, connectionTimeoutMillis: 5000 });
  // An idle client that loses its server must not crash the process.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => {});
    throw new DatabaseUnreachableError(
      `cannot reach PostgreSQL at ${redactUrl(url)}: ${(err as Error).message || (err as { code?: string }).code}`,
    );
  }
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  serverDatabases.add(db);
  let listener: pg.Client | undefined;
  const handlers = new Map<string, Set<(payload: string) => void>>();
  return {
    db,
    kind: 'postgres',
    location: redactUrl(url),
    async migrate() {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_ID]);
        await migratePg(drizzlePg(client, { schema }), { migrationsFolder });
      } finally {
        await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_ID]).catch(() => {});
        client.release();
      }
    },
    async listen(channel, onNotify) {
      if (!listener) {
        listener = new pg.Client({ connectionString: url });
        listener.on('error', () => {});
        await listener.connect();
        listener.on('notification', (msg) => {
          for (const h of handlers.get(msg.channel) ?? []) h(msg.payload ?? '');
        });
      }
      let set = handlers.get(channel);
      if (!set) {
        set = new Set();
        handlers.set(channel, set);
        await listener.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      }
      set.add(onNotify);
      return async () => {
        set.delete(onNotify);
      };
    },
    async close() {
      await listener?.end().catch(() => {});
      await pool.end();
    },
  };
}

/**
 * Opens PGlite in a directory (locked against a second process), or in memory when dir is undefined.
 * `restoreFrom` fills an empty directory from a backup tarball.
 */
export async function openPglite(
  dir: string | undefined,
  opts: { restoreFrom?: Uint8Array } = {},
): Promise<Database> {
  const release = dir ? lockDataDir(dir) : () => {};
  let client: PGlite;
  try {
    client = await PGlite.create(dir ? path.join(dir, 'pgdata') : undefined, {
      extensions: { pg_trgm },
      ...(opts.restoreFrom && { loadDataDir: new Blob([new Uint8Array(opts.restoreFrom)]) }),
    });
  } catch (err) {
    release();
    throw err;
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    location: dir ?? '(memory)',
    async migrate() {
      await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder });
    },
    async listen(channel, onNotify) {
      return client.listen(channel, onNotify);
    },
    async backup() {
      const blob = await client.dumpDataDir('gzip');
      return new Uint8Array(await blob.arrayBuffer());
    },
    async close() {
      try {
        await client.close();
      } finally {
        release();
      }
    },
  };
}

export function openDatabase(opts: { databaseUrl?: string | undefined; dataDir: string }): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl) : openPglite(opts.dataDir);
}

/** Runs raw SQL and returns its rows; both drivers answer with `{ rows }`. */
export async function queryRows<T extends Record<string, unknown>>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** Opens the database and applies the migrations: the first step of every command that touches data. */
export async function openMigratedDatabase(opts: {
  databaseUrl?: string | undefined;
  dataDir: string;
}): Promise<Database> {
  const database = await openDatabase(opts);
  try {
    await database.migrate();
  } catch (err) {
    await database.close();
    throw err;
  }
  return database;
}
