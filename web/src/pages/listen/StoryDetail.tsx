// One story: its title, size, sources, languages, sentiment over time and its posts (oldest first, the most
// central one marked), each author linking to their Author view.
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { useApiData } from '../../useApiData.ts';
import { LanguageBadge, MentionSentiment } from './parts.tsx';
import { AuthorLink, SentimentBar, type StoryDetailData } from './StoryParts.tsx';
import './stories.css';

export function StoryDetail() {
  const { t } = useTranslation();
  const f = useFormat();
  const { storyId } = useParams();
  const story = useApiData<StoryDetailData>(`/api/stories/${storyId}`);
  if (story.error) return <ErrorState error={story.error} onRetry={story.reload} />;
  if (!story.data) return <LoadingState />;
  const s = story.data;
  const max = Math.max(1, ...s.series.map((b) => b.positive + b.neutral + b.negative));
  return (
    <section className="story-detail" data-testid="story-detail">
      <p>
        <Link to="/listen/stories">← {t('listen.stories.back')}</Link>
      </p>
      <h2 className="story-detail__title" data-testid="story-title">
        {s.title || t('listen.stories.untitled')}
      </h2>
      <div className="story-card__meta">
        <span className="story-card__size" data-testid="story-size" data-size={s.size}>
          {t('listen.stories.posts', { count: s.size })}
        </span>
        <SentimentBar mix={s.sentiment} />
        <span className="muted">
          {t('listen.stories.span', { from: f.dateTime(s.firstAt), to: f.dateTime(s.lastAt) })}
        </span>
      </div>
      <div className="story-detail__facts">
        <div>
          <h3>{t('listen.stories.sources')}</h3>
          <ul className="story-counts" data-testid="story-sources">
            {s.bySource.map((b) => (
              <li key={b.source}>
                <span className="tag">
                  {t(`listen.sources.${b.source as 'rss'}`, { defaultValue: b.source })}
                </span>{' '}
                {f.number(b.count)}
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h3>{t('listen.stories.languages')}</h3>
          <ul className="story-counts" data-testid="story-languages">
            {s.byLanguage.map((b) => (
              <li key={b.lang}>
                <LanguageBadge lang={b.lang} /> {f.number(b.count)}
              </li>
            ))}
          </ul>
        </div>
        <div className="story-detail__chart">
          <h3>{t(`listen.stories.overTime.${s.bucket}`)}</h3>
          <div className="story-timeline" data-testid="story-timeline">
            {s.series.map((b) => {
              const total = b.positive + b.neutral + b.negative;
              return (
                <div key={b.start} className="story-timeline__col" title={`${f.dateTime(b.start)}: ${total}`}>
                  <div className="story-timeline__bar" style={{ height: `${(100 * total) / max}%` }}>
                    {(['negative', 'neutral', 'positive'] as const).map((k) =>
                      b[k] > 0 ? (
                        <span
                          key={k}
                          className={`sentiment-bar__part--${k}`}
                          style={{ height: `${(100 * b[k]) / total}%` }}
                        />
                      ) : null,
                    )}
                  </div>
                </div>
              );
            })}
          </div>
        </div>
      </div>
      <h3>{t('listen.stories.postsTitle')}</h3>
      {s.posts.length === 0 ? (
        <EmptyState title={t('listen.stories.noPosts')} />
      ) : (
        <ul className="mention-list" data-testid="story-posts">
          {s.posts.map((p) => (
            <li
              key={p.id}
              className={`mention${p.central ? ' mention--central' : ''}`}
              data-testid={`story-post-${p.id}`}
            >
              <div className="mention__meta">
                {/* An editor sets a post's sentiment here too; the story's mix and chart are read again. */}
                <MentionSentiment mention={p} onChanged={() => story.reload()} />
                <LanguageBadge lang={p.lang} />
                <span className="tag">
                  {t(`listen.sources.${p.source as 'rss'}`, { defaultValue: p.source })}
                </span>
                {p.author && <AuthorLink source={p.source} author={p.author} />}
                <time dateTime={p.at} className="muted">
                  {f.dateTime(p.at)}
                </time>
                {p.central && <span className="tag tag--central">{t('listen.stories.central')}</span>}
              </div>
              {p.title && <p className="mention__title">{p.title}</p>}
              <p className="mention__text">{p.text.length > 400 ? `${p.text.slice(0, 399)}…` : p.text}</p>
              {p.url && (
                <div className="mention__foot">
                  <a href={p.url} target="_blank" rel="noopener noreferrer" className="mention__link">
                    {t('listen.mentions.open')}
                  </a>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
