// One author: the influence score with its explanation (each part in words with its points), the relevant
// authors who engaged with them and how, the monitors their mentions match, and their latest mentions
// (each leading to its story). /listen/authors/by/:source/:handle finds the author of a mention first.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api.ts';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { useApiData } from '../../useApiData.ts';
import { type AuthorDetailData, type AuthorSummary, PartText } from './AuthorParts.tsx';
import { LanguageBadge, SentimentBadge } from './parts.tsx';
import './stories.css';

export function AuthorDetail() {
  const { t } = useTranslation();
  const f = useFormat();
  const { authorId } = useParams();
  const author = useApiData<AuthorDetailData>(`/api/authors/${authorId}`);
  if (author.error) return <ErrorState error={author.error} onRetry={author.reload} />;
  if (!author.data) return <LoadingState />;
  const a = author.data;
  return (
    <section className="author-detail" data-testid="author-detail">
      <p>
        <Link to="/listen/authors">← {t('listen.authors.back')}</Link>
      </p>
      <div className="author-detail__head">
        <span className="author-score author-score--big" data-testid="author-score">
          {f.number(Math.round(a.score))}
        </span>
        <div>
          <h2 data-testid="author-name">{a.display}</h2>
          <p className="muted">
            <span className="tag">
              {t(`listen.sources.${a.source as 'rss'}`, { defaultValue: a.source })}
            </span>{' '}
            {a.followers != null &&
              t('listen.authors.followers', { count: a.followers, formatted: f.number(a.followers) })}
          </p>
        </div>
      </div>
      <h3>{t('listen.authors.why')}</h3>
      {a.parts.length === 0 ? (
        <p className="muted" data-testid="author-explanation">
          {a.computedAt ? t('listen.authors.nothingYet') : t('listen.authors.notScored')}
        </p>
      ) : (
        <ul className="author-parts" data-testid="author-explanation">
          {a.parts.map((p) => (
            <li key={p.key}>
              <PartText part={p} />
              <span className="author-parts__points">
                {t('listen.authors.points', { points: f.number(p.points) })}
              </span>
            </li>
          ))}
        </ul>
      )}
      <p className="muted">{t('listen.authors.how')}</p>
      {a.engagedBy.length > 0 && (
        <>
          <h3>{t('listen.authors.engagedBy')}</h3>
          <ul className="author-engagers" data-testid="author-engagers">
            {a.engagedBy.map((e) => (
              <li key={e.id}>
                <Link to={`/listen/authors/${e.id}`}>{e.display}</Link>{' '}
                <span className="muted">
                  {e.kinds.map((k) => t(`listen.authors.kinds.${k as 'reply'}`)).join(', ')}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
      {a.monitors.length > 0 && (
        <>
          <h3>{t('listen.authors.monitors')}</h3>
          <ul className="story-counts">
            {a.monitors.map((m) => (
              <li key={m.id}>
                <Link to={`/listen/monitors/${m.id}`}>{m.name}</Link> {f.number(m.count)}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>{t('listen.authors.mentions')}</h3>
      {a.mentions.length === 0 ? (
        <EmptyState title={t('listen.authors.noMentions')} />
      ) : (
        <ul className="mention-list" data-testid="author-mentions">
          {a.mentions.map((m) => (
            <li key={m.id} className="mention">
              <div className="mention__meta">
                <SentimentBadge sentiment={m.sentiment} />
                <LanguageBadge lang={m.lang} />
                <time dateTime={m.at} className="muted">
                  {f.dateTime(m.at)}
                </time>
                <Link to={`/listen/stories/${m.storyId}`}>{t('listen.authors.story')}</Link>
              </div>
              {m.title && <p className="mention__title">{m.title}</p>}
              <p className="mention__text">{m.text.length > 400 ? `${m.text.slice(0, 399)}…` : m.text}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Finds the author of a mention by source and name, then shows their Author view. */
export function AuthorByHandle() {
  const { t } = useTranslation();
  const { source, handle } = useParams();
  const navigate = useNavigate();
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    const q = new URLSearchParams({ source: source ?? '', handle: handle ?? '', limit: '1' });
    api
      .get<{ authors: AuthorSummary[] }>(`/api/authors?${q.toString()}`)
      .then((r) => {
        if (r.authors[0]) navigate(`/listen/authors/${r.authors[0].id}`, { replace: true });
        else setMissing(true);
      })
      .catch(setError);
  }, [source, handle, navigate]);
  if (error) return <ErrorState error={error} />;
  if (missing)
    return <EmptyState title={t('listen.authors.unknown')}>{t('listen.authors.unknownHint')}</EmptyState>;
  return <LoadingState />;
}
