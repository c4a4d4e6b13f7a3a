// Alerts: every storm alert, newest first, with what (the monitor), how big, why (the reasons) and the top posts;
// one alert in full with its email and webhook deliveries. New storms arrive live over SSE.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { Card, EmptyState, ErrorState, LoadingState, Notice } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { useApiData } from '../../useApiData.ts';
import { ReasonList, type StormAlert, TopPosts, useLiveRefused, useStormEvents } from './StormParts.tsx';
import { useEventLabel } from './WebhookRow.tsx';

function AlertSummary({ alert }: { alert: StormAlert }) {
  const { t } = useTranslation();
  const f = useFormat();
  const open = alert.storm?.status === 'open';
  return (
    <>
      <p className="alert-size" data-testid="alert-size">
        {t('listen.alerts.size', {
          n: alert.count,
          expected: alert.expected.toFixed(1),
          negative: Math.round(alert.negativeShare * 100),
          base: Math.round(alert.baselineNegativeShare * 100),
        })}
      </p>
      <p className="small muted">
        <span
          className={`storm-status storm-status--${open ? 'open' : 'closed'}`}
          data-testid="alert-storm-status"
        >
          {open ? t('listen.alerts.ongoing') : t('listen.alerts.over')}
        </span>{' '}
        {alert.storm &&
          t('listen.alerts.growth', { peak: alert.storm.peakCount, total: alert.storm.mentionCount })}
        {alert.storm?.closedAt &&
          ` · ${t('listen.alerts.closedAt', { at: f.dateTime(alert.storm.closedAt) })}`}
        {(alert.escalations ?? 0) > 0 && (
          <span data-testid="alert-escalations">
            {' · '}
            {t('listen.alerts.escalations', { count: alert.escalations })}
          </span>
        )}
      </p>
      <h3 className="alert-why">{t('listen.alerts.why')}</h3>
      <ReasonList reasons={alert.reasons} />
    </>
  );
}

export function AlertList() {
  const { t } = useTranslation();
  const f = useFormat();
  const alerts = useApiData<{ alerts: StormAlert[] }>('/api/alerts?limit=100');
  const reload = alerts.reload;
  const onEvent = useCallback(() => reload(), [reload]);
  useStormEvents(onEvent);
  const liveRefused = useLiveRefused();
  if (alerts.error) return <ErrorState error={alerts.error} onRetry={alerts.reload} />;
  if (!alerts.data) return <LoadingState />;
  return (
    <div className="stack" data-testid="alert-list">
      {liveRefused && (
        <Notice tone="error">
          <span data-testid="alert-live-off">{t('listen.alerts.liveOff')}</span>
        </Notice>
      )}
      <p className="listen-actions">
        <Link
          to="/listen/alerts/settings"
          className="btn btn--secondary btn--sm"
          data-testid="alert-settings-link"
        >
          {t('listen.alerts.settingsLink')}
        </Link>
      </p>
      {alerts.data.alerts.length === 0 ? (
        <EmptyState title={t('listen.alerts.empty')}>{t('listen.alerts.emptyHint')}</EmptyState>
      ) : (
        alerts.data.alerts.map((a) => (
          <Card
            key={a.id}
            title={
              <Link to={`/listen/alerts/${a.id}`} data-testid="alert-item-link">
                {t('listen.alerts.itemTitle', { monitor: a.monitorName })}
              </Link>
            }
            description={f.dateTime(a.createdAt)}
          >
            <div data-testid="alert-item" data-alert={a.id}>
              <AlertSummary alert={a} />
              <TopPosts posts={a.topPosts.slice(0, 3)} />
            </div>
          </Card>
        ))
      )}
    </div>
  );
}

export function AlertDetail() {
  const { t } = useTranslation();
  const f = useFormat();
  const { alertId } = useParams();
  const label = useEventLabel();
  const alert = useApiData<StormAlert>(`/api/alerts/${alertId}`);
  if (alert.error) return <ErrorState error={alert.error} onRetry={alert.reload} />;
  if (!alert.data) return <LoadingState />;
  const a = alert.data;
  return (
    <div className="stack" data-testid="alert-detail">
      <Card
        title={t('listen.alerts.itemTitle', { monitor: a.monitorName })}
        description={f.dateTime(a.createdAt)}
        actions={
          <Link to={`/listen/monitors/${a.monitorId}`} className="btn btn--ghost btn--sm">
            {t('listen.alerts.toMonitor')}
          </Link>
        }
      >
        <AlertSummary alert={a} />
      </Card>
      <Card title={t('listen.alerts.topPosts')}>
        <TopPosts posts={a.topPosts} />
      </Card>
      <Card title={t('listen.alerts.deliveries')}>
        <ul className="delivery-list" data-testid="alert-deliveries">
          <li data-testid="alert-email-status" data-status={a.emailStatus}>
            {t(`listen.alerts.email.${a.emailStatus}`, { recipients: a.emailRecipients.join(', ') })}
            {a.emailError && <span className="small muted"> — {a.emailError}</span>}
          </li>
          {(a.notices ?? []).map((n) => (
            <li key={n.id} data-testid="alert-notice" data-kind={n.kind} data-status={n.emailStatus}>
              {f.dateTime(n.createdAt)}:{' '}
              {n.kind === 'escalated'
                ? t('listen.alerts.noticeEscalated', { n: n.windowCount, from: n.previousCount ?? '?' })
                : t('listen.alerts.noticeClosed', { peak: n.peakCount, total: n.mentionCount })}{' '}
              {t(`listen.alerts.email.${n.emailStatus}`, { recipients: n.emailRecipients.join(', ') })}
              {n.emailError && <span className="small muted"> — {n.emailError}</span>}
            </li>
          ))}
          {(a.deliveries ?? []).map((d) => (
            <li key={d.id} data-status={d.status} data-event={d.event}>
              {t('listen.alerts.webhookDelivery', {
                name: d.webhookName,
                status: t(`listen.alerts.deliveryStatus.${d.status}`, { defaultValue: d.status }),
                attempts: d.attempts,
              })}
              {d.lastStatusCode !== null && ` (HTTP ${d.lastStatusCode})`}
              {d.event && <span className="small muted"> · {label(d.event)}</span>}
              {d.lastError && d.status !== 'delivered' && (
                <span className="small muted"> — {d.lastError}</span>
              )}
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
