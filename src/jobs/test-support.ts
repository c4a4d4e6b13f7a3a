// Shared by the queue's tests: an organisation to own jobs, waiting for a condition, reading job rows.
import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../db/connect.ts';
import type { JobState } from './schema.ts';

export async function createOrg(db: DbOrTx, name = 'Testlaget'): Promise<string> {
  const [org] = await queryRows<{ id: string }>(
    db,
    sql`insert into orgs (name) values (${name}) returning id`,
  );
  if (!org) throw new Error('no org created');
  return org.id;
}

export async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface JobRow {
  id: string;
  state: JobState;
  attempts: number;
  last_error: string | null;
  locked_by: string | null;
}

export async function jobRow(db: DbOrTx, id: string): Promise<JobRow> {
  const [row] = await queryRows<JobRow & Record<string, unknown>>(
    db,
    sql`select id, state, attempts, last_error, locked_by from jobs where id = ${id}`,
  );
  if (!row) throw new Error(`job ${id} not found`);
  return row;
}

export async function statesOf(db: DbOrTx, name: string): Promise<JobState[]> {
  const rows = await queryRows<{ state: JobState }>(
    db,
    sql`select state from jobs where name = ${name} order by created_at`,
  );
  return rows.map((r) => r.state);
}
