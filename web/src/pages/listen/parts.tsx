// Small pieces shared by the Listen screens: badges, the write permission, one mention.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { useFormat } from '../../format.ts';
import { useAuthenticated } from '../../session.tsx';
import { AuthorLink } from './StoryParts.tsx';
import { type Language, type Mention, SENTIMENTS, type Sentiment } from './types.ts';

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

/**
 * A mention's sentiment: for an editor a select that looks like the badge and sets it by hand (it then counts
 * everywhere: charts, stories, storms); for everyone else the badge. Who set it by hand is said after it.
 */
type SentimentOf = Pick<Mention, 'id' | 'sentiment' | 'sentimentSetBy' | 'sentimentSetAt'>;

export function MentionSentiment<M extends SentimentOf>({
  mention,
  onChanged,
}: {
  mention: M;
  onChanged?: ((m: M) => void) | undefined;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const canWrite = useCanWrite();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const set = async (sentiment: Sentiment) => {
    setBusy(true);
    setFailed(false);
    try {
      const res = await api.patch<Pick<Mention, 'sentiment' | 'sentimentSetBy' | 'sentimentSetAt'>>(
        `/api/mentions/${mention.id}`,
        { sentiment },
      );
      onChanged?.({
        ...mention,
        sentiment: res.sentiment,
        sentimentSetBy: res.sentimentSetBy,
        sentimentSetAt: res.sentimentSetAt,
      });
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  const s = mention.sentiment;
  return (
    <>
      {canWrite && onChanged ? (
        <select
          className={`sentiment sentiment--${s} sentiment-select`}
          data-testid="mention-sentiment"
          data-sentiment={s}
          aria-label={t('listen.mentions.setSentiment')}
          title={t('listen.mentions.setSentiment')}
          value={s}
          disabled={busy}
          onChange={(e) => set(e.target.value as Sentiment)}
        >
          {SENTIMENTS.map((v) => (
            <option key={v} value={v}>
              {t(`listen.sentiment.${v}`)}
            </option>
          ))}
        </select>
      ) : (
        <SentimentBadge sentiment={s} />
      )}
      {mention.sentimentSetAt && (
        <span
          className="mention__set-by muted"
          data-testid="mention-sentiment-set-by"
          title={f.dateTime(mention.sentimentSetAt)}
        >
          {mention.sentimentSetBy?.name
            ? t('listen.mentions.sentimentSetBy', { name: mention.sentimentSetBy.name })
            : t('listen.mentions.sentimentSetByHand')}
        </span>
      )}
      {failed && (
        <span className="field__error" role="alert" data-testid="mention-sentiment-error">
          {t('listen.mentions.sentimentFailed')}
        </span>
      )}
    </>
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

/** One mention; with onChanged, an editor can set its sentiment by hand and the list takes the result. */
export function MentionItem({ mention, onChanged }: { mention: Mention; onChanged?: (m: Mention) => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <li className="mention" data-testid={`mention-${mention.id}`}>
      <div className="mention__meta">
        <MentionSentiment mention={mention} onChanged={onChanged} />
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
