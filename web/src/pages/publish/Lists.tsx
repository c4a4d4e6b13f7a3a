// The approvals queue (oldest first) and the drafts: lists of posts that open the post detail.
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api.ts';
import { Button, EmptyState, ErrorState, LoadingState, Notice } from '../../components/ui.tsx';
import { errorText } from '../../errors.ts';
import { useFormat } from '../../format.ts';
import { useApiData } from '../../useApiData.ts';
import { AuthorshipBadge, channelColour, NetworkIcon, StateBadge, usePublish } from './parts.tsx';
import { type Post, personId, personName, stateOf } from './types.ts';

export function PostList({
  posts,
  testId,
  actions,
}: {
  posts: Post[];
  testId: string;
  /** Buttons next to an item (outside its link). */
  actions?: (post: Post) => ReactNode;
}) {
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
          <li key={p.id} className={actions ? 'post-list__row' : undefined}>
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
            {actions && <div className="post-list__actions">{actions(p)}</div>}
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
  const { canApprove, isAdmin, userId, bumpApprovals } = usePublish();
  const data = useApiData<{ posts: Post[] }>('/api/approvals');
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [approved, setApproved] = useState<string>();

  async function approve(post: Post) {
    setBusy(post.id);
    setError(undefined);
    setApproved(undefined);
    try {
      await api.post(`/api/posts/${encodeURIComponent(post.id)}/approve`, {});
      setApproved(post.text.slice(0, 60));
      data.reload();
      bumpApprovals();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(undefined);
    }
  }
  if (data.error && !data.data) return <ErrorState error={data.error} onRetry={data.reload} />;
  if (!data.data) return <LoadingState />;
  const posts = data.data.posts;
  return (
    <div className="stack" data-testid="approvals">
      {isAdmin && <ApprovalSettings />}
      <p className="muted">
        {canApprove ? t('publish.approvals.introApprover') : t('publish.approvals.intro')}
      </p>
      {approved && (
        <Notice tone="success" testId="approvals-approved">
          {t('publish.approvals.approvedNotice', { text: approved })}
        </Notice>
      )}
      {error !== undefined && <Notice tone="error">{errorText(t, error)}</Notice>}
      {posts.length === 0 ? (
        <div data-testid="approvals-empty">
          <EmptyState title={t('publish.approvals.empty')}>{t('publish.approvals.emptyHint')}</EmptyState>
        </div>
      ) : (
        <PostList
          posts={posts}
          testId="approvals-list"
          actions={
            canApprove
              ? (p) => (
                  <>
                    <Link
                      className="btn btn--secondary btn--sm"
                      to={`/publish/posts/${encodeURIComponent(p.id)}`}
                      data-testid={`approvals-review-${p.id}`}
                    >
                      {t('publish.approvals.review')}
                    </Link>
                    {/* Approvers do not approve their own words unless admins or the organisation allows it;
                        the server decides and says so. */}
                    <Button
                      size="sm"
                      variant="primary"
                      busy={busy === p.id}
                      onClick={() => void approve(p)}
                      title={personId(p.writtenBy) === userId ? t('publish.approvals.ownPost') : undefined}
                      data-testid={`approvals-approve-${p.id}`}
                    >
                      {t('publish.detail.approve')}
                    </Button>
                  </>
                )
              : undefined
          }
        />
      )}
    </div>
  );
}

export function Drafts() {
  const { t } = useTranslation();
  const { canWrite } = usePublish();
  // Changes requested belong with the drafts: they are back with their writer.
  const sentBack = useApiData<{ posts: Post[] }>('/api/posts?state=changes_requested&limit=500');
  const drafts = useApiData<{ posts: Post[] }>('/api/posts?state=draft&limit=500');
  const error = sentBack.error ?? drafts.error;
  if (error && !(sentBack.data && drafts.data))
    return (
      <ErrorState
        error={error}
        onRetry={() => {
          sentBack.reload();
          drafts.reload();
        }}
      />
    );
  if (!sentBack.data || !drafts.data) return <LoadingState />;
  const posts = [...sentBack.data.posts, ...drafts.data.posts].filter((p) => {
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
