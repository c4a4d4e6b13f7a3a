// Authors by influence: who the relevant people around the organisation's topics are, by the engagement
// other relevant authors give them (not their follower count), filtered by monitor and source.
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { useApiData } from '../../useApiData.ts';
import { type AuthorSummary, PartText } from './AuthorParts.tsx';
import { type Monitor, SOURCES } from './types.ts';
import './stories.css';

export function AuthorList() {
  const { t } = useTranslation();
  const f = useFormat();
  const [params, setParams] = useSearchParams();
  const monitors = useApiData<{ monitors: Monitor[] }>('/api/monitors');
  const monitor = params.get('monitor') ?? '';
  const source = params.get('source') ?? '';
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    next.set(key, value);
    if (!value) next.delete(key);
    setParams(next, { replace: true });
  };
  const q = new URLSearchParams({ limit: '100' });
  if (monitor) q.set('monitor', monitor);
  if (source) q.set('source', source);
  const list = useApiData<{ authors: AuthorSummary[] }>(`/api/authors?${q.toString()}`);
  return (
    <section className="listen-authors" data-testid="listen-authors">
      <p className="muted">{t('listen.authors.intro')}</p>
      <div className="filters">
        <label className="filters__field">
          <span>{t('listen.filters.monitor')}</span>
          <select
            value={monitor}
            onChange={(e) => set('monitor', e.target.value)}
            data-testid="authors-monitor"
          >
            <option value="">{t('listen.filters.allMonitors')}</option>
            {monitors.data?.monitors.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <label className="filters__field">
          <span>{t('listen.filters.source')}</span>
          <select value={source} onChange={(e) => set('source', e.target.value)} data-testid="authors-source">
            <option value="">{t('listen.authors.allSources')}</option>
            {SOURCES.map((s) => (
              <option key={s} value={s}>
                {t(`listen.sources.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : !list.data ? (
        <LoadingState />
      ) : list.data.authors.length === 0 ? (
        <EmptyState title={t('listen.authors.empty')}>{t('listen.authors.emptyHint')}</EmptyState>
      ) : (
        <ol className="author-list" data-testid="author-list">
          {list.data.authors.map((a) => (
            <li key={a.id} className="author-card" data-testid={`author-${a.id}`}>
              <span className="author-score" data-testid="author-score">
                {f.number(Math.round(a.score))}
              </span>
              <div>
                <Link to={`/listen/authors/${a.id}`} className="author-card__name">
                  {a.display}
                </Link>{' '}
                <span className="tag">
                  {t(`listen.sources.${a.source as 'rss'}`, { defaultValue: a.source })}
                </span>
                <p className="muted author-card__why">
                  {a.parts.length === 0
                    ? t('listen.authors.notScored')
                    : a.parts
                        .filter((p) => p.key !== 'followers' && p.key !== 'activity')
                        .map((p, i) => (
                          <span key={p.key}>
                            {i > 0 && ' · '}
                            <PartText part={p} />
                          </span>
                        ))}
                </p>
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
