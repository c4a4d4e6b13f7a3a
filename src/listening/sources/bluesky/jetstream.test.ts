// CONTRACT TEST: Jetstream against a local server that replays Jetstream's documented event shapes (commit /
// identity / account, create / delete of posts and reposts, time_us cursors). No Jetstream server runs from npm, so this checks that
// we speak the protocol as documented — the exact subscribe requests, rewinding the cursor on reconnect and
// restart, deduplicating the replay by URI — not that a real Jetstream behaves like the stand-in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../../../../test/bluesky-network.ts';
import { dbKinds, freshDatabase } from '../../../../test/databases.ts';
import type { Database } from '../../../db/connect.ts';
import { UnsafeUrlError } from '../../../security/ssrf.ts';
import { ActorResolver } from './actors.ts';
import { JetstreamStream } from './jetstream.ts';
import { JetstreamContractServer } from './jetstream-contract-server.ts';
import { StreamStateStore } from './state.ts';
import { CollectingSink } from './test-sink.ts';

const ALICE = 'did:plc:alice0000000000000000000';
const BOB = 'did:plc:bob000000000000000000000';

let server: JetstreamContractServer;
let database: Database;

beforeAll(async () => {
  server = new JetstreamContractServer();
  await server.start();
  server.account(ALICE, 'alice.example');
  server.account(BOB, 'bob.example');
  database = await freshDatabase(dbKinds.includes('postgres') ? 'postgres' : 'pglite');
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await database?.close();
});

function jetstream(sink: CollectingSink, key: string) {
  return new JetstreamStream({
    url: server.url,
    key,
    sink,
    state: new StreamStateStore(database.db),
    actors: new ActorResolver({ plcUrl: server.plcUrl }),
    allowPrivate: true,
    batchSize: 2,
    flushMs: 30,
    reconnectMs: 50,
  });
}

const uri = (did: string, rkey: string) => `at://${did}/app.bsky.feed.post/${rkey}`;

