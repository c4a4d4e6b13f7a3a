// Runs a storage-touching suite on PGlite and, when TEST_DATABASE_URL is set, again on a fresh PostgreSQL database.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { type Database, openPglite, openPostgres } from '../src/db/connect.ts';

export type DbKind = Database['kind'];

const testUrl = process.env.TEST_DATABASE_URL?.trim() || undefined;
if (!testUrl && process.env.CI) {
  throw new Error('TEST_DATABASE_URL must be set in CI: the PostgreSQL suites may not be skipped there');
}

export const dbKinds: DbKind[] = testUrl ? ['pglite', 'postgres'] : ['pglite'];

/** Creates a fresh, migrated database of the given kind; the returned close() also drops it. */
export async function freshDatabase(kind: DbKind): Promise<Database & { url?: string }> {
  if (kind === 'pglite') {
    const database = await openPglite(undefined);
    await database.migrate();
    return database;
  }
  if (!testUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `stemme_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(testUrl);
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString());
  await database.migrate();
  return {
    ...database,
    url: url.toString(),
    async close() {
      await database.close();
      const dropper = new pg.Client({ connectionString: testUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

/**
 * describe() once per database kind. The callback gets a getter, because the database only exists once
 * beforeAll has run.
 */
export function describeEachDb(title: string, body: (get: () => Database, kind: DbKind) => void): void {
  for (const kind of dbKinds) {
    describe(`${title} [${kind}]`, () => {
      let database: Database | undefined;
      beforeAll(async () => {
        database = await freshDatabase(kind);
      }, 60_000);
      afterAll(async () => {
        await database?.close();
      });
      body(() => {
        if (!database) throw new Error('database not open yet');
        return database;
      }, kind);
    });
  }
}
