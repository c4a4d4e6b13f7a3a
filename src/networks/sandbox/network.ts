// The sandbox network: a pretend social network in our own database, with its own limits, real idempotency
// (a unique key per account) and real failures (a revoked token is an auth error), for training and demos.
import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/connect.ts';
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
import { sandboxAccounts, sandboxPosts } from './schema.ts';

export const SANDBOX_LIMITS: NetworkLimits = {
  label: 'Sandbox',
  text: { max: 500, unit: 'graphemes' },
  media: {
    maxImages: 4,
    maxImageBytes: 1_000_000,
    mimeTypes: ['image/png', 'image/jpeg', 'image/webp', 'image/gif'],
    maxAltText: 1000,
  },
  threads: { supported: true, maxParts: 20 },
  facets: false,
  deletable: true,
  editable: true,
};

const credentialsSchema = z.object({ accountId: z.uuid(), token: z.string().min(1) });
export const sandboxConnectSchema = z.object({
  handle: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/i, 'letters, digits, dots, dashes or underscores')
    .optional(),
  displayName: z.string().trim().min(1).max(200).optional(),
});

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const postUrl = (handle: string, id: string) => `/sandbox/${encodeURIComponent(handle)}/${id}`;

export class SandboxNetwork implements Network {
  constructor(
    private readonly db: Db,
    private readonly orgId: string,
    private readonly credentials: z.infer<typeof credentialsSchema>,
  ) {}

  describe(): NetworkLimits {
    return SANDBOX_LIMITS;
  }

  adapt(draft: Parameters<Network['adapt']>[0]) {
    return adaptDraft(draft, SANDBOX_LIMITS);
  }

  check(variant: Variant) {
    return checkVariant(variant, SANDBOX_LIMITS);
  }

  /** Like a real API call: every request checks the token. */
  private async account(): Promise<{ id: string; handle: string }> {
    const [account] = await this.db
      .select()
      .from(sandboxAccounts)
      .where(and(eq(sandboxAccounts.id, this.credentials.accountId), eq(sandboxAccounts.orgId, this.orgId)));
    if (!account || account.tokenHash !== hashToken(this.credentials.token)) {
      throw new NetworkError('auth', 'The sandbox account does not accept this token', 'invalid_token');
    }
    if (account.revokedAt) throw new NetworkError('auth', 'The sandbox token was revoked', 'token_revoked');
    return account;
  }

  async publish(variant: Variant, key: IdempotencyKey): Promise<RemotePost> {
    const account = await this.account();
    const problems = this.check(variant);
    if (problems.length > 0) {
      throw new NetworkError('permanent', problems.map((p) => p.message).join('; '), problems[0]?.code);
    }
    // All parts in one transaction: the sandbox never shows half a thread. The unique key makes a repeat a no-op.
    return this.db.transaction(async (tx) => {
      let replyTo: string | null = null;
      const parts: RemotePost['parts'] = [];
      for (const [i, part] of variant.parts.entries()) {
        await tx
          .insert(sandboxPosts)
          .values({
            orgId: this.orgId,
            accountId: account.id,
            idempotencyKey: key.key,
            part: i,
            replyTo,
            text: part.text,
            images: part.images.map((img) => ({
              alt: img.alt,
              mimeType: img.mimeType,
              size: img.bytes.byteLength,
            })),
          })
          .onConflictDoNothing();
        const [row] = await tx
          .select({ id: sandboxPosts.id })
          .from(sandboxPosts)
          .where(
            and(
              eq(sandboxPosts.accountId, account.id),
              eq(sandboxPosts.idempotencyKey, key.key),
              eq(sandboxPosts.part, i),
            ),
          );
        if (!row) throw new NetworkError('retry', 'the sandbox lost a post it just stored');
        parts.push({ remoteId: row.id, url: postUrl(account.handle, row.id) });
        replyTo = row.id;
      }
      return { remoteId: parts[0]!.remoteId, url: parts[0]!.url, parts };
    });
  }

  async findByIdempotencyKey(key: IdempotencyKey, variant: Variant): Promise<RemotePost | null> {
    const account = await this.account();
    const rows = await this.db
      .select({ id: sandboxPosts.id, part: sandboxPosts.part })
      .from(sandboxPosts)
      .where(and(eq(sandboxPosts.accountId, account.id), eq(sandboxPosts.idempotencyKey, key.key)))
      .orderBy(asc(sandboxPosts.part));
    if (rows.length < variant.parts.length || rows.length === 0) return null;
    const parts = rows.map((r) => ({ remoteId: r.id, url: postUrl(account.handle, r.id) }));
    return { remoteId: parts[0]!.remoteId, url: parts[0]!.url, parts };
  }

