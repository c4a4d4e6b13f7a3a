// Channels: the organisation's connected accounts. Credentials are sealed with the SecretBox (bound to the
// channel's id) and only ever opened here, to hand a live Network to the publish job or a delete.
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/connect.ts';
import { DomainError } from '../errors.ts';
import { enqueueMany } from '../jobs/enqueue.ts';
import type { NetworkContext, NetworkKind } from '../networks/kind.ts';
import type { NetworkRegistry } from '../networks/registry.ts';
import { type Network, NetworkError, type NetworkLimits } from '../networks/types.ts';
import { notifyReconnectNeeded } from '../notifications/notifications.ts';
import type { SecretBox } from '../security/secret-box.ts';
import { recordAudit } from '../team/audit.ts';
import type { Actor } from '../team/auth.ts';
import { memberships } from '../team/schema.ts';
import { type ChannelStatus, channels, publishTargets } from './schema.ts';

export interface PublishingDeps {
  secretBox: SecretBox;
  networks: NetworkRegistry;
  /** How user-given server addresses are vetted (SSRF guard); private networks only when an admin allows them. */
  urlPolicy?: NetworkContext['urlPolicy'];
}

export type ChannelRow = typeof channels.$inferSelect;

export interface ChannelView {
  id: string;
  network: string;
  networkLabel: string;
  name: string;
  handle: string;
  accountUrl: string;
  status: ChannelStatus;
  statusReason: string | null;
  ownerUserId: string | null;
  connectedBy: string | null;
  limits: NetworkLimits | null;
  createdAt: Date;
}

export const PUBLISH_JOB = 'publishing.publish';
/**
 * One live job per (target, due time): a rescheduled target gets a new job at its new time, and the old one,
 * when it comes up, finds that its due time is not the target's any more and does nothing.
 */
export const publishJobKey = (targetId: string, dueAt?: Date | null) =>
  dueAt ? `publish:${targetId}:${dueAt.getTime()}` : `publish:${targetId}`;

/** What a publish job carries: the target, and the due time it was queued for. */
export interface PublishPayload {
  targetId: string;
  dueAt?: string | undefined;
}

/**
 * Queues a publish job for each target at its due time (now if that has passed or it has none). Inside the
 * caller's transaction, so a job exists exactly when the change that asked for it committed.
 */
export async function queueTargets(
  tx: DbOrTx,
  orgId: string,
  targets: { id: string; dueAt: Date | null }[],
): Promise<string[]> {
  const now = Date.now();
  return enqueueMany(
    tx,
    PUBLISH_JOB,
    targets.map((t) => ({
      payload: { targetId: t.id, ...(t.dueAt && { dueAt: t.dueAt.toISOString() }) } satisfies PublishPayload,
      orgId,
      ...(t.dueAt && t.dueAt.getTime() > now && { runAt: t.dueAt }),
      uniqueKey: publishJobKey(t.id, t.dueAt),
    })),
  );
}

export function kindOf(networks: NetworkRegistry, id: string): NetworkKind {
  const kind = networks.get(id);
  if (!kind)
    throw new DomainError('invalid', 'unknown_network', `network: ${id} is not one Stemme can publish to`);
  return kind;
}

export function presentChannel(row: ChannelRow, networks: NetworkRegistry): ChannelView {
  const kind = networks.get(row.network);
  return {
    id: row.id,
    network: row.network,
    networkLabel: kind?.label ?? row.network,
    name: row.name,
    handle: row.handle,
    accountUrl: row.accountUrl,
    status: row.status,
    statusReason: row.statusReason,
    ownerUserId: row.ownerUserId,
    connectedBy: row.connectedBy,
    limits: kind && row.status !== 'disconnected' ? kind.describe(row.settings) : null,
    createdAt: row.createdAt,
  };
}

