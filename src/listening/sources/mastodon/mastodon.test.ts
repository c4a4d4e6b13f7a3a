// CONTRACT TEST: Mastodon's public/hashtag timelines (REST, since_id / max_id paging) and streaming API, against a
// local server answering with the documented snake_case payloads (built as masto's types, `satisfies
// mastodon.v1.Status`). No Mastodon server can run here: this asserts the exact requests we send and how we read
// the documented answers, not a real instance's behaviour. Like Mastodon, the stand-in leaves boosts out of the
// public and hashtag timelines and streams (home, list and account timelines have them): how a boost's documented
// payload becomes posts is tested on the payload itself (statusPosts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../../../test/bluesky-network.ts';
import { dbKinds, freshDatabase } from '../../../../test/databases.ts';
import type { Database } from '../../../db/connect.ts';
import { UnsafeUrlError } from '../../../security/ssrf.ts';
import { StreamStateStore } from '../bluesky/state.ts';
import { CollectingSink } from '../bluesky/test-sink.ts';
import { account, MastodonTimelineServer } from './contract-server.ts';
import { normaliseStatus, statusPosts } from './status.ts';
import { MastodonStream } from './streaming.ts';
import { pollTimeline, RecentIds } from './timeline.ts';

let server: MastodonTimelineServer;
let database: Database;
const kari = account('kari', 'fjord.social', 'Kari Nordmann');
const hans = account('hans', 'chaos.social', 'Hans Müller');
const TAG = 'nettnøytralitet';
const tagged = (text: string) =>
  `<p>${text} <a href="https://fjord.social/tags/${TAG}" class="mention hashtag" rel="tag">#<span>${TAG}</span></a></p>`;
const tags = [{ id: '7001', name: TAG, url: `https://fjord.social/tags/${TAG}` }];

beforeAll(async () => {
  server = new MastodonTimelineServer();
  await server.start();
  database = await freshDatabase(dbKinds.includes('postgres') ? 'postgres' : 'pglite');
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await database?.close();
});

