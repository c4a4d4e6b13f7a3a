// End to end against a real Bluesky PDS: connect an account as a channel through the API with an app password,
// publish a post with an image, a link and a mention, read it back from the PDS, delete it, see it gone.
import { AtpAgent, AtUri } from '@atproto/api';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type LocalPds, startLocalPds } from '../../test/bluesky.ts';
import { describeEachDb } from '../../test/databases.ts';
import { Client, onboardAdmin, PASSWORD, testApp } from '../../test/http.ts';
import { TINY_PNG } from '../networks/contract.ts';
import { defaultNetworks } from '../networks/registry.ts';
import { settled, startWorker, targetsOf } from './test-support.ts';

let pds: LocalPds;
beforeAll(async () => {
  pds = await startLocalPds();
}, 60_000);
afterAll(async () => pds?.stop());

describeEachDb('publishing to a real Bluesky PDS', (get) => {
  it('connects, publishes with facets and an image, reads back, deletes', async () => {
    const app = await testApp(get(), { allowPrivateNetworks: true });
    const worker = startWorker(get(), defaultNetworks, { urlPolicy: { allowPrivate: true } });
    try {
      const { admin } = await onboardAdmin(app);
      const leader = await pds.createAccount('ordforer');
      const friend = await pds.createAccount('venn');

      const refused = await admin.post<{ error: string }>('/api/channels', {
        network: 'bluesky',
        service: pds.url,
        handle: leader.handle,
        appPassword: 'aaaa-bbbb-cccc-dddd',
      });
      expect(refused.status).toBe(400);
      expect(refused.body.error).toBe('credentials_refused');
      const mainPassword = await admin.post<{ message: string }>('/api/channels', {
        network: 'bluesky',
        service: pds.url,
        handle: leader.handle,
        appPassword: leader.password,
      });
      expect(mainPassword.body.message).toMatch(/app password/);

      const ch = await admin.post<{ id: string; handle: string; status: string }>('/api/channels', {
        network: 'bluesky',
        service: pds.url,
        handle: leader.handle,
        appPassword: leader.appPassword,
      });
      expect(ch.status).toBe(201);
      expect(ch.body).toMatchObject({ handle: leader.handle, status: 'active' });
      const listed = await admin.get<{ channels: Record<string, unknown>[] }>('/api/channels');
      expect(JSON.stringify(listed.body)).not.toContain(leader.appPassword);

      const text = `Takk @${friend.handle} for i dag! Referat: https://example.com/referat #kommunestyre`;
      const created = await admin.post<{ id: string }>('/api/posts', {
        text,
        channelIds: [ch.body.id],
        images: [{ data: TINY_PNG.toString('base64'), mimeType: 'image/png', alt: 'Kommunestyresalen' }],
      });
      expect(created.status).toBe(201);
      const [target] = await settled(admin, created.body.id, 20_000);
      expect(target).toMatchObject({ status: 'published', attempts: 1 });
      const uri = new AtUri(target!.remoteId!);
      expect(uri.host).toBe(leader.did);
      expect(target!.remoteUrl).toBe(`https://bsky.app/profile/${leader.did}/post/${uri.rkey}`);

      const reader = new AtpAgent({ service: pds.url });
      const got = await reader.com.atproto.repo.getRecord({
        repo: uri.host,
        collection: uri.collection,
        rkey: uri.rkey,
      });
      const record = got.data.value as {
        text: string;
        facets: { features: Record<string, string>[] }[];
        embed: { images: { alt: string }[] };
      };
      expect(record.text).toBe(text);
      const features = record.facets.flatMap((f) => f.features);
      expect(features).toContainEqual({ $type: 'app.bsky.richtext.facet#mention', did: friend.did });
      expect(features).toContainEqual({
        $type: 'app.bsky.richtext.facet#link',
        uri: 'https://example.com/referat',
      });
      expect(record.embed.images[0]!.alt).toBe('Kommunestyresalen');

      const deleted = await admin.delete<{ deleted: number }>(`/api/posts/${created.body.id}`);
      expect(deleted.body.deleted).toBe(1);
      await expect(
        reader.com.atproto.repo.getRecord({ repo: uri.host, collection: uri.collection, rkey: uri.rkey }),
      ).rejects.toThrow(/could not locate record/i);
    } finally {
      await worker.stop();
      await app.close();
    }
  });

  it('publishes a long post as a numbered thread: each part a reply to the one before, under the first', async () => {
    const app = await testApp(get(), { allowPrivateNetworks: true });
    const worker = startWorker(get(), defaultNetworks, { urlPolicy: { allowPrivate: true } });
    try {
      // The first test set Stemme up on this database: sign in as its admin.
      const admin = new Client(app);
      await admin.post('/api/auth/login', { email: 'ingrid@example.no', password: PASSWORD });
      const account = await pds.createAccount('traad');
      const ch = await admin.post<{ id: string }>('/api/channels', {
        network: 'bluesky',
        service: pds.url,
        handle: account.handle,
        appPassword: account.appPassword,
      });
      const text = Array.from({ length: 60 }, (_, i) => `Setning ${i + 1} om fjorden.`).join(' ');
      const created = await admin.post<{ id: string }>('/api/posts', {
        text,
        thread: true,
        channelIds: [ch.body.id],
      });
      expect(created.status).toBe(201);
      const [target] = await settled(admin, created.body.id, 20_000);
      expect(target!.status).toBe('published');
      const parts = (await targetsOf(admin, created.body.id))[0]!.variant.parts;
      expect(parts.length).toBeGreaterThanOrEqual(3);
      const reader = new AtpAgent({ service: pds.url });
      const feed = await reader.com.atproto.repo.listRecords({
        repo: account.did,
        collection: 'app.bsky.feed.post',
        limit: 100,
      });
      const records = feed.data.records.map((r) => ({
        uri: r.uri,
        value: r.value as { text: string; reply?: { root: { uri: string }; parent: { uri: string } } },
      }));
      expect(records).toHaveLength(parts.length);
      const byText = new Map(records.map((r) => [r.value.text, r]));
      const chain = parts.map((p) => byText.get(p.text)!);
      expect(chain.every(Boolean)).toBe(true);
      expect(chain[0]!.value.reply).toBeUndefined();
      expect(chain[0]!.uri).toBe(target!.remoteId);
      for (let i = 1; i < chain.length; i++) {
        expect(chain[i]!.value.text.endsWith(` ${i + 1}/${chain.length}`)).toBe(true);
        expect(chain[i]!.value.reply?.parent.uri).toBe(chain[i - 1]!.uri);
        expect(chain[i]!.value.reply?.root.uri).toBe(chain[0]!.uri);
      }
    } finally {
      await worker.stop();
      await app.close();
    }
  });
});
