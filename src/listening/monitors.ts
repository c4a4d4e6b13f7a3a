// Monitors: named Boolean queries with sources, languages, an owner and an on/off switch. Saving one checks
// the query (a refusal names the position and the reason) and matches it against the mentions stored in the
// last 7 days, so a new monitor starts with its recent history; "test" counts the same without saving.
import { and, desc, eq, gte, lt, or, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/connect.ts';
import { liveParents } from '../db/parents.ts';
import { DomainError } from '../errors.ts';
import { recordAudit } from '../team/audit.ts';
import type { Actor } from '../team/auth.ts';
import { listMembers } from '../team/members.ts';
import { monitorFilter, withinFilter } from './monitor-set.ts';
import { compile, type Monitor, tokenize, validate } from './query/index.ts';
import { type MonitorRow, mentionMatches, mentions, monitors } from './schema.ts';
import { enqueueBlueskyBackfill, liveSourceConfig, searchKeywords } from './sources/bluesky/job.ts';

export const BACKFILL_DAYS = 7;
const SCAN_PAGE = 1_000;

export interface MonitorInput {
  name: string;
  query: string;
  sources: string[];
  languages: string[];
  ownerUserId?: string | null;
  active?: boolean;
}

/** Parses the query or refuses it: `query: unclosed quote at 14`, with position and reason in details. */
export function checkQuery(query: string): Monitor {
  const v = validate(query);
  if (!v.ok)
    throw new DomainError('invalid', 'invalid_query', `query: ${v.error.message}`, {
      fields: { query: v.error.message },
      position: v.error.position,
      reason: v.error.reason,
      code: v.error.code,
      params: v.error.params,
    });
  return compile(query);
}

function notFound(): DomainError {
  return new DomainError('not_found', 'monitor_not_found', 'No such monitor in this organisation');
}

export async function monitorOf(db: DbOrTx, orgId: string, id: string): Promise<MonitorRow> {
  const [row] = await db
    .select()
    .from(monitors)
    .where(and(eq(monitors.id, id), eq(monitors.orgId, orgId)));
  if (!row) throw notFound();
  return row;
}

async function assertOwner(db: DbOrTx, orgId: string, userId: string): Promise<void> {
  const members = await listMembers(db, orgId);
  if (!members.some((m) => m.userId === userId))
    throw new DomainError('invalid', 'not_a_member', 'ownerUserId: is not a member of this organisation', {
      fields: { ownerUserId: 'is not a member of this organisation' },
    });
}

export interface MonitorView {
  id: string;
  name: string;
  query: string;
  sources: string[];
  languages: string[];
  owner: { id: string; name: string } | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
  /** Mentions matched in the last 7 days. */
  recentMatches: number;
}

export async function listMonitors(db: DbOrTx, orgId: string): Promise<MonitorView[]> {
  const since = new Date(Date.now() - BACKFILL_DAYS * 86_400_000);
  const rows = await db
    .select()
    .from(monitors)
    .where(eq(monitors.orgId, orgId))
    .orderBy(monitors.name, monitors.createdAt);
  const counts = await db
    .select({ monitorId: mentionMatches.monitorId, n: sql<number>`count(*)::int` })
    .from(mentionMatches)
    .where(and(eq(mentionMatches.orgId, orgId), gte(mentionMatches.at, since)))
    .groupBy(mentionMatches.monitorId);
  const byMonitor = new Map(counts.map((c) => [c.monitorId, Number(c.n)]));
  const members = new Map((await listMembers(db, orgId)).map((m) => [m.userId, m.name]));
  return rows.map((r) => present(r, members, byMonitor.get(r.id) ?? 0));
}

function present(r: MonitorRow, members: Map<string, string>, recentMatches: number): MonitorView {
  return {
    id: r.id,
    name: r.name,
    query: r.query,
    sources: r.sources,
    languages: r.languages,
    owner: r.ownerUserId ? { id: r.ownerUserId, name: members.get(r.ownerUserId) ?? '' } : null,
    active: r.active,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    recentMatches,
  };
}

export async function getMonitor(db: DbOrTx, orgId: string, id: string): Promise<MonitorView> {
  const row = await monitorOf(db, orgId, id);
  const since = new Date(Date.now() - BACKFILL_DAYS * 86_400_000);
  const [c] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(mentionMatches)
    .where(and(eq(mentionMatches.monitorId, id), gte(mentionMatches.at, since)));
  const members = new Map((await listMembers(db, orgId)).map((m) => [m.userId, m.name]));
  return present(row, members, Number(c?.n ?? 0));
}

export async function createMonitor(db: Db, actor: Actor, input: MonitorInput): Promise<MonitorView> {
  const compiled = checkQuery(input.query);
  const ownerUserId = input.ownerUserId === undefined ? actor.userId : input.ownerUserId;
  if (ownerUserId) await assertOwner(db, actor.orgId, ownerUserId);
  const row = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(monitors)
      .values({
        orgId: actor.orgId,
        name: input.name,
        query: input.query,
        sources: input.sources,
        languages: input.languages,
        ownerUserId,
        active: input.active ?? true,
      })
      .returning();
    if (!created) throw new Error('insert returned nothing');
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'monitor.created',
      target: created.id,
      details: { name: created.name, query: created.query },
    });
    await queueSearchBackfill(tx, created);
    return created;
  });
  await backfill(db, row, compiled);
  return getMonitor(db, actor.orgId, row.id);
}

