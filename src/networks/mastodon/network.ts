// Mastodon through the masto client with an access token: limits read from the instance, images with
// descriptions, threads as reply chains, and the Idempotency-Key header so a repeated create returns the first.
import { createRestAPIClient, MastoHttpError, MastoTimeoutError, type mastodon } from 'masto';
import { z } from 'zod';
import { fieldError } from '../../errors.ts';
import { checkUrl, UnsafeUrlError } from '../../security/ssrf.ts';
import type { NetworkContext, NetworkKind } from '../kind.ts';
import { adaptDraft, checkText, checkVariant } from '../text.ts';
import {
  type FetchedPost,
  type IdempotencyKey,
  type Network,
  NetworkError,
  type NetworkLimits,
  type RemotePart,
  type RemotePost,
  type Variant,
} from '../types.ts';
import { htmlToText, sameText } from './html.ts';

/** Mastodon's defaults, used where an instance does not say otherwise. */
const DEFAULT_SETTINGS = {
  maxCharacters: 500,
  maxMediaAttachments: 4,
  charactersReservedPerUrl: 23,
  imageSizeLimit: 16 * 1024 * 1024,
  supportedMimeTypes: ['image/png', 'image/jpeg', 'image/webp', 'image/gif'],
  descriptionLimit: 1500,
};
const settingsSchema = z.object({
  maxCharacters: z.number().int().positive().default(DEFAULT_SETTINGS.maxCharacters),
  maxMediaAttachments: z.number().int().nonnegative().default(DEFAULT_SETTINGS.maxMediaAttachments),
  charactersReservedPerUrl: z.number().int().nonnegative().default(DEFAULT_SETTINGS.charactersReservedPerUrl),
  imageSizeLimit: z.number().int().positive().default(DEFAULT_SETTINGS.imageSizeLimit),
  supportedMimeTypes: z.array(z.string()).default(DEFAULT_SETTINGS.supportedMimeTypes),
  descriptionLimit: z.number().int().positive().default(DEFAULT_SETTINGS.descriptionLimit),
});
type Settings = z.infer<typeof settingsSchema>;

const credentialsSchema = z.object({ instanceUrl: z.url(), accessToken: z.string().min(1) });
type Credentials = z.infer<typeof credentialsSchema>;

export const mastodonConnectSchema = z.object({
  instanceUrl: z.url('must be the address of a Mastodon server, such as https://mastodon.social'),
  accessToken: z.string().trim().min(10, 'must be an access token from the instance'),
});

const MEDIA_POLLS = 60;

/** Mastodon remembers an Idempotency-Key for an hour; past that only the account's timeline can tell. */
const TIMELINE_LOOKBACK_MS = 60_000;

export function classifyMastodon(err: unknown, doing: string): NetworkError {
  if (err instanceof NetworkError) return err;
  if (err instanceof MastoHttpError) {
    const message = `${doing}: ${err.message}`;
    const code = String(err.statusCode);
    if (err.statusCode === 401 || err.statusCode === 403) return new NetworkError('auth', message, code);
    if (err.statusCode === 429 || err.statusCode >= 500) return new NetworkError('retry', message, code);
    return new NetworkError('permanent', message, code);
  }
  if (err instanceof MastoTimeoutError) return new NetworkError('retry', `${doing}: timed out`, 'timeout');
  const text = err instanceof Error ? err.message : String(err);
  return new NetworkError('retry', `${doing}: ${text}`, 'network');
}

const isNotFound = (err: unknown) => err instanceof MastoHttpError && err.statusCode === 404;

export function mastodonLimits(settings: Settings): NetworkLimits {
  return {
    label: 'Mastodon',
    text: { max: settings.maxCharacters, unit: 'characters', urlLength: settings.charactersReservedPerUrl },
    media: {
      maxImages: settings.maxMediaAttachments,
      maxImageBytes: settings.imageSizeLimit,
      mimeTypes: settings.supportedMimeTypes.filter((t) => t.startsWith('image/')),
      maxAltText: settings.descriptionLimit,
    },
    threads: { supported: true, maxParts: 25 },
    facets: true,
    deletable: true,
    editable: true,
  };
}

export class MastodonNetwork implements Network {
  private readonly limits: NetworkLimits;
  private accountId: string | undefined;

  constructor(
    private readonly client: mastodon.rest.Client,
    settings: Settings,
  ) {
    this.limits = mastodonLimits(settings);
  }

  describe(): NetworkLimits {
    return this.limits;
  }

  adapt(draft: Parameters<Network['adapt']>[0]) {
    return adaptDraft(draft, this.limits);
  }

  check(variant: Variant) {
    return checkVariant(variant, this.limits);
  }

