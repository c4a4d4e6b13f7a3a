// In-app notifications: who hears about what, and reading them. The first kind: a channel stopped accepting our
// credentials ("reconnect needed"), told to its owner — or, for an organisation's own account, to the admins and
// whoever connected it — once per episode (the change from active to reconnect-needed).
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/connect.ts';
import { DomainError } from '../errors.ts';
import { memberships } from '../team/schema.ts';
import { type NotificationKind, notifications } from './schema.ts';

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  payload: Record<string, unknown>;
  createdAt: Date;
  readAt: Date | null;
}

/** The channel facts a reconnect notification needs (kept in its payload, so it reads well later). */
export interface ChannelFacts {
  id: string;
  orgId: string;
  network: string;
  name: string;
  handle: string;
  ownerUserId: string | null;
  connectedBy: string | null;
}

/** Owner if they are still a member; else the admins and whoever connected it (if still a member). */
async function recipients(db: DbOrTx, channel: ChannelFacts): Promise<string[]> {
  const members = await db
    .select({ userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(eq(memberships.orgId, channel.orgId));
  const isMember = (id: string | null) => id !== null && members.some((m) => m.userId === id);
  if (isMember(channel.ownerUserId)) return [channel.ownerUserId!];
  const ids = new Set(members.filter((m) => m.role === 'admin').map((m) => m.userId));
  if (isMember(channel.connectedBy)) ids.add(channel.connectedBy!);
  return [...ids];
}

/** Call where a channel turns from active to reconnect-needed (and only then): one notification per person. */
export async function notifyReconnectNeeded(
  db: DbOrTx,
  channel: ChannelFacts,
  reason: string,
): Promise<number> {
  const people = await recipients(db, channel);
  if (people.length === 0) return 0;
  await db.insert(notifications).values(
    people.map((userId) => ({
      orgId: channel.orgId,
      userId,
      kind: 'channel.reconnect_needed' as const,
      payload: {
        channelId: channel.id,
        channelName: channel.name,
        handle: channel.handle,
        network: channel.network,
        reason,
      },
    })),
  );
  return people.length;
}

const mine = (orgId: string, userId: string) =>
  and(eq(notifications.orgId, orgId), eq(notifications.userId, userId));

export async function listNotifications(
  db: DbOrTx,
  orgId: string,
  userId: string,
  opts: { limit: number; unreadOnly: boolean },
): Promise<{ notifications: NotificationView[]; unread: number }> {
  const rows = await db
    .select()
    .from(notifications)
    .where(and(mine(orgId, userId), opts.unreadOnly ? isNull(notifications.readAt) : undefined))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(opts.limit);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(mine(orgId, userId), isNull(notifications.readAt)));
  return {
    notifications: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      payload: r.payload,
      createdAt: r.createdAt,
      readAt: r.readAt,
    })),
    unread: count?.n ?? 0,
  };
}

export async function markRead(db: DbOrTx, orgId: string, userId: string, id: string): Promise<void> {
  const [row] = await db
    .select({ id: notifications.id, readAt: notifications.readAt })
    .from(notifications)
    .where(and(eq(notifications.id, id), mine(orgId, userId)));
  if (!row) throw new DomainError('not_found', 'notification_not_found', 'No such notification');
  if (!row.readAt) await db.update(notifications).set({ readAt: sql`now()` }).where(eq(notifications.id, id));
}

export async function markAllRead(
  db: DbOrTx,
  orgId: string,
  userId: string,
  kinds?: NotificationKind[],
): Promise<number> {
  const marked = await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(
      and(
        mine(orgId, userId),
        isNull(notifications.readAt),
        kinds?.length ? inArray(notifications.kind, kinds) : undefined,
      ),
    )
    .returning({ id: notifications.id });
  return marked.length;
}