describe('Mastodon status normalisation', () => {
  it('reads HTML as text, keeps real links (not mention or hashtag links), tags, mentions, language and URL', () => {
    const s = server.publish(
      kari,
      '<p>Ny rapport fra <span class="h-card"><a href="https://chaos.social/@hans" class="u-url mention">@<span>hans</span></a></span> &amp; Nkom:</p><p><a href="https://nkom.no/rapport" rel="nofollow noopener" target="_blank">nkom.no/rapport</a> <a href="https://fjord.social/tags/nettn%C3%B8ytralitet" class="mention hashtag" rel="tag">#<span>nettnøytralitet</span></a></p>',
      {
        tags,
        mentions: [{ id: hans.id, username: 'hans', url: hans.url ?? '', acct: hans.acct }],
        card: {
          url: 'https://www.digi.no/sak',
          title: 'Sak',
          description: '',
          type: 'link',
          authorName: '',
          authorUrl: '',
          providerName: '',
          providerUrl: '',
          html: '',
          width: 0,
          height: 0,
          image: null,
          embedUrl: '',
          blurhash: '',
          authors: [],
        },
        language: 'nb',
      },
    );
    expect(normaliseStatus(s)).toEqual({
      source: 'mastodon',
      id: s.uri,
      externalId: s.uri,
      text: 'Ny rapport fra @hans & Nkom:\nnkom.no/rapport #nettnøytralitet',
      author: 'kari@fjord.social',
      authorDisplay: 'Kari Nordmann',
      lang: 'nb',
      langs: ['nb'],
      url: s.url,
      links: ['https://nkom.no/rapport', 'https://www.digi.no/sak'],
      mentions: ['hans@chaos.social'],
      hashtags: [TAG],
      publishedAt: new Date(s.createdAt),
    });
  });

  it('a reblog is the original status by its author, or skipped; a content warning comes first', () => {
    const original = server.publish(hans, '<p>Netz für alle</p>', { language: 'de', spoilerText: 'Politik' });
    const boost = server.publish(kari, '', { reblog: original, language: null });
    expect(normaliseStatus(boost)).toMatchObject({
      externalId: original.uri,
      author: 'hans@chaos.social',
      authorDisplay: 'Hans Müller',
      text: 'Politik\n\nNetz für alle',
      lang: 'de',
    });
    expect(normaliseStatus(boost, 'skip')).toBeNull();
  });

  it('a boost is two posts: the original, and a repost by the booster naming it; skipped, neither', () => {
    const original = server.publish(hans, tagged('Netzneutralität jetzt'), {
      language: 'de',
      tags,
      inReplyToId: '1',
    });
    const boost = server.publish(kari, '', { reblog: original, language: null });
    const posts = statusPosts(boost, 'original', 'https://fjord.social');
    expect(posts.map((p) => p.statusId)).toEqual([original.id, boost.id]);
    const [first, repost] = posts.map((p) => p.post);
    expect(first).toEqual(normaliseStatus(original, 'original', 'https://fjord.social'));
    expect(repost).toEqual({
      source: 'mastodon',
      id: boost.uri,
      externalId: boost.uri,
      text: 'Netzneutralität jetzt #nettnøytralitet',
      author: 'kari@fjord.social',
      authorDisplay: 'Kari Nordmann',
      lang: 'de',
      langs: ['de'],
      url: boost.url,
      links: [],
      mentions: [],
      hashtags: [TAG],
      publishedAt: new Date(boost.createdAt),
      repostOf: original.uri,
      // Its own address on the instance; the original's reply belongs to the original, not to the boost.
      aliases: [`https://fjord.social/api/v1/statuses/${boost.id}`],
    });
    expect(boost.uri).toMatch(/\/activity$/);
    expect(statusPosts(boost, 'skip', 'https://fjord.social')).toEqual([]);
    // A plain status is one post, whichever the policy.
    expect(statusPosts(original, 'skip').map((p) => p.post.externalId)).toEqual([original.uri]);
  });

  it('read through an instance, a status carries its local address and the one of the status it replies to', () => {
    const parent = server.publish(hans, '<p>Netzneutralität ist wichtig</p>', { language: 'de' });
    const reply = server.publish(kari, '<p>Helt enig!</p>', {
      language: 'nb',
      inReplyToId: parent.id,
      inReplyToAccountId: hans.id,
    });
    const p = normaliseStatus(parent, 'original', 'https://fjord.social')!;
    const r = normaliseStatus(reply, 'original', 'https://fjord.social')!;
    expect(p.aliases).toEqual([`https://fjord.social/api/v1/statuses/${parent.id}`]);
    expect(p.replyTo).toBeUndefined();
    expect(r.replyTo).toBe(p.aliases![0]);
    // Without the instance nothing is made up.
    expect(normaliseStatus(reply)).not.toHaveProperty('replyTo');
  });
});

