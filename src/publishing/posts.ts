// Posts: a draft written once, a variant per channel adapted to that network's rules (never truncated), and a
// publish target per (post, channel). A post moves draft → (pending_approval ⇄ changes_requested) → ready; only a
// ready post's targets are queued, in the same transaction that makes it ready.
import { and, asc, desc, eq, gte, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/connect.ts';
import { DomainError } from '../errors.ts';
import { checkDraft, type GuidelineHit } from '../guidelines/check.ts';
import { adaptDraft, checkVariant } from '../networks/text.ts';
import type { ImageInput, NetworkLimits, Problem, Variant } from '../networks/types.ts';
import { recordAudit } from '../team/audit.ts';
import type { Actor } from '../team/auth.ts';
import { memberships, users } from '../team/schema.ts';
import { postLabel } from './audit.ts';
import { type ChannelRow, kindOf, type PublishingDeps, queueTargets } from './channels.ts';
import {
  type Authorship,
  channels,
  type PostStage,
  postComments,
  postMedia,
  posts,
  publishAttempts,
  publishTargets,
  type StoredVariant,
  type VariantEdit,
} from './schema.ts';
import { getPublishingSettings } from './settings.ts';
import { nextFreeSlot } from './slots.ts';

export interface ImageUpload {
  /** base64 */
  data: string;
  mimeType: string;
  alt: string;
}

/** On an edit: an image the post already has, by id, optionally with new alt text. */
export interface KeptImage {
  mediaId: string;
  alt?: string | undefined;
}

export type Intent = 'draft' | 'submit';

export interface NewPost {
  text: string;
  thread: boolean;
  images: ImageUpload[];
  channelIds: string[];
  /** Per-channel edits: the parts as the author wants them on that channel. */
  variants: VariantEdit[];
  scheduledAt?: Date | undefined;
  /** Each channel's target at that channel's next free queue slot (instead of scheduledAt). */
  slot?: 'next' | undefined;
  /** Whose words these are; defaults to the person creating the post. */
  writtenBy?: string | undefined;
  /** 'draft': stored, nothing queued. 'submit' (default): for approval, or queued when none is needed. */
  intent?: Intent | undefined;
}

export interface PostChange {
  text?: string | undefined;
  thread?: boolean | undefined;
  images?: (ImageUpload | KeptImage)[] | undefined;
  channelIds?: string[] | undefined;
  variants?: VariantEdit[] | undefined;
  /** null clears the time of a draft. */
  scheduledAt?: Date | null | undefined;
  slot?: 'next' | undefined;
  writtenBy?: string | undefined;
}

export interface ChannelPreview {
  channelId: string;
  network: string;
  limits: NetworkLimits;
  variant: { parts: { text: string; images: number }[] };
  problems: Problem[];
}

export const POST_STATES = [
  'draft',
  'pending_approval',
  'changes_requested',
  'scheduled',
  'published',
  'partly_failed',
  'failed',
  'cancelled',
] as const;
export type PostState = (typeof POST_STATES)[number];

/**
 * The post's state as the API shows it: its stage until it is ready, then what its targets say. One SQL
 * expression, so the list filter and the JSON can never disagree.
 */
// Written with the table name: inside a select drizzle renders columns unqualified, which the subquery would
// take for its own.
export const POST_STATE_SQL: SQL<PostState> = sql<PostState>`case when "posts"."stage" <> 'ready' then "posts"."stage"
  else coalesce((select case
      when bool_or(t.status = 'failed') and bool_or(t.status in ('published', 'scheduled', 'publishing'))
        then 'partly_failed'
      when bool_or(t.status = 'failed') then 'failed'
      when bool_or(t.status in ('scheduled', 'publishing')) then 'scheduled'
      when bool_or(t.status = 'published') then 'published'
      else 'cancelled' end
    from publish_targets t where t.post_id = "posts"."id"), 'cancelled') end`;

export function authorshipOf(channel: ChannelRow, writtenBy: string | null): Authorship {
  if (!channel.ownerUserId) return 'organisation';
  return channel.ownerUserId === writtenBy ? 'own_words' : 'on_behalf';
}

export async function channelsFor(db: DbOrTx, orgId: string, ids: string[]): Promise<ChannelRow[]> {
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
  input: { text: string; thread: boolean; variants: VariantEdit[] },
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

type Adapted = ReturnType<typeof adaptForChannels>;

/** Refuses content that cannot go out: a network's limits (400) or a blocking guideline (422 at the route). */
function assertSubmittable(adapted: Adapted, hits: GuidelineHit[]): void {
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
  const blocking = hits.filter((h) => h.severity === 'block');
  if (blocking.length > 0)
    throw new DomainError(
      'invalid',
      GUIDELINE_BLOCKED,
      `text: goes against the guidelines — ${blocking[0]!.message}`,
      { hits: blocking },
    );
}

/** The error code the routes answer with 422 Unprocessable Content. */
export const GUIDELINE_BLOCKED = 'guideline_blocked';

export async function previewPost(
  db: DbOrTx,
  deps: Pick<PublishingDeps, 'networks'>,
  orgId: string,
  input: Pick<NewPost, 'text' | 'thread' | 'images' | 'channelIds' | 'variants'>,
): Promise<{ channels: ChannelPreview[]; guidelineHits: GuidelineHit[] }> {
  const rows = await channelsFor(db, orgId, input.channelIds);
  const previews = adaptForChannels(deps, rows, input, decodeImages(input.images)).map((a) => ({
    channelId: a.channel.id,
    network: a.channel.network,
    limits: a.limits,
    variant: { parts: a.variant.parts.map((p) => ({ text: p.text, images: p.images.length })) },
    problems: a.problems,
  }));
  return {
    channels: previews,
    guidelineHits: await checkDraft(db, orgId, { text: input.text, channelIds: input.channelIds }),
  };
}

async function assertMember(db: DbOrTx, orgId: string, userId: string): Promise<void> {
  const [member] = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  if (!member)
    throw new DomainError('invalid', 'not_a_member', 'writtenBy: is not a member of this organisation');
}

function assertVariantsMatch(variants: VariantEdit[], channelIds: string[]): void {
  for (const v of variants)
    if (!channelIds.includes(v.channelId))
      throw new DomainError('invalid', 'validation', `variants: ${v.channelId} is not one of channelIds`);
}

/** Each channel's due time: its next free slot, the time asked for, or none (a draft without a time). */
async function dueTimes(
  db: DbOrTx,
  orgId: string,
  channelIds: string[],
  when: { slot?: 'next' | undefined; at?: Date | null | undefined; excludePostId?: string },
): Promise<Map<string, Date | null>> {
  const due = new Map<string, Date | null>();
  // In id order, so that two requests lock the channels' slot pickers in the same order.
  for (const id of [...channelIds].sort()) {
    if (when.slot === 'next')
      due.set(id, await nextFreeSlot(db, orgId, id, { excludePostId: when.excludePostId, lock: true }));
    else due.set(id, when.at ?? null);
  }
  return due;
}

function earliest(dates: (Date | null)[]): Date | null {
  const times = dates.filter((d): d is Date => d !== null).map((d) => d.getTime());
  return times.length ? new Date(Math.min(...times)) : null;
}

function storedVariant(variant: Variant, mediaIds: string[]): StoredVariant {
  return { parts: variant.parts.map((p, i) => ({ text: p.text, mediaIds: i === 0 ? mediaIds : [] })) };
}

export async function createPost(
  db: Db,
  deps: Pick<PublishingDeps, 'networks'>,
  actor: Actor,
  input: NewPost,
): Promise<{ id: string }> {
  const intent = input.intent ?? 'submit';
  if (input.channelIds.length === 0)
    throw new DomainError('invalid', 'validation', 'channelIds: pick at least one channel');
  if (input.slot && input.scheduledAt)
    throw new DomainError('invalid', 'validation', 'slot: give either slot or scheduledAt, not both');
  assertVariantsMatch(input.variants, input.channelIds);
  const writtenBy = input.writtenBy ?? actor.userId;
  await assertMember(db, actor.orgId, writtenBy);
  const rows = await channelsFor(db, actor.orgId, input.channelIds);
  const images = decodeImages(input.images);
  const adapted = adaptForChannels(deps, rows, input, images);
  const hits = await checkDraft(db, actor.orgId, {
    text: input.text,
    channelIds: input.channelIds,
    scheduledAt: input.scheduledAt,
  });
  // A draft may be unfinished (over a limit, an image without alt text); submitting it may not.
  if (intent === 'submit') assertSubmittable(adapted, hits);
  const settings = await getPublishingSettings(db, actor.orgId);
  const stage: PostStage =
    intent === 'draft' ? 'draft' : settings.requireApproval ? 'pending_approval' : 'ready';

  return db.transaction(async (tx) => {
    const due = await dueTimes(tx, actor.orgId, input.channelIds, {
      slot: input.slot,
      at: input.scheduledAt ?? (intent === 'submit' ? new Date() : null),
    });
    const [post] = await tx
      .insert(posts)
      .values({
        orgId: actor.orgId,
        text: input.text,
        thread: input.thread,
        scheduledAt: earliest([...due.values()]),
        stage,
        writtenBy,
        createdBy: actor.userId,
        requiresApproval: intent === 'submit' && settings.requireApproval,
        ...(intent === 'submit' && { submittedBy: actor.userId, submittedAt: new Date() }),
        guidelineHits: hits,
        variantEdits: input.variants,
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
          dueAt: due.get(a.channel.id) ?? null,
          authorship: authorshipOf(a.channel, writtenBy),
          variant: storedVariant(a.variant, mediaIds),
        })),
      )
      .returning({ id: publishTargets.id, dueAt: publishTargets.dueAt });
    if (stage === 'ready') await queueTargets(tx, actor.orgId, targets);
    if (stage === 'pending_approval')
      await tx
        .insert(postComments)
        .values({ orgId: actor.orgId, postId, authorId: actor.userId, kind: 'submitted' });
    const scheduledAt = earliest([...due.values()]);
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'post.create',
      target: postId,
      details: {
        post: await postLabel(tx, postId),
        channels: rows.length,
        stage,
        ...(scheduledAt && { scheduledAt: scheduledAt.toISOString() }),
        ...(input.slot && { slot: input.slot }),
        ...(hits.length > 0 && { guidelineHits: hits.length }),
      },
    });
    return { id: postId };
  });
}