/** What a failed connect means to the person typing the credentials. */
function connectFailure(err: unknown, label: string): DomainError {
  if (err instanceof NetworkError) {
    if (err.failure === 'auth')
      return new DomainError(
        'invalid',
        'credentials_refused',
        `${label} refused these credentials: ${err.message}`,
      );
    return new DomainError('invalid', 'network_unavailable', `Could not reach ${label}: ${err.message}`);
  }
  if (err instanceof Error && err.name === 'ZodError')
    return new DomainError('invalid', 'validation', `Invalid ${label} connection details: ${err.message}`);
  throw err;
}

async function assertMember(db: DbOrTx, orgId: string, userId: string | undefined | null): Promise<void> {
  if (!userId) return;
  const [m] = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.orgId, orgId), eq(memberships.userId, userId)));
  if (!m)
    throw new DomainError('invalid', 'not_a_member', 'ownerUserId: is not a member of this organisation');
}

export async function listChannels(
  db: DbOrTx,
  orgId: string,
  networks: NetworkRegistry,
): Promise<ChannelView[]> {
  const rows = await db
    .select()
    .from(channels)
    .where(and(eq(channels.orgId, orgId), ne(channels.status, 'disconnected')))
    .orderBy(asc(channels.createdAt));
  return rows.map((r) => presentChannel(r, networks));
}

export async function getChannelRow(db: DbOrTx, orgId: string, channelId: string): Promise<ChannelRow> {
  const [row] = await db
    .select()
    .from(channels)
    .where(and(eq(channels.id, channelId), eq(channels.orgId, orgId)));
  if (!row) throw new DomainError('not_found', 'channel_not_found', 'No such channel in this organisation');
  return row;
}

/** Connects an account: the network checks the credentials before anything is stored. */
export async function connectChannel(
  db: Db,
  deps: PublishingDeps,
  actor: Actor,
  input: { network: string; ownerUserId?: string | null; name?: string } & Record<string, unknown>,
): Promise<ChannelView> {
  const kind = kindOf(deps.networks, input.network);
  await assertMember(db, actor.orgId, input.ownerUserId);
  const connection = await kind
    .connect(input, { db, orgId: actor.orgId, urlPolicy: deps.urlPolicy })
    .catch((err: unknown) => Promise.reject(connectFailure(err, kind.label)));
  const id = randomUUID();
  const row = await db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: channels.id })
      .from(channels)
      .where(
        and(
          eq(channels.orgId, actor.orgId),
          eq(channels.network, kind.id),
          eq(channels.remoteAccountId, connection.account.remoteAccountId),
          ne(channels.status, 'disconnected'),
        ),
      );
    if (existing)
      throw new DomainError(
        'conflict',
        'channel_exists',
        `${connection.account.handle} is already connected; reconnect it instead`,
        { channelId: existing.id },
      );
    const [created] = await tx
      .insert(channels)
      .values({
        id,
        orgId: actor.orgId,
        network: kind.id,
        name: input.name?.trim() || connection.account.displayName,
        handle: connection.account.handle,
        remoteAccountId: connection.account.remoteAccountId,
        accountUrl: connection.account.url,
        credentials: deps.secretBox.encrypt(JSON.stringify(connection.credentials), id),
        settings: connection.settings,
        ownerUserId: input.ownerUserId ?? null,
        connectedBy: actor.userId,
      })
      .returning();
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'channel.connect',
      target: id,
      details: { name: created!.name, network: kind.id, handle: connection.account.handle },
    });
    return created!;
  });
  return presentChannel(row, deps.networks);
}

/**
 * New credentials for a channel (after "reconnect needed"). Targets that failed only because the account
 * refused us are queued again: they were never published, and their keys still guard against a duplicate.
 */
