// What each role may do, in one line each.
import { useTranslation } from 'react-i18next';
import { ROLES } from '../../api.ts';
import { RoleBadge } from '../../components/ui.tsx';

export function RoleGuide() {
  const { t } = useTranslation();
  return (
    <dl className="role-guide" data-testid="role-guide">
      {ROLES.map((role) => (
        <div key={role} className="role-guide__row">
          <dt>
            <RoleBadge role={role} />
          </dt>
          <dd>{t(`roleDescriptions.${role}`)}</dd>
        </div>
      ))}
    </dl>
  );
}
