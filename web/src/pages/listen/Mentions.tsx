// The mentions stream: newest first, filtered by monitor, source, language, sentiment, time, author and text
// (chips and fields), with "load more" paging.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api.ts';
import { Button, EmptyState, ErrorState, LoadingState } from '../../components/ui.tsx';
import { useApiData } from '../../useApiData.ts';
import { MentionItem } from './parts.tsx';
import {
  LANGUAGES,
  type Language,
  type Mention,
  type MentionPage,
  type Monitor,
  SENTIMENTS,
  type Sentiment,
  SOURCES,
  type Source,
} from './types.ts';

const RANGES = ['24h', '7d', '30d', 'all'] as const;
const RANGE_MS: Record<string, number> = { '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 };

function Chips({
  id,
  name,
  values,
  selected,
  label,
  onToggle,
}: {
  id: string;
  name: string;
  values: readonly string[];
  selected: string[];
  label: (v: string) => string;
  onToggle: (v: string) => void;
}) {
  return (
    <fieldset className="chips">
      <legend className="chips__label">{name}</legend>
      {values.map((v) => {
        const on = selected.includes(v);
        return (
          <button
            key={v}
            type="button"
            className={`chip${on ? ' chip--on' : ''}`}
            aria-pressed={on}
            data-testid={`filter-${id}-${v}`}
            onClick={() => onToggle(v)}
          >
            {label(v)}
          </button>
        );
      })}
    </fieldset>
  );
}

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

export function Mentions() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const monitors = useApiData<{ monitors: Monitor[] }>('/api/monitors');
  const list = (key: string) => (params.get(key) ?? '').split(',').filter(Boolean);
  const sources = list('source');
  const languages = list('lang');
  const sentiments = list('sentiment');
  const range = params.get('range') ?? 'all';
  const monitor = params.get('monitor') ?? '';
  const [author, setAuthor] = useState(params.get('author') ?? '');
  const [text, setText] = useState(params.get('q') ?? '');
  const debouncedAuthor = useDebounced(author, 300);
  const debouncedText = useDebounced(text, 300);

  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const toggle = (key: string, current: string[], v: string) =>
    set(key, (current.includes(v) ? current.filter((x) => x !== v) : [...current, v]).join(','));

  // biome-ignore lint/correctness/useExhaustiveDependencies: set only writes the URL
  useEffect(() => set('author', debouncedAuthor.trim()), [debouncedAuthor]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: set only writes the URL
  useEffect(() => set('q', debouncedText.trim()), [debouncedText]);

  // The time window is fixed when the filters change, so paging does not drift.
  // biome-ignore lint/correctness/useExhaustiveDependencies: recomputed on purpose only when the range changes
  const from = useMemo(
    () => (RANGE_MS[range] ? new Date(Date.now() - RANGE_MS[range]!).toISOString() : ''),
    [range, params],
  );
  const query = new URLSearchParams();
  if (monitor) query.set('monitor', monitor);
  if (sources.length) query.set('source', sources.join(','));
  if (languages.length) query.set('lang', languages.join(','));
  if (sentiments.length) query.set('sentiment', sentiments.join(','));
  if (from) query.set('from', from);
  if (params.get('author')) query.set('author', params.get('author')!);
  if (params.get('q')) query.set('q', params.get('q')!);
  // The CSV export takes the same filters (newest first, up to 50,000 rows).
  const exportHref = `/api/mentions/export.csv?${query.toString()}`;
  query.set('limit', '50');
  const path = `/api/mentions?${query.toString()}`;
  const first = useApiData<MentionPage>(path);
  const [more, setMore] = useState<{ mentions: Mention[]; cursor: string | null }>({
    mentions: [],
    cursor: null,
  });
  const [loadingMore, setLoadingMore] = useState(false);
  useEffect(() => setMore({ mentions: [], cursor: first.data?.nextCursor ?? null }), [first.data]);

  const loadMore = async () => {
    if (!more.cursor) return;
    setLoadingMore(true);
    try {
      const page = await api.get<MentionPage>(`${path}&cursor=${encodeURIComponent(more.cursor)}`);
      setMore((m) => ({ mentions: [...m.mentions, ...page.mentions], cursor: page.nextCursor }));
    } finally {
      setLoadingMore(false);
    }
  };

  const filtered =
    monitor ||
    sources.length ||
    languages.length ||
    sentiments.length ||
    range !== 'all' ||
    params.get('author') ||
    params.get('q');
  // Sentiments set by hand here, shown at once (the next load has them from the server).
  const [edited, setEdited] = useState<Record<string, Mention>>({});
  const all = [...(first.data?.mentions ?? []), ...more.mentions].map((m) => edited[m.id] ?? m);
  const noMonitors = monitors.data && monitors.data.monitors.length === 0;

  return (
    <section className="listen-mentions" data-testid="listen-mentions">
      <div className="filters" data-testid="mention-filters">
        <label className="filters__field">
          <span>{t('listen.filters.monitor')}</span>
          <select
            value={monitor}
            onChange={(e) => set('monitor', e.target.value)}
            data-testid="filter-monitor"
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
          <select
            value={range}
            onChange={(e) => set('range', e.target.value === 'all' ? '' : e.target.value)}
            data-testid="filter-range"
          >
            {RANGES.map((r) => (
              <option key={r} value={r}>
                {t(`listen.filters.ranges.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="filters__field">
          <span>{t('listen.filters.author')}</span>
          <input value={author} onChange={(e) => setAuthor(e.target.value)} data-testid="filter-author" />
        </label>
        <label className="filters__field">
          <span>{t('listen.filters.text')}</span>
          <input
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            data-testid="filter-text"
          />
        </label>
        <Chips
          id="sentiment"
          name={t('listen.filters.sentiment')}
          values={SENTIMENTS}
          selected={sentiments}
          label={(v) => t(`listen.sentiment.${v as Sentiment}`)}
          onToggle={(v) => toggle('sentiment', sentiments, v)}
        />
        <Chips
          id="source"
          name={t('listen.filters.source')}
          values={SOURCES}
          selected={sources}
          label={(v) => t(`listen.sources.${v as Source}`)}
          onToggle={(v) => toggle('source', sources, v)}
        />
        <Chips
          id="lang"
          name={t('listen.filters.language')}
          values={LANGUAGES}
          selected={languages}
          label={(v) => t(`listen.languages.${v as Language}`)}
          onToggle={(v) => toggle('lang', languages, v)}
        />
        <a
          className="btn btn--secondary btn--sm"
          href={exportHref}
          download
          title={t('listen.mentions.exportHint')}
          data-testid="mentions-export"
        >
          {t('listen.mentions.export')}
        </a>
        {filtered && (
          <Button
            size="sm"
            variant="ghost"
            onClick={() => {
              setAuthor('');
              setText('');
              setParams(new URLSearchParams(), { replace: true });
            }}
            data-testid="filter-clear"
          >
            {t('listen.filters.clear')}
          </Button>
        )}
      </div>

      {first.error ? (
        <ErrorState error={first.error} onRetry={first.reload} />
      ) : first.loading && !first.data ? (
        <LoadingState />
      ) : all.length === 0 ? (
        <div data-testid="listen-mentions-empty">
          {filtered ? (
            <EmptyState title={t('listen.mentions.noneFiltered')}>
              {t('listen.mentions.noneFilteredHint')}
            </EmptyState>
          ) : (
            <EmptyState title={t('listen.mentions.empty')}>
              <p>{noMonitors ? t('listen.mentions.emptyNoMonitors') : t('listen.mentions.emptyHint')}</p>
              <p>
                <Link to="/listen/monitors/new">{t('listen.monitors.new')}</Link> ·{' '}
                <Link to="/listen/sources">{t('listen.sourcesPage.add')}</Link>
              </p>
            </EmptyState>
          )}
        </div>
      ) : (
        <>
          <ul className="mention-list" data-testid="mention-list">
            {all.map((m) => (
              <MentionItem
                key={m.id}
                mention={m}
                onChanged={(next) => setEdited((e) => ({ ...e, [next.id]: next }))}
              />
            ))}
          </ul>
          {more.cursor && (
            <Button onClick={loadMore} busy={loadingMore} data-testid="mentions-more">
              {t('listen.mentions.more')}
            </Button>
          )}
        </>
      )}
    </section>
  );
}
