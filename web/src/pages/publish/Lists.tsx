// The approvals queue (oldest first) and the drafts: lists of posts that open the post detail.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api.ts';
import { EmptyState, ErrorState, LoadingState, Notice } from '../../components/ui.tsx';
import { errorText } from '../../errors.ts';
import { useFormat } from '../../format.ts';
import { useApiData } from '../../useApiData.ts';
import { AuthorshipBadge, channelColour, NetworkIcon, StateBadge, usePublish } from './parts.tsx';
import { type Post, personName, stateOf } from './types.ts';

export function PostList({ posts, testId }: { posts: Post[]; testId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { channels } = usePublish();
  return (
    <ul className="post-list" data-testid={testId}>
      {posts.map((p) => {
        const channelIds = [...new Set(p.targets.map((tg) => tg.channelId))];
        const comments = p.approval?.comments ?? [];
        const lastSentBack = [...comments].reverse().find((c) => c.kind === 'sent_back');
        return (
          <li key={p.id}>
            <Link
              to={`/publish/posts/${encodeURIComponent(p.id)}`}
              className="post-list__item"
              data-testid={`post-row-${p.id}`}
            >
              <span className="post-list__channels">
                {channelIds.map((id) => {
                  const tg = p.targets.find((x) => x.channelId === id)!;
                  return (
                    <span key={id} className="channel-label" style={{ color: channelColour(channels, id) }}>
                      <NetworkIcon network={tg.network} size={14} /> {tg.handle}
                    </span>
                  );
                })}
              </span>
              <span className="post-list__text">{p.text.slice(0, 200) || '—'}</span>
              <span className="post-list__meta muted small">
                {t('publish.list.by', { name: personName(p.writtenBy) ?? '—' })} ·{' '}
                {p.scheduledAt ? format.dateTime(p.scheduledAt) : t('publish.detail.noTime')}
                {[...new Set(p.targets.map((tg) => tg.authorship))].map((a) => (
                  <span key={a}>
                    {' '}
                    <AuthorshipBadge authorship={a} compact />
                  </span>
                ))}
              </span>
              {lastSentBack && (
                <span className="post-list__comment small">
                  {t('publish.list.sentBack', { name: lastSentBack.author?.name ?? '—' })}: “
                  {lastSentBack.text}”
                </span>
              )}
              <StateBadge state={stateOf(p)} />
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

/** Admins decide whether posts need an approver before they go out. */
function ApprovalSettings() {
  const { t } = useTranslation();
  const data = useApiData<{ requireApproval: boolean; allowSelfApproval?: boolean }>(
    '/api/publishing/settings',
  );
  const { reloadSettings } = usePublish();
  const [local, setLocal] = useState<{ requireApproval: boolean; allowSelfApproval?: boolean }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const shown = local ?? data.data;
  async function set(change: { requireApproval?: boolean; allowSelfApproval?: boolean }) {
    if (!shown) return;
    const before = shown;
    setLocal({ ...shown, ...change });
    setBusy(true);
    setError(undefined);
    try {
      const saved = await api.put<{ requireApproval: boolean; allowSelfApproval?: boolean }>(
        '/api/publishing/settings',
        change,
      );
      if (saved && typeof saved.requireApproval === 'boolean') setLocal(saved);
      reloadSettings();
    } catch (err) {
      setLocal(before);
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  if (!shown) return null;
  return (
    <div className="approval-settings" data-testid="approval-settings">
      <label className="check">
        <input
          type="checkbox"
          checked={shown.requireApproval}
          onChange={(e) => void set({ requireApproval: e.target.checked })}
          data-testid="require-approval"
        />
        <span>
          {t('publish.approvals.require')}
          <span className="muted small"> — {t('publish.approvals.requireHint')}</span>
        </span>
      </label>
      {shown.allowSelfApproval !== undefined && (
        <label className="check">
          <input
            type="checkbox"
            checked={shown.allowSelfApproval}
            disabled={busy || !shown.requireApproval}
            onChange={(e) => void set({ allowSelfApproval: e.target.checked })}
            data-testid="allow-self-approval"
          />
          <span>
            {t('publish.approvals.selfApproval')}
            <span className="muted small"> — {t('publish.approvals.selfApprovalHint')}</span>
          </span>
        </label>
      )}
      {error !== undefined && <Notice tone="error">{errorText(t, error)}</Notice>}
    </div>
  );
}

export function Approvals() {
  const { t } = useTranslation();
  const { canApprove, isAdmin } = usePublish();
  const data = useApiData<{ posts: Post[] }>('/api/approvals');
  if (data.error && !data.data) return <ErrorState error={data.error} onRetry={data.reload} />;
  if (!data.data) return <LoadingState />;
  const posts = data.data.posts;
  return (
    <div className="stack" data-testid="approvals">
      {isAdmin && <ApprovalSettings />}
      <p className="muted">
        {canApprove ? t('publish.approvals.introApprover') : t('publish.approvals.intro')}
      </p>
      {posts.length === 0 ? (
        <div data-testid="approvals-empty">
          <EmptyState title={t('publish.approvals.empty')}>{t('publish.approvals.emptyHint')}</EmptyState>
        </div>
      ) : (
        <PostList posts={posts} testId="approvals-list" />
      )}
    </div>
  );
}

export function Drafts() {
  const { t } = useTranslation();
  const { canWrite } = usePublish();
  const data = useApiData<{ posts: Post[] }>('/api/posts?limit=500');
  if (data.error && !data.data) return <ErrorState error={data.error} onRetry={data.reload} />;
  if (!data.data) return <LoadingState />;
  // Changes requested belong with the drafts: they are back with their writer.
  const posts = data.data.posts.filter((p) => {
    const s = stateOf(p);
    return s === 'draft' || s === 'changes_requested';
  });
  return (
    <div className="stack" data-testid="drafts">
      {posts.length === 0 ? (
        <div data-testid="drafts-empty">
          <EmptyState title={t('publish.drafts.empty')}>
            {canWrite && <Link to="/publish/compose">{t('publish.drafts.emptyHint')}</Link>}
          </EmptyState>
        </div>
      ) : (
        <PostList posts={posts} testId="drafts-list" />
      )}
    </div>
  );
}
