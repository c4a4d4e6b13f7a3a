// Strategy plans: the organisation's plan (created on first use), personal plans for leaders, and the whole plan
// as one document that the workspace, the health check and the export all read.
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Db, DbOrTx } from '../db/connect.ts';
import { DomainError, fieldError } from '../errors.ts';
import type { Actor } from '../team/auth.ts';
import { listMembers, namesOf } from '../team/members.ts';
import type { Role } from '../team/schema.ts';
import { auditPlan, planParts } from './audit.ts';
import type { PlanPatch } from './input.ts';
import {
  strategyAudiences,
  strategyChannels,
  strategyGoals,
  strategyKpis,
  strategyPlans,
  strategyResponsibilities,
  strategyTopics,
  strategyWatchTerms,
} from './schema.ts';

export type PlanRow = typeof strategyPlans.$inferSelect;
export type GoalRow = typeof strategyGoals.$inferSelect;
export type KpiRow = typeof strategyKpis.$inferSelect;
export type AudienceRow = typeof strategyAudiences.$inferSelect;
export type ChannelRow = typeof strategyChannels.$inferSelect;
export type TopicRow = typeof strategyTopics.$inferSelect;
export type WatchTermRow = typeof strategyWatchTerms.$inferSelect;
export type ResponsibilityRow = typeof strategyResponsibilities.$inferSelect;

export interface PlanMember {
  userId: string;
  name: string;
  email: string;
  role: Role;
}

export interface PlanDocument {
  plan: PlanRow & { personName: string | null; leaderName: string | null };
  goals: (GoalRow & { kpis: KpiRow[] })[];
  audiences: AudienceRow[];
  channels: ChannelRow[];
  topics: TopicRow[];
  watchTerms: WatchTermRow[];
  responsibilities: (ResponsibilityRow & { name: string; isMember: boolean })[];
  /** The organisation's members now: who can be given a responsibility, and who the team really is. */
  members: PlanMember[];
}

export interface PlanSummary {
  id: string;
  personUserId: string | null;
  personName: string | null;
  updatedAt: Date;
}

function planNotFound(): DomainError {
  return new DomainError('not_found', 'plan_not_found', 'No such strategy plan in this organisation');
}

/** The organisation's own plan, created the first time anyone looks (idempotent under concurrent calls). */
export async function ensureOrgPlan(db: DbOrTx, orgId: string): Promise<PlanRow> {
  const find = () =>
    db
      .select()
      .from(strategyPlans)
      .where(and(eq(strategyPlans.orgId, orgId), isNull(strategyPlans.personUserId)));
  const [existing] = await find();
  if (existing) return existing;
  await db.insert(strategyPlans).values({ orgId }).onConflictDoNothing();
  const [created] = await find();
  if (!created) throw new Error('the organisation plan could not be created');
  return created;
}

export async function listPlans(db: DbOrTx, orgId: string): Promise<PlanSummary[]> {
  await ensureOrgPlan(db, orgId);
  const rows = await db
    .select({
      id: strategyPlans.id,
      personUserId: strategyPlans.personUserId,
      updatedAt: strategyPlans.updatedAt,
    })
    .from(strategyPlans)
    .where(eq(strategyPlans.orgId, orgId))
    .orderBy(asc(strategyPlans.createdAt));
  const names = await namesOf(
    db,
    rows.flatMap((r) => (r.personUserId ? [r.personUserId] : [])),
  );
  const collator = new Intl.Collator('nb');
  return rows
    .map((r) => ({ ...r, personName: r.personUserId ? (names.get(r.personUserId) ?? null) : null }))
    .sort((a, b) =>
      a.personUserId === null
        ? -1
        : b.personUserId === null
          ? 1
          : collator.compare(a.personName ?? '', b.personName ?? ''),
    );
}

/** The plan row, only if it belongs to the organisation: another org's id reads as "not found". */
export async function planOf(db: DbOrTx, orgId: string, planId: string): Promise<PlanRow> {
  const [plan] = await db
    .select()
    .from(strategyPlans)
    .where(and(eq(strategyPlans.id, planId), eq(strategyPlans.orgId, orgId)));
  if (!plan) throw planNotFound();
  return plan;
}

export async function assertMember(db: DbOrTx, orgId: string, userId: string, field: string): Promise<void> {
  const members = await listMembers(db, orgId);
  if (!members.some((m) => m.userId === userId))
    throw fieldError(field, 'is not a member of this organisation', 'not_a_member');
}

