// The repo event stream against a real local PDS (dev-env: PLC + PDS + AppView): decoding and verifying commits,
// normalising posts, tombstones, and resuming from the stored cursor after a forced disconnect and a restart
// with no gap and no duplicate.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BlueskyTestNetwork,
  startBlueskyNetwork,
  startTcpProxy,
  type TcpProxy,
  type TestAccount,
  until,
} from '../../../../test/bluesky-network.ts';
import { dbKinds, freshDatabase } from '../../../../test/databases.ts';
import type { Database } from '../../../db/connect.ts';
import { UnsafeUrlError } from '../../../security/ssrf.ts';
import { ActorResolver } from './actors.ts';
import { RepoStream } from './repos.ts';
import { StreamStateStore } from './state.ts';
import { CollectingSink } from './test-sink.ts';

let net: BlueskyTestNetwork;
let database: Database;
let proxy: TcpProxy;
let alice: TestAccount;
let bob: TestAccount;

beforeAll(async () => {
  net = await startBlueskyNetwork();
  // The stream state is two statements a batch: PostgreSQL when the run has one (it migrates faster).
  database = await freshDatabase(dbKinds.includes('postgres') ? 'postgres' : 'pglite');
  console.info(`dev-env network (PLC + PDS + AppView) started in ${Math.round(net.startMs)} ms`);
  proxy = await startTcpProxy(net.pdsPort);
  alice = await net.createAccount('alice');
  bob = await net.createAccount('bob');
}, 60_000);

afterAll(async () => {
  await proxy?.close();
  await net?.stop();
  await database?.close();
});

function stream(sink: CollectingSink, opts: { key: string; service?: string; batchSize?: number }) {
  return new RepoStream({
    service: opts.service ?? proxy.url('ws'),
    key: opts.key,
    sink,
    state: new StreamStateStore(database.db),
    actors: new ActorResolver({ plcUrl: net.plcUrl }),
    plcUrl: net.plcUrl,
    allowPrivate: true,
    batchSize: opts.batchSize ?? 50,
    flushMs: 50,
    reconnectMs: 100,
  });
}