export async function updateMonitor(
  db: Db,
  actor: Actor,
  id: string,
  patch: Partial<MonitorInput>,
): Promise<MonitorView> {
  const before = await monitorOf(db, actor.orgId, id);
  const compiled = patch.query !== undefined ? checkQuery(patch.query) : null;
  if (patch.ownerUserId) await assertOwner(db, actor.orgId, patch.ownerUserId);
  const row = await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(monitors)
      .set({ ...patch, updatedAt: new Date() })
      .where(and(eq(monitors.id, id), eq(monitors.orgId, actor.orgId)))
      .returning();
    if (!updated) throw notFound();
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'monitor.updated',
      target: id,
      details: {
        name: updated.name,
        fields: Object.keys(patch).sort(),
        ...(patch.name !== undefined && patch.name !== before.name && { renamedFrom: before.name }),
        ...(patch.active !== undefined && { active: patch.active }),
      },
    });
    // Switched back on, or asking for other posts: search Bluesky for what it missed.
    if (
      (patch.active === true && !before.active) ||
      (patch.query !== undefined && patch.query !== before.query) ||
      JSON.stringify(patch.sources ?? before.sources) !== JSON.stringify(before.sources)
    )
      await queueSearchBackfill(tx, updated);
    return updated;
  });
  // A new definition, or a monitor switched back on (it missed what came in while paused).
  const rematch =
    (patch.query !== undefined && patch.query !== before.query) ||
    (patch.active === true && !before.active) ||
    JSON.stringify([patch.sources ?? before.sources, patch.languages ?? before.languages]) !==
      JSON.stringify([before.sources, before.languages]);
  if (rematch) {
    // What it matched recently follows the new definition; older matches stay as history.
    const since = new Date(Date.now() - BACKFILL_DAYS * 86_400_000);
    await db
      .delete(mentionMatches)
      .where(and(eq(mentionMatches.monitorId, id), gte(mentionMatches.at, since)));
    await backfill(db, row, compiled ?? compile(row.query));
  }
  return getMonitor(db, actor.orgId, id);
}

export async function deleteMonitor(db: Db, actor: Actor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await monitorOf(tx, actor.orgId, id);
    await tx.delete(monitors).where(and(eq(monitors.id, id), eq(monitors.orgId, actor.orgId)));
    await recordAudit(tx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'monitor.deleted',
      target: id,
      details: { name: row.name },
    });
  });
}

interface ScannedMention {
  id: string;
  source: string;
  externalId: string;
  text: string;
  title: string | null;
  author: string | null;
  url: string | null;
  links: string[];
  lang: string;
  sentiment: 'positive' | 'negative' | 'neutral';
  at: Date;
}

/** Walks the organisation's mentions of the last `days` days, newest first, a page at a time. */
async function* recentMentions(db: DbOrTx, orgId: string, days = BACKFILL_DAYS) {
  const since = new Date(Date.now() - days * 86_400_000);
  let cursor: { at: Date; id: string } | null = null;
  for (;;) {
    const page: ScannedMention[] = await db
      .select({
        id: mentions.id,
        source: mentions.source,
        externalId: mentions.externalId,
        text: mentions.text,
        title: mentions.title,
        author: mentions.author,
        url: mentions.url,
        links: mentions.links,
        lang: mentions.lang,
        sentiment: mentions.sentiment,
        at: mentions.at,
      })
      .from(mentions)
      .where(
        and(
          eq(mentions.orgId, orgId),
          gte(mentions.at, since),
          cursor
            ? or(lt(mentions.at, cursor.at), and(eq(mentions.at, cursor.at), lt(mentions.id, cursor.id)))
            : undefined,
        ),
      )
      .orderBy(desc(mentions.at), desc(mentions.id))
      .limit(SCAN_PAGE);
    if (page.length === 0) return;
    yield page;
    if (page.length < SCAN_PAGE) return;
    const last = page[page.length - 1]!;
    cursor = { at: last.at, id: last.id };
  }
}