  async fetch(remoteId: string): Promise<FetchedPost | null> {
    const account = await this.account();
    if (!z.uuid().safeParse(remoteId).success) return null;
    const [row] = await this.db
      .select()
      .from(sandboxPosts)
      .where(
        and(
          eq(sandboxPosts.id, remoteId),
          eq(sandboxPosts.accountId, account.id),
          isNull(sandboxPosts.deletedAt),
        ),
      );
    if (!row) return null;
    return {
      remoteId: row.id,
      url: postUrl(account.handle, row.id),
      text: row.text,
      alts: row.images.map((i) => i.alt),
      replyTo: row.replyTo,
    };
  }

  /** Like Mastodon: the text changes in place, the images stay, the post keeps its id and place in a thread. */
  async edit(part: RemotePart, text: string): Promise<void> {
    const account = await this.account();
    const mine = and(
      eq(sandboxPosts.id, part.remoteId),
      eq(sandboxPosts.accountId, account.id),
      isNull(sandboxPosts.deletedAt),
    );
    const [row] = z.uuid().safeParse(part.remoteId).success
      ? await this.db.select({ images: sandboxPosts.images }).from(sandboxPosts).where(mine)
      : [];
    if (!row) throw new NetworkError('permanent', 'the post does not exist any more', 'not_found');
    const problems = checkText(text, SANDBOX_LIMITS, row.images.length > 0);
    if (problems.length > 0)
      throw new NetworkError('permanent', problems.map((p) => p.message).join('; '), problems[0]?.code);
    await this.db.update(sandboxPosts).set({ text, editedAt: new Date() }).where(mine);
  }

  async delete(post: RemotePost): Promise<void> {
    const account = await this.account();
    for (const part of post.parts) {
      if (!z.uuid().safeParse(part.remoteId).success) continue;
      await this.db
        .update(sandboxPosts)
        .set({ deletedAt: new Date() })
        .where(
          and(
            eq(sandboxPosts.id, part.remoteId),
            eq(sandboxPosts.accountId, account.id),
            isNull(sandboxPosts.deletedAt),
          ),
        );
    }
  }
}

/** Creates a sandbox account for the organisation and returns credentials for it. */
async function connect(input: unknown, ctx: NetworkContext) {
  const parsed = sandboxConnectSchema.parse(input ?? {});
  const handle = parsed.handle ?? `sandbox-${randomBytes(3).toString('hex')}`;
  const token = randomBytes(24).toString('base64url');
  const [account] = await ctx.db
    .insert(sandboxAccounts)
    .values({
      orgId: ctx.orgId,
      handle,
      displayName: parsed.displayName ?? handle,
      tokenHash: hashToken(token),
    })
    .onConflictDoUpdate({
      // Connecting the same handle again issues a new token (like signing in again on a real network).
      target: [sandboxAccounts.orgId, sandboxAccounts.handle],
      set: { tokenHash: hashToken(token), revokedAt: null },
    })
    .returning();
  if (!account) throw new NetworkError('retry', 'could not create the sandbox account');
  return {
    credentials: { accountId: account.id, token },
    settings: {},
    account: {
      remoteAccountId: account.id,
      handle: account.handle,
      displayName: account.displayName,
      url: `/sandbox/${encodeURIComponent(account.handle)}`,
    },
  };
}

export const sandboxKind: NetworkKind = {
  id: 'sandbox',
  label: 'Sandbox',
  describe: () => SANDBOX_LIMITS,
  connect,
  async open(credentials, _settings, ctx) {
    const parsed = credentialsSchema.safeParse(credentials);
    if (!parsed.success) throw new NetworkError('auth', 'stored sandbox credentials are unreadable');
    return new SandboxNetwork(ctx.db, ctx.orgId, parsed.data);
  },
};

/** Training and tests: make the account's token stop working, as a network does when access is revoked. */
export async function revokeSandboxAccount(db: Db, orgId: string, accountId: string): Promise<void> {
  await db
    .update(sandboxAccounts)
    .set({ revokedAt: new Date() })
    .where(and(eq(sandboxAccounts.id, accountId), eq(sandboxAccounts.orgId, orgId)));
}
