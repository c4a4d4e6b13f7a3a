// Shared pieces of storms and alerts: their types, the reasons as sentences, the top posts, and the live
// stream (GET /api/listening/events as an EventSource) with the toast it raises when a storm opens.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useFormat } from '../../format.ts';
import { SentimentBadge } from './parts.tsx';
import type { Sentiment } from './types.ts';

export type StormReason =
  | { kind: 'volume'; count: number; expected: number; ratio: number; z: number }
  | { kind: 'negative'; share: number; baselineShare: number; negatives: number }
  | { kind: 'influential'; authors: { name: string; weight: number }[] };

export interface TopPost {
  mentionId: string;
  source: string;
  author: string | null;
  text: string;
  url: string | null;
  sentiment: Sentiment;
  at: string;
  authorWeight: number;
}

export interface StormAlert {
  id: string;
  stormId: string;
  monitorId: string;
  monitorName: string;
  count: number;
  expected: number;
  negativeShare: number;
  baselineNegativeShare: number;
  reasons: StormReason[];
  topPosts: TopPost[];
  emailStatus: 'none' | 'off' | 'pending' | 'sent' | 'failed' | 'unconfigured';
  emailError: string | null;
  emailRecipients: string[];
  createdAt: string;
  storm: {
    status: 'open' | 'closed';
    closedAt: string | null;
    peakCount: number;
    mentionCount: number;
  } | null;
  escalations?: number;
  notices?: {
    id: string;
    kind: 'escalated' | 'closed';
    windowCount: number;
    previousCount: number | null;
    peakCount: number;
    mentionCount: number;
    emailRecipients: string[];
    emailStatus: 'pending' | 'sent' | 'failed' | 'unconfigured';
    emailError: string | null;
    createdAt: string;
  }[];
  deliveries?: {
    id: string;
    event?: string;
    webhookName: string;
    status: string;
    attempts: number;
    lastStatusCode: number | null;
    lastError: string | null;
  }[];
}

export interface Storm {
  id: string;
  monitorId: string;
  status: 'open' | 'closed';
  openedAt: string;
  closedAt: string | null;
  lastSurgeAt: string;
  windowCount: number;
  expected: number;
  peakCount: number;
  mentionCount: number;
  negativeShare: number;
  reasons: StormReason[];
}

export interface StormEvent {
  type: 'storm.opened' | 'storm.updated' | 'storm.closed';
  stormId: string;
  alertId: string | null;
  monitorId: string;
  monitorName: string;
  status: 'open' | 'closed';
  windowCount: number;
  expected: number;
  negativeShare: number;
  openedAt: string;
  closedAt: string | null;
}

const pct = (x: number) => Math.round(x * 100);

export function ReasonList({ reasons }: { reasons: StormReason[] }) {
  const { t } = useTranslation();
  return (
    <ul className="storm-reasons" data-testid="storm-reasons">
      {reasons.map((r) => (
        <li key={r.kind} data-reason={r.kind}>
          {r.kind === 'volume'
            ? t('listen.alerts.reason.volume', {
                n: r.count,
                expected: r.expected.toFixed(1),
                ratio: r.ratio,
              })
            : r.kind === 'negative'
              ? t('listen.alerts.reason.negative', { share: pct(r.share), base: pct(r.baselineShare) })
              : t('listen.alerts.reason.influential', { names: r.authors.map((a) => a.name).join(', ') })}
        </li>
      ))}
    </ul>
  );
}

export function TopPosts({ posts }: { posts: TopPost[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (posts.length === 0) return null;
  return (
    <ol className="storm-top" data-testid="storm-top-posts">
      {posts.map((p) => (
        <li key={p.mentionId}>
          <p className="storm-top__text">{p.text}</p>
          <p className="small muted">
            <SentimentBadge sentiment={p.sentiment} /> {p.author ?? t('listen.alerts.unknownAuthor')} ·{' '}
            {t(`listen.sources.${p.source}`, { defaultValue: p.source })} · {f.dateTime(p.at)}
            {p.url && (
              <>
                {' · '}
                <a href={p.url} target="_blank" rel="noreferrer noopener">
                  {t('listen.alerts.openPost')}
                </a>
              </>
            )}
          </p>
        </li>
      ))}
    </ol>
  );
}

// One EventSource for every subscriber on the page: browsers allow few connections per host, and each stream
// holds one open.
const listeners = new Set<(e: StormEvent) => void>();
let source: EventSource | null = null;
// The server refuses a stream over the per-person limit (429); EventSource then gives up for good.
let refused = false;
const refusalListeners = new Set<() => void>();

function dispatch(msg: MessageEvent) {
  let event: StormEvent;
  try {
    event = JSON.parse(msg.data) as StormEvent;
  } catch {
    return;
  }
  for (const l of listeners) l(event);
}

/** Storm events of the organisation as they happen; reconnects on its own (EventSource). */
export function useStormEvents(onEvent: (e: StormEvent) => void): void {
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    listeners.add(onEvent);
    if (!source) {
      source = new EventSource('/api/listening/events', { withCredentials: true });
      refused = false;
      const own = source;
      own.onerror = () => {
        if (own.readyState !== EventSource.CLOSED) return;
        refused = true;
        for (const l of refusalListeners) l();
      };
      own.onopen = () => {
        refused = false;
      };
      for (const type of ['storm.opened', 'storm.updated', 'storm.closed'])
        source.addEventListener(type, dispatch as EventListener);
    }
    return () => {
      listeners.delete(onEvent);
      if (listeners.size === 0 && source) {
        source.close();
        source = null;
      }
    };
  }, [onEvent]);
}

/** True when this tab's live stream was refused (too many open at once) and will not reconnect by itself. */
export function useLiveRefused(): boolean {
  const [value, setValue] = useState(refused);
  useEffect(() => {
    const l = () => setValue(true);
    refusalListeners.add(l);
    setValue(refused);
    return () => {
      refusalListeners.delete(l);
    };
  }, []);
  return value;
}

/** The live banner: a storm that opens while the Listen area is open says so at once. */
export function StormToast() {
  const { t } = useTranslation();
  const [shown, setShown] = useState<StormEvent[]>([]);
  const [handler] = useState(() => (e: StormEvent) => {
    if (e.type !== 'storm.opened') return;
    setShown((list) => (list.some((x) => x.stormId === e.stormId) ? list : [e, ...list].slice(0, 3)));
  });
  useStormEvents(handler);
  if (shown.length === 0) return null;
  return (
    <div className="storm-toasts" role="status" aria-live="assertive">
      {shown.map((e) => (
        <div key={e.stormId} className="storm-toast" data-testid="storm-toast" data-storm={e.stormId}>
          <strong>{t('listen.alerts.toastTitle', { monitor: e.monitorName })}</strong>
          <span>
            {t('listen.alerts.toastBody', {
              n: e.windowCount,
              expected: e.expected.toFixed(1),
              negative: pct(e.negativeShare),
            })}
          </span>
          <span className="storm-toast__actions">
            {e.alertId && (
              <Link to={`/listen/alerts/${e.alertId}`} data-testid="storm-toast-open">
                {t('listen.alerts.toastOpen')}
              </Link>
            )}
            <button
              type="button"
              className="btn btn--ghost btn--sm"
              onClick={() => setShown((list) => list.filter((x) => x.stormId !== e.stormId))}
            >
              {t('listen.alerts.dismiss')}
            </button>
          </span>
        </div>
      ))}
    </div>
  );
}
