// Background jobs that used up their retries ("dead"), with their last error and a retry button.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type Job } from '../../api.ts';
import { Button, EmptyState, ErrorState, LoadingState, Notice } from '../../components/ui.tsx';
import { errorText } from '../../errors.ts';
import { useFormat } from '../../format.ts';
import { useApiData } from '../../useApiData.ts';

export function FailedJobs() {
  const { t } = useTranslation();
  const format = useFormat();
  const jobs = useApiData<{ jobs: Job[] }>('/api/jobs?state=dead');
  const [busyId, setBusyId] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [retried, setRetried] = useState<string>();

  if (jobs.loading && !jobs.data) return <LoadingState />;
  if (jobs.error && !jobs.data) return <ErrorState error={jobs.error} onRetry={jobs.reload} />;
  const list = jobs.data?.jobs ?? [];

  async function retry(job: Job) {
    setBusyId(job.id);
    setError(undefined);
    setRetried(undefined);
    try {
      await api.post(`/api/jobs/${encodeURIComponent(job.id)}/retry`, {});
      setRetried(job.name);
      jobs.reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusyId(undefined);
    }
  }

  return (
    <>
      {error !== undefined && <Notice tone="error">{errorText(t, error)}</Notice>}
      {retried && <Notice tone="success">{t('settings.jobs.retried', { name: retried })}</Notice>}
      {list.length === 0 ? (
        <EmptyState title={t('settings.jobs.empty')}>{t('settings.jobs.emptyHint')}</EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table table--dense" data-testid="jobs-table">
            <thead>
              <tr>
                <th scope="col">{t('settings.jobs.name')}</th>
                <th scope="col">{t('settings.jobs.attempts')}</th>
                <th scope="col">{t('settings.jobs.lastError')}</th>
                <th scope="col">{t('settings.jobs.failedAt')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((job) => (
                <tr key={job.id} data-testid={`job-row-${job.id}`}>
                  <td className="mono">{job.name}</td>
                  <td className="nowrap">
                    {t('settings.jobs.attemptsOf', {
                      attempts: format.number(job.attempts),
                      max: format.number(job.maxAttempts),
                    })}
                  </td>
                  <td className="cell-clip cell-error" title={job.lastError ?? undefined}>
                    {job.lastError ?? '—'}
                  </td>
                  <td className="nowrap">{format.dateTime(job.finishedAt ?? job.runAt)}</td>
                  <td className="table__actions">
                    <Button
                      size="sm"
                      busy={busyId === job.id}
                      disabled={busyId !== undefined}
                      data-testid={`job-retry-${job.id}`}
                      onClick={() => void retry(job)}
                    >
                      {t('settings.jobs.retry')}
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
