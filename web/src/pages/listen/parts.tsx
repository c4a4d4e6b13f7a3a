// Small pieces shared by the Listen screens: badges, the write permission, one mention.
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../format.ts';
import { useAuthenticated } from '../../session.tsx';
import { AuthorLink } from './StoryParts.tsx';
import type { Language, Mention, Sentiment } from './types.ts';

export function useCanWrite(): boolean {
  const { role } = useAuthenticated();
  return role === 'admin' || role === 'editor';
}

export function SentimentBadge({ sentiment }: { sentiment: Sentiment }) {
  const { t } = useTranslation();
  return (
    <span
      className={`sentiment sentiment--${sentiment}`}
      data-testid="mention-sentiment"
      data-sentiment={sentiment}
    >
      {t(`listen.sentiment.${sentiment}`)}
    </span>
  );
}

export function LanguageBadge({ lang }: { lang: string }) {
  const { t } = useTranslation();
  const known = ['nb', 'nn', 'da', 'sv', 'de', 'en', 'und'].includes(lang);
  return (
    <span
      className="lang-badge"
      data-testid="mention-lang"
      data-lang={lang}
      title={known ? t(`listen.languages.${lang as Language}`) : lang}
    >
      {lang}
    </span>
  );
}

export function MentionItem({ mention }: { mention: Mention }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <li className="mention" data-testid={`mention-${mention.id}`}>
      <div className="mention__meta">
        <SentimentBadge sentiment={mention.sentiment} />
        <LanguageBadge lang={mention.lang} />
        <span className="tag">{t(`listen.sources.${mention.source}`)}</span>
        {mention.author && <AuthorLink source={mention.source} author={mention.author} />}
        {mention.repostOf && (
          <span className="mention__repost" data-testid="mention-repost">
            <span aria-hidden="true">↻</span>{' '}
            {mention.repostOf.author ? (
              <>
                {t('listen.mentions.repostOf')}{' '}
                <AuthorLink source={mention.source} author={mention.repostOf.author} />
              </>
            ) : (
              t('listen.mentions.repost')
            )}
          </span>
        )}
        <time dateTime={mention.at} className="muted">
          {f.dateTime(mention.at)}
        </time>
      </div>
      {mention.title && <p className="mention__title">{mention.title}</p>}
      <p className="mention__text">
        {mention.text.length > 400 ? `${mention.text.slice(0, 399)}…` : mention.text}
      </p>
      <div className="mention__foot">
        {mention.monitors.map((m) => (
          <span key={m.id} className="mention__monitor">
            {m.name}
          </span>
        ))}
        {mention.url && (
          <a href={mention.url} target="_blank" rel="noopener noreferrer" className="mention__link">
            {t('listen.mentions.open')}
          </a>
        )}
      </div>
    </li>
  );
}
