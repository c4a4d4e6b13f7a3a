// The parents a batch of child rows names (mentions for story members and references, monitors and mentions for
// matches), checked once per batch instead of by a foreign key per row (migration 0017). The rows found are
// locked FOR KEY SHARE until the transaction ends, as a foreign key check would lock them: a delete of one waits
// for the batch to commit, and the delete's trigger then removes the batch's rows with it.
import { sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from './connect.ts';
import { pgArray } from './pg-array.ts';

/** Of `ids`, those still in `table`, locked until the transaction ends. Call inside a transaction. */
export async function liveParents(
  tx: DbOrTx,
  table: 'mentions' | 'monitors',
  ids: Iterable<string>,
): Promise<Set<string>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Set();
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`select id from ${sql.identifier(table)} where id = any(${pgArray(wanted)}::uuid[]) for key share`,
  );
  return new Set(rows.map((r) => r.id));
}
