// Invitations by link: an admin creates one for a role; whoever holds the link may join once, before it expires.
import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/connect.ts';
import { DomainError } from '../errors.ts';
import { hashPassword } from '../security/passwords.ts';
import { hashToken, newToken } from '../security/tokens.ts';
import { recordAudit } from './audit.ts';
import type { Actor } from './auth.ts';
import { normaliseEmail } from './auth.ts';
import { invitations, memberships, orgs, type Role, users } from './schema.ts';

export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

export async function createInvitation(
  db: DbOrTx,
  actor: Actor,
  input: { email?: string | undefined; role: Role },
  ip: string | null,
) {
  const token = newToken();
  const [row] = await db
    .insert(invitations)
    .values({
      orgId: actor.orgId,
      tokenHash: hashToken(token),
      email: input.email ? normaliseEmail(input.email) : null,
      role: input.role,
      invitedBy: actor.userId,
      expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
    })
    .returning();
  if (!row) throw new Error('insert returned nothing');
  await recordAudit(db, {
    orgId: actor.orgId,
    actorId: actor.userId,
    action: 'invitation.created',
    target: row.email,
    details: { role: row.role, invitationId: row.id },
    ip,
  });
  return { id: row.id, token, email: row.email, role: row.role, expiresAt: row.expiresAt };
}

export async function listPendingInvitations(db: DbOrTx, orgId: string) {
  const rows = await db
    .select({
      id: invitations.id,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
      createdAt: invitations.createdAt,
      invitedByName: users.name,
    })
    .from(invitations)
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(
      and(
        eq(invitations.orgId, orgId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    )
    .orderBy(desc(invitations.createdAt));
  return rows.map(({ invitedByName, ...r }) => ({
    ...r,
    invitedBy: invitedByName ? { name: invitedByName } : null,
  }));
}

export async function revokeInvitation(db: DbOrTx, actor: Actor, id: string, ip: string | null) {
  const [row] = await db
    .update(invitations)
    .set({ revokedAt: new Date() })
    .where(
      and(
        eq(invitations.id, id),
        eq(invitations.orgId, actor.orgId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .returning();
  if (!row) throw new DomainError('not_found', 'invitation_not_found', 'No pending invitation with that id');
  await recordAudit(db, {
    orgId: actor.orgId,
    actorId: actor.userId,
    action: 'invitation.revoked',
    target: row.email,
    ip,
  });
}

/** The invitation behind a link, if it can still be used. */
async function usableInvitation(db: DbOrTx, token: string) {
  const [row] = await db
    .select({ inv: invitations, orgName: orgs.name, invitedByName: users.name })
    .from(invitations)
    .innerJoin(orgs, eq(orgs.id, invitations.orgId))
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(eq(invitations.tokenHash, hashToken(token)));
  if (!row || row.inv.revokedAt) {
    throw new DomainError('not_found', 'invitation_not_found', 'This invitation link is not valid');
  }
  if (row.inv.acceptedAt)
    throw new DomainError('gone', 'invitation_used', 'This invitation has already been used');
  if (row.inv.expiresAt <= new Date())
    throw new DomainError('gone', 'invitation_expired', 'This invitation has expired');
  return row;
}

export async function describeInvitation(db: DbOrTx, token: string) {
  const row = await usableInvitation(db, token);
  return {
    orgName: row.orgName,
    role: row.inv.role,
    email: row.inv.email,
    invitedBy: row.invitedByName ? { name: row.invitedByName } : null,
  };
}

export type Acceptor =
  | { kind: 'user'; userId: string }
  | { kind: 'new'; name: string; email: string; password: string };

/** Accepts an invitation, creating the account when needed. Returns the user id and the org joined. */
export async function acceptInvitation(db: Db, token: string, who: Acceptor, ip: string | null) {
  const passwordHash = who.kind === 'new' ? await hashPassword(who.password) : null;
  return db.transaction(async (tx) => {
    const { inv } = await usableInvitation(tx, token);
    let userId: string;
    if (who.kind === 'user') {
      userId = who.userId;
    } else {
      const email = normaliseEmail(who.email);
      if (inv.email && inv.email !== email) {
        throw new DomainError('invalid', 'email_mismatch', `email: this invitation is for ${inv.email}`, {
          fields: { email: `this invitation is for ${inv.email}` },
        });
      }
      const [existing] = await tx
        .select({ id: users.id })
        .from(users)
        .where(eq(sql`lower(${users.email})`, email));
      if (existing) {
        throw new DomainError(
          'conflict',
          'account_exists',
          'An account with this email exists: sign in first, then open the link again',
          {
            fields: { email: 'an account with this email exists; sign in first' },
          },
        );
      }
      const [user] = await tx
        .insert(users)
        .values({ email, name: who.name.trim(), passwordHash })
        .returning({ id: users.id });
      if (!user) throw new Error('insert returned nothing');
      userId = user.id;
    }
    // Claim the invitation first: of two racing acceptances only one gets the row.
    const [claimed] = await tx
      .update(invitations)
      .set({ acceptedAt: new Date(), acceptedBy: userId })
      .where(and(eq(invitations.id, inv.id), isNull(invitations.acceptedAt)))
      .returning({ id: invitations.id });
    if (!claimed) throw new DomainError('gone', 'invitation_used', 'This invitation has already been used');
    const joined = await tx
      .insert(memberships)
      .values({ orgId: inv.orgId, userId, role: inv.role })
      .onConflictDoNothing()
      .returning({ orgId: memberships.orgId });
    await recordAudit(tx, {
      orgId: inv.orgId,
      actorId: userId,
      action: 'invitation.accepted',
      target: inv.email,
      details: { role: inv.role, invitationId: inv.id, alreadyMember: joined.length === 0 },
      ip,
    });
    return { userId, orgId: inv.orgId };
  });
}
