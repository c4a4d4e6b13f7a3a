// The current version to read, the member's acknowledgement, and the history of versions with their diffs.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router-dom';
import { api } from '../../api.ts';
import { Button, Card, EmptyState, ErrorState, LoadingState, Notice } from '../../components/ui.tsx';
import { errorText } from '../../errors.ts';
import { useFormat } from '../../format.ts';
import { useApiData } from '../../useApiData.ts';
import type { Abilities } from './GuidelinesPage.tsx';
import { Diff, Sections } from './parts.tsx';
import {
  ACK_EVENT,
  type Overview,
  type Proposal,
  type VersionSummary,
  type VersionWithDiff,
} from './types.ts';

interface Props {
  overview: Overview;
  can: Abilities;
  onChanged: () => void;
  onPropose: (proposalId: string) => void;
}

/** Starts a proposal: from the template before the first version, from the current version after. */
export function useStartProposal(onPropose: (id: string) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const start = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const created = await api.post<Proposal>('/api/guidelines/proposals', {});
      onPropose(created.id);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return { start, busy, error };
}

export function CurrentTab({ overview, can, onChanged, onPropose }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const current = overview.current;
  const proposal = useStartProposal(onPropose);
  const [acking, setAcking] = useState(false);
  const [ackError, setAckError] = useState<unknown>();
  const { hash } = useLocation();

  // A rule's link lands on its section: scroll there once the text is on the page.
  useEffect(() => {
    if (!hash.startsWith('#section-') || !current) return;
    document.getElementById(hash.slice(1))?.scrollIntoView({ block: 'start' });
  }, [hash, current]);

  if (!current) {
    return (
      <div className="stack">
        <EmptyState title={t('guidelines.current.emptyTitle')}>
          <p>{can.write ? t('guidelines.current.emptyWriter') : t('guidelines.current.emptyReader')}</p>
          {can.write && (
            <Button
              variant="primary"
              busy={proposal.busy}
              onClick={() => void proposal.start()}
              data-testid="guidelines-start-template"
            >
              {t('guidelines.current.startTemplate')}
            </Button>
          )}
        </EmptyState>
        {proposal.error !== undefined && <Notice tone="error">{errorText(t, proposal.error)}</Notice>}
      </div>
    );
  }

  const acknowledge = async () => {
    setAcking(true);
    setAckError(undefined);
    try {
      await api.post('/api/guidelines/acknowledge', { version: current.number });
      window.dispatchEvent(new Event(ACK_EVENT));
      onChanged();
    } catch (err) {
      setAckError(err);
    } finally {
      setAcking(false);
    }
  };

  return (
    <div className="gl-layout">
      <div className="stack">
        {overview.acknowledged ? (
          <Notice tone="success" testId="guidelines-acknowledged">
            {t('guidelines.ack.done', {
              version: current.number,
              date: format.date(overview.acknowledgedAt),
            })}
          </Notice>
        ) : (
          <div className="gl-ack" data-testid="guidelines-ack-box">
            <div>
              <p className="gl-ack__title">{t('guidelines.ack.title', { version: current.number })}</p>
              <p className="muted">{t('guidelines.ack.body')}</p>
            </div>
            <Button
              variant="primary"
              busy={acking}
              onClick={() => void acknowledge()}
              data-testid="guidelines-acknowledge"
            >
              {t('guidelines.ack.button')}
            </Button>
          </div>
        )}
        {ackError !== undefined && <Notice tone="error">{errorText(t, ackError)}</Notice>}
        <article className="card gl-current" data-testid="guidelines-current" data-version={current.number}>
          <header className="gl-current__meta">
            <span className="tag">{t('guidelines.version', { number: current.number })}</span>
            <span className="muted small">
              {t('guidelines.current.published', {
                date: format.date(current.publishedAt),
                name: current.publishedBy ?? t('guidelines.someone'),
              })}
            </span>
            {can.write && (
              <Button
                size="sm"
                busy={proposal.busy}
                onClick={() => void proposal.start()}
                data-testid="guidelines-propose-change"
              >
                {t('guidelines.current.propose')}
              </Button>
            )}
          </header>
          {current.summary && <p className="gl-current__summary">{current.summary}</p>}
          <Sections sections={current.sections} />
        </article>
        {proposal.error !== undefined && <Notice tone="error">{errorText(t, proposal.error)}</Notice>}
      </div>
      <History current={current.number} />
    </div>
  );
}

function History({ current }: { current: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const versions = useApiData<{ versions: VersionSummary[] }>(`/api/guidelines/versions?v=${current}`);
  const [open, setOpen] = useState<number | null>(null);
  return (
    <Card title={t('guidelines.history.title')} description={t('guidelines.history.description')}>
      {versions.loading && !versions.data && <LoadingState />}
      {versions.error && <ErrorState error={versions.error} onRetry={versions.reload} />}
      <ol className="gl-history" data-testid="guidelines-history">
        {(versions.data?.versions ?? []).map((v) => (
          <li key={v.number} className="gl-history__item">
            <button
              type="button"
              className="link-button"
              aria-expanded={open === v.number}
              onClick={() => setOpen(open === v.number ? null : v.number)}
              data-testid={`guidelines-history-${v.number}`}
            >
              {t('guidelines.version', { number: v.number })}
            </button>
            <span className="muted small">
              {' '}
              · {format.date(v.publishedAt)} · {v.publishedBy ?? t('guidelines.someone')}
            </span>
            {v.summary && <p className="small">{v.summary}</p>}
            {open === v.number && <VersionDiff number={v.number} />}
          </li>
        ))}
      </ol>
    </Card>
  );
}

function VersionDiff({ number }: { number: number }) {
  const { t } = useTranslation();
  const version = useApiData<VersionWithDiff>(`/api/guidelines/versions/${number}`);
  if (version.loading && !version.data) return <LoadingState />;
  if (version.error) return <ErrorState error={version.error} onRetry={version.reload} />;
  return (
    <div className="gl-history__diff">
      <p className="small muted">
        {number === 1 ? t('guidelines.diff.first') : t('guidelines.diff.against', { number: number - 1 })}
      </p>
      <Diff lines={version.data?.diff ?? []} testId={`guidelines-diff-${number}`} />
    </div>
  );
}
