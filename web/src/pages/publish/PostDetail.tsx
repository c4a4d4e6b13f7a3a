// One post: where it goes and how each channel fared (link, error, retry, attempts), who wrote and approved it,
// the approval thread with Approve / Send back, guideline hits, reschedule, edit and delete.
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api.ts';
import { ConfirmDialog } from '../../components/Dialog.tsx';
import { ExternalIcon } from '../../components/Icons.tsx';
import { Button, ErrorState, LoadingState, Notice } from '../../components/ui.tsx';
import { errorText } from '../../errors.ts';
import { useFormat } from '../../format.ts';
import { useApiData } from '../../useApiData.ts';
import { ZonedDateTime } from './Composer.tsx';
import { GuidelineHits } from './Preview.tsx';
import { AuthorshipBadge, ChannelLabel, channelColour, StateBadge, usePublish, ZoneNote } from './parts.tsx';
import { isEditable, type Post, personName, stateOf, type Target } from './types.ts';
import { fromWallTime, wallTime } from './zones.ts';

function safeHref(url: string | null): string | undefined {
  if (!url) return undefined;
  if (url.startsWith('/')) return url;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

export function PostDetail() {
  const { postId = '' } = useParams<{ postId: string }>();
  const data = useApiData<Post>(`/api/posts/${encodeURIComponent(postId)}`);
  const [post, setPost] = useState<Post>();
  const current = post && post.id === postId ? post : data.data;
  if (data.error && !current) return <ErrorState error={data.error} onRetry={data.reload} />;
  if (!current) return <LoadingState />;
  return <PostView key={current.id} post={current} onChange={setPost} reload={data.reload} />;
}

function PostView({
  post,
  onChange,
  reload,
}: {
  post: Post;
  onChange: (p: Post) => void;
  reload: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const location = useLocation();
  const { channels, canWrite, canApprove, orgZone, bumpApprovals } = usePublish();
  const state = stateOf(post);
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<string | undefined>(() => {
    const n = (location.state as { notice?: string } | null)?.notice;
    return n === 'draftSaved' || n === 'submitted' ? n : undefined;
  });
  // The notice from the composer is said once: a reload or a return later does not repeat it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only on arrival
  useEffect(() => {
    if (location.state) navigate(location.pathname, { replace: true, state: null });
  }, []);
  const [deleting, setDeleting] = useState(false);
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string>();
  const initial = wallTime(new Date(post.scheduledAt ?? Date.now()), orgZone);
  const [date, setDate] = useState(initial.date);
  const [time, setTime] = useState(initial.time);
  const [rescheduling, setRescheduling] = useState(false);
  const editable = isEditable(post) && state !== 'cancelled';

  async function act(name: string, call: () => Promise<Post | unknown>, done?: string) {
    setBusy(name);
    setError(undefined);
    setNotice(undefined);
    try {
      const result = await call();
      if (result && typeof result === 'object' && 'id' in result && 'targets' in result)
        onChange(result as Post);
      else reload();
      if (done) setNotice(done);
      bumpApprovals();
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusy(undefined);
    }
  }

  const base = `/api/posts/${encodeURIComponent(post.id)}`;

  async function approve() {
    const text = comment.trim();
    if (
      await act('approve', () => api.post<Post>(`${base}/approve`, text ? { comment: text } : {}), 'approved')
    )
      setComment('');
  }

  async function sendBack() {
    const text = comment.trim();
    if (!text) {
      setCommentError(t('publish.detail.sendBackNeedsComment'));
      return;
    }
    setCommentError(undefined);
    if (await act('sendBack', () => api.post<Post>(`${base}/send-back`, { comment: text }), 'sentBack'))
      setComment('');
  }

  async function addComment(event: FormEvent) {
    event.preventDefault();
    const text = comment.trim();
    if (!text) {
      setCommentError(t('publish.detail.commentEmpty'));
      return;
    }
    setCommentError(undefined);
    if (await act('comment', () => api.post(`${base}/comments`, { text }))) setComment('');
  }

  async function saveTime() {
    const scheduledAt = fromWallTime(date, time, orgZone).toISOString();
    if (await act('reschedule', () => api.patch<Post>(base, { scheduledAt }), 'rescheduled'))
      setRescheduling(false);
  }

  const writer = personName(post.writtenBy);
  const creator = personName(post.createdBy);
  const comments = post.approval?.comments ?? [];
  const pending = state === 'pending_approval';

  return (
    <div className="post-detail" data-testid="post-detail" data-state={state}>
      <div className="post-detail__head">
        <Link to="/publish" className="back-link">
          ← {t('publish.detail.back')}
        </Link>
        <StateBadge state={state} late={post.targets.some((tg) => tg.late)} />
      </div>
      {notice && (
        <Notice tone="success" testId="post-notice">
          {t(`publish.detail.notice.${notice as 'approved'}`)}
        </Notice>
      )}
      {error !== undefined && (
        <Notice tone="error" testId="post-error">
          {errorText(t, error)}
        </Notice>
      )}

      <div className="post-detail__grid">
        <section className="card post-detail__main">
          <div className="card__body">
            <p className="post-detail__text" data-testid="post-text">
              {post.text || <span className="muted">{t('publish.detail.noText')}</span>}
            </p>
            {post.media && post.media.length > 0 && (
              <ul className="post-detail__media">
                {post.media.map((m) => (
                  <li key={m.id}>
                    🖼{' '}
                    {m.alt ? m.alt : <span className="field__error">{t('publish.composer.altMissing')}</span>}
                  </li>
                ))}
              </ul>
            )}
            <dl className="facts post-detail__facts">
              <dt>{t('publish.detail.when')}</dt>
              <dd data-testid="post-when">
                {post.scheduledAt ? format.dateTime(post.scheduledAt) : t('publish.detail.noTime')}
              </dd>
              <dt>{t('publish.detail.writtenBy')}</dt>
              <dd data-testid="post-written-by">{writer ?? '—'}</dd>
              {creator && creator !== writer && (
                <>
                  <dt>{t('publish.detail.createdBy')}</dt>
                  <dd>{creator}</dd>
                </>
              )}
              {post.approval?.required && (
                <>
                  <dt>{t('publish.detail.approvedBy')}</dt>
                  <dd data-testid="post-approved-by">
                    {post.approval.approvedBy
                      ? `${post.approval.approvedBy.name} · ${format.dateTime(post.approval.approvedAt)}`
                      : t('publish.detail.notApproved')}
                  </dd>
                </>
              )}
            </dl>
            <ZoneNote />
            <div className="post-detail__actions">
              {canWrite && editable && (
                <>
                  <Link
                    className="btn btn--secondary btn--sm"
                    to={`/publish/compose/${encodeURIComponent(post.id)}`}
                    data-testid="post-edit"
                  >
                    {t('publish.detail.edit')}
                  </Link>
                  {post.scheduledAt && (
                    <Button
                      size="sm"
                      onClick={() => setRescheduling((r) => !r)}
                      data-testid="post-reschedule"
                    >
                      {t('publish.detail.reschedule')}
                    </Button>
                  )}
                </>
              )}
              {canWrite && (state === 'draft' || state === 'changes_requested') && (
                <Button
                  size="sm"
                  variant="primary"
                  busy={busy === 'submit'}
                  onClick={() => void act('submit', () => api.post<Post>(`${base}/submit`, {}), 'submitted')}
                  data-testid="post-submit"
                >
                  {t('publish.detail.submit')}
                </Button>
              )}
              {canWrite && state !== 'cancelled' && (
                <Button
                  size="sm"
                  variant="ghost"
                  className="btn--danger-text"
                  onClick={() => setDeleting(true)}
                  data-testid="post-delete"
                >
                  {t('publish.detail.delete')}
                </Button>
              )}
            </div>
            {rescheduling && (
              <div className="post-detail__reschedule">
                <ZonedDateTime
                  date={date}
                  time={time}
                  idPrefix="reschedule"
                  onChange={(d, tm) => {
                    setDate(d);
                    setTime(tm);
                  }}
                />
                <Button
                  size="sm"
                  variant="primary"
                  busy={busy === 'reschedule'}
                  onClick={() => void saveTime()}
                  data-testid="reschedule-save"
                >
                  {t('common.save')}
                </Button>
              </div>
            )}
          </div>
        </section>

        <section className="card post-detail__approval" aria-labelledby="approval-title">
          <div className="card__body">
            <h2 id="approval-title" className="card__title">
              {t('publish.detail.approvalTitle')}
            </h2>
            {!post.approval?.required && comments.length === 0 && (
              <p className="muted">{t('publish.detail.noApprovalNeeded')}</p>
            )}
            <ol className="thread" data-testid="approval-thread">
              {comments.map((c) => (
                <li key={c.id} className={`thread__item thread__item--${c.kind}`} data-kind={c.kind}>
                  <div className="thread__meta">
                    <strong>{c.author?.name ?? '—'}</strong>{' '}
                    <span className="muted">
                      {t(`publish.detail.commentKind.${c.kind}`)} · {format.dateTime(c.createdAt)}
                    </span>
                  </div>
                  {c.text && <p className="thread__text">{c.text}</p>}
                </li>
              ))}
            </ol>
            {(canWrite || canApprove) && (
              <form className="thread__form" onSubmit={(e) => void addComment(e)}>
                <label className="field__label" htmlFor="approval-comment">
                  {t('publish.detail.comment')}
                </label>
                <textarea
                  id="approval-comment"
                  rows={3}
                  value={comment}
                  onChange={(e) => setComment(e.target.value)}
                  data-testid="approval-comment"
                  aria-invalid={Boolean(commentError)}
                />
                {commentError && <p className="field__error">{commentError}</p>}
                <div className="thread__buttons">
                  <Button
                    type="submit"
                    size="sm"
                    busy={busy === 'comment'}
                    data-testid="approval-comment-submit"
                  >
                    {t('publish.detail.addComment')}
                  </Button>
                  {canApprove && pending && (
                    <>
                      <Button
                        size="sm"
                        onClick={() => void sendBack()}
                        busy={busy === 'sendBack'}
                        data-testid="approval-send-back"
                      >
                        {t('publish.detail.sendBack')}
                      </Button>
                      <Button
                        size="sm"
                        variant="primary"
                        onClick={() => void approve()}
                        busy={busy === 'approve'}
                        data-testid="approval-approve"
                      >
                        {t('publish.detail.approve')}
                      </Button>
                    </>
                  )}
                </div>
              </form>
            )}
            {post.guidelineHits && post.guidelineHits.length > 0 && (
              <GuidelineHits hits={post.guidelineHits} />
            )}
          </div>
        </section>
      </div>

      <h2 className="section-title">{t('publish.detail.targets')}</h2>
      <div className="table-wrap card">
        <table className="table" data-testid="targets-table">
          <thead>
            <tr>
              <th scope="col">{t('publish.detail.channel')}</th>
              <th scope="col">{t('publish.detail.status')}</th>
              <th scope="col">{t('publish.detail.authorship')}</th>
              <th scope="col">{t('publish.detail.due')}</th>
              <th scope="col">{t('publish.detail.result')}</th>
            </tr>
          </thead>
          <tbody>
            {post.targets.map((tg) => (
              <TargetRow
                key={tg.id}
                target={tg}
                colour={channelColour(channels, tg.channelId)}
                held={
                  state === 'draft' || state === 'pending_approval' || state === 'changes_requested'
                    ? state
                    : undefined
                }
                canRetry={canWrite}
                editable={
                  canWrite &&
                  tg.status === 'published' &&
                  (channels.find((c) => c.id === tg.channelId)?.limits?.editable ?? false)
                }
                postId={post.id}
                onEdited={() => {
                  setNotice('edited');
                  reload();
                }}
                busy={busy === `retry-${tg.id}`}
                onRetry={() =>
                  void act(
                    `retry-${tg.id}`,
                    () => api.post<Post>(`${base}/targets/${encodeURIComponent(tg.id)}/retry`, {}),
                    'retried',
                  )
                }
              />
            ))}
          </tbody>
        </table>
      </div>

      <ConfirmDialog
        open={deleting}
        title={t('publish.detail.deleteTitle')}
        body={
          post.targets.some((tg) => tg.status === 'published')
            ? t('publish.detail.deleteBodyPublished')
            : t('publish.detail.deleteBody')
        }
        confirmLabel={t('publish.detail.delete')}
        busy={busy === 'delete'}
        error={error === undefined ? undefined : errorText(t, error)}
        onConfirm={() =>
          void (async () => {
            setBusy('delete');
            try {
              await api.delete(base);
              navigate('/publish', { replace: true });
            } catch (err) {
              setError(err);
            } finally {
              setBusy(undefined);
            }
          })()
        }
        onCancel={() => setDeleting(false)}
      />
    </div>
  );
}

function TargetRow({
  target,
  colour,
  held,
  canRetry,
  editable,
  postId,
  onEdited,
  busy,
  onRetry,
}: {
  target: Target;
  colour: string;
  /** The post is not released yet (a draft, or with the approvers): its scheduled targets wait with it. */
  held: 'draft' | 'pending_approval' | 'changes_requested' | undefined;
  canRetry: boolean;
  /** Published on a network that lets a post's text be changed afterwards. */
  editable: boolean;
  postId: string;
  onEdited: () => void;
  busy: boolean;
  onRetry: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState(false);
  const [showText, setShowText] = useState(false);
  const parts = target.variant?.parts ?? [];
  const [showRevisions, setShowRevisions] = useState(false);
  const href = safeHref(target.remoteUrl);
  const history = target.history ?? [];
  return (
    <>
      <tr data-testid={`target-${target.id}`} data-status={target.status}>
        <td>
          <ChannelLabel channel={target} colour={colour} />
        </td>
        <td>
          <StateBadge
            state={held && target.status === 'scheduled' ? held : target.status}
            late={target.late}
          />
        </td>
        <td>
          <AuthorshipBadge authorship={target.authorship} />
        </td>
        <td className="nowrap">{format.dateTime(target.publishedAt ?? target.dueAt)}</td>
        <td>
          {href && (
            <a href={href} target="_blank" rel="noreferrer" data-testid={`target-link-${target.id}`}>
              {t('publish.detail.open')} <ExternalIcon size={13} />
            </a>
          )}
          {target.status === 'failed' && (
            <div className="target-error" data-testid={`target-error-${target.id}`}>
              <span className="field__error">
                {target.errorClass && `${t(`publish.failure.${target.errorClass as 'auth'}`)}: `}
                {target.errorMessage}
              </span>
              {target.errorClass === 'auth' && (
                <Link to="/settings" data-testid={`target-reconnect-${target.id}`}>
                  {t('publish.detail.reconnect')}
                </Link>
              )}
              {canRetry && (
                <Button size="sm" busy={busy} onClick={onRetry} data-testid={`target-retry-${target.id}`}>
                  {t('common.retry')}
                </Button>
              )}
            </div>
          )}
          {parts.length > 0 && (
            <button
              type="button"
              className="link-button target-text-toggle"
              aria-expanded={showText}
              onClick={() => setShowText((v) => !v)}
              data-testid={`target-text-toggle-${target.id}`}
            >
              {parts.length > 1
                ? t('publish.detail.showParts', { count: parts.length })
                : t('publish.detail.showText')}
            </button>
          )}
          {history.length > 0 && (
            <button
              type="button"
              className="link-button"
              aria-expanded={open}
              onClick={() => setOpen((o) => !o)}
              data-testid={`target-history-toggle-${target.id}`}
            >
              {t('publish.detail.attempts', { count: history.length })}
            </button>
          )}
          {target.status === 'published' && (
            <span className="target-actions">
              {editable && (
                <button
                  type="button"
                  className="link-button"
                  aria-expanded={editing}
                  onClick={() => setEditing((e) => !e)}
                  data-testid={`target-edit-${target.id}`}
                >
                  {t('publish.detail.editPublished')}
                </button>
              )}
              <button
                type="button"
                className="link-button"
                aria-expanded={showRevisions}
                onClick={() => setShowRevisions((r) => !r)}
                data-testid={`target-revisions-toggle-${target.id}`}
              >
                {t('publish.detail.revisions')}
              </button>
            </span>
          )}
        </td>
      </tr>
      {showText && (
        <tr className="attempts-row">
          <td colSpan={5}>
            <ol className="target-parts" data-testid={`target-text-${target.id}`}>
              {parts.map((p, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: parts are positional
                <li key={i}>{p.text}</li>
              ))}
            </ol>
          </td>
        </tr>
      )}
      {editing && (
        <tr className="attempts-row">
          <td colSpan={5}>
            <PublishedEdit
              target={target}
              postId={postId}
              onDone={() => {
                setEditing(false);
                setShowRevisions(true);
                onEdited();
              }}
            />
          </td>
        </tr>
      )}
      {showRevisions && (
        <tr className="attempts-row">
          <td colSpan={5}>
            <Revisions
              key={(target.variant?.parts ?? []).map((p) => p.text).join('\n')}
              postId={postId}
              targetId={target.id}
            />
          </td>
        </tr>
      )}
      {open && (
        <tr className="attempts-row">
          <td colSpan={5}>
            <ol className="attempts" data-testid={`target-history-${target.id}`}>
              {history.map((a) => (
                <li key={a.id}>
                  <strong>#{a.number}</strong> {format.dateTime(a.startedAt ?? null)} ·{' '}
                  {t(`publish.attempt.${(a.outcome ?? 'running') as 'running'}`, {
                    defaultValue: String(a.outcome ?? ''),
                  })}
                  {a.errorMessage && <span className="field__error"> — {a.errorMessage}</span>}
                </li>
              ))}
            </ol>
          </td>
        </tr>
      )}
    </>
  );
}

/** Changes the text of a published post on its network; the change is kept in the edit history. */
function PublishedEdit({ target, postId, onDone }: { target: Target; postId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const parts = target.variant?.parts ?? [];
  const [part, setPart] = useState(0);
  const [text, setText] = useState(parts[0]?.text ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  async function save(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api.put(
        `/api/posts/${encodeURIComponent(postId)}/targets/${encodeURIComponent(target.id)}/text`,
        parts.length > 1 ? { text, part } : { text },
      );
      onDone();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form
      className="published-edit"
      onSubmit={(e) => void save(e)}
      data-testid={`target-edit-form-${target.id}`}
    >
      {parts.length > 1 && (
        <select
          className="select--inline"
          value={part}
          aria-label={t('publish.detail.editPart')}
          onChange={(e) => {
            const n = Number(e.target.value);
            setPart(n);
            setText(parts[n]?.text ?? '');
          }}
        >
          {parts.map((_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: parts are positional
            <option key={i} value={i}>
              {t('publish.composer.part', { n: i + 1, total: parts.length })}
            </option>
          ))}
        </select>
      )}
      <label className="field__label" htmlFor={`edit-${target.id}`}>
        {t('publish.detail.editPublishedLabel', { handle: target.handle })}
      </label>
      <textarea
        id={`edit-${target.id}`}
        rows={4}
        value={text}
        onChange={(e) => setText(e.target.value)}
        data-testid={`target-edit-text-${target.id}`}
      />
      <p className="field__hint">{t('publish.detail.editPublishedHint')}</p>
      {error !== undefined && <p className="field__error">{errorText(t, error)}</p>}
      <div>
        <Button
          type="submit"
          size="sm"
          variant="primary"
          busy={busy}
          data-testid={`target-edit-save-${target.id}`}
        >
          {t('publish.detail.editPublishedSave')}
        </Button>
      </div>
    </form>
  );
}

interface Revision {
  id: string;
  part: number;
  oldText: string;
  newText: string;
  editedAt: string;
  editedBy: { id: string; name: string } | null;
}

function Revisions({ postId, targetId }: { postId: string; targetId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const data = useApiData<{ revisions: Revision[] }>(
    `/api/posts/${encodeURIComponent(postId)}/targets/${encodeURIComponent(targetId)}/revisions`,
  );
  if (data.error) return <p className="field__error">{errorText(t, data.error)}</p>;
  if (!data.data) return <LoadingState />;
  if (data.data.revisions.length === 0)
    return <p className="muted small">{t('publish.detail.noRevisions')}</p>;
  return (
    <ol className="revisions" data-testid={`target-revisions-${targetId}`}>
      {data.data.revisions.map((r) => (
        <li key={r.id}>
          <div className="muted small">
            {t('publish.detail.revisionBy', {
              name: r.editedBy?.name ?? '—',
              at: format.dateTime(r.editedAt),
            })}
          </div>
          <del>{r.oldText}</del>
          <ins>{r.newText}</ins>
        </li>
      ))}
    </ol>
  );
}