export async function reconnectChannel(
  db: Db,
  deps: PublishingDeps,
  actor: Actor,
  channelId: string,
  input: Record<string, unknown>,
): Promise<ChannelView> {
  const row = await getChannelRow(db, actor.orgId, channelId);
  const kind = kindOf(deps.networks, row.network);
  if (input.network !== undefined && input.network !== row.network)
    throw new DomainError('invalid', 'validation', `network: this channel is on ${kind.label}`);
  const connection = await kind
    .connect(input, { db, orgId: actor.orgId, urlPolicy: deps.urlPolicy })
    .catch((err: unknown) => Promise.reject(connectFailure(err, kind.label)));
  if (connection.account.remoteAccountId !== row.remoteAccountId)
    throw new DomainError(
      'invalid',
      'different_account',
      `These credentials are for ${connection.account.handle}, not ${row.handle}; connect it as a new channel`,
    );
  const updated = await db.transaction(async (tx) => {
    const [saved] = await tx
      .update(channels)
      .set({
        credentials: deps.secretBox.encrypt(JSON.stringify(connection.credentials), row.id),
        settings: connection.settings,
        handle: connection.account.handle,
        status: 'active',
        statusReason: null,
        updatedAt: sql`now()`,
      })
      .where(eq(channels.id, row.id))
      .returning();
    const requeued = await tx
      .update(publishTargets)
      .set({ status: 'scheduled', updatedAt: sql`now()` })
      .where(
        and(
          eq(publishTargets.channelId, row.id),
          eq(publishTargets.status, 'failed'),
          eq(publishTargets.errorClass, 'auth'),
        ),
      )
      .returning({ id: publishTargets.id, dueAt: publishTargets.dueAt });
    // Held back only by the account: the publish job still checks the post's approval before it goes out.
    await queueTargets(tx, actor.orgId, requeued);
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'channel.reconnect',
      target: row.id,
      details: { name: saved!.name, requeued: requeued.length },
    });
    return saved!;
  });
  return presentChannel(updated, deps.networks);
}

/** Forgets the credentials; the row stays so published posts keep their history. */
export async function disconnectChannel(db: Db, actor: Actor, channelId: string): Promise<void> {
  const row = await getChannelRow(db, actor.orgId, channelId);
  await db.transaction(async (tx) => {
    await tx
      .update(channels)
      .set({ status: 'disconnected', credentials: null, statusReason: 'disconnected', updatedAt: sql`now()` })
      .where(eq(channels.id, channelId));
    await tx
      .update(publishTargets)
      .set({ status: 'cancelled', errorMessage: 'the channel was disconnected', updatedAt: sql`now()` })
      .where(
        and(eq(publishTargets.channelId, channelId), inArray(publishTargets.status, ['scheduled', 'failed'])),
      );
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'channel.disconnect',
      target: channelId,
      details: { name: row.name, handle: row.handle },
    });
  });
}

/** A live Network for a channel; refreshed sessions are sealed and stored again. */
export async function openChannel(db: Db, deps: PublishingDeps, row: ChannelRow): Promise<Network> {
  const kind = kindOf(deps.networks, row.network);
  if (!row.credentials) throw new NetworkError('permanent', 'the channel was disconnected', 'disconnected');
  let credentials: unknown;
  try {
    credentials = JSON.parse(deps.secretBox.decrypt(row.credentials, row.id));
  } catch {
    // Another instance's key (an imported organisation) or a damaged value: only reconnecting helps.
    throw new NetworkError(
      'auth',
      'the stored credentials cannot be opened with this server’s key',
      'sealed',
    );
  }
  return kind.open(credentials, row.settings, {
    db,
    orgId: row.orgId,
    urlPolicy: deps.urlPolicy,
    saveCredentials: async (fresh) => {
      await db
        .update(channels)
        .set({ credentials: deps.secretBox.encrypt(JSON.stringify(fresh), row.id), updatedAt: sql`now()` })
        .where(eq(channels.id, row.id));
    },
  });
}

export async function markReconnectNeeded(db: DbOrTx, channelId: string, reason: string): Promise<void> {
  const changed = await db
    .update(channels)
    .set({ status: 'reconnect_needed', statusReason: reason, updatedAt: sql`now()` })
    .where(and(eq(channels.id, channelId), eq(channels.status, 'active')))
    .returning();
  // Only the change from active tells the owner: one notification per episode, however many posts fail.
  for (const channel of changed) await notifyReconnectNeeded(db, channel, reason);
}
