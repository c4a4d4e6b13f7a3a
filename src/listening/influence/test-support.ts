// For tests of what counts towards influence: recompute an organisation's scores and read one author as the
// authors API shows them.
import type { Client } from '../../../test/http.ts';
import type { DbOrTx } from '../../db/connect.ts';
import { computeInfluence } from './compute.ts';

export interface AuthorView {
  id: string;
  handle: string;
  score: number;
  engagers: number;
  parts: { key: string; count: number; points: number }[];
}

/** Scores the organisation's authors afresh, then finds one by handle in GET /api/authors. */
export async function scoredAuthor(
  db: DbOrTx,
  admin: Client,
  orgId: string,
  handle: string,
): Promise<AuthorView | undefined> {
  await computeInfluence(db, orgId);
  const list = await admin.get<{ authors: AuthorView[] }>('/api/authors');
  return list.body.authors.find((a) => a.handle === handle);
}

/** How many engagements of one kind (a part's key: 'reposts', 'replies', …) an author's score counts. */
export function partCount(a: AuthorView | undefined, key: string): number {
  return a?.parts.find((p) => p.key === key)?.count ?? 0;
}
