// Listening end to end over real HTTP on PGlite and PostgreSQL: monitors (validate, test, CRUD, backfill),
// feeds served by a real local HTTP server (SSRF refusal, conditional GET, per-feed errors and backoff, the
// polling job), the pipeline (language, sentiment, matching, dedupe) and the mentions API with its filters
// and charts.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb } from '../../test/databases.ts';
import { addMember, Client, onboardAdmin, PASSWORD, testApp } from '../../test/http.ts';
import type { App } from '../http/app.ts';
import { silentLogger } from '../jobs/definition.ts';
import { listeningJobs } from './jobs.ts';
import { enrich, ingest, pipelineSink, store } from './pipeline.ts';
import { feeds, mentionMatches, mentions } from './schema.ts';
import { FeedServer, rss } from './test-support.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(Date.now() - ms);

interface Mention {
  id: string;
  source: string;
  title: string | null;
  text: string;
  author: string | null;
  lang: string;
  sentiment: string;
  url: string | null;
  at: string;
  monitors: { id: string; name: string }[];
}
interface MentionPage {
  mentions: Mention[];
  nextCursor: string | null;
}
interface FeedView {
  id: string;
  url: string;
  title: string | null;
  status: string;
  lastError: string | null;
  lastErrorKind: string | null;
  consecutiveFailures: number;
  nextPollAt: string;
  itemCount: number;
}

const newsItems = () => [
  {
    guid: 'n1',
    title: 'Kundene raser mot Fjellvind',
    text: 'Kundene er sinte og skuffet over Fjellvind etter utspillet om nettnøytralitet. Dette er en skandale og helt forferdelig.',
    author: 'Kari Nordmann',
    published: ago(2 * HOUR),
  },
  {
    guid: 'n2',
    title: 'Ros til Fjellvind',
    text: 'Fjellvind leverer fantastisk service, og kundene er svært fornøyde og glade.',
    author: 'Ola Hansen',
    published: ago(5 * HOUR),
  },
  {
    guid: 'n3',
    title: 'Tur i fjellet',
    text: 'Vi gjekk på tur i fjellet i går, og det var ein fin dag med mykje sol og godt humør.',
    author: 'Ivar Aasen',
    published: ago(26 * HOUR),
  },
  {
    guid: 'n-old',
    title: 'Gammel sak om Fjellvind',
    text: 'Fjellvind la fram årsrapporten for lenge siden.',
    published: ago(10 * DAY),
  },
];

async function signIn(app: App, orgId: string): Promise<Client> {
  const c = new Client(app);
  const login = await c.post('/api/auth/login', { email: 'ingrid@example.no', password: PASSWORD });
  if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
  const switched = await c.put('/api/session/org', { orgId });
  if (switched.status !== 200) throw new Error(`switch failed: ${switched.status}`);
  return c;
}

