// For admins: who has read and acknowledged the current version, and who has not yet.
import { useTranslation } from 'react-i18next';
import { Card, EmptyState, ErrorState, LoadingState } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { useApiData } from '../../useApiData.ts';
import type { Acknowledgements } from './types.ts';

export function AcknowledgementsTab() {
  const { t } = useTranslation();
  const format = useFormat();
  const acks = useApiData<Acknowledgements>('/api/guidelines/acknowledgements');
  if (acks.loading && !acks.data) return <LoadingState />;
  if (acks.error || !acks.data) return <ErrorState error={acks.error} onRetry={acks.reload} />;
  const { version, members, acknowledged, total } = acks.data;
  if (version === null) {
    return <EmptyState title={t('guidelines.acks.emptyTitle')}>{t('guidelines.acks.emptyBody')}</EmptyState>;
  }
  const sorted = [...members].sort(
    (a, b) =>
      Number(a.acknowledgedAt !== null) - Number(b.acknowledgedAt !== null) || format.compare(a.name, b.name),
  );
  return (
    <Card
      title={t('guidelines.acks.title', { version })}
      description={t('guidelines.acks.count', { count: acknowledged, total })}
    >
      <div className="table-wrap">
        <table className="table" data-testid="acks-table">
          <thead>
            <tr>
              <th scope="col">{t('fields.name')}</th>
              <th scope="col">{t('fields.email')}</th>
              <th scope="col">{t('guidelines.acks.status')}</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((m) => (
              <tr
                key={m.userId}
                data-testid={`ack-${m.email}`}
                data-acknowledged={m.acknowledgedAt ? 'yes' : 'no'}
              >
                <td>{m.name}</td>
                <td>{m.email}</td>
                <td>
                  {m.acknowledgedAt ? (
                    <span className="gl-ack-yes">
                      {t('guidelines.acks.yes', { date: format.dateTime(m.acknowledgedAt) })}
                    </span>
                  ) : (
                    <span className="gl-ack-no">{t('guidelines.acks.no')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
