// Storm detection against the database, run by the pipeline right after it stores new mentions: for each monitor
// that got new matches, count its current window, compare with its baseline (cached a few minutes per monitor),
// and open, update or close its storm episode. Opening writes the storm, its alert and the delivery jobs (email,
// webhooks) in one transaction; at most one storm per monitor is open (a partial unique index), so two ingests
// racing cannot fire twice. Escalations, throttled storm.updated webhooks and closings queue their follow-ups
// (alerts/follow-ups.ts) in the transaction that updates or closes the storm.
import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/connect.ts';
import { queryRows } from '../../db/connect.ts';
import { pgArray } from '../../db/pg-array.ts';
import { enqueue } from '../../jobs/enqueue.ts';
import { publishStormEvent, type StormEvent } from '../alerts/bus.ts';
import {
  escalates,
  type FollowUpRule,
  followClose,
  followUpdate,
  followUpRules,
  webhookUpdateDue,
} from '../alerts/follow-ups.ts';
import {
  ALERT_EMAIL_JOB,
  EMAIL_MAX_ATTEMPTS,
  WEBHOOK_DELIVERY_JOB,
  WEBHOOK_MAX_ATTEMPTS,
} from '../alerts/names.ts';
import { webhookBody } from '../alerts/payload.ts';
import { monitors } from '../schema.ts';
import { authorHandle } from '../stories/index.ts';
import {
  alertRules,
  alertWebhooks,
  type Sensitivity,
  type StormRow,
  stormAlerts,
  storms,
  type TopPost,
  webhookDeliveries,
} from './schema.ts';
import {
  type Assessment,
  assess,
  type Baseline,
  INFLUENTIAL_WEIGHT,
  QUIET_MS,
  RECENT_MS,
  rankTopPosts,
  SENSITIVITY,
  stormStep,
  WEEK_MS,
  WEEKS,
  WINDOW_MS,
} from './score.ts';

const BASELINE_TTL_MS = 5 * 60_000;
/** An open storm's reasons and top posts are refreshed at most this often. */
const REFRESH_MS = 60_000;
const TEXT_MAX = 400;

interface CachedBaseline {
  at: number;
  baseline: Baseline;
}
const baselineCache = new WeakMap<object, Map<string, CachedBaseline>>();

export interface EvaluateResult {
  opened: string[];
  updated: string[];
  closed: string[];
}

const uuidArray = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

/** Baselines of many monitors: cached ones as they are, the rest in one grouped query. */
async function baselinesOf(
  db: DbOrTx,
  monitorIds: readonly string[],
  now: Date,
): Promise<Map<string, Baseline>> {
  let cache = baselineCache.get(db);
  if (!cache) {
    cache = new Map();
    baselineCache.set(db, cache);
  }
  const out = new Map<string, Baseline>();
  const missing: string[] = [];
  for (const id of monitorIds) {
    const hit = cache.get(id);
    if (hit && Math.abs(now.getTime() - hit.at) < BASELINE_TTL_MS) out.set(id, hit.baseline);
    else missing.push(id);
  }
  if (missing.length === 0) return out;
  const t = now.getTime();
  const windowStart = new Date(t - WINDOW_MS).toISOString();
  const recentStart = new Date(t - RECENT_MS).toISOString();
  const weekly = Array.from({ length: WEEKS }, (_, i) => {
    const end = t - (i + 1) * WEEK_MS;
    return { from: new Date(end - WINDOW_MS).toISOString(), to: new Date(end).toISOString() };
  });
  const oldest = weekly[weekly.length - 1]!.from;
  const rows = await queryRows<Record<string, number | string | null>>(
    db,
    sql`select m.id as monitor_id, c.*,
        (select min(x.at) from mention_matches x where x.monitor_id = m.id) as first_at
      from unnest(${uuidArray(missing)}) as m(id)
      cross join lateral (
        select
          count(*) filter (where at > ${recentStart}::timestamptz)::int as recent,
          count(*) filter (where at > ${recentStart}::timestamptz and sentiment = 'negative')::int as recent_neg,
          ${sql.join(
            weekly.map(
              (w, i) =>
                sql`count(*) filter (where at > ${w.from}::timestamptz and at <= ${w.to}::timestamptz)::int as ${sql.raw(`w${i}`)}`,
            ),
            sql`, `,
          )}
        from mention_matches mm
        where mm.monitor_id = m.id and mm.at > ${oldest}::timestamptz and mm.at <= ${windowStart}::timestamptz
      ) c`,
  );
  for (const row of rows) {
    const firstAt = row.first_at ? new Date(row.first_at as string).getTime() : null;
    // Only history the monitor has counts: weeks before its first match say nothing about it.
    const recentSpanMs =
      firstAt === null ? 0 : Math.max(0, Math.min(RECENT_MS - WINDOW_MS, t - WINDOW_MS - firstAt));
    const weeklyCounts: number[] = [];
    weekly.forEach((w, i) => {
      if (firstAt !== null && firstAt <= new Date(w.from).getTime())
        weeklyCounts.push(Number(row[`w${i}`] ?? 0));
    });
    const baseline: Baseline = {
      weekly: weeklyCounts,
      recentCount: Number(row.recent ?? 0),
      recentNegatives: Number(row.recent_neg ?? 0),
      recentSpanMs,
    };
    cache.set(String(row.monitor_id), { at: t, baseline });
    out.set(String(row.monitor_id), baseline);
  }
  return out;
}

