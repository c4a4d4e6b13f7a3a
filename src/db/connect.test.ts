import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { describeEachDb } from '../../test/databases.ts';
import { openPglite, openPostgres, queryRows } from './connect.ts';
import { DataDirLockedError } from './lock.ts';

describeEachDb('database', (get) => {
  it('applies the migrations: the tables exist and migrating again is a no-op', async () => {
    const { db } = get();
    const rows = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from information_schema.tables where table_name in ('orgs','users','jobs','sessions','audit_log')`,
    );
    expect(rows[0]?.n).toBe(5);
    await get().migrate();
  });

  it('runs full-text search with the Nordic and German configurations', async () => {
    const { db } = get();
    const rows = await queryRows<{ hit: boolean }>(
      db,
      sql`select to_tsvector('norwegian', 'Kundene våre er fornøyde') @@ to_tsquery('norwegian', 'kunde') as hit`,
    );
    expect(rows[0]?.hit).toBe(true);
  });
});

describe('PGlite data directory', () => {
  it('keeps data across close and reopen, and refuses a second process on the same dir', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stemme-db-'));
    const first = await openPglite(dir);
    await first.migrate();
    await first.db.execute(sql`insert into orgs (name) values ('Bevar meg')`);
    await first.close();
    fs.writeFileSync(path.join(dir, 'stemme.lock'), String(process.ppid));
    await expect(openPglite(dir)).rejects.toBeInstanceOf(DataDirLockedError);
    // A lock left by a dead process (kill -9) is stale and taken over.
    fs.writeFileSync(path.join(dir, 'stemme.lock'), '999999999');
    const second = await openPglite(dir);
    const rows = await queryRows<{ name: string }>(second.db, sql`select name from orgs`);
    expect(rows.map((r) => r.name)).toEqual(['Bevar meg']);
    await second.close();
    expect(fs.existsSync(path.join(dir, 'stemme.lock'))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('names the unreachable PostgreSQL without leaking its password', async () => {
    await expect(openPostgres('postgres://stemme:hunter2@127.0.0.1:1/nope')).rejects.toThrow(
      /cannot reach PostgreSQL at postgres:\/\/stemme:\*\*\*@127\.0\.0\.1:1\/nope/,
    );
  });
});
