// Team: who is in the organisation and with which role; admins invite, change roles and remove.
import { useTranslation } from 'react-i18next';
import type { Invitation, Member } from '../../api.ts';
import { Card, PageHeader } from '../../components/ui.tsx';
import { useAuthenticated } from '../../session.tsx';
import { useApiData } from '../../useApiData.ts';
import { useDocumentTitle } from '../../useDocumentTitle.ts';
import { InvitationsList } from './InvitationsList.tsx';
import { InviteForm } from './InviteForm.tsx';
import { MembersTable } from './MembersTable.tsx';
import { RoleGuide } from './RoleGuide.tsx';

export function TeamPage() {
  const { t } = useTranslation();
  const session = useAuthenticated();
  const isAdmin = session.role === 'admin';
  useDocumentTitle(t('nav.team'));
  const members = useApiData<{ members: Member[] }>('/api/team/members');
  const invitations = useApiData<{ invitations: Invitation[] }>(isAdmin ? '/api/team/invitations' : null);

  return (
    <div className="page" data-testid="page-team">
      <PageHeader
        title={t('nav.team')}
        description={isAdmin ? t('team.descriptionAdmin') : t('team.descriptionReadOnly')}
      />
      <div className="stack">
        <Card
          title={t('team.members.title')}
          description={
            members.data ? t('team.members.count', { count: members.data.members.length }) : undefined
          }
        >
          <MembersTable data={members} isAdmin={isAdmin} />
        </Card>

        {isAdmin && (
          <div className="grid-2">
            <Card title={t('team.invite.title')} description={t('team.invite.description')}>
              <InviteForm onInvited={invitations.reload} />
            </Card>
            <Card title={t('team.roles.title')} description={t('team.roles.description')}>
              <RoleGuide />
            </Card>
          </div>
        )}

        {isAdmin && (
          <Card title={t('team.invitations.title')} description={t('team.invitations.description')}>
            <InvitationsList data={invitations} />
          </Card>
        )}

        {!isAdmin && (
          <Card title={t('team.roles.title')} description={t('team.roles.description')}>
            <RoleGuide />
          </Card>
        )}
      </div>
    </div>
  );
}
