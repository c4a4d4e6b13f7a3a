// The audit log: who did what, when, from where (the IP address under who). Known actions are translated; unknown ones show as sent.
import { useTranslation } from 'react-i18next';
import type { AuditEntry, Member } from '../../api.ts';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { useApiData } from '../../useApiData.ts';
import { AUDIT_ACTIONS, type AuditAction, detailsText, targetText } from './auditText.ts';

function isKnownAction(action: string): action is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(action);
}

export function AuditLog() {
  const { t } = useTranslation();
  const format = useFormat();
  const audit = useApiData<{ entries: AuditEntry[] }>('/api/audit?limit=100');
  // Member changes name their target by user id; show the person's name instead.
  const members = useApiData<{ members: Member[] }>('/api/team/members');
  const names = new Map((members.data?.members ?? []).map((m) => [m.userId, m.name]));

  if (audit.loading && !audit.data) return <LoadingState />;
  if (audit.error && !audit.data) return <ErrorState error={audit.error} onRetry={audit.reload} />;
  const entries = audit.data?.entries ?? [];
  if (entries.length === 0) return <EmptyState title={t('settings.audit.empty')} />;

  return (
    <>
      <div className="table-wrap table-wrap--scroll">
        <table className="table table--dense" data-testid="audit-table">
          <thead>
            <tr>
              <th scope="col">{t('settings.audit.when')}</th>
              <th scope="col">{t('settings.audit.who')}</th>
              <th scope="col">{t('settings.audit.action')}</th>
              <th scope="col">{t('settings.audit.target')}</th>
              <th scope="col">{t('settings.audit.details')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => {
              const target = targetText(t, entry, names);
              return (
                <tr key={entry.id}>
                  <td className="nowrap">{format.dateTime(entry.at)}</td>
                  <td className="nowrap">
                    {entry.actor?.name ?? <span className="muted">{t('settings.audit.unknownActor')}</span>}
                    {/* Where from, under who: a column of its own left the table wider than the page. */}
                    {entry.ip && (
                      <div className="muted mono small" title={t('settings.audit.ip')} data-testid="audit-ip">
                        {entry.ip}
                      </div>
                    )}
                  </td>
                  <td>
                    <span
                      className={`action action--${entry.action.split('.')[0] ?? 'other'}${entry.action.endsWith('failed') || entry.action === 'auth.locked' ? ' action--failed' : ''}`}
                      title={entry.action}
                    >
                      {isKnownAction(entry.action) ? t(`audit.${entry.action}`) : entry.action}
                    </span>
                  </td>
                  <td className="cell-clip audit-target" title={target}>
                    {target}
                  </td>
                  <td className="muted audit-details">{detailsText(t, entry, format.dateTime)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {format.timeZone && (
        <p className="muted small table-note">{t('settings.audit.timesIn', { zone: format.timeZone })}</p>
      )}
    </>
  );
}