/** Mentions and negatives in the current window of many monitors, in one query. */
async function windowCounts(
  db: DbOrTx,
  monitorIds: readonly string[],
  now: Date,
): Promise<Map<string, { count: number; negatives: number }>> {
  const from = new Date(now.getTime() - WINDOW_MS).toISOString();
  const rows = await queryRows<{ monitor_id: string; n: number; neg: number }>(
    db,
    sql`select m.id as monitor_id, c.n, c.neg
      from unnest(${uuidArray(monitorIds)}) as m(id)
      cross join lateral (
        select count(*)::int as n, count(*) filter (where sentiment = 'negative')::int as neg
        from mention_matches mm
        where mm.monitor_id = m.id and mm.at > ${from}::timestamptz and mm.at <= ${now.toISOString()}::timestamptz
      ) c`,
  );
  return new Map(rows.map((r) => [String(r.monitor_id), { count: Number(r.n), negatives: Number(r.neg) }]));
}

interface WindowPost {
  mentionId: string;
  source: string;
  author: string | null;
  text: string;
  title: string | null;
  url: string | null;
  sentiment: string;
  sentimentScore: number;
  at: Date;
  authorWeight: number;
}

/** The window's mentions (newest 300) with each author's weight: their earlier mentions over the org's monitors. */
/** Least time between two rewrites of an open storm's numbers (see evaluateStorms). */
const UPDATE_EVERY_MS = 5_000;

async function windowPosts(db: DbOrTx, orgId: string, monitorId: string, now: Date): Promise<WindowPost[]> {
  const from = new Date(now.getTime() - WINDOW_MS);
  const rows = await queryRows<{
    id: string;
    source: string;
    author: string | null;
    text: string;
    title: string | null;
    url: string | null;
    sentiment: string;
    sentiment_score: number;
    at: string | Date;
  }>(
    db,
    sql`select m.id, m.source, m.author, m.text, m.title, m.url, m.sentiment, m.sentiment_score, m.at
        from mention_matches mm join mentions m on m.id = mm.mention_id
        where mm.monitor_id = ${monitorId}::uuid and mm.at > ${from.toISOString()}::timestamptz
          and mm.at <= ${now.toISOString()}::timestamptz
        order by mm.at desc limit 300`,
  );
  // Weights come from the influence module's authors table (src/listening/stories): its matched-mention count
  // per author, less what the author posted in this window, so shouting in the storm itself does not count.
  const inWindow = new Map<string, number>();
  const keyOf = (r: { source: string; author: string | null }) =>
    r.author ? `${r.source}\u0000${authorHandle(r.author)}` : null;
  for (const r of rows) {
    const k = keyOf(r);
    if (k) inWindow.set(k, (inWindow.get(k) ?? 0) + 1);
  }
  const weights = new Map<string, number>();
  if (inWindow.size) {
    const pairs = [...inWindow.keys()].map((k) => k.split('\u0000') as [string, string]);
    const counted = await queryRows<{ source: string; handle: string; n: number }>(
      db,
      // Two array parameters joined by unnest: a row-constructor IN list of a few hundred pairs made PGlite's
      // planner stall for minutes.
      sql`select a.source, a.handle, a.mention_count as n
          from unnest(${pgArray(pairs.map(([src]) => src))}::text[], ${pgArray(pairs.map(([, h]) => h))}::text[])
            as p(source, handle)
          join authors a on a.org_id = ${orgId}::uuid and a.source = p.source and a.handle = p.handle`,
    );
    for (const c of counted) {
      const k = `${c.source}\u0000${c.handle}`;
      weights.set(k, Math.max(0, Number(c.n) - (inWindow.get(k) ?? 0)));
    }
  }
  return rows.map((r) => ({
    mentionId: r.id,
    source: r.source,
    author: r.author,
    text: r.text,
    title: r.title,
    url: r.url,
    sentiment: r.sentiment,
    sentimentScore: Number(r.sentiment_score),
    at: new Date(r.at),
    authorWeight: weights.get(keyOf(r) ?? '') ?? 0,
  }));
}

