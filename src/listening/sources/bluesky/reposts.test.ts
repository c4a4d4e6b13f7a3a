// Bluesky reposts through the real pipeline, on PGlite and PostgreSQL: a real local PDS (dev-env) writes posts
// and app.bsky.feed.repost records, the repo event stream reads them and the live sink (fanOutSink) takes them
// in. A repost of a post the organisation stored is the reposter's mention (the original's text, repostOf the
// original): it joins the original's story and is a repost edge in the original author's influence, never the
// reposter's, and reposting oneself counts for nothing. Deleting the repost record deletes that mention; a
// repost of a post the organisation never stored stores nothing.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startBlueskyNetwork, type TestAccount, until } from '../../../../test/bluesky-network.ts';
import { describeEachDb } from '../../../../test/databases.ts';
import { type Client, onboardAdmin, testApp } from '../../../../test/http.ts';
import type { App } from '../../../http/app.ts';
import { partCount, scoredAuthor } from '../../influence/test-support.ts';
import { pipelineSink } from '../../pipeline.ts';
import { ActorResolver } from './actors.ts';
import { fanOutSink } from './job.ts';
import { RepoStream } from './repos.ts';
import { StreamStateStore } from './state.ts';

interface MentionView {
  id: string;
  externalId: string;
  author: string | null;
  text: string;
  url: string | null;
  repostOf: { author: string | null; url: string | null } | null;
}

let net: Awaited<ReturnType<typeof startBlueskyNetwork>>;
let alice: TestAccount;
let bob: TestAccount;
let carol: TestAccount;
let dave: TestAccount;

beforeAll(async () => {
  net = await startBlueskyNetwork();
  alice = await net.createAccount('alice');
  bob = await net.createAccount('bob');
  carol = await net.createAccount('carol');
  dave = await net.createAccount('dave');
}, 90_000);

afterAll(async () => {
  await net?.stop();
});

