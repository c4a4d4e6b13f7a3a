// Rows that hang off a mention or a monitor carry no foreign key (migration 0017): deleting the parent deletes
// them by a statement trigger, and writers lock the parents they name once per batch. On both databases: every
// way a parent goes (a source's delete, a monitor's delete, the organisation's) leaves no child row behind, a
// batch written for a mention deleted in the meantime writes nothing for it, and (PostgreSQL, where two
// connections interleave) a delete that arrives while a batch holds its lock waits and then removes the batch's
// rows too.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { dbKinds, describeEachDb, freshDatabase } from '../../test/databases.ts';
import {
  type EnrichedPost,
  enrich,
  type IncomingPost,
  ingest,
  removeMentions,
  type StoredMention,
  store,
} from '../listening/pipeline.ts';
import { afterStored } from '../listening/stories/index.ts';
import { type Database, queryRows } from './connect.ts';
import { liveParents } from './parents.ts';

const now = new Date();

async function orgWithMonitors(
  db: Database['db'],
  name: string,
): Promise<{ org: string; monitors: string[] }> {
  const [org] = await queryRows<{ id: string }>(
    db,
    sql`insert into orgs (name) values (${name}) returning id`,
  );
  const monitors = await queryRows<{ id: string }>(
    db,
    sql`insert into monitors (org_id, name, query)
      values (${org!.id}, 'Vind', 'vindkraft'), (${org!.id}, 'Fjord', 'fjord*') returning id`,
  );
  return { org: org!.id, monitors: monitors.map((m) => m.id) };
}

const posts = (prefix: string): IncomingPost[] =>
  [
    'Vindkraft i fjorden: https://fjordnytt.no/vind/1 sier @kari.example',
    'Vindkraft på land er dyrt, mener ordføreren i Bergen',
    'Fjordene ved Bergen er fulle av cruiseskip i sommer',
  ].map((text, i) => ({
    source: 'bluesky',
    id: `${prefix}-${i}`,
    url: `https://bsky.app/profile/ola.example/post/${prefix}${i}`,
    author: 'ola.example',
    text,
    links: text.includes('https') ? ['https://fjordnytt.no/vind/1'] : [],
    lang: 'nb',
    publishedAt: new Date(now.getTime() - (3 - i) * 60_000),
  }));

/** How many child rows of each kind the organisation has. */
async function children(db: Database['db'], org: string) {
  const [r] = await queryRows<{ matches: number; members: number; refs: number }>(
    db,
    sql`select (select count(*)::int from mention_matches where org_id = ${org}) as matches,
      (select count(*)::int from story_members where org_id = ${org}) as members,
      (select count(*)::int from mention_refs where org_id = ${org}) as refs`,
  );
  return r!;
}

