// Sources: the organisation's RSS/Atom feeds with each one's status and last error, "poll now", removal, and
// a form to add one. Bluesky and Mastodon listening will appear here when they arrive.
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api.ts';
import { Button, Card, EmptyState, ErrorState, Field, LoadingState, Notice } from '../../components/ui.tsx';
import { errorText } from '../../errors.ts';
import { useFormat } from '../../format.ts';
import { useApiData } from '../../useApiData.ts';
import { useCanWrite } from './parts.tsx';
import type { Feed, FeedPoll } from './types.ts';

function AddFeed({ onAdded }: { onAdded: () => void }) {
  const { t } = useTranslation();
  const [url, setUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/feeds', { url });
      setUrl('');
      onAdded();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const fieldError = error instanceof ApiError ? error.fields.url : undefined;
  return (
    <form className="form feed-add" onSubmit={submit} data-testid="feed-add-form" noValidate>
      <Field label={t('listen.sourcesPage.url')} error={fieldError} hint={t('listen.sourcesPage.urlHint')}>
        {(c) => (
          <input
            {...c}
            type="url"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            placeholder="https://"
            data-testid="feed-url"
          />
        )}
      </Field>
      {error !== null && !fieldError && <Notice tone="error">{errorText(t, error)}</Notice>}
      <div className="form__actions form__actions--start">
        <Button type="submit" variant="primary" busy={busy} disabled={!url.trim()} data-testid="feed-add">
          {t('listen.sourcesPage.add')}
        </Button>
      </div>
    </form>
  );
}

function FeedRow({ feed, canWrite, onChange }: { feed: Feed; canWrite: boolean; onChange: () => void }) {
  const { t } = useTranslation();
  const f = useFormat();
  const [busy, setBusy] = useState<'poll' | 'delete' | null>(null);
  const [error, setError] = useState<unknown>(null);
  // What this browser's last "poll now" found (the list itself does not keep poll results).
  const [polled, setPolled] = useState<FeedPoll | null>(null);
  const act = async (what: 'poll' | 'delete') => {
    if (what === 'delete' && !window.confirm(t('listen.sourcesPage.deleteConfirm', { url: feed.url })))
      return;
    setBusy(what);
    setError(null);
    try {
      if (what === 'poll') setPolled((await api.post<Feed>(`/api/feeds/${feed.id}/poll`)).lastPoll ?? null);
      else await api.delete(`/api/feeds/${feed.id}`);
      onChange();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };
  return (
    <tr data-testid={`feed-row-${feed.id}`} data-status={feed.status}>
      <td>
        <div className="feed-title">{feed.title ?? feed.url}</div>
        <div className="small muted cell-clip">{feed.url}</div>
      </td>
      <td>
        <span className={`feed-status feed-status--${feed.status}`} data-testid="feed-status">
          {t(`listen.sourcesPage.status.${feed.status}`)}
        </span>
        {feed.lastError && (
          <div className="cell-error small" data-testid="feed-error">
            {feed.lastError}
            {feed.consecutiveFailures > 1 &&
              ` (${t('listen.sourcesPage.failures', { count: feed.consecutiveFailures })})`}
          </div>
        )}
        {error !== null && <div className="cell-error small">{errorText(t, error)}</div>}
      </td>
      <td className="small" data-testid="feed-items">
        {f.number(feed.itemCount)}
        {feed.sameArticleCount > 0 && (
          <div className="muted" data-testid="feed-same-article-total">
            {t('listen.sourcesPage.sameArticleTotal', { count: feed.sameArticleCount })}
          </div>
        )}
      </td>
      <td className="small">
        <div>{t('listen.sourcesPage.lastPolled', { when: f.dateTime(feed.lastPolledAt) })}</div>
        <div className="muted">{t('listen.sourcesPage.nextPoll', { when: f.dateTime(feed.nextPollAt) })}</div>
        {polled && polled.status !== 'error' && (
          <div data-testid="feed-last-poll">
            {t('listen.sourcesPage.polledNew', { count: polled.newItems })}
            {polled.sameArticle > 0 && (
              <div className="muted" data-testid="feed-same-article">
                {t('listen.sourcesPage.sameArticle', { count: polled.sameArticle })}
              </div>
            )}
          </div>
        )}
      </td>
      {canWrite && (
        <td className="table__actions">
          <Button
            size="sm"
            busy={busy === 'poll'}
            onClick={() => act('poll')}
            data-testid={`feed-poll-${feed.id}`}
          >
            {t('listen.sourcesPage.pollNow')}
          </Button>
          <Button
            size="sm"
            variant="ghost"
            busy={busy === 'delete'}
            onClick={() => act('delete')}
            data-testid={`feed-delete-${feed.id}`}
          >
            {t('listen.sourcesPage.remove')}
          </Button>
        </td>
      )}
    </tr>
  );
}

export function Sources() {
  const { t } = useTranslation();
  const canWrite = useCanWrite();
  const { data, error, loading, reload } = useApiData<{ feeds: Feed[] }>('/api/feeds');
  if (error) return <ErrorState error={error} onRetry={reload} />;
  if (loading && !data) return <LoadingState />;
  const feeds = data?.feeds ?? [];
  return (
    <div className="stack" data-testid="listen-sources">
      <Card title={t('listen.sourcesPage.feedsTitle')} description={t('listen.sourcesPage.feedsDescription')}>
        {feeds.length === 0 ? (
          <div data-testid="feeds-empty">
            <EmptyState title={t('listen.sourcesPage.empty')}>
              {canWrite ? t('listen.sourcesPage.emptyHint') : t('listen.sourcesPage.emptyHintReader')}
            </EmptyState>
          </div>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>{t('listen.sourcesPage.feed')}</th>
                  <th>{t('listen.sourcesPage.statusLabel')}</th>
                  <th>{t('listen.sourcesPage.items')}</th>
                  <th>{t('listen.sourcesPage.polling')}</th>
                  {canWrite && <th>{t('common.actions')}</th>}
                </tr>
              </thead>
              <tbody>
                {feeds.map((feed) => (
                  <FeedRow key={feed.id} feed={feed} canWrite={canWrite} onChange={reload} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        {canWrite && <AddFeed onAdded={reload} />}
      </Card>
    </div>
  );
}
