// Posts: a draft written once, a variant per channel adapted to that network's rules (never truncated), and a
// publish target per (post, channel) queued in the same transaction as the post.
import { and, asc, desc, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/connect.ts';
import { DomainError } from '../errors.ts';
import { enqueueMany } from '../jobs/enqueue.ts';
import { adaptDraft, checkVariant } from '../networks/text.ts';
import type { ImageInput, NetworkLimits, Problem, Variant } from '../networks/types.ts';
import { recordAudit } from '../team/audit.ts';
import type { Actor } from '../team/auth.ts';
import { memberships } from '../team/schema.ts';
import { type ChannelRow, kindOf, PUBLISH_JOB, type PublishingDeps, publishJobKey } from './channels.ts';
import {
  type Authorship,
  channels,
  postMedia,
  posts,
  publishAttempts,
  publishTargets,
  type StoredVariant,
} from './schema.ts';

export interface ImageUpload {
  /** base64 */
  data: string;
  mimeType: string;
  alt: string;
}

export interface NewPost {
  text: string;
  thread: boolean;
  images: ImageUpload[];
  channelIds: string[];
  /** Per-channel edits: the parts as the author wants them on that channel. */
  variants: { channelId: string; parts: string[] }[];
  scheduledAt?: Date | undefined;
  /** Whose words these are; defaults to the person creating the post. */
  writtenBy?: string | undefined;
}

export interface ChannelPreview {
  channelId: string;
  network: string;
  limits: NetworkLimits;
  variant: { parts: { text: string; images: number }[] };
  problems: Problem[];
}

function authorshipOf(channel: ChannelRow, writtenBy: string | null): Authorship {
  if (!channel.ownerUserId) return 'organisation';
  return channel.ownerUserId === writtenBy ? 'own_words' : 'on_behalf';
}

async function channelsFor(db: DbOrTx, orgId: string, ids: string[]): Promise<ChannelRow[]> {
  const unique = [...new Set(ids)];
  const rows = unique.length
    ? await db
        .select()
        .from(channels)
        .where(and(eq(channels.orgId, orgId), inArray(channels.id, unique)))
    : [];
  for (const id of unique) {
    const row = rows.find((r) => r.id === id);
    if (!row)
      throw new DomainError(
        'not_found',
        'channel_not_found',
        `channelIds: ${id} is not a channel of this organisation`,
      );
    if (row.status === 'disconnected')
      throw new DomainError('invalid', 'channel_disconnected', `channelIds: ${row.name} is disconnected`);
  }
  return unique.map((id) => rows.find((r) => r.id === id)!);
}

function decodeImages(images: ImageUpload[]): ImageInput[] {
  return images.map((img, i) => {
    const bytes = Buffer.from(img.data, 'base64');
    if (bytes.length === 0)
      throw new DomainError('invalid', 'validation', `images.${i}.data: is empty or not base64`);
    return { bytes: new Uint8Array(bytes), mimeType: img.mimeType, alt: img.alt };
  });
}

/** Every channel's variant and its problems; nothing is stored. */
export function adaptForChannels(
  deps: Pick<PublishingDeps, 'networks'>,
  rows: ChannelRow[],
  input: Pick<NewPost, 'text' | 'thread' | 'variants'>,
  images: ImageInput[],
): { channel: ChannelRow; limits: NetworkLimits; variant: Variant; problems: Problem[] }[] {
  return rows.map((channel) => {
    const limits = kindOf(deps.networks, channel.network).describe(channel.settings);
    const edited = input.variants.find((v) => v.channelId === channel.id);
    if (edited) {
      const variant: Variant = {
        parts: edited.parts.map((text, i) => ({ text, images: i === 0 ? images : [] })),
      };
      return { channel, limits, variant, problems: checkVariant(variant, limits) };
    }
    return { channel, limits, ...adaptDraft({ text: input.text, images, thread: input.thread }, limits) };
  });
}

export async function previewPost(
  db: DbOrTx,
  deps: Pick<PublishingDeps, 'networks'>,
  orgId: string,
  input: Omit<NewPost, 'scheduledAt' | 'writtenBy'>,
): Promise<ChannelPreview[]> {
  const rows = await channelsFor(db, orgId, input.channelIds);
  return adaptForChannels(deps, rows, input, decodeImages(input.images)).map((a) => ({
    channelId: a.channel.id,
    network: a.channel.network,
    limits: a.limits,
    variant: { parts: a.variant.parts.map((p) => ({ text: p.text, images: p.images.length })) },
    problems: a.problems,
  }));
}

export async function createPost(
  db: Db,
  deps: Pick<PublishingDeps, 'networks'>,
  actor: Actor,
  input: NewPost,
): Promise<{ id: string }> {
  if (input.channelIds.length === 0)
    throw new DomainError('invalid', 'validation', 'channelIds: pick at least one channel');
  for (const v of input.variants)
    if (!input.channelIds.includes(v.channelId))
      throw new DomainError('invalid', 'validation', `variants: ${v.channelId} is not one of channelIds`);
  const writtenBy = input.writtenBy ?? actor.userId;
  const [member] = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.orgId, actor.orgId), eq(memberships.userId, writtenBy)));
  if (!member)
    throw new DomainError('invalid', 'not_a_member', 'writtenBy: is not a member of this organisation');
  const rows = await channelsFor(db, actor.orgId, input.channelIds);
  const images = decodeImages(input.images);
  const adapted = adaptForChannels(deps, rows, input, images);
  const withProblems = adapted.filter((a) => a.problems.length > 0);
  if (withProblems.length > 0) {
    const first = withProblems[0]!;
    throw new DomainError(
      'invalid',
      'post_has_problems',
      `${first.channel.name}: ${first.problems[0]!.message}`,
      { channels: Object.fromEntries(withProblems.map((a) => [a.channel.id, a.problems])) },
    );
  }
  const scheduledAt = input.scheduledAt ?? new Date();
  return db.transaction(async (tx) => {
    const [post] = await tx
      .insert(posts)
      .values({
        orgId: actor.orgId,
        text: input.text,
        thread: input.thread,
        scheduledAt,
        writtenBy,
        createdBy: actor.userId,
      })
      .returning({ id: posts.id });
    const postId = post!.id;
    const media = images.length
      ? await tx
          .insert(postMedia)
          .values(
            input.images.map((img, i) => ({
              orgId: actor.orgId,
              postId,
              position: i,
              mimeType: img.mimeType,
              alt: img.alt,
              size: images[i]!.bytes.byteLength,
              data: Buffer.from(images[i]!.bytes).toString('base64'),
            })),
          )
          .returning({ id: postMedia.id, position: postMedia.position })
      : [];
    const mediaIds = media.sort((a, b) => a.position - b.position).map((m) => m.id);
    const targets = await tx
      .insert(publishTargets)
      .values(
        adapted.map((a) => ({
          orgId: actor.orgId,
          postId,
          channelId: a.channel.id,
          dueAt: scheduledAt,
          authorship: authorshipOf(a.channel, writtenBy),
          variant: {
            parts: a.variant.parts.map((p, i) => ({ text: p.text, mediaIds: i === 0 ? mediaIds : [] })),
          } satisfies StoredVariant,
        })),
      )
      .returning({ id: publishTargets.id });
    await enqueueMany(
      tx,
      PUBLISH_JOB,
      targets.map((t) => ({
        payload: { targetId: t.id },
        orgId: actor.orgId,
        runAt: scheduledAt,
        uniqueKey: publishJobKey(t.id),
      })),
    );
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'post.create',
      target: postId,
      details: { channels: rows.length, scheduledAt: scheduledAt.toISOString() },
    });
    return { id: postId };
  });
}

