// Mastodon contract test: the real masto client against a local server that speaks Mastodon's documented API,
// asserting the exact requests (method, path, auth header, Idempotency-Key, body). No Mastodon runs here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../test/process.ts';
import type { Db } from '../../db/connect.ts';
import { failureOf, image, newKey, runConnectorContract } from '../contract.ts';
import type { Network } from '../types.ts';
import { MastodonContractServer } from './contract-server.ts';
import { htmlToText } from './html.ts';
import { mastodonKind } from './network.ts';

const ctx = {
  db: {} as Db,
  orgId: '00000000-0000-4000-8000-000000000000',
  // The contract server listens on loopback: allowed explicitly, as an admin would for an intranet instance.
  urlPolicy: { allowPrivate: true },
};
const TOKEN = 'contract-test-access-token-0123456789';

runConnectorContract({
  name: 'mastodon (contract server)',
  async make() {
    const server = new MastodonContractServer(TOKEN);
    const url = await server.start();
    const { credentials, settings } = await mastodonKind.connect(
      { instanceUrl: url, accessToken: TOKEN },
      ctx,
    );
    return {
      network: await mastodonKind.open(credentials, settings, ctx),
      openWithBadCredentials: () =>
        mastodonKind.open({ instanceUrl: url, accessToken: 'revoked-token-0000000' }, settings, ctx),
      openUnreachable: async () =>
        mastodonKind.open(
          { instanceUrl: `http://127.0.0.1:${await freePort()}`, accessToken: TOKEN },
          settings,
          ctx,
        ),
      close: async () => {
        expect(server.unexpected).toEqual([]);
        await server.stop();
      },
    };
  },
});

describe('mastodon contract: the exact requests', () => {
  let server: MastodonContractServer;
  let net: Network;
  beforeAll(async () => {
    server = new MastodonContractServer(TOKEN, 1000);
    const url = await server.start();
    const conn = await mastodonKind.connect({ instanceUrl: `${url}/`, accessToken: TOKEN }, ctx);
    expect(conn.account).toMatchObject({
      remoteAccountId: server.account.id,
      handle: `@kari@${new URL(url).host}`,
      displayName: 'Kari Nordmann',
    });
    net = await mastodonKind.open(conn.credentials, conn.settings, ctx);
  });
  afterAll(async () => {
    expect(server.unexpected).toEqual([]);
    await server.stop();
  });

  it('connecting checks the token and reads the limits from the instance', () => {
    const [verify, instance] = server.requests;
    expect(verify).toMatchObject({
      method: 'GET',
      path: '/api/v1/accounts/verify_credentials',
      authorization: `Bearer ${TOKEN}`,
    });
    expect(instance).toMatchObject({ method: 'GET', path: '/api/v2/instance' });
    expect(net.describe().text).toEqual({ max: 1000, unit: 'characters', urlLength: 23 });
    expect(net.describe().media.mimeTypes).not.toContain('video/mp4');
  });

  it('counts every link as 23 characters, as the instance does', () => {
    const url = `https://example.com/${'a'.repeat(200)}`;
    const text = `${'x'.repeat(1000 - 24)} ${url}`;
    expect(net.check({ parts: [{ text, images: [] }] })).toEqual([]);
    expect(net.check({ parts: [{ text: `${text}!`, images: [] }] }).map((p) => p.code)).toEqual([
      'text_too_long',
    ]);
  });

  it('uploads the image with its description, then posts the status with the Idempotency-Key', async () => {
    server.requests.length = 0;
    const key = newKey();
    const post = await net.publish(
      { parts: [{ text: 'Hei fra fjorden #stemme', images: [image('A fjord, seen from above')] }] },
      key,
    );
    const [upload, create] = server.writes();
    // The instance answered with a processed attachment (it has a url), so there was nothing to poll.
    expect(server.requests.map((r) => r.path)).not.toContain(expect.stringMatching(/^\/api\/v1\/media/));
    expect(upload).toMatchObject({
      method: 'POST',
      path: '/api/v2/media',
      authorization: `Bearer ${TOKEN}`,
      body: { description: 'A fjord, seen from above', file: { type: 'image/png', size: 70 } },
    });
    expect(upload?.contentType).toMatch(/^multipart\/form-data; boundary=/);
    const mediaId = [...server.statuses.values()].at(-1)?.mediaAttachments[0]?.id;
    expect(create).toEqual({
      method: 'POST',
      path: '/api/v1/statuses',
      query: {},
      authorization: `Bearer ${TOKEN}`,
      idempotencyKey: `${key.key}:0`,
      contentType: 'application/json',
      body: { status: 'Hei fra fjorden #stemme', visibility: 'public', media_ids: [mediaId] },
    });
    expect(post.url).toBe(`https://fjord.social/@kari/${post.remoteId}`);
  });

  it('a thread replies to the previous part, each part with its own key', async () => {
    server.requests.length = 0;
    const key = newKey();
    const post = await net.publish(
      {
        parts: [
          { text: 'Del 1/2', images: [] },
          { text: 'Del 2/2', images: [] },
        ],
      },
      key,
    );
    const creates = server.writes();
    expect(creates.map((r) => r.idempotencyKey)).toEqual([`${key.key}:0`, `${key.key}:1`]);
    expect(creates[1]?.body).toEqual({
      status: 'Del 2/2',
      visibility: 'public',
      in_reply_to_id: post.remoteId,
    });
  });

  it('a lost response is found on the timeline, and a repeat with the key returns the same status', async () => {
    const key = newKey();
    const variant = {
      parts: [{ text: 'Svaret forsvant @ola@example.social https://example.com/x', images: [] }],
    };
    const before = server.statuses.size;
    server.loseNextResponse();
    expect(await failureOf(() => net.publish(variant, key))).toBe('retry');
    expect(server.statuses.size).toBe(before + 1);
    server.requests.length = 0;
    const found = await net.findByIdempotencyKey(key, variant);
    expect(found).not.toBeNull();
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /api/v1/accounts/verify_credentials',
      `GET /api/v1/accounts/${server.account.id}/statuses`,
    ]);
    const again = await net.publish(variant, key);
    expect(again.remoteId).toBe(found?.remoteId);
    expect(server.statuses.size).toBe(before + 1);
  });

  it('classifies 503 as retry, 422 as permanent, 401 as auth', async () => {
    const variant = { parts: [{ text: 'status codes', images: [] }] };
    server.failNext(503);
    expect(await failureOf(() => net.publish(variant, newKey()))).toBe('retry');
    server.failNext(422);
    expect(await failureOf(() => net.publish(variant, newKey()))).toBe('permanent');
    server.failNext(429);
    expect(await failureOf(() => net.publish(variant, newKey()))).toBe('retry');
    server.failNext(401);
    expect(await failureOf(() => net.publish(variant, newKey()))).toBe('auth');
  });

  it('deleting sends DELETE for every part, last first', async () => {
    const post = await net.publish(
      {
        parts: [
          { text: 'Slett 1', images: [] },
          { text: 'Slett 2', images: [] },
        ],
      },
      newKey(),
    );
    server.requests.length = 0;
    await net.delete(post);
    expect(server.writes().map((r) => `${r.method} ${r.path}`)).toEqual([
      `DELETE /api/v1/statuses/${post.parts[1]!.remoteId}`,
      `DELETE /api/v1/statuses/${post.parts[0]!.remoteId}`,
    ]);
  });
});

