// The run as a social timeline: audience posts with persona avatars, threads of replies, quotes embedded,
// a reply box under each post that shows guideline hits before sending, and delete on your own replies.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { Button, Notice } from '../../components/ui.tsx';
import { errorText } from '../../errors.ts';
import {
  clock,
  duration,
  initialsOf,
  type Persona,
  type ReplyCheck,
  type Run,
  type TimelineItem,
} from './types.ts';

export function Avatar({
  name,
  persona,
  size = 'md',
}: {
  name: string;
  persona: Persona | null;
  size?: 'sm' | 'md';
}) {
  return (
    <span className={`avatar avatar--${persona ?? 'self'} avatar--${size}`} aria-hidden="true">
      {initialsOf(name)}
    </span>
  );
}

/** The check's findings: guideline hits first (with where they come from), then the drill's words, then tone. */
export function CheckFindings({ check, compact = false }: { check: ReplyCheck; compact?: boolean }) {
  const { t } = useTranslation();
  const items = [
    ...check.guidelineHits.map((h) => (
      <li
        key={`g${h.kind}:${h.match ?? ''}:${h.source.label}`}
        className={`finding finding--${h.severity}`}
        data-testid="training-check-hit"
      >
        {t(`training.hit.${h.kind}`, { match: h.match ?? '' })}{' '}
        <span className="finding__source">{t('training.hit.source', { source: h.source.label })}</span>
      </li>
    )),
    ...check.forbidden.map((f) => (
      <li key={`f${f.id}`} className="finding finding--warn" data-testid="training-check-forbidden">
        {t('training.check.forbidden', { match: f.match })}
      </li>
    )),
  ];
  if (check.tone.harsh) {
    items.push(
      <li key="tone" className="finding finding--warn" data-testid="training-check-tone">
        {t('training.check.negativeTone')}
      </li>,
    );
  }
  if (items.length === 0) {
    return compact ? null : (
      <p className="check-ok" data-testid="training-check-ok">
        {t('training.check.ok')}
      </p>
    );
  }
  return <ul className="findings">{items}</ul>;
}

function ReplyBox({ run, to, onSent }: { run: Run; to: TimelineItem; onSent: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [check, setCheck] = useState<ReplyCheck>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  // Checked as you type (after a short pause), so hits show before the reply is sent.
  useEffect(() => {
    const draft = text.trim();
    if (!draft) {
      setCheck(undefined);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api
        .post<ReplyCheck>(
          `/api/training/runs/${run.id}/check`,
          { text: draft },
          { signal: controller.signal },
        )
        .then(setCheck)
        .catch(() => undefined);
    }, 350);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text, run.id]);

  const send = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await api.post(`/api/training/runs/${run.id}/replies`, { to: to.id, text });
      setText('');
      setCheck(undefined);
      onSent();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="reply-box" data-testid="training-reply-box">
      <label className="visually-hidden" htmlFor={`reply-${to.id}`}>
        {t('training.run.replyTo', { name: to.name })}
      </label>
      <textarea
        id={`reply-${to.id}`}
        rows={2}
        value={text}
        placeholder={t('training.run.replyPlaceholder', { name: to.name })}
        onChange={(e) => setText(e.target.value)}
        data-testid="training-reply-text"
      />
      {check && (
        <div className="reply-box__check" data-testid="training-reply-check" aria-live="polite">
          <CheckFindings check={check} />
        </div>
      )}
      {error !== undefined && <Notice tone="error">{errorText(t, error)}</Notice>}
      <div className="reply-box__actions">
        <Button
          variant="primary"
          size="sm"
          busy={busy}
          disabled={!text.trim()}
          onClick={() => void send()}
          data-testid="training-reply-send"
        >
          {t('training.run.send')}
        </Button>
      </div>
    </div>
  );
}

