// What the data commands of the CLI share. Heavy modules load inside the commands, so `stemme query` starts fast.
import type { Config } from './config.ts';
import type { Database, Db } from './db/connect.ts';

export async function loadCliConfig(): Promise<Config> {
  const { loadConfig } = await import('./config.ts');
  return loadConfig();
}

/** Runs a data command on a migrated database and closes it afterwards. */
export async function withDatabase<T>(work: (db: Db, database: Database) => Promise<T>): Promise<T> {
  const cfg = await loadCliConfig();
  const { openMigratedDatabase } = await import('./db/connect.ts');
  const database = await openMigratedDatabase(cfg);
  try {
    return await work(database.db, database);
  } finally {
    await database.close();
  }
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
