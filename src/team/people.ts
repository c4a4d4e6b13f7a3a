// People managed from the command line: create someone, or reset their password, and give them a role.
import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/connect.ts';
import { DomainError } from '../errors.ts';
import { hashPassword } from '../security/passwords.ts';
import { normaliseEmail } from './auth.ts';
import { memberships, orgs, type Role, users } from './schema.ts';

export async function createOrResetPerson(
  db: Db,
  input: {
    email: string;
    name?: string | undefined;
    password: string;
    orgId?: string | undefined;
    role: Role;
  },
) {
  if (input.password.length < 12)
    throw new DomainError('invalid', 'validation', 'password must be at least 12 characters');
  if (!/^[^@\s]+@[^@\s]+$/.test(input.email))
    throw new DomainError('invalid', 'validation', 'email must be an email address');
  const passwordHash = await hashPassword(input.password);
  const email = normaliseEmail(input.email);
  return db.transaction(async (tx) => {
    const all = await tx.select({ id: orgs.id }).from(orgs).orderBy(asc(orgs.createdAt));
    const orgId = input.orgId ?? (all.length === 1 ? all[0]!.id : undefined);
    if (!orgId) {
      throw new DomainError(
        'invalid',
        'validation',
        all.length === 0
          ? 'no organisation exists yet: open Stemme in a browser to set it up'
          : '--org is required when there are several organisations',
      );
    }
    if (!all.some((o) => o.id === orgId))
      throw new DomainError('not_found', 'org_not_found', `no organisation with id ${orgId}`);
    const [existing] = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(sql`lower(${users.email})`, email));
    let userId = existing?.id;
    if (userId) {
      await tx
        .update(users)
        .set({ passwordHash, failedLogins: 0, lockedUntil: null })
        .where(eq(users.id, userId));
    } else {
      const [created] = await tx
        .insert(users)
        .values({ email, name: input.name ?? email.split('@')[0]!, passwordHash })
        .returning({ id: users.id });
      userId = created!.id;
    }
    await tx
      .insert(memberships)
      .values({ orgId, userId, role: input.role })
      .onConflictDoUpdate({ target: [memberships.orgId, memberships.userId], set: { role: input.role } });
    return { userId, orgId, email, created: !existing };
  });
}
