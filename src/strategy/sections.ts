// The rows inside a plan (goals, KPIs, audiences, channels, topics, watched names, responsibilities): one
// create/update/delete for all of them, each scoped to the actor's organisation and checked for ids that point
// outside the plan.
import { and, count, eq, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db, DbOrTx } from '../db/connect.ts';
import { DomainError, fieldError } from '../errors.ts';
import type { Actor } from '../team/auth.ts';
import { auditPlan, itemLabel } from './audit.ts';
import {
  strategyAudiences,
  strategyChannels,
  strategyGoals,
  strategyKpis,
  strategyResponsibilities,
  strategyTopics,
  strategyWatchTerms,
} from './schema.ts';
import { assertMember, planOf, touchPlan } from './service.ts';
import type { KpiParams } from './vocabulary.ts';

export const SECTION_NAMES = [
  'goals',
  'kpis',
  'audiences',
  'channels',
  'topics',
  'watchTerms',
  'responsibilities',
] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

type Row = Record<string, unknown>;
interface Scope {
  orgId: string;
  planId: string;
}

interface Section {
  table: PgTable;
  id: PgColumn;
  orgId: PgColumn;
  planId: PgColumn;
  /** Words for messages: "No such goal in this organisation". */
  noun: string;
  /** A generous ceiling per plan, so a runaway script can't fill the database. */
  max: number;
  /** Refuses ids in the row (as it will be after the write) that point outside this plan or organisation. */
  verify?: (tx: DbOrTx, scope: Scope, row: Row) => Promise<void>;
  /** Clears references to the row from elsewhere in the plan before it goes. */
  beforeDelete?: (tx: DbOrTx, scope: Scope, id: string) => Promise<void>;
}

async function idsIn(tx: DbOrTx, table: PgTable & { id: PgColumn; planId: PgColumn }, planId: string) {
  const rows = (await tx.select({ id: table.id }).from(table).where(eq(table.planId, planId))) as {
    id: string;
  }[];
  return new Set(rows.map((r) => r.id));
}

async function verifyKpi(tx: DbOrTx, scope: Scope, row: Row): Promise<void> {
  const params = (row.params ?? {}) as KpiParams;
  if (params.channelId && !(await idsIn(tx, strategyChannels, scope.planId)).has(params.channelId))
    throw fieldError('params.channelId', 'is not a channel of this plan');
  if (params.audienceId && !(await idsIn(tx, strategyAudiences, scope.planId)).has(params.audienceId))
    throw fieldError('params.audienceId', 'is not an audience of this plan');
}

async function verifyChannel(tx: DbOrTx, scope: Scope, row: Row): Promise<void> {
  const audienceIds = (row.audienceIds ?? []) as string[];
  if (audienceIds.length > 0) {
    const known = await idsIn(tx, strategyAudiences, scope.planId);
    if (audienceIds.some((a) => !known.has(a)))
      throw fieldError('audienceIds', 'contains an audience of another plan');
  }
  if (typeof row.ownerUserId === 'string')
    await assertMember(tx, scope.orgId, row.ownerUserId, 'ownerUserId');
}

/** Removes a deleted id from the KPIs that measure it (params.channelId / params.audienceId). */
async function forgetInKpis(tx: DbOrTx, scope: Scope, param: 'channelId' | 'audienceId', id: string) {
  await tx
    .update(strategyKpis)
    .set({ params: sql`jsonb_set(${strategyKpis.params}, ${`{${param}}`}::text[], 'null'::jsonb)` })
    .where(and(eq(strategyKpis.planId, scope.planId), sql`${strategyKpis.params}->>${param} = ${id}`));
}

export const SECTIONS: Record<SectionName, Section> = {
  goals: { table: strategyGoals, ...cols(strategyGoals), noun: 'goal', max: 100 },
  kpis: { table: strategyKpis, ...cols(strategyKpis), noun: 'KPI', max: 400, verify: verifyKpi },
  audiences: {
    table: strategyAudiences,
    ...cols(strategyAudiences),
    noun: 'audience',
    max: 100,
    beforeDelete: async (tx, scope, id) => {
      await tx
        .update(strategyChannels)
        .set({ audienceIds: sql`${strategyChannels.audienceIds} - ${id}::text` })
        .where(eq(strategyChannels.planId, scope.planId));
      await forgetInKpis(tx, scope, 'audienceId', id);
    },
  },
  channels: {
    table: strategyChannels,
    ...cols(strategyChannels),
    noun: 'channel',
    max: 100,
    verify: verifyChannel,
    beforeDelete: (tx, scope, id) => forgetInKpis(tx, scope, 'channelId', id),
  },
  topics: { table: strategyTopics, ...cols(strategyTopics), noun: 'topic', max: 200 },
  watchTerms: { table: strategyWatchTerms, ...cols(strategyWatchTerms), noun: 'watched name', max: 200 },
  responsibilities: {
    table: strategyResponsibilities,
    ...cols(strategyResponsibilities),
    noun: 'responsibility',
    max: 200,
    verify: async (tx, scope, row) => {
      if (typeof row.userId === 'string') await assertMember(tx, scope.orgId, row.userId, 'userId');
    },
  },
};

