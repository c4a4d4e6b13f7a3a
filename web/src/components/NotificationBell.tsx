// The bell in the app shell: how many notifications are unread in this organisation, what the latest says, and
// a link to where it is dealt with (a channel that needs reconnecting: Settings → Channels). Opening it marks
// them read. Checked on load, after each navigation and every minute.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';
import { api } from '../api.ts';

/** `GET /api/notifications` (src/notifications/notifications.ts). */
interface Listed {
  unread: number;
  notifications: { id: string; kind: string; payload: Record<string, unknown>; readAt: string | null }[];
}

const POLL_MS = 60_000;

function BellIcon({ size = 17 }: { size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

export function NotificationBell() {
  const { t } = useTranslation();
  const location = useLocation();
  const [state, setState] = useState<Listed>({ unread: 0, notifications: [] });

  const load = useCallback((signal?: AbortSignal) => {
    api
      .get<Listed>('/api/notifications?unread=true&limit=5', signal ? { signal } : undefined)
      .then(setState)
      // The bell is a hint: when it cannot load, it stays quiet rather than breaking the page.
      .catch(() => {});
  }, []);

  useEffect(() => {
    void location.pathname;
    const controller = new AbortController();
    load(controller.signal);
    const timer = setInterval(() => load(), POLL_MS);
    return () => {
      controller.abort();
      clearInterval(timer);
    };
  }, [load, location.pathname]);

  const latest = state.notifications[0];
  const latestText =
    latest?.kind === 'channel.reconnect_needed'
      ? t('notifications.reconnect', { handle: String(latest.payload.handle ?? '') })
      : undefined;
  const label =
    state.unread === 0
      ? t('notifications.none')
      : [t('notifications.unread', { count: state.unread }), latestText].filter(Boolean).join(': ');

  return (
    <Link
      to="/settings#channels"
      className="icon-button bell"
      data-testid="notification-bell"
      aria-label={label}
      title={label}
      onClick={() => {
        if (state.unread === 0) return;
        setState({ unread: 0, notifications: [] });
        void api
          .post('/api/notifications/read-all', { kinds: ['channel.reconnect_needed'] })
          .catch(() => load());
      }}
    >
      <BellIcon />
      {state.unread > 0 && (
        <span className="bell__count" data-testid="notification-count">
          {state.unread > 99 ? '99+' : state.unread}
        </span>
      )}
    </Link>
  );
}
