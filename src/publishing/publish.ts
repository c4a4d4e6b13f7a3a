// Publishing one (post, channel) exactly once. The queue delivers at least once, so exactly-once is made here:
// a claim under FOR UPDATE SKIP LOCKED, an idempotency key fixed at the first attempt, and — whenever an earlier
// attempt may have reached the network — asking the network for that key before publishing again.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/connect.ts';
import { type IdempotencyKey, NetworkError, type RemotePost, type Variant } from '../networks/types.ts';
import { type ChannelRow, markReconnectNeeded, openChannel, type PublishingDeps } from './channels.ts';
import { channels, postMedia, posts, publishAttempts, publishTargets } from './schema.ts';

/** Published later than this after its time, a post is marked late (the server was down, or retries took long). */
export const LATE_AFTER_MS = 2 * 60_000;

/** The moments a crash test kills the worker at; production passes no probe. */
export type PublishStep = 'claimed' | 'calling' | 'answered' | 'committed';

export interface PublishEngineDeps extends PublishingDeps {
  probe?: (step: PublishStep, targetId: string) => void | Promise<void>;
}

export interface RunInfo {
  jobId: string;
  attempt: number;
  maxAttempts: number;
  signal?: AbortSignal;
}

export type PublishOutcome =
  | { kind: 'published'; remote: RemotePost; found: boolean }
  | { kind: 'failed'; failure: NetworkError['failure']; message: string }
  | { kind: 'skipped'; reason: string };

/** Thrown so the queue retries with backoff; the target is already back to 'scheduled'. */
export class PublishRetry extends Error {
  override name = 'PublishRetry';
}

type TargetRow = typeof publishTargets.$inferSelect;

interface Claim {
  target: TargetRow;
  channel: ChannelRow;
  attemptId: string;
  key: IdempotencyKey;
  /** An earlier attempt began: its outcome may be a post on the network. */
  checkFirst: boolean;
}

type ClaimResult = { claimed: Claim } | { skipped: string };

