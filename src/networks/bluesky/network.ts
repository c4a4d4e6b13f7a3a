// Bluesky (AT Protocol) through any PDS with an app password: rich-text facets, images with alt text, threads
// as reply chains, and record keys derived from the idempotency key so that a repeated publish collides.
import {
  type AppBskyEmbedImages,
  type AppBskyFeedPost,
  AtpAgent,
  type AtpSessionData,
  AtUri,
  RichText,
  XRPCError,
} from '@atproto/api';
import { z } from 'zod';
import { fieldError } from '../../errors.ts';
import { checkUrl, UnsafeUrlError } from '../../security/ssrf.ts';
import type { NetworkContext, NetworkKind } from '../kind.ts';
import { adaptDraft, checkVariant } from '../text.ts';
import {
  type FetchedPost,
  type IdempotencyKey,
  type Network,
  NetworkError,
  type NetworkLimits,
  type RemotePart,
  type RemotePost,
  type Variant,
  type VariantPart,
} from '../types.ts';
import { recordKeyFor } from './rkey.ts';

const POST = 'app.bsky.feed.post';

export const BLUESKY_LIMITS: NetworkLimits = {
  label: 'Bluesky',
  text: { max: 300, unit: 'graphemes' },
  media: {
    maxImages: 4,
    maxImageBytes: 1_000_000,
    mimeTypes: ['image/png', 'image/jpeg', 'image/webp', 'image/gif'],
    maxAltText: 2000,
  },
  threads: { supported: true, maxParts: 25 },
  facets: true,
  deletable: true,
  // Bluesky has no edit: a changed record is a different post to everyone who saw, liked or quoted it.
  editable: false,
};

const sessionSchema = z.object({
  accessJwt: z.string(),
  refreshJwt: z.string(),
  handle: z.string(),
  did: z.string(),
  active: z.boolean().default(true),
});
const credentialsSchema = z.object({
  service: z.url(),
  identifier: z.string().min(1),
  appPassword: z.string().min(1),
  session: sessionSchema.optional(),
});
type Credentials = z.infer<typeof credentialsSchema>;

export const blueskyConnectSchema = z.object({
  service: z.url('must be the URL of a PDS, such as https://bsky.social').default('https://bsky.social'),
  handle: z.string().trim().min(3, 'is required'),
  appPassword: z
    .string()
    .trim()
    .regex(
      /^[a-z0-9]{4}(-[a-z0-9]{4}){3}$/i,
      'must be an app password (xxxx-xxxx-xxxx-xxxx from Settings → App passwords), never your main password',
    ),
});

const AUTH_ERRORS = new Set([
  'AuthenticationRequired',
  'ExpiredToken',
  'InvalidToken',
  'AccountTakedown',
  'AccountDeactivated',
]);

/** Sorts any failure into auth / retry / permanent; the message names what we were doing. */
export function classifyBluesky(err: unknown, doing: string): NetworkError {
  if (err instanceof NetworkError) return err;
  if (err instanceof XRPCError) {
    const code = err.error || String(err.status);
    const message = `${doing}: ${err.message || code}`;
    if (err.status === 401 || err.status === 403 || AUTH_ERRORS.has(err.error))
      return new NetworkError('auth', message, code);
    if (err.status === 429 || err.status >= 500 || err.status < 200)
      return new NetworkError('retry', message, code);
    return new NetworkError('permanent', message, code);
  }
  // fetch() failures (connection refused, reset, timeout): the request may or may not have arrived.
  const text = err instanceof Error ? err.message : String(err);
  return new NetworkError('retry', `${doing}: ${text}`, 'network');
}

function isNotFound(err: unknown): boolean {
  return err instanceof XRPCError && (err.error === 'RecordNotFound' || err.status === 404);
}

interface StoredRecord {
  uri: string;
  cid: string;
  value: AppBskyFeedPost.Record;
}

export class BlueskyNetwork implements Network {
  constructor(private readonly agent: AtpAgent) {}

  describe(): NetworkLimits {
    return BLUESKY_LIMITS;
  }

  adapt(draft: Parameters<Network['adapt']>[0]) {
    return adaptDraft(draft, BLUESKY_LIMITS);
  }

  check(variant: Variant) {
    return checkVariant(variant, BLUESKY_LIMITS);
  }

