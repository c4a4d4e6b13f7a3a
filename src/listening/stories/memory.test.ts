// The clusterer's memory when two processes cluster the same organisation: each keeps its own memory of
// recent members (here two memory handles on one database play the two processes), tops it up with what the
// other stored, and never acts on a story the other has merged away or a mention deleted meanwhile.
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb } from '../../../test/databases.ts';
import { queryRows } from '../../db/connect.ts';
import { orgs } from '../../team/schema.ts';
import { enrich, type IncomingPost, ingest, removeMentions, type StoredMention, store } from '../pipeline.ts';
import { monitors } from '../schema.ts';
import { account, MastodonTimelineServer } from '../sources/mastodon/contract-server.ts';
import { normaliseStatus } from '../sources/mastodon/status.ts';
import { afterStored } from './index.ts';
import { memoryOf, OrgMemory, PER_KEY } from './memory.ts';

const HOUR = 3_600_000;
const ago = (ms: number) => new Date(Date.now() - ms);
const LINK_A = 'https://www.fjordnytt.no/nyheter/kraftpris-rekord-i-nord';
const LINK_B = 'https://www.vindavis.no/saker/nytt-vindkraftverk-stanset';

describeEachDb('story clustering across processes', (get) => {
  let orgId: string;
  const processA = {};
  const processB = {};
  let n = 0;

  beforeAll(async () => {
    const [org] = await get().db.insert(orgs).values({ name: 'Memory' }).returning({ id: orgs.id });
    orgId = org!.id;
  });

  /** Stores one post and clusters it with the given process's memory; returns its mention id. */
  async function post(processHandle: object, text: string, links: string[], hoursAgo: number) {
    const db = get().db;
    n++;
    const p: IncomingPost = {
      source: 'bluesky',
      id: `at://did:plc:mem/app.bsky.feed.post/${n}`,
      text,
      links,
      author: `author${n}.example`,
      publishedAt: ago(hoursAgo * HOUR),
    };
    const e = enrich(p, null);
    const inserted: StoredMention[] = [];
    await store(db, orgId, [e], inserted);
    await afterStored(db, orgId, [e], inserted, { memoryHandle: processHandle });
    return { id: inserted[0]!.id, externalId: p.id };
  }

  async function storyOf(mentionId: string): Promise<string | undefined> {
    const [row] = await queryRows<{ story_id: string }>(
      get().db,
      sql`select story_id from story_members where mention_id = ${mentionId}`,
    );
    return row?.story_id;
  }

  it('a process finds what another stored, follows its merges, and skips deleted mentions', async () => {
    // A stores the first post on link A; B, starting empty, loads it and joins its story.
    const a1 = await post(processA, 'Kraftprisen satte ny rekord i nord i natt', [LINK_A], 10);
    const b1 = await post(processB, 'Rekordhøy strømpris igjen, les saken', [LINK_A], 9);
    const storyA = (await storyOf(a1.id))!;
    expect(await storyOf(b1.id)).toBe(storyA);
    // A already had a memory: it tops it up with B's member (by insertion order) and joins too.
    const before = memoryOf(processA, orgId).size;
    const a2 = await post(processA, 'Strømprisen er helt vanvittig nå', [LINK_A], 8);
    expect(memoryOf(processA, orgId).size).toBe(before + 2);
    expect(await storyOf(a2.id)).toBe(storyA);

    // A starts a second story on link B; B (which has seen A's member of it) then bridges both stories.
    const a3 = await post(processA, 'Utbyggingen av vindkraftverket er stanset av retten', [LINK_B], 7);
    const storyB = (await storyOf(a3.id))!;
    expect(storyB).not.toBe(storyA);
    const bridge = await post(processB, 'Kraftpris og vindkraft henger sammen', [LINK_A, LINK_B], 6);
    const merged = (await storyOf(bridge.id))!;
    expect([storyA, storyB]).toContain(merged);
    const gone = merged === storyA ? storyB : storyA;
    expect(await storyOf(a3.id)).toBe(merged);
    // A's memory still says its link-B member is in the merged-away story: A must read the current one.
    const a4 = await post(processA, 'Nytt om det stansede vindkraftverket', [LINK_B], 5);
    expect(await storyOf(a4.id)).toBe(merged);
    const [row] = await queryRows<{ n: number }>(
      get().db,
      sql`select count(*)::int as n from stories where id = ${gone}`,
    );
    expect(row?.n).toBe(0);

    // Deleted at the source (by B's process): A no longer joins anything to it.
    const lone = await post(
      processA,
      'Helt egen sak om fjordfisket',
      ['https://fisk.example/saker/torsk'],
      4,
    );
    await removeMentions(get().db, orgId, [{ source: 'bluesky', externalId: lone.externalId }]);
    const after = await post(processA, 'Mer om fjordfisket i dag', ['https://fisk.example/saker/torsk'], 3);
    const story = (await storyOf(after.id))!;
    const [sized] = await queryRows<{ size: number }>(
      get().db,
      sql`select size from stories where id = ${story}`,
    );
    expect(sized?.size).toBe(1);
  });

  it('a batch retried after its stories step failed gets its stories now, both on the feed and the stream path', async () => {
    const db = get().db;
    // The stream path keeps only what a monitor matches.
    await db.insert(monitors).values({ orgId, name: 'Kraft', query: 'kraftprisen' });
    const posts = (prefix: string): IncomingPost[] =>
      [0, 1].map((i) => ({
        source: 'mastodon',
        id: `https://social.example/statuses/${prefix}${i}`,
        text: `Kraftprisen stiger igjen i nord, melder ${prefix}${i}`,
        links: [`https://www.fjordnytt.no/nyheter/${prefix}-kraftpris`],
        publishedAt: ago(2 * HOUR),
      }));
    const unclustered = async (prefix: string) =>
      (
        await queryRows<{ n: number }>(
          db,
          sql`select count(*)::int as n from mentions m where m.org_id = ${orgId}
            and m.external_id like ${`https://social.example/statuses/${prefix}%`}
            and not exists (select 1 from story_members s where s.mention_id = m.id)`,
        )
      )[0]!.n;
    for (const [prefix, matchedOnly] of [
      ['feed', false],
      ['stream', true],
    ] as const) {
      // What a failure right after the store leaves behind: the mentions, no stories.
      await store(
        db,
        orgId,
        posts(prefix).map((p) => enrich(p, null)),
      );
      expect(await unclustered(prefix)).toBe(2);
      // The retry finds them stored (duplicates) and runs the stories step for them.
      const retried = await ingest(db, orgId, posts(prefix), matchedOnly ? { matchedOnly } : {});
      if (!matchedOnly) expect(retried).toMatchObject({ stored: 0, duplicates: 2 });
      expect(await unclustered(prefix)).toBe(0);
    }
  });

  it('a batch of many chunks is stored and clustered whole, stories reaching across its chunks', async () => {
    const db = get().db;
    const [org] = await db.insert(orgs).values({ name: 'Chunks' }).returning({ id: orgs.id });
    const posts: IncomingPost[] = Array.from({ length: 1_200 }, (_, i) => ({
      source: 'bluesky',
      id: `at://did:plc:chunks/app.bsky.feed.post/${i}`,
      text: `Innlegg nummer ${i} om sak ${i % 3}`,
      links: [`https://news.example/saker/${i % 3}`],
      author: `a${i % 40}.example`,
      publishedAt: ago(HOUR - i * 1000),
    }));
    const r = await ingest(db, org!.id, posts);
    expect(r).toMatchObject({ received: 1_200, stored: 1_200, duplicates: 0 });
    const sizes = await queryRows<{ size: number; members: number }>(
      db,
      sql`select s.size, (select count(*)::int from story_members m where m.story_id = s.id) as members
        from stories s where s.org_id = ${org!.id} order by s.size`,
    );
    expect(sizes).toEqual([
      { size: 400, members: 400 },
      { size: 400, members: 400 },
      { size: 400, members: 400 },
    ]);
  });
  it('a Mastodon reply meets its parent: same story, and a reply reference for influence', async () => {
    const db = get().db;
    const server = new MastodonTimelineServer();
    const hans = account('hans', 'chaos.social', 'Hans');
    const kari = account('kari', 'fjord.social', 'Kari');
    const parent = server.publish(hans, '<p>Wir brauchen Netzneutralität für alle</p>', { language: 'de' });
    const reply = server.publish(kari, '<p>Ja, og det gjelder Norge også</p>', {
      language: 'nb',
      inReplyToId: parent.id,
      inReplyToAccountId: hans.id,
    });
    const posts = [parent, reply].map((s) => normaliseStatus(s, 'original', 'https://fjord.social')!);
    expect(await ingest(db, orgId, posts)).toMatchObject({ stored: 2 });
    const [p, r] = await Promise.all(
      [parent.uri, reply.uri].map(async (uri) => {
        const [row] = await queryRows<{ id: string; story_id: string }>(
          db,
          sql`select m.id, s.story_id from mentions m join story_members s on s.mention_id = m.id
            where m.org_id = ${orgId} and m.external_id = ${uri}`,
        );
        return row!;
      }),
    );
    expect(r!.story_id).toBe(p!.story_id);
    const [edge] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from mention_refs reply
        join mention_refs self on self.org_id = reply.org_id and self.target = reply.target and self.kind = 'self'
        where reply.mention_id = ${r!.id} and reply.kind = 'reply' and self.mention_id = ${p!.id}`,
    );
    expect(edge!.n).toBe(1);
  });
});

describe('the clusterer memory on its own', () => {
  const sig = (n: number) => Int32Array.from({ length: 60 }, (_, i) => n * 100 + i);

  it('keeps the newest members of a key, skips forgotten and too-old ones', () => {
    const mem = new OrgMemory(1_000);
    for (let i = 0; i < PER_KEY * 3; i++) mem.add(`m${i}`, `s${i}`, sig(i), i * 1000, [42, 1_000 + i]);
    const seen: string[] = [];
    mem.candidates(42, 0, (m) => seen.push(m.mentionId));
    // Only the newest PER_KEY, newest first.
    expect(seen).toHaveLength(PER_KEY);
    expect(seen[0]).toBe(`m${PER_KEY * 3 - 1}`);
    const since: string[] = [];
    mem.candidates(42, (PER_KEY * 3 - 5) * 1000, (m) => since.push(m.mentionId));
    expect(since).toHaveLength(5);
    mem.forget(`m${PER_KEY * 3 - 1}`);
    const after: string[] = [];
    mem.candidates(42, (PER_KEY * 3 - 5) * 1000, (m) => after.push(m.mentionId));
    expect(after).toHaveLength(4);
    // A key of one member holds it directly, and finds it.
    const one: string[] = [];
    mem.candidates(1_007, 0, (m) => one.push(m.mentionId));
    expect(one).toEqual(['m7']);
  });

  it('stays under its cap, forgetting the oldest first', () => {
    const mem = new OrgMemory(100);
    for (let i = 0; i < 250; i++) {
      mem.add(`m${i}`, `s${i}`, null, i * 1000, [5_000 + i]);
      mem.trim(0);
    }
    expect(mem.size).toBeLessThanOrEqual(100);
    expect(mem.members.has('m249')).toBe(true);
    expect(mem.members.has('m0')).toBe(false);
    const found: string[] = [];
    mem.candidates(5_249, 0, (m) => found.push(m.mentionId));
    expect(found).toEqual(['m249']);
    const gone: string[] = [];
    mem.candidates(5_000, 0, (m) => gone.push(m.mentionId));
    expect(gone).toEqual([]);
  });
});