/** The post row locked for a change; every change of a post's flow takes this lock first (the publish job too). */
export async function lockPost(tx: DbOrTx, orgId: string, postId: string) {
  const [row] = await tx
    .select()
    .from(posts)
    .where(and(eq(posts.id, postId), eq(posts.orgId, orgId), isNull(posts.deletedAt)))
    .for('update');
  if (!row) throw new DomainError('not_found', 'post_not_found', 'No such post in this organisation');
  return row;
}

export async function lockTargets(tx: DbOrTx, postId: string) {
  return tx
    .select({ target: publishTargets, channel: channels })
    .from(publishTargets)
    .innerJoin(channels, eq(channels.id, publishTargets.channelId))
    .where(eq(publishTargets.postId, postId))
    .orderBy(asc(publishTargets.createdAt))
    .for('update', { of: publishTargets });
}

type LockedTarget = Awaited<ReturnType<typeof lockTargets>>[number];

/** A post may be changed only while nothing of it is on a network or on its way there. */
export function assertNothingOut(targets: LockedTarget[]): void {
  const busy = targets.find((t) => t.target.status === 'publishing');
  if (busy)
    throw new DomainError(
      'conflict',
      'publishing_now',
      `This post is being published on ${busy.channel.name} right now; try again in a moment`,
    );
  const out = targets.find((t) => t.target.status === 'published' || t.target.status === 'deleted');
  if (out)
    throw new DomainError(
      'conflict',
      'already_published',
      `This post has already gone out on ${out.channel.name}; edit the published post instead`,
    );
}