function Post({
  run,
  item,
  byId,
  replies,
  active,
  onChange,
}: {
  run: Run;
  item: TimelineItem;
  byId: Map<string, TimelineItem>;
  replies: TimelineItem[];
  active: boolean;
  onChange: () => void;
}) {
  const { t } = useTranslation();
  const [replying, setReplying] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<unknown>();
  const own = item.kind !== 'audience';
  const quoted = item.quoteOfEventId ? byId.get(item.quoteOfEventId) : undefined;
  const kids = replies;

  const remove = async () => {
    setDeleting(true);
    setError(undefined);
    try {
      await api.delete(`/api/training/runs/${run.id}/replies/${item.id}`);
      onChange();
    } catch (err) {
      setError(err);
    } finally {
      setDeleting(false);
    }
  };

  if (own && item.deleted) {
    return (
      <li className="post post--deleted" data-testid="training-deleted-reply">
        <p className="post__deleted">
          {t('training.run.deletedReply', { time: clock(item.deletedAtMs ?? 0) })}
        </p>
        <p className="post__text post__text--struck">{item.text}</p>
        <Thread run={run} items={kids} byId={byId} active={active} onChange={onChange} />
      </li>
    );
  }

  return (
    <li
      className={`post${own ? ' post--own' : ''}`}
      data-testid={own ? 'training-own-reply' : 'training-post'}
      data-author={item.author}
    >
      <div className="post__row">
        <Avatar name={item.name} persona={item.persona} />
        <div className="post__body">
          <div className="post__head">
            <span className="post__name">{item.name}</span>
            <span className="post__handle">@{item.author}</span>
            {item.persona && (
              <span className={`persona persona--${item.persona}`}>
                {t(`training.persona.${item.persona}`)}
              </span>
            )}
            <span className="post__time">+{clock(item.atMs)}</span>
          </div>
          <p className="post__text">{item.text}</p>
          {quoted && (
            <blockquote className="post__quote">
              <span className="post__name">{quoted.name}</span>{' '}
              <span className="post__handle">@{quoted.author}</span>
              <p>{quoted.text}</p>
            </blockquote>
          )}
          {own && item.kind === 'reply' && (
            <div className="post__own-meta">
              {item.responseMs !== null && (
                <span data-testid="training-response-time">
                  {t('training.run.answeredIn', { time: duration(item.responseMs) })}
                </span>
              )}
              {item.check && <CheckFindings check={item.check} compact />}
            </div>
          )}
          {error !== undefined && <Notice tone="error">{errorText(t, error)}</Notice>}
          {active && (
            <div className="post__actions">
              {!own && (
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => setReplying((r) => !r)}
                  data-testid="training-reply-toggle"
                >
                  {replying ? t('training.run.cancel') : t('training.run.reply')}
                </Button>
              )}
              {own && item.kind === 'reply' && (
                <Button
                  size="sm"
                  variant="ghost"
                  busy={deleting}
                  onClick={() => void remove()}
                  data-testid="training-reply-delete"
                >
                  {t('training.run.delete')}
                </Button>
              )}
            </div>
          )}
          {active && replying && !own && (
            <ReplyBox
              run={run}
              to={item}
              onSent={() => {
                setReplying(false);
                onChange();
              }}
            />
          )}
        </div>
      </div>
      <Thread run={run} items={kids} byId={byId} active={active} onChange={onChange} />
    </li>
  );
}

function Thread({
  run,
  items,
  byId,
  active,
  onChange,
}: {
  run: Run;
  items: TimelineItem[];
  byId: Map<string, TimelineItem>;
  active: boolean;
  onChange: () => void;
}) {
  if (items.length === 0) return null;
  const childrenOf = (id: string) => run.timeline.filter((i) => i.replyToEventId === id);
  return (
    <ul className="thread">
      {items.map((item) => (
        <Post
          key={item.id}
          run={run}
          item={item}
          byId={byId}
          replies={childrenOf(item.id)}
          active={active}
          onChange={onChange}
        />
      ))}
    </ul>
  );
}

/** Newest conversation first, each with its replies in order underneath. */
export function Timeline({ run, active, onChange }: { run: Run; active: boolean; onChange: () => void }) {
  const byId = new Map(run.timeline.map((i) => [i.id, i]));
  const roots = run.timeline.filter((i) => !i.replyToEventId || !byId.has(i.replyToEventId)).reverse();
  return (
    <div className="timeline" data-testid="training-timeline">
      <Thread run={run} items={roots} byId={byId} active={active} onChange={onChange} />
    </div>
  );
}
