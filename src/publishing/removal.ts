// Deleting a post: targets not yet out are cancelled; published ones are deleted on their network where the
// network allows it, and the history keeps who deleted what and when.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/connect.ts';
import { DomainError } from '../errors.ts';
import { NetworkError } from '../networks/types.ts';
import { recordAudit } from '../team/audit.ts';
import type { Actor } from '../team/auth.ts';
import { postLabel } from './audit.ts';
import { kindOf, openChannel, type PublishingDeps } from './channels.ts';
import { getPostRow } from './posts.ts';
import { channels, posts, publishTargets } from './schema.ts';

export interface DeleteResult {
  cancelled: number;
  deleted: number;
  /** Published on a network that does not allow deleting through its API: still out there. */
  kept: { targetId: string; channel: string; url: string | null }[];
}

export async function deletePost(
  db: Db,
  deps: PublishingDeps,
  actor: Actor,
  postId: string,
): Promise<DeleteResult> {
  await getPostRow(db, actor.orgId, postId);
  // Cancel what has not gone out, under the row locks the publish job's claim takes, so neither can overtake.
  const { cancelled, published } = await db.transaction(async (tx) => {
    const rows = await tx
      .select({ target: publishTargets, channel: channels })
      .from(publishTargets)
      .innerJoin(channels, eq(channels.id, publishTargets.channelId))
      .where(and(eq(publishTargets.postId, postId), eq(publishTargets.orgId, actor.orgId)))
      .for('update', { of: publishTargets });
    if (rows.some((r) => r.target.status === 'publishing'))
      throw new DomainError(
        'conflict',
        'publishing_now',
        'This post is being published right now; try again in a moment',
      );
    let n = 0;
    for (const r of rows) {
      if (r.target.status === 'scheduled' || r.target.status === 'failed') {
        await tx
          .update(publishTargets)
          .set({ status: 'cancelled', updatedAt: sql`now()` })
          .where(eq(publishTargets.id, r.target.id));
        n++;
      }
    }
    return { cancelled: n, published: rows.filter((r) => r.target.status === 'published') };
  });

  const result: DeleteResult = { cancelled, deleted: 0, kept: [] };
  for (const { target, channel } of published) {
    const limits = kindOf(deps.networks, channel.network).describe(channel.settings);
    if (!limits.deletable || !target.remoteParts) {
      result.kept.push({ targetId: target.id, channel: channel.name, url: target.remoteUrl });
      continue;
    }
    try {
      const network = await openChannel(db, deps, channel);
      await network.delete({
        remoteId: target.remoteId ?? '',
        url: target.remoteUrl ?? '',
        parts: target.remoteParts,
      });
    } catch (err) {
      if (!(err instanceof NetworkError)) throw err;
      throw new DomainError(
        'conflict',
        'network_delete_failed',
        `${channel.name}: could not delete the published post (${err.message})`,
        { targetId: target.id, failure: err.failure, ...result },
      );
    }
    await db
      .update(publishTargets)
      .set({ status: 'deleted', deletedAt: sql`now()`, deletedBy: actor.userId, updatedAt: sql`now()` })
      .where(eq(publishTargets.id, target.id));
    result.deleted++;
  }
  await db.transaction(async (tx) => {
    if (result.kept.length === 0)
      await tx
        .update(posts)
        .set({ deletedAt: sql`now()`, updatedAt: sql`now()` })
        .where(eq(posts.id, postId));
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'post.delete',
      target: postId,
      details: {
        post: await postLabel(tx, postId),
        cancelled: result.cancelled,
        deleted: result.deleted,
        kept: result.kept.length,
      },
    });
  });
  return result;
}
