// The mentions stream as CSV: the same filters as /api/mentions, newest first, at most MENTION_EXPORT_CAP rows,
// read and written in pages so a large export never sits in memory whole. When the filters hold more, the last
// line says the export was cut there.
import { and, desc, eq, lt, or, type SQL } from 'drizzle-orm';
import { CSV_BOM, csvLine } from '../csv.ts';
import type { DbOrTx } from '../db/connect.ts';
import { users } from '../team/schema.ts';
import { type MentionFilters, mentionConditions, monitorsOf } from './mentions.ts';
import { mentions } from './schema.ts';
import { storyMembers } from './stories/schema.ts';

/** The most rows one export holds; narrow the filters (a time range, a monitor) for more. */
export const MENTION_EXPORT_CAP = 50_000;
const PAGE = 2_000;

export const MENTION_CSV_COLUMNS = [
  'time',
  'source',
  'author',
  'title',
  'text',
  'url',
  'language',
  'sentiment',
  'sentiment_set_by',
  'monitors',
  'story_id',
] as const;

/**
 * The CSV in pieces (byte-order mark and header first). Checks the filters (another organisation's monitor is
 * refused) before it yields anything, so a refusal is still an HTTP error and not a cut file.
 */
export async function mentionsCsv(
  db: DbOrTx,
  orgId: string,
  f: Omit<MentionFilters, 'cursor' | 'limit'>,
  cap = MENTION_EXPORT_CAP,
): Promise<AsyncGenerator<string>> {
  const where = await mentionConditions(db, orgId, f);
  return (async function* () {
    yield `${CSV_BOM}${MENTION_CSV_COLUMNS.join(',')}\r\n`;
    let written = 0;
    let after: { at: Date; id: string } | undefined;
    // At the cap, one more row is looked for: its being there is what cuts the export.
    for (;;) {
      const keyset: SQL | undefined = after
        ? or(lt(mentions.at, after.at), and(eq(mentions.at, after.at), lt(mentions.id, after.id)))
        : undefined;
      const rows = await db
        .select({
          id: mentions.id,
          at: mentions.at,
          source: mentions.source,
          author: mentions.author,
          title: mentions.title,
          text: mentions.text,
          url: mentions.url,
          lang: mentions.lang,
          sentiment: mentions.sentiment,
          setBy: users.name,
          storyId: storyMembers.storyId,
        })
        .from(mentions)
        .leftJoin(users, eq(users.id, mentions.sentimentSetBy))
        .leftJoin(storyMembers, eq(storyMembers.mentionId, mentions.id))
        .where(and(...where, keyset))
        .orderBy(desc(mentions.at), desc(mentions.id))
        .limit(Math.min(PAGE, cap - written + 1));
      const page = rows.slice(0, cap - written);
      const names = await monitorsOf(
        db,
        orgId,
        page.map((r) => r.id),
      );
      let chunk = '';
      for (const r of page)
        chunk += csvLine([
          r.at.toISOString(),
          r.source,
          r.author ?? '',
          r.title ?? '',
          r.text,
          r.url ?? '',
          r.lang,
          r.sentiment,
          r.setBy ?? '',
          (names.get(r.id) ?? []).map((m) => m.name).join(';'),
          r.storyId ?? '',
        ]);
      if (chunk) yield chunk;
      written += page.length;
      if (rows.length > page.length) {
        yield csvLine([
          `cut at ${cap} rows: the filters hold more; narrow them (time, monitor) for the rest`,
        ]);
        return;
      }
      if (rows.length < PAGE) return;
      const last = page[page.length - 1]!;
      after = { at: last.at, id: last.id };
    }
  })();
}
