// Builds the health check's snapshot: the plan document, plus what Listening, Publishing and Guidelines know
// about the plan's reality, read live from their tables.
import { and, eq, gte, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/connect.ts';
import { guidelineAcks, guidelineRules } from '../../guidelines/schema.ts';
import { currentVersion } from '../../guidelines/service.ts';
import { monitors } from '../../listening/schema.ts';
import { channels, publishTargets } from '../../publishing/schema.ts';
import type { PlanDocument } from '../service.ts';
import { NETWORKS, type Network } from '../vocabulary.ts';
import {
  ACTIVITY_WEEKS,
  AUTHORSHIP_DAYS,
  type ExternalSignals,
  NOTHING_BUILT_YET,
  type StrategySnapshot,
} from './types.ts';

export function snapshotOf(
  doc: PlanDocument,
  opts: { now?: Date; signals?: ExternalSignals } = {},
): StrategySnapshot {
  return {
    now: opts.now ?? new Date(),
    plan: doc.plan,
    goals: doc.goals,
    audiences: doc.audiences,
    channels: doc.channels,
    topics: doc.topics,
    watchTerms: doc.watchTerms,
    responsibilities: doc.responsibilities,
    members: doc.members,
    signals: opts.signals ?? NOTHING_BUILT_YET,
  };
}

const DAY = 24 * 60 * 60 * 1000;

/** Listening's monitors with their queries; the check runs them through the query engine itself. */
async function monitorSignal(db: DbOrTx, orgId: string): Promise<ExternalSignals['monitors']> {
  return db
    .select({ id: monitors.id, name: monitors.name, query: monitors.query, active: monitors.active })
    .from(monitors)
    .where(eq(monitors.orgId, orgId));
}

/** Connected accounts with their owner and what went out on them lately or is scheduled. */
async function channelSignal(
  db: DbOrTx,
  orgId: string,
  now: Date,
): Promise<NonNullable<ExternalSignals['connectedChannels']>> {
  const since = new Date(now.getTime() - ACTIVITY_WEEKS * 7 * DAY);
  const rows = await db
    .select({
      id: channels.id,
      network: channels.network,
      handle: channels.handle,
      ownerUserId: channels.ownerUserId,
      recentPosts: sql<number>`count(${publishTargets.id}) filter (where ${publishTargets.publishedAt} >= ${since.toISOString()}::timestamptz)`,
      scheduledPosts: sql<number>`count(${publishTargets.id}) filter (where ${publishTargets.status} in ('scheduled', 'publishing'))`,
    })
    .from(channels)
    .leftJoin(publishTargets, eq(publishTargets.channelId, channels.id))
    .where(and(eq(channels.orgId, orgId), ne(channels.status, 'disconnected')))
    .groupBy(channels.id);
  const known = new Set<string>(NETWORKS);
  return rows
    .filter((r) => known.has(r.network))
    .map((r) => ({
      ...r,
      network: r.network as Network,
      recentPosts: Number(r.recentPosts),
      scheduledPosts: Number(r.scheduledPosts),
    }));
}

/**
 * The authorship ledger over the last 90 days on the channels the leader owns (disconnected ones too: what went
 * out on them still counts): the leader's own words against posts written on their behalf.
 */
async function authorshipSignal(
  db: DbOrTx,
  orgId: string,
  leaderUserId: string | null,
  now: Date,
): Promise<ExternalSignals['authorship']> {
  if (leaderUserId === null) return { leaderChannels: 0, ownWords: 0, onBehalf: 0 };
  const owned = await db
    .select({ id: channels.id })
    .from(channels)
    .where(and(eq(channels.orgId, orgId), eq(channels.ownerUserId, leaderUserId)));
  if (owned.length === 0) return { leaderChannels: 0, ownWords: 0, onBehalf: 0 };
  const since = new Date(now.getTime() - AUTHORSHIP_DAYS * DAY);
  const rows = await db
    .select({ authorship: publishTargets.authorship, n: sql<number>`count(*)` })
    .from(publishTargets)
    .where(
      and(
        eq(publishTargets.orgId, orgId),
        inArray(
          publishTargets.channelId,
          owned.map((c) => c.id),
        ),
        isNotNull(publishTargets.publishedAt),
        gte(publishTargets.publishedAt, since),
      ),
    )
    .groupBy(publishTargets.authorship);
  const count = (a: string) => Number(rows.find((r) => r.authorship === a)?.n ?? 0);
  return { leaderChannels: owned.length, ownWords: count('own_words'), onBehalf: count('on_behalf') };
}

async function guidelineSignal(db: DbOrTx, orgId: string): Promise<ExternalSignals['guidelines']> {
  const current = await currentVersion(db, orgId);
  const acks = current
    ? await db
        .select({ userId: guidelineAcks.userId })
        .from(guidelineAcks)
        .where(and(eq(guidelineAcks.orgId, orgId), eq(guidelineAcks.version, current.number)))
    : [];
  const rules = await db
    .selectDistinct({ kind: guidelineRules.kind })
    .from(guidelineRules)
    .where(eq(guidelineRules.orgId, orgId));
  return {
    version: current?.number ?? null,
    acknowledgedBy: acks.map((a) => a.userId),
    ruleKinds: rules.map((r) => r.kind),
  };
}

/** What Listening, Publishing and Guidelines know about the plan's reality, read from their tables. */
export async function gatherSignals(
  db: DbOrTx,
  orgId: string,
  doc: PlanDocument,
  now: Date,
): Promise<ExternalSignals> {
  const [monitorList, connected, authorship, guidelines] = await Promise.all([
    monitorSignal(db, orgId),
    channelSignal(db, orgId, now),
    authorshipSignal(db, orgId, doc.plan.leaderUserId, now),
    guidelineSignal(db, orgId),
  ]);
  return { monitors: monitorList, connectedChannels: connected, authorship, guidelines };
}

/** The snapshot the health check runs on, with live signals. */
export async function liveSnapshot(
  db: DbOrTx,
  orgId: string,
  doc: PlanDocument,
  now = new Date(),
): Promise<StrategySnapshot> {
  return snapshotOf(doc, { now, signals: await gatherSignals(db, orgId, doc, now) });
}
