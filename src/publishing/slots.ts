// Queue slots: each channel's weekly posting times ("Mon 09:00") in the organisation's time zone, and the next
// free one — the first slot time, from now on, that no other post on that channel is already due at.
import { and, asc, eq, gte, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/connect.ts';
import { DomainError } from '../errors.ts';
import { recordAudit } from '../team/audit.ts';
import type { Actor } from '../team/auth.ts';
import { orgs } from '../team/schema.ts';
import { getChannelRow } from './channels.ts';
import { channelSlots, posts, publishTargets } from './schema.ts';
import { addDays, localParts, zonedTime } from './zoned.ts';

export interface Slot {
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
  /** 'HH:MM' */
  time: string;
}

export const SLOT_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** How far ahead a free slot is looked for before giving up. */
const HORIZON_WEEKS = 104;

export async function orgTimeZone(db: DbOrTx, orgId: string): Promise<string> {
  const [org] = await db.select({ timeZone: orgs.timeZone }).from(orgs).where(eq(orgs.id, orgId));
  return org?.timeZone ?? 'UTC';
}

function bySlot(a: Slot, b: Slot) {
  return a.weekday - b.weekday || a.time.localeCompare(b.time);
}

export async function getSlots(
  db: DbOrTx,
  orgId: string,
  channelId: string,
): Promise<{ timeZone: string; slots: Slot[] }> {
  await getChannelRow(db, orgId, channelId);
  const rows = await db
    .select({ weekday: channelSlots.weekday, time: channelSlots.time })
    .from(channelSlots)
    .where(and(eq(channelSlots.orgId, orgId), eq(channelSlots.channelId, channelId)))
    .orderBy(asc(channelSlots.weekday), asc(channelSlots.time));
  return { timeZone: await orgTimeZone(db, orgId), slots: rows };
}

export async function putSlots(
  db: Db,
  actor: Actor,
  channelId: string,
  slots: Slot[],
): Promise<{ timeZone: string; slots: Slot[] }> {
  const channel = await getChannelRow(db, actor.orgId, channelId);
  const unique = new Map<string, Slot>();
  for (const [i, s] of slots.entries()) {
    if (!Number.isInteger(s.weekday) || s.weekday < 1 || s.weekday > 7)
      throw new DomainError('invalid', 'validation', `slots.${i}.weekday: must be 1 (Monday) to 7 (Sunday)`);
    if (!SLOT_TIME.test(s.time))
      throw new DomainError('invalid', 'validation', `slots.${i}.time: must be HH:MM (24-hour)`);
    unique.set(`${s.weekday} ${s.time}`, { weekday: s.weekday, time: s.time });
  }
  const sorted = [...unique.values()].sort(bySlot);
  await db.transaction(async (tx) => {
    await tx.delete(channelSlots).where(eq(channelSlots.channelId, channel.id));
    if (sorted.length)
      await tx
        .insert(channelSlots)
        .values(sorted.map((s) => ({ orgId: actor.orgId, channelId: channel.id, ...s })));
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'channel.slots_updated',
      target: channel.id,
      details: { name: channel.name, slots: sorted.length },
    });
  });
  return { timeZone: await orgTimeZone(db, actor.orgId), slots: sorted };
}

/** Slot instants from `after` (exclusive) on, in order, for as long as the caller keeps asking. */
export function* slotTimes(slots: Slot[], timeZone: string, after: Date): Generator<Date> {
  if (slots.length === 0) return;
  const sorted = [...slots].sort(bySlot);
  const start = localParts(after, timeZone);
  let date = { year: start.year, month: start.month, day: start.day };
  let weekday = start.weekday;
  for (let day = 0; day < HORIZON_WEEKS * 7; day++) {
    for (const s of sorted) {
      if (s.weekday !== weekday) continue;
      const [h, m] = s.time.split(':').map(Number) as [number, number];
      const at = zonedTime(date, h, m, timeZone);
      if (at.getTime() > after.getTime()) yield at;
    }
    date = addDays(date, 1);
    weekday = (weekday % 7) + 1;
  }
}

/**
 * The next slot of a channel not already taken by another post due on it (scheduled, held for approval or a
 * draft with that time). `taken` adds instants reserved within the same request (several posts at once).
 */
export async function nextFreeSlot(
  db: DbOrTx,
  orgId: string,
  channelId: string,
  opts: { after?: Date; excludePostId?: string | undefined; taken?: Date[]; lock?: boolean } = {},
): Promise<Date> {
  const after = opts.after ?? new Date();
  // Inside a transaction that will take the slot: one picker per channel at a time, until it commits, so two
  // posts queued at the same moment do not get the same slot.
  if (opts.lock)
    await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`stemme-slot:${channelId}`}, 0))`);
  const { slots, timeZone } = await getSlots(db, orgId, channelId);
  if (slots.length === 0)
    throw new DomainError(
      'invalid',
      'no_slots',
      'slot: this channel has no queue slots yet; add some in its settings or pick a time',
      { channelId },
    );
  const busy = await db
    .select({ dueAt: publishTargets.dueAt })
    .from(publishTargets)
    .innerJoin(posts, eq(posts.id, publishTargets.postId))
    .where(
      and(
        eq(publishTargets.orgId, orgId),
        eq(publishTargets.channelId, channelId),
        inArray(publishTargets.status, ['scheduled', 'publishing', 'published']),
        gte(publishTargets.dueAt, after),
        isNull(posts.deletedAt),
        opts.excludePostId ? ne(posts.id, opts.excludePostId) : undefined,
      ),
    );
  const taken = new Set([
    ...busy.flatMap((b) => (b.dueAt ? [b.dueAt.getTime()] : [])),
    ...(opts.taken ?? []).map((d) => d.getTime()),
  ]);
  for (const at of slotTimes(slots, timeZone, after)) if (!taken.has(at.getTime())) return at;
  throw new DomainError(
    'conflict',
    'no_free_slot',
    'slot: every slot of this channel is taken for two years',
    {
      channelId,
    },
  );
}