function topPostsOf(posts: WindowPost[]): TopPost[] {
  return rankTopPosts(posts).map((p) => {
    const text = p.title && !p.text.startsWith(p.title) ? `${p.title}. ${p.text}` : p.text;
    return {
      mentionId: p.mentionId,
      source: p.source,
      author: p.author,
      text: text.length > TEXT_MAX ? `${text.slice(0, TEXT_MAX - 1)}…` : text,
      url: p.url,
      sentiment: p.sentiment,
      at: p.at.toISOString(),
      authorWeight: p.authorWeight,
    };
  });
}

function authorsOf(posts: WindowPost[]): { name: string; weight: number }[] {
  const best = new Map<string, number>();
  for (const p of posts)
    if (p.author && p.authorWeight >= INFLUENTIAL_WEIGHT)
      best.set(p.author, Math.max(best.get(p.author) ?? 0, p.authorWeight));
  return [...best].map(([name, weight]) => ({ name, weight }));
}

function eventOf(
  type: StormEvent['type'],
  s: StormRow,
  monitorName: string,
  alertId: string | null,
): StormEvent {
  return {
    type,
    orgId: s.orgId,
    stormId: s.id,
    alertId,
    monitorId: s.monitorId,
    monitorName,
    status: s.status,
    windowCount: s.windowCount,
    expected: s.expected,
    negativeShare: s.negativeShare,
    openedAt: s.openedAt.toISOString(),
    closedAt: s.closedAt?.toISOString() ?? null,
    updatedAt: s.updatedAt.toISOString(),
    escalations: s.escalations,
  };
}

/** Opens a storm with its alert and deliveries; null when another ingest opened one first. */
async function openStorm(
  db: Db,
  orgId: string,
  monitor: { id: string; name: string },
  a: Assessment,
  top: TopPost[],
  now: Date,
): Promise<StormEvent | null> {
  return db.transaction(async (tx) => {
    const [storm] = await tx
      .insert(storms)
      .values({
        orgId,
        monitorId: monitor.id,
        status: 'open',
        openedAt: now,
        lastSurgeAt: now,
        windowCount: a.count,
        expected: a.expected,
        peakCount: a.count,
        mentionCount: a.count,
        negativeShare: a.negativeShare,
        baselineNegativeShare: a.baselineNegativeShare,
        reasons: a.reasons,
        topPosts: top,
        updatedAt: now,
        notifiedCount: a.count,
      })
      .onConflictDoNothing()
      .returning();
    if (!storm) return null;
    const [rule] = await tx.select().from(alertRules).where(eq(alertRules.monitorId, monitor.id));
    // The opening is emailed and posted unless the rule leaves it out (its default includes it).
    const emailOpening = (rule?.emailOn ?? ['opened']).includes('opened');
    const recipients = emailOpening ? (rule?.emailRecipients ?? []) : [];
    const [alert] = await tx
      .insert(stormAlerts)
      .values({
        orgId,
        stormId: storm.id,
        monitorId: monitor.id,
        monitorName: monitor.name,
        count: a.count,
        expected: a.expected,
        negativeShare: a.negativeShare,
        baselineNegativeShare: a.baselineNegativeShare,
        reasons: a.reasons,
        topPosts: top,
        // off: there are recipients, but the rule emails only later in the storm.
        emailStatus: recipients.length ? 'pending' : rule?.emailRecipients.length ? 'off' : 'none',
        emailRecipients: recipients,
        createdAt: now,
      })
      .returning();
    if (recipients.length)
      await enqueue(tx, ALERT_EMAIL_JOB, { alertId: alert!.id }, { orgId, maxAttempts: EMAIL_MAX_ATTEMPTS });
    const hookIds = (rule?.webhookOn ?? ['opened']).includes('opened') ? (rule?.webhookIds ?? []) : [];
    if (hookIds.length) {
      const hooks = await tx
        .select({ id: alertWebhooks.id })
        .from(alertWebhooks)
        .where(
          and(
            eq(alertWebhooks.orgId, orgId),
            eq(alertWebhooks.active, true),
            inArray(alertWebhooks.id, hookIds),
          ),
        );
      const body = webhookBody('storm.opened', { alert: alert!, storm });
      for (const h of hooks) {
        const [d] = await tx
          .insert(webhookDeliveries)
          .values({ orgId, webhookId: h.id, alertId: alert!.id, event: 'storm.opened', body })
          .returning({ id: webhookDeliveries.id });
        await enqueue(
          tx,
          WEBHOOK_DELIVERY_JOB,
          { deliveryId: d!.id },
          { orgId, maxAttempts: WEBHOOK_MAX_ATTEMPTS },
        );
      }
    }
    return eventOf('storm.opened', storm, monitor.name, alert!.id);
  });
}