describeEachDb('parents by trigger', (get) => {
  it('a deleted mention takes its matches, story membership and references with it, and nothing else', async () => {
    const { db } = get();
    const { org } = await orgWithMonitors(db, 'A');
    const r = await ingest(db, org, posts('a'), { now });
    expect(r.stored).toBe(3);
    const before = await children(db, org);
    expect(before).toMatchObject({ members: 3 });
    expect(before.matches).toBe(4);
    expect(before.refs).toBeGreaterThanOrEqual(5);
    const [own] = await queryRows<{ matches: number; refs: number }>(
      db,
      sql`select (select count(*)::int from mention_matches mm where mm.mention_id = m.id) as matches,
        (select count(*)::int from mention_refs r where r.mention_id = m.id) as refs
        from mentions m where m.org_id = ${org} and m.external_id = 'a-0'`,
    );
    expect(await removeMentions(db, org, [{ source: 'bluesky', externalId: 'a-0' }])).toBe(1);
    expect(await children(db, org)).toEqual({
      matches: before.matches - own!.matches,
      members: 2,
      refs: before.refs - own!.refs,
    });
    const orphans = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from mention_refs r where not exists (select 1 from mentions m where m.id = r.mention_id)`,
    );
    expect(orphans[0]!.n).toBe(0);
  });

  it('a deleted monitor takes its matches; a deleted organisation takes every row', async () => {
    const { db } = get();
    const { org, monitors } = await orgWithMonitors(db, 'B');
    const other = await orgWithMonitors(db, 'C');
    await ingest(db, org, posts('b'), { now });
    await ingest(db, other.org, posts('c'), { now });
    const vind = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from mention_matches where monitor_id = ${monitors[0]!}`,
    );
    expect(vind[0]!.n).toBe(2);
    await db.execute(sql`delete from monitors where id = ${monitors[0]!}`);
    expect((await children(db, org)).matches).toBe(2);
    await db.execute(sql`delete from orgs where id = ${org}`);
    expect(await children(db, org)).toEqual({ matches: 0, members: 0, refs: 0 });
    // The other organisation's rows are untouched.
    expect(await children(db, other.org)).toMatchObject({ matches: 4, members: 3 });
  });

  it('the stories step writes nothing for a mention deleted after it was stored', async () => {
    const { db } = get();
    const { org } = await orgWithMonitors(db, 'D');
    const enriched: EnrichedPost[] = posts('d').map((p) => enrich(p, null, now));
    const inserted: StoredMention[] = [];
    await store(db, org, enriched, inserted);
    expect(inserted).toHaveLength(3);
    // Deleted at the source before the stories step ran for it.
    await db.execute(sql`delete from mentions where id = ${inserted[1]!.id}`);
    const result = await afterStored(db, org, enriched, inserted);
    expect(result?.storyIds.length).toBeGreaterThan(0);
    const rows = await queryRows<{ mention_id: string }>(
      db,
      sql`select mention_id from story_members where org_id = ${org}
        union all select mention_id from mention_refs where org_id = ${org}`,
    );
    expect(rows.length).toBeGreaterThan(2);
    expect(rows.some((r) => r.mention_id === inserted[1]!.id)).toBe(false);
    expect(
      await liveParents(
        db,
        'mentions',
        inserted.map((m) => m.id),
      ),
    ).toEqual(new Set([inserted[0]!.id, inserted[2]!.id]));
  });
});

// Two connections at once: only PostgreSQL (PGlite has one).
describe.runIf(dbKinds.includes('postgres'))('parents by trigger [postgres, two connections]', () => {
  it('a delete that arrives while a batch holds its parents waits, then removes what the batch wrote', async () => {
    const database = await freshDatabase('postgres');
    try {
      const { db } = database;
      const { org, monitors } = await orgWithMonitors(db, 'E');
      await ingest(db, org, posts('e').slice(0, 1), { now });
      const [mention] = await queryRows<{ id: string }>(
        db,
        sql`select id from mentions where org_id = ${org}`,
      );
      let deleted = false;
      let release!: () => void;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let locked!: () => void;
      const isLocked = new Promise<void>((resolve) => {
        locked = resolve;
      });
      const batch = db.transaction(async (tx) => {
        expect(await liveParents(tx, 'monitors', monitors)).toEqual(new Set(monitors));
        expect(await liveParents(tx, 'mentions', [mention!.id])).toEqual(new Set([mention!.id]));
        locked();
        await held;
        // Written while the deletes wait: a second match and a reference.
        await tx.execute(sql`insert into mention_refs (org_id, mention_id, kind, target)
          values (${org}, ${mention!.id}, 'link', 'u:example.org/late')`);
        expect(deleted).toBe(false);
      });
      await isLocked;
      const deletes = Promise.all([
        db.execute(sql`delete from mentions where id = ${mention!.id}`),
        db.execute(sql`delete from monitors where id = ${monitors[1]!}`),
      ]).then(() => {
        deleted = true;
      });
      await new Promise((r) => setTimeout(r, 300));
      expect(deleted).toBe(false);
      release();
      await batch;
      await deletes;
      expect(await children(db, org)).toEqual({ matches: 0, members: 0, refs: 0 });
    } finally {
      await database.close();
    }
  });
});