async function claim(
  db: Db,
  targetId: string,
  run: RunInfo,
  queuedFor: string | undefined,
): Promise<ClaimResult> {
  return db.transaction(async (tx): Promise<ClaimResult> => {
    // Wait for any edit, approval or reschedule of the post in progress (they lock the post row first), so the
    // checks below see the post as it is after it; skip-locked on the target then only meets other workers.
    await tx
      .select({ id: posts.id })
      .from(posts)
      .innerJoin(publishTargets, eq(publishTargets.postId, posts.id))
      .where(eq(publishTargets.id, targetId))
      .for('share', { of: posts });
    const [row] = await tx
      .select({ target: publishTargets, channel: channels, post: posts })
      .from(publishTargets)
      .innerJoin(channels, eq(channels.id, publishTargets.channelId))
      .innerJoin(posts, eq(posts.id, publishTargets.postId))
      .where(eq(publishTargets.id, targetId))
      .for('update', { of: publishTargets, skipLocked: true });
    if (!row) {
      const [exists] = await tx
        .select({ id: publishTargets.id })
        .from(publishTargets)
        .where(eq(publishTargets.id, targetId));
      // Locked: another worker holds it right now (a job whose lease was taken back); it will finish it.
      return { skipped: exists ? 'claimed by another worker' : 'target no longer exists' };
    }
    const { target, channel, post } = row;
    if (target.status !== 'scheduled' && target.status !== 'publishing') return { skipped: target.status };
    if (post.deletedAt) return { skipped: 'post deleted' };
    const refuse = async (errorClass: 'auth' | 'permanent', code: string, message: string) => {
      await tx
        .update(publishTargets)
        .set({ status: 'failed', errorClass, errorCode: code, errorMessage: message, updatedAt: sql`now()` })
        .where(eq(publishTargets.id, target.id));
      return { skipped: message };
    };
    // A draft, or a post waiting for (or sent back from) approval: not to go out; approving queues it again.
    if (post.stage !== 'ready') return { skipped: `post is ${post.stage}` };
    // Enforced here, not only in the UI: nothing that needs approval goes out without it.
    if (post.requiresApproval && !post.approvedBy)
      return refuse('permanent', 'approval_missing', 'the post needs approval before it can be published');
    // Queued for another time than the target's now: it was rescheduled, and a job at the new time exists.
    if (queuedFor !== undefined && target.dueAt?.getTime() !== Date.parse(queuedFor))
      return { skipped: 'rescheduled' };
    if (queuedFor === undefined && target.dueAt && target.dueAt.getTime() > Date.now() + 1000)
      return { skipped: 'not due yet' };
    if (channel.status === 'reconnect_needed')
      return refuse('auth', 'reconnect_needed', `${channel.name} needs reconnecting`);
    if (channel.status === 'disconnected')
      return refuse('permanent', 'disconnected', `${channel.name} was disconnected`);

    const number = target.attempts + 1;
    const key: IdempotencyKey = {
      key: target.idempotencyKey ?? `stemme-${target.id}`,
      issuedAt: target.keyIssuedAt ?? new Date(),
    };
    await tx
      .update(publishTargets)
      .set({
        status: 'publishing',
        attempts: number,
        idempotencyKey: key.key,
        keyIssuedAt: key.issuedAt,
        updatedAt: sql`now()`,
      })
      .where(eq(publishTargets.id, target.id));
    await tx
      .update(publishAttempts)
      .set({ outcome: 'interrupted', finishedAt: sql`now()` })
      .where(and(eq(publishAttempts.targetId, target.id), eq(publishAttempts.outcome, 'running')));
    const [attempt] = await tx
      .insert(publishAttempts)
      .values({
        orgId: target.orgId,
        targetId: target.id,
        number,
        jobId: run.jobId,
        checkedNetwork: target.attempts > 0,
      })
      .returning({ id: publishAttempts.id });
    return {
      claimed: { target, channel, attemptId: attempt!.id, key, checkFirst: target.attempts > 0 },
    };
  });
}

async function loadVariant(db: Db, target: TargetRow): Promise<Variant> {
  const ids = target.variant.parts.flatMap((p) => p.mediaIds);
  const media = ids.length
    ? await db.select().from(postMedia).where(inArray(postMedia.id, ids)).orderBy(asc(postMedia.position))
    : [];
  return {
    parts: target.variant.parts.map((p) => ({
      text: p.text,
      images: p.mediaIds.flatMap((id) => {
        const m = media.find((x) => x.id === id);
        return m
          ? [{ bytes: new Uint8Array(Buffer.from(m.data, 'base64')), mimeType: m.mimeType, alt: m.alt }]
          : [];
      }),
    })),
  };
}

async function recordPublished(db: Db, c: Claim, remote: RemotePost, found: boolean): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(publishTargets)
      .set({
        status: 'published',
        remoteId: remote.remoteId,
        remoteUrl: remote.url,
        remoteParts: remote.parts,
        publishedAt: sql`now()`,
        late: sql`now() - ${publishTargets.dueAt} > ${LATE_AFTER_MS}::int * interval '1 millisecond'`,
        publishedOnHandle: c.channel.handle,
        errorClass: null,
        errorCode: null,
        errorMessage: null,
        updatedAt: sql`now()`,
      })
      .where(eq(publishTargets.id, c.target.id));
    await tx
      .update(publishAttempts)
      .set({ outcome: found ? 'found' : 'published', finishedAt: sql`now()` })
      .where(eq(publishAttempts.id, c.attemptId));
  });
}

