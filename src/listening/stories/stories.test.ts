// Stories and influence end to end on PGlite and PostgreSQL: posts go through the real pipeline (ingest),
// are clustered incrementally (a cross-language story sharing a link and a quote, a near-duplicate story,
// a merge when a later post bridges two stories), authors are scored from engagement by other relevant
// authors (not followers), and the API serves stories and authors to the organisation only.

import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb, freshDatabase } from '../../../test/databases.ts';
import { addMember, type Client, onboardAdmin, testApp } from '../../../test/http.ts';
import { queryRows } from '../../db/connect.ts';
import type { App } from '../../http/app.ts';
import { silentLogger } from '../../jobs/definition.ts';
import { exportOrg, importOrg } from '../../team/transfer.ts';
import { computeInfluence, dirtyOrgs, influenceJobs, influenceOf } from '../influence/compute.ts';
import { type IncomingPost, ingest, removeMentions } from '../pipeline.ts';

const HOUR = 3_600_000;
const ago = (ms: number) => new Date(Date.now() - ms);
const ARTICLE = 'https://www.fjordnytt.no/nyheter/telenor-sjefen-om-nettnoytralitet';
const KARI_POST = 'at://did:plc:kari/app.bsky.feed.post/3kaa1';

interface StoryView {
  id: string;
  title: string;
  size: number;
  sources: string[];
  languages: string[];
  sentiment: { positive: number; negative: number; neutral: number };
}
interface StoryDetail extends StoryView {
  posts: { id: string; text: string; author: string | null; authorId: string | null; central: boolean }[];
  bySource: { source: string; count: number }[];
  byLanguage: { lang: string; count: number }[];
  series: { start: string; positive: number; negative: number; neutral: number }[];
}
interface AuthorView {
  id: string;
  handle: string;
  display: string;
  score: number;
  engagers: number;
  followers: number | null;
  parts: { key: string; count: number; points: number }[];
}
interface AuthorDetail extends AuthorView {
  engagedBy: { display: string; kinds: string[] }[];
  monitors: { name: string; count: number }[];
  mentions: { text: string; storyId: string }[];
}

const netStory = (): IncomingPost[] => [
  {
    source: 'bluesky',
    id: KARI_POST,
    url: 'https://bsky.app/profile/kari.example/post/3kaa1',
    author: 'kari.example',
    text: `Telenor-sjefen mener nettnøytralitet er unødvendig. Det er en dårlig idé for kundene. ${ARTICLE}?utm_source=bsky`,
    links: [`${ARTICLE}?utm_source=bsky`],
    lang: 'nb',
    publishedAt: ago(5 * HOUR),
  },
  {
    source: 'mastodon',
    id: 'https://social.example/users/hans/statuses/1',
    url: 'https://social.example/@hans/1',
    author: 'hans@social.example',
    text: 'Der Telenor-Chef hält Netzneutralität für unnötig. Eine schlechte Idee für die Kunden.',
    links: [`${ARTICLE}/#kommentarer`],
    lang: 'de',
    publishedAt: ago(4 * HOUR),
  },
  {
    source: 'bluesky',
    id: 'at://did:plc:ola/app.bsky.feed.post/3kaa2',
    url: 'https://bsky.app/profile/ola.example/post/3kaa2',
    author: 'ola.example',
    text: 'Helt enig med @kari.example her, nettnøytralitet må vi ha',
    quoteOf: 'https://bsky.app/profile/did:plc:kari/post/3kaa1',
    lang: 'nb',
    publishedAt: ago(3 * HOUR),
  },
];

const PRICE =
  'Strømprisen i Sør-Norge stiger kraftig denne uken etter en tørr høst og lite vind i hele landet, sier analytikerne hos Fjordkraft i en ny rapport';
const priceStory = (): IncomingPost[] => [
  {
    source: 'rss',
    id: 'feed-1:price',
    url: 'https://energi.example.no/2026/strompris',
    title: 'Strømprisen stiger',
    author: 'Energinytt',
    text: PRICE,
    lang: 'nb',
    publishedAt: ago(6 * HOUR),
  },
  {
    source: 'bluesky',
    id: 'at://did:plc:per/app.bsky.feed.post/3kbb1',
    author: 'per.example',
    text: PRICE.replace('kraftig', 'voldsomt'),
    lang: 'nb',
    publishedAt: ago(5 * HOUR),
  },
  {
    source: 'mastodon',
    id: 'https://social.example/users/liv/statuses/2',
    author: 'liv@social.example',
    text: `${PRICE.replace('denne uken', 'i uke 47')} 😡`,
    lang: 'nb',
    publishedAt: ago(4 * HOUR),
  },
];

