// The approval flow: editors submit, approvers approve (which queues the post) or send it back with a comment,
// and everyone who writes or approves can comment. Each step is a comment in the post's thread and an audit entry.
//
// Self-approval: an approver may not approve a post they created, wrote or submitted — a second pair of eyes is
// the point — unless the organisation allows it (publishing settings: allowSelfApproval). Admins may, since they
// can turn approval off anyway; the audit entry then says `self: true`.
import { and, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/connect.ts';
import { DomainError } from '../errors.ts';
import { recordAudit } from '../team/audit.ts';
import type { Actor } from '../team/auth.ts';
import { can } from '../team/policy.ts';
import { postLabel } from './audit.ts';
import { type PublishingDeps, queueTargets } from './channels.ts';
import { checkStored, listPosts, lockPost, lockTargets } from './posts.ts';
import { type PostStage, postComments, posts, publishTargets } from './schema.ts';
import { getPublishingSettings } from './settings.ts';
import { nextFreeSlot } from './slots.ts';

/** Moves the targets still to go out to their time (now, if it has passed) and queues them. */
async function release(
  tx: DbOrTx,
  orgId: string,
  targets: Awaited<ReturnType<typeof lockTargets>>,
  times: Map<string, Date> = new Map(),
): Promise<Date | null> {
  const now = new Date();
  const queue: { id: string; dueAt: Date }[] = [];
  for (const { target } of targets) {
    if (target.status !== 'scheduled') continue;
    let dueAt = times.get(target.channelId) ?? target.dueAt ?? now;
    // Held past its time by a draft or an approval: it goes out now (and is not "late": nobody was down).
    if (dueAt.getTime() < now.getTime()) dueAt = now;
    if (dueAt.getTime() !== target.dueAt?.getTime())
      await tx.update(publishTargets).set({ dueAt, updatedAt: now }).where(eq(publishTargets.id, target.id));
    queue.push({ id: target.id, dueAt });
  }
  await queueTargets(tx, orgId, queue);
  return queue.length ? new Date(Math.min(...queue.map((q) => q.dueAt.getTime()))) : null;
}

/** A draft (or a post sent back) goes to approval, or straight to the queue when none is needed. */
export async function submitPost(
  db: Db,
  deps: Pick<PublishingDeps, 'networks'>,
  actor: Actor,
  postId: string,
  opts: { slot?: 'next' | undefined; comment?: string | undefined } = {},
): Promise<void> {
  await db.transaction(async (tx) => {
    const post = await lockPost(tx, actor.orgId, postId);
    if (post.stage === 'pending_approval' || post.stage === 'ready')
      throw new DomainError(
        'conflict',
        'already_submitted',
        post.stage === 'ready'
          ? 'This post is already scheduled'
          : 'This post is already waiting for approval',
      );
    const targets = await lockTargets(tx, postId);
    const hits = await checkStored(tx, deps, post, targets);
    const settings = await getPublishingSettings(tx, actor.orgId);
    const stage: PostStage = settings.requireApproval ? 'pending_approval' : 'ready';
    const times = new Map<string, Date>();
    if (opts.slot === 'next')
      for (const { target } of [...targets].sort((a, b) => (a.channel.id < b.channel.id ? -1 : 1)))
        if (target.status === 'scheduled')
          times.set(
            target.channelId,
            await nextFreeSlot(tx, actor.orgId, target.channelId, { excludePostId: postId, lock: true }),
          );
    const now = new Date();
    let scheduledAt: Date | null = post.scheduledAt;
    if (stage === 'ready') scheduledAt = await release(tx, actor.orgId, targets, times);
    else {
      // Waiting for approval: the times are kept (a slot is reserved); approval moves any that have passed.
      const dues: number[] = [];
      for (const { target } of targets) {
        if (target.status !== 'scheduled') continue;
        const dueAt = times.get(target.channelId) ?? target.dueAt ?? now;
        dues.push(dueAt.getTime());
        await tx
          .update(publishTargets)
          .set({ dueAt, updatedAt: now })
          .where(eq(publishTargets.id, target.id));
      }
      scheduledAt = dues.length ? new Date(Math.min(...dues)) : scheduledAt;
    }
    await tx
      .update(posts)
      .set({
        stage,
        requiresApproval: settings.requireApproval,
        approvedBy: null,
        approvedAt: null,
        submittedBy: actor.userId,
        submittedAt: now,
        guidelineHits: hits,
        scheduledAt,
        updatedAt: now,
      })
      .where(eq(posts.id, postId));
    await tx.insert(postComments).values({
      orgId: actor.orgId,
      postId,
      authorId: actor.userId,
      kind: 'submitted',
      text: opts.comment?.trim() ?? '',
    });
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'post.submit',
      target: postId,
      details: {
        post: await postLabel(tx, postId),
        stage,
        ...(hits.length > 0 && { guidelineHits: hits.length }),
      },
    });
  });
}