function matchesMention(
  monitor: Monitor,
  filter: ReturnType<typeof monitorFilter>,
  m: ScannedMention,
): boolean {
  if (!withinFilter(filter, m.source, m.lang)) return false;
  return monitor.test(
    tokenize({
      id: m.externalId,
      text: m.text,
      ...(m.title ? { title: m.title } : {}),
      ...(m.author ? { author: m.author } : {}),
      ...(m.url ? { url: m.url } : {}),
      links: m.links,
      lang: m.lang,
      source: m.source,
    }),
  );
}

/**
 * Queues the Bluesky search backfill (the last 7 days) for an active monitor that listens to Bluesky and has
 * terms to search for, when a Bluesky AppView is configured (STEMME_BLUESKY_APPVIEW_URL: the job exists only
 * then). Queued in the caller's transaction; one at a time per monitor.
 */
async function queueSearchBackfill(
  tx: DbOrTx,
  row: MonitorRow,
  env: Record<string, string | undefined> = process.env,
): Promise<void> {
  if (!liveSourceConfig(env).appviewUrl || !row.active) return;
  if (row.sources.length > 0 && !row.sources.includes('bluesky')) return;
  if (searchKeywords(row.query).length === 0) return;
  await enqueueBlueskyBackfill(tx, row.orgId, row.id, BACKFILL_DAYS);
}

/** Matches a monitor against the stored mentions of the last 7 days and stores what it finds. */
export async function backfill(db: Db, row: MonitorRow, compiled: Monitor): Promise<number> {
  if (!row.active) return 0;
  const filter = monitorFilter(row.sources, row.languages);
  let stored = 0;
  for await (const page of recentMentions(db, row.orgId)) {
    const hits = page.filter((m) => matchesMention(compiled, filter, m));
    if (hits.length === 0) continue;
    // The monitor and the mentions are locked while their matches are written (no foreign keys: migration
    // 0017): a monitor or mention deleted meanwhile gets none.
    const written = await db.transaction(async (tx) => {
      if ((await liveParents(tx, 'monitors', [row.id])).size === 0) return -1;
      const live = await liveParents(
        tx,
        'mentions',
        hits.map((m) => m.id),
      );
      const rows = hits.filter((m) => live.has(m.id));
      if (rows.length)
        await tx
          .insert(mentionMatches)
          .values(
            rows.map((m) => ({
              orgId: row.orgId,
              monitorId: row.id,
              mentionId: m.id,
              at: m.at,
              sentiment: m.sentiment,
            })),
          )
          .onConflictDoNothing();
      return rows.length;
    });
    if (written < 0) break;
    stored += written;
  }
  return stored;
}

export interface QueryTest {
  /** Mentions of the last 7 days the query would have matched. */
  matched: number;
  /** Mentions of the last 7 days looked at. */
  scanned: number;
  /**
   * Whether the query is very broad: it matches at least half of a week's stored mentions (of at least
   * BROAD_MIN_SCANNED). On the live streams such a query stores a large share of everything posted.
   */
  broad: boolean;
  /** The newest few that matched. */
  samples: {
    id: string;
    source: string;
    title: string | null;
    text: string;
    author: string | null;
    url: string | null;
    lang: string;
    sentiment: string;
    at: string;
  }[];
}

const SAMPLES = 5;

/** How many of the last 7 days' stored mentions a query would have matched, with the newest few. */
export async function testQuery(
  db: DbOrTx,
  orgId: string,
  input: { query: string; sources?: string[]; languages?: string[] },
): Promise<QueryTest> {
  const compiled = checkQuery(input.query);
  const filter = monitorFilter(input.sources ?? [], input.languages ?? []);
  const out: QueryTest = { matched: 0, scanned: 0, broad: false, samples: [] };
  for await (const page of recentMentions(db, orgId)) {
    out.scanned += page.length;
    for (const m of page) {
      if (!matchesMention(compiled, filter, m)) continue;
      out.matched++;
      if (out.samples.length < SAMPLES)
        out.samples.push({
          id: m.id,
          source: m.source,
          title: m.title,
          text: m.text.length > 280 ? `${m.text.slice(0, 279)}…` : m.text,
          author: m.author,
          url: m.url,
          lang: m.lang,
          sentiment: m.sentiment,
          at: m.at.toISOString(),
        });
    }
  }
  out.broad = out.scanned >= BROAD_MIN_SCANNED && out.matched >= out.scanned * BROAD_SHARE;
  return out;
}

/** Fewer stored mentions than this say too little about how broad a query is. */
export const BROAD_MIN_SCANNED = 20;
const BROAD_SHARE = 0.5;
