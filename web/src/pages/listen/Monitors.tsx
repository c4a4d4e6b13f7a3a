// The monitors list: name, query, what it listens to, recent matches, on/off; links to the editor and charts.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui.tsx';
import { useApiData } from '../../useApiData.ts';
import { useCanWrite } from './parts.tsx';
import type { Monitor } from './types.ts';

export function Monitors() {
  const { t } = useTranslation();
  const canWrite = useCanWrite();
  const { data, error, loading, reload } = useApiData<{ monitors: Monitor[] }>('/api/monitors');
  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (loading || !data) return <LoadingState />;
  return (
    <section data-testid="listen-monitors">
      <div className="listen-toolbar">
        <p className="muted">{t('listen.monitors.intro')}</p>
        {canWrite && (
          <Link to="/listen/monitors/new" className="btn btn--primary" data-testid="monitor-new">
            {t('listen.monitors.new')}
          </Link>
        )}
      </div>
      {data.monitors.length === 0 ? (
        <div data-testid="monitors-empty">
          <EmptyState title={t('listen.monitors.empty')}>
            {canWrite ? t('listen.monitors.emptyHint') : t('listen.monitors.emptyHintReader')}
          </EmptyState>
        </div>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>{t('listen.monitors.name')}</th>
                <th>{t('listen.monitors.query')}</th>
                <th>{t('listen.monitors.listensTo')}</th>
                <th>{t('listen.monitors.recent')}</th>
                <th>{t('listen.monitors.state')}</th>
              </tr>
            </thead>
            <tbody>
              {data.monitors.map((m) => (
                <tr key={m.id} data-testid={`monitor-row-${m.id}`}>
                  <td>
                    <Link to={`/listen/monitors/${m.id}`}>{m.name}</Link>
                  </td>
                  <td>
                    <code className="query-code">{m.query}</code>
                  </td>
                  <td className="small">
                    {m.sources.length
                      ? m.sources.map((s) => t(`listen.sources.${s}`)).join(', ')
                      : t('listen.monitors.allSources')}
                    {' · '}
                    {m.languages.length ? m.languages.join(', ') : t('listen.monitors.allLanguages')}
                  </td>
                  <td data-testid="monitor-recent">{m.recentMatches}</td>
                  <td>{m.active ? t('listen.monitors.active') : t('listen.monitors.paused')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
