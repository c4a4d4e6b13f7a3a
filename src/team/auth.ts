// Who you are: the first-run onboarding, password login with lockout, and database-backed sessions.
import { and, count, eq, gt, lt, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/connect.ts';
import { DomainError } from '../errors.ts';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../security/passwords.ts';
import { hashToken, newToken } from '../security/tokens.ts';
import { recordAudit } from './audit.ts';
import { type Locale, memberships, orgs, type Role, sessions, users } from './schema.ts';

export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;
/** Sliding expiry is written at most this often, so every request is not a write. */
const SESSION_TOUCH_MS = 5 * 60 * 1000;
export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_MS = 15 * 60 * 1000;
// Serialises onboarding so two racing first visitors cannot both become the first admin.
const ONBOARDING_LOCK_ID = 7_316_002;

export interface Actor {
  userId: string;
  orgId: string;
  role: Role;
}

export interface SessionContext {
  tokenHash: string;
  userId: string;
  /** The organisation the session is working in and the user's role there; null when they belong to none. */
  orgId: string | null;
  role: Role | null;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function needsOnboarding(db: DbOrTx): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(orgs);
  return (row?.n ?? 0) === 0;
}

export interface OnboardingInput {
  orgName: string;
  name: string;
  email: string;
  password: string;
  locale: Locale;
  timeZone: string;
}

/** Creates the first organisation and its admin. Refused once any organisation exists. */
export async function onboard(db: Db, input: OnboardingInput, ip: string | null) {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${ONBOARDING_LOCK_ID})`);
    if (!(await needsOnboarding(tx))) {
      throw new DomainError(
        'conflict',
        'already_onboarded',
        'Stemme is already set up; ask an admin for an invitation',
      );
    }
    const [org] = await tx
      .insert(orgs)
      .values({ name: input.orgName.trim(), timeZone: input.timeZone, defaultLocale: input.locale })
      .returning();
    const [user] = await tx
      .insert(users)
      .values({
        email: normaliseEmail(input.email),
        name: input.name.trim(),
        passwordHash,
        locale: input.locale,
      })
      .returning();
    if (!org || !user) throw new Error('insert returned nothing');
    await tx.insert(memberships).values({ orgId: org.id, userId: user.id, role: 'admin' });
    await recordAudit(tx, { orgId: org.id, actorId: user.id, action: 'org.created', target: org.name, ip });
    return { org, user };
  });
}

/** Checks email and password, with a per-account lockout after repeated failures. Returns the user id. */
export async function authenticate(
  db: Db,
  email: string,
  password: string,
  ip: string | null,
): Promise<string> {
  const [user] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, normaliseEmail(email)));
  const now = new Date();
  if (user?.lockedUntil && user.lockedUntil > now) {
    throw lockedError(user.lockedUntil, now);
  }
  const ok = await verifyPassword(password, user?.passwordHash ?? (await dummyPasswordHash()));
  if (!user?.passwordHash || !ok) {
    if (user) {
      const failures = user.failedLogins + 1;
      const lockedUntil = failures >= LOCKOUT_THRESHOLD ? new Date(now.getTime() + LOCKOUT_MS) : null;
      await db
        .update(users)
        .set({ failedLogins: lockedUntil ? 0 : failures, lockedUntil })
        .where(eq(users.id, user.id));
      for (const orgId of await orgIdsOf(db, user.id)) {
        await recordAudit(db, {
          orgId,
          actorId: user.id,
          action: lockedUntil ? 'auth.locked' : 'auth.login_failed',
          ip,
          details: { failures },
        });
      }
      if (lockedUntil) throw lockedError(lockedUntil, now);
    }
    throw new DomainError('unauthorized', 'invalid_credentials', 'Wrong email or password');
  }
  if (user.failedLogins > 0 || user.lockedUntil) {
    await db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
  }
  return user.id;
}

function lockedError(until: Date, now: Date): DomainError {
  const retryAfterSeconds = Math.ceil((until.getTime() - now.getTime()) / 1000);
  return new DomainError('locked', 'locked', 'Too many failed logins: this account is locked for a while', {
    retryAfterSeconds,
  });
}

async function orgIdsOf(db: DbOrTx, userId: string): Promise<string[]> {
  const rows = await db
    .select({ orgId: memberships.orgId })
    .from(memberships)
    .where(eq(memberships.userId, userId));
  return rows.map((r) => r.orgId);
}

/** Opens a session in the given org (or the user's first one). Returns the cookie value; only its hash is stored. */
export async function createSession(
  db: DbOrTx,
  userId: string,
  opts: { orgId?: string | null; userAgent?: string | null } = {},
): Promise<string> {
  const token = newToken();
  const orgId = opts.orgId ?? (await orgIdsOf(db, userId))[0] ?? null;
  await db.insert(sessions).values({
    tokenHash: hashToken(token),
    userId,
    currentOrgId: orgId,
    expiresAt: new Date(Date.now() + SESSION_TTL_MS),
    userAgent: opts.userAgent?.slice(0, 300) ?? null,
  });
  return token;
}

/** The session behind a cookie value, or null when unknown or expired. Extends it while in use. */
export async function resolveSession(db: Db, token: string): Promise<SessionContext | null> {
  const tokenHash = hashToken(token);
  const now = new Date();
  const [row] = await db
    .select({
      userId: sessions.userId,
      currentOrgId: sessions.currentOrgId,
      lastSeenAt: sessions.lastSeenAt,
      role: memberships.role,
    })
    .from(sessions)
    .leftJoin(
      memberships,
      and(eq(memberships.orgId, sessions.currentOrgId), eq(memberships.userId, sessions.userId)),
    )
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)));
  if (!row) return null;
  if (now.getTime() - row.lastSeenAt.getTime() > SESSION_TOUCH_MS) {
    await db
      .update(sessions)
      .set({ lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_TTL_MS) })
      .where(eq(sessions.tokenHash, tokenHash));
  }
  // A membership removed since the session began leaves the session without an org.
  const role = row.role ?? null;
  return { tokenHash, userId: row.userId, orgId: role ? row.currentOrgId : null, role };
}

export async function endSession(db: DbOrTx, tokenHash: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

export async function switchOrg(db: DbOrTx, session: SessionContext, orgId: string): Promise<void> {
  const [m] = await db
    .select()
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, session.userId)));
  if (!m) throw new DomainError('not_found', 'org_not_found', 'You are not a member of that organisation');
  await db.update(sessions).set({ currentOrgId: orgId }).where(eq(sessions.tokenHash, session.tokenHash));
}

export async function purgeExpiredSessions(db: DbOrTx): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
}
