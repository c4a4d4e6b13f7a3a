// The organisation's publishing rules: whether posts need approval, and whether approvers may approve their own.
import { eq, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/connect.ts';
import { recordAudit } from '../team/audit.ts';
import type { Actor } from '../team/auth.ts';
import { publishingSettings } from './schema.ts';

export interface PublishingSettings {
  requireApproval: boolean;
  /** Approvers may approve posts they wrote or created. Admins always may (and it is recorded as self-approval). */
  allowSelfApproval: boolean;
}

const DEFAULTS: PublishingSettings = { requireApproval: false, allowSelfApproval: false };

export async function getPublishingSettings(db: DbOrTx, orgId: string): Promise<PublishingSettings> {
  const [row] = await db
    .select({
      requireApproval: publishingSettings.requireApproval,
      allowSelfApproval: publishingSettings.allowSelfApproval,
    })
    .from(publishingSettings)
    .where(eq(publishingSettings.orgId, orgId));
  return row ?? { ...DEFAULTS };
}

export async function putPublishingSettings(
  db: Db,
  actor: Actor,
  change: Partial<PublishingSettings>,
): Promise<PublishingSettings> {
  return db.transaction(async (tx) => {
    const before = await getPublishingSettings(tx, actor.orgId);
    const next = { ...before, ...change };
    await tx
      .insert(publishingSettings)
      .values({ orgId: actor.orgId, ...next, updatedBy: actor.userId })
      .onConflictDoUpdate({
        target: publishingSettings.orgId,
        set: { ...next, updatedBy: actor.userId, updatedAt: sql`now()` },
      });
    const changed = Object.fromEntries(
      (Object.keys(next) as (keyof PublishingSettings)[])
        .filter((k) => next[k] !== before[k])
        .map((k) => [k, next[k]]),
    );
    if (Object.keys(changed).length > 0)
      await recordAudit(tx, {
        orgId: actor.orgId,
        actorId: actor.userId,
        action: 'publishing.settings_updated',
        target: 'publishing',
        details: changed,
      });
    return next;
  });
}