  private get did(): string {
    const did = this.agent.session?.did;
    if (!did) throw new NetworkError('auth', 'not signed in to Bluesky');
    return did;
  }

  private url(uri: string): string {
    const at = new AtUri(uri);
    return `https://bsky.app/profile/${at.host}/post/${at.rkey}`;
  }

  private async getRecord(repo: string, rkey: string): Promise<StoredRecord | null> {
    try {
      const res = await this.agent.com.atproto.repo.getRecord({ repo, collection: POST, rkey });
      if (!res.data.cid) return null;
      return { uri: res.data.uri, cid: res.data.cid, value: res.data.value as AppBskyFeedPost.Record };
    } catch (err) {
      if (isNotFound(err)) return null;
      throw classifyBluesky(err, 'reading a post back');
    }
  }

  private async buildRecord(
    part: VariantPart,
    reply: AppBskyFeedPost.ReplyRef | undefined,
  ): Promise<AppBskyFeedPost.Record> {
    const rt = new RichText({ text: part.text });
    try {
      // Resolves @handles to DIDs through the PDS; unknown handles stay plain text.
      await rt.detectFacets(this.agent);
    } catch (err) {
      throw classifyBluesky(err, 'resolving mentions');
    }
    const images: AppBskyEmbedImages.Image[] = [];
    for (const image of part.images) {
      try {
        const up = await this.agent.uploadBlob(image.bytes, { encoding: image.mimeType });
        images.push({ image: up.data.blob, alt: image.alt });
      } catch (err) {
        throw classifyBluesky(err, 'uploading an image');
      }
    }
    return {
      $type: POST,
      text: rt.text,
      ...(rt.facets?.length ? { facets: rt.facets } : {}),
      ...(images.length ? { embed: { $type: 'app.bsky.embed.images', images } } : {}),
      ...(reply ? { reply } : {}),
      createdAt: new Date().toISOString(),
    };
  }

  /** Creates one part under its derived key, or returns the record already there. */
  private async createPart(
    part: VariantPart,
    rkey: string,
    reply: AppBskyFeedPost.ReplyRef | undefined,
  ): Promise<StoredRecord> {
    const repo = this.did;
    const existing = await this.getRecord(repo, rkey);
    if (existing) return this.ours(existing, part);
    const record = await this.buildRecord(part, reply);
    try {
      const res = await this.agent.com.atproto.repo.createRecord({
        repo,
        collection: POST,
        rkey,
        record,
        validate: true,
      });
      return { uri: res.data.uri, cid: res.data.cid, value: record };
    } catch (err) {
      // A concurrent or earlier create under the same key wins; the PDS reports the collision as an error.
      const raced = await this.getRecord(repo, rkey).catch(() => null);
      if (raced) return this.ours(raced, part);
      throw classifyBluesky(err, 'publishing a post');
    }
  }

  /** A record under our derived key with other text would mean a key collision: never claim it as ours. */
  private ours(record: StoredRecord, part: VariantPart): StoredRecord {
    const expected = new RichText({ text: part.text }).text;
    if (record.value.text !== expected) {
      throw new NetworkError(
        'permanent',
        `record ${record.uri} already holds a different post`,
        'rkey_taken',
      );
    }
    return record;
  }

  async publish(variant: Variant, key: IdempotencyKey): Promise<RemotePost> {
    const problems = this.check(variant);
    if (problems.length > 0)
      throw new NetworkError('permanent', problems.map((p) => p.message).join('; '), problems[0]?.code);
    const made: StoredRecord[] = [];
    for (const [i, part] of variant.parts.entries()) {
      const root = made[0];
      const parent = made.at(-1);
      const reply =
        root && parent
          ? { root: { uri: root.uri, cid: root.cid }, parent: { uri: parent.uri, cid: parent.cid } }
          : undefined;
      made.push(await this.createPart(part, recordKeyFor(key, i), reply));
    }
    return this.toRemote(made);
  }

  private toRemote(records: { uri: string }[]): RemotePost {
    const parts: RemotePart[] = records.map((r) => ({ remoteId: r.uri, url: this.url(r.uri) }));
    return { remoteId: parts[0]!.remoteId, url: parts[0]!.url, parts };
  }