  private remote(statuses: mastodon.v1.Status[]): RemotePost {
    const parts = statuses.map((s) => ({ remoteId: s.id, url: s.url ?? s.uri }));
    return { remoteId: parts[0]!.remoteId, url: parts[0]!.url, parts };
  }

  async publish(variant: Variant, key: IdempotencyKey, signal?: AbortSignal): Promise<RemotePost> {
    const problems = this.check(variant);
    if (problems.length > 0)
      throw new NetworkError('permanent', problems.map((p) => p.message).join('; '), problems[0]?.code);
    const made: mastodon.v1.Status[] = [];
    for (const [i, part] of variant.parts.entries()) {
      const mediaIds: string[] = [];
      for (const image of part.images) {
        try {
          // Not idempotent, and need not be: unattached uploads are removed by the instance.
          const media = await this.client.v2.media.create(
            {
              file: new Blob([new Uint8Array(image.bytes)], { type: image.mimeType }),
              description: image.alt,
              skipPolling: true,
            },
            { requestInit: { signal: signal ?? null } },
          );
          await this.processed(media, signal);
          mediaIds.push(media.id);
        } catch (err) {
          throw classifyMastodon(err, 'uploading an image');
        }
      }
      try {
        const status = await this.client.v1.statuses.create(
          {
            status: part.text,
            visibility: 'public',
            ...(mediaIds.length > 0 && { mediaIds }),
            ...(made.length > 0 && { inReplyToId: made.at(-1)!.id }),
          },
          { requestInit: { headers: { 'Idempotency-Key': `${key.key}:${i}` }, signal: signal ?? null } },
        );
        made.push(status);
      } catch (err) {
        throw classifyMastodon(err, 'publishing a status');
      }
    }
    return this.remote(made);
  }

  /** Small images are processed at once (200 with a url); larger ones answer 202 and are polled until ready. */
  private async processed(media: mastodon.v1.MediaAttachment, signal?: AbortSignal): Promise<void> {
    let current = media;
    for (let i = 0; !current.url; i++) {
      if (i >= MEDIA_POLLS)
        throw new NetworkError('retry', 'the instance did not finish processing an image');
      await new Promise((r) => setTimeout(r, 1000));
      signal?.throwIfAborted();
      current = await this.client.v1.media.$select(media.id).fetch();
    }
  }

  private async ownAccountId(): Promise<string> {
    if (!this.accountId) {
      try {
        this.accountId = (await this.client.v1.accounts.verifyCredentials()).id;
      } catch (err) {
        throw classifyMastodon(err, 'checking the account');
      }
    }
    return this.accountId;
  }

  /**
   * Mastodon cannot look a status up by Idempotency-Key, so this reads the account's recent statuses and
   * matches the chain by text and reply links. A repeated create within the key's hour returns the first
   * status anyway; this check covers the rest.
   */
  async findByIdempotencyKey(key: IdempotencyKey, variant: Variant): Promise<RemotePost | null> {
    const accountId = await this.ownAccountId();
    let recent: mastodon.v1.Status[];
    try {
      recent = await this.client.v1.accounts
        .$select(accountId)
        .statuses.list({ limit: 40, excludeReblogs: true });
    } catch (err) {
      throw classifyMastodon(err, 'reading the account’s statuses');
    }
    const since = key.issuedAt.getTime() - TIMELINE_LOOKBACK_MS;
    const candidates = recent.filter((s) => Date.parse(s.createdAt) >= since);
    const chain: mastodon.v1.Status[] = [];
    for (const part of variant.parts) {
      const previous = chain.at(-1);
      const match = candidates.find(
        (s) =>
          (previous ? s.inReplyToId === previous.id : true) && sameText(htmlToText(s.content), part.text),
      );
      if (!match) return null;
      chain.push(match);
    }
    return chain.length > 0 ? this.remote(chain) : null;
  }

  async fetch(remoteId: string): Promise<FetchedPost | null> {
    try {
      const s = await this.client.v1.statuses.$select(remoteId).fetch();
      return {
        remoteId: s.id,
        url: s.url ?? s.uri,
        text: htmlToText(s.content),
        alts: s.mediaAttachments.map((m) => m.description ?? ''),
        replyTo: s.inReplyToId ?? null,
      };
    } catch (err) {
      if (isNotFound(err)) return null;
      throw classifyMastodon(err, 'reading a status');
    }
  }