describe('Jetstream contract test (local server replaying documented events)', () => {
  it('subscribes to posts and reposts only, normalises creates, turns deletes into tombstones, follows identity events', async () => {
    const sink = new CollectingSink();
    const s = jetstream(sink, 'shapes');
    await s.start();
    try {
      await until(() => server.requests.length === 1 && s.connections === 1, 'the subscription');
      expect([...server.requests[0]!.entries()]).toEqual([
        ['wantedCollections', 'app.bsky.feed.post'],
        ['wantedCollections', 'app.bsky.feed.repost'],
      ]);

      const now = new Date().toISOString();
      server.emit({
        did: ALICE,
        kind: 'account',
        account: { active: true, did: ALICE, seq: server.nextSeq(), time: now },
      });
      // Alice changed her handle: the identity event says so, and her posts after it carry the new one.
      server.emit({
        did: ALICE,
        kind: 'identity',
        identity: { did: ALICE, handle: 'alice.nrk.no', seq: server.nextSeq(), time: now },
      });
      const text = 'Ny rapport om #nettnøytralitet https://nkom.no/rapport';
      const enc = (t: string) => Buffer.byteLength(t);
      const start = (n: string) => enc(text.slice(0, text.indexOf(n)));
      server.post(ALICE, '3laaa', text, {
        langs: ['nb', 'en'],
        facets: [
          {
            index: { byteStart: start('#'), byteEnd: start('#') + enc('#nettnøytralitet') },
            features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'nettnøytralitet' }],
          },
          {
            index: { byteStart: start('https'), byteEnd: enc(text) },
            features: [{ $type: 'app.bsky.richtext.facet#link', uri: 'https://nkom.no/rapport' }],
          },
        ],
      });
      // An update of a post record is not a new post.
      server.emit({
        did: ALICE,
        kind: 'commit',
        commit: {
          rev: '3lupd',
          operation: 'update',
          collection: 'app.bsky.feed.post',
          rkey: '3laaa',
          record: { $type: 'app.bsky.feed.post', text: 'endret', createdAt: now },
          cid: 'bafyreiupd',
        },
      });
      // A like is filtered by the server (wantedCollections); Bob has no identity event: his handle comes
      // from his DID document in the directory.
      server.emit({
        did: BOB,
        kind: 'commit',
        commit: {
          rev: '3llike',
          operation: 'create',
          collection: 'app.bsky.feed.like',
          rkey: '3llike',
          record: {
            $type: 'app.bsky.feed.like',
            subject: { uri: uri(ALICE, '3laaa'), cid: 'x' },
            createdAt: now,
          },
          cid: 'bafyreilike',
        },
      });
      server.post(BOB, '3lbbb', 'Enig med @alice.nrk.no');
      server.emit({
        did: ALICE,
        kind: 'commit',
        commit: { rev: '3ldel', operation: 'delete', collection: 'app.bsky.feed.post', rkey: '3laaa' },
      });

      await until(() => sink.posts.length === 2 && sink.deletes.length === 1, 'two posts and a tombstone');
      expect(sink.posts[0]).toMatchObject({
        source: 'bluesky',
        externalId: uri(ALICE, '3laaa'),
        text,
        author: 'alice.nrk.no',
        url: 'https://bsky.app/profile/alice.nrk.no/post/3laaa',
        lang: 'nb',
        langs: ['nb', 'en'],
        hashtags: ['nettnøytralitet'],
        links: ['https://nkom.no/rapport'],
      });
      expect(sink.posts[1]).toMatchObject({
        externalId: uri(BOB, '3lbbb'),
        author: 'bob.example',
        url: 'https://bsky.app/profile/bob.example/post/3lbbb',
      });
      expect(sink.deletes).toEqual([
        { source: 'bluesky', externalId: uri(ALICE, '3laaa'), deletedAt: expect.any(Date) },
      ]);
      // Tombstone time is the delete event's time_us.
      expect(sink.deletes[0]?.deletedAt.getTime()).toBe(Math.floor(server.log.at(-1)!.time_us / 1000));
    } finally {
      await s.stop();
    }
  });

  it('after a forced disconnect and after a restart, resumes from the cursor rewound 5 s: no gap, no duplicate', async () => {
    const sink = new CollectingSink();
    const state = new StreamStateStore(database.db);
    let s = jetstream(sink, 'resume');
    const firstRequest = server.requests.length;
    await s.start();
    await until(() => s.connections === 1, 'the subscription');
    const created: string[] = [];
    const write = (n: number, tag: string) => {
      for (let i = 0; i < n; i++) {
        const rkey = `3l${tag}${i}`;
        server.post(i % 2 ? ALICE : BOB, rkey, `${tag} ${i}`);
        created.push(uri(i % 2 ? ALICE : BOB, rkey));
      }
    };
    try {
      write(5, 'a');
      await until(() => created.every((u) => sink.has(u)), 'the first posts');
      await s.drain();
      const lastBeforeDrop = server.log.at(-1)!.time_us;

      server.refuse(true);
      server.dropAll();
      write(4, 'b');
      await new Promise((r) => setTimeout(r, 200));
      server.refuse(false);
      await until(() => created.every((u) => sink.has(u)), 'the posts written while disconnected');
      const reconnect = server.requests.at(-1)!;
      expect(server.requests.length).toBeGreaterThan(firstRequest + 1);
      expect(reconnect.getAll('wantedCollections')).toEqual(['app.bsky.feed.post', 'app.bsky.feed.repost']);
      expect(Number(reconnect.get('cursor'))).toBe(lastBeforeDrop - 5_000_000);

      await s.stop();
      const saved = await state.load('resume');
      expect(Number(saved?.cursor)).toBe(server.log.at(-1)!.time_us);
      write(3, 'c');
      s = jetstream(sink, 'resume');
      await s.start();
      await until(() => created.every((u) => sink.has(u)), 'the posts written during the restart');
      expect(Number(server.requests.at(-1)!.get('cursor'))).toBe(Number(saved?.cursor) - 5_000_000);
      await s.drain();
    } finally {
      await s.stop();
    }
    // Every replay reached back over all earlier events (the stand-in's clock ticks a millisecond per event, so
    // the 5 s rewind also replays the previous test's posts, which this new stream has not seen): none came
    // out twice.
    const counts = sink.counts();
    for (const u of created) expect(counts.get(u), u).toBe(1);
    expect([...counts.entries()].filter(([, n]) => n !== 1)).toEqual([]);
  });

  it('hands on repost records as reposts (reposter resolved, subject, time) and their deletes as tombstones, once each across a restart', async () => {
    const sink = new CollectingSink();
    const state = new StreamStateStore(database.db);
    let s = jetstream(sink, 'reposts');
    await s.start();
    const repostUri = (did: string, rkey: string) => `at://${did}/app.bsky.feed.repost/${rkey}`;
    try {
      await until(() => s.connections === 1, 'the subscription');
      server.post(ALICE, '3lorig', 'Nkom varsler tilsyn med nettnøytraliteten');
      const subject = { uri: uri(ALICE, '3lorig'), cid: 'bafyrei3lorig' };
      server.repost(BOB, '3lrp1', subject, '2025-11-24T10:00:00.000Z');
      // A repost of something that is not a post (a feed generator) is no repost of a post.
      server.repost(BOB, '3lrp2', {
        uri: `at://${ALICE}/app.bsky.feed.generator/nyheter`,
        cid: 'bafyreigen',
      });
      // A repost record dated in the future falls back to when it was seen, as a post's does.
      const future = server.repost(ALICE, '3lrp3', subject, '2099-01-01T00:00:00.000Z');
      server.deleteRecord(BOB, 'app.bsky.feed.repost', '3lrp1');

      await until(
        () => sink.reposts.length === 2 && sink.deletes.length === 1,
        'two reposts and a tombstone',
      );
      expect(sink.reposts).toEqual([
        {
          source: 'bluesky',
          externalId: repostUri(BOB, '3lrp1'),
          by: 'bob.example',
          subject: subject.uri,
          at: new Date('2025-11-24T10:00:00.000Z'),
        },
        {
          source: 'bluesky',
          externalId: repostUri(ALICE, '3lrp3'),
          by: expect.stringMatching(/^alice\./),
          subject: subject.uri,
          at: new Date(Math.floor(future.time_us / 1000)),
        },
      ]);
      expect(sink.deletes).toEqual([
        { source: 'bluesky', externalId: repostUri(BOB, '3lrp1'), deletedAt: expect.any(Date) },
      ]);
      // Reposts are not posts.
      expect(sink.posts.map((p) => p.externalId)).toEqual([uri(ALICE, '3lorig')]);

      // A restart rewinds over all of it: nothing comes out twice.
      await s.stop();
      s = jetstream(sink, 'reposts');
      await s.start();
      server.repost(BOB, '3lrp4', subject);
      await until(() => sink.reposts.length === 3, 'the repost after the restart');
      await s.drain();
    } finally {
      await s.stop();
    }
    expect(sink.reposts.map((r) => r.externalId)).toEqual([
      repostUri(BOB, '3lrp1'),
      repostUri(ALICE, '3lrp3'),
      repostUri(BOB, '3lrp4'),
    ]);
    // (The rewind also reaches the earlier tests' events, new to this stream: a post's tombstone among them.)
    const deleted = sink.deletes.map((d) => d.externalId);
    expect(deleted.filter((d) => d.includes('/app.bsky.feed.repost/'))).toEqual([repostUri(BOB, '3lrp1')]);
    expect(new Set(deleted).size).toBe(deleted.length);
    expect(Number((await state.load('reposts'))?.cursor)).toBe(server.log.at(-1)!.time_us);
  });

  it('refuses a loopback Jetstream address unless private networks are allowed, and non-WebSocket schemes', async () => {
    const state = new StreamStateStore(database.db);
    const sink = new CollectingSink();
    await expect(new JetstreamStream({ url: server.url, sink, state }).start()).rejects.toThrow(
      UnsafeUrlError,
    );
    await expect(
      new JetstreamStream({ url: 'ftp://jetstream.example', sink, state, allowPrivate: true }).start(),
    ).rejects.toThrow(/Only ws, wss, http and https/);
  });
});