const targetColumns = {
  id: publishTargets.id,
  postId: publishTargets.postId,
  channelId: publishTargets.channelId,
  channelName: channels.name,
  network: channels.network,
  handle: channels.handle,
  status: publishTargets.status,
  dueAt: publishTargets.dueAt,
  attempts: publishTargets.attempts,
  remoteId: publishTargets.remoteId,
  remoteUrl: publishTargets.remoteUrl,
  publishedAt: publishTargets.publishedAt,
  late: publishTargets.late,
  errorClass: publishTargets.errorClass,
  errorCode: publishTargets.errorCode,
  errorMessage: publishTargets.errorMessage,
  authorship: publishTargets.authorship,
  publishedOnHandle: publishTargets.publishedOnHandle,
  deletedAt: publishTargets.deletedAt,
  variant: publishTargets.variant,
};

export async function listPosts(
  db: DbOrTx,
  orgId: string,
  opts: { from?: Date | undefined; to?: Date | undefined; limit: number },
) {
  const rows = await db
    .select()
    .from(posts)
    .where(
      and(
        eq(posts.orgId, orgId),
        isNull(posts.deletedAt),
        opts.from ? gte(posts.scheduledAt, opts.from) : undefined,
        opts.to ? lt(posts.scheduledAt, opts.to) : undefined,
      ),
    )
    .orderBy(desc(posts.scheduledAt))
    .limit(opts.limit);
  const ids = rows.map((r) => r.id);
  const targets = ids.length
    ? await db
        .select(targetColumns)
        .from(publishTargets)
        .innerJoin(channels, eq(channels.id, publishTargets.channelId))
        .where(and(eq(publishTargets.orgId, orgId), inArray(publishTargets.postId, ids)))
    : [];
  return rows.map((p) => ({ ...presentPost(p), targets: targets.filter((t) => t.postId === p.id) }));
}

