// Bluesky against a real PDS on this machine: the connector contract, then facets, images and deletion as a
// user would see them in the repository.
import { AtpAgent } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalPds, startLocalPds } from '../../../test/bluesky.ts';
import { freePort } from '../../../test/process.ts';
import type { Db } from '../../db/connect.ts';
import { image, newKey, runConnectorContract } from '../contract.ts';
import { blueskyKind } from './network.ts';
import { isTid, recordKeyFor } from './rkey.ts';

// Real Bluesky connectors never touch our database; a stand-in keeps the context honest.
const ctx = {
  db: {} as Db,
  orgId: '00000000-0000-4000-8000-000000000000',
  // The local PDS listens on loopback: allowed here explicitly, as an admin would for an intranet PDS.
  urlPolicy: { allowPrivate: true },
};

let pds: LocalPds;
beforeAll(async () => {
  pds = await startLocalPds();
}, 60_000);
afterAll(async () => pds?.stop());

describe('record keys', () => {
  it('are TIDs, stable for a key and part, different across parts and keys', () => {
    const key = { key: 'target-1', issuedAt: new Date('2026-03-01T10:00:00Z') };
    const a = recordKeyFor(key, 0);
    expect(isTid(a)).toBe(true);
    expect(recordKeyFor({ ...key }, 0)).toBe(a);
    expect(recordKeyFor(key, 1)).not.toBe(a);
    expect(recordKeyFor({ ...key, key: 'target-2' }, 0)).not.toBe(a);
  });
});

describe('the PDS address', () => {
  it('is refused on a private or loopback address unless private networks are allowed', async () => {
    const account = await pds.createAccount('ssrf');
    const input = { service: pds.url, handle: account.handle, appPassword: account.appPassword };
    const guarded = { db: ctx.db, orgId: ctx.orgId };
    await expect(blueskyKind.connect(input, guarded)).rejects.toMatchObject({
      code: 'unsafe_url',
      message: expect.stringMatching(/^service: /),
    });
    const { credentials } = await blueskyKind.connect(input, ctx);
    await expect(blueskyKind.open(credentials, {}, guarded)).rejects.toMatchObject({
      failure: 'permanent',
      code: 'unsafe_url',
    });
  });
});

runConnectorContract({
  name: 'bluesky (local PDS)',
  async make() {
    const account = await pds.createAccount('contract');
    const input = { service: pds.url, handle: account.handle, appPassword: account.appPassword };
    const { credentials } = await blueskyKind.connect(input, ctx);
    return {
      network: await blueskyKind.open(credentials, {}, ctx),
      openWithBadCredentials: () =>
        blueskyKind.open(
          { service: pds.url, identifier: account.handle, appPassword: 'aaaa-bbbb-cccc-dddd' },
          {},
          ctx,
        ),
      openUnreachable: async () =>
        blueskyKind.open(
          { service: `http://127.0.0.1:${await freePort()}`, identifier: account.handle, appPassword: 'x' },
          {},
          ctx,
        ),
    };
  },
});

describe('bluesky on a real PDS', () => {
  it('publishes an image with alt text, a link facet and a mention; reads it back; deletes it', async () => {
    const author = await pds.createAccount('leader');
    const friend = await pds.createAccount('friend');
    const conn = await blueskyKind.connect(
      { service: pds.url, handle: author.handle, appPassword: author.appPassword },
      ctx,
    );
    expect(conn.account).toMatchObject({ remoteAccountId: author.did, handle: author.handle });
    const net = await blueskyKind.open(conn.credentials, {}, ctx);
    const text = `Hei @${friend.handle}! Les mer på https://example.com/fjord #stemme`;
    const post = await net.publish({ parts: [{ text, images: [image('Fjord at dawn')] }] }, newKey());
    const reader = new AtpAgent({ service: pds.url });
    const at = post.remoteId.split('/');
    const got = await reader.com.atproto.repo.getRecord({ repo: at[2]!, collection: at[3]!, rkey: at[4]! });
    const record = got.data.value as {
      text: string;
      facets: { features: { $type: string; uri?: string; did?: string; tag?: string }[] }[];
      embed: { images: { alt: string; image: unknown }[] };
    };
    expect(record.text).toBe(text);
    const features = record.facets.flatMap((f) => f.features);
    expect(features).toContainEqual({ $type: 'app.bsky.richtext.facet#mention', did: friend.did });
    expect(features).toContainEqual({
      $type: 'app.bsky.richtext.facet#link',
      uri: 'https://example.com/fjord',
    });
    expect(features).toContainEqual({ $type: 'app.bsky.richtext.facet#tag', tag: 'stemme' });
    expect(record.embed.images.map((i) => i.alt)).toEqual(['Fjord at dawn']);
    await net.delete(post);
    await expect(
      reader.com.atproto.repo.getRecord({ repo: at[2]!, collection: at[3]!, rkey: at[4]! }),
    ).rejects.toThrow(/could not locate record/i);
  });

  it('a thread is a reply chain with strong refs: every part points at the first as root, the one before as parent', async () => {
    const author = await pds.createAccount('traad');
    const conn = await blueskyKind.connect(
      { service: pds.url, handle: author.handle, appPassword: author.appPassword },
      ctx,
    );
    const net = await blueskyKind.open(conn.credentials, {}, ctx);
    expect(net.edit).toBeUndefined();
    const post = await net.publish(
      {
        parts: [
          { text: 'Tråd 1/3', images: [] },
          { text: 'Tråd 2/3', images: [] },
          { text: 'Tråd 3/3', images: [] },
        ],
      },
      newKey(),
    );
    const reader = new AtpAgent({ service: pds.url });
    const records = await Promise.all(
      post.parts.map(async (p) => {
        const [, , repo, collection, rkey] = p.remoteId.split('/');
        const got = await reader.com.atproto.repo.getRecord({
          repo: repo!,
          collection: collection!,
          rkey: rkey!,
        });
        return {
          uri: got.data.uri,
          cid: got.data.cid!,
          reply: (
            got.data.value as {
              reply?: { root: { uri: string; cid: string }; parent: { uri: string; cid: string } };
            }
          ).reply,
        };
      }),
    );
    const [first, second, third] = records;
    expect(first?.reply).toBeUndefined();
    expect(second?.reply).toEqual({
      root: { uri: first!.uri, cid: first!.cid },
      parent: { uri: first!.uri, cid: first!.cid },
    });
    expect(third?.reply).toEqual({
      root: { uri: first!.uri, cid: first!.cid },
      parent: { uri: second!.uri, cid: second!.cid },
    });
    await net.delete(post);
  });

  it('a stored session is reused instead of signing in again, and refreshed sessions are handed back', async () => {
    const author = await pds.createAccount('session');
    const conn = await blueskyKind.connect(
      { service: pds.url, handle: author.handle, appPassword: author.appPassword },
      ctx,
    );
    // A wrong app password proves the stored session, not a new login, opened the network.
    const stored = { ...(conn.credentials as object), appPassword: 'wrong-wron-gwro-ngwr' };
    const saved: unknown[] = [];
    const net = await blueskyKind.open(
      stored,
      {},
      { ...ctx, saveCredentials: async (c) => void saved.push(c) },
    );
    const post = await net.publish({ parts: [{ text: 'still signed in', images: [] }] }, newKey());
    expect(post.parts).toHaveLength(1);
    expect(saved.length).toBeGreaterThanOrEqual(1);
  });
});