describe('Mastodon timelines over REST (contract test)', () => {
  it('first poll takes the newest page; later polls page back with since_id and max_id to the cursor, gapless', async () => {
    const sink = new CollectingSink();
    const state = new StreamStateStore(database.db);
    const opts = {
      instance: server.url,
      timeline: { kind: 'tag' as const, tag: TAG },
      accessToken: 'token-abc',
      sink,
      state,
      pageSize: 2,
      allowPrivate: true,
    };
    for (let i = 0; i < 3; i++) server.publish(kari, tagged(`gammel ${i}`), { tags });
    server.publish(hans, '<p>uten tagg</p>');
    const before = server.requests.length;
    const first = await pollTimeline(opts);
    expect(first).toMatchObject({ requests: 1, delivered: 2, gap: false });
    const path = `/api/v1/timelines/tag/${encodeURIComponent(TAG)}`;
    expect(server.requests.slice(before)).toEqual([
      { path, query: { limit: '2' }, authorization: 'Bearer token-abc' },
    ]);
    expect(sink.posts.map((p) => p.text)).toEqual(['gammel 1 #nettnøytralitet', 'gammel 2 #nettnøytralitet']);

    const cursor = first.cursor!;
    const fresh = [0, 1, 2, 3, 4].map((i) =>
      server.publish(i % 2 ? hans : kari, tagged(`ny ${i}`), { tags }),
    );
    const mark = server.requests.length;
    const second = await pollTimeline(opts);
    expect(second).toMatchObject({ delivered: 5, gap: false, cursor: fresh[4]!.id });
    // Newest two, then back from the oldest of them, until a short page meets the cursor.
    expect(server.requests.slice(mark).map((r) => r.query)).toEqual([
      { limit: '2', since_id: cursor },
      { limit: '2', since_id: cursor, max_id: fresh[3]!.id },
      { limit: '2', since_id: cursor, max_id: fresh[1]!.id },
    ]);
    expect(sink.posts.slice(2).map((p) => p.externalId)).toEqual(fresh.map((s) => s.uri));
    expect((await state.load(`mastodon ${server.url} #${TAG}`))?.cursor).toBe(fresh[4]!.id);

    const third = await pollTimeline(opts);
    expect(third).toMatchObject({ requests: 1, delivered: 0, cursor: fresh[4]!.id });
  });

  it('reports a gap when more is new than maxPages reach, and reads the local public timeline', async () => {
    const sink = new CollectingSink();
    const state = new StreamStateStore(database.db);
    const opts = {
      instance: server.url,
      timeline: { kind: 'public' as const, local: true },
      sink,
      state,
      pageSize: 2,
      maxPages: 2,
      allowPrivate: true,
    };
    await pollTimeline(opts);
    for (let i = 0; i < 7; i++) server.publish(i === 3 ? hans : kari, `<p>lokal ${i}</p>`);
    const mark = server.requests.length;
    const r = await pollTimeline(opts);
    expect(r.gap).toBe(true);
    expect(server.requests.slice(mark).every((q) => q.path === '/api/v1/timelines/public')).toBe(true);
    expect(server.requests.slice(mark).every((q) => q.query.local === 'true' && !q.authorization)).toBe(true);
    // Hans is on another instance: not on the local timeline.
    expect(sink.posts.every((p) => p.author === 'kari@fjord.social')).toBe(true);
  });

  it('the public timeline carries no boosts, as on Mastodon: the original and the other statuses are delivered', async () => {
    const ola = account('ola', 'fjord.social', 'Ola Nordmann');
    const sink = new CollectingSink();
    const state = new StreamStateStore(database.db);
    const opts = {
      instance: server.url,
      timeline: { kind: 'public' as const },
      key: 'boosts',
      sink,
      state,
      pageSize: 2,
      allowPrivate: true,
    };
    await pollTimeline(opts);
    const mark = sink.posts.length;
    const original = server.publish(hans, '<p>Netzneutralität jetzt</p>', { language: 'de' });
    const first = server.publish(kari, '', { reblog: original, language: null });
    server.publish(ola, '', { reblog: original, language: null });
    const plain = server.publish(kari, '<p>Helt enig</p>');
    expect(await pollTimeline(opts)).toMatchObject({ delivered: 2, cursor: plain.id, gap: false });
    expect(sink.posts.slice(mark).map((p) => [p.externalId, p.author, p.repostOf])).toEqual([
      [original.uri, 'hans@chaos.social', undefined],
      [plain.uri, 'kari@fjord.social', undefined],
    ]);
    expect(sink.has(first.uri)).toBe(false);
    expect(await pollTimeline(opts)).toMatchObject({ delivered: 0, cursor: plain.id });
  });

  it('refuses a loopback instance unless private networks are allowed', async () => {
    await expect(
      pollTimeline({
        instance: server.url,
        timeline: { kind: 'public' },
        sink: new CollectingSink(),
        state: new StreamStateStore(database.db),
      }),
    ).rejects.toThrow(UnsafeUrlError);
  });
});

