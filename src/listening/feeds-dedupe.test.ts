// One article in two feeds of an organisation (a newspaper's front page and its section feed, each with its own
// GUID, one link carrying tracking parameters) is one mention: the second feed's copy is skipped, counted in
// the poll's report, and still marked seen for that feed. Items without a link are never taken for the same.
// Feeds are served over real local HTTP; runs on PGlite and PostgreSQL, and on PostgreSQL also with two
// processes polling at once.
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbKinds, describeEachDb, freshDatabase } from '../../test/databases.ts';
import { type Client, onboardAdmin, testApp } from '../../test/http.ts';
import { openPostgres, queryRows } from '../db/connect.ts';
import type { App } from '../http/app.ts';
import { type FeedView, pollDueFeeds, pollFeed } from './feeds.ts';
import { feedItemsSeen, feeds, mentions } from './schema.ts';
import { FeedServer, NO_LINK_ITEM, newspaperFeeds, rss, SHARED_ARTICLE } from './test-support.ts';

const HOUR = 3_600_000;
const ago = (ms: number) => new Date(Date.now() - ms);

interface MentionPage {
  mentions: { title: string | null; url: string | null; source: string }[];
}

describeEachDb('feeds: one article in two feeds is one mention', (get) => {
  const server = new FeedServer();
  let app: App;
  let admin: Client;
  let orgId: string;

  beforeAll(async () => {
    await server.start();
    const { front, section } = newspaperFeeds();
    server.feeds.set('/forside.xml', { body: front });
    server.feeds.set('/okonomi.xml', { body: section });
    app = await testApp(get(), { allowPrivateNetworks: true });
    ({ admin, orgId } = await onboardAdmin(app));
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await server.stop();
  });

  const addFeed = async (path: string) => {
    const res = await admin.post<FeedView>('/api/feeds', { url: `${server.url}${path}` });
    expect(res.status).toBe(201);
    return res.body;
  };
  const pollNow = async (feed: FeedView) => {
    const res = await admin.post<FeedView>(`/api/feeds/${feed.id}/poll`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const titled = (title: string) =>
    get()
      .db.select({ feedId: mentions.feedId, url: mentions.url, externalId: mentions.externalId })
      .from(mentions)
      .where(and(eq(mentions.orgId, orgId), eq(mentions.title, title)));

  let front: FeedView;
  let section: FeedView;

  it('stores the article once: the section feed skips the front page one, and says so', async () => {
    front = await addFeed('/forside.xml');
    section = await addFeed('/okonomi.xml');
    expect(await pollNow(front)).toMatchObject({
      status: 'ok',
      itemCount: 4,
      sameArticleCount: 0,
      lastPoll: { status: 'ok', newItems: 4, sameArticle: 0, stored: 4 },
    });
    expect(await pollNow(section)).toMatchObject({
      status: 'ok',
      itemCount: 3,
      sameArticleCount: 1,
      lastPoll: { status: 'ok', newItems: 4, sameArticle: 1, stored: 3 },
    });

    // One mention of the article, the front page's.
    expect(await titled('Fjellvind kutter prisene')).toEqual([
      { feedId: front.id, url: SHARED_ARTICLE, externalId: `${front.id}:forside-1` },
    ]);
    // Each feed's own article is stored once.
    expect(await titled('Seier i kveld')).toEqual([expect.objectContaining({ feedId: front.id })]);
    expect(await titled('Renten uendret')).toEqual([expect.objectContaining({ feedId: section.id })]);
    // Items without a link are never the same article: stored from both feeds.
    const noLink = await titled(NO_LINK_ITEM.title);
    expect(noLink.map((m) => [m.feedId, m.url]).sort()).toEqual(
      [
        [front.id, null],
        [section.id, null],
      ].sort(),
    );

    // The mentions list a comms lead reads: the article once.
    const page = await admin.get<MentionPage>('/api/mentions?source=rss&limit=200');
    expect(page.status).toBe(200);
    expect(page.body.mentions.filter((m) => m.title === 'Fjellvind kutter prisene')).toHaveLength(1);
    // A link to the bare site is no article: both feeds' homepage-linked items are stored.
    expect(await titled('Dagens sitat')).toEqual([expect.objectContaining({ feedId: front.id })]);
    expect(await titled('Børsen i dag')).toEqual([expect.objectContaining({ feedId: section.id })]);
    expect(page.body.mentions).toHaveLength(7);
  });

  it('counts the skipped item as seen for its feed: the next poll does not offer it again', async () => {
    // No ETag: every poll gets the whole document again.
    expect((await pollNow(section)).lastPoll).toEqual({
      status: 'ok',
      newItems: 0,
      sameArticle: 0,
      stored: 0,
    });
    const seen = await get()
      .db.select({ guid: feedItemsSeen.guid })
      .from(feedItemsSeen)
      .where(eq(feedItemsSeen.feedId, section.id));
    expect(seen.map((s) => s.guid).sort()).toEqual(['okonomi-77', 'okonomi-78', 'okonomi-79', 'okonomi-80']);
    expect(await titled('Fjellvind kutter prisene')).toHaveLength(1);
    // The front page polled again stores nothing either: its own earlier copy is no reason to skip anything.
    expect((await pollNow(front)).lastPoll).toMatchObject({ newItems: 0, sameArticle: 0, stored: 0 });
    // The feed list keeps the count, after any poll (scheduled ones too).
    const list = await admin.get<{ feeds: FeedView[] }>('/api/feeds');
    expect(list.body.feeds.map((f) => [f.id, f.sameArticleCount]).sort()).toEqual(
      [
        [front.id, 0],
        [section.id, 1],
      ].sort(),
    );
  });

  it('feeds polled together in one sweep store a shared article once', async () => {
    const shared = 'https://avis.example.no/kultur/konsert-i-parken';
    const item = (guid: string, link: string) => ({
      guid,
      link,
      title: 'Konsert i parken',
      text: 'Tusenvis kom til konserten i parken i går kveld.',
      published: ago(HOUR),
    });
    // Both answered at the same moment, once both have been asked: the two polls take their items in together.
    let asked = 0;
    let answer = () => {};
    const both = new Promise<void>((resolve) => {
      answer = resolve;
    });
    const before = () => {
      if (++asked === 2) answer();
      return both;
    };
    server.feeds.set('/kultur.xml', {
      body: rss('Avisa – kultur', 'nb-NO', [item('kultur-5', shared)]),
      before,
    });
    server.feeds.set('/morgen.xml', {
      body: rss('Avisa – morgen', 'nb-NO', [item('morgen-9', `${shared}?utm_campaign=morgen&fbclid=abc`)]),
      before,
    });
    const culture = await addFeed('/kultur.xml');
    const morning = await addFeed('/morgen.xml');
    // Only the two new feeds are due; both are fetched at the same time.
    const reports = await pollDueFeeds(get().db, { urlPolicy: { allowPrivate: true }, concurrency: 2 });
    expect(reports.map((r) => r.feedId).sort()).toEqual([culture.id, morning.id].sort());
    expect(reports.every((r) => r.status === 'ok' && r.newItems === 1)).toBe(true);
    expect(reports.map((r) => r.sameArticle).sort()).toEqual([0, 1]);
    expect(await titled('Konsert i parken')).toHaveLength(1);
    const counts = await get()
      .db.select({ id: feeds.id, itemCount: feeds.itemCount })
      .from(feeds)
      .where(inArray(feeds.id, [culture.id, morning.id]));
    expect(counts.map((c) => c.itemCount).sort()).toEqual([0, 1]);
  });
});

// Two worker processes sharing a PostgreSQL server (two pools here), each polling one of two feeds that carry
// the same article at the same moment: the organisation's take-in lock lets one store it, the other skip it.
describe.runIf(dbKinds.includes('postgres'))(
  'feeds: one article in two feeds, two processes [postgres]',
  () => {
    it('two processes polling the two feeds together store the article once', async () => {
      const server = new FeedServer();
      await server.start();
      const first = await freshDatabase('postgres');
      const second = await openPostgres(first.url!);
      try {
        const [org] = await queryRows<{ id: string }>(
          first.db,
          sql`insert into orgs (name) values ('Avisa') returning id`,
        );
        const shared = 'https://avis.example.no/sport/cupfinalen';
        let asked = 0;
        let answer = () => {};
        const both = new Promise<void>((resolve) => {
          answer = resolve;
        });
        const before = () => {
          if (++asked === 2) answer();
          return both;
        };
        const item = (guid: string, link: string) => ({
          guid,
          link,
          title: 'Cupfinalen avgjort på overtid',
          text: 'Cupfinalen ble avgjort på overtid i går.',
          published: ago(HOUR),
        });
        server.feeds.set('/sport.xml', {
          body: rss('Avisa – sport', 'nb-NO', [item('sport-1', shared)]),
          before,
        });
        server.feeds.set('/siste.xml', {
          body: rss('Avisa – siste', 'nb-NO', [item('siste-7', `${shared}?utm_source=siste`)]),
          before,
        });
        const rows = await queryRows<{ id: string }>(
          first.db,
          sql`insert into feeds (org_id, url) values (${org!.id}, ${`${server.url}/sport.xml`}),
          (${org!.id}, ${`${server.url}/siste.xml`}) returning id`,
        );
        const feedRows = await first.db
          .select()
          .from(feeds)
          .where(
            inArray(
              feeds.id,
              rows.map((r) => r.id),
            ),
          );
        const policy = { urlPolicy: { allowPrivate: true } };
        const reports = await Promise.all([
          pollFeed(first.db, feedRows[0]!, policy),
          pollFeed(second.db, feedRows[1]!, policy),
        ]);
        expect(reports.map((r) => r.status)).toEqual(['ok', 'ok']);
        expect(reports.map((r) => r.sameArticle).sort()).toEqual([0, 1]);
        const stored = await first.db
          .select({ id: mentions.id })
          .from(mentions)
          .where(and(eq(mentions.orgId, org!.id), eq(mentions.title, 'Cupfinalen avgjort på overtid')));
        expect(stored).toHaveLength(1);
      } finally {
        await second.close();
        await first.close();
        await server.stop();
      }
    });
  },
);
