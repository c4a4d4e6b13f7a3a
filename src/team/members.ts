// The team of an organisation: members, their roles, and the rule that an org always keeps an admin.
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/connect.ts';
import { DomainError } from '../errors.ts';
import { recordAudit } from './audit.ts';
import type { Actor } from './auth.ts';
import { memberships, type Role, sessions, users } from './schema.ts';

export async function listMembers(db: DbOrTx, orgId: string) {
  const rows = await db
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      role: memberships.role,
      joinedAt: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.orgId, orgId))
    .orderBy(asc(memberships.createdAt));
  return rows;
}

async function memberOrThrow(db: DbOrTx, orgId: string, userId: string) {
  const [m] = await db
    .select({ role: memberships.role, name: users.name, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  if (!m) throw new DomainError('not_found', 'member_not_found', 'No such member in this organisation');
  return m;
}

async function assertAnotherAdmin(db: DbOrTx, orgId: string): Promise<void> {
  const [row] = await db
    .select({ n: count() })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.role, 'admin')));
  if ((row?.n ?? 0) <= 1) {
    throw new DomainError(
      'conflict',
      'last_admin',
      'An organisation needs at least one admin: make someone else admin first',
    );
  }
}

export async function changeRole(db: Db, actor: Actor, userId: string, role: Role, ip: string | null) {
  return db.transaction(async (tx) => {
    const m = await memberOrThrow(tx, actor.orgId, userId);
    if (m.role === role) return;
    if (m.role === 'admin') await assertAnotherAdmin(tx, actor.orgId);
    await tx
      .update(memberships)
      .set({ role })
      .where(and(eq(memberships.orgId, actor.orgId), eq(memberships.userId, userId)));
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'member.role_changed',
      target: userId,
      // The name is kept in the entry, so the log still reads well after the person has left.
      details: { from: m.role, to: role, name: m.name, email: m.email },
      ip,
    });
  });
}

export async function removeMember(db: Db, actor: Actor, userId: string, ip: string | null) {
  await db.transaction(async (tx) => {
    const m = await memberOrThrow(tx, actor.orgId, userId);
    if (m.role === 'admin') await assertAnotherAdmin(tx, actor.orgId);
    await tx
      .delete(memberships)
      .where(and(eq(memberships.orgId, actor.orgId), eq(memberships.userId, userId)));
    // Their sessions working in this org lose it at once.
    await tx
      .update(sessions)
      .set({ currentOrgId: null })
      .where(and(eq(sessions.userId, userId), eq(sessions.currentOrgId, actor.orgId)));
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'member.removed',
      target: userId,
      // As for a role change: the entry names the person after they have left.
      details: { name: m.name, email: m.email },
      ip,
    });
  });
}

/** Display names of people by id, whether or not they are still members (for records that outlive a membership). */
export async function namesOf(db: DbOrTx, userIds: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}
