// Training: the drills (built in and the team's own), free practice on your own post, and your past runs.
// Starting either opens the run screen; admins and editors can import a drill file.
import { type ChangeEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError, api, isLocale } from '../../api.ts';
import { ConfirmDialog } from '../../components/Dialog.tsx';
import {
  Button,
  Card,
  EmptyState,
  ErrorState,
  LoadingState,
  Notice,
  PageHeader,
} from '../../components/ui.tsx';
import { errorText } from '../../errors.ts';
import { useFormat } from '../../format.ts';
import { useAuthenticated } from '../../session.tsx';
import { useApiData } from '../../useApiData.ts';
import { useDocumentTitle } from '../../useDocumentTitle.ts';
import { Avatar } from './Timeline.tsx';
import './training.css';
import { clock, type DrillSummary, type Run, type RunSummary } from './types.ts';

function DrillCard({
  drill,
  onStart,
  busy,
  onDelete,
}: {
  drill: DrillSummary;
  onStart: () => void;
  busy: boolean;
  onDelete?: (() => void) | undefined;
}) {
  const { t } = useTranslation();
  return (
    <li className="drill" data-testid={`training-drill-${drill.slug}`}>
      <div className="drill__head">
        <h3 className="drill__title">{drill.title}</h3>
        <span className="drill__meta">
          {t('training.list.duration', { time: clock(drill.durationSeconds * 1000) })}
          {drill.source === 'org' && <span className="badge">{t('training.list.ownDrill')}</span>}
        </span>
      </div>
      <p className="drill__description">{drill.description}</p>
      <p className="drill__role">
        <strong>{t('training.list.yourRole')}</strong> {drill.role}
      </p>
      <div className="drill__foot">
        <ul className="drill__audience" aria-label={t('training.list.audience')}>
          {drill.audience.map((m) => (
            <li key={m.handle} title={`${m.name} · ${t(`training.persona.${m.persona}`)}`}>
              <Avatar name={m.name} persona={m.persona} size="sm" />
            </li>
          ))}
        </ul>
        {onDelete && (
          <Button size="sm" variant="ghost" onClick={onDelete} data-testid={`training-delete-${drill.slug}`}>
            {t('training.list.delete')}
          </Button>
        )}
        <a
          className="drill__file"
          href={`/api/training/drills/${drill.slug}`}
          download={`${drill.slug}.json`}
        >
          {t('training.list.download')}
        </a>
        <Button variant="primary" busy={busy} onClick={onStart} data-testid={`training-start-${drill.slug}`}>
          {t('training.list.start')}
        </Button>
      </div>
    </li>
  );
}