/** The stored variants, with image bytes, as the network checks will see them. */
export async function loadMedia(tx: DbOrTx, postId: string) {
  return tx.select().from(postMedia).where(eq(postMedia.postId, postId)).orderBy(asc(postMedia.position));
}

/** Re-checks stored content against each network and the guidelines before it is submitted. */
export async function checkStored(
  tx: DbOrTx,
  deps: Pick<PublishingDeps, 'networks'>,
  post: typeof posts.$inferSelect,
  targets: LockedTarget[],
): Promise<GuidelineHit[]> {
  const media = await loadMedia(tx, post.id);
  const active = targets.filter((t) => t.target.status !== 'cancelled');
  if (active.length === 0)
    throw new DomainError('invalid', 'validation', 'channelIds: pick at least one channel');
  const adapted: Adapted = active.map(({ target, channel }) => {
    if (channel.status === 'disconnected')
      throw new DomainError('invalid', 'channel_disconnected', `channelIds: ${channel.name} is disconnected`);
    const limits = kindOf(deps.networks, channel.network).describe(channel.settings);
    const variant: Variant = {
      parts: target.variant.parts.map((p) => ({
        text: p.text,
        images: p.mediaIds.flatMap((id) => {
          const m = media.find((x) => x.id === id);
          return m ? [{ bytes: Buffer.from(m.data, 'base64'), mimeType: m.mimeType, alt: m.alt }] : [];
        }),
      })),
    };
    return { channel, limits, variant, problems: checkVariant(variant, limits) };
  });
  const hits = await checkDraft(tx, post.orgId, {
    text: post.text,
    channelIds: active.map((t) => t.channel.id),
    scheduledAt: post.scheduledAt ?? undefined,
    excludePostId: post.id,
  });
  assertSubmittable(adapted, hits);
  return hits;
}

