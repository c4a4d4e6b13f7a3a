// The audit log: who did what to whom, per organisation. Never holds secrets.
import { and, desc, eq, lt } from 'drizzle-orm';
import type { DbOrTx } from '../db/connect.ts';
import { auditLog, users } from './schema.ts';

export interface AuditEvent {
  orgId: string | null;
  actorId: string | null;
  action: string;
  target?: string | null;
  details?: Record<string, unknown>;
  ip?: string | null;
}

export async function recordAudit(db: DbOrTx, event: AuditEvent): Promise<void> {
  await db.insert(auditLog).values({
    orgId: event.orgId,
    actorId: event.actorId,
    action: event.action,
    target: event.target ?? null,
    details: event.details ?? {},
    ip: event.ip ?? null,
  });
}

export async function listAudit(db: DbOrTx, orgId: string, opts: { limit: number; before?: Date }) {
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      target: auditLog.target,
      details: auditLog.details,
      ip: auditLog.ip,
      actorId: users.id,
      actorName: users.name,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(eq(auditLog.orgId, orgId), opts.before ? lt(auditLog.at, opts.before) : undefined))
    .orderBy(desc(auditLog.at))
    .limit(opts.limit);
  return rows.map(({ actorId, actorName, ...rest }) => ({
    ...rest,
    actor: actorId ? { id: actorId, name: actorName ?? '' } : null,
  }));
}