describeEachDb('listening over HTTP', (get) => {
  let app: App;
  let strictApp: App;
  let admin: Client;
  let viewer: Client;
  let other: Client;
  let strictAdmin: Client;
  const server = new FeedServer();

  beforeAll(async () => {
    await server.start();
    server.feeds.set('/news.xml', { body: rss('Fjordnytt', 'nb-NO', newsItems()), etag: '"v1"' });
    server.feeds.set('/de.xml', {
      body: rss('Nachrichten', 'de', [
        {
          guid: 'd1',
          title: 'Netzneutralität',
          text: 'Fjellvind macht einen großartigen Job, wir sind sehr zufrieden mit dem Service.',
          author: 'Jörg Müller',
          published: ago(3 * HOUR),
        },
      ]),
    });
    server.feeds.set('/broken.xml', { status: 500, body: 'oops' });
    server.feeds.set('/not-a-feed.xml', { contentType: 'text/html', body: '<html><body>Hei</body></html>' });
    app = await testApp(get(), { allowPrivateNetworks: true });
    strictApp = await testApp(get());
    let orgA: string;
    ({ admin, orgId: orgA } = await onboardAdmin(app));
    ({ client: viewer } = await addMember(app, admin, 'viewer', 'viewer@example.no'));
    // The same person signed in twice: one session in a second organisation, to see nothing leaks across.
    other = await signIn(app, orgA);
    expect((await other.post('/api/orgs', { name: 'Annen Org' })).status).toBe(201);
    strictAdmin = await signIn(strictApp, orgA);
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    await strictApp?.close();
    await server.stop();
  });

  it('validates a query as the editor types: the position and the reason, or the normalised query', async () => {
    const bad = await viewer.post('/api/monitors/validate', { query: 'fjellvind AND "nett nøytralitet' });
    expect(bad.status).toBe(200);
    expect(bad.body).toMatchObject({ ok: false, error: { position: 14, reason: 'unclosed quote' } });
    const near = await viewer.post('/api/monitors/validate', { query: 'fjellvind NEAR/3' });
    expect(near.body).toMatchObject({ ok: false, error: { reason: expect.stringMatching(/NEAR/) } });
    const good = await viewer.post('/api/monitors/validate', { query: 'fjellvind  and nett*' });
    expect(good.body).toMatchObject({ ok: true, normalised: expect.any(String) });
  });

  it('refuses a bad query on create and update with 400 naming the position; a viewer may not create', async () => {
    const bad = await admin.post('/api/monitors', { name: 'Feil', query: '(fjellvind OR kunde' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: 'invalid_query', details: { position: expect.any(Number) } });
    expect(String(bad.body.message)).toMatch(/^query: .* at \d+$/);
    const empty = await admin.post('/api/monitors', { name: 'Tom', query: '  ' });
    expect(empty.status).toBe(400);
    expect(String(empty.body.message)).toMatch(/^query:/);
    const byViewer = await viewer.post('/api/monitors', { name: 'X', query: 'fjellvind' });
    expect(byViewer.status).toBe(403);
    const test = await admin.post('/api/monitors/test', { query: 'a NEAR/x b' });
    expect(test.status).toBe(400);
  });

  it('refuses a loopback feed URL unless the instance allows private networks', async () => {
    const refused = await strictAdmin.post('/api/feeds', { url: `${server.url}/news.xml` });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ error: 'unsafe_url' });
    expect(String(refused.body.message)).toMatch(/^url: .*127\.0\.0\.1.*loopback/);
    const scheme = await admin.post('/api/feeds', { url: 'file:///etc/passwd' });
    expect(scheme.status).toBe(400);
    expect(String(scheme.body.message)).toMatch(/^url: Only http and https/);
  });

  let newsFeed: FeedView;
  let fjellvind: { id: string };
  let negativeOnly: { id: string };

  it('polls a feed: new items become mentions with language, sentiment and the monitors they match', async () => {
    fjellvind = (await admin.post<{ id: string }>('/api/monitors', { name: 'Fjellvind', query: 'fjellvind' }))
      .body;
    negativeOnly = (
      await admin.post<{ id: string }>('/api/monitors', {
        name: 'Tysk',
        query: 'fjellvind AND lang:de',
        sources: ['rss'],
      })
    ).body;
    const created = await admin.post<FeedView>('/api/feeds', { url: `${server.url}/news.xml` });
    expect(created.status).toBe(201);
    newsFeed = created.body;
    expect(newsFeed.status).toBe('waiting');
    const dup = await admin.post('/api/feeds', { url: `${server.url}/news.xml` });
    expect(dup.status).toBe(409);

    const polled = await admin.post<FeedView>(`/api/feeds/${newsFeed.id}/poll`);
    expect(polled.status).toBe(200);
    expect(polled.body).toMatchObject({ status: 'ok', title: 'Fjordnytt', itemCount: 4, lastError: null });

    const page = await viewer.get<MentionPage>('/api/mentions');
    expect(page.status).toBe(200);
    const byTitle = new Map(page.body.mentions.map((m) => [m.title, m]));
    expect(byTitle.get('Kundene raser mot Fjellvind')).toMatchObject({
      source: 'rss',
      lang: 'nb',
      sentiment: 'negative',
      author: 'Kari Nordmann',
      url: 'https://feed.example.no/n1',
      monitors: [{ id: fjellvind.id, name: 'Fjellvind' }],
    });
    expect(byTitle.get('Ros til Fjellvind')).toMatchObject({ lang: 'nb', sentiment: 'positive' });
    expect(byTitle.get('Tur i fjellet')).toMatchObject({ lang: 'nn', monitors: [] });
    // Newest first.
    expect(page.body.mentions[0]!.title).toBe('Kundene raser mot Fjellvind');

    // The next poll is conditional: the server answers 304 and nothing new is stored.
    const again = await admin.post<FeedView>(`/api/feeds/${newsFeed.id}/poll`);
    expect(again.body.itemCount).toBe(4);
    expect(server.requests.filter((r) => r.path === '/news.xml').at(-1)?.ifNoneMatch).toBe('"v1"');

    // A changed feed: only the new item goes through; the repeated ones are not stored twice.
    server.feeds.set('/news.xml', {
      body: rss('Fjordnytt', 'nb-NO', [
        {
          guid: 'n4',
          title: 'Fjellvind svarer',
          text: 'Fjellvind beklager og lover bedre dialog med kundene.',
          published: ago(HOUR),
        },
        ...newsItems(),
      ]),
      etag: '"v2"',
    });
    const third = await admin.post<FeedView>(`/api/feeds/${newsFeed.id}/poll`);
    expect(third.body.itemCount).toBe(5);
    const all = await viewer.get<MentionPage>('/api/mentions?limit=200');
    expect(all.body.mentions).toHaveLength(5);
  });

  it('records a failing feed’s error on that feed, backs it off, and keeps polling the others', async () => {
    const broken = (await admin.post<FeedView>('/api/feeds', { url: `${server.url}/broken.xml` })).body;
    const notFeed = (await admin.post<FeedView>('/api/feeds', { url: `${server.url}/not-a-feed.xml` })).body;
    const de = (await admin.post<FeedView>('/api/feeds', { url: `${server.url}/de.xml` })).body;
    const [job] = listeningJobs({ urlPolicy: { allowPrivate: true } });
    const controller = new AbortController();
    await job!.run(
      {},
      {
        jobId: 'test',
        orgId: null,
        attempt: 1,
        maxAttempts: 1,
        signal: controller.signal,
        log: silentLogger,
        db: get().db,
      },
    );
    const list = (await viewer.get<{ feeds: FeedView[] }>('/api/feeds')).body.feeds;
    const byId = new Map(list.map((f) => [f.id, f]));
    expect(byId.get(broken.id)).toMatchObject({
      status: 'failing',
      lastErrorKind: 'http',
      consecutiveFailures: 1,
      lastError: expect.stringMatching(/HTTP 500/),
    });
    expect(new Date(byId.get(broken.id)!.nextPollAt).getTime()).toBeGreaterThan(Date.now() + 10 * 60_000);
    expect(byId.get(notFeed.id)).toMatchObject({ status: 'failing', lastErrorKind: 'parse' });
    expect(byId.get(de.id)).toMatchObject({ status: 'ok', itemCount: 1, lastError: null });

    // Failing again doubles the wait.
    const first = new Date(byId.get(broken.id)!.nextPollAt).getTime();
    const second = (await admin.post<FeedView>(`/api/feeds/${broken.id}/poll`)).body;
    expect(second.consecutiveFailures).toBe(2);
    expect(new Date(second.nextPollAt).getTime() - Date.now()).toBeGreaterThan(
      first - Date.now() + 10 * 60_000,
    );

    // The German item reached the German-only monitor; the Norwegian ones did not.
    const german = await viewer.get<MentionPage>(`/api/mentions?monitor=${negativeOnly.id}`);
    expect(german.body.mentions.map((m) => m.lang)).toEqual(['de']);
    expect(german.body.mentions[0]).toMatchObject({ sentiment: 'positive', author: 'Jörg Müller' });

    // A feed recovers: the error clears and the failure count resets.
    server.feeds.set('/broken.xml', { body: rss('Fikset', 'nb', []) });
    const fixed = (await admin.post<FeedView>(`/api/feeds/${broken.id}/poll`)).body;
    expect(fixed).toMatchObject({ status: 'ok', lastError: null, consecutiveFailures: 0 });
  });

  it('tests a query against the last 7 days and backfills a new monitor from them', async () => {
    const test = await viewer.post<{ matched: number; scanned: number; samples: Mention[] }>(
      '/api/monitors/test',
      { query: 'kund* AND NOT fjellet' },
    );
    expect(test.status).toBe(200);
    // n1, n2, n4 mention kunder; the 10-day-old item is outside the window and n3 is excluded.
    expect(test.body.matched).toBe(3);
    // Five of the six stored mentions are from the last 7 days.
    expect(test.body.scanned).toBe(5);
    expect(test.body.samples.map((s) => s.title)).toEqual([
      'Fjellvind svarer',
      'Kundene raser mot Fjellvind',
      'Ros til Fjellvind',
    ]);
    const languages = await viewer.post<{ matched: number }>('/api/monitors/test', {
      query: 'fjellvind',
      languages: ['de'],
    });
    expect(languages.body.matched).toBe(1);

    const created = await admin.post<{ id: string; recentMatches: number }>('/api/monitors', {
      name: 'Kunder',
      query: 'kund* AND NOT fjellet',
    });
    expect(created.status).toBe(201);
    expect(created.body.recentMatches).toBe(3);
    const mentions = await viewer.get<MentionPage>(`/api/mentions?monitor=${created.body.id}`);
    expect(mentions.body.mentions).toHaveLength(3);

    // Changing the query redoes the recent matches.
    const patched = await admin.patch<{ recentMatches: number; query: string }>(
      `/api/monitors/${created.body.id}`,
      { query: '"fantastisk service"' },
    );
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ recentMatches: 1, query: '"fantastisk service"' });
    const badPatch = await admin.patch(`/api/monitors/${created.body.id}`, { query: 'fjellvind)' });
    expect(badPatch.status).toBe(400);
    const off = await admin.patch<{ active: boolean }>(`/api/monitors/${created.body.id}`, { active: false });
    expect(off.body.active).toBe(false);

    const list = await viewer.get<{ monitors: { name: string; recentMatches: number }[] }>('/api/monitors');
    expect(list.body.monitors.map((m) => m.name)).toEqual(['Fjellvind', 'Kunder', 'Tysk']);
    const del = await admin.delete(`/api/monitors/${created.body.id}`);
    expect(del.status).toBe(204);
    expect((await viewer.get(`/api/monitors/${created.body.id}`)).status).toBe(404);
  });

  it('filters mentions by source, language, sentiment, time, author and text, and pages them', async () => {
    const q = async (qs: string) => (await viewer.get<MentionPage>(`/api/mentions?${qs}`)).body.mentions;
    expect((await q('sentiment=negative')).map((m) => m.title)).toEqual(['Kundene raser mot Fjellvind']);
    const positive = await q('sentiment=positive');
    expect(positive.map((m) => m.title)).toContain('Ros til Fjellvind');
    expect(positive.every((m) => m.sentiment === 'positive')).toBe(true);
    expect((await q('sentiment=positive,negative')).length).toBe(positive.length + 1);
    expect((await q('lang=de')).map((m) => m.lang)).toEqual(['de']);
    expect((await q('lang=no')).every((m) => m.lang === 'nb' || m.lang === 'nn')).toBe(true);
    expect((await q('lang=no')).length).toBe(5);
    expect((await q('lang=nn')).map((m) => m.title)).toEqual(['Tur i fjellet']);
    expect((await q('source=rss')).length).toBe(6);
    expect((await q('source=bluesky')).length).toBe(0);
    expect((await q('author=kari')).map((m) => m.author)).toEqual(['Kari Nordmann']);
    expect((await q('q=NETTNØYTRALITET')).map((m) => m.title)).toEqual(['Kundene raser mot Fjellvind']);
    expect((await q('q=100%25')).length).toBe(0);
    expect((await q(`from=${encodeURIComponent(ago(4 * HOUR).toISOString())}`)).length).toBe(3);
    expect((await q(`to=${encodeURIComponent(ago(7 * DAY).toISOString())}`)).map((m) => m.title)).toEqual([
      'Gammel sak om Fjellvind',
    ]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: MentionPage } = await viewer.get<MentionPage>(
        `/api/mentions?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...res.body.mentions.map((m) => m.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);

    expect((await viewer.get('/api/mentions?sentiment=angry')).status).toBe(400);
    expect((await viewer.get('/api/mentions?cursor=bogus')).status).toBe(400);
    expect((await viewer.get('/api/mentions?monitor=11111111-1111-4111-8111-111111111111')).status).toBe(404);
  });

  it('counts volume and sentiment per monitor by day and by hour, gaps filled', async () => {
    const days = await viewer.get<{
      series: { start: string; total: number; positive: number; negative: number; neutral: number }[];
      totals: { total: number; positive: number; negative: number };
      timeZone: string;
    }>(`/api/monitors/${fjellvind.id}/stats?bucket=day`);
    expect(days.status).toBe(200);
    expect(days.body.timeZone).toBe('Europe/Oslo');
    expect(days.body.series.length).toBeGreaterThanOrEqual(30);
    // Fjellvind: n1 (neg), n2 (pos), n4, de1 (pos) in the last day or so; the old one 10 days ago.
    expect(days.body.totals.total).toBe(5);
    expect(days.body.totals.negative).toBe(1);
    const sum = days.body.series.reduce((n, b) => n + b.total, 0);
    expect(sum).toBe(5);
    const hours = await viewer.get<{ series: { start: string; total: number }[] }>(
      `/api/monitors/${fjellvind.id}/stats?bucket=hour`,
    );
    expect(hours.body.series.length).toBeGreaterThanOrEqual(48);
    expect(hours.body.series.reduce((n, b) => n + b.total, 0)).toBe(4);
    const starts = hours.body.series.map((b) => new Date(b.start).getTime());
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBe(HOUR);
    const tooWide = await viewer.get(
      `/api/monitors/${fjellvind.id}/stats?bucket=hour&from=2020-01-01T00:00:00Z&to=2025-01-01T00:00:00Z`,
    );
    expect(tooWide.status).toBe(400);
  });

  it('keeps organisations apart', async () => {
    expect((await other.get<MentionPage>('/api/mentions')).body.mentions).toHaveLength(0);
    expect((await other.get<{ monitors: unknown[] }>('/api/monitors')).body.monitors).toHaveLength(0);
    expect((await other.get<{ feeds: unknown[] }>('/api/feeds')).body.feeds).toHaveLength(0);
    expect((await other.get(`/api/monitors/${fjellvind.id}`)).status).toBe(404);
    expect((await other.post(`/api/feeds/${newsFeed.id}/poll`)).status).toBe(404);
    expect((await other.get(`/api/monitors/${fjellvind.id}/stats`)).status).toBe(404);
    const test = await other.post<{ matched: number }>('/api/monitors/test', { query: 'fjellvind' });
    expect(test.body.matched).toBe(0);
  });

  it('ingest de-duplicates per org, source and external id and sees monitor changes at once', async () => {
    const db = get().db;
    const [feedRow] = await db.select().from(feeds).limit(1);
    const orgId = feedRow!.orgId;
    const post = {
      id: 'at://did:plc:abc/app.bsky.feed.post/1',
      text: 'Fjellvind og vindkraft: helt fantastisk!',
      source: 'bluesky' as const,
      author: 'kari.bsky.social',
      publishedAt: new Date(),
    };
    const first = await ingest(db, orgId, [post, post]);
    expect(first).toMatchObject({ received: 2, stored: 1, duplicates: 1, matches: 1 });
    const again = await ingest(db, orgId, [post]);
    expect(again).toMatchObject({ stored: 0, duplicates: 1, matches: 0 });
    // The same id from another source is another mention.
    const mastodon = await ingest(db, orgId, [{ ...post, source: 'mastodon' }]);
    expect(mastodon.stored).toBe(1);

    // A monitor created now is in the index the very next ingest uses.
    const vind = await admin.post<{ id: string }>('/api/monitors', {
      name: 'Vindkraft',
      query: 'vindkraft*',
    });
    expect(vind.status).toBe(201);
    const next = await ingest(db, orgId, [
      { ...post, id: 'at://did:plc:abc/app.bsky.feed.post/2', text: 'Mer om vindkraften i nord' },
    ]);
    expect(next.matches).toBe(1);
    const matched = await viewer.get<MentionPage>(`/api/mentions?monitor=${vind.body.id}`);
    // Backfill found the first Bluesky/Mastodon posts; ingest found the new one.
    expect(matched.body.mentions.map((m) => m.source).sort()).toEqual(['bluesky', 'bluesky', 'mastodon']);

    // Paused, it matches nothing new; switched back on, it catches up on what came in meanwhile.
    await admin.patch(`/api/monitors/${vind.body.id}`, { active: false });
    const paused = await ingest(db, orgId, [
      { ...post, id: 'at://did:plc:abc/app.bsky.feed.post/3', text: 'Vindkraftverket står stille' },
    ]);
    expect(paused.matches).toBe(0);
    const resumed = await admin.patch<{ recentMatches: number }>(`/api/monitors/${vind.body.id}`, {
      active: true,
    });
    expect(resumed.body.recentMatches).toBe(4);

    // A live source's sink: posts in, and a deletion at the source removes the mention and its matches.
    const sink = pipelineSink(db, orgId);
    const fourth = 'at://did:plc:abc/app.bsky.feed.post/4';
    await sink.write({
      posts: [
        {
          ...post,
          id: fourth,
          externalId: fourth,
          text: 'Vindkraft i vinden',
          authorDisplay: 'Kari',
          mentions: [],
          hashtags: [],
          langs: ['nb'],
        },
      ],
      deletes: [{ source: 'bluesky', externalId: post.id, deletedAt: new Date() }],
    });
    const after = await viewer.get<MentionPage>(`/api/mentions?monitor=${vind.body.id}&source=bluesky`);
    expect(after.body.mentions.map((m) => m.text).sort()).toEqual([
      'Mer om vindkraften i nord',
      'Vindkraft i vinden',
      'Vindkraftverket står stille',
    ]);
  });

  it('a monitor deleted between matching and storing loses its match; the mention and the other matches are stored once', async () => {
    const db = get().db;
    const [feedRow] = await db.select().from(feeds).limit(1);
    const orgId = feedRow!.orgId;
    const kept = await admin.post<{ id: string }>('/api/monitors', { name: 'Solkraft', query: 'solkraft' });
    const gone = await admin.post<{ id: string }>('/api/monitors', { name: 'Solkraft 2', query: 'solkraft' });
    const post = {
      id: 'sol-1',
      text: 'Solkraft på taket gir strøm hele sommeren.',
      source: 'mastodon' as const,
      publishedAt: new Date(),
    };
    const e = enrich(post, null);
    // Named twice (a caller's slip): stored once.
    e.monitorIds = [kept.body.id, gone.body.id, kept.body.id];
    expect((await admin.delete(`/api/monitors/${gone.body.id}`)).status).toBe(204);
    const r = await store(db, orgId, [e]);
    expect(r.stored).toBe(1);
    const [row] = await db.select().from(mentions).where(eq(mentions.externalId, 'sol-1'));
    const matched = await db.select().from(mentionMatches).where(eq(mentionMatches.mentionId, row!.id));
    expect(matched.map((m) => m.monitorId)).toEqual([kept.body.id]);
  });

  it('a live stream stores only what a monitor matches, and a language filter still reads each post’s language', async () => {
    const db = get().db;
    const [feedRow] = await db.select().from(feeds).limit(1);
    const orgId = feedRow!.orgId;
    const danish = await admin.post<{ id: string }>('/api/monitors', {
      name: 'Havvind (dansk)',
      query: 'havvindmølle*',
      languages: ['da'],
    });
    expect(danish.status).toBe(201);
    const at = new Date();
    const posts = [
      {
        id: 'da-1',
        text: 'Havvindmøllerne ved Esbjerg er en fantastisk investering, siger borgmesteren.',
        source: 'mastodon' as const,
        author: 'mette@example.dk',
        publishedAt: at,
      },
      {
        id: 'nb-1',
        text: 'Havvindmøllene utenfor Stavanger er ikke lønnsomme, sier ekspertene.',
        source: 'mastodon' as const,
        author: 'ola@example.no',
        publishedAt: at,
      },
      { id: 'none-1', text: 'Været er fint i dag.', source: 'mastodon' as const, publishedAt: at },
    ];
    const result = await ingest(db, orgId, posts, { matchedOnly: true });
    expect(result).toMatchObject({ received: 3, stored: 1, matches: 1, unmatched: 2, duplicates: 0 });
    const found = await viewer.get<MentionPage>(`/api/mentions?monitor=${danish.body.id}`);
    expect(found.body.mentions.map((m) => [m.text.slice(0, 13), m.lang, m.sentiment])).toEqual([
      ['Havvindmøller', 'da', 'positive'],
    ]);
    const all = await viewer.get<MentionPage>('/api/mentions?source=mastodon&q=Stavanger');
    expect(all.body.mentions).toEqual([]);
    // Again: the stored one is a duplicate; the others are still not stored.
    expect(await ingest(db, orgId, posts, { matchedOnly: true })).toMatchObject({
      stored: 0,
      duplicates: 1,
      unmatched: 2,
    });
  });
});

describe('listening test support', () => {
  it('serves 304 for a matching ETag', async () => {
    const s = await new FeedServer().start();
    s.feeds.set('/f', { body: 'x', etag: '"1"' });
    const a = await fetch(`${s.url}/f`);
    const b = await fetch(`${s.url}/f`, { headers: { 'if-none-match': '"1"' } });
    expect([a.status, b.status]).toEqual([200, 304]);
    await s.stop();
  });
});