describeEachDb('Bluesky reposts in mentions, stories and influence', (get, kind) => {
  let app: App;
  let admin: Client;
  let orgId: string;
  let stream: RepoStream;

  beforeAll(async () => {
    app = await testApp(get());
    ({ admin, orgId } = await onboardAdmin(app));
    const monitor = await admin.post('/api/monitors', { name: 'Nett', query: 'nettnøytralitet' });
    expect(monitor.status).toBe(201);
    stream = new RepoStream({
      service: net.pdsUrl,
      key: `reposts ${kind}`,
      sink: fanOutSink(get().db, 'bluesky'),
      state: new StreamStateStore(get().db),
      actors: new ActorResolver({ plcUrl: net.plcUrl }),
      plcUrl: net.plcUrl,
      allowPrivate: true,
      flushMs: 30,
      reconnectMs: 100,
    });
    await stream.start();
  }, 60_000);

  afterAll(async () => {
    await stream?.stop();
    await app?.close();
  });

  const listed = async () => {
    const r = await admin.get<{ mentions: MentionView[] }>('/api/mentions?source=bluesky');
    return new Map(r.body.mentions.map((m) => [m.externalId, m]));
  };
  const author = (handle: string) => scoredAuthor(get().db, admin, orgId, handle);

  it('a repost of a stored post is the reposter’s mention, in the original’s story and counted for its author; deleting it removes it', async () => {
    const original = await alice.post('Nettnøytralitet er under press, sier Nkom i en ny rapport', {
      langs: ['nb'],
    });
    const elsewhere = await dave.post('Fin tur i marka i dag, ingenting om nett her');
    await until(async () => (await listed()).has(original.uri), 'the original stored');
    // The mention is visible before the rest of its batch (authors, stories) is done: wait for the batch.
    await stream.drain();
    const before = await author(alice.handle);
    expect(before).toBeDefined();
    expect(partCount(before, 'reposts')).toBe(0);

    // First a repost of a post the organisation never stored: it must come to nothing.
    const ignored = await bob.agent.repost(elsewhere.uri, elsewhere.cid);
    const byBob = await bob.agent.repost(original.uri, original.cid);
    const byCarol = await carol.agent.repost(original.uri, original.cid);
    const own = await alice.agent.repost(original.uri, original.cid);
    await until(async () => (await listed()).has(own.uri), 'the reposts stored');
    await stream.drain();

    const byUri = await listed();
    expect(byUri.has(ignored.uri)).toBe(false);
    expect(byUri.has(elsewhere.uri)).toBe(false);
    const originalUrl = `https://bsky.app/profile/${alice.handle}/post/${original.rkey}`;
    expect(byUri.get(original.uri)).toMatchObject({ url: originalUrl, repostOf: null });
    expect(byUri.get(byBob.uri)).toMatchObject({
      author: bob.handle,
      text: byUri.get(original.uri)!.text,
      url: originalUrl,
      repostOf: { author: alice.handle, url: originalUrl },
    });
    expect(byUri.get(byCarol.uri)?.repostOf?.author).toBe(alice.handle);
    expect(byUri.get(own.uri)).toMatchObject({ author: alice.handle, repostOf: { author: alice.handle } });
    expect([...byUri.keys()].sort()).toEqual([original.uri, byBob.uri, byCarol.uri, own.uri].sort());

    // Bob's and Carol's reposts count for Alice; her own does not. Nobody else is credited: Carol reposting
    // Alice's post is no repost of Bob's.
    const after = await author(alice.handle);
    expect(partCount(after, 'reposts')).toBe(2);
    expect(after!.engagers).toBe(before!.engagers + 2);
    expect(after!.score).toBeGreaterThan(before!.score);
    const detail = await admin.get<{ engagedBy: { display: string; kinds: string[] }[] }>(
      `/api/authors/${after!.id}`,
    );
    expect(detail.body.engagedBy.map((e) => [e.display, e.kinds]).sort()).toEqual(
      [
        [bob.handle, ['repost']],
        [carol.handle, ['repost']],
      ].sort(),
    );
    expect(partCount(await author(bob.handle), 'reposts')).toBe(0);
    expect(partCount(await author(carol.handle), 'reposts')).toBe(0);

    // One story holds the original and its three reposts.
    const stories = await admin.get<{ stories: { id: string; size: number }[] }>('/api/stories?minSize=2');
    expect(stories.body.stories.map((s) => s.size)).toEqual([4]);
    const story = await admin.get<{ posts: { id: string }[] }>(`/api/stories/${stories.body.stories[0]!.id}`);
    expect(story.body.posts.map((p) => p.id).sort()).toEqual(
      [original.uri, byBob.uri, byCarol.uri, own.uri].map((u) => byUri.get(u)!.id).sort(),
    );

    // Bob takes his repost back: his mention goes, the original and the others stay, and the story shrinks.
    await bob.agent.deleteRepost(byBob.uri);
    await until(async () => !(await listed()).has(byBob.uri), 'the repost removed');
    await stream.drain();
    expect([...(await listed()).keys()].sort()).toEqual([original.uri, byCarol.uri, own.uri].sort());
    expect(partCount(await author(alice.handle), 'reposts')).toBe(1);
    const shrunk = await admin.get<{ stories: { size: number }[] }>('/api/stories?minSize=2');
    expect(shrunk.body.stories.map((s) => s.size)).toEqual([3]);
  });

  it('a repost in the same batch as its original is kept too, and one organisation’s pipelineSink keeps reposts as the stream sink does', async () => {
    const sink = fanOutSink(get().db, 'bluesky');
    const uri = `at://${dave.did}/app.bsky.feed.post/3lsamebatch`;
    const repost = `at://${carol.did}/app.bsky.feed.repost/3lsamebatch`;
    await sink.write({
      posts: [
        {
          source: 'bluesky',
          id: uri,
          externalId: uri,
          text: 'Regjeringen vil lovfeste nettnøytralitet i ny ekomlov',
          author: dave.handle,
          authorDisplay: dave.handle,
          url: `https://bsky.app/profile/${dave.handle}/post/3lsamebatch`,
          links: [],
          mentions: [],
          hashtags: [],
          langs: ['nb'],
          lang: 'nb',
          publishedAt: new Date(),
        },
      ],
      reposts: [{ source: 'bluesky', externalId: repost, by: carol.handle, subject: uri, at: new Date() }],
      deletes: [],
    });
    const byUri = await listed();
    expect(byUri.get(repost)).toMatchObject({ author: carol.handle, repostOf: { author: dave.handle } });

    const one = pipelineSink(get().db, orgId);
    const again = `at://${bob.did}/app.bsky.feed.repost/3lpipeline`;
    const unknown = `at://${bob.did}/app.bsky.feed.repost/3lunknown`;
    await one.write({
      posts: [],
      reposts: [
        { source: 'bluesky', externalId: again, by: bob.handle, subject: uri, at: new Date() },
        {
          source: 'bluesky',
          externalId: unknown,
          by: bob.handle,
          subject: `at://${dave.did}/app.bsky.feed.post/3lneverstored`,
          at: new Date(),
        },
      ],
      deletes: [],
    });
    const now = await listed();
    expect(now.get(again)).toMatchObject({ author: bob.handle, repostOf: { author: dave.handle } });
    expect(now.has(unknown)).toBe(false);
  });
});
