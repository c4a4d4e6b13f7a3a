// Signed in but in no organisation (e.g. removed from the last one): pick one or create one.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type SessionInfo } from '../../api.ts';
import { AuthLayout } from '../../components/AuthLayout.tsx';
import { CreateOrgForm } from '../../components/CreateOrgDialog.tsx';
import { Button, Notice } from '../../components/ui.tsx';
import { errorText } from '../../errors.ts';
import { useAuthenticated, useSession } from '../../session.tsx';
import { useDocumentTitle } from '../../useDocumentTitle.ts';

export function NoOrgPage() {
  const { t } = useTranslation();
  const session = useAuthenticated();
  const { establish, logout } = useSession();
  const [error, setError] = useState<unknown>();
  const [busyId, setBusyId] = useState<string>();
  useDocumentTitle(t('noOrg.title'));

  async function choose(orgId: string) {
    setBusyId(orgId);
    setError(undefined);
    try {
      establish(await api.put<SessionInfo>('/api/session/org', { orgId }));
    } catch (err) {
      setError(err);
      setBusyId(undefined);
    }
  }

  return (
    <AuthLayout
      title={session.orgs.length > 0 ? t('noOrg.chooseTitle') : t('noOrg.title')}
      intro={<p>{session.orgs.length > 0 ? t('noOrg.chooseBody') : t('noOrg.body')}</p>}
    >
      {error !== undefined && <Notice tone="error">{errorText(t, error)}</Notice>}
      {session.orgs.length > 0 && (
        <ul className="choice-list">
          {session.orgs.map((org) => (
            <li key={org.id}>
              <Button className="btn--block" busy={busyId === org.id} onClick={() => void choose(org.id)}>
                {org.name} · {t(`roles.${org.role}`)}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <h2 className="auth__subtitle">{t('createOrg.title')}</h2>
      <CreateOrgForm onDone={() => undefined} />
      <p className="muted small">
        {t('noOrg.signedInAs', { email: session.user.email })}{' '}
        <button type="button" className="link-button" data-testid="logout" onClick={() => void logout()}>
          {t('shell.logout')}
        </button>
      </p>
    </AuthLayout>
  );
}