  /**
   * PUT /api/v1/statuses/:id. Mastodon drops attachments an edit does not list, so the status is read first and
   * its media ids are sent again; the instance keeps the earlier version in the status's edit history.
   */
  async edit(part: RemotePart, text: string, signal?: AbortSignal): Promise<void> {
    const init = { requestInit: { signal: signal ?? null } };
    let current: mastodon.v1.Status;
    try {
      current = await this.client.v1.statuses.$select(part.remoteId).fetch();
    } catch (err) {
      if (isNotFound(err))
        throw new NetworkError('permanent', 'the status does not exist any more', 'not_found');
      throw classifyMastodon(err, 'reading the status before editing it');
    }
    const problems = checkText(text, this.limits, current.mediaAttachments.length > 0);
    if (problems.length > 0)
      throw new NetworkError('permanent', problems.map((p) => p.message).join('; '), problems[0]?.code);
    const mediaIds = current.mediaAttachments.map((m) => m.id);
    try {
      await this.client.v1.statuses
        .$select(part.remoteId)
        .update({ status: text, ...(mediaIds.length > 0 && { mediaIds }) }, init);
    } catch (err) {
      if (isNotFound(err))
        throw new NetworkError('permanent', 'the status does not exist any more', 'not_found');
      throw classifyMastodon(err, 'editing a status');
    }
  }

  async delete(post: RemotePost): Promise<void> {
    for (const part of [...post.parts].reverse()) {
      try {
        await this.client.v1.statuses.$select(part.remoteId).remove();
      } catch (err) {
        if (!isNotFound(err)) throw classifyMastodon(err, 'deleting a status');
      }
    }
  }
}

function client(credentials: Credentials): mastodon.rest.Client {
  return createRestAPIClient({
    url: credentials.instanceUrl,
    accessToken: credentials.accessToken,
    timeout: 30_000,
    mediaTimeout: 60_000,
    log: 'error',
  });
}

/** The limits an instance publishes about itself (GET /api/v2/instance), with Mastodon's defaults for gaps. */
async function readSettings(masto: mastodon.rest.Client): Promise<Settings> {
  const instance = await masto.v2.instance.fetch();
  const c = instance.configuration;
  return settingsSchema.parse({
    maxCharacters: c.statuses?.maxCharacters,
    maxMediaAttachments: c.statuses?.maxMediaAttachments,
    charactersReservedPerUrl: c.statuses?.charactersReservedPerUrl,
    imageSizeLimit: c.mediaAttachments?.imageSizeLimit,
    supportedMimeTypes: c.mediaAttachments?.supportedMimeTypes,
    descriptionLimit: (c.mediaAttachments as { descriptionLimit?: number } | undefined)?.descriptionLimit,
  });
}

/**
 * The SSRF guard on the instance address: only public addresses unless the admin allows private networks.
 * masto sends its requests with the global fetch, so this vets the address the name resolves to now; the OAuth
 * requests (oauth.ts) also pin the connection to the vetted address.
 */
export async function vetInstance(
  instanceUrl: string,
  ctx: Pick<NetworkContext, 'urlPolicy'>,
): Promise<void> {
  try {
    await checkUrl(instanceUrl, { ...ctx.urlPolicy });
  } catch (err) {
    if (err instanceof UnsafeUrlError) throw fieldError('instanceUrl', err.message, 'unsafe_url');
    throw err;
  }
}

export const mastodonKind: NetworkKind = {
  id: 'mastodon',
  label: 'Mastodon',
  describe: (settings) => mastodonLimits(settingsSchema.parse(settings)),
  async connect(input, ctx) {
    const parsed = mastodonConnectSchema.parse(input);
    const credentials: Credentials = {
      instanceUrl: parsed.instanceUrl.replace(/\/+$/, ''),
      accessToken: parsed.accessToken,
    };
    await vetInstance(credentials.instanceUrl, ctx);
    const masto = client(credentials);
    try {
      const account = await masto.v1.accounts.verifyCredentials();
      const settings = await readSettings(masto);
      return {
        credentials,
        settings,
        account: {
          remoteAccountId: account.id,
          handle: `@${account.acct}@${new URL(credentials.instanceUrl).host}`,
          displayName: account.displayName || account.username,
          url: account.url,
        },
      };
    } catch (err) {
      throw classifyMastodon(err, 'connecting to Mastodon');
    }
  },
  async open(credentials, settings, ctx) {
    const parsed = credentialsSchema.safeParse(credentials);
    if (!parsed.success) throw new NetworkError('auth', 'stored Mastodon credentials are unreadable');
    try {
      await checkUrl(parsed.data.instanceUrl, { ...ctx.urlPolicy });
    } catch (err) {
      if (!(err instanceof UnsafeUrlError)) throw err;
      const failure = err.reason === 'unresolvable' ? 'retry' : 'permanent';
      throw new NetworkError(failure, `the instance address is refused: ${err.message}`, 'unsafe_url');
    }
    return new MastodonNetwork(client(parsed.data), settingsSchema.parse(settings));
  },
};