/**
 * Edits a post that has not gone out: content, channels, images, per-channel variants, time. Only a new time is
 * a reschedule (approval kept); any change of content takes an approval back (the approver must see it again).
 */
export async function updatePost(
  db: Db,
  deps: Pick<PublishingDeps, 'networks'>,
  actor: Actor,
  postId: string,
  change: PostChange,
): Promise<void> {
  if (change.slot && change.scheduledAt !== undefined)
    throw new DomainError('invalid', 'validation', 'slot: give either slot or scheduledAt, not both');
  if (change.writtenBy) await assertMember(db, actor.orgId, change.writtenBy);
  await db.transaction(async (tx) => {
    const post = await lockPost(tx, actor.orgId, postId);
    const locked = await lockTargets(tx, postId);
    assertNothingOut(locked);
    const current = locked.filter((t) => t.target.status !== 'cancelled');
    const media = await loadMedia(tx, postId);

    // The post as it will be: the change over what is stored.
    const channelIds = change.channelIds ? [...new Set(change.channelIds)] : current.map((t) => t.channel.id);
    if (channelIds.length === 0)
      throw new DomainError('invalid', 'validation', 'channelIds: pick at least one channel');
    const text = change.text ?? post.text;
    const thread = change.thread ?? post.thread;
    const writtenBy = change.writtenBy ?? post.writtenBy;
    const variants = (change.variants ?? post.variantEdits).filter((v) => channelIds.includes(v.channelId));
    if (change.variants) assertVariantsMatch(change.variants, channelIds);
    const given: (ImageUpload | KeptImage)[] = change.images ?? media.map((m) => ({ mediaId: m.id }));
    const imageList = given.map((img, i) => {
      if ('mediaId' in img) {
        const m = media.find((x) => x.id === img.mediaId);
        if (!m)
          throw new DomainError('invalid', 'validation', `images.${i}.mediaId: is not an image of this post`);
        return { kept: m, alt: img.alt ?? m.alt };
      }
      return { upload: img, input: decodeImages([img])[0]! };
    });
    const imageInputs: ImageInput[] = imageList.map((img) =>
      'kept' in img && img.kept
        ? { bytes: Buffer.from(img.kept.data, 'base64'), mimeType: img.kept.mimeType, alt: img.alt }
        : img.input!,
    );
    const rows = await channelsFor(tx, actor.orgId, channelIds);
    const adapted = adaptForChannels(deps, rows, { text, thread, variants }, imageInputs);

    const sameImages =
      imageList.length === media.length &&
      imageList.every(
        (img, i) => 'kept' in img && img.kept?.id === media[i]!.id && img.alt === media[i]!.alt,
      );
    const sameChannels =
      channelIds.length === current.length && current.every((t) => channelIds.includes(t.channel.id));
    const sameVariants = adapted.every((a) => {
      const stored = current.find((t) => t.channel.id === a.channel.id)?.target.variant.parts ?? [];
      return (
        stored.length === a.variant.parts.length &&
        stored.every((p, i) => p.text === a.variant.parts[i]!.text)
      );
    });
    const contentChanged =
      text !== post.text ||
      thread !== post.thread ||
      writtenBy !== post.writtenBy ||
      !sameImages ||
      !sameChannels ||
      !sameVariants ||
      JSON.stringify(variants) !== JSON.stringify(post.variantEdits);
    const timeChanged = change.slot !== undefined || change.scheduledAt !== undefined;
    if (!contentChanged && !timeChanged) return;

    const submitted = post.stage === 'pending_approval' || post.stage === 'ready';
    let hits = post.guidelineHits;
    if (contentChanged) {
      hits = await checkDraft(tx, actor.orgId, {
        text,
        channelIds,
        scheduledAt: (change.scheduledAt ?? post.scheduledAt) || undefined,
        excludePostId: postId,
      });
      if (submitted) assertSubmittable(adapted, hits);
    }
    if (change.scheduledAt === null && submitted)
      throw new DomainError('invalid', 'validation', 'scheduledAt: a submitted post needs a time');

    // Approval: content changes take it back; the organisation's current rule decides whether one is needed.
    let stage = post.stage;
    let requiresApproval = post.requiresApproval;
    let approvalReset = false;
    if (contentChanged && submitted) {
      requiresApproval = (await getPublishingSettings(tx, actor.orgId)).requireApproval;
      stage = requiresApproval ? 'pending_approval' : 'ready';
      approvalReset = post.approvedBy !== null;
    }

    // Times: a new one for every target, or each keeps its own; new channels get the post's time.
    const now = new Date();
    const asked = await dueTimes(tx, actor.orgId, channelIds, {
      slot: change.slot,
      at: change.scheduledAt,
      excludePostId: postId,
    });
    const dueFor = (channelId: string, existing: Date | null | undefined): Date | null => {
      let due = timeChanged
        ? (asked.get(channelId) ?? null)
        : existing !== undefined
          ? existing
          : post.scheduledAt;
      if (due === null && stage !== 'draft' && stage !== 'changes_requested') due = now;
      // A submitted post moved into the past goes out now.
      if (due && timeChanged && submitted && due.getTime() < now.getTime()) due = now;
      return due;
    };

    // Images: keep (with new alt text), add, drop.
    const keptIds = new Set(imageList.flatMap((img) => ('kept' in img && img.kept ? [img.kept.id] : [])));
    const dropped = media.filter((m) => !keptIds.has(m.id)).map((m) => m.id);
    if (dropped.length) await tx.delete(postMedia).where(inArray(postMedia.id, dropped));
    const mediaIds: string[] = [];
    for (const [position, img] of imageList.entries()) {
      if ('kept' in img && img.kept) {
        await tx.update(postMedia).set({ position, alt: img.alt }).where(eq(postMedia.id, img.kept.id));
        mediaIds.push(img.kept.id);
        continue;
      }
      const input = img.input!;
      const [m] = await tx
        .insert(postMedia)
        .values({
          orgId: actor.orgId,
          postId,
          position,
          mimeType: input.mimeType,
          alt: input.alt,
          size: input.bytes.byteLength,
          data: Buffer.from(input.bytes).toString('base64'),
        })
        .returning({ id: postMedia.id });
      mediaIds.push(m!.id);
    }

    // Targets: update the kept channels, add new ones, drop (or cancel, when they were tried) the removed ones.
    const toQueue: { id: string; dueAt: Date | null }[] = [];
    const dues: (Date | null)[] = [];
    for (const a of adapted) {
      const existing = locked.find((t) => t.channel.id === a.channel.id);
      const live = existing && existing.target.status !== 'cancelled' ? existing : undefined;
      const dueAt = dueFor(a.channel.id, live?.target.dueAt);
      dues.push(dueAt);
      const values = {
        variant: storedVariant(a.variant, mediaIds),
        dueAt,
        authorship: authorshipOf(a.channel, writtenBy),
        updatedAt: now,
      };
      if (existing) {
        const status = existing.target.status === 'cancelled' ? 'scheduled' : existing.target.status;
        await tx
          .update(publishTargets)
          .set({ ...values, status })
          .where(eq(publishTargets.id, existing.target.id));
        if (status === 'scheduled') toQueue.push({ id: existing.target.id, dueAt });
      } else {
        const [t] = await tx
          .insert(publishTargets)
          .values({ orgId: actor.orgId, postId, channelId: a.channel.id, ...values })
          .returning({ id: publishTargets.id });
        toQueue.push({ id: t!.id, dueAt });
      }
    }
    for (const t of current) {
      if (channelIds.includes(t.channel.id)) continue;
      if (t.target.attempts === 0) await tx.delete(publishTargets).where(eq(publishTargets.id, t.target.id));
      else
        await tx
          .update(publishTargets)
          .set({ status: 'cancelled', errorMessage: 'the channel was removed from the post', updatedAt: now })
          .where(eq(publishTargets.id, t.target.id));
    }

    const scheduledAt = earliest(dues);
    await tx
      .update(posts)
      .set({
        text,
        thread,
        writtenBy,
        variantEdits: variants,
        guidelineHits: hits,
        stage,
        requiresApproval,
        scheduledAt,
        ...(contentChanged && submitted && { approvedBy: null, approvedAt: null }),
        updatedAt: now,
      })
      .where(eq(posts.id, postId));
    if (approvalReset)
      await tx
        .insert(postComments)
        .values({ orgId: actor.orgId, postId, authorId: actor.userId, kind: 'approval_reset' });
    if (stage === 'ready') await queueTargets(tx, actor.orgId, toQueue);

    const fields = Object.keys(change).filter((k) => change[k as keyof PostChange] !== undefined);
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: contentChanged ? 'post.update' : 'post.reschedule',
      target: postId,
      details: {
        post: await postLabel(tx, postId),
        fields: fields.join(', '),
        ...(timeChanged && {
          from: post.scheduledAt?.toISOString() ?? null,
          to: scheduledAt?.toISOString() ?? null,
        }),
        ...(approvalReset && { approvalReset: true }),
        ...(stage !== post.stage && { stage }),
      },
    });
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

type PostRow = typeof posts.$inferSelect;
export interface Person {
  id: string;
  name: string;
}

/** Names for user ids (people who left the organisation keep their name: users are not deleted with it). */
async function peopleById(db: DbOrTx, ids: (string | null)[]): Promise<Map<string, Person>> {
  const unique = [...new Set(ids.filter((i): i is string => i !== null))];
  const rows = unique.length
    ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, unique))
    : [];
  return new Map(rows.map((r) => [r.id, r]));
}

