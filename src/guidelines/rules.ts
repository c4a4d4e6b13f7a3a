// Machine-checkable rules, each tied to the guideline section it comes from. Everyone may read them (they say
// what the checker will point out); admins and approvers (content.approve) write them.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/connect.ts';
import { DomainError, fieldError } from '../errors.ts';
import { channels } from '../publishing/schema.ts';
import { recordAudit } from '../team/audit.ts';
import type { Actor } from '../team/auth.ts';
import type { RuleCreate, RulePatch } from './input.ts';
import { guidelineRules, type RuleKind, type RuleParams } from './schema.ts';
import { currentVersion } from './service.ts';

export type RuleRow = typeof guidelineRules.$inferSelect;

export const MAX_RULES = 200;

/** Fills in defaults and refuses a rule that could never fire (no phrases, no tags, no limit). */
function normalise(kind: RuleKind, params: RuleParams): RuleParams {
  switch (kind) {
    case 'banned_phrase':
      if (!params.phrases?.length) throw fieldError('params.phrases', 'needs at least one phrase');
      return { phrases: params.phrases };
    case 'disclosure':
      if (!params.triggers?.length)
        throw fieldError('params.triggers', 'needs at least one word that calls for a disclosure');
      if (!params.tags?.length)
        throw fieldError('params.tags', 'needs at least one disclosure tag, e.g. #ad');
      return { triggers: params.triggers, tags: params.tags };
    case 'caps':
      if (params.maxShare === undefined) throw fieldError('params.maxShare', 'is required (0..1)');
      return { maxShare: params.maxShare, minWords: params.minWords ?? 4 };
    case 'exclamations':
      if (params.max === undefined) throw fieldError('params.max', 'is required');
      return { max: params.max };
    case 'frequency':
      if (params.max === undefined || params.max < 1) throw fieldError('params.max', 'must be 1 or more');
      return { max: params.max, window: params.window ?? 'day', channelIds: params.channelIds ?? [] };
  }
}

async function assertChannels(db: DbOrTx, orgId: string, ids: string[] | undefined) {
  if (!ids?.length) return;
  const found = await db
    .select({ id: channels.id })
    .from(channels)
    .where(and(eq(channels.orgId, orgId), inArray(channels.id, ids)));
  if (found.length !== new Set(ids).size)
    throw fieldError('params.channelIds', 'holds a channel that is not ours');
}

/** A rule may only point at a section of the current version (or at none). */
async function assertSection(db: DbOrTx, orgId: string, sectionKey: string | null | undefined) {
  if (!sectionKey) return;
  const version = await currentVersion(db, orgId);
  if (!version?.sections.some((s) => s.key === sectionKey)) {
    throw fieldError('sectionKey', 'no such section in the current version of the guidelines');
  }
}

export async function listRules(db: DbOrTx, orgId: string): Promise<RuleRow[]> {
  return db
    .select()
    .from(guidelineRules)
    .where(eq(guidelineRules.orgId, orgId))
    .orderBy(asc(guidelineRules.createdAt), asc(guidelineRules.id));
}

async function ruleOf(db: DbOrTx, orgId: string, id: string): Promise<RuleRow> {
  const [row] = await db
    .select()
    .from(guidelineRules)
    .where(and(eq(guidelineRules.orgId, orgId), eq(guidelineRules.id, id)));
  if (!row)
    throw new DomainError('not_found', 'rule_not_found', 'No such guideline rule in this organisation');
  return row;
}

export async function createRule(db: Db, actor: Actor, input: RuleCreate): Promise<RuleRow> {
  const params = normalise(input.kind, input.params);
  return db.transaction(async (tx) => {
    await assertChannels(tx, actor.orgId, params.channelIds);
    await assertSection(tx, actor.orgId, input.sectionKey);
    if ((await listRules(tx, actor.orgId)).length >= MAX_RULES) {
      throw new DomainError('conflict', 'too_many_rules', `rules: at most ${MAX_RULES} per organisation`);
    }
    const [row] = await tx
      .insert(guidelineRules)
      .values({
        orgId: actor.orgId,
        kind: input.kind,
        severity: input.severity ?? 'warn',
        sectionKey: input.sectionKey || null,
        params,
        note: input.note ?? '',
        createdBy: actor.userId,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'guidelines.rule_created',
      target: input.kind,
      details: { ruleId: row.id, severity: row.severity },
    });
    return row;
  });
}

export async function updateRule(db: Db, actor: Actor, id: string, patch: RulePatch): Promise<RuleRow> {
  return db.transaction(async (tx) => {
    const row = await ruleOf(tx, actor.orgId, id);
    const params = patch.params ? normalise(row.kind, patch.params) : row.params;
    await assertChannels(tx, actor.orgId, params.channelIds);
    if (patch.sectionKey !== undefined) await assertSection(tx, actor.orgId, patch.sectionKey);
    const [updated] = await tx
      .update(guidelineRules)
      .set({
        params,
        ...(patch.severity !== undefined && { severity: patch.severity }),
        ...(patch.sectionKey !== undefined && { sectionKey: patch.sectionKey || null }),
        ...(patch.note !== undefined && { note: patch.note }),
        updatedAt: new Date(),
      })
      .where(eq(guidelineRules.id, id))
      .returning();
    if (!updated) throw new Error('update returned nothing');
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'guidelines.rule_updated',
      target: row.kind,
      details: { ruleId: id, severity: updated.severity },
    });
    return updated;
  });
}

export async function deleteRule(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await ruleOf(tx, actor.orgId, id);
    await tx.delete(guidelineRules).where(eq(guidelineRules.id, id));
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'guidelines.rule_deleted',
      target: row.kind,
      details: { ruleId: id },
    });
  });
}