describeEachDb('stories and influence', (get) => {
  let app: App;
  let admin: Client;
  let viewer: Client;
  let orgId: string;
  let otherOrg: string;
  let netMonitor: string;

  beforeAll(async () => {
    app = await testApp(get());
    ({ admin, orgId } = await onboardAdmin(app));
    ({ client: viewer } = await addMember(app, admin, 'viewer', 'viewer@example.no'));
    const other = await admin.post<{ org: { id: string } }>('/api/orgs', { name: 'Annen Org' });
    otherOrg = other.body.org.id;
    // Back in the first organisation (creating one may switch to it).
    await admin.put('/api/session/org', { orgId });
    const m1 = await admin.post<{ id: string }>('/api/monitors', {
      name: 'Nettnøytralitet',
      query: 'nettnøytralitet OR netzneutralität OR telenor*',
    });
    const m2 = await admin.post<{ id: string }>('/api/monitors', {
      name: 'Strøm',
      query: 'strømprisen OR strøm*',
    });
    expect(m1.status).toBe(201);
    expect(m2.status).toBe(201);
    netMonitor = m1.body.id;
    await ingest(get().db, orgId, [...priceStory(), ...netStory()]);
  }, 60_000);

  it('clusters posts into two stories: one across languages by a shared link and a quote, one by near-duplicate text', async () => {
    const res = await viewer.get<{ stories: StoryView[] }>('/api/stories?minSize=2');
    expect(res.status).toBe(200);
    const bySize = res.body.stories.map((s) => [s.size, s.languages.join(','), s.sources.join(',')]).sort();
    expect(bySize).toEqual([
      [3, 'de,nb', 'bluesky,mastodon'],
      [3, 'nb', 'bluesky,mastodon,rss'],
    ]);
    const all = await viewer.get<{ stories: StoryView[] }>('/api/stories');
    expect(all.body.stories.reduce((n, s) => n + s.size, 0)).toBe(6);
    const net = res.body.stories.find((s) => s.languages.includes('de'))!;
    // The most central post titles the story: Kari's, which both others connect to.
    expect(net.title).toMatch(/^Telenor-sjefen mener nettnøytralitet/);
    expect(net.sentiment.positive + net.sentiment.negative + net.sentiment.neutral).toBe(3);
  });

  it('adds later posts to their story incrementally, and merges two stories a post bridges', async () => {
    await ingest(get().db, orgId, [
      {
        source: 'bluesky',
        id: 'at://did:plc:siri/app.bsky.feed.post/3kbb9',
        author: 'siri.example',
        text: `${PRICE.replace('analytikerne', 'ekspertene')}!`,
        lang: 'nb',
        publishedAt: ago(2 * HOUR),
      },
      {
        source: 'rss',
        id: 'feed-1:a',
        url: 'https://energi.example.no/2026/nettleie',
        title: 'Nettleien øker',
        text: 'Nettleien øker fra nyttår for alle husholdninger i regionen.',
        lang: 'nb',
        publishedAt: ago(3 * HOUR),
      },
      {
        source: 'rss',
        id: 'feed-1:b',
        url: 'https://energi.example.no/2026/fiber',
        title: 'Fiberutbygging',
        text: 'Kommunen bygger ut fiber til hytter langs kysten neste sommer.',
        lang: 'nb',
        publishedAt: ago(3 * HOUR),
      },
    ]);
    let stories = (await viewer.get<{ stories: StoryView[] }>('/api/stories?minSize=2')).body.stories;
    expect(stories.map((s) => s.size).sort()).toEqual([3, 4]);
    await ingest(get().db, orgId, [
      {
        source: 'mastodon',
        id: 'https://social.example/users/liv/statuses/9',
        author: 'liv@social.example',
        text: 'To saker fra Energinytt i dag',
        links: [
          'https://energi.example.no/2026/nettleie',
          'https://energi.example.no/2026/fiber?utm_campaign=x',
        ],
        lang: 'nb',
        publishedAt: ago(HOUR),
      },
    ]);
    stories = (await viewer.get<{ stories: StoryView[] }>('/api/stories?minSize=2')).body.stories;
    expect(stories.map((s) => s.size).sort()).toEqual([3, 3, 4]);
    // Reingesting the same posts changes nothing.
    await ingest(get().db, orgId, netStory());
    stories = (await viewer.get<{ stories: StoryView[] }>('/api/stories?minSize=2')).body.stories;
    expect(stories.map((s) => s.size).sort()).toEqual([3, 3, 4]);
  });

  it('shrinks a story when the source deletes one of its posts, and drops it when none are left', async () => {
    const before = (await viewer.get<{ stories: StoryView[] }>('/api/stories?minSize=2')).body.stories;
    const bridge = before.find((s) => s.size === 3 && s.sources.join(',') === 'mastodon,rss')!;
    expect(bridge).toBeDefined();
    await removeMentions(get().db, orgId, [
      { source: 'mastodon', externalId: 'https://social.example/users/liv/statuses/9' },
    ]);
    // The bridge is gone: its story is recounted (the merge stays; it is one story of two now).
    const after = (await viewer.get<StoryView>(`/api/stories/${bridge.id}`)).body;
    expect(after.size).toBe(2);
    expect(after.sources).toEqual(['rss']);
    await removeMentions(get().db, orgId, [
      { source: 'rss', externalId: 'feed-1:a' },
      { source: 'rss', externalId: 'feed-1:b' },
    ]);
    expect((await viewer.get(`/api/stories/${bridge.id}`)).status).toBe(404);
  });

  it('filters stories by monitor and time, and shows one story with posts, sources, languages and sentiment over time', async () => {
    const byMonitor = await viewer.get<{ stories: StoryView[] }>(
      `/api/stories?monitor=${netMonitor}&minSize=2`,
    );
    expect(byMonitor.body.stories).toHaveLength(1);
    const future = await viewer.get<{ stories: StoryView[] }>(
      `/api/stories?from=${encodeURIComponent(new Date(Date.now() + HOUR).toISOString())}`,
    );
    expect(future.body.stories).toHaveLength(0);
    const id = byMonitor.body.stories[0]!.id;
    const detail = await viewer.get<StoryDetail>(`/api/stories/${id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.posts).toHaveLength(3);
    expect(detail.body.posts.filter((p) => p.central)).toHaveLength(1);
    expect(detail.body.bySource).toEqual([
      { source: 'bluesky', count: 2 },
      { source: 'mastodon', count: 1 },
    ]);
    expect(detail.body.byLanguage).toEqual([
      { lang: 'nb', count: 2 },
      { lang: 'de', count: 1 },
    ]);
    expect(detail.body.series.reduce((n, b) => n + b.positive + b.negative + b.neutral, 0)).toBe(3);
    expect(detail.body.posts.every((p) => p.authorId)).toBe(true);
  });

  it('scores authors by engagement from other relevant authors, not by followers, and explains the score', async () => {
    await ingest(get().db, orgId, [
      {
        source: 'mastodon',
        id: 'https://social.example/users/hans/statuses/3',
        author: 'hans@social.example',
        text: 'Antwort an Kari: Telenor muss die Netzneutralität respektieren',
        replyTo: KARI_POST,
        lang: 'de',
        publishedAt: ago(2 * HOUR),
      },
      {
        source: 'bluesky',
        id: 'at://did:plc:star/app.bsky.feed.post/3kcc1',
        author: 'star.example',
        authorFollowers: 2_000_000,
        text: 'Telenor har nye mobilabonnement i dag, sjekk dem ut',
        lang: 'nb',
        publishedAt: ago(2 * HOUR),
      },
    ]);
    await computeInfluence(get().db, orgId);
    const top = await viewer.get<{ authors: AuthorView[] }>('/api/authors');
    expect(top.status).toBe(200);
    const kari = top.body.authors[0]!;
    expect(kari.handle).toBe('kari.example');
    const star = top.body.authors.find((a) => a.handle === 'star.example')!;
    expect(star.followers).toBe(2_000_000);
    expect(star.score).toBeLessThan(kari.score);
    expect(kari.engagers).toBe(2);
    const parts = Object.fromEntries(kari.parts.map((p) => [p.key, p.count]));
    expect(parts).toMatchObject({ replies: 1, quotes: 1, mentionedBy: 1, monitors: 1, activity: 1 });
    const detail = await viewer.get<AuthorDetail>(`/api/authors/${kari.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.engagedBy.map((e) => [e.display, e.kinds.join(',')]).sort()).toEqual([
      ['hans@social.example', 'reply'],
      ['ola.example', 'mention,quote'],
    ]);
    expect(detail.body.monitors).toEqual([{ id: netMonitor, name: 'Nettnøytralitet', count: 1 }]);
    expect(detail.body.mentions).toHaveLength(1);
    const byHandle = await viewer.get<{ authors: AuthorView[] }>(
      '/api/authors?handle=%40Kari.example&source=bluesky',
    );
    expect(byHandle.body.authors.map((a) => a.id)).toEqual([kari.id]);
    const byMonitor = await viewer.get<{ authors: AuthorView[] }>(`/api/authors?monitor=${netMonitor}`);
    expect(byMonitor.body.authors.map((a) => a.handle)).not.toContain('per.example');
  });

  it('travels whole through org export and import, and keeps clustering there', async () => {
    const exported = await exportOrg(get().db, orgId);
    const other = await freshDatabase('pglite');
    try {
      await importOrg(other.db, JSON.parse(JSON.stringify(exported)));
      const count = async (table: string) =>
        (
          await queryRows<{ n: number }>(
            other.db,
            sql`select count(*)::int as n from ${sql.raw(table)} where org_id = ${orgId}`,
          )
        )[0]!.n;
      for (const t of ['stories', 'story_members', 'authors', 'mention_refs'])
        expect(await count(t), t).toBe(exported.tables[t]?.length);
      const [keys] = await queryRows<{ n: number }>(
        other.db,
        sql`select (sum(length(keys)) / 8)::int as n from story_members where org_id = ${orgId}`,
      );
      expect(keys!.n).toBeGreaterThan(50);
      // The imported keys still find their story: a near-duplicate joins the price story there.
      await ingest(other.db, orgId, [
        {
          source: 'bluesky',
          id: 'at://did:plc:x/app.bsky.feed.post/3kzz',
          text: `${PRICE} (via Energinytt)`,
          publishedAt: ago(HOUR),
        },
      ]);
      const [row] = await queryRows<{ size: number }>(
        other.db,
        sql`select max(size)::int as size from stories where org_id = ${orgId}`,
      );
      expect(row?.size).toBe(5);
    } finally {
      await other.close();
    }
  });

  it('rescores organisations with new mentions in the periodic job, and only those', async () => {
    await ingest(get().db, orgId, [
      {
        source: 'bluesky',
        id: 'at://did:plc:ny/app.bsky.feed.post/3kdd1',
        author: 'ny.example',
        text: 'Svar til Kari: Telenor må respektere nettnøytralitet',
        replyTo: KARI_POST,
        publishedAt: ago(HOUR),
      },
    ]);
    expect(await dirtyOrgs(get().db)).toEqual([orgId]);
    const [job] = influenceJobs();
    const ctx = {
      jobId: 'j',
      orgId: null,
      attempt: 1,
      maxAttempts: 3,
      signal: new AbortController().signal,
      log: silentLogger,
      db: get().db,
    };
    await job!.run({}, ctx);
    expect(await dirtyOrgs(get().db)).toEqual([]);
    const kari = (await viewer.get<{ authors: AuthorView[] }>('/api/authors?handle=kari.example')).body
      .authors[0]!;
    expect(kari.engagers).toBe(3);
    expect(kari.parts.find((p) => p.key === 'replies')?.count).toBe(2);
    // As storm detection would ask: the score of the authors of some posts, as the posts name them.
    const scores = await influenceOf(get().db, orgId, [
      { source: 'bluesky', author: '@Kari.example' },
      { source: 'mastodon', author: 'kari.example' },
      { source: 'rss', author: null },
    ]);
    expect([...scores.entries()]).toEqual([['bluesky\u0000@Kari.example', kari.score]]);
  });

  describe('boundaries', () => {
    it('refuses bad filters with 400 naming the field, and unknown ids with 404', async () => {
      const bad = await viewer.get<{ message: string }>('/api/stories?minSize=0');
      expect(bad.status).toBe(400);
      expect(bad.body.message).toMatch(/minSize/);
      expect((await viewer.get('/api/stories/not-a-uuid')).status).toBe(400);
      expect((await viewer.get('/api/authors/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    });

    it("shows nothing of one organisation's stories or authors to another", async () => {
      const mine = (await viewer.get<{ stories: StoryView[] }>('/api/stories')).body.stories;
      const authors = (await viewer.get<{ authors: AuthorView[] }>('/api/authors')).body.authors;
      await admin.put('/api/session/org', { orgId: otherOrg });
      try {
        expect((await admin.get<{ stories: StoryView[] }>('/api/stories')).body.stories).toEqual([]);
        expect((await admin.get<{ authors: AuthorView[] }>('/api/authors')).body.authors).toEqual([]);
        expect((await admin.get(`/api/stories/${mine[0]!.id}`)).status).toBe(404);
        expect((await admin.get(`/api/authors/${authors[0]!.id}`)).status).toBe(404);
      } finally {
        await admin.put('/api/session/org', { orgId });
      }
    });
  });
});
