// Audit entries about a post name it by the start of its text: a post has no title, and the log has to say which
// post it was after the post is changed or deleted.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/connect.ts';
import { posts } from './schema.ts';

const MAX = 60;

/** The first line of a text, cut at a word boundary near 60 characters ('' for a post of images only). */
export function postExcerpt(text: string): string {
  const line = (text.trim().split('\n')[0] ?? '').trim();
  if (line.length <= MAX) return line;
  const cut = line.slice(0, MAX);
  const space = cut.lastIndexOf(' ');
  return `${(space > MAX / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The start of the post's text as stored now, for the `post` detail of its audit entries. */
export async function postLabel(tx: DbOrTx, postId: string): Promise<string> {
  const [row] = await tx.select({ text: posts.text }).from(posts).where(eq(posts.id, postId));
  return postExcerpt(row?.text ?? '');
}