export async function approvePost(
  db: Db,
  actor: Actor,
  postId: string,
  opts: { comment?: string | undefined } = {},
): Promise<void> {
  await db.transaction(async (tx) => {
    const post = await lockPost(tx, actor.orgId, postId);
    if (post.stage !== 'pending_approval')
      throw new DomainError(
        'conflict',
        'not_pending',
        `Only a post waiting for approval can be approved; this one is ${post.stage.replace('_', ' ')}`,
      );
    const own = [post.createdBy, post.writtenBy, post.submittedBy].includes(actor.userId);
    if (own && actor.role !== 'admin') {
      const settings = await getPublishingSettings(tx, actor.orgId);
      if (!settings.allowSelfApproval)
        throw new DomainError(
          'forbidden',
          'self_approval',
          'You wrote or submitted this post; someone else has to approve it',
        );
    }
    const targets = await lockTargets(tx, postId);
    const now = new Date();
    const scheduledAt = await release(tx, actor.orgId, targets);
    await tx
      .update(posts)
      .set({
        stage: 'ready',
        approvedBy: actor.userId,
        approvedAt: now,
        scheduledAt: scheduledAt ?? post.scheduledAt,
        updatedAt: now,
      })
      .where(eq(posts.id, postId));
    await tx.insert(postComments).values({
      orgId: actor.orgId,
      postId,
      authorId: actor.userId,
      kind: 'approved',
      text: opts.comment?.trim() ?? '',
    });
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'post.approve',
      target: postId,
      details: {
        post: await postLabel(tx, postId),
        ...(own && { self: true }),
        ...(scheduledAt && { scheduledAt: scheduledAt.toISOString() }),
      },
    });
  });
}

export async function sendBackPost(db: Db, actor: Actor, postId: string, comment: string): Promise<void> {
  const text = comment.trim();
  if (!text)
    throw new DomainError('invalid', 'validation', 'comment: say what should change before sending it back');
  await db.transaction(async (tx) => {
    const post = await lockPost(tx, actor.orgId, postId);
    if (post.stage !== 'pending_approval')
      throw new DomainError(
        'conflict',
        'not_pending',
        `Only a post waiting for approval can be sent back; this one is ${post.stage.replace('_', ' ')}`,
      );
    await tx
      .update(posts)
      .set({ stage: 'changes_requested', updatedAt: new Date() })
      .where(eq(posts.id, postId));
    await tx
      .insert(postComments)
      .values({ orgId: actor.orgId, postId, authorId: actor.userId, kind: 'sent_back', text });
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'post.send_back',
      target: postId,
      details: { post: await postLabel(tx, postId) },
    });
  });
}

/** A comment in the approval thread, by anyone who writes or approves. */
export async function commentOnPost(
  db: Db,
  actor: Actor,
  postId: string,
  text: string,
): Promise<{ id: string }> {
  await lockPostForRead(db, actor, postId);
  if (!can(actor.role, 'content.write') && !can(actor.role, 'content.approve'))
    throw new DomainError('forbidden', 'forbidden', 'Only people who write or approve posts can comment');
  const body = text.trim();
  if (!body) throw new DomainError('invalid', 'validation', 'text: is empty');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(postComments)
      .values({ orgId: actor.orgId, postId, authorId: actor.userId, kind: 'comment', text: body })
      .returning({ id: postComments.id });
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'post.comment',
      target: postId,
      details: { post: await postLabel(tx, postId) },
    });
    return row!;
  });
}

async function lockPostForRead(db: Db, actor: Actor, postId: string): Promise<void> {
  const [row] = await db
    .select({ id: posts.id })
    .from(posts)
    .where(and(eq(posts.id, postId), eq(posts.orgId, actor.orgId)));
  if (!row) throw new DomainError('not_found', 'post_not_found', 'No such post in this organisation');
}

/** Posts waiting for approval, the longest-waiting first. */
export function listApprovals(db: Db, orgId: string) {
  return listPosts(db, orgId, { stage: 'pending_approval', limit: 500, oldestFirst: true });
}