/** Posts as the API shows them: state, people by name, the approval thread, media (without bytes), targets. */
async function present(db: DbOrTx, orgId: string, rows: { post: PostRow; state: PostState }[]) {
  const ids = rows.map((r) => r.post.id);
  if (ids.length === 0) return [];
  const [targets, comments, media] = await Promise.all([
    db
      .select(targetColumns)
      .from(publishTargets)
      .innerJoin(channels, eq(channels.id, publishTargets.channelId))
      .where(and(eq(publishTargets.orgId, orgId), inArray(publishTargets.postId, ids)))
      .orderBy(asc(publishTargets.createdAt)),
    db
      .select()
      .from(postComments)
      .where(and(eq(postComments.orgId, orgId), inArray(postComments.postId, ids)))
      .orderBy(asc(postComments.createdAt)),
    db
      .select({
        id: postMedia.id,
        postId: postMedia.postId,
        mimeType: postMedia.mimeType,
        alt: postMedia.alt,
        size: postMedia.size,
      })
      .from(postMedia)
      .where(inArray(postMedia.postId, ids))
      .orderBy(asc(postMedia.position)),
  ]);
  const people = await peopleById(db, [
    ...rows.flatMap(({ post: p }) => [p.writtenBy, p.createdBy, p.approvedBy, p.submittedBy]),
    ...comments.map((c) => c.authorId),
  ]);
  const person = (id: string | null) => (id ? (people.get(id) ?? { id, name: '' }) : null);
  return rows.map(({ post: p, state }) => ({
    id: p.id,
    text: p.text,
    thread: p.thread,
    scheduledAt: p.scheduledAt,
    state,
    writtenBy: person(p.writtenBy),
    writtenById: p.writtenBy,
    createdBy: person(p.createdBy),
    createdById: p.createdBy,
    approvedBy: person(p.approvedBy),
    approvedById: p.approvedBy,
    approvedAt: p.approvedAt,
    requiresApproval: p.requiresApproval,
    submittedBy: person(p.submittedBy),
    submittedAt: p.submittedAt,
    approval: {
      required: p.requiresApproval,
      approvedBy: person(p.approvedBy),
      approvedAt: p.approvedAt,
      comments: comments
        .filter((c) => c.postId === p.id)
        .map((c) => ({
          id: c.id,
          author: person(c.authorId),
          kind: c.kind,
          text: c.text,
          createdAt: c.createdAt,
        })),
    },
    guidelineHits: p.guidelineHits,
    variants: p.variantEdits,
    channelIds: targets.filter((t) => t.postId === p.id && t.status !== 'cancelled').map((t) => t.channelId),
    media: media.filter((m) => m.postId === p.id).map(({ postId: _p, ...m }) => m),
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    targets: targets.filter((t) => t.postId === p.id),
  }));
}

