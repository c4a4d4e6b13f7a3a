// The Stories view: clusters of mentions about the same thing, most recently active first, with size,
// sources, languages and a sentiment bar; filters by monitor, time and minimum size; open one for its posts.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { useApiData } from '../../useApiData.ts';
import { LanguageBadge } from './parts.tsx';
import { SentimentBar, type StorySummary } from './StoryParts.tsx';
import type { Monitor } from './types.ts';
import './stories.css';

const RANGES = ['24h', '7d', '30d', 'all'] as const;
const RANGE_MS: Record<string, number> = { '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 };
const SIZES = ['1', '2', '5', '10'] as const;

export function StoryList() {
  const { t } = useTranslation();
  const f = useFormat();
  const [params, setParams] = useSearchParams();
  const monitors = useApiData<{ monitors: Monitor[] }>('/api/monitors');
  const monitor = params.get('monitor') ?? '';
  const range = params.get('range') ?? '7d';
  const minSize = params.get('minSize') ?? '2';
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    next.set(key, value);
    if (!value) next.delete(key);
    setParams(next, { replace: true });
  };
  // The window is fixed when the range changes, so it does not drift while the list is open.
  const from = useMemo(
    () => (RANGE_MS[range] ? new Date(Date.now() - RANGE_MS[range]!).toISOString() : ''),
    [range],
  );
  const q = new URLSearchParams({ minSize, limit: '100' });
  if (monitor) q.set('monitor', monitor);
  if (from) q.set('from', from);
  const list = useApiData<{ stories: StorySummary[] }>(`/api/stories?${q.toString()}`);

  return (
    <section className="listen-stories" data-testid="listen-stories">
      <div className="filters">
        <label className="filters__field">
          <span>{t('listen.filters.monitor')}</span>
          <select
            value={monitor}
            onChange={(e) => set('monitor', e.target.value)}
            data-testid="stories-monitor"
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
          <span>{t('listen.filters.time')}</span>
          <select value={range} onChange={(e) => set('range', e.target.value)} data-testid="stories-range">
            {RANGES.map((r) => (
              <option key={r} value={r}>
                {t(`listen.filters.ranges.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="filters__field">
          <span>{t('listen.stories.minSize')}</span>
          <select
            value={minSize}
            onChange={(e) => set('minSize', e.target.value)}
            data-testid="stories-min-size"
          >
            {SIZES.map((s) => (
              <option key={s} value={s}>
                {t('listen.stories.atLeast', { count: Number(s) })}
              </option>
            ))}
          </select>
        </label>
      </div>
      {list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : !list.data ? (
        <LoadingState />
      ) : list.data.stories.length === 0 ? (
        <EmptyState title={t('listen.stories.empty')}>{t('listen.stories.emptyHint')}</EmptyState>
      ) : (
        <ul className="story-list" data-testid="story-list">
          {list.data.stories.map((s) => (
            <li key={s.id} className="story-card" data-testid={`story-${s.id}`}>
              <Link to={`/listen/stories/${s.id}`} className="story-card__title" data-testid="story-open">
                {s.title || t('listen.stories.untitled')}
              </Link>
              <div className="story-card__meta">
                <span className="story-card__size" data-testid="story-size" data-size={s.size}>
                  {t('listen.stories.posts', { count: s.size })}
                </span>
                {s.sources.map((src) => (
                  <span key={src} className="tag">
                    {t(`listen.sources.${src as 'rss'}`, { defaultValue: src })}
                  </span>
                ))}
                {s.languages.map((l) => (
                  <LanguageBadge key={l} lang={l} />
                ))}
                <SentimentBar mix={s.sentiment} />
                <span className="muted">
                  {s.firstAt === s.lastAt
                    ? f.dateTime(s.lastAt)
                    : t('listen.stories.span', { from: f.dateTime(s.firstAt), to: f.dateTime(s.lastAt) })}
                </span>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