  async findByIdempotencyKey(key: IdempotencyKey, variant: Variant): Promise<RemotePost | null> {
    const found: StoredRecord[] = [];
    for (const [i, part] of variant.parts.entries()) {
      const record = await this.getRecord(this.did, recordKeyFor(key, i));
      // Half a thread is not published yet: publish() completes it under the same keys.
      if (!record) return null;
      found.push(this.ours(record, part));
    }
    return found.length > 0 ? this.toRemote(found) : null;
  }

  async fetch(remoteId: string): Promise<FetchedPost | null> {
    let at: AtUri;
    try {
      at = new AtUri(remoteId);
    } catch {
      return null;
    }
    const record = await this.getRecord(at.host, at.rkey);
    if (!record) return null;
    const embed = record.value.embed as { images?: { alt: string }[] } | undefined;
    return {
      remoteId: record.uri,
      url: this.url(record.uri),
      text: record.value.text,
      alts: embed?.images?.map((i) => i.alt) ?? [],
      replyTo: record.value.reply?.parent.uri ?? null,
    };
  }

  async delete(post: RemotePost): Promise<void> {
    for (const part of [...post.parts].reverse()) {
      const at = new AtUri(part.remoteId);
      if (at.host !== this.did) {
        throw new NetworkError('permanent', `${part.remoteId} belongs to another account`, 'not_owner');
      }
      try {
        await this.agent.com.atproto.repo.deleteRecord({ repo: at.host, collection: POST, rkey: at.rkey });
      } catch (err) {
        if (!isNotFound(err)) throw classifyBluesky(err, 'deleting a post');
      }
    }
  }
}

/** Signs in, preferring the stored session (no new login, which Bluesky rate-limits) over the app password. */
async function signIn(credentials: Credentials, ctx: NetworkContext): Promise<AtpAgent> {
  let current = credentials;
  const agent = new AtpAgent({
    service: credentials.service,
    ...(ctx.fetch && { fetch: ctx.fetch }),
    persistSession: (event, session) => {
      if (!session || (event !== 'create' && event !== 'update')) return;
      current = { ...current, session: sessionSchema.parse(session) };
      ctx.saveCredentials?.(current).catch(() => {});
    },
  });
  if (credentials.session) {
    try {
      await agent.resumeSession(credentials.session as AtpSessionData);
      if (agent.session) return agent;
    } catch {
      // An expired refresh token: fall through to a fresh login with the app password.
    }
  }
  try {
    await agent.login({ identifier: credentials.identifier, password: credentials.appPassword });
  } catch (err) {
    throw classifyBluesky(err, 'signing in to Bluesky');
  }
  return agent;
}

export const blueskyKind: NetworkKind = {
  id: 'bluesky',
  label: 'Bluesky',
  describe: () => BLUESKY_LIMITS,
  async connect(input, ctx) {
    const parsed = blueskyConnectSchema.parse(input);
    const credentials: Credentials = {
      service: parsed.service,
      identifier: parsed.handle.replace(/^@/, ''),
      appPassword: parsed.appPassword,
    };
    try {
      await checkUrl(credentials.service, { ...ctx.urlPolicy });
    } catch (err) {
      if (err instanceof UnsafeUrlError) throw fieldError('service', err.message, 'unsafe_url');
      throw err;
    }
    const agent = await signIn(credentials, ctx);
    const session = agent.session!;
    return {
      credentials: { ...credentials, session: sessionSchema.parse(session) },
      settings: {},
      account: {
        remoteAccountId: session.did,
        handle: session.handle,
        displayName: session.handle,
        url: `https://bsky.app/profile/${session.handle}`,
      },
    };
  },
  async open(credentials, _settings, ctx) {
    const parsed = credentialsSchema.safeParse(credentials);
    if (!parsed.success) throw new NetworkError('auth', 'stored Bluesky credentials are unreadable');
    try {
      await checkUrl(parsed.data.service, { ...ctx.urlPolicy });
    } catch (err) {
      if (!(err instanceof UnsafeUrlError)) throw err;
      const failure = err.reason === 'unresolvable' ? 'retry' : 'permanent';
      throw new NetworkError(failure, `the PDS address is refused: ${err.message}`, 'unsafe_url');
    }
    return new BlueskyNetwork(await signIn(parsed.data, ctx));
  },
};
