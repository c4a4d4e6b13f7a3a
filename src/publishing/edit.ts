// Editing a published post where the network allows it: the network changes the text in place, and our history
// keeps every version (who, when, before, after) so the team can see what readers saw.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/connect.ts';
import { DomainError, fieldError } from '../errors.ts';
import { checkText } from '../networks/text.ts';
import { NetworkError } from '../networks/types.ts';
import { recordAudit } from '../team/audit.ts';
import type { Actor } from '../team/auth.ts';
import { users } from '../team/schema.ts';
import { postLabel } from './audit.ts';
import { kindOf, markReconnectNeeded, openChannel, type PublishingDeps } from './channels.ts';
import { postRevisions } from './edit-schema.ts';
import { channels, publishTargets } from './schema.ts';

export interface Revision {
  id: string;
  part: number;
  oldText: string;
  newText: string;
  editedAt: Date;
  editedBy: { id: string; name: string } | null;
}

export interface EditResult {
  targetId: string;
  part: number;
  text: string;
  /** Null when the text was already this: nothing was sent and nothing recorded. */
  revision: Revision | null;
}

async function loadTarget(db: Db, orgId: string, postId: string, targetId: string) {
  const [row] = await db
    .select({ target: publishTargets, channel: channels })
    .from(publishTargets)
    .innerJoin(channels, eq(channels.id, publishTargets.channelId))
    .where(
      and(
        eq(publishTargets.id, targetId),
        eq(publishTargets.postId, postId),
        eq(publishTargets.orgId, orgId),
      ),
    );
  if (!row) throw new DomainError('not_found', 'target_not_found', 'No such post on this channel');
  return row;
}

export async function editPublishedText(
  db: Db,
  deps: PublishingDeps,
  actor: Actor,
  postId: string,
  targetId: string,
  input: { text: string; part?: number | undefined },
): Promise<EditResult> {
  const { target, channel } = await loadTarget(db, actor.orgId, postId, targetId);
  const kind = kindOf(deps.networks, channel.network);
  const limits = kind.describe(channel.settings);
  if (!limits.editable)
    throw new DomainError(
      'conflict',
      'edit_unsupported',
      `${limits.label} does not allow editing a published post; delete it and post again`,
    );
  if (target.status !== 'published' || !target.remoteParts)
    throw new DomainError(
      'conflict',
      'not_published',
      `Only a published post can be edited; this one is ${target.status}`,
    );
  const part = input.part ?? 0;
  const remote = target.remoteParts[part];
  const stored = target.variant.parts[part];
  if (!remote || !stored)
    throw fieldError('part', `must be between 0 and ${target.remoteParts.length - 1}`, 'no_such_part');
  if (stored.text === input.text) return { targetId, part, text: input.text, revision: null };
  const problems = checkText(input.text, limits, stored.mediaIds.length > 0);
  if (problems.length > 0)
    throw fieldError('text', problems.map((p) => p.message).join('; '), problems[0]!.code);

  try {
    const network = await openChannel(db, deps, channel);
    if (!network.edit)
      throw new DomainError(
        'conflict',
        'edit_unsupported',
        `${limits.label} does not allow editing a published post; delete it and post again`,
      );
    await network.edit(remote, input.text);
  } catch (err) {
    if (!(err instanceof NetworkError)) throw err;
    // The same signal as a failed publish: the account refused us, so its owner hears about it.
    if (err.failure === 'auth') await markReconnectNeeded(db, channel.id, err.message);
    throw new DomainError(
      'conflict',
      err.code === 'not_found' ? 'remote_gone' : 'network_edit_failed',
      `${channel.name}: could not edit the published post (${err.message})`,
      { failure: err.failure },
    );
  }

  const revision = await db.transaction(async (tx) => {
    const [locked] = await tx
      .select({ variant: publishTargets.variant })
      .from(publishTargets)
      .where(eq(publishTargets.id, targetId))
      .for('update');
    const variant = locked?.variant ?? target.variant;
    const oldText = variant.parts[part]?.text ?? stored.text;
    await tx
      .update(publishTargets)
      .set({
        variant: { parts: variant.parts.map((p, i) => (i === part ? { ...p, text: input.text } : p)) },
        updatedAt: sql`now()`,
      })
      .where(eq(publishTargets.id, targetId));
    const [saved] = await tx
      .insert(postRevisions)
      .values({
        orgId: actor.orgId,
        postId,
        targetId,
        part,
        oldText,
        newText: input.text,
        editedBy: actor.userId,
      })
      .returning();
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'post.edit',
      target: postId,
      details: { post: await postLabel(tx, postId), targetId, channel: channel.name, part: part + 1 },
    });
    return saved!;
  });
  const [me] = await db.select({ name: users.name }).from(users).where(eq(users.id, actor.userId));
  return {
    targetId,
    part,
    text: input.text,
    revision: {
      id: revision.id,
      part: revision.part,
      oldText: revision.oldText,
      newText: revision.newText,
      editedAt: revision.editedAt,
      editedBy: { id: actor.userId, name: me?.name ?? '' },
    },
  };
}

/** Every edit of one published post on one channel, oldest first. */
export async function listRevisions(
  db: Db,
  orgId: string,
  postId: string,
  targetId: string,
): Promise<Revision[]> {
  await loadTarget(db, orgId, postId, targetId);
  const rows = await db
    .select({ revision: postRevisions, editorName: users.name })
    .from(postRevisions)
    .leftJoin(users, eq(users.id, postRevisions.editedBy))
    .where(and(eq(postRevisions.targetId, targetId), eq(postRevisions.orgId, orgId)))
    .orderBy(asc(postRevisions.editedAt), asc(postRevisions.id));
  return rows.map(({ revision: r, editorName }) => ({
    id: r.id,
    part: r.part,
    oldText: r.oldText,
    newText: r.newText,
    editedAt: r.editedAt,
    editedBy: r.editedBy ? { id: r.editedBy, name: editorName ?? '' } : null,
  }));
}
