// One monitor: its query and settings, volume and sentiment by hour or day, its newest mentions, and (for
// writers) edit and delete.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api.ts';
import { Button, Card, EmptyState, ErrorState, LoadingState, Notice } from '../../components/ui.tsx';
import { errorText } from '../../errors.ts';
import { useFormat } from '../../format.ts';
import { useApiData } from '../../useApiData.ts';
import { AlertRuleCard } from './AlertSettings.tsx';
import { VolumeChart } from './Chart.tsx';
import { MentionItem, useCanWrite } from './parts.tsx';
import type { Storm, StormAlert } from './StormParts.tsx';
import { StormTimeline } from './StormTimeline.tsx';
import type { MentionPage, Monitor, MonitorStats } from './types.ts';

export function MonitorDetail() {
  const { t } = useTranslation();
  const { monitorId } = useParams();
  const navigate = useNavigate();
  const canWrite = useCanWrite();
  const f = useFormat();
  const [bucket, setBucket] = useState<'hour' | 'day'>('day');
  const monitor = useApiData<Monitor>(`/api/monitors/${monitorId}`);
  const stats = useApiData<MonitorStats>(`/api/monitors/${monitorId}/stats?bucket=${bucket}`);
  const recent = useApiData<MentionPage>(`/api/mentions?monitor=${monitorId}&limit=10`);
  const storms = useApiData<{ storms: Storm[] }>(`/api/monitors/${monitorId}/storms`);
  const alerts = useApiData<{ alerts: StormAlert[] }>(`/api/alerts?monitor=${monitorId}&limit=200`);
  const [deleteError, setDeleteError] = useState<unknown>(null);

  if (monitor.error) return <ErrorState error={monitor.error} onRetry={monitor.reload} />;
  if (!monitor.data) return <LoadingState />;
  const m = monitor.data;
  const hourFmt = new Intl.DateTimeFormat(f.locale, { hour: '2-digit', timeZone: f.timeZone });
  const dayFmt = new Intl.DateTimeFormat(f.locale, { day: 'numeric', month: 'short', timeZone: f.timeZone });
  const formatBucket = (iso: string) => (bucket === 'hour' ? hourFmt : dayFmt).format(new Date(iso));

  const remove = async () => {
    if (!window.confirm(t('listen.monitor.deleteConfirm', { name: m.name }))) return;
    try {
      await api.delete(`/api/monitors/${m.id}`);
      navigate('/listen/monitors');
    } catch (err) {
      setDeleteError(err);
    }
  };

  return (
    <div className="stack" data-testid="monitor-detail">
      <Card
        title={m.name}
        description={m.active ? t('listen.monitors.active') : t('listen.monitors.paused')}
        actions={
          canWrite && (
            <span className="listen-actions">
              <Link
                to={`/listen/monitors/${m.id}/edit`}
                className="btn btn--secondary btn--sm"
                data-testid="monitor-edit"
              >
                {t('listen.monitor.edit')}
              </Link>
              <Button size="sm" variant="danger" onClick={remove} data-testid="monitor-delete">
                {t('listen.monitor.delete')}
              </Button>
            </span>
          )
        }
      >
        <code className="query-code" data-testid="monitor-detail-query">
          {m.query}
        </code>
        <p className="small muted">
          {m.sources.length
            ? m.sources.map((s) => t(`listen.sources.${s}`)).join(', ')
            : t('listen.monitors.allSources')}
          {' · '}
          {m.languages.length ? m.languages.join(', ') : t('listen.monitors.allLanguages')}
          {m.owner && ` · ${t('listen.monitor.owner', { name: m.owner.name })}`}
        </p>
        {deleteError !== null && <Notice tone="error">{errorText(t, deleteError)}</Notice>}
      </Card>

      <Card
        title={t('listen.monitor.chartTitle')}
        actions={
          <select
            value={bucket}
            onChange={(e) => setBucket(e.target.value as 'hour' | 'day')}
            data-testid="monitor-bucket"
            aria-label={t('listen.monitor.bucket')}
          >
            <option value="day">{t('listen.monitor.byDay')}</option>
            <option value="hour">{t('listen.monitor.byHour')}</option>
          </select>
        }
      >
        {stats.error ? (
          <ErrorState error={stats.error} onRetry={stats.reload} />
        ) : !stats.data ? (
          <LoadingState />
        ) : (
          <>
            <p className="chart-totals" data-testid="monitor-totals" data-total={stats.data.totals.total}>
              {t('listen.monitor.totals', {
                total: stats.data.totals.total,
                positive: stats.data.totals.positive,
                neutral: stats.data.totals.neutral,
                negative: stats.data.totals.negative,
              })}
            </p>
            <VolumeChart
              series={stats.data.series}
              label={t('listen.monitor.chartTitle')}
              formatBucket={formatBucket}
              storms={storms.data?.storms}
            />
            <ul className="chart-legend">
              <li className="chart-legend__positive">{t('listen.sentiment.positive')}</li>
              <li className="chart-legend__neutral">{t('listen.sentiment.neutral')}</li>
              <li className="chart-legend__negative">{t('listen.sentiment.negative')}</li>
            </ul>
          </>
        )}
      </Card>

      <StormTimeline monitorId={m.id} storms={storms} alerts={alerts} />

      <AlertRuleCard monitorId={m.id} />

      <Card
        title={t('listen.monitor.recentTitle')}
        actions={
          <Link to={`/listen?monitor=${m.id}`} className="btn btn--ghost btn--sm">
            {t('listen.monitor.allMentions')}
          </Link>
        }
      >
        {recent.data && recent.data.mentions.length === 0 ? (
          <EmptyState title={t('listen.monitor.noMentions')}>{t('listen.monitor.noMentionsHint')}</EmptyState>
        ) : (
          <ul className="mention-list">
            {recent.data?.mentions.map((x) => (
              <MentionItem
                key={x.id}
                mention={x}
                onChanged={() => {
                  // The chart counts it too: both are read again.
                  recent.reload();
                  stats.reload();
                }}
              />
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