function presentPost(p: typeof posts.$inferSelect) {
  return {
    id: p.id,
    text: p.text,
    thread: p.thread,
    scheduledAt: p.scheduledAt,
    writtenBy: p.writtenBy,
    createdBy: p.createdBy,
    requiresApproval: p.requiresApproval,
    approvedBy: p.approvedBy,
    approvedAt: p.approvedAt,
    createdAt: p.createdAt,
  };
}

export async function getPostRow(db: DbOrTx, orgId: string, postId: string) {
  const [row] = await db
    .select()
    .from(posts)
    .where(and(eq(posts.id, postId), eq(posts.orgId, orgId), isNull(posts.deletedAt)));
  if (!row) throw new DomainError('not_found', 'post_not_found', 'No such post in this organisation');
  return row;
}

/** The post with its media (without bytes), its targets and every attempt of each. */
export async function getPost(db: DbOrTx, orgId: string, postId: string) {
  const post = await getPostRow(db, orgId, postId);
  const media = await db
    .select({ id: postMedia.id, mimeType: postMedia.mimeType, alt: postMedia.alt, size: postMedia.size })
    .from(postMedia)
    .where(eq(postMedia.postId, postId))
    .orderBy(asc(postMedia.position));
  const targets = await db
    .select(targetColumns)
    .from(publishTargets)
    .innerJoin(channels, eq(channels.id, publishTargets.channelId))
    .where(and(eq(publishTargets.postId, postId), eq(publishTargets.orgId, orgId)));
  const attempts = targets.length
    ? await db
        .select()
        .from(publishAttempts)
        .where(
          inArray(
            publishAttempts.targetId,
            targets.map((t) => t.id),
          ),
        )
        .orderBy(asc(publishAttempts.number))
    : [];
  return {
    ...presentPost(post),
    media,
    targets: targets.map((t) => ({
      ...t,
      history: attempts.filter((a) => a.targetId === t.id).map(({ orgId: _o, targetId: _t, ...a }) => a),
    })),
  };
}

/** A failed target goes back in the queue under the same idempotency key. */
export async function retryTarget(db: Db, actor: Actor, postId: string, targetId: string): Promise<void> {
  await getPostRow(db, actor.orgId, postId);
  await db.transaction(async (tx) => {
    const [target] = await tx
      .select({ status: publishTargets.status, channelStatus: channels.status, channelName: channels.name })
      .from(publishTargets)
      .innerJoin(channels, eq(channels.id, publishTargets.channelId))
      .where(and(eq(publishTargets.id, targetId), eq(publishTargets.postId, postId)))
      .for('update', { of: publishTargets });
    if (!target)
      throw new DomainError('not_found', 'target_not_found', 'No such publish target on this post');
    if (target.status !== 'failed')
      throw new DomainError(
        'conflict',
        'not_failed',
        `Only a failed target can be retried; this one is ${target.status}`,
      );
    if (target.channelStatus !== 'active')
      throw new DomainError(
        'conflict',
        'channel_not_active',
        `${target.channelName} needs reconnecting before anything can be published on it`,
      );
    await tx
      .update(publishTargets)
      .set({ status: 'scheduled', updatedAt: sql`now()` })
      .where(eq(publishTargets.id, targetId));
    await enqueueMany(tx, PUBLISH_JOB, [
      { payload: { targetId }, orgId: actor.orgId, uniqueKey: publishJobKey(targetId) },
    ]);
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'post.retry',
      target: targetId,
    });
  });
}
