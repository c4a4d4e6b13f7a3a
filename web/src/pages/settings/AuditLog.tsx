// The audit log: who did what, when, from where. Known actions are translated; unknown ones show as sent.
import { useTranslation } from 'react-i18next';
import type { AuditEntry, Member } from '../../api.ts';
import { EmptyState, ErrorState, LoadingState } from '../../components/ui.tsx';
import { useFormat } from '../../format.ts';
import { useApiData } from '../../useApiData.ts';
import { detailsText, targetText } from './auditText.ts';

const ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.locked',
  'member.role_changed',
  'member.removed',
  'invitation.created',
  'invitation.accepted',
  'invitation.revoked',
  'org.created',
  'org.updated',
  'channel.connect',
  'channel.disconnect',
  'channel.reconnect',
  'post.create',
  'post.delete',
  'post.retry',
  'post.update',
  'post.reschedule',
  'post.submit',
  'post.approve',
  'post.send_back',
  'post.comment',
  'channel.slots_updated',
  'publishing.settings_updated',
  'training.drill_imported',
  'training.drill_updated',
  'training.drill_deleted',
  'guidelines.proposal_created',
  'guidelines.proposal_withdrawn',
  'guidelines.version_published',
  'guidelines.rule_created',
  'guidelines.rule_updated',
  'guidelines.rule_deleted',
  'monitor.created',
  'monitor.updated',
  'monitor.deleted',
  'alerts.rule_updated',
  'alerts.webhook_created',
  'alerts.webhook_deleted',
  'alerts.webhook_updated',
  'alerts.webhook_secret_rotated',
  'feed.added',
  'feed.removed',
  'strategy.plan_updated',
  'strategy.item_added',
  'strategy.item_changed',
  'strategy.item_removed',
  'strategy.personal_plan_created',
  'strategy.personal_plan_deleted',
] as const;
type KnownAction = (typeof ACTIONS)[number];

function isKnownAction(action: string): action is KnownAction {
  return (ACTIONS as readonly string[]).includes(action);
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
              <th scope="col">{t('settings.audit.ip')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td className="nowrap">{format.dateTime(entry.at)}</td>
                <td className="nowrap">
                  {entry.actor?.name ?? <span className="muted">{t('settings.audit.unknownActor')}</span>}
                </td>
                <td>
                  <span
                    className={`action action--${entry.action.split('.')[0] ?? 'other'}${entry.action.endsWith('failed') || entry.action === 'auth.locked' ? ' action--failed' : ''}`}
                    title={entry.action}
                  >
                    {isKnownAction(entry.action) ? t(`audit.${entry.action}`) : entry.action}
                  </span>
                </td>
                <td className="cell-clip">{targetText(entry.target, names, entry.details)}</td>
                <td
                  className="cell-clip muted"
                  title={entry.details ? JSON.stringify(entry.details) : undefined}
                >
                  {detailsText(t, entry.details, entry.action)}
                </td>
                <td className="nowrap muted mono">{entry.ip ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {format.timeZone && (
        <p className="muted small table-note">{t('settings.audit.timesIn', { zone: format.timeZone })}</p>
      )}
    </>
  );
}