/**
 * Evaluates the given monitors of an organisation at `now` (the pipeline's clock): opens, grows or closes their
 * storm episodes and publishes the events.
 */
export async function evaluateStorms(
  db: Db,
  orgId: string,
  monitorIds: readonly string[],
  now = new Date(),
): Promise<EvaluateResult> {
  const result: EvaluateResult = { opened: [], updated: [], closed: [] };
  if (monitorIds.length === 0) return result;
  const ids = [...new Set(monitorIds)];
  const rows = await db
    .select({
      id: monitors.id,
      name: monitors.name,
      sensitivity: alertRules.sensitivity,
      emailRecipients: alertRules.emailRecipients,
      webhookIds: alertRules.webhookIds,
      emailOn: alertRules.emailOn,
      webhookOn: alertRules.webhookOn,
    })
    .from(monitors)
    .leftJoin(alertRules, eq(alertRules.monitorId, monitors.id))
    .where(and(eq(monitors.orgId, orgId), sql`${monitors.id} = any(${uuidArray(ids)})`));
  const open = await db
    .select()
    .from(storms)
    .where(
      and(
        eq(storms.orgId, orgId),
        eq(storms.status, 'open'),
        sql`${storms.monitorId} = any(${uuidArray(ids)})`,
      ),
    );
  const openBy = new Map(open.map((s) => [s.monitorId, s]));
  const events: StormEvent[] = [];
  const present = rows.map((r) => r.id);
  if (present.length === 0) return result;
  const counts = await windowCounts(db, present, now);
  const baselines = await baselinesOf(db, present, now);
  for (const m of rows) {
    const thresholds = SENSITIVITY[(m.sensitivity ?? 'normal') as Sensitivity] ?? SENSITIVITY.normal;
    const { count, negatives } = counts.get(m.id) ?? { count: 0, negatives: 0 };
    const current = openBy.get(m.id) ?? null;
    const baseline = baselines.get(m.id)!;
    // Authors and top posts cost two queries: only when a storm would open, when a weighty author could tip a
    // window just under the bar, or when an open storm's picture is older than a minute.
    const plain = assess({ count, negatives, authors: [] }, baseline, thresholds);
    const refresh = current !== null && now.getTime() - current.updatedAt.getTime() >= REFRESH_MS;
    const borderline = !plain.surge && count >= thresholds.minCount && plain.z >= thresholds.z - 1;
    const needPosts =
      (current === null && (plain.surge || borderline)) || (current !== null && plain.surge && refresh);
    const posts = needPosts ? await windowPosts(db, orgId, m.id, now) : [];
    const a = needPosts
      ? assess({ count, negatives, authors: authorsOf(posts) }, baseline, thresholds)
      : plain;
    const step = stormStep(current, a.surge, now);
    if (step === 'open') {
      const event = await openStorm(db, orgId, m, a, topPostsOf(posts), now);
      if (event) {
        events.push(event);
        result.opened.push(event.stormId);
      }
    } else if (
      step === 'update' &&
      current &&
      // Under a steady stream a storm's numbers change with every batch: rewritten (and pushed to the app) at
      // most every few seconds of the pipeline's clock, unless it escalates or its picture is due a refresh.
      (now.getTime() - current.updatedAt.getTime() >= UPDATE_EVERY_MS ||
        escalates(current, a.count, a.surge) ||
        needPosts)
    ) {
      const [mentionsSince] = await queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from mention_matches where monitor_id = ${m.id}::uuid
            and at > ${new Date(current.openedAt.getTime() - WINDOW_MS).toISOString()}::timestamptz
            and at <= ${now.toISOString()}::timestamptz`,
      );
      const rule = ruleOf(m);
      const escalate = escalates(current, a.count, a.surge);
      const webhook = webhookUpdateDue(rule, current, now, escalate);
      const apply = async (h: DbOrTx) => {
        const [row] = await h
          .update(storms)
          .set({
            windowCount: a.count,
            expected: a.expected,
            peakCount: sql`greatest(${storms.peakCount}, ${a.count})`,
            mentionCount: Math.max(current.mentionCount, Number(mentionsSince?.n ?? 0)),
            negativeShare: a.negativeShare,
            ...(a.surge && { lastSurgeAt: now }),
            ...(a.surge &&
              needPosts && {
                reasons: a.reasons,
                topPosts: topPostsOf(posts),
                baselineNegativeShare: a.baselineNegativeShare,
              }),
            updatedAt: now,
          })
          .where(and(eq(storms.id, current.id), eq(storms.status, 'open')))
          .returning();
        return row;
      };
      // Most updates are one statement; an escalation or a due webhook update queues its follow-ups with it.
      const updated =
        escalate || webhook
          ? await db.transaction(async (tx) => {
              const row = await apply(tx);
              if (!row) return row;
              return (await followUpdate(tx, row, current, rule, { escalate, webhook }, now)).storm;
            })
          : await apply(db);
      if (updated) {
        events.push(eventOf('storm.updated', updated, m.name, null));
        result.updated.push(updated.id);
      }
    } else if (step === 'close' && current) {
      const rule = ruleOf(m);
      const closed = await db.transaction(async (tx) => {
        const row = await closeStorm(tx, current.id, now);
        if (row) await followClose(tx, row, rule, now);
        return row;
      });
      if (closed) {
        events.push(eventOf('storm.closed', closed, m.name, null));
        result.closed.push(closed.id);
      }
    }
  }
  for (const e of events) publishStormEvent(e);
  return result;
}

/** The follow-up settings of a monitor's rule, from the row evaluateStorms read (null: no rule). */
function ruleOf(m: {
  emailRecipients: string[] | null;
  webhookIds: string[] | null;
  emailOn: FollowUpRule['emailOn'] | null;
  webhookOn: FollowUpRule['webhookOn'] | null;
}): FollowUpRule | null {
  if (!m.emailOn || !m.webhookOn) return null;
  return {
    emailRecipients: m.emailRecipients ?? [],
    webhookIds: m.webhookIds ?? [],
    emailOn: m.emailOn,
    webhookOn: m.webhookOn,
  };
}

async function closeStorm(db: DbOrTx, stormId: string, now: Date): Promise<StormRow | undefined> {
  const [closed] = await db
    .update(storms)
    .set({ status: 'closed', closedAt: now, updatedAt: now })
    .where(and(eq(storms.id, stormId), eq(storms.status, 'open')))
    .returning();
  return closed;
}

/** Closes every open storm whose surge has not held for QUIET_MS (the sweep when no posts arrive at all). */
export async function closeQuietStorms(db: Db, now = new Date(), quietMs = QUIET_MS): Promise<number> {
  const cutoff = new Date(now.getTime() - quietMs);
  const closed = await db.transaction(async (tx) => {
    const rows = await tx
      .update(storms)
      .set({ status: 'closed', closedAt: now, updatedAt: now })
      .where(and(eq(storms.status, 'open'), lte(storms.lastSurgeAt, cutoff)))
      .returning();
    const rules = await followUpRules(
      tx,
      rows.map((s) => s.monitorId),
    );
    for (const s of rows) await followClose(tx, s, rules.get(s.monitorId) ?? null, now);
    return rows;
  });
  if (closed.length) {
    const names = new Map(
      (
        await db
          .select({ id: monitors.id, name: monitors.name })
          .from(monitors)
          .where(
            inArray(
              monitors.id,
              closed.map((s) => s.monitorId),
            ),
          )
      ).map((m) => [m.id, m.name]),
    );
    for (const s of closed) publishStormEvent(eventOf('storm.closed', s, names.get(s.monitorId) ?? '', null));
  }
  return closed.length;
}

/** Forgets cached baselines (tests that rewrite history; a monitor's query changing). */
export function forgetBaselines(db: object): void {
  baselineCache.delete(db);
}