describe('mastodon contract: editing a published status', () => {
  let server: MastodonContractServer;
  let net: Network;
  beforeAll(async () => {
    server = new MastodonContractServer(TOKEN);
    const url = await server.start();
    const conn = await mastodonKind.connect({ instanceUrl: url, accessToken: TOKEN }, ctx);
    net = await mastodonKind.open(conn.credentials, conn.settings, ctx);
  });
  afterAll(async () => {
    expect(server.unexpected).toEqual([]);
    await server.stop();
  });

  it('reads the status, then PUTs the new text with its media ids so the image stays', async () => {
    const post = await net.publish(
      { parts: [{ text: 'Skrivefeil i innlegget', images: [image('Fjorden')] }] },
      newKey(),
    );
    const mediaId = server.statuses.get(post.remoteId)!.mediaAttachments[0]!.id;
    server.requests.length = 0;
    await net.edit!(post.parts[0]!, 'Rettet innlegg');
    expect(server.requests).toEqual([
      expect.objectContaining({ method: 'GET', path: `/api/v1/statuses/${post.remoteId}` }),
      {
        method: 'PUT',
        path: `/api/v1/statuses/${post.remoteId}`,
        query: {},
        authorization: `Bearer ${TOKEN}`,
        idempotencyKey: undefined,
        contentType: 'application/json',
        body: { status: 'Rettet innlegg', media_ids: [mediaId] },
      },
    ]);
    const status = server.statuses.get(post.remoteId)!;
    expect(status.editedAt).not.toBeNull();
    expect(htmlToText(status.content)).toBe('Rettet innlegg');
    expect(status.mediaAttachments.map((m) => m.id)).toEqual([mediaId]);
  });

  it('a text-only status is edited without media ids; 401 is auth, 503 retry, a deleted status not_found', async () => {
    const post = await net.publish({ parts: [{ text: 'Bare tekst', images: [] }] }, newKey());
    server.requests.length = 0;
    await net.edit!(post.parts[0]!, 'Bare ny tekst');
    expect(server.writes().map((r) => r.body)).toEqual([{ status: 'Bare ny tekst' }]);
    server.failNext(401);
    expect(await failureOf(() => net.edit!(post.parts[0]!, 'x'))).toBe('auth');
    server.failNext(503);
    expect(await failureOf(() => net.edit!(post.parts[0]!, 'x'))).toBe('retry');
    await net.delete(post);
    await expect(net.edit!(post.parts[0]!, 'x')).rejects.toMatchObject({
      failure: 'permanent',
      code: 'not_found',
    });
  });
});

describe('mastodon html', () => {
  it('turns rendered content back into the text that was sent', () => {
    expect(
      htmlToText(
        '<p>Hei &amp; hallo<br />linje 2</p><p><a href="https://x.no/a"><span class="invisible">https://</span><span class="">x.no/a</span></a></p>',
      ),
    ).toBe('Hei & hallo\nlinje 2\n\nhttps://x.no/a');
  });
});