describe('Bluesky repo event stream', () => {
  it('turns post creates into normalised posts and deletes into tombstones; other records are skipped', async () => {
    const sink = new CollectingSink();
    const s = stream(sink, { key: 'normalise' });
    await s.start();
    try {
      // Without a saved cursor the stream starts live, at the PDS's current position.
      const text = 'Nettnøytralitet er viktig! Les https://nrk.no/nett #nettpolitikk @bob2.test';
      const bytes = (t: string) => Buffer.byteLength(t);
      const at = (needle: string) => bytes(text.slice(0, text.indexOf(needle)));
      const facets = [
        {
          index: { byteStart: at('https://'), byteEnd: at('https://') + bytes('https://nrk.no/nett') },
          features: [{ $type: 'app.bsky.richtext.facet#link', uri: 'https://nrk.no/nett' }],
        },
        {
          index: { byteStart: at('#nett'), byteEnd: at('#nett') + bytes('#nettpolitikk') },
          features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'nettpolitikk' }],
        },
        {
          index: { byteStart: at('@bob'), byteEnd: at('@bob') + bytes('@bob2.test') },
          features: [{ $type: 'app.bsky.richtext.facet#mention', did: bob.did }],
        },
      ];
      const post = await alice.post(text, {
        facets,
        langs: ['nb'],
        embed: {
          $type: 'app.bsky.embed.external',
          external: { uri: 'https://www.digi.no/artikkel', title: 'Digi', description: '' },
        },
      });
      // A like is a commit too, in another collection: it must not come out as a post.
      await bob.agent.like(post.uri, post.cid);
      const gone = await bob.post('skrivefeil, slettes straks');
      await bob.deletePost(gone.rkey);

      await until(() => sink.deletes.length === 1 && sink.has(post.uri), 'the post and the tombstone');
      const got = sink.posts.find((p) => p.externalId === post.uri);
      expect(got).toMatchObject({
        source: 'bluesky',
        id: post.uri,
        text,
        author: alice.handle,
        authorDisplay: alice.handle,
        lang: 'nb',
        langs: ['nb'],
        url: `https://bsky.app/profile/${alice.handle}/post/${post.rkey}`,
        links: ['https://nrk.no/nett', 'https://www.digi.no/artikkel'],
        hashtags: ['nettpolitikk'],
        mentions: [bob.handle],
      });
      expect(Math.abs((got?.publishedAt.getTime() ?? 0) - Date.now())).toBeLessThan(60_000);
      expect(sink.deletes).toEqual([
        { source: 'bluesky', externalId: gone.uri, deletedAt: expect.any(Date) },
      ]);
      // The deleted post was created first, then removed: both arrive, create before tombstone.
      expect(sink.posts.map((p) => p.externalId)).toEqual([post.uri, gone.uri]);
    } finally {
      await s.stop();
    }
  });

  it('resumes after a forced disconnect and after a restart from the stored cursor: no gap, no duplicate', async () => {
    const sink = new CollectingSink();
    const state = new StreamStateStore(database.db);
    let s = stream(sink, { key: 'resume', batchSize: 3 });
    await s.start();
    const created: string[] = [];
    const write = async (n: number, who: TestAccount, tag: string) => {
      for (let i = 0; i < n; i++) created.push((await who.post(`${tag} ${i}`)).uri);
    };
    try {
      await write(4, alice, 'før');
      await until(() => created.every((u) => sink.has(u)), 'the first posts');
      const before = proxy.connections;

      // Mid-stream: the connection is reset while posts keep coming, and the server seems down for a while.
      const writing = write(6, bob, 'under');
      await until(() => created.length >= 6, 'two posts into the burst');
      proxy.refuse(true);
      proxy.dropAll();
      await writing;
      await write(3, alice, 'nede');
      await new Promise((r) => setTimeout(r, 300));
      proxy.refuse(false);
      await until(() => created.every((u) => sink.has(u)), 'every post after the reconnect');
      expect(proxy.connections).toBeGreaterThan(before);

      // A restart: the consumer stops, posts are written while nobody listens, a new consumer starts.
      await s.stop();
      const saved = await state.load('resume');
      expect(Number(saved?.cursor)).toBe(s.savedCursor);
      await write(3, bob, 'omstart');
      s = stream(sink, { key: 'resume', batchSize: 3 });
      await s.start();
      await until(() => created.every((u) => sink.has(u)), 'the posts written during the restart');
      await s.drain();
    } finally {
      await s.stop();
    }
    const counts = sink.counts();
    for (const uri of created) expect(counts.get(uri), uri).toBe(1);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it('keeps the cursor where it was while the sink fails, and delivers the batch when it recovers', async () => {
    const sink = new CollectingSink();
    const state = new StreamStateStore(database.db);
    const s = stream(sink, { key: 'failing-sink', batchSize: 1 });
    await s.start();
    try {
      const first = await alice.post('første');
      await until(() => sink.has(first.uri), 'the first post');
      await s.drain();
      const cursorBefore = (await state.load('failing-sink'))?.cursor;
      sink.fail(2);
      const second = await alice.post('andre');
      await until(async () => (await state.load('failing-sink'))?.error === 'sink unavailable', 'the error');
      expect((await state.load('failing-sink'))?.cursor).toBe(cursorBefore);
      await until(() => sink.has(second.uri), 'the retried batch', 15_000);
      await s.drain();
      const after = await state.load('failing-sink');
      expect(Number(after?.cursor)).toBeGreaterThan(Number(cursorBefore));
      expect(after?.error).toBeNull();
      expect(sink.counts().get(second.uri)).toBe(1);
    } finally {
      await s.stop();
    }
  });

  it('lets go of the connection when the sink falls behind, then reads on from where it was: nothing lost or doubled', async () => {
    const sink = new CollectingSink();
    const slow = {
      async write(batch: Parameters<CollectingSink['write']>[0]) {
        await new Promise((r) => setTimeout(r, 60));
        await sink.write(batch);
      },
    };
    const s = new RepoStream({
      service: proxy.url('ws'),
      key: 'slow-sink',
      sink: slow,
      state: new StreamStateStore(database.db),
      plcUrl: net.plcUrl,
      allowPrivate: true,
      batchSize: 1,
      flushMs: 10,
      reconnectMs: 50,
      maxPending: 3,
    });
    await s.start();
    const created: string[] = [];
    try {
      await new Promise((r) => setTimeout(r, 100));
      await Promise.all(
        [alice, bob].map(async (who) => {
          for (let i = 0; i < 8; i++) created.push((await who.post(`rask ${i}`)).uri);
        }),
      );
      await until(() => created.every((u) => sink.has(u)), 'every post through the slow sink', 20_000);
    } finally {
      await s.stop();
    }
    expect(s.pauses).toBeGreaterThan(0);
    expect([...sink.counts().values()].every((n) => n === 1)).toBe(true);
  });

  it('reads on from the present when the saved cursor is ahead of the server (FutureCursor), and says so', async () => {
    const state = new StreamStateStore(database.db);
    await state.save('future', 'bluesky-repos', { cursor: '999999999', delivered: 0 });
    const sink = new CollectingSink();
    const s = stream(sink, { key: 'future' });
    await s.start();
    try {
      await until(
        async () => (await state.load('future'))?.error?.includes('numbering was reset') === true,
        'the error',
      );
      const post = await alice.post('etter tilbakestilling');
      await until(() => sink.has(post.uri), 'the post after the reset');
      await s.drain();
      expect(Number((await state.load('future'))?.cursor)).toBeLessThan(999999999);
    } finally {
      await s.stop();
    }
  });

  it('refuses a loopback relay address unless private networks are allowed', async () => {
    const s = new RepoStream({
      service: proxy.url('ws'),
      sink: new CollectingSink(),
      state: new StreamStateStore(database.db),
    });
    await expect(s.start()).rejects.toThrow(UnsafeUrlError);
    await expect(s.start()).rejects.toThrow(/loopback address/);
  });
});
