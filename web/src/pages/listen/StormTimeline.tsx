// A monitor's storm timeline: each episode with when it opened and closed, how big it grew and why it counted,
// linked to its alert. The monitor's chart marks the same episodes.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { Card, EmptyState, ErrorState, LoadingState } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import type { ApiData } from '../../useApiData.ts';
import { ReasonList, type Storm, type StormAlert, useStormEvents } from './StormParts.tsx';

export function StormTimeline({
  monitorId,
  storms,
  alerts,
}: {
  monitorId: string;
  storms: ApiData<{ storms: Storm[] }>;
  alerts: ApiData<{ alerts: StormAlert[] }>;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const reloadStorms = storms.reload;
  const reloadAlerts = alerts.reload;
  const onEvent = useCallback(
    (e: { monitorId: string }) => {
      if (e.monitorId !== monitorId) return;
      reloadStorms();
      reloadAlerts();
    },
    [monitorId, reloadStorms, reloadAlerts],
  );
  useStormEvents(onEvent);
  const alertOf = new Map((alerts.data?.alerts ?? []).map((a) => [a.stormId, a.id]));
  return (
    <Card title={t('listen.storms.title')} description={t('listen.storms.help')}>
      {storms.error ? (
        <ErrorState error={storms.error} onRetry={storms.reload} />
      ) : !storms.data ? (
        <LoadingState />
      ) : storms.data.storms.length === 0 ? (
        <EmptyState title={t('listen.storms.empty')}>{t('listen.storms.emptyHint')}</EmptyState>
      ) : (
        <ol className="storm-timeline" data-testid="storm-timeline">
          {storms.data.storms.map((s) => {
            const alertId = alertOf.get(s.id);
            return (
              <li
                key={s.id}
                className={`storm-episode storm-episode--${s.status}`}
                data-testid="storm-episode"
              >
                <p>
                  <strong>
                    {s.status === 'open'
                      ? t('listen.storms.openSince', { at: f.dateTime(s.openedAt) })
                      : t('listen.storms.between', {
                          from: f.dateTime(s.openedAt),
                          to: f.dateTime(s.closedAt),
                        })}
                  </strong>
                </p>
                <p className="small">
                  {t('listen.storms.figures', {
                    peak: s.peakCount,
                    total: s.mentionCount,
                    negative: Math.round(s.negativeShare * 100),
                  })}
                  {alertId && (
                    <>
                      {' · '}
                      <Link to={`/listen/alerts/${alertId}`}>{t('listen.storms.toAlert')}</Link>
                    </>
                  )}
                </p>
                <ReasonList reasons={s.reasons} />
              </li>
            );
          })}
        </ol>
      )}
    </Card>
  );
}
