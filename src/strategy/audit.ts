// Every change to a plan goes into the audit log with a readable action: which part of the plan, which item,
// and whose personal plan it was (so the line reads well after the item or the plan is gone).
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../db/connect.ts';
import { recordAudit } from '../team/audit.ts';
import type { Actor } from '../team/auth.ts';
import { namesOf } from '../team/members.ts';
import type { PlanPatch } from './input.ts';
import { strategyGoals } from './schema.ts';
import type { SectionName } from './sections.ts';
import { planOf } from './service.ts';

export const STRATEGY_AUDIT_ACTIONS = [
  'strategy.plan_updated',
  'strategy.item_added',
  'strategy.item_changed',
  'strategy.item_removed',
  'strategy.personal_plan_created',
  'strategy.personal_plan_deleted',
] as const;
export type StrategyAuditAction = (typeof STRATEGY_AUDIT_ACTIONS)[number];

/** The parts of the plan a field belongs to, as the workspace shows them. */
const PLAN_PARTS: Record<keyof PlanPatch, string> = {
  purpose: 'purpose',
  goalOrientation: 'decisions',
  reach: 'decisions',
  leaderUserId: 'leadership',
  leaderBacking: 'leadership',
  rewards: 'leadership',
  peerNetwork: 'leadership',
  vision: 'presence',
  keyMessages: 'presence',
  notAppear: 'topics',
};

export function planParts(patch: PlanPatch): string[] {
  const keys = Object.keys(patch).filter(
    (k) => patch[k as keyof PlanPatch] !== undefined,
  ) as (keyof PlanPatch)[];
  return [...new Set(keys.map((k) => PLAN_PARTS[k]))];
}

/** What names an item in the log: a goal's title, a channel's handle, a responsibility's person (a user id). */
export async function itemLabel(
  tx: DbOrTx,
  section: SectionName,
  row: Record<string, unknown>,
): Promise<string> {
  const str = (key: string) => (typeof row[key] === 'string' ? (row[key] as string) : '');
  switch (section) {
    case 'goals':
      return str('title');
    case 'kpis': {
      // A KPI is named by its goal; its kind goes into the details.
      const [goal] = await tx
        .select({ title: strategyGoals.title })
        .from(strategyGoals)
        .where(eq(strategyGoals.id, str('goalId')));
      return goal?.title ?? '';
    }
    case 'audiences':
    case 'topics':
      return str('name');
    case 'channels':
      return str('handle');
    case 'watchTerms':
      return str('term');
    case 'responsibilities':
      return str('userId');
  }
}

/** Records a change to a plan, naming the person when it is a personal plan. */
export async function auditPlan(
  tx: DbOrTx,
  actor: Actor,
  planId: string,
  action: StrategyAuditAction,
  target: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  const plan = await planOf(tx, actor.orgId, planId);
  const person = plan.personUserId
    ? (await namesOf(tx, [plan.personUserId])).get(plan.personUserId)
    : undefined;
  await recordAudit(tx, {
    orgId: actor.orgId,
    actorId: actor.userId,
    action,
    target,
    details: { planId, ...(person !== undefined && { person }), ...details },
  });
}