export type PostView = Awaited<ReturnType<typeof present>>[number];

export async function listPosts(
  db: DbOrTx,
  orgId: string,
  opts: {
    from?: Date | undefined;
    to?: Date | undefined;
    limit: number;
    channelId?: string | undefined;
    state?: PostState | undefined;
    stage?: PostStage | undefined;
    oldestFirst?: boolean;
  },
): Promise<PostView[]> {
  const rows = await db
    .select({ post: posts, state: POST_STATE_SQL })
    .from(posts)
    .where(
      and(
        eq(posts.orgId, orgId),
        isNull(posts.deletedAt),
        // A window (the calendar) takes a post whose own time or any channel's time falls in it: with queue
        // slots each channel can have its own.
        opts.from || opts.to
          ? or(
              and(
                opts.from ? gte(posts.scheduledAt, opts.from) : undefined,
                opts.to ? lt(posts.scheduledAt, opts.to) : undefined,
              ),
              sql`exists (select 1 from publish_targets w where w.post_id = "posts"."id"
                and w.status <> 'cancelled'
                ${opts.from ? sql`and w.due_at >= ${opts.from.toISOString()}::timestamptz` : sql``}
                ${opts.to ? sql`and w.due_at < ${opts.to.toISOString()}::timestamptz` : sql``})`,
            )
          : undefined,
        opts.channelId
          ? sql`exists (select 1 from publish_targets pt where pt.post_id = "posts"."id"
              and pt.channel_id = ${opts.channelId} and pt.status <> 'cancelled')`
          : undefined,
        opts.state ? sql`(${POST_STATE_SQL}) = ${opts.state}` : undefined,
        opts.stage ? eq(posts.stage, opts.stage) : undefined,
      ),
    )
    .orderBy(
      ...(opts.oldestFirst
        ? [asc(posts.submittedAt), asc(posts.createdAt)]
        : [desc(posts.scheduledAt), desc(posts.createdAt)]),
    )
    .limit(opts.limit);
  return present(db, orgId, rows);
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
  const [row] = await db
    .select({ post: posts, state: POST_STATE_SQL })
    .from(posts)
    .where(and(eq(posts.id, postId), eq(posts.orgId, orgId), isNull(posts.deletedAt)));
  if (!row) throw new DomainError('not_found', 'post_not_found', 'No such post in this organisation');
  const [view] = await present(db, orgId, [row]);
  const attempts = view!.targets.length
    ? await db
        .select()
        .from(publishAttempts)
        .where(
          inArray(
            publishAttempts.targetId,
            view!.targets.map((t) => t.id),
          ),
        )
        .orderBy(asc(publishAttempts.number))
    : [];
  return {
    ...view!,
    targets: view!.targets.map((t) => ({
      ...t,
      history: attempts.filter((a) => a.targetId === t.id).map(({ orgId: _o, targetId: _t, ...a }) => a),
    })),
  };
}

/** A failed target goes back in the queue under the same idempotency key — only on a post cleared to go out. */
export async function retryTarget(db: Db, actor: Actor, postId: string, targetId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const post = await lockPost(tx, actor.orgId, postId);
    const [target] = await tx
      .select({
        status: publishTargets.status,
        dueAt: publishTargets.dueAt,
        channelStatus: channels.status,
        channelName: channels.name,
      })
      .from(publishTargets)
      .innerJoin(channels, eq(channels.id, publishTargets.channelId))
      .where(and(eq(publishTargets.id, targetId), eq(publishTargets.postId, postId)))
      .for('update', { of: publishTargets });
    if (!target)
      throw new DomainError('not_found', 'target_not_found', 'No such publish target on this post');
    if (post.stage !== 'ready' || (post.requiresApproval && !post.approvedBy))
      throw new DomainError(
        'conflict',
        'not_approved',
        post.stage === 'draft'
          ? 'This post is a draft; submit it first'
          : 'This post needs approval before anything of it can be published',
      );
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
    await queueTargets(tx, actor.orgId, [{ id: targetId, dueAt: target.dueAt }]);
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'post.retry',
      target: targetId,
      details: { post: await postLabel(tx, postId), channel: target.channelName },
    });
  });
}
