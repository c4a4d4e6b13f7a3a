// What a webhook receives and how it is signed. The body is fixed when the delivery is created, so every retry
// sends the same bytes; the signature covers `<timestamp>.<body>` with HMAC-SHA256 under the webhook's secret:
//   X-Stemme-Signature: t=<unix seconds>,v1=<hex>
// A receiver recomputes it over the raw body and refuses old timestamps (replays).
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { StormAlertRow, StormRow } from '../storms/schema.ts';

export const SIGNATURE_HEADER = 'x-stemme-signature';
export const EVENT_HEADER = 'x-stemme-event';
export const DELIVERY_HEADER = 'x-stemme-delivery';

export function webhookBody(
  event: 'storm.opened' | 'webhook.test',
  data: { alert?: StormAlertRow; storm?: StormRow; webhook?: { id: string; name: string } },
): string {
  const { alert, storm } = data;
  return JSON.stringify({
    event,
    ...(alert &&
      storm && {
        alert: {
          id: alert.id,
          at: alert.createdAt.toISOString(),
          monitor: { id: alert.monitorId, name: alert.monitorName },
          storm: { id: storm.id, openedAt: storm.openedAt.toISOString() },
          count: alert.count,
          expected: Math.round(alert.expected * 100) / 100,
          negativeShare: Math.round(alert.negativeShare * 100) / 100,
          baselineNegativeShare: Math.round(alert.baselineNegativeShare * 100) / 100,
          reasons: alert.reasons,
          topPosts: alert.topPosts,
        },
      }),
    ...(data.webhook && { webhook: data.webhook, message: 'Test delivery from Stemme' }),
  });
}

/**
 * The body of storm.updated and storm.closed: the storm as it is now (size, peak, total, negative share, how often
 * it escalated and whether this update is an escalation), with the alert it belongs to.
 */
export function stormEventBody(
  event: 'storm.updated' | 'storm.closed',
  d: { storm: StormRow; alertId: string; monitorName: string; escalated: boolean },
): string {
  const s = d.storm;
  const r2 = (x: number) => Math.round(x * 100) / 100;
  return JSON.stringify({
    event,
    storm: {
      id: s.id,
      alertId: d.alertId,
      monitor: { id: s.monitorId, name: d.monitorName },
      status: s.status,
      openedAt: s.openedAt.toISOString(),
      updatedAt: s.updatedAt.toISOString(),
      closedAt: s.closedAt?.toISOString() ?? null,
      windowCount: s.windowCount,
      expected: r2(s.expected),
      peakCount: s.peakCount,
      mentionCount: s.mentionCount,
      negativeShare: r2(s.negativeShare),
      escalations: s.escalations,
      escalated: d.escalated,
      reasons: s.reasons,
      topPosts: s.topPosts,
    },
  });
}

export function sign(secret: string, body: string, timestamp: number): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

/** Checks a signature header against the raw body; `toleranceS` bounds the timestamp's age. */
export function verify(
  secret: string,
  body: string,
  header: string | undefined,
  nowS = Math.floor(Date.now() / 1000),
  toleranceS = 300,
): boolean {
  if (!header) return false;
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(nowS - t) > toleranceS || !parts.v1) return false;
  const expected = Buffer.from(sign(secret, body, t).split('v1=')[1]!, 'hex');
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
