// One run: the timeline fills as the server posts the audience's beats (polled every 1.5 s: each poll also
// advances the drill), with a running clock, reply boxes, delete, Finish, and the debrief once finished.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError, api } from '../../api.ts';
import { Button, ErrorState, LoadingState, Notice } from '../../components/ui.tsx';
import { errorText } from '../../errors.ts';
import { useDocumentTitle } from '../../useDocumentTitle.ts';
import { Debrief } from './Debrief.tsx';
import { Timeline } from './Timeline.tsx';
import './training.css';
import { clock, type Run } from './types.ts';

const POLL_MS = 1500;

function Timer({ run, fetchedAt }: { run: Run; fetchedAt: number }) {
  const { t } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  const finished = run.finishedAt !== null;
  useEffect(() => {
    if (finished) return;
    const id = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(id);
  }, [finished]);
  const elapsed = finished ? run.elapsedMs : run.elapsedMs + Math.max(0, now - fetchedAt);
  const over = elapsed > run.durationMs;
  return (
    <div
      className={`timer${over ? ' timer--over' : ''}`}
      data-testid="training-timer"
      role="timer"
      aria-live="off"
    >
      <span className="timer__value">{clock(elapsed)}</span>
      <span className="timer__of">/ {clock(run.durationMs)}</span>
      <span className="timer__label">
        {finished ? t('training.run.finished') : over ? t('training.run.allIn') : t('training.run.running')}
      </span>
    </div>
  );
}

/** The audience's mood post by post: one bar each, above the line when positive, below when negative. */
function MoodMeter({ mood }: { mood: Run['mood'] }) {
  const { t } = useTranslation();
  if (mood.length === 0) return null;
  const recent = mood.slice(-3);
  const earlier = mood.slice(-6, -3);
  const mean = (xs: { score: number }[]) => xs.reduce((a, m) => a + m.score, 0) / xs.length;
  const now = mean(recent);
  const label = now <= -0.15 ? 'negative' : now >= 0.15 ? 'positive' : 'mixed';
  const trend =
    earlier.length === 0
      ? null
      : now - mean(earlier) <= -0.1
        ? 'worse'
        : now - mean(earlier) >= 0.1
          ? 'better'
          : null;
  const w = 8;
  const h = 36;
  return (
    <div className={`mood mood--${label}`} data-testid="training-mood" data-mood={label}>
      <svg width={mood.length * (w + 3)} height={h} aria-hidden="true">
        <line x1={0} x2={mood.length * (w + 3)} y1={h / 2} y2={h / 2} className="mood__axis" />
        {mood.map((m, i) => {
          const len = Math.max(1.5, Math.abs(m.score) * (h / 2 - 1));
          return (
            <rect
              key={m.atMs}
              x={i * (w + 3)}
              y={m.score >= 0 ? h / 2 - len : h / 2}
              width={w}
              height={len}
              className={m.score >= 0 ? 'mood__bar mood__bar--up' : 'mood__bar mood__bar--down'}
            />
          );
        })}
      </svg>
      <span className="mood__label">
        {t(`training.mood.${label}`)}
        {trend && ` · ${t(`training.mood.${trend}`)}`}
      </span>
    </div>
  );
}

export function RunPage() {
  const { t } = useTranslation();
  const { runId = '' } = useParams();
  const [run, setRun] = useState<Run>();
  const [fetchedAt, setFetchedAt] = useState(0);
  const [error, setError] = useState<unknown>();
  const [finishing, setFinishing] = useState(false);
  const [actionError, setActionError] = useState<unknown>();
  const seen = useRef(0);
  useDocumentTitle(run?.title ?? t('nav.training'));

  const load = useCallback(async () => {
    try {
      const next = await api.get<Run>(`/api/training/runs/${runId}`);
      setRun(next);
      setFetchedAt(Date.now());
      setError(undefined);
    } catch (err) {
      setError(err);
    }
  }, [runId]);

  useEffect(() => {
    void load();
  }, [load]);

  const finished = run?.finishedAt != null;
  useEffect(() => {
    if (finished || !run) return;
    const id = setInterval(() => void load(), POLL_MS);
    return () => clearInterval(id);
  }, [finished, run, load]);

  // Announce new audience posts to screen readers.
  const audienceCount = run?.timeline.filter((i) => i.kind === 'audience').length ?? 0;
  const announce = audienceCount > seen.current && seen.current > 0;
  useEffect(() => {
    seen.current = audienceCount;
  }, [audienceCount]);

  const finish = async () => {
    setFinishing(true);
    setActionError(undefined);
    try {
      setRun(await api.post<Run>(`/api/training/runs/${runId}/finish`));
      window.scrollTo({ top: 0 });
    } catch (err) {
      setActionError(err);
    } finally {
      setFinishing(false);
    }
  };

  if (!run && error) {
    return (
      <div className="page">
        {error instanceof ApiError && error.status === 404 ? (
          <Notice tone="error">{t('training.run.notFound')}</Notice>
        ) : (
          <ErrorState error={error} onRetry={() => void load()} />
        )}
        <p>
          <Link to="/training">{t('training.run.back')}</Link>
        </p>
      </div>
    );
  }
  if (!run) return <LoadingState />;

  const audience = run.timeline.filter((i) => i.kind === 'audience');
  return (
    <div className="page page--wide" data-testid="training-run">
      <p className="run-back">
        <Link to="/training">← {t('training.run.back')}</Link>
      </p>
      <header className="run-head">
        <div>
          <h1 className="page-header__title">{run.title}</h1>
          <p className="run-head__role">
            <strong>{t('training.list.yourRole')}</strong> {run.role}
          </p>
        </div>
        <div className="run-head__side">
          <MoodMeter mood={run.mood} />
          <Timer run={run} fetchedAt={fetchedAt} />
          {!finished && (
            <Button
              variant="primary"
              busy={finishing}
              onClick={() => void finish()}
              data-testid="training-finish"
            >
              {t('training.run.finish')}
            </Button>
          )}
        </div>
      </header>
      {actionError !== undefined && <Notice tone="error">{errorText(t, actionError)}</Notice>}
      {error !== undefined && <Notice tone="error">{errorText(t, error)}</Notice>}
      <p className="visually-hidden" aria-live="polite">
        {announce ? t('training.run.newPost') : ''}
      </p>
      {run.debrief && <Debrief debrief={run.debrief} />}
      {!finished && (
        <p className="run-hint">
          {audience.length === 0
            ? t('training.run.waiting')
            : run.nextBeatInMs === null
              ? t('training.run.scriptDone')
              : t('training.run.hint', { seconds: run.respondWithinSeconds })}
        </p>
      )}
      {run.timeline.length === 0 ? (
        <div className="state state--empty">
          <p className="state__title">{t('training.run.emptyTimeline')}</p>
        </div>
      ) : (
        <Timeline run={run} active={!finished} onChange={() => void load()} />
      )}
    </div>
  );
}