export async function createPersonalPlan(db: Db, actor: Actor, personUserId: string): Promise<PlanRow> {
  return db.transaction(async (tx) => {
    await assertMember(tx, actor.orgId, personUserId, 'personUserId');
    const [existing] = await tx
      .select({ id: strategyPlans.id })
      .from(strategyPlans)
      .where(and(eq(strategyPlans.orgId, actor.orgId), eq(strategyPlans.personUserId, personUserId)));
    if (existing)
      throw new DomainError('conflict', 'plan_exists', 'This person already has a personal plan', {
        planId: existing.id,
      });
    const [plan] = await tx
      .insert(strategyPlans)
      .values({ orgId: actor.orgId, personUserId, leaderUserId: personUserId })
      .returning();
    if (!plan) throw new Error('insert returned nothing');
    await auditPlan(tx, actor, plan.id, 'strategy.personal_plan_created', personUserId);
    return plan;
  });
}

export async function deletePlan(db: Db, actor: Actor, planId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const plan = await planOf(tx, actor.orgId, planId);
    if (plan.personUserId === null)
      throw new DomainError(
        'conflict',
        'org_plan_kept',
        "The organisation's plan can't be deleted; empty its sections instead",
      );
    await auditPlan(tx, actor, planId, 'strategy.personal_plan_deleted', plan.personUserId);
    await tx
      .delete(strategyPlans)
      .where(and(eq(strategyPlans.id, planId), eq(strategyPlans.orgId, actor.orgId)));
  });
}

export async function updatePlan(
  db: Db,
  actor: Actor,
  planId: string,
  patch: PlanPatch,
): Promise<PlanDocument> {
  await db.transaction(async (tx) => {
    await planOf(tx, actor.orgId, planId);
    if (patch.leaderUserId) await assertMember(tx, actor.orgId, patch.leaderUserId, 'leaderUserId');
    await tx
      .update(strategyPlans)
      .set({ ...patch, updatedAt: new Date() })
      .where(and(eq(strategyPlans.id, planId), eq(strategyPlans.orgId, actor.orgId)));
    const parts = planParts(patch);
    if (parts.length > 0) await auditPlan(tx, actor, planId, 'strategy.plan_updated', '', { parts });
  });
  return getPlanDocument(db, actor.orgId, planId);
}

/** Marks the plan as changed: every edit of a section touches it, so "last changed" is honest. */
export async function touchPlan(tx: DbOrTx, orgId: string, planId: string): Promise<void> {
  await tx
    .update(strategyPlans)
    .set({ updatedAt: new Date() })
    .where(and(eq(strategyPlans.id, planId), eq(strategyPlans.orgId, orgId)));
}

export async function getPlanDocument(db: DbOrTx, orgId: string, planId: string): Promise<PlanDocument> {
  const plan = await planOf(db, orgId, planId);
  const scope = (t: { orgId: PgColumn; planId: PgColumn }) => and(eq(t.orgId, orgId), eq(t.planId, planId));
  const goals = await db
    .select()
    .from(strategyGoals)
    .where(scope(strategyGoals))
    .orderBy(asc(strategyGoals.createdAt));
  const kpis = await db
    .select()
    .from(strategyKpis)
    .where(scope(strategyKpis))
    .orderBy(asc(strategyKpis.createdAt));
  const audiences = await db
    .select()
    .from(strategyAudiences)
    .where(scope(strategyAudiences))
    .orderBy(asc(strategyAudiences.createdAt));
  const channels = await db
    .select()
    .from(strategyChannels)
    .where(scope(strategyChannels))
    .orderBy(asc(strategyChannels.createdAt));
  const topics = await db
    .select()
    .from(strategyTopics)
    .where(scope(strategyTopics))
    .orderBy(asc(strategyTopics.createdAt));
  const watchTerms = await db
    .select()
    .from(strategyWatchTerms)
    .where(scope(strategyWatchTerms))
    .orderBy(asc(strategyWatchTerms.createdAt));
  const responsibilities = await db
    .select()
    .from(strategyResponsibilities)
    .where(scope(strategyResponsibilities))
    .orderBy(asc(strategyResponsibilities.createdAt));
  const members = (await listMembers(db, orgId)).map(({ userId, name, email, role }) => ({
    userId,
    name,
    email,
    role,
  }));
  const memberIds = new Set(members.map((m) => m.userId));
  const names = await namesOf(db, [
    ...responsibilities.map((r) => r.userId),
    ...(plan.personUserId ? [plan.personUserId] : []),
    ...(plan.leaderUserId ? [plan.leaderUserId] : []),
  ]);
  return {
    plan: {
      ...plan,
      personName: plan.personUserId ? (names.get(plan.personUserId) ?? null) : null,
      leaderName: plan.leaderUserId ? (names.get(plan.leaderUserId) ?? null) : null,
    },
    goals: goals.map((g) => ({ ...g, kpis: kpis.filter((k) => k.goalId === g.id) })),
    audiences,
    channels,
    topics,
    watchTerms,
    responsibilities: responsibilities.map((r) => ({
      ...r,
      name: names.get(r.userId) ?? '',
      isMember: memberIds.has(r.userId),
    })),
    members,
  };
}