function cols(t: { id: PgColumn; orgId: PgColumn; planId: PgColumn }) {
  return { id: t.id, orgId: t.orgId, planId: t.planId };
}

function notFound(section: Section): DomainError {
  return new DomainError('not_found', 'not_found', `No such ${section.noun} in this organisation`);
}

async function rowOf(tx: DbOrTx, section: Section, orgId: string, id: string): Promise<Row> {
  const [row] = (await tx
    .select()
    .from(section.table)
    .where(and(eq(section.id, id), eq(section.orgId, orgId)))) as Row[];
  if (!row) throw notFound(section);
  return row;
}

/** Where a new row goes: a plan, or (for a KPI) a goal, which decides the plan. */
export type Parent = { planId: string } | { goalId: string };

export async function createItem(
  db: Db,
  actor: Actor,
  name: SectionName,
  parent: Parent,
  input: Row,
): Promise<Row> {
  const section = SECTIONS[name];
  return db.transaction(async (tx) => {
    let planId: string;
    const extra: Row = {};
    if ('goalId' in parent) {
      const goal = await rowOf(tx, SECTIONS.goals, actor.orgId, parent.goalId);
      planId = goal.planId as string;
      extra.goalId = parent.goalId;
    } else {
      planId = (await planOf(tx, actor.orgId, parent.planId)).id;
    }
    const scope = { orgId: actor.orgId, planId };
    const [counted] = await tx.select({ n: count() }).from(section.table).where(eq(section.planId, planId));
    if ((counted?.n ?? 0) >= section.max)
      throw new DomainError('conflict', 'too_many', `A plan can have at most ${section.max} of these`);
    await section.verify?.(tx, scope, input);
    const [row] = (await tx
      .insert(section.table)
      .values({ ...input, ...extra, orgId: actor.orgId, planId })
      .returning()) as Row[];
    await touchPlan(tx, actor.orgId, planId);
    if (!row) throw new Error('insert returned nothing');
    await auditPlan(
      tx,
      actor,
      planId,
      'strategy.item_added',
      await itemLabel(tx, name, row),
      auditDetails(name, row),
    );
    return row;
  });
}

export async function updateItem(
  db: Db,
  actor: Actor,
  name: SectionName,
  id: string,
  patch: Row,
): Promise<Row> {
  const section = SECTIONS[name];
  return db.transaction(async (tx) => {
    const current = await rowOf(tx, section, actor.orgId, id);
    const scope = { orgId: actor.orgId, planId: current.planId as string };
    const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    if (Object.keys(changes).length === 0) return current;
    await section.verify?.(tx, scope, { ...current, ...changes });
    const [row] = (await tx
      .update(section.table)
      .set(changes)
      .where(and(eq(section.id, id), eq(section.orgId, actor.orgId)))
      .returning()) as Row[];
    await touchPlan(tx, actor.orgId, scope.planId);
    const after = row ?? current;
    await auditPlan(tx, actor, scope.planId, 'strategy.item_changed', await itemLabel(tx, name, after), {
      ...auditDetails(name, after),
      fields: Object.keys(changes),
    });
    return after;
  });
}

export async function deleteItem(db: Db, actor: Actor, name: SectionName, id: string): Promise<void> {
  const section = SECTIONS[name];
  await db.transaction(async (tx) => {
    const current = await rowOf(tx, section, actor.orgId, id);
    const scope = { orgId: actor.orgId, planId: current.planId as string };
    await section.beforeDelete?.(tx, scope, id);
    // Named before it goes: a KPI's goal, a responsibility's person.
    const label = await itemLabel(tx, name, current);
    await auditPlan(tx, actor, scope.planId, 'strategy.item_removed', label, auditDetails(name, current));
    await tx.delete(section.table).where(and(eq(section.id, id), eq(section.orgId, actor.orgId)));
    await touchPlan(tx, actor.orgId, scope.planId);
  });
}

/** The part of the plan an item belongs to, and a KPI's kind, for the audit log. */
function auditDetails(name: SectionName, row: Row): Record<string, unknown> {
  return { section: name, ...(name === 'kpis' && { kind: row.kind }) };
}
