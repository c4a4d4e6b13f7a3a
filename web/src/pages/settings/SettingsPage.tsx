// Settings: the organisation (admins), your profile, the connected channels, the audit log and failed jobs (admins), the API reference.
import { useTranslation } from 'react-i18next';
import { ExternalIcon } from '../../components/Icons.tsx';
import { Card, PageHeader } from '../../components/ui.tsx';
import { useAuthenticated } from '../../session.tsx';
import { useDocumentTitle } from '../../useDocumentTitle.ts';
import { AuditLog } from './AuditLog.tsx';
import { Channels } from './Channels.tsx';
import { FailedJobs } from './FailedJobs.tsx';
import { OrgSettings } from './OrgSettings.tsx';
import { ProfileSettings } from './ProfileSettings.tsx';

export function SettingsPage() {
  const { t } = useTranslation();
  const session = useAuthenticated();
  const isAdmin = session.role === 'admin';
  useDocumentTitle(t('nav.settings'));

  return (
    <div className="page" data-testid="page-settings">
      <PageHeader title={t('nav.settings')} description={t('settings.description')} />
      <div className="stack">
        <div className="grid-2">
          <Card
            title={t('settings.org.title')}
            description={isAdmin ? t('settings.org.description') : t('settings.org.readOnly')}
          >
            <OrgSettings editable={isAdmin} />
          </Card>
          <Card title={t('settings.profile.title')} description={t('settings.profile.description')}>
            <ProfileSettings key={session.user.locale ?? 'none'} />
          </Card>
        </div>
        <Card
          title={t('settings.channels.title')}
          description={
            isAdmin ? t('settings.channels.description') : t('settings.channels.descriptionReadOnly')
          }
        >
          <Channels isAdmin={isAdmin} />
        </Card>
        {isAdmin && (
          <Card title={t('settings.audit.title')} description={t('settings.audit.description')}>
            <AuditLog />
          </Card>
        )}
        {isAdmin && (
          <Card title={t('settings.jobs.title')} description={t('settings.jobs.description')}>
            <FailedJobs />
          </Card>
        )}
        <Card title={t('settings.api.title')} description={t('settings.api.description')}>
          <a
            className="btn btn--secondary"
            href="/api/docs"
            target="_blank"
            rel="noreferrer"
            data-testid="api-docs"
          >
            {t('settings.api.open')}
            <ExternalIcon size={15} />
          </a>
        </Card>
      </div>
    </div>
  );
}
