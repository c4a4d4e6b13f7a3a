// The connector contract: one suite every network must pass (sandbox, Bluesky against a real PDS, Mastodon
// against its documented API), so publishing code can rely on the interface and nothing else.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measure } from './text.ts';
import {
  type FailureClass,
  type IdempotencyKey,
  type ImageInput,
  type Network,
  NetworkError,
  type Variant,
} from './types.ts';

export interface ContractSubject {
  network: Network;
  /** Opens the same network with credentials it refuses (opening itself may already fail). */
  openWithBadCredentials(): Promise<Network>;
  /** Opens the network at an address where nothing answers, when the connector can be pointed elsewhere. */
  openUnreachable?(): Promise<Network>;
  close?(): Promise<void>;
}

/** A 1×1 PNG: small enough for every network, real enough for every image check. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

export const image = (alt: string): ImageInput => ({
  bytes: new Uint8Array(TINY_PNG),
  mimeType: 'image/png',
  alt,
});

export const newKey = (): IdempotencyKey => ({ key: randomUUID(), issuedAt: new Date() });

export async function failureOf(work: () => Promise<unknown>): Promise<FailureClass | 'none'> {
  try {
    await work();
    return 'none';
  } catch (err) {
    if (err instanceof NetworkError) return err.failure;
    throw err;
  }
}

export function runConnectorContract(opts: { name: string; make: () => Promise<ContractSubject> }): void {
  describe(`connector contract: ${opts.name}`, () => {
    let subject: ContractSubject;
    let net: Network;
    beforeAll(async () => {
      subject = await opts.make();
      net = subject.network;
    }, 60_000);
    afterAll(async () => subject?.close?.());

    const single = (text: string, images: ImageInput[] = []): Variant => ({ parts: [{ text, images }] });

    it('describes its limits', () => {
      const limits = net.describe();
      expect(limits.label.length).toBeGreaterThan(0);
      expect(limits.text.max).toBeGreaterThan(0);
      expect(limits.media.maxImages).toBeGreaterThanOrEqual(1);
      expect(limits.media.mimeTypes).toContain('image/png');
      expect(limits.threads.maxParts).toBeGreaterThanOrEqual(1);
    });

    it('flags text over the limit instead of truncating it, and threads it when asked', () => {
      const limits = net.describe();
      const long = Array.from({ length: limits.text.max }, (_, i) => `w${i}`).join(' ');
      const flat = net.adapt({ text: long, images: [], thread: false });
      expect(flat.variant.parts.map((p) => p.text)).toEqual([long]);
      expect(flat.problems.map((p) => p.code)).toContain('text_too_long');
      if (!limits.threads.supported) return;
      const threaded = net.adapt({ text: long, images: [], thread: true });
      expect(threaded.problems).toEqual([]);
      expect(threaded.variant.parts.length).toBeGreaterThan(1);
      for (const part of threaded.variant.parts)
        expect(measure(part.text, limits.text)).toBeLessThanOrEqual(limits.text.max);
      const words = threaded.variant.parts.flatMap((p) => p.text.split(/\s+/).slice(0, -1));
      expect(words.join(' ')).toBe(long);
    });

    it('requires alt text on images', () => {
      const { problems } = net.adapt({ text: 'Picture', images: [image('  ')], thread: false });
      expect(problems.map((p) => p.code)).toEqual(['alt_text_missing']);
      expect(problems[0]?.message).toMatch(/alt text/);
    });

    it('publishes a post with an image and a link, and reads it back', async () => {
      const text = `Contract ${opts.name} ${randomUUID().slice(0, 8)} https://example.com/stemme #stemme`;
      const post = await net.publish(single(text, [image('A single transparent pixel')]), newKey());
      expect(post.parts).toHaveLength(1);
      expect(post.remoteId).toBe(post.parts[0]!.remoteId);
      const read = await net.fetch(post.remoteId);
      expect(read?.text).toBe(text);
      expect(read?.alts).toEqual(['A single transparent pixel']);
      expect(read?.replyTo).toBeNull();
    });

    it('publishing again under the same key returns the same post, and the key finds it', async () => {
      const key = newKey();
      const variant = single(`Once only ${randomUUID().slice(0, 8)}`);
      expect(await net.findByIdempotencyKey(key, variant)).toBeNull();
      const first = await net.publish(variant, key);
      const second = await net.publish(variant, key);
      expect(second.remoteId).toBe(first.remoteId);
      expect((await net.findByIdempotencyKey(key, variant))?.remoteId).toBe(first.remoteId);
    });

    it('publishes a thread as a chain of replies', async () => {
      if (!net.describe().threads.supported) return;
      const tag = randomUUID().slice(0, 8);
      const variant: Variant = {
        parts: [
          { text: `Thread ${tag} 1/2`, images: [] },
          { text: `Thread ${tag} 2/2`, images: [] },
        ],
      };
      const key = newKey();
      const post = await net.publish(variant, key);
      expect(post.parts).toHaveLength(2);
      const second = await net.fetch(post.parts[1]!.remoteId);
      expect(second?.text).toBe(`Thread ${tag} 2/2`);
      expect(second?.replyTo).toBe(post.parts[0]!.remoteId);
      expect((await net.publish(variant, key)).parts).toEqual(post.parts);
    });

    it('deletes a post, and deleting it again is no error', async () => {
      const post = await net.publish(single(`Short-lived ${randomUUID().slice(0, 8)}`), newKey());
      expect(await net.fetch(post.remoteId)).not.toBeNull();
      await net.delete(post);
      expect(await net.fetch(post.remoteId)).toBeNull();
      await net.delete(post);
    });

    it('edits a published post where the network allows it; the images stay, over-long text is refused', async () => {
      const limits = net.describe();
      expect(typeof net.edit === 'function').toBe(limits.editable === true);
      if (!net.edit) return;
      const tag = randomUUID().slice(0, 8);
      const post = await net.publish(single(`Before ${tag}`, [image('Still here')]), newKey());
      const after = `After ${tag} https://example.com/edited #stemme`;
      await net.edit(post.parts[0]!, after);
      const read = await net.fetch(post.remoteId);
      expect(read?.text).toBe(after);
      expect(read?.alts).toEqual(['Still here']);
      expect(read?.remoteId).toBe(post.remoteId);
      const tooLong = 'x'.repeat(limits.text.max + 1);
      expect(await failureOf(() => net.edit!(post.parts[0]!, tooLong))).toBe('permanent');
      expect((await net.fetch(post.remoteId))?.text).toBe(after);
      await net.delete(post);
      const gone = await (async () => {
        try {
          await net.edit!(post.parts[0]!, 'too late');
          return 'edited';
        } catch (err) {
          return err instanceof NetworkError ? `${err.failure}:${err.code}` : String(err);
        }
      })();
      expect(gone).toBe('permanent:not_found');
    });

    it('classifies refused credentials as auth', async () => {
      const failure = await failureOf(async () =>
        (await subject.openWithBadCredentials()).publish(single('never'), newKey()),
      );
      expect(failure).toBe('auth');
    });

    it('classifies content over the limit as permanent', async () => {
      const tooLong = 'x'.repeat(net.describe().text.max + 1);
      expect(await failureOf(() => net.publish(single(tooLong), newKey()))).toBe('permanent');
    });

    it('classifies an unreachable network as retry', async () => {
      if (!subject.openUnreachable) return;
      const open = subject.openUnreachable;
      expect(await failureOf(async () => (await open()).publish(single('nobody home'), newKey()))).toBe(
        'retry',
      );
    });
  });
}