async function recordFailure(db: Db, c: Claim, err: NetworkError, willRetry: boolean): Promise<void> {
  await db.transaction(async (tx) => {
    const error = { errorClass: err.failure, errorCode: err.code ?? null, errorMessage: err.message };
    await tx
      .update(publishTargets)
      .set({ status: willRetry ? 'scheduled' : 'failed', ...error, updatedAt: sql`now()` })
      .where(eq(publishTargets.id, c.target.id));
    await tx
      .update(publishAttempts)
      .set({ outcome: willRetry ? 'will_retry' : 'failed', ...error, finishedAt: sql`now()` })
      .where(eq(publishAttempts.id, c.attemptId));
    if (err.failure === 'auth') await markReconnectNeeded(tx, c.channel.id, err.message);
  });
}

/**
 * One attempt at one target. Returns what happened; throws PublishRetry when the queue should try again later,
 * and lets unexpected errors through (the queue retries those too, and the next attempt checks the network).
 */
export async function publishTarget(
  db: Db,
  deps: PublishEngineDeps,
  targetId: string,
  run: RunInfo,
  /** The due time the job was queued for (jobs queued before reschedules existed carry none). */
  queuedFor?: string,
): Promise<PublishOutcome> {
  const result = await claim(db, targetId, run, queuedFor);
  if ('skipped' in result) return { kind: 'skipped', reason: result.skipped };
  const c = result.claimed;
  await deps.probe?.('claimed', targetId);
  try {
    const network = await openChannel(db, deps, c.channel);
    const variant = await loadVariant(db, c.target);
    const problems = network.check(variant);
    if (problems.length > 0)
      throw new NetworkError('permanent', problems.map((p) => p.message).join('; '), problems[0]!.code);
    if (c.checkFirst) {
      const found = await network.findByIdempotencyKey(c.key, variant, run.signal);
      if (found) {
        await recordPublished(db, c, found, true);
        await deps.probe?.('committed', targetId);
        return { kind: 'published', remote: found, found: true };
      }
    }
    await deps.probe?.('calling', targetId);
    const remote = await network.publish(variant, c.key, run.signal);
    await deps.probe?.('answered', targetId);
    await recordPublished(db, c, remote, false);
    await deps.probe?.('committed', targetId);
    return { kind: 'published', remote, found: false };
  } catch (err) {
    // Aborted by the queue (timeout, shutdown, lost lease): the outcome is unknown; the next attempt checks.
    if (run.signal?.aborted || !(err instanceof NetworkError)) throw err;
    const willRetry = err.failure === 'retry' && run.attempt < run.maxAttempts;
    await recordFailure(db, c, err, willRetry);
    if (willRetry) throw new PublishRetry(err.message);
    return { kind: 'failed', failure: err.failure, message: err.message };
  }
}

/** Attempts after which a target that keeps dying is given up on (visible as failed, with a retry button). */
export const MAX_TOTAL_ATTEMPTS = 30;

/**
 * Targets that should be moving but have not for a while: their job died (a crash on its last attempt). Those
 * that ran out of attempts are failed; the rest are returned to be queued again.
 */
export async function strandedTargets(
  db: Db,
  limit = 500,
): Promise<{ id: string; orgId: string; dueAt: Date | null }[]> {
  const stale = and(
    inArray(publishTargets.status, ['scheduled', 'publishing']),
    sql`${publishTargets.dueAt} < now() - interval '1 minute'`,
    sql`${publishTargets.updatedAt} < now() - interval '5 minutes'`,
    // Drafts and posts waiting for approval are held on purpose, not stranded.
    sql`exists (select 1 from posts p where p.id = "publish_targets"."post_id" and p.stage = 'ready')`,
  );
  await db
    .update(publishTargets)
    .set({
      status: 'failed',
      errorClass: 'retry',
      errorCode: 'gave_up',
      errorMessage: `gave up after ${MAX_TOTAL_ATTEMPTS} attempts; a retry checks the network before publishing`,
      updatedAt: sql`now()`,
    })
    .where(and(stale, sql`${publishTargets.attempts} >= ${MAX_TOTAL_ATTEMPTS}`));
  return db
    .select({ id: publishTargets.id, orgId: publishTargets.orgId, dueAt: publishTargets.dueAt })
    .from(publishTargets)
    .where(stale)
    .limit(limit);
}