describe('Mastodon streaming API (contract test)', () => {
  it('subscribes to the hashtag stream, delivers updates and deletes, resubscribes after a drop; the poller skips what it delivered', async () => {
    const sink = new CollectingSink();
    const seen = new RecentIds();
    const stream = new MastodonStream({
      streamingUrl: server.streamingUrl,
      timeline: { kind: 'tag', tag: `#${TAG}` },
      accessToken: 'token-abc',
      sink,
      seen,
      flushMs: 20,
      allowPrivate: true,
    });
    const connections = server.streamConnections.length;
    const messages = server.streamMessages.length;
    await stream.start();
    try {
      await until(() => server.streamMessages.length > messages, 'the subscribe message');
      expect(server.streamConnections.slice(connections)).toEqual([
        { url: '/api/v1/streaming', protocol: 'token-abc' },
      ]);
      expect(server.streamMessages.slice(messages)).toEqual([
        { type: 'subscribe', stream: 'hashtag', tag: TAG },
      ]);

      const a = server.publish(hans, tagged('direkte'), { tags, language: 'nb' });
      server.publish(kari, '<p>ikke tagget</p>');
      const boost = server.publish(kari, '', { reblog: a, tags });
      await until(() => sink.has(a.uri), 'the streamed status');
      expect(sink.posts.find((p) => p.externalId === a.uri)).toMatchObject({
        author: 'hans@chaos.social',
        text: 'direkte #nettnøytralitet',
        url: a.url,
      });
      server.remove(a.id);
      await until(() => sink.deletes.length === 1, 'the tombstone');
      expect(sink.deletes[0]).toMatchObject({ source: 'mastodon', externalId: a.uri });
      // The boost is not on the hashtag stream (as on Mastodon).
      expect(sink.has(boost.uri)).toBe(false);

      // The connection drops: masto reconnects and subscribes again.
      const again = server.streamMessages.length;
      server.dropStreams();
      await until(() => server.streamMessages.length > again, 'the resubscription', 15_000);
      const b = server.publish(kari, tagged('etter brudd'), { tags });
      await until(() => sink.has(b.uri), 'the status after the reconnect');
    } finally {
      await stream.stop();
    }
    // The stream delivered each status once, and the poller does not repeat them.
    expect([...sink.counts().values()].every((n) => n === 1)).toBe(true);
    const polled = new CollectingSink();
    await pollTimeline({
      instance: server.url,
      timeline: { kind: 'tag', tag: TAG },
      key: 'stream-and-poll',
      sink: polled,
      state: new StreamStateStore(database.db),
      seen,
      allowPrivate: true,
    });
    expect(polled.posts.length).toBeGreaterThan(0);
    expect(polled.posts.some((p) => sink.has(p.externalId))).toBe(false);
  });

  it('the public stream carries no boosts and no undone boosts, as on Mastodon', async () => {
    const sink = new CollectingSink();
    const stream = new MastodonStream({
      streamingUrl: server.streamingUrl,
      instance: server.url,
      timeline: { kind: 'public' },
      sink,
      flushMs: 20,
      allowPrivate: true,
    });
    const messages = server.streamMessages.length;
    await stream.start();
    try {
      await until(() => server.streamMessages.length > messages, 'the subscription');
      const original = server.publish(hans, '<p>Netzneutralität jetzt</p>', { language: 'de' });
      const boost = server.publish(kari, '', { reblog: original, language: null });
      const after = server.publish(kari, '<p>etter boosten</p>');
      await until(() => sink.has(after.uri), 'the status after the boost');
      expect(sink.posts.map((p) => p.externalId)).toEqual([original.uri, after.uri]);
      server.remove(boost.id);
      const last = server.publish(kari, '<p>til slutt</p>');
      await until(() => sink.has(last.uri), 'the last status');
      expect(sink.deletes).toEqual([]);
    } finally {
      await stream.stop();
    }
  });
});
