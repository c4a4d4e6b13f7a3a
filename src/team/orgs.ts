// Organisations and what a signed-in person sees of them: their orgs, their role, their profile.
import { asc, eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/connect.ts';
import { DomainError } from '../errors.ts';
import { recordAudit } from './audit.ts';
import type { SessionContext } from './auth.ts';
import { type Locale, memberships, orgs, type Role, sessions, users } from './schema.ts';

export interface SessionInfo {
  user: { id: string; email: string; name: string; locale: Locale | null };
  orgs: { id: string; name: string; role: Role }[];
  org: { id: string; name: string; timeZone: string; defaultLocale: Locale } | null;
  role: Role | null;
}

export async function sessionInfo(
  db: DbOrTx,
  userId: string,
  currentOrgId: string | null,
): Promise<SessionInfo> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new DomainError('unauthorized', 'no_session', 'Please sign in');
  const rows = await db
    .select({
      id: orgs.id,
      name: orgs.name,
      role: memberships.role,
      timeZone: orgs.timeZone,
      defaultLocale: orgs.defaultLocale,
    })
    .from(memberships)
    .innerJoin(orgs, eq(orgs.id, memberships.orgId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(orgs.createdAt));
  const current = rows.find((r) => r.id === currentOrgId) ?? null;
  const collator = new Intl.Collator(user.locale ?? 'en');
  return {
    user: { id: user.id, email: user.email, name: user.name, locale: user.locale ?? null },
    orgs: rows
      .map(({ id, name, role }) => ({ id, name, role }))
      .sort((a, b) => collator.compare(a.name, b.name)),
    org: current
      ? {
          id: current.id,
          name: current.name,
          timeZone: current.timeZone,
          defaultLocale: current.defaultLocale,
        }
      : null,
    role: current?.role ?? null,
  };
}

export async function updateProfile(db: DbOrTx, userId: string, patch: { name?: string; locale?: Locale }) {
  if (patch.name === undefined && patch.locale === undefined) return;
  await db
    .update(users)
    .set({
      ...(patch.name !== undefined && { name: patch.name.trim() }),
      ...(patch.locale && { locale: patch.locale }),
    })
    .where(eq(users.id, userId));
}

/** Any signed-in person may start another organisation; they become its admin and switch to it. */
export async function createOrg(
  db: Db,
  session: SessionContext,
  input: { name: string; timeZone?: string; defaultLocale?: Locale },
  ip: string | null,
) {
  return db.transaction(async (tx) => {
    const [org] = await tx
      .insert(orgs)
      .values({
        name: input.name.trim(),
        timeZone: input.timeZone ?? 'Europe/Oslo',
        defaultLocale: input.defaultLocale ?? 'en',
      })
      .returning();
    if (!org) throw new Error('insert returned nothing');
    await tx.insert(memberships).values({ orgId: org.id, userId: session.userId, role: 'admin' });
    await tx.update(sessions).set({ currentOrgId: org.id }).where(eq(sessions.tokenHash, session.tokenHash));
    await recordAudit(tx, {
      orgId: org.id,
      actorId: session.userId,
      action: 'org.created',
      target: org.name,
      ip,
    });
    return org;
  });
}

export async function getOrg(db: DbOrTx, orgId: string) {
  const [org] = await db.select().from(orgs).where(eq(orgs.id, orgId));
  if (!org) throw new DomainError('not_found', 'org_not_found', 'Organisation not found');
  return {
    id: org.id,
    name: org.name,
    timeZone: org.timeZone,
    defaultLocale: org.defaultLocale,
    createdAt: org.createdAt,
  };
}

export async function updateOrg(
  db: DbOrTx,
  actor: { userId: string; orgId: string },
  patch: { name?: string; timeZone?: string; defaultLocale?: Locale },
  ip: string | null,
) {
  const changes = {
    ...(patch.name !== undefined && { name: patch.name.trim() }),
    ...(patch.timeZone !== undefined && { timeZone: patch.timeZone }),
    ...(patch.defaultLocale !== undefined && { defaultLocale: patch.defaultLocale }),
  };
  if (Object.keys(changes).length > 0) {
    await db.update(orgs).set(changes).where(eq(orgs.id, actor.orgId));
    await recordAudit(db, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'org.updated',
      details: changes,
      ip,
    });
  }
  return getOrg(db, actor.orgId);
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