function Practice({ locale }: { locale: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const start = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const run = await api.post<Run>('/api/training/practice', { text, locale });
      navigate(`/training/runs/${run.id}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <Card title={t('training.practice.title')} description={t('training.practice.description')}>
      <div className="practice">
        <label className="visually-hidden" htmlFor="practice-text">
          {t('training.practice.label')}
        </label>
        <textarea
          id="practice-text"
          rows={3}
          maxLength={500}
          value={text}
          placeholder={t('training.practice.placeholder')}
          onChange={(e) => setText(e.target.value)}
          data-testid="training-practice-text"
        />
        {error !== undefined && <Notice tone="error">{errorText(t, error)}</Notice>}
        <Button
          variant="primary"
          busy={busy}
          disabled={!text.trim()}
          onClick={() => void start()}
          data-testid="training-practice-start"
        >
          {t('training.practice.start')}
        </Button>
      </div>
    </Card>
  );
}

function ImportDrill({ onImported }: { onImported: () => void }) {
  const { t } = useTranslation();
  const [result, setResult] = useState<{ tone: 'error' | 'success'; text: string[] }>();
  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    let drill: unknown;
    try {
      drill = JSON.parse(await file.text());
    } catch {
      setResult({ tone: 'error', text: [t('training.import.notJson', { file: file.name })] });
      return;
    }
    try {
      const res = await api.post<{ slug: string; created: boolean }>('/api/training/drills', {
        file: file.name,
        drill,
      });
      setResult({
        tone: 'success',
        text: [t(res.created ? 'training.import.added' : 'training.import.updated', { slug: res.slug })],
      });
      onImported();
    } catch (err) {
      const problems =
        err instanceof ApiError && Array.isArray((err.details as { problems?: unknown })?.problems)
          ? ((err.details as { problems: string[] }).problems as string[])
          : [errorText(t, err)];
      setResult({ tone: 'error', text: problems });
    }
  };
  return (
    <div className="drill-import">
      <label className="btn btn--secondary btn--sm">
        {t('training.import.button')}
        <input
          type="file"
          accept="application/json,.json"
          className="visually-hidden"
          onChange={(e) => void onFile(e)}
          data-testid="training-import-file"
        />
      </label>
      <span className="drill-import__hint">{t('training.import.hint')}</span>
      {result && (
        <Notice tone={result.tone} testId="training-import-result">
          <ul className="training-plain">
            {result.text.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </Notice>
      )}
    </div>
  );
}

export function TrainingPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('nav.training'));
  const session = useAuthenticated();
  const fmt = useFormat();
  const navigate = useNavigate();
  const locale = isLocale(i18n.language) ? i18n.language : 'en';
  const drills = useApiData<{ drills: DrillSummary[] }>(`/api/training/drills?locale=${locale}`);
  const runs = useApiData<{ runs: RunSummary[] }>(`/api/training/runs?locale=${locale}`);
  const [starting, setStarting] = useState<string>();
  const [startError, setStartError] = useState<unknown>();
  const canImport = session.role === 'admin' || session.role === 'editor';
  const [deleting, setDeleting] = useState<DrillSummary>();
  const [deleteBusy, setDeleteBusy] = useState(false);
  const [deleteError, setDeleteError] = useState<unknown>();
  const remove = async () => {
    if (!deleting) return;
    setDeleteBusy(true);
    setDeleteError(undefined);
    try {
      await api.delete(`/api/training/drills/${deleting.slug}`);
      setDeleting(undefined);
      drills.reload();
    } catch (err) {
      setDeleteError(err);
    } finally {
      setDeleteBusy(false);
    }
  };

  const start = async (slug: string) => {
    setStarting(slug);
    setStartError(undefined);
    try {
      const run = await api.post<Run>('/api/training/runs', { drill: slug, locale });
      navigate(`/training/runs/${run.id}`);
    } catch (err) {
      setStartError(err);
      setStarting(undefined);
    }
  };

  return (
    <div className="page page--wide" data-testid="page-training">
      <PageHeader title={t('nav.training')} description={t('training.description')} />
      {startError !== undefined && <Notice tone="error">{errorText(t, startError)}</Notice>}
      <div className="training-grid">
        <div>
          <Card
            title={t('training.list.title')}
            description={t('training.list.description')}
            actions={canImport ? <ImportDrill onImported={drills.reload} /> : undefined}
          >
            {drills.loading && !drills.data ? (
              <LoadingState />
            ) : drills.error && !drills.data ? (
              <ErrorState error={drills.error} onRetry={drills.reload} />
            ) : (drills.data?.drills.length ?? 0) === 0 ? (
              <EmptyState title={t('training.list.empty')}>{t('training.list.emptyHint')}</EmptyState>
            ) : (
              <ul className="drills">
                {drills.data?.drills.map((d) => (
                  <DrillCard
                    key={d.slug}
                    drill={d}
                    busy={starting === d.slug}
                    onStart={() => void start(d.slug)}
                    onDelete={canImport && d.source === 'org' ? () => setDeleting(d) : undefined}
                  />
                ))}
              </ul>
            )}
          </Card>
        </div>
        <div className="training-side">
          <Practice locale={locale} />
          <Card title={t('training.runs.title')}>
            {runs.loading && !runs.data ? (
              <LoadingState />
            ) : runs.error && !runs.data ? (
              <ErrorState error={runs.error} onRetry={runs.reload} />
            ) : (runs.data?.runs.length ?? 0) === 0 ? (
              <EmptyState title={t('training.runs.empty')}>{t('training.runs.emptyHint')}</EmptyState>
            ) : (
              <ul className="run-list" data-testid="training-runs">
                {runs.data?.runs.map((r) => (
                  <li key={r.id} className="run-list__item">
                    <Link to={`/training/runs/${r.id}`}>{r.title}</Link>
                    <span className="run-list__meta">
                      {fmt.dateTime(r.startedAt)} ·{' '}
                      {r.finishedAt
                        ? t('training.runs.score', { score: r.score ?? 0 })
                        : t('training.runs.inProgress')}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
      </div>
      <ConfirmDialog
        open={deleting !== undefined}
        title={t('training.list.deleteTitle')}
        body={t('training.list.deleteBody', { title: deleting?.title ?? '' })}
        confirmLabel={t('training.list.delete')}
        busy={deleteBusy}
        error={deleteError === undefined ? undefined : errorText(t, deleteError)}
        onConfirm={() => void remove()}
        onCancel={() => setDeleting(undefined)}
      />
    </div>
  );
}
